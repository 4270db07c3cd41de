package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/ingest"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

const ingestToken = "ingest-token-0123456789"

// pipeline is one extractor for the package's ingest tests: loading the
// models takes a while.
var pipeline struct {
	once sync.Once
	p    *extract.Pipeline
	err  error
}

func newPipeline(t testing.TB) *extract.Pipeline {
	t.Helper()
	pipeline.once.Do(func() { pipeline.p, pipeline.err = extract.New() })
	if pipeline.err != nil {
		t.Fatal(pipeline.err)
	}
	return pipeline.p
}

// ingestServer serves an empty in-memory store with writes and the ingest
// endpoint, and counts how often the extractor was built.
func ingestServer(t testing.TB, opts ...server.Option) (*httptest.Server, *graph.Store, *int) {
	t.Helper()
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p := newPipeline(t)
	var mu sync.Mutex
	built := 0
	newEx := func() (ingest.Extractor, error) {
		mu.Lock()
		defer mu.Unlock()
		built++
		return p, nil
	}
	all := append([]server.Option{server.WithWrites(ingestToken), withIngest(st, newEx)}, opts...)
	return newServer(t, st, all...), st, &built
}

const (
	articleJSON  = `{"id": "ties-1", "url": "https://example.org/ties", "title": "Albania cuts ties", "date": "2022-09-07", "text": "Albania severed diplomatic ties with Iran on Wednesday."}`
	articleJSON2 = `{"id": "ties-2", "date": "2023-03-10", "text": "Saudi Arabia and Iran agreed to restore diplomatic relations."}`
)

