//go:build load

package server_test

// The load test, outside the default suite:
//
//	go test -tags load -run TestLoad ./graph/server -v
//
// It fills a bolt store with synthetic articles about the gazetteer's
// states up to at least GEOKG_LOAD_QUADS quads (default 100,000), then
// runs GEOKG_LOAD_CLIENTS clients (default 50) for GEOKG_LOAD_SECONDS
// seconds (default 30) on loopback against the relations endpoint (by IRI
// and by name) and Cayley's /api/v2/query, and reports requests per
// second, latency percentiles and errors, which must be none.

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

// synthetic builds article i of the synthetic corpus: perDoc statements
// between entities drawn from the pool, with event predicates and dates.
func synthetic(r *rand.Rand, i, perDoc int, pool []schema.Entity, preds []schema.Predicate) (schema.Document, []schema.Statement) {
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3000)
	doc := schema.Document{
		ID:        fmt.Sprintf("doc:synthetic_%06d", i),
		URL:       fmt.Sprintf("https://news.example/synthetic/%d", i),
		Title:     fmt.Sprintf("Synthetic report %d", i),
		Published: day.Format("2006-01-02"),
	}
	var stmts []schema.Statement
	for j := range perDoc {
		s := pool[r.IntN(len(pool))]
		o := pool[r.IntN(len(pool))]
		for o.IRI == s.IRI {
			o = pool[r.IntN(len(pool))]
		}
		p := preds[r.IntN(len(preds))]
		stmts = append(stmts, schema.Statement{
			Subject: s, Predicate: p.Name, Object: o, Date: doc.Published, CAMEO: p.CAMEO,
			Confidence: 0.5 + r.Float64()/2,
			Evidence:   fmt.Sprintf("%s %s %s, the report said.", s.Name, p.Label, o.Name),
			Span:       [2]int{j * 100, j*100 + 60}, Doc: doc.ID,
		})
	}
	return doc, stmts
}

// latencies are one kind of request's timings and errors.
type latencies struct {
	d      []time.Duration
	errors int
	why    map[string]int // errors by kind: "status 504", …
}

func (l *latencies) add(o *latencies) {
	l.d = append(l.d, o.d...)
	l.errors += o.errors
	for k, n := range o.why {
		if l.why == nil {
			l.why = make(map[string]int)
		}
		l.why[k] += n
	}
}

func (l *latencies) percentile(p float64) time.Duration {
	if len(l.d) == 0 {
		return 0
	}
	return l.d[min(len(l.d)-1, int(p*float64(len(l.d))))]
}

func TestLoad(t *testing.T) {
	wantQuads := envInt("GEOKG_LOAD_QUADS", 100_000)
	clients := envInt("GEOKG_LOAD_CLIENTS", 50)
	duration := time.Duration(envInt("GEOKG_LOAD_SECONDS", 30)) * time.Second
	ctx := context.Background()

	st, err := graph.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	// The actors are the gazetteer's states, so that names resolve as the
	// names in real articles do.
	gaz, err := gazetteer.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var pool []schema.Entity
	for _, a := range gaz.Actors() {
		if a.Kind == schema.Country {
			pool = append(pool, a.Entity())
		}
	}
	var preds []schema.Predicate
	for _, p := range schema.Predicates() {
		if p.Kind == schema.Event {
			preds = append(preds, p)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	docs, quads := 0, 0
	for quads < wantQuads {
		doc, stmts := synthetic(r, docs, 10, pool, preds)
		res, err := st.WriteDocument(ctx, doc, schema.Quads(doc, stmts))
		if err != nil {
			t.Fatal(err)
		}
		docs++
		quads += res.Added
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: bolt, %d states, %d documents, %d statements, %d entities, %d quads, written in %s",
		len(pool), stats.Documents, stats.Statements, stats.Entities, stats.Quads, time.Since(start).Round(time.Millisecond))
	if stats.Quads < wantQuads {
		t.Fatalf("the store holds %d quads, want at least %d", stats.Quads, wantQuads)
	}

	ts := newServer(t, st)
	transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: transport, Timeout: time.Minute}
	defer transport.CloseIdleConnections()

	kinds := []string{"relations by IRI", "relations by name", "v2 gizmo query"}
	request := func(r *rand.Rand, kind int) (string, *http.Request) {
		e := pool[r.IntN(len(pool))]
		switch kind {
		case 0:
			req, _ := http.NewRequest("GET", ts.URL+"/api/geokg/v1/entities/"+url.PathEscape(e.IRI)+"/relations", nil)
			return kinds[0], req
		case 1:
			req, _ := http.NewRequest("GET", ts.URL+"/api/geokg/v1/entities/"+url.PathEscape(e.Name)+"/relations", nil)
			return kinds[1], req
		}
		p := preds[r.IntN(len(preds))]
		q := fmt.Sprintf(`g.V("<%s>").Out("<%s>").All()`, e.IRI, p.IRI())
		req, _ := http.NewRequest("GET", ts.URL+"/api/v2/query?lang=gizmo&qu="+url.QueryEscape(q), nil)
		return kinds[2], req
	}

	results := make([]map[string]*latencies, clients)
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	loadStart := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make(map[string]*latencies)
			for _, k := range kinds {
				mine[k] = &latencies{}
			}
			r := rand.New(rand.NewPCG(uint64(c), 7))
			for n := 0; time.Now().Before(deadline); n++ {
				kind, req := request(r, n%len(kinds))
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				l := mine[kind]
				l.d = append(l.d, time.Since(t0))
				if err != nil {
					l.errors++
					if l.why == nil {
						l.why = make(map[string]int)
					}
					l.why[err.Error()]++
				}
			}
			results[c] = mine
		}()
	}
	wg.Wait()
	elapsed := time.Since(loadStart)

	all := &latencies{}
	t.Logf("%d clients for %s against %s", clients, elapsed.Round(time.Millisecond), ts.URL)
	for _, k := range kinds {
		l := &latencies{}
		for _, m := range results {
			l.add(m[k])
		}
		all.add(l)
		sort.Slice(l.d, func(i, j int) bool { return l.d[i] < l.d[j] })
		t.Logf("%-18s %7d requests  %8.1f req/s  p50 %8s  p99 %8s  errors %d", k, len(l.d),
			float64(len(l.d))/elapsed.Seconds(), l.percentile(0.50).Round(10*time.Microsecond), l.percentile(0.99).Round(10*time.Microsecond), l.errors)
	}
	sort.Slice(all.d, func(i, j int) bool { return all.d[i] < all.d[j] })
	t.Logf("%-18s %7d requests  %8.1f req/s  p50 %8s  p99 %8s  errors %d", "all", len(all.d),
		float64(len(all.d))/elapsed.Seconds(), all.percentile(0.50).Round(10*time.Microsecond), all.percentile(0.99).Round(10*time.Microsecond), all.errors)
	if all.errors > 0 {
		t.Errorf("%d requests failed: %v", all.errors, all.why)
	}
}
