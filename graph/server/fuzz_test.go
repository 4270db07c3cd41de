package server_test

// Fuzz targets for the server's request parsing. Each drives the real
// handler (ServeHTTP with a recorder) on an in-memory store and checks
// that bad input is answered, never with 500 (a 500 is a bug: a panic, or
// an error the server did not expect), with JSON errors, and that a write
// the server refuses changes nothing. `go test ./graph/server` runs the
// seeds and the inputs kept in testdata/fuzz/; to fuzz, one target at a
// time (see docs/reliability.md):
//
//	go test ./graph/server -run '^$' -fuzz '^FuzzV2Query$' -fuzztime 5m -parallel 1

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/quadtest"
	names "github.com/geokg/geokg/internal/resolve"
	"github.com/geokg/geokg/schema"
)

const fuzzToken = "fuzz-token-0123456789"

// fuzzOptions are the server's options under fuzzing: a short query
// timeout, so that a script that loops costs little, and a small body
// limit, so that the limit is met.
func fuzzOptions(lw *logWriter) []server.Option {
	return []server.Option{
		server.WithQueryTimeout(300 * time.Millisecond),
		server.WithMaxBody(64 << 10),
		server.WithWrites(fuzzToken),
		server.WithErrorLog(log.New(lw, "", 0)),
	}
}