// TestIngestEndpoint drives POST /api/geokg/v1/ingest over a real
// in-memory store and the real extractor, one request after another.
func TestIngestEndpoint(t *testing.T) {
	ts, st, built := ingestServer(t, server.WithMaxBody(4096))
	auth := []string{"Authorization", "Bearer " + ingestToken}
	pretty := "{\n  \"id\": \"ties-3\",\n  \"date\": \"2022-09-08\",\n  \"text\": \"Iran condemned Albania's decision.\"\n}\n"
	tests := []struct {
		name     string
		query    string
		body     string
		headers  []string
		wantCode int
		want     server.IngestResponse // Articles' Statements and quad counts are not compared
		wantErr  string                // for answers that are errors
	}{
		{name: "no token", body: articleJSON, wantCode: 401, wantErr: "writes need an Authorization: Bearer header"},
		{name: "wrong token", body: articleJSON, headers: []string{"Authorization", "Bearer nope"}, wantCode: 401, wantErr: "writes need"},
		{name: "new article", body: articleJSON, headers: auth, wantCode: 200,
			want: server.IngestResponse{Articles: []server.IngestResult{{Line: 1, ID: "doc:ties_1", Status: "new"}}, New: 1}},
		{name: "the same again is skipped", body: articleJSON, headers: auth, wantCode: 200,
			want: server.IngestResponse{Articles: []server.IngestResult{{Line: 1, ID: "doc:ties_1", Status: "skipped"}}, Skipped: 1}},
		{name: "forced, it is unchanged", query: "?force=true", body: articleJSON, headers: auth, wantCode: 200,
			want: server.IngestResponse{Articles: []server.IngestResult{{Line: 1, ID: "doc:ties_1", Status: "unchanged"}}, Unchanged: 1}},
		{name: "changed text replaces it", body: strings.Replace(articleJSON, "on Wednesday", "and expelled Iranian diplomats", 1), headers: auth, wantCode: 200,
			want: server.IngestResponse{Articles: []server.IngestResult{{Line: 1, ID: "doc:ties_1", Status: "updated"}}, Updated: 1}},
		{name: "one object over several lines", body: pretty, headers: auth, wantCode: 200,
			want: server.IngestResponse{Articles: []server.IngestResult{{Line: 1, ID: "doc:ties_3", Status: "new"}}, New: 1}},
		{name: "JSONL with bad lines", body: articleJSON2 + "\n" + `{"id": "x", "text": ""}` + "\nnot JSON\n" + `{"id": "y", "date": "yesterday", "text": "t"}` + "\n", headers: auth, wantCode: 422,
			want: server.IngestResponse{Articles: []server.IngestResult{
				{Line: 1, ID: "doc:ties_2", Status: "new"},
				{Line: 2, Status: "failed", Error: "no text"},
				{Line: 3, Status: "failed", Error: "bad JSON: a line must hold one JSON object"},
				{Line: 4, Status: "failed", Error: `date "yesterday" is not a date; want YYYY-MM-DD`},
			}, New: 1, Failed: 3}},
		{name: "empty body", body: " \n", headers: auth, wantCode: 400, wantErr: "empty request body"},
		{name: "not JSON", body: "Albania severed ties with Iran.", headers: auth, wantCode: 400, wantErr: "the request body is not JSON"},
		{name: "bad force", query: "?force=maybe", body: articleJSON, headers: auth, wantCode: 400, wantErr: "force=maybe: want true or false"},
		{name: "too large", body: `{"id": "big", "text": "` + strings.Repeat("Albania severed ties with Iran. ", 200) + `"}`, headers: auth, wantCode: 413, wantErr: "request body too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, http.MethodPost, ts.URL+server.IngestPath+tt.query, strings.NewReader(tt.body), tt.headers...)
			if r.code != tt.wantCode {
				t.Fatalf("status %d, want %d: %.500s", r.code, tt.wantCode, r.body)
			}
			if tt.wantErr != "" {
				if msg := r.errorMessage(t); !strings.Contains(msg, tt.wantErr) {
					t.Errorf("error %q, want it to contain %q", msg, tt.wantErr)
				}
				return
			}
			var got server.IngestResponse
			r.decode(t, &got)
			for i := range got.Articles {
				a := &got.Articles[i]
				if a.Status != server.IngestFailed && a.Status != server.IngestSkipped && (a.Statements == 0 || a.Added+a.Unchanged == 0) {
					t.Errorf("article %d: %+v: no statements or quads counted", i+1, *a)
				}
				a.Statements, a.Added, a.Removed, a.Unchanged = 0, 0, 0, 0
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("answer (-want +got):\n%s", diff)
			}
		})
	}

	// The store holds what the extractor finds in the articles stored,
	// exactly as geokg ingest would store them.
	ctx := context.Background()
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 3 {
		t.Errorf("store holds %d documents, want 3 (ties-1, -2, -3)", stats.Documents)
	}
	if *built != 1 {
		t.Errorf("extractor built %d times, want once", *built)
	}
}

func TestIngestEndpointDisabled(t *testing.T) {
	st := newStore(t)
	tests := []struct {
		name     string
		opts     []server.Option
		wantCode int
		wantErr  string
	}{
		{"read-only server", []server.Option{withIngest(st, func() (ingest.Extractor, error) { return newPipeline(t), nil })}, 403, "this server is read-only"},
		{"writes without ingest", []server.Option{server.WithWrites(ingestToken)}, 501, "this server does not ingest articles"},
		{"extractor fails to load", []server.Option{server.WithWrites(ingestToken), withIngest(st, func() (ingest.Extractor, error) { return nil, errors.New("no models") })}, 500, "the extractor could not be loaded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, log := newServerLog(t, st, tt.opts...)
			r := post(t, ts.URL+server.IngestPath, articleJSON, "Authorization", "Bearer "+ingestToken).want(t, tt.wantCode)
			if msg := r.errorMessage(t); !strings.Contains(msg, tt.wantErr) {
				t.Errorf("error %q, want it to contain %q", msg, tt.wantErr)
			}
			if tt.wantCode == 500 && !strings.Contains(log.String(), "no models") {
				t.Errorf("the log does not say why: %q", log.String())
			}
		})
	}
}

