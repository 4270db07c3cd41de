package server

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/dot"     // registers the "dot" format for /api/v2/read
	_ "github.com/cayleygraph/quad/gml"     // registers "gml"
	_ "github.com/cayleygraph/quad/graphml" // registers "graphml"
	_ "github.com/cayleygraph/quad/json"    // registers "json" and "json-stream"
	_ "github.com/cayleygraph/quad/jsonld"  // registers "jsonld"
	_ "github.com/cayleygraph/quad/nquads"  // registers "nquads", the default

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
)

const (
	contentTypeJSON   = "application/json"
	contentTypeJSONLD = "application/ld+json"
)

// queryLanguage checks lang against the languages the server runs.
func queryLanguage(lang string) (*query.Language, error) {
	if lang == "" {
		return nil, badRequestf("query language not specified: add ?lang=gizmo, graphql or mql")
	}
	for _, l := range graph.Languages() {
		if l == lang {
			if ql := query.GetLanguage(lang); ql != nil && ql.Session != nil {
				return ql, nil
			}
		}
	}
	return nil, badRequestf("unknown query language %q: choose one of %s", lang, strings.Join(graph.Languages(), ", "))
}

// Defaults of the query options.
const (
	// DefaultMaxResult is the most bytes, about, a query's results may
	// take unless WithMaxResult says otherwise.
	DefaultMaxResult = sandbox.DefaultMaxResult
	// DefaultQueryMemory is the bound, in bytes, on the server's heap
	// while queries run (WithQueryMemory).
	DefaultQueryMemory = sandbox.DefaultMemory
)

// WithMaxResult caps the results of one query at about n bytes (their
// size as JSON, estimated while they are gathered: DefaultMaxResult); a
// query whose results pass it is stopped and answered with 400 and an
// error naming the cap, so no answer larger than that is copied, encoded
// or sent.
func WithMaxResult(n int64) Option { return func(c *config) { c.maxResult = n } }

// SetMemoryLimit sets the Go runtime's soft memory limit for a process
// serving queries with a query memory bound of n bytes; see
// sandbox.SetMemoryLimit.
func SetMemoryLimit(n int64) int64 { return sandbox.SetMemoryLimit(n) }

// Query runs text in the query language lang (graph.Languages) as the
// server's query endpoints do: in the sandbox (graph/sandbox), within the
// query timeout, the query limit, the result cap and the query memory
// limit, in a work slot. It returns the results as Cayley's JSON
// collation gives them. A query still running at the deadline holds the
// store's read lock until it ends (see detached), so close the store
// with a bound (graph.Store.CloseContext).
func (s *Server) Query(ctx context.Context, lang, text string) ([]any, error) {
	return s.runQuery(ctx, lang, text, false)
}

// queryOptions are the sandbox's options for one of the server's
// queries.
func (s *Server) queryOptions(jsonLD bool) sandbox.Options {
	return sandbox.Options{Limit: s.cfg.queryLimit, MaxResult: s.cfg.maxResult, Memory: s.mem, JSONLD: jsonLD, Logf: s.cfg.errorLog.Printf}
}

