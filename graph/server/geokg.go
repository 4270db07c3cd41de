package server

import (
	"context"
	_ "embed"
	"errors"
	"net/http"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Limits of geokg's read API.
const (
	DefaultSearchLimit = 20   // entities a search returns unless ?limit= says otherwise
	MaxSearchLimit     = 1000 // the most ?limit= may ask for
	MaxPathDepth       = 8    // the longest path ?max_depth= may ask for
)

// Entity is an entity as the read API returns it: the fields of the
// statement JSON's subject and object, with its aliases and parent state.
type Entity struct {
	IRI             string      `json:"iri"`
	Name            string      `json:"name"`
	Type            schema.Kind `json:"type"`
	ISO3            string      `json:"iso3"`
	CAMEO           string      `json:"cameo"`
	Aliases         []string    `json:"aliases"`
	Parent          string      `json:"parent,omitempty"`
	ParentPredicate string      `json:"parent_predicate,omitempty"`
}

func entityOf(e schema.Entity) Entity {
	aliases := e.Aliases
	if aliases == nil {
		aliases = []string{}
	}
	return Entity{IRI: e.IRI, Name: e.Name, Type: e.Type, ISO3: e.ISO3, CAMEO: e.CAMEO,
		Aliases: aliases, Parent: e.Parent, ParentPredicate: e.ParentPredicate}
}

// EntitiesResponse is the answer of GET /api/geokg/v1/entities.
type EntitiesResponse struct {
	Query    string   `json:"query"`
	Entities []Entity `json:"entities"`
}

// Document is a news article as the read API returns it.
type Document struct {
	IRI       string `json:"iri"`
	URL       string `json:"url"`
	Headline  string `json:"headline"`
	Published string `json:"published"`
}

// RelationsResponse is the answer of GET
// /api/geokg/v1/entities/{name}/relations: the entity, one page of its
// statements in statement JSON, and the documents they come from. Count
// is the number of statements the filters keep, on every page, and Counts
// the same by predicate; NextCursor, given as ?cursor=, asks for the next
// page, and is absent on the last.
type RelationsResponse struct {
	Entity     Entity              `json:"entity"`
	Count      int                 `json:"count"`
	Counts     map[string]int      `json:"counts"`
	NextCursor string              `json:"next_cursor,omitempty"`
	Relations  []schema.Statement  `json:"relations"`
	Documents  map[string]Document `json:"documents"`
}

// The values of ?order=.
var orders = map[string]graph.Order{"newest": graph.Newest, "oldest": graph.Oldest}

// PathResponse is the answer of GET /api/geokg/v1/path: the paths, each
// hop with the statements that support it, and the documents those come
// from.
type PathResponse struct {
	From      Entity              `json:"from"`
	To        Entity              `json:"to"`
	MaxDepth  int                 `json:"max_depth"`
	Paths     []graph.Path        `json:"paths"`
	Documents map[string]Document `json:"documents"`
}

// Health is the answer of GET /health.
type Health struct {
	Status   string `json:"status"` // "ok", "unavailable" or "damaged"
	ReadOnly bool   `json:"read_only"`
	Standby  bool   `json:"standby,omitempty"` // the store is a PostgreSQL hot standby: read-only whatever the options
	Error    string `json:"error,omitempty"`
}

// lookupContext bounds a cheap lookup by the query timeout, without
// waiting for a slot.
func (s *Server) lookupContext(r *http.Request) (context.Context, context.CancelFunc) {
	return context.WithTimeout(r.Context(), s.cfg.queryTimeout)
}

// intParam reads an integer query parameter, def when absent.
func intParam(r *http.Request, name string, def, lo, hi int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, badRequestf("%s=%s: want a whole number from %d to %d", name, v, lo, hi)
	}
	return n, nil
}