// TestIngestClient: the client geokg ingest --server uses stores articles
// with the IRIs a local ingest gives them, and words each failure.
func TestIngestClient(t *testing.T) {
	ts, st, _ := ingestServer(t, server.WithMaxBody(4096))
	ctx := context.Background()
	c, err := server.NewClient(ts.URL+"/", ingestToken)
	if err != nil {
		t.Fatal(err)
	}
	loadCorpus(t)
	doc := corpus.articles[0].doc
	want := corpus.articles[0].stmts

	res, err := c.Ingest(ctx, doc, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != server.IngestNew || res.ID != doc.ID || res.Statements != len(want) {
		t.Errorf("Ingest = %+v, want new %s with %d statements", res, doc.ID, len(want))
	}
	if res, err = c.Ingest(ctx, doc, false); err != nil || res.Status != server.IngestSkipped {
		t.Errorf("Ingest again = %+v, %v; want skipped", res, err)
	}
	// The store holds the very quads a local ingest writes.
	var buf bytes.Buffer
	if _, err := st.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	stored, err := graph.ReadBackup(&buf, "backup")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(nquads(st.AsStored(quadtest.DocumentQuads(doc, want))), nquads(stored)); diff != "" {
		t.Errorf("quads stored through the server (-local ingest +server):\n%s", diff)
	}
	stats, err := c.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 1 || stats.Statements == 0 {
		t.Errorf("Stats = %+v, want 1 document", stats)
	}

	// An article larger than the server takes is a failed article, not
	// the end of the run.
	big := schema.Document{ID: "doc:big", Text: strings.Repeat("Albania severed ties with Iran. ", 200)}
	res, err = c.Ingest(ctx, big, false)
	if err != nil || res.Status != server.IngestFailed || !strings.Contains(res.Error, "more than the server takes in one request") {
		t.Errorf("Ingest of a large article = %+v, %v; want failed, too large", res, err)
	}

	// A wrong token, or no ingest endpoint, ends the run.
	bad, _ := server.NewClient(ts.URL, "wrong")
	if _, err := bad.Ingest(ctx, doc, false); err == nil || !strings.Contains(err.Error(), "401 Unauthorized") || !strings.Contains(err.Error(), "--token") {
		t.Errorf("Ingest with a wrong token = %v, want 401 and a hint", err)
	}
	ro := newServer(t, newStore(t))
	roc, _ := server.NewClient(ro.URL, ingestToken)
	if _, err := roc.Ingest(ctx, doc, false); err == nil || !strings.Contains(err.Error(), "403 Forbidden") || !strings.Contains(err.Error(), "--allow-writes") {
		t.Errorf("Ingest into a read-only server = %v, want 403 and a hint", err)
	}

	for _, u := range []string{"", "127.0.0.1:64210", "ftp://example.org", "http://", "http://h/?q=1"} {
		if _, err := server.NewClient(u, ""); err == nil {
			t.Errorf("NewClient(%q) = nil error", u)
		}
	}
}

func nquads(qs []quad.Quad) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}

// statementCounts returns, for each document of st, how many statement
// nodes the store holds of it, read by one Gizmo query in one request, as
// a reader of the server sees them.
func statementCounts(t testing.TB, base string) (map[string]int, error) {
	const q = `g.V().Has("<rdf:type>", "<geo:Statement>").Tag("stmt").Out("<geo:document>").All()`
	r, err := try(http.MethodPost, base+"/api/v2/query?lang=gizmo", strings.NewReader(q))
	if err != nil {
		return nil, err
	}
	if r.code != http.StatusOK {
		return nil, fmt.Errorf("query: %d %.300s", r.code, r.body)
	}
	var resp struct {
		Result []map[string]string `json:"result"`
	}
	if err := json.Unmarshal(r.body, &resp); err != nil {
		return nil, fmt.Errorf("query answer: %v", err)
	}
	seen := make(map[string]bool)
	counts := make(map[string]int)
	for _, row := range resp.Result {
		if key := row["id"] + " " + row["stmt"]; !seen[key] {
			seen[key] = true
			counts[row["id"]]++
		}
	}
	return counts, nil
}