// serve answers req with h and returns the recorded answer.
func serve(h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	if req.RemoteAddr == "" {
		req.RemoteAddr = "192.0.2.1:1234"
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// checkAnswer fails the test for a 500, for an error that is not JSON
// with a message, and for an answer that leaks a source position or a
// stack trace.
func checkAnswer(t *testing.T, what string, rec *httptest.ResponseRecorder, lw *logWriter) {
	t.Helper()
	body := rec.Body.Bytes()
	if rec.Code == http.StatusInternalServerError {
		t.Fatalf("%s: 500: %s\nerror log:\n%s", what, body, lw)
	}
	for _, leak := range []string{".go:", "goroutine ", "github.com/"} {
		if bytes.Contains(body, []byte(leak)) {
			t.Fatalf("%s: the answer holds %q: %.500s", what, leak, body)
		}
	}
	if rec.Code < 400 {
		return
	}
	var e struct {
		Error  string `json:"error"`
		Errors []struct {
			Message string `json:"message"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &e); err != nil {
		t.Fatalf("%s: %d answer is not JSON (%v): %.500s", what, rec.Code, err, body)
	}
	if e.Error == "" && (len(e.Errors) == 0 || e.Errors[0].Message == "") {
		t.Fatalf("%s: %d answer has no error message: %.500s", what, rec.Code, body)
	}
}

// FuzzV2Query sends any query string (the language, ?qu=), body, method
// and Accept header to Cayley's /api/v2/query.
func FuzzV2Query(f *testing.F) {
	for _, seed := range []struct {
		post         bool
		rawQuery     string
		body, accept string
	}{
		{true, "lang=gizmo", gizmoTies, ""},
		{false, "lang=gizmo&qu=" + url.QueryEscape(gizmoTies), "", ""},
		{true, "lang=gizmo", `g.V("<ent:albania>").Tag("a").Out("<rel:hosts>").Tag("b").All()`, "application/ld+json"},
		{true, "lang=gizmo", `g.V().Has("<rdf:type>", "<geo:Country>").Count()`, ""},
		{true, "lang=gizmo", `g.V("<ent:iran>").In().Filter(regex("^<ent:a")).Limit(3).All()`, ""},
		{true, "lang=gizmo", `g.V("<ent:albania>").ForEach(function (d) { g.emit({n: d.id, x: [1, {y: 2}]}) })`, ""},
		{true, "lang=gizmo", `var p = g.M().Out("<rel:severed_ties_with>"); g.V("<ent:albania>").Follow(p).ToArray()`, ""},
		{true, "lang=gizmo", `g.V("<ent:albania>").Out("<rel:severed_ties_with>", 1).All()`, ""},
		{true, "lang=gizmo", `JSON.parse("[[[1]]]"); [1, [2]].join(); g.emit(eval("1+1"))`, ""},
		{true, "lang=gizmo", `throw new Error("boom")`, ""},
		{true, "lang=gizmo", `g.V(`, ""},
		{true, "lang=gizmo", ``, ""},
		{true, "lang=graphql", `{ nodes(id: "<ent:albania>") { id <rel:severed_ties_with> { id } } }`, ""},
		{true, "lang=graphql", `{ nodes(id: ["<ent:albania>", "<ent:iran>"]) { id @opt <schema:name> } }`, ""},
		{true, "lang=graphql", `{ nodes(`, ""},
		{true, "lang=mql", `[{"id": "<ent:albania>", "<rel:severed_ties_with>": []}]`, ""},
		{true, "lang=mql", `[{"id": null, "<rdf:type>": "<geo:Country>"}]`, ""},
		{true, "lang=mql", `{"id"`, ""},
		{true, "lang=sparql", `SELECT * WHERE { ?s ?p ?o }`, ""},
		{true, "", gizmoTies, ""},
		{true, "lang=gizmo&lang=mql", gizmoTies, "application/json"},
		{false, "lang=%zz&qu=%", "", ""},
		{false, "lang=gizmo;qu=g.V()", "", "*/*;q=0.5, application/ld+json;q=1"},
	} {
		f.Add(seed.post, seed.rawQuery, []byte(seed.body), seed.accept)
	}
	lw := &logWriter{}
	srv, err := server.New(newStore(f), fuzzOptions(lw)...)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, post bool, rawQuery string, body []byte, accept string) {
		method := http.MethodGet
		if post {
			method = http.MethodPost
		}
		req := httptest.NewRequest(method, "/api/v2/query", bytes.NewReader(body))
		req.URL.RawQuery = rawQuery
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		checkAnswer(t, fmt.Sprintf("%s ?%s", method, rawQuery), serve(srv, req), lw)
	})
}

// fuzzFixture is a small store of one article's quads, and a way to count
// them.
func fuzzFixture(t testing.TB, gaz *gazetteer.Gazetteer, lw *logWriter) (*graph.Store, *server.Server, func() int64) {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	albania, _ := gaz.Lookup("Albania")
	iran, _ := gaz.Lookup("Iran")
	doc := schema.Document{ID: "doc:fuzz", Title: "Albania cuts ties with Iran", Published: "2022-09-07", URL: "https://news.example/fuzz"}
	stmts := []schema.Statement{{
		Subject: albania.Entity(), Predicate: "severed_ties_with", Object: iran.Entity(), Date: "2022-09-07", CAMEO: "161",
		Confidence: 0.9, Evidence: "Albania cut diplomatic ties with Iran.", Span: [2]int{0, 38}, Doc: doc.ID,
	}}
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		t.Fatal(err)
	}
	res, err := names.New(st, gaz)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := server.New(st, append(fuzzOptions(lw), server.WithResolver(res))...)
	if err != nil {
		t.Fatal(err)
	}
	count := func() int64 {
		var n int64
		err := st.View(ctx, func(qs cgraph.QuadStore) error {
			s, err := qs.Stats(ctx, true)
			n = s.Quads.Value
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	return st, srv, count
}

// FuzzWrite sends any body, in any format the write endpoints read (by
// Content-Type: N-Quads, JSON, JSON stream, JSON-LD, protobuf quads;
// gzip-compressed or not), to /api/v2/write, /api/v2/delete,
// /api/v1/write and /api/v1/delete. A refused write leaves the store as
// it was; after an accepted one the store still answers.
func FuzzWrite(f *testing.F) {
	nq := "<ent:albania> <rel:ally_of> <ent:canada> <doc:manual> .\n"
	for _, seed := range []struct {
		endpoint    uint8
		contentType string
		gzip        bool
		body        string
	}{
		{0, "application/n-quads", false, nq},
		{0, "", false, nq + `<ent:albania> <schema:name> "Albania"@en <doc:manual> .` + "\n"},
		{0, "application/n-triples", true, "<ent:a> <rel:b> <ent:c> .\n"},
		{0, "application/n-quads", false, `<ent:albania> <rel:ally_of> "unterminated <doc:manual> .`},
		{0, "application/n-quads", false, "<> <> <> .\n_:b1 <p> _:b2 .\n"},
		{0, "application/json", false, `[{"subject": "<ent:albania>", "predicate": "<rel:ally_of>", "object": "<ent:canada>", "label": "<doc:manual>"}]`},
		{0, "application/x-json-stream", false, `{"subject": "<ent:a>", "predicate": "<rel:b>", "object": "\"c\""}` + "\n"},
		{0, "application/ld+json", false, `{"@context": {"name": "http://schema.org/name"}, "@id": "http://example.org/x", "name": "y"}`},
		{0, "application/ld+json", false, `{"@context": "http://127.0.0.1:9/context", "@id": "x"}`},
		{0, "application/ld+json", false, `[{"@id": "_:b", "http://example.org/p": [{"@value": "1", "@type": "http://www.w3.org/2001/XMLSchema#integer"}]}]`},
		{0, "application/x-protobuf", false, "\x0a\x05hello"},
		{0, "application/octet-stream", false, "\xff\xff\xff\xff\x0f"},
		{0, "application/xml", false, "<graphml/>"},
		{0, "text/plain; charset=utf-8", false, nq},
		{1, "application/n-quads", false, nq},
		{2, "application/json", false, `[{"subject": "<ent:albania>", "predicate": "<rel:ally_of>", "object": "<ent:canada>", "label": "<doc:manual>"}]`},
		{2, "application/json", false, `[{"subject": "", "predicate": "<p>"}]`},
		{3, "application/json", false, `[{"subject": "<ent:albania>", "predicate": "<rel:severed_ties_with>", "object": "<ent:iran>", "label": "<doc:fuzz>"}]`},
		{3, "application/json", false, `{"not": "an array"}`},
	} {
		body := []byte(seed.body)
		if seed.gzip {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(body)
			zw.Close()
			body = b.Bytes()
		}
		f.Add(seed.endpoint, seed.contentType, seed.gzip, body)
	}
	gaz, err := gazetteer.Builtin()
	if err != nil {
		f.Fatal(err)
	}
	paths := []string{"/api/v2/write", "/api/v2/delete", "/api/v1/write", "/api/v1/delete"}
	f.Fuzz(func(t *testing.T, endpoint uint8, contentType string, gzipped bool, body []byte) {
		lw := &logWriter{}
		st, srv, count := fuzzFixture(t, gaz, lw)
		defer st.Close()
		before := count()

		path := paths[int(endpoint)%len(paths)]
		req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+fuzzToken)
		if contentType != "" {
			req.Header.Set("Content-Type", contentType)
		}
		if gzipped {
			req.Header.Set("Content-Encoding", "gzip")
		}
		rec := serve(srv, req)
		what := fmt.Sprintf("%s (%s, gzip %v)", path, contentType, gzipped)
		checkAnswer(t, what, rec, lw)
		if rec.Code != http.StatusOK {
			if after := count(); after != before {
				t.Fatalf("%s: refused with %d, yet the store went from %d quads to %d", what, rec.Code, before, after)
			}
			return
		}
		// The store, whatever it now holds, still answers.
		for _, read := range []*http.Request{
			httptest.NewRequest(http.MethodGet, "/api/geokg/v1/stats", nil),
			httptest.NewRequest(http.MethodGet, "/api/geokg/v1/entities/Albania/relations", nil),
			httptest.NewRequest(http.MethodPost, "/api/v2/query?lang=gizmo", strings.NewReader(`g.V().Limit(50).All()`)),
		} {
			checkAnswer(t, what+", then "+read.URL.String(), serve(srv, read), lw)
		}
	})
}

// readPaths are the read endpoints FuzzReadAPI calls, NAME standing for
// the fuzzed name.
var readPaths = []string{
	"/api/geokg/v1/entities",
	"/api/geokg/v1/entities/NAME",
	"/api/geokg/v1/entities/NAME/relations",
	"/api/geokg/v1/path",
	"/api/geokg/v1/stats",
	"/gephi/gs",
	"/api/v2/read",
}

// FuzzReadAPI sends any name and query string to the read API: entity
// search, an entity, its relations (filters: dates, predicates,
// direction), paths, stats, Gephi streaming and Cayley's /api/v2/read.
func FuzzReadAPI(f *testing.F) {
	for _, seed := range []struct {
		endpoint       uint8
		name, rawQuery string
	}{
		{0, "", "q=Albania"},
		{0, "", "q=ira&limit=5"},
		{0, "", "q=%C3%A9&limit=0"},
		{0, "", "limit=100000"},
		{1, "Albania", ""},
		{1, "<ent:albania>", ""},
		{1, "ent:nowhere", ""},
		{1, "Albanai", ""},
		{2, "Albania", "predicate=severed_ties_with&since=2022&until=2022-12-31"},
		{2, "Iran", "predicate=severed_ties_with,condemned&direction=in"},
		{2, "Albania", "since=2022-13-45"},
		{2, "Albania", "predicate=flew_to_the_moon"},
		{2, "Tehran", "direction=sideways&since=yesterday"},
		{2, "the MEK", "until=2016-02&since=2024"},
		{3, "", "from=Albania&to=Iran&max_depth=3"},
		{3, "", "from=Albania&to=Albania"},
		{3, "", "from=Albania&to=Atlantis&max_depth=99"},
		{3, "", "from=&to="},
		{4, "", ""},
		{5, "", "limit=3"},
		{5, "", "limit=-1"},
		{5, "", "limit=x"},
		{6, "", "sub=%3Cent:albania%3E&format=nquads"},
		{6, "", "pred=%3Crel:severed_ties_with%3E&format=jsonld"},
		{6, "", "format=graphml"},
		{6, "", "format=nosuch&sub=<"},
	} {
		f.Add(seed.endpoint, seed.name, seed.rawQuery)
	}
	lw := &logWriter{}
	srv, err := server.New(newStore(f), fuzzOptions(lw)...)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, endpoint uint8, name, rawQuery string) {
		path := readPaths[int(endpoint)%len(readPaths)]
		req := httptest.NewRequest(http.MethodGet, "/", nil)
		req.URL = &url.URL{
			Path:     strings.ReplaceAll(path, "NAME", name),
			RawPath:  strings.ReplaceAll(path, "NAME", url.PathEscape(name)),
			RawQuery: rawQuery,
		}
		checkAnswer(t, fmt.Sprintf("GET %s?%s", req.URL.EscapedPath(), rawQuery), serve(srv, req), lw)
	})
}
