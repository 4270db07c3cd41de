package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/quadtest"
	names "github.com/geokg/geokg/internal/resolve"
	"github.com/geokg/geokg/internal/shared"
	"github.com/geokg/geokg/schema"
)

const (
	// seedDate is the seed article's publication date, which its text does
	// not give.
	seedDate = "2022-09-07"
	// articlesDir holds our own test articles.
	articlesDir = "../../testdata/articles"
)

// inCI reports whether the tests run in CI, where a missing tool or file
// is a failure rather than a reason to skip.
func inCI() bool { return shared.InCI() }

// skipOrFail skips the test, or fails it in CI.
func skipOrFail(t testing.TB, format string, args ...any) {
	t.Helper()
	shared.Missing(t, format, args...)
}

// seedPath returns the seed article, in the shared folder beside the
// repository (read from there, never copied in), or "" when it is missing.
func seedPath() string {
	dir, err := shared.Dir()
	if err != nil {
		return ""
	}
	p := filepath.Join(dir, "eval", "seed", "albania-iran.txt")
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// article is one extracted article.
type article struct {
	doc   schema.Document
	stmts []schema.Statement
}

// corpus is every test article, extracted once for the whole package: our
// articles and, when the shared folder is there, the seed article.
var corpus struct {
	once     sync.Once
	articles []article
	seedID   string // the seed article's IRI, "" when it is missing
	err      error
}

func loadCorpus(t testing.TB) {
	t.Helper()
	corpus.once.Do(func() {
		ctx := context.Background()
		p, err := extract.New()
		if err != nil {
			corpus.err = err
			return
		}
		var docs []schema.Document
		emit := func(d schema.Document) error { docs = append(docs, d); return nil }
		if err := source.Read(ctx, []string{articlesDir}, nil, source.NewOptions(), emit, nil); err != nil {
			corpus.err = err
			return
		}
		if seed := seedPath(); seed != "" {
			o := source.NewOptions()
			o.DefaultDate = seedDate
			n := len(docs)
			if err := source.Read(ctx, []string{seed}, nil, o, emit, nil); err != nil {
				corpus.err = err
				return
			}
			corpus.seedID = docs[n].ID
		}
		for _, d := range docs {
			stmts, err := p.Extract(ctx, d)
			if err != nil {
				corpus.err = err
				return
			}
			corpus.articles = append(corpus.articles, article{doc: d, stmts: stmts})
		}
	})
	if corpus.err != nil {
		t.Fatalf("extract the test articles: %v", corpus.err)
	}
}

// needSeed skips the test when the seed article is missing (fails in CI).
func needSeed(t testing.TB) string {
	t.Helper()
	loadCorpus(t)
	if corpus.seedID == "" {
		skipOrFail(t, "the seed article eval/seed/albania-iran.txt is not in the shared folder beside the repository")
	}
	return corpus.seedID
}

// newStore returns a new in-memory store holding the test articles.
func newStore(t testing.TB) *graph.Store {
	t.Helper()
	return newStoreAt(t, "", graph.WithBackend(graph.Memstore))
}

// newStoreAt returns a new store at path, opened with opts, holding the
// test articles.
func newStoreAt(t testing.TB, path string, opts ...graph.Option) *graph.Store {
	t.Helper()
	loadCorpus(t)
	ctx := context.Background()
	st, err := graph.Open(ctx, path, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, a := range corpus.articles {
		if _, err := st.WriteDocument(ctx, a.doc, quadtest.Quads(a.doc, a.stmts)); err != nil {
			t.Fatalf("write %s: %v", a.doc.Source, err)
		}
	}
	return st
}

// logWriter collects what the server logs.
type logWriter struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logWriter) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newServer serves st on a loopback port for the test's duration.
// newServer serves st on a loopback port, resolving names as geokg serve
// does (the built-in gazetteer, then the store), until the test ends.
func newServer(t testing.TB, st server.Store, opts ...server.Option) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(newHandler(t, st, opts...))
	t.Cleanup(ts.Close)
	return ts
}

// newHandler is the server newServer serves.
func newHandler(t testing.TB, st server.Store, opts ...server.Option) *server.Server {
	t.Helper()
	res, err := names.New(st, nil)
	if err != nil {
		t.Fatal(err)
	}
	// No memory watchdog unless the test asks for one: what every other
	// test running beside it allocates would count against its budget.
	srv, err := server.New(st, append([]server.Option{server.WithResolver(res), server.WithQueryMemory(0)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return srv
}

// newServerLog is newServer with the server's error log returned.
func newServerLog(t testing.TB, st server.Store, opts ...server.Option) (*httptest.Server, *logWriter) {
	t.Helper()
	lw := &logWriter{}
	return newServer(t, st, append(opts, server.WithErrorLog(log.New(lw, "", 0)))...), lw
}

// reply is an HTTP answer read whole.
type reply struct {
	code   int
	header http.Header
	body   []byte
}

// do sends a request and reads the answer; headers are name, value pairs.
func do(t testing.TB, method, url string, body io.Reader, headers ...string) reply {
	t.Helper()
	r, err := try(method, url, body, headers...)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// try is do for goroutines other than the test's: it returns the error.
func try(method, url string, body io.Reader, headers ...string) (reply, error) {
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		return reply{}, err
	}
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return reply{}, fmt.Errorf("%s %s: %w", method, url, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return reply{}, fmt.Errorf("%s %s: read body: %w", method, url, err)
	}
	return reply{code: resp.StatusCode, header: resp.Header, body: b}, nil
}

func get(t testing.TB, url string, headers ...string) reply {
	t.Helper()
	return do(t, http.MethodGet, url, nil, headers...)
}

func post(t testing.TB, url, body string, headers ...string) reply {
	t.Helper()
	return do(t, http.MethodPost, url, strings.NewReader(body), headers...)
}

// decode unmarshals the answer's JSON into v, failing the test on bad
// JSON.
func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("answer is not JSON (%v): %.300s", err, r.body)
	}
}

// want fails the test unless the answer has the status code.
func (r reply) want(t testing.TB, code int) reply {
	t.Helper()
	if r.code != code {
		t.Fatalf("status %d, want %d; body: %.500s", r.code, code, r.body)
	}
	return r
}

// errorMessage returns the "error" of a JSON error answer, failing the
// test when the answer is not one.
func (r reply) errorMessage(t testing.TB) string {
	t.Helper()
	var e struct {
		Error string `json:"error"`
	}
	r.decode(t, &e)
	if e.Error == "" {
		t.Fatalf("status %d answer has no \"error\": %.300s", r.code, r.body)
	}
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("error answer has Content-Type %q, want application/json", ct)
	}
	return e.Error
}

// gizmoTies is the query of the issue: whom Albania severed ties with.
const gizmoTies = `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`