// expectedStatements returns, for each article, the number of statement
// nodes storing it writes.
func expectedStatements(arts []article) map[string]int {
	want := make(map[string]int)
	for _, a := range arts {
		nodes := make(map[string]bool)
		for _, q := range quadtest.DocumentQuads(a.doc, a.stmts) {
			if q.Predicate == quad.IRI(schema.RDFType) && q.Object == quad.IRI(schema.StatementType) {
				nodes[q.Subject.String()] = true
			}
		}
		want["<"+a.doc.ID+">"] = len(nodes)
	}
	return want
}

// TestIngestWhileReading posts every test article from several clients
// while readers query the server: no read fails, and no read sees an
// article with only some of its statements.
func TestIngestWhileReading(t *testing.T) {
	ts, _, _ := ingestServer(t, server.WithQueryLimit(100000))
	loadCorpus(t)
	want := expectedStatements(corpus.articles)
	c, err := server.NewClient(ts.URL, ingestToken)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()

	done := make(chan struct{})
	var (
		mu       sync.Mutex
		problems []string
		reads    int
	)
	problem := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	var readers sync.WaitGroup
	for range 4 {
		readers.Add(1)
		go func() {
			defer readers.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				counts, err := statementCounts(t, ts.URL)
				if err != nil {
					problem("%v", err)
					return
				}
				for doc, n := range counts {
					if n != want[doc] {
						problem("torn read: %s has %d of its %d statements", doc, n, want[doc])
					}
				}
				if r, err := try(http.MethodGet, ts.URL+"/api/geokg/v1/stats", nil); err != nil || r.code != http.StatusOK {
					problem("stats: %v %d", err, r.code)
				}
				mu.Lock()
				reads++
				mu.Unlock()
			}
		}()
	}

	jobs := make(chan schema.Document)
	var writers sync.WaitGroup
	for range 3 {
		writers.Add(1)
		go func() {
			defer writers.Done()
			for doc := range jobs {
				res, err := c.Ingest(ctx, doc, false)
				if err != nil || res.Status != server.IngestNew {
					problem("ingest %s: %+v %v", doc.ID, res, err)
				}
			}
		}()
	}
	for _, a := range corpus.articles {
		jobs <- a.doc
	}
	close(jobs)
	writers.Wait()
	close(done)
	readers.Wait()

	for _, p := range problems {
		t.Error(p)
	}
	final, err := statementCounts(t, ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	for doc, n := range want {
		if n > 0 && final[doc] != n {
			t.Errorf("after the ingest %s has %d statements, want %d", doc, final[doc], n)
		}
	}
	t.Logf("%d articles ingested through the server while 4 readers made %d rounds of queries", len(corpus.articles), reads)
}

func ExampleClient_Ingest() {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	// A server taking articles, as geokg serve --allow-writes runs it.
	srv, err := server.New(st, server.WithWrites("s3cret-0123456789abcdef"), server.WithIngest(ingest.Server{
		In:  ingest.New(st, func() (ingest.Extractor, error) { return extract.New() }, runtime.GOMAXPROCS(0)),
		Src: source.NewOptions(),
	}))
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	c, err := server.NewClient(ts.URL, "s3cret-0123456789abcdef")
	if err != nil {
		log.Fatal(err)
	}
	doc := schema.Document{ID: "doc:ties", Published: "2022-09-07", Text: "Albania severed diplomatic ties with Iran on Wednesday."}
	for range 2 {
		res, err := c.Ingest(ctx, doc, false)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(res.ID, res.Status)
	}
	stats, err := c.Stats(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(stats.Documents, "document")
	// Output:
	// doc:ties new
	// doc:ties skipped
	// 1 document
}

// withIngest enables the ingest endpoint as geokg serve does, storing
// articles in st with the extractor newEx returns.
func withIngest(st *graph.Store, newEx func() (ingest.Extractor, error)) server.Option {
	return server.WithIngest(ingest.Server{In: ingest.New(st, newEx, runtime.GOMAXPROCS(0)), Src: source.NewOptions()})
}
