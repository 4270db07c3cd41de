package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// IngestPath is the endpoint that takes articles: POST, with the bearer
// token, when the server has WithWrites and WithIngest.
const IngestPath = "/api/geokg/v1/ingest"

// Extractor finds the statements of an article; *extract.Pipeline is one.
// It must be safe for concurrent use: the server extracts several articles
// at once.
type Extractor interface {
	Extract(ctx context.Context, doc schema.Document) ([]schema.Statement, error)
}

// IngestStore is what the ingest endpoint needs of the store beyond Store:
// the resume check and the write of one article in one transaction.
// *graph.Store has it; a Store without it answers ingest requests with 501.
type IngestStore interface {
	DocumentStatus(ctx context.Context, doc schema.Document) (graph.DocumentStatus, error)
	Ingest(ctx context.Context, doc schema.Document, stmts []schema.Statement) (graph.WriteResult, error)
}

var _ IngestStore = (*graph.Store)(nil)

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

// ingester is the ingest endpoint's state: the extractor, built on the
// first request, and the slots that bound the extractions running at once.
type ingester struct {
	newExtractor func() (Extractor, error)
	src          source.Options
	slots        chan struct{}

	once sync.Once
	ex   Extractor
	err  error
}

// WithIngest enables POST /api/geokg/v1/ingest, which takes articles as
// geokg ingest reads them from a JSONL file, and stores each as geokg
// ingest does: extracted with the Extractor that newExtractor returns,
// called once, on the first request (loading the models takes a while and
// a server that never ingests need not), and written in one transaction
// under the store's write lock, so readers of the server see each article
// whole or not at all. src holds the input limits (src.MaxBytes for one
// JSON line, src.MaxText for its text) and the date of undated articles,
// as geokg ingest's flags give them. The endpoint is a write endpoint: it
// needs WithWrites too, and the bearer token on every request.
func WithIngest(newExtractor func() (Extractor, error), src source.Options) Option {
	return func(c *config) {
		n := runtime.GOMAXPROCS(0)
		c.ingest = &ingester{newExtractor: newExtractor, src: src, slots: make(chan struct{}, n)}
	}
}

// extractor returns the extractor, building it on first use.
func (in *ingester) extractor() (Extractor, error) {
	in.once.Do(func() {
		if in.newExtractor == nil {
			in.err = errors.New("no extractor given")
			return
		}
		in.ex, in.err = in.newExtractor()
		if in.err == nil && in.ex == nil {
			in.err = errors.New("no extractor given")
		}
	})
	return in.ex, in.err
}

// acquire waits for a free extraction slot; one per CPU keeps a burst of
// ingests from taking every CPU from the readers for long.
func (in *ingester) acquire(ctx context.Context) (release func(), err error) {
	select {
	case in.slots <- struct{}{}:
		return func() { <-in.slots }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

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
	st, ok := s.store.(IngestStore)
	if in == nil || !ok {
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
	ex, err := in.extractor()
	if err != nil {
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
	emit := func(doc schema.Document) error {
		// Every article gets the time a query gets to be written back,
		// however many came before it in the body. A ResponseWriter that
		// cannot take a deadline (a test's recorder) needs none.
		rc.SetWriteDeadline(time.Now().Add(2*s.cfg.queryTimeout + writeMargin))
		res, err := s.ingestArticle(ctx, in, ex, st, doc, force)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if err != nil {
			storeFailed = true
			s.cfg.errorLog.Printf("%s %s: line %d: %v", r.Method, r.URL.Path, res.Line, err)
		}
		resp.add(res)
		return nil
	}
	report := func(err error) {
		line, msg := 0, err.Error()
		var se *source.Error
		if errors.As(err, &se) {
			line, msg = se.Line, se.Err.Error()
		}
		resp.add(IngestResult{Line: line, Status: IngestFailed, Error: msg})
	}
	if err := source.Read(ctx, []string{"-"}, bytes.NewReader(body), in.src, emit, report); err != nil {
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

// ingestArticle stores one article as geokg ingest does: skipped when the
// store holds it with the same content (unless force), else extracted and
// written in one transaction. A non-nil error is the store's, for the
// log; the result then says "internal error" only.
func (s *Server) ingestArticle(ctx context.Context, in *ingester, ex Extractor, st IngestStore, doc schema.Document, force bool) (IngestResult, error) {
	res := IngestResult{ID: doc.ID, Line: lineOf(doc.Source)}
	failed := func(msg string) IngestResult {
		res.Status, res.Error = IngestFailed, msg
		return res
	}
	if !force {
		status, err := st.DocumentStatus(ctx, doc)
		if err != nil {
			return failed("internal error: the store could not be read"), err
		}
		if status == graph.DocumentCurrent {
			res.Status = IngestSkipped
			return res, nil
		}
	}
	release, err := in.acquire(ctx)
	if err != nil {
		return failed(err.Error()), nil
	}
	stmts, err := ex.Extract(ctx, doc)
	release()
	if err != nil {
		return failed("extract: " + err.Error()), nil
	}
	w, err := st.Ingest(ctx, doc, stmts)
	if err != nil {
		if ctx.Err() != nil {
			return failed(ctx.Err().Error()), nil
		}
		return failed("internal error: the article was not stored"), err
	}
	res.Statements, res.Added, res.Removed, res.Unchanged = len(stmts), w.Added, w.Removed, w.Unchanged
	switch {
	case w.Unchanged == 0 && w.Removed == 0:
		res.Status = IngestNew
	case w.Added == 0 && w.Removed == 0:
		res.Status = IngestUnchanged
	default:
		res.Status = IngestUpdated
	}
	return res, nil
}

// lineOf returns the line number in the source name the article reader
// gives a line of standard input: 12 for "-:12", 0 for none.
func lineOf(src string) int {
	n, err := strconv.Atoi(src[strings.LastIndexByte(src, ':')+1:])
	if err != nil {
		return 0
	}
	return n
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
