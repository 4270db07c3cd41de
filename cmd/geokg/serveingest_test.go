//go:build unix && integration

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/schema"
)

// This file runs a real geokg server while a real ingest writes to the
// same store, with readers querying the server all along: on bolt the
// ingest goes through the server (geokg ingest --server), which alone can
// open the store; on PostgreSQL a second process writes to the database
// beside the server. No read may fail or see part of an article, and the
// store must end as a clean ingest leaves it.

// geokgProc is a geokg process the test started.
type geokgProc struct {
	cmd    *exec.Cmd
	mu     sync.Mutex
	stderr bytes.Buffer
	done   chan struct{} // closed when stderr is read to its end
}

func (p *geokgProc) Write(b []byte) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.Write(b)
}

func (p *geokgProc) Stderr() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.stderr.String()
}

// geokgCommand is the binary with args, in an environment that names no
// store, gazetteer or token of the machine's.
func geokgCommand(bin string, args ...string) *exec.Cmd {
	c := exec.Command(bin, args...)
	c.Env = append(os.Environ(), "GEOKG_DB=", "GEOKG_BACKEND=", "GEOKG_GAZETTEER=", envToken+"="+concurrentToken)
	return c
}

var serveListening = regexp.MustCompile(`listening on (http://\S+)/ `)

// startServer starts geokg serve on a free loopback port and returns it
// with its URL once it listens. The test stops it with stopServer, or at
// its end.
func startServer(t *testing.T, bin string, args ...string) (*geokgProc, string) {
	t.Helper()
	p := &geokgProc{done: make(chan struct{})}
	p.cmd = geokgCommand(bin, append(args, "--addr", "127.0.0.1:0", "--query-limit", "1000000", "--max-concurrent", "64")...)
	stderr, err := p.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stopServer(t, p) })
	url := make(chan string, 1)
	go func() {
		defer close(p.done)
		defer close(url)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			fmt.Fprintln(p, line)
			if m := serveListening.FindStringSubmatch(line); m != nil {
				url <- m[1]
			}
		}
	}()
	u, ok := <-url
	if !ok {
		p.cmd.Wait()
		t.Fatalf("geokg serve did not start:\n%s", p.Stderr())
	}
	return p, u
}

// stopServer interrupts the server, as Ctrl-C does, and waits for it.
func stopServer(t *testing.T, p *geokgProc) {
	t.Helper()
	if p.cmd.ProcessState != nil {
		return
	}
	p.cmd.Process.Signal(os.Interrupt)
	<-p.done
	if err := p.cmd.Wait(); err != nil {
		t.Errorf("geokg serve: %v\n%s", err, lastLines(p.Stderr(), 10))
	}
}

// runGeokg runs the binary and returns its stderr, failing the test
// unless it exits 0.
func runGeokg(t *testing.T, bin string, args ...string) (stdout, stderr string) {
	t.Helper()
	var o, e bytes.Buffer
	c := geokgCommand(bin, args...)
	c.Stdout, c.Stderr = &o, &e
	if err := c.Run(); err != nil {
		t.Fatalf("geokg %s: %v\n%s", strings.Join(args, " "), err, lastLines(e.String(), 10))
	}
	return o.String(), e.String()
}

// version is what the store holds of some articles once they are
// ingested: the statement nodes of each document, and of each entity by
// document. A reader must see each document's as a whole, in one version
// or the other, never part of one. IRIs are bare: "doc:…", "stmt:…".
type version struct {
	docs     map[string]string            // document → its statements, sorted and joined
	entities map[string]map[string]string // entity → document → the statements naming the entity
}

// extractVersion runs geokg extract over inputs and returns what ingesting
// them stores.
func extractVersion(t *testing.T, bin string, inputs ...string) version {
	t.Helper()
	out, _ := runGeokg(t, bin, append([]string{"extract", "--format", "nquads"}, inputs...)...)
	qs, err := graph.ReadBackup(strings.NewReader(out), "extract output")
	if err != nil {
		t.Fatal(err)
	}
	docs := make(map[string]map[string]bool)
	ents := make(map[string]map[string]map[string]bool)
	add := func(m map[string]map[string]bool, k, v string) {
		if m[k] == nil {
			m[k] = make(map[string]bool)
		}
		m[k][v] = true
	}
	for _, q := range qs {
		stmt, doc := bare(q.Subject.String()), bare(q.Label.String())
		switch {
		case q.Predicate == quad.IRI(schema.RDFType) && q.Object == quad.IRI(schema.StatementType):
			add(docs, doc, stmt)
		case q.Predicate == quad.IRI("geo:subject") || q.Predicate == quad.IRI("geo:object"):
			e := bare(q.Object.String())
			if ents[e] == nil {
				ents[e] = make(map[string]map[string]bool)
			}
			add(ents[e], doc, stmt)
		}
	}
	v := version{docs: make(map[string]string), entities: make(map[string]map[string]string)}
	for d, set := range docs {
		v.docs[d] = setKey(set)
	}
	for e, byDoc := range ents {
		v.entities[e] = make(map[string]string)
		for d, set := range byDoc {
			v.entities[e][d] = setKey(set)
		}
	}
	return v
}

