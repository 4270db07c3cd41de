package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/geokg/geokg/graph"
)

// Query runs a query on the server, as Server.Query does here: POST
// /api/v2/query in the language lang, within the server's limits. It
// returns the results as plain JSON values, the one value of a GraphQL
// answer as a one-element slice, or the server's error.
func (c *Client) Query(ctx context.Context, lang, q string) ([]any, error) {
	op := fmt.Sprintf("query %s through %s", lang, c.base)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/api/v2/query?lang="+url.QueryEscape(lang), strings.NewReader(q))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Accept", contentTypeJSON)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", op, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if lang == graph.GraphQL {
			var e struct {
				Errors []struct {
					Message string `json:"message"`
				} `json:"errors"`
			}
			if json.Unmarshal(b, &e) == nil && len(e.Errors) > 0 {
				return nil, fmt.Errorf("%s: %s: %s", op, resp.Status, e.Errors[0].Message)
			}
		}
		return nil, fmt.Errorf("%s: %w", op, answerError(resp, b))
	}
	// The server bounds the answer's size (its --max-result).
	var answer struct {
		Result []any `json:"result"`
		Data   any   `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&answer); err != nil {
		return nil, fmt.Errorf("%s: read the answer: %w", op, err)
	}
	if lang == graph.GraphQL {
		return []any{answer.Data}, nil
	}
	if answer.Result == nil {
		answer.Result = []any{}
	}
	return answer.Result, nil
}
