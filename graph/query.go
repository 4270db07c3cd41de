package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cayleygraph/cayley/query"
	_ "github.com/cayleygraph/cayley/query/gizmo"   // registers "gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql" // registers "graphql"
	_ "github.com/cayleygraph/cayley/query/mql"     // registers "mql"
)

// The query languages Query runs.
const (
	Gizmo   = "gizmo"
	GraphQL = "graphql"
	MQL     = "mql"
)

// Languages lists the query languages Query accepts.
func Languages() []string { return []string{Gizmo, GraphQL, MQL} }

// DefaultQueryLimit is the number of results Query returns when it is
// given no limit, as Cayley's HTTP API does.
const DefaultQueryLimit = 100

// Query runs q in the Cayley query language lang (Gizmo, GraphQL or MQL)
// and returns at most limit results (DefaultQueryLimit when limit <= 0) as
// plain JSON values (maps, slices, strings, numbers, booleans), the shape
// Cayley's HTTP API writes: Gizmo's g.V(…).All() gives one {"id": …} object
// per path, IRIs written "<ent:iran>". Cayley paths yield a result per
// quad, so an edge that two documents report is reached twice unless the
// query asks for .Unique(). The query stops when ctx is done.
func (s *Store) Query(ctx context.Context, lang, q string, limit int) (_ []interface{}, err error) {
	if limit <= 0 {
		limit = DefaultQueryLimit
	}
	known := false
	for _, l := range Languages() {
		known = known || l == lang
	}
	l := query.GetLanguage(lang)
	if !known || l == nil || l.Session == nil {
		return nil, fmt.Errorf("query: %w %q (choose one of %s)", ErrUnknownLanguage, lang, strings.Join(Languages(), ", "))
	}
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", lang, err)
	}
	defer unlock()
	defer s.guard(&err)

	it, err := l.Session(s.qs).Execute(ctx, q, query.Options{Collation: query.JSON, Limit: limit})
	if err != nil {
		return nil, fmt.Errorf("query %s: %w", lang, err)
	}
	defer it.Close()
	out := []interface{}{}
	for len(out) < limit && it.Next(ctx) {
		r := it.Result()
		if r == nil {
			continue // gizmo's end-of-script marker
		}
		v, err := plainJSON(r)
		if err != nil {
			return nil, fmt.Errorf("query %s: result: %w", lang, err)
		}
		out = append(out, v)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("query %s: %w", lang, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("query %s: %w", lang, err)
	}
	return out, nil
}

// plainJSON turns a query result holding Cayley values (quad.IRI, …) into
// the plain value its JSON encoding reads back as.
func plainJSON(v interface{}) (interface{}, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var out interface{}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	return out, nil
}