func (s *Server) handleEntities(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		s.fail(w, r, badRequestf("missing ?q=: the name, alias or IRI to look for"))
		return
	}
	limit, err := intParam(r, "limit", DefaultSearchLimit, 1, MaxSearchLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offset, err := intParam(r, "offset", 0, 0, MaxSearchLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	found, err := s.store.FindEntities(ctx, q, offset+limit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	found = found[min(offset, len(found)):]
	resp := EntitiesResponse{Query: q, Entities: []Entity{}}
	for _, e := range found {
		resp.Entities = append(resp.Entities, entityOf(e))
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *Server) handleEntity(w http.ResponseWriter, r *http.Request) {
	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	e, err := s.resolver.Resolve(ctx, r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, entityOf(e))
}

// The values of ?direction=.
var directions = map[string]graph.Direction{"both": graph.Both, "out": graph.Out, "in": graph.In}

func (s *Server) handleRelations(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	f := graph.Filter{Since: vals.Get("since"), Until: vals.Get("until")}
	dir := vals.Get("direction")
	if dir == "" {
		dir = "both"
	}
	d, ok := directions[dir]
	if !ok {
		s.fail(w, r, badRequestf("direction=%s: choose in, out or both", dir))
		return
	}
	f.Direction = d
	for _, v := range vals["predicate"] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p == "" {
				continue
			}
			if _, ok := schema.LookupPredicate(p); !ok {
				s.fail(w, r, badRequestf("predicate=%s: unknown predicate; known are %s", p, strings.Join(predicateNames(), ", ")))
				return
			}
			f.Predicates = append(f.Predicates, p)
		}
	}

	page := graph.Page{Cursor: vals.Get("cursor")}
	var err error
	if page.Limit, err = intParam(r, "limit", graph.DefaultPageLimit, 1, graph.MaxPageLimit); err != nil {
		s.fail(w, r, err)
		return
	}
	order := vals.Get("order")
	if order == "" {
		order = "newest"
	}
	if page.Order, ok = orders[order]; !ok {
		s.fail(w, r, badRequestf("order=%s: choose newest or oldest", order))
		return
	}

	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	ent, err := s.resolver.Resolve(ctx, r.PathValue("name"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	got, err := s.store.RelationsPage(ctx, ent.IRI, f, page)
	switch {
	case errors.Is(err, graph.ErrNotFound):
		got = graph.RelationsPage{} // an entity with facts but no relation
	case errors.Is(err, graph.ErrBadCursor):
		s.fail(w, r, badRequestf("cursor=%s: not a cursor of these relations (take next_cursor of the page before, with the same order)", page.Cursor))
		return
	case err != nil:
		s.fail(w, r, err)
		return
	}
	stmts := got.Relations
	resp := RelationsResponse{Entity: entityOf(ent), Count: got.Total, Counts: got.Counts, NextCursor: got.NextCursor, Relations: stmts}
	if resp.Relations == nil {
		resp.Relations = []schema.Statement{}
	}
	if resp.Counts == nil {
		resp.Counts = map[string]int{}
	}
	if resp.Documents, err = s.documents(ctx, stmts); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

// documents returns the documents of stmts by IRI, each read once.
func (s *Server) documents(ctx context.Context, stmts []schema.Statement) (map[string]Document, error) {
	out := make(map[string]Document)
	for _, st := range stmts {
		if _, done := out[st.Doc]; done || st.Doc == "" {
			continue
		}
		doc, err := s.store.Document(ctx, st.Doc)
		switch {
		case errors.Is(err, graph.ErrNotFound):
			out[st.Doc] = Document{IRI: st.Doc}
		case err != nil:
			return nil, err
		default:
			out[st.Doc] = Document{IRI: doc.ID, URL: doc.URL, Headline: doc.Title, Published: doc.Published}
		}
	}
	return out, nil
}

func predicateNames() []string {
	var names []string
	for _, p := range schema.Predicates() {
		names = append(names, p.Name)
	}
	return names
}

func (s *Server) handlePath(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	from, to := strings.TrimSpace(vals.Get("from")), strings.TrimSpace(vals.Get("to"))
	if from == "" || to == "" {
		s.fail(w, r, badRequestf("want ?from= and ?to=: the names of two entities"))
		return
	}
	depth, err := intParam(r, "max_depth", graph.DefaultMaxDepth, 1, MaxPathDepth)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	src, err := s.resolver.Resolve(ctx, from)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	dst, err := s.resolver.Resolve(ctx, to)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if src.IRI == dst.IRI {
		s.fail(w, r, badRequestf("%q and %q are the same entity, %s", from, to, src.IRI))
		return
	}
	paths, err := s.store.Paths(ctx, src.IRI, dst.IRI, depth)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if paths == nil {
		paths = []graph.Path{}
	}
	var support []schema.Statement
	for _, p := range paths {
		for _, h := range p {
			support = append(support, h.Support...)
		}
	}
	docs, err := s.documents(ctx, support)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, PathResponse{From: entityOf(src), To: entityOf(dst), MaxDepth: depth, Paths: paths, Documents: docs})
}

func (s *Server) handleStats(w http.ResponseWriter, r *http.Request) {
	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	st, err := s.store.Stats(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, st)
}

// handleHealth answers 200 while the store can be read, 503 otherwise:
// "damaged" once a read found the store damaged.
func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := s.lookupContext(r)
	defer cancel()
	err := s.store.View(ctx, func(cgraph.QuadStore) error { return nil })
	if err == nil {
		err = s.store.Damaged()
	}
	if errors.Is(err, graph.ErrDamaged) {
		s.cfg.errorLog.Printf("health: %v", err)
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "damaged", ReadOnly: s.ReadOnly(), Error: errDamaged})
		return
	}
	if err != nil {
		if r.Context().Err() != nil {
			return
		}
		writeJSON(w, http.StatusServiceUnavailable, Health{Status: "unavailable", ReadOnly: s.ReadOnly(), Error: "the store cannot be read"})
		return
	}
	writeJSON(w, http.StatusOK, Health{Status: "ok", ReadOnly: s.ReadOnly(), Standby: s.standby})
}

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the OpenAPI 3 document describing geokg's read API.
func OpenAPI() []byte { return append([]byte(nil), openAPI...) }

func handleOpenAPI(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPI)
}