// runQuery runs text in the query language lang against the store, in
// the sandbox under the store's shared lock, the query timeout and the
// server's limits, and answers at the deadline (see detached).
func (s *Server) runQuery(ctx context.Context, lang, text string, jsonLD bool) ([]any, error) {
	if _, err := queryLanguage(lang); err != nil {
		return nil, err
	}
	var out []any
	err := s.detached(ctx, func(ctx context.Context) error {
		var err error
		out, err = sandbox.Query(ctx, s.store, lang, text, s.queryOptions(jsonLD))
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// detached runs f in a work slot on a goroutine of its own, and returns
// f's error, or the context's as soon as it is done (the query timeout,
// the client gone, the server stopping) without waiting for f. f keeps the
// slot until it returns, however long after that: a Gizmo script that an
// interrupt does not stop at once (it is inside one long built-in call)
// holds its slot and the store's read lock until it really ends, so no
// more than MaxConcurrent queries ever run, and the store is not closed
// under it.
func (s *Server) detached(ctx context.Context, f func(ctx context.Context) error) error {
	wctx, done, err := s.work(ctx)
	if err != nil {
		return err
	}
	s.running.Add(1)
	errc := make(chan error, 1)
	go func() {
		defer s.running.Done()
		defer done()
		errc <- f(wctx)
	}()
	select {
	case err := <-errc:
		return err
	case <-wctx.Done():
		select {
		case err := <-errc: // it ended too; its own answer wins
			return err
		default:
		}
		return wctx.Err()
	}
}

// readBody reads the request body, within the size limit the middleware
// set.
func readBody(r *http.Request) ([]byte, error) {
	if r.Body == nil {
		return nil, nil
	}
	b, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, err
		}
		return nil, badRequestf("read request body: %v", err)
	}
	return b, nil
}

// handleV2Query is Cayley's /api/v2/query: ?lang=gizmo|graphql|mql, the
// query in ?qu= (GET) or the body (POST). Results come as {"result": […]}
// (GraphQL: {"data": …}), in JSON-LD when the client accepts
// application/ld+json first, as Cayley's web UI does; errors as
// {"error": "…"} (GraphQL: {"errors": [{"message": "…"}]}).
func (s *Server) handleV2Query(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	lang := vals.Get("lang")
	graphQL := lang == graph.GraphQL
	fail := func(err error) {
		if graphQL {
			s.failGraphQL(w, r, err)
		} else {
			s.fail(w, r, err)
		}
	}
	var text string
	if r.Method == http.MethodPost {
		b, err := readBody(r)
		if err != nil {
			fail(err)
			return
		}
		text = string(b)
	} else {
		text = vals.Get("qu")
	}
	if _, err := queryLanguage(lang); err != nil {
		fail(err)
		return
	}
	if strings.TrimSpace(text) == "" {
		fail(badRequestf("query is empty: send it in the body (POST) or in ?qu= (GET)"))
		return
	}
	specs := cayleyhttp.ParseAccept(r.Header, "Accept")
	jsonLD := len(specs) > 0 && specs[0].Value == contentTypeJSONLD && !graphQL
	res, err := s.runQuery(r.Context(), lang, text, jsonLD)
	if err != nil {
		fail(err)
		return
	}
	if graphQL {
		var data any
		if len(res) > 0 {
			data = res[0]
		}
		writeJSON(w, http.StatusOK, map[string]any{"data": data})
		return
	}
	if jsonLD {
		w.Header().Set("Content-Type", contentTypeJSONLD)
	}
	writeResult(w, res)
}

// writeResult writes {"result": res}, keeping a Content-Type already set.
func writeResult(w http.ResponseWriter, res []any) {
	if w.Header().Get("Content-Type") == "" {
		w.Header().Set("Content-Type", contentTypeJSON)
	}
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(map[string]any{"result": res})
}

// failGraphQL answers like fail, in GraphQL's error shape.
func (s *Server) failGraphQL(w http.ResponseWriter, r *http.Request, err error) {
	rec := &errorRecorder{header: make(http.Header)}
	s.fail(rec, r, err)
	if rec.code == 0 {
		return // the client went away
	}
	var body errorBody
	json.Unmarshal(rec.body, &body)
	if v := rec.header.Get("Retry-After"); v != "" {
		w.Header().Set("Retry-After", v)
	}
	writeJSON(w, rec.code, map[string]any{"errors": []map[string]string{{"message": body.Error}}})
}

// errorRecorder captures what fail writes.
type errorRecorder struct {
	header http.Header
	code   int
	body   []byte
}

func (e *errorRecorder) Header() http.Header { return e.header }
func (e *errorRecorder) WriteHeader(code int) {
	if e.code == 0 {
		e.code = code
	}
}
func (e *errorRecorder) Write(p []byte) (int, error) {
	if e.code == 0 {
		e.code = http.StatusOK
	}
	e.body = append(e.body, p...)
	return len(p), nil
}

// handleV1Query is Cayley's /api/v1/query/{lang}: the query in the body,
// {"result": […]} or {"error": "…"} back.
func (s *Server) handleV1Query(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := r.PathValue("lang")
	if _, err := queryLanguage(lang); err != nil {
		s.fail(w, r, err)
		return
	}
	if strings.TrimSpace(string(b)) == "" {
		s.fail(w, r, badRequestf("query is empty: send it in the request body"))
		return
	}
	res, err := s.runQuery(r.Context(), lang, string(b), false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeResult(w, res)
}

// writeResponse is what Cayley's write and delete endpoints answer.
type writeResponse struct {
	Result string `json:"result"`
	Count  int    `json:"count"`
}

// handleV2Write is Cayley's /api/v2/write: quads in the body, in the
// format its Content-Type names (N-Quads when it names none Cayley
// knows), gzip-compressed when Content-Encoding says so. Unlike upstream
// Cayley the quads are parsed whole first, so a malformed body writes
// nothing and gets 400, and then written in one transaction.
func (s *Server) handleV2Write(w http.ResponseWriter, r *http.Request) {
	quads, err := s.readQuads(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.applyQuads(r.Context(), quads, cgraph.Add); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, writeResponse{Result: fmt.Sprintf("Successfully wrote %d quads.", len(quads)), Count: len(quads)})
}

// handleV2Delete is Cayley's /api/v2/delete: as handleV2Write, removing the
// quads; quads the store does not hold are ignored.
func (s *Server) handleV2Delete(w http.ResponseWriter, r *http.Request) {
	quads, err := s.readQuads(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.applyQuads(r.Context(), quads, cgraph.Delete); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, writeResponse{Result: fmt.Sprintf("Successfully deleted %d quads.", len(quads)), Count: len(quads)})
}

// readQuads parses the body of a v2 write or delete.
func (s *Server) readQuads(r *http.Request) ([]quad.Quad, error) {
	format := quad.FormatByName("nquads")
	if specs := cayleyhttp.ParseAccept(r.Header, "Content-Type"); len(specs) > 0 {
		if f := quad.FormatByMime(specs[0].Value); f != nil {
			format = f
		}
	}
	if format == nil || format.Reader == nil {
		return nil, badRequestf("format %s cannot be read", format.Name)
	}
	var body io.Reader = r.Body
	var inflated *capReader
	if specs := cayleyhttp.ParseAccept(r.Header, "Content-Encoding"); len(specs) > 0 && specs[0].Value == "gzip" {
		zr, err := gzip.NewReader(r.Body)
		if err != nil {
			if errors.Is(err, io.EOF) {
				return nil, badRequestf("empty gzip body")
			}
			return nil, errOr(err, badRequestf("read gzip body: %v", err))
		}
		defer zr.Close()
		// The limit holds for the inflated body too.
		inflated = &capReader{r: zr, left: s.cfg.maxBody}
		body = inflated
	}
	qr := quadReader(format, body)
	defer qr.Close()
	quads, err := quad.ReadAll(qr)
	if inflated != nil && inflated.hit {
		return nil, &http.MaxBytesError{Limit: s.cfg.maxBody}
	}
	if err != nil {
		return nil, errOr(err, badRequestf("read %s quads: %v", format.Name, err))
	}
	for i, q := range quads {
		if !q.IsValid() {
			return nil, badRequestf("quad %d (%s) lacks a subject, predicate or object", i+1, q.NQuad())
		}
	}
	return quads, nil
}

// errOr returns err when it is the body limit, else alt.
func errOr(err, alt error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return mbe
	}
	return alt
}

// capReader fails with *http.MaxBytesError after left bytes, and notes
// that it did.
type capReader struct {
	r    io.Reader
	left int64
	hit  bool
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var one [1]byte
		if n, err := c.r.Read(one[:]); n == 0 && err != nil {
			return 0, err // the body ends right at the limit
		}
		c.hit = true
		return 0, &http.MaxBytesError{}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// applyQuads adds or removes quads in one transaction under the store's
// exclusive lock.
func (s *Server) applyQuads(ctx context.Context, quads []quad.Quad, action cgraph.Procedure) error {
	if len(quads) == 0 {
		return nil
	}
	return s.store.Update(ctx, func(cgraph.QuadStore) error {
		tx := cgraph.NewTransactionN(len(quads))
		for _, q := range quads {
			if action == cgraph.Add {
				tx.AddQuad(q)
			} else {
				tx.RemoveQuad(q)
			}
		}
		if err := s.writer.ApplyTransaction(tx); err != nil {
			return fmt.Errorf("apply %d quads: %w", len(quads), err)
		}
		return nil
	})
}

// v1Quads parses the body of a v1 write or delete: a JSON array of
// {"subject", "predicate", "object", "label"} objects, values written as
// in N-Quads ("<ent:iran>", "\"text\"").
func v1Quads(r *http.Request) ([]quad.Quad, error) {
	b, err := readBody(r)
	if err != nil {
		return nil, err
	}
	var quads []quad.Quad
	if err := json.Unmarshal(b, &quads); err != nil {
		return nil, badRequestf("want a JSON array of quads {\"subject\", \"predicate\", \"object\", \"label\"}: %v", err)
	}
	for i, q := range quads {
		if !q.IsValid() {
			return nil, badRequestf("quad %d lacks a subject, predicate or object", i+1)
		}
	}
	return quads, nil
}

// handleV1Write is Cayley's /api/v1/write.
func (s *Server) handleV1Write(w http.ResponseWriter, r *http.Request) {
	quads, err := v1Quads(r)
	if err == nil {
		err = s.applyQuads(r.Context(), quads, cgraph.Add)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, writeResponse{Result: fmt.Sprintf("Successfully wrote %d quads.", len(quads)), Count: len(quads)})
}

// handleV1Delete is Cayley's /api/v1/delete.
func (s *Server) handleV1Delete(w http.ResponseWriter, r *http.Request) {
	quads, err := v1Quads(r)
	if err == nil {
		err = s.applyQuads(r.Context(), quads, cgraph.Delete)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, writeResponse{Result: fmt.Sprintf("Successfully deleted %d quads.", len(quads)), Count: len(quads)})
}
