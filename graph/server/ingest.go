package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"time"
)

// IngestPath is the endpoint that takes articles: POST, with the bearer
// token, when the server has WithWrites and WithIngest.
const IngestPath = "/api/geokg/v1/ingest"

// Ingester stores the articles of an ingest request as geokg ingest
// stores them; internal/ingest's Server is the one geokg serve gives the
// server (WithIngest).
type Ingester interface {
	// Ready loads what ingesting needs (the extractor's models), on the
	// first request; an error makes the endpoint answer 500.
	Ready() error
	// IngestJSONL stores the articles of body, JSONL, one at a time and in
	// order, and calls emit with what became of each (and of each line
	// that is no article). A non-nil storeErr is the store's failure, for
	// the error log: the result then says "internal error" only. It
	// returns ctx's error when ctx is done, or the error reading body.
	IngestJSONL(ctx context.Context, body io.Reader, force bool, emit func(res IngestResult, storeErr error)) error
}

// The statuses of an article in an IngestResult.
const (
	IngestNew       = "new"       // the store did not hold it
	IngestUpdated   = "updated"   // it held another version, now replaced
	IngestUnchanged = "unchanged" // extracted again (?force=true), and the store already held exactly that
	IngestSkipped   = "skipped"   // the store holds it with the same content; not extracted again
	IngestFailed    = "failed"    // bad input, or extraction or the write failed: see Error
)

// IngestResult is what became of one article of an ingest request.
type IngestResult struct {
	Line       int    `json:"line"`            // the article's line in the request body, from 1
	ID         string `json:"id,omitempty"`    // the document's IRI
	Status     string `json:"status"`          // IngestNew, IngestUpdated, …
	Statements int    `json:"statements"`      // statements extracted
	Added      int    `json:"added"`           // quads added
	Removed    int    `json:"removed"`         // quads removed: an earlier version's, no longer extracted
	Unchanged  int    `json:"unchanged"`       // quads already stored
	Error      string `json:"error,omitempty"` // why it failed
}

// IngestResponse is the answer of POST /api/geokg/v1/ingest: one result
// for each article in the order of the request, and their counts.
type IngestResponse struct {
	Articles  []IngestResult `json:"articles"`
	New       int            `json:"new"`
	Updated   int            `json:"updated"`
	Unchanged int            `json:"unchanged"`
	Skipped   int            `json:"skipped"`
	Failed    int            `json:"failed"`
}

func (r *IngestResponse) add(res IngestResult) {
	r.Articles = append(r.Articles, res)
	switch res.Status {
	case IngestNew:
		r.New++
	case IngestUpdated:
		r.Updated++
	case IngestUnchanged:
		r.Unchanged++
	case IngestSkipped:
		r.Skipped++
	default:
		r.Failed++
	}
}

// WithIngest enables POST /api/geokg/v1/ingest, which takes articles as
// geokg ingest reads them from a JSONL file, and stores each with in as
// geokg ingest does: each article is written in one transaction under
// the store's write lock, so readers of the server see each article whole
// or not at all. The endpoint is a write endpoint: it needs WithWrites
// too, and the bearer token on every request.
func WithIngest(in Ingester) Option { return func(c *config) { c.ingest = in } }

// handleIngest is POST /api/geokg/v1/ingest[?force=true]: the body holds
// one article as a JSON object {"id", "url", "title", "date", "text"}, or
// many, one such object a line (JSONL). Each is stored as geokg ingest
// stores it; one that the store holds already with the same content is
// skipped unless ?force=true. The answer is an IngestResponse: 200 when
// every article was stored or skipped, 422 when some failed for what they
// hold (bad JSON, no text, a sentence the extractor refused), 500 when the
// store failed to write one; the articles before and after a failed one
// are stored all the same.
func (s *Server) handleIngest(w http.ResponseWriter, r *http.Request) {
	in := s.cfg.ingest
	if in == nil {
		writeError(w, http.StatusNotImplemented, "this server does not ingest articles")
		return
	}
	force := false
	if v := r.URL.Query().Get("force"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.fail(w, r, badRequestf("force=%s: want true or false", v))
			return
		}
		force = b
	}
	body, err := readBody(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body, err = jsonLines(body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The extractor's models and the ingest's working set are the
	// server's own heap, not a query's: the memory mark follows them.
	defer s.mem.Own()()
	if err := in.Ready(); err != nil {
		s.cfg.errorLog.Printf("%s %s: load extractor: %v", r.Method, r.URL.Path, err)
		writeError(w, http.StatusInternalServerError, "internal error: the extractor could not be loaded")
		return
	}

	ctx := r.Context()
	rc := http.NewResponseController(w)
	var (
		resp        = IngestResponse{Articles: []IngestResult{}}
		storeFailed bool
	)
	// Every article gets the time a query gets to be written back, however
	// many came before it in the body. A ResponseWriter that cannot take a
	// deadline (a test's recorder) needs none.
	rc.SetWriteDeadline(time.Now().Add(2*s.cfg.queryTimeout + writeMargin))
	emit := func(res IngestResult, storeErr error) {
		if storeErr != nil {
			storeFailed = true
			s.cfg.errorLog.Printf("%s %s: line %d: %v", r.Method, r.URL.Path, res.Line, storeErr)
		}
		resp.add(res)
		rc.SetWriteDeadline(time.Now().Add(2*s.cfg.queryTimeout + writeMargin))
	}
	if err := in.IngestJSONL(ctx, bytes.NewReader(body), force, emit); err != nil {
		if ctx.Err() != nil {
			return // the client went away
		}
		s.fail(w, r, err)
		return
	}
	code := http.StatusOK
	switch {
	case storeFailed:
		code = http.StatusInternalServerError
	case resp.Failed > 0:
		code = http.StatusUnprocessableEntity
	}
	writeJSON(w, code, resp)
}

// jsonLines checks that body holds JSON objects and returns it as JSONL,
// one object a line: a single object spread over several lines (as jq
// prints it) is put on one.
func jsonLines(body []byte) ([]byte, error) {
	trimmed := bytes.TrimSpace(bytes.TrimPrefix(body, []byte("\ufeff")))
	if len(trimmed) == 0 {
		return nil, badRequestf("empty request body: want an article as a JSON object {\"id\", \"url\", \"title\", \"date\", \"text\"}, or one such object a line")
	}
	if trimmed[0] != '{' {
		return nil, badRequestf("the request body is not JSON: want an article as a JSON object {\"id\", \"url\", \"title\", \"date\", \"text\"}, or one such object a line")
	}
	if bytes.IndexByte(trimmed, '\n') >= 0 && json.Valid(trimmed) {
		var buf bytes.Buffer
		if err := json.Compact(&buf, trimmed); err == nil {
			return buf.Bytes(), nil
		}
	}
	return body, nil
}
