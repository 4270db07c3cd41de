package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Client sends articles to the ingest endpoint of a geokg server, as
// `geokg ingest --server URL` does, and reads the server's counts. It is
// safe for concurrent use.
type Client struct {
	base  string // the server's URL, without a trailing slash
	token string
	hc    *http.Client
}

// NewClient returns a client of the geokg server at base
// (http://127.0.0.1:64210) that sends token as its bearer token. It fails
// when base is not an http or https URL.
func NewClient(base, token string) (*Client, error) {
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" || u.User != nil {
		return nil, fmt.Errorf("server URL %q: want http://HOST:PORT or https://HOST:PORT", base)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	// Workers post at once; each keeps its connection.
	tr.MaxIdleConnsPerHost = 64
	return &Client{base: strings.TrimRight(u.String(), "/"), token: strings.TrimSpace(token), hc: &http.Client{Transport: tr}}, nil
}

// URL returns the server's URL.
func (c *Client) URL() string { return c.base }

// Ingest sends one article to the server, which stores it unless it holds
// it already with the same content (force stores it anyway), and returns
// what became of it. An article the server refused for what it holds (bad
// text, too large for the server's body limit, an extraction or a write
// that failed) comes back as a result with Status IngestFailed and a nil
// error; an error says the server could not be asked at all (unreachable,
// a wrong token, not a geokg server taking articles), which no other
// article will fare better with.
func (c *Client) Ingest(ctx context.Context, doc schema.Document, force bool) (IngestResult, error) {
	body, err := articleLine(doc)
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest %s: %w", doc.ID, err)
	}
	target := c.base + IngestPath
	if force {
		target += "?force=true"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest through %s: %w", c.base, err)
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest through %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return IngestResult{}, fmt.Errorf("ingest through %s: read the answer: %w", c.base, err)
	}
	switch resp.StatusCode {
	case http.StatusOK, http.StatusUnprocessableEntity, http.StatusInternalServerError:
		var r IngestResponse
		if err := json.Unmarshal(b, &r); err == nil && len(r.Articles) == 1 {
			res := r.Articles[0]
			if res.Status != IngestFailed && res.ID != doc.ID {
				return IngestResult{}, fmt.Errorf("ingest through %s: the server stored %s as %s", c.base, doc.ID, res.ID)
			}
			return res, nil
		}
	case http.StatusRequestEntityTooLarge:
		return IngestResult{ID: doc.ID, Status: IngestFailed,
			Error: fmt.Sprintf("%d bytes as JSON is more than the server takes in one request (its --max-body)", len(body))}, nil
	}
	return IngestResult{}, fmt.Errorf("ingest through %s: %s", c.base, answerError(resp, b))
}

// Stats returns the counts of the server's store.
func (c *Client) Stats(ctx context.Context) (graph.Stats, error) {
	var st graph.Stats
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+"/api/geokg/v1/stats", nil)
	if err != nil {
		return st, fmt.Errorf("stats of %s: %w", c.base, err)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return st, fmt.Errorf("stats of %s: %w", c.base, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return st, fmt.Errorf("stats of %s: %w", c.base, err)
	}
	if resp.StatusCode != http.StatusOK {
		return st, fmt.Errorf("stats of %s: %s", c.base, answerError(resp, b))
	}
	if err := json.Unmarshal(b, &st); err != nil {
		return st, fmt.Errorf("stats of %s: %w", c.base, err)
	}
	return st, nil
}

// answerError words an answer that is not what the client asked for: its
// status and the server's error message, or a hint when the answer is not
// from a geokg server.
func answerError(resp *http.Response, b []byte) error {
	var e errorBody
	msg := ""
	if json.Unmarshal(b, &e) == nil && e.Error != "" {
		msg = e.Error
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized:
		return fmt.Errorf("%s: %s (give the server's token with --token or $GEOKG_TOKEN)", resp.Status, msg)
	case resp.StatusCode == http.StatusForbidden && msg != "":
		return fmt.Errorf("%s: %s (start the server with --allow-writes)", resp.Status, msg)
	case msg != "":
		return fmt.Errorf("%s: %s", resp.Status, msg)
	}
	return errors.New(resp.Status + ": not an answer of a geokg server")
}

// articleLine is an article as one JSONL line of the shape geokg ingest
// reads. Its id is the source id the document's IRI was made from, so the
// server gives the article the same IRI.
func articleLine(doc schema.Document) ([]byte, error) {
	rec := struct {
		ID    string `json:"id"`
		URL   string `json:"url,omitempty"`
		Title string `json:"title,omitempty"`
		Date  string `json:"date,omitempty"`
		Text  string `json:"text"`
	}{ID: strings.TrimPrefix(doc.ID, schema.DocumentPrefix), URL: doc.URL, Title: doc.Title, Date: doc.Published, Text: doc.Text}
	b, err := json.Marshal(rec)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}