func bare(iri string) string { return strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">") }

// setKey writes a set of strings as one string: its members sorted.
func setKey(set map[string]bool) string {
	keys := make([]string, 0, len(set))
	for k := range set {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return strings.Join(keys, " ")
}

// busiest returns the n entities that the most documents of v name.
func busiest(v version, n int) []string {
	var ents []string
	for e := range v.entities {
		ents = append(ents, e)
	}
	sort.Slice(ents, func(i, j int) bool {
		if a, b := len(v.entities[ents[i]]), len(v.entities[ents[j]]); a != b {
			return a > b
		}
		return ents[i] < ents[j]
	})
	return ents[:min(n, len(ents))]
}

// tornQuery returns each statement node with its document, in one Gizmo
// query: one read of the store.
const tornQuery = `g.V().Has("<rdf:type>", "<geo:Statement>").Tag("stmt").Out("<geo:document>").All()`

// readers query a server from several goroutines until stopped, counting
// requests and keeping the failures and the torn reads they see. Two
// kinds of request check what they read: the Gizmo query tornQuery, which
// sees every statement node and its document, and the relations of the
// busiest entities, which geokg reads in several steps.
type readers struct {
	base string
	// What the store holds of each document before the ingest and what
	// the ingest writes: a reader must see one or the other whole.
	before, after version

	requests atomic.Int64
	checked  atomic.Int64 // requests whose answer was checked for torn reads
	during   atomic.Int64 // requests begun and answered while the ingest ran
	ingest   atomic.Int32 // 1 while the ingest runs

	mu       sync.Mutex
	failures []string
	torn     []string
	nFail    int
	nTorn    int

	stop chan struct{}
	wg   sync.WaitGroup
}

func startReaders(base string, before, after version, n int) *readers {
	r := &readers{base: base, before: before, after: after, stop: make(chan struct{})}
	paths := []string{"query", "/api/geokg/v1/stats"}
	for _, e := range busiest(before, 3) {
		// One page holds them all, so that one answer can be checked
		// whole (pages are read one request at a time).
		paths = append(paths, "/api/geokg/v1/entities/"+url.PathEscape(e)+"/relations?limit=1000")
	}
	paths = append(paths, "/api/v2/query?lang=gizmo&qu="+url.QueryEscape(`g.V("<ent:iran>").In("<rel:condemned>").All()`))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	for i := range n {
		r.wg.Add(1)
		go func() {
			defer r.wg.Done()
			for k := i; ; k++ {
				select {
				case <-r.stop:
					return
				default:
				}
				before := r.ingest.Load()
				r.one(client, paths[k%len(paths)])
				if before == 1 && r.ingest.Load() == 1 {
					r.during.Add(1)
				}
			}
		}()
	}
	return r
}

func (r *readers) fail(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.nFail++
	if len(r.failures) < 10 {
		r.failures = append(r.failures, fmt.Sprintf(format, args...))
	}
}

// whole reports a torn read for each document of seen whose statements
// are neither those of before nor those of after.
func (r *readers) whole(what string, seen map[string]map[string]bool, before, after map[string]string) {
	r.checked.Add(1)
	for doc, stmts := range seen {
		got := setKey(stmts)
		b, inBefore := before[doc]
		a, inAfter := after[doc]
		if (inBefore && got == b) || (inAfter && got == a) {
			continue
		}
		r.mu.Lock()
		r.nTorn++
		if len(r.torn) < 10 {
			r.torn = append(r.torn, fmt.Sprintf("%s: %s: %d statements, neither the %d it had nor the %d it gets", what, doc, len(stmts), count(b), count(a)))
		}
		r.mu.Unlock()
	}
}

func count(key string) int {
	if key == "" {
		return 0
	}
	return strings.Count(key, " ") + 1
}

// one sends one request and checks its answer.
func (r *readers) one(client *http.Client, path string) {
	r.requests.Add(1)
	var (
		resp *http.Response
		err  error
	)
	if path == "query" {
		resp, err = client.Post(r.base+"/api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(tornQuery))
	} else {
		resp, err = client.Get(r.base + path)
	}
	if err != nil {
		r.fail("%s: %v", path, err)
		return
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		r.fail("%s: read: %v", path, err)
		return
	}
	if resp.StatusCode != http.StatusOK {
		r.fail("%s: %s: %.200s", path, resp.Status, body)
		return
	}
	add := func(m map[string]map[string]bool, k, v string) {
		if m[k] == nil {
			m[k] = make(map[string]bool)
		}
		m[k][v] = true
	}
	switch {
	case path == "query":
		var ans struct {
			Result []map[string]string `json:"result"`
		}
		if err := json.Unmarshal(body, &ans); err != nil {
			r.fail("%s: %v", path, err)
			return
		}
		seen := make(map[string]map[string]bool)
		for _, row := range ans.Result {
			add(seen, bare(row["id"]), bare(row["stmt"]))
		}
		r.whole("statements by document", seen, r.before.docs, r.after.docs)
	case strings.Contains(path, "/relations?"):
		var ans server.RelationsResponse
		if err := json.Unmarshal(body, &ans); err != nil {
			r.fail("%s: %v", path, err)
			return
		}
		if ans.NextCursor != "" {
			r.fail("%s: %d relations do not fit one page of 1000", path, ans.Count)
			return
		}
		seen := make(map[string]map[string]bool)
		for _, st := range ans.Relations {
			add(seen, st.Doc, st.ID())
		}
		e := ans.Entity.IRI
		r.whole("relations of "+e, seen, r.before.entities[e], r.after.entities[e])
	}
}

// finish stops the readers and waits for them.
func (r *readers) finish() {
	close(r.stop)
	r.wg.Wait()
}

// check fails t for every failed request and torn read.
func (r *readers) check(t *testing.T) {
	t.Helper()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.nFail > 0 {
		t.Errorf("%d of %d requests failed; the first:\n%s", r.nFail, r.requests.Load(), strings.Join(r.failures, "\n"))
	}
	if r.nTorn > 0 {
		t.Errorf("%d torn reads: a query saw part of an article; the first:\n%s", r.nTorn, strings.Join(r.torn, "\n"))
	}
	if r.during.Load() == 0 || r.checked.Load() == 0 {
		t.Errorf("%d requests answered while the ingest ran, %d checked: the test did not test", r.during.Load(), r.checked.Load())
	}
}

// concurrentCorpus returns the articles of a test: first, those the
// store holds before the ingest, 60 generated articles; then those the
// ingest sends: the articles shipped with geokg and 200 generated ones,
// the first 60 with the ids of the stored ones but other text. The ingest
// replaces those 60, all their statements changing, and adds the rest.
func concurrentCorpus(t *testing.T) (first string, inputs []string) {
	t.Helper()
	shipped := filepath.Join("..", "..", "testdata", "articles")
	inputs = []string{shipped, filepath.Join(generate(t, 200, 41, "txt"), "articles")}
	return filepath.Join(generate(t, 60, 40, "txt"), "articles"), inputs
}

// summaryLine reads the counts off an ingest's summary.
var summaryLine = regexp.MustCompile(`(?m)^ingest: (\d+) documents? \((\d+) new, (\d+) updated, (\d+) unchanged\), (\d+) failed.*\n(?:ingest: (\d+) documents? skipped)?`)

// TestServeIngestBolt: geokg serve --allow-writes holds a bolt store with
// 60 generated articles; readers query it while geokg ingest --server
// sends it new versions of those 60 (which replace them, in two
// transactions on bolt: see WriteDocument), the shipped articles and 140
// more generated ones. A plain geokg ingest of the store is refused at
// once, naming the server. At the end the store holds what a clean ingest
// of the same articles into a new store holds.
func TestServeIngestBolt(t *testing.T) {
	if testing.Short() {
		t.Skip("builds geokg, runs a server and an ingest of 200 articles")
	}
	bin := filepath.Join(buildTools(t), "geokg")
	first, inputs := concurrentCorpus(t)
	before, after := extractVersion(t, bin, first), extractVersion(t, bin, inputs...)
	db := filepath.Join(t.TempDir(), "served")
	clean := filepath.Join(t.TempDir(), "clean")

	// A store holding some articles, then the server over it.
	runGeokg(t, bin, "--db", db, "ingest", first)
	srv, base := startServer(t, bin, "--db", db, "serve", "--allow-writes")

	// A second process cannot open the store: it is told at once who holds
	// it and where to send its articles.
	var stderr bytes.Buffer
	plain := geokgCommand(bin, "--db", db, "ingest", inputs[0])
	plain.Stderr = &stderr
	err := plain.Run()
	if code := plain.ProcessState.ExitCode(); code != exitFailure {
		t.Errorf("plain ingest of the served store: exit %d (%v), want %d", code, err, exitFailure)
	}
	wantMsg := regexp.MustCompile(`^geokg: open store ` + regexp.QuoteMeta(db) + `: locked by PID ` + strconv.Itoa(srv.cmd.Process.Pid) +
		` \(geokg serve at ` + regexp.QuoteMeta(base) + `, since [0-9:]+\); stop it, or ingest through it with geokg ingest --server ` + regexp.QuoteMeta(base) + "\n$")
	if !wantMsg.MatchString(stderr.String()) {
		t.Errorf("plain ingest of the served store said:\n%s\nwant it to match %s", stderr.String(), wantMsg)
	}

	// Readers all along; the ingest through the server meanwhile.
	m := ingestWhileReading(t, "bolt", bin, base, before, after, append([]string{"ingest", "--server", base, "--workers", "4"}, inputs...)...)
	if m[2] != "156" || m[3] != "60" {
		t.Errorf("the ingest stored %s new articles and updated %s, want 156 and the 60 the store held", m[2], m[3])
	}
	stopServer(t, srv)

	// The served store equals a clean ingest of the same articles.
	runGeokg(t, bin, append([]string{"--db", clean, "ingest"}, inputs...)...)
	cleanOpts, servedOpts := storeOptions{DB: clean, Backend: graph.Bolt}, storeOptions{DB: db, Backend: graph.Bolt}
	if diff := cmp.Diff(takeSnapshot(t, cleanOpts), takeSnapshot(t, servedOpts)); diff != "" {
		t.Errorf("stats and statements (-clean +served):\n%s", diff)
	}
	if diff := cmp.Diff(backendQuads(t, cleanOpts), backendQuads(t, servedOpts)); diff != "" {
		t.Errorf("quads (-clean +served):\n%s", diff)
	}
}

// ingestWhileReading runs geokg with args (an ingest) while eight readers
// query the server at base, checks what the readers saw, logs the figures
// and returns the ingest's summary as summaryLine splits it.
func ingestWhileReading(t *testing.T, name, bin, base string, before, after version, args ...string) []string {
	t.Helper()
	rd := startReaders(base, before, after, 8)
	rd.ingest.Store(1)
	_, ingestErr := runGeokg(t, bin, args...)
	rd.ingest.Store(0)
	rd.finish()
	rd.check(t)
	m := summaryLine.FindStringSubmatch(ingestErr)
	if m == nil {
		t.Fatalf("no summary in the ingest's output:\n%s", lastLines(ingestErr, 5))
	}
	t.Logf("%s: %d requests answered (%d begun and answered during the ingest, %d checked for torn reads), %d failed, %d torn",
		name, rd.requests.Load(), rd.during.Load(), rd.checked.Load(), rd.nFail, rd.nTorn)
	t.Logf("%s: the ingest: %s; %s", name, strings.ReplaceAll(strings.TrimSpace(m[0]), "\n", "; "), lastLineWith(ingestErr, "elapsed"))
	return m
}

// TestServeIngestPostgres: geokg serve and a separate geokg ingest
// process on one PostgreSQL database at once, with readers querying the
// server: no request fails, no read sees part of an article, and the
// database ends as a clean ingest leaves one.
func TestServeIngestPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds geokg, runs PostgreSQL, a server and an ingest of 200 articles")
	}
	shared, clean := postgresStore(t), postgresStore(t)
	bin := filepath.Join(buildTools(t), "geokg")
	first, inputs := concurrentCorpus(t)
	before, after := extractVersion(t, bin, first), extractVersion(t, bin, inputs...)

	runGeokg(t, bin, append(storeArgs(shared), "ingest", first)...)
	srv, base := startServer(t, bin, append(storeArgs(shared), "serve")...)

	m := ingestWhileReading(t, "postgres", bin, base, before, after, append(append(storeArgs(shared), "ingest", "--workers", "4"), inputs...)...)
	stopServer(t, srv)

	if m[3] != "60" {
		t.Errorf("the ingest updated %s articles, want the 60 it replaced", m[3])
	}
	runGeokg(t, bin, append(append(storeArgs(clean), "ingest"), inputs...)...)
	if diff := cmp.Diff(takeSnapshot(t, clean), takeSnapshot(t, shared)); diff != "" {
		t.Errorf("stats and statements (-clean +shared):\n%s", diff)
	}
	if diff := cmp.Diff(backendQuads(t, clean), backendQuads(t, shared)); diff != "" {
		t.Errorf("quads (-clean +shared):\n%s", diff)
	}
}
