//go:build readbench

package graph_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/schema"
)

// BenchmarkServeReads measures the read API's latency through the real
// server on loopback, over a bolt store of generated articles: the first
// page of the hub's relations (the United States), the relations of a
// minor entity, a 3-hop path and stats, each with 1 and 50 clients at
// once. Each sub-benchmark reports the median (p50-ms) and 99th
// percentile (p99-ms) of its requests; the first request of each
// question, which reads the store cold, is logged apart.
//
//	GEOKG_READBENCH_N=3000 GEOKG_READBENCH_DB=/tmp/readbench-3k \
//	  go test -tags readbench -run '^$' -bench ServeReads -benchtime 400x -timeout 3h ./graph
//
// GEOKG_READBENCH_DB names the bolt store's directory: it is built there
// from GEOKG_READBENCH_N generated articles (default 3,000; go run
// ./testdata/gen -seed 42, the generator's gold statements written as
// Ingest writes them) when it holds no store, and reused when it does.
// GEOKG_READBENCH_MINOR and GEOKG_READBENCH_PATH ("FROM TO") choose the
// minor entity and the path's ends; by default the entity with the
// fewest statements (at least 5), and the first two people 3 hops apart.
func BenchmarkServeReads(b *testing.B) {
	ctx := context.Background()
	dir := readBenchStore(b)
	// The questions are chosen on a store of their own, so that the
	// server's store is read cold by the first request of each.
	pick := openReadOnly(b, dir)
	hub := "ent:united_states"
	minor := os.Getenv("GEOKG_READBENCH_MINOR")
	if minor == "" {
		minor = pickMinor(b, pick)
	}
	from, to := pickPath3(b, pick)
	hubPage, err := pick.RelationsPage(ctx, hub, graph.Filter{}, graph.Page{})
	if err != nil {
		b.Fatal(err)
	}
	minorPage, err := pick.RelationsPage(ctx, minor, graph.Filter{}, graph.Page{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	stats, err := pick.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if err := pick.Close(); err != nil {
		b.Fatal(err)
	}

	st := openReadOnly(b, dir)
	// The first request of a large store may take longer than the
	// server's default query timeout: it is measured, not cut.
	srv, err := server.New(st, server.WithQueryTimeout(10*time.Minute))
	if err != nil {
		b.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 100}}

	b.Logf("store: %d articles, %d statements, %d quads; hub %s: %d statements; minor %s: %d statements; path %s → %s",
		stats.Documents, stats.Statements, stats.Quads, hub, hubPage.Total, minor, minorPage.Total, from, to)

	api := ts.URL + "/api/geokg/v1"
	questions := []struct{ name, url string }{
		{"hub-first-page", api + "/entities/" + url.PathEscape(hub) + "/relations"},
		{"minor", api + "/entities/" + url.PathEscape(minor) + "/relations"},
		{"path-3hop", api + "/path?" + url.Values{"from": {from}, "to": {to}, "max_depth": {"3"}}.Encode()},
		{"stats", api + "/stats"},
	}
	get := func(u string) error {
		resp, err := client.Get(u)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", u, resp.Status)
		}
		return nil
	}
	for _, q := range questions {
		t0 := time.Now()
		if err := get(q.url); err != nil {
			b.Fatal(err)
		}
		b.Logf("cold %s: %.1f ms", q.name, float64(time.Since(t0).Microseconds())/1000)
	}
	for _, q := range questions {
		for _, clients := range []int{1, 50} {
			b.Run(fmt.Sprintf("%s/clients=%d", q.name, clients), func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				var mu sync.Mutex
				var next atomic.Int64
				var wg sync.WaitGroup
				errs := make(chan error, clients)
				b.ResetTimer()
				for range clients {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for next.Add(1) <= int64(b.N) {
							t0 := time.Now()
							if err := get(q.url); err != nil {
								errs <- err
								return
							}
							d := time.Since(t0)
							mu.Lock()
							lat = append(lat, d)
							mu.Unlock()
						}
					}()
				}
				wg.Wait()
				b.StopTimer()
				close(errs)
				if err := <-errs; err != nil {
					b.Fatal(err)
				}
				slices.Sort(lat)
				pct := func(p float64) float64 {
					return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
				}
				b.ReportMetric(pct(0.50), "p50-ms")
				b.ReportMetric(pct(0.99), "p99-ms")
			})
		}
	}
}

// readBenchStore returns the directory of the bolt store of
// BenchmarkServeReads, building the store first when needed.
func readBenchStore(b *testing.B) string {
	ctx := context.Background()
	dir := os.Getenv("GEOKG_READBENCH_DB")
	if dir == "" {
		dir = b.TempDir()
	}
	if _, err := os.Stat(filepath.Join(dir, "indexes.bolt")); err != nil {
		n := 3000
		if v := os.Getenv("GEOKG_READBENCH_N"); v != "" {
			if n, err = strconv.Atoi(v); err != nil {
				b.Fatalf("GEOKG_READBENCH_N=%s: %v", v, err)
			}
		}
		docs, quads := genCorpus(b, n)
		st, err := graph.Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		// Written from benchWriters goroutines, 5,000 articles at a
		// time, so that group commit shares transactions as ingest's
		// workers do.
		t0 := time.Now()
		for i := 0; i < len(docs); i += 5000 {
			j := min(len(docs), i+5000)
			writeAll(b, st, docs[i:j], quads[i:j])
			b.Logf("wrote %d articles in %v", j, time.Since(t0).Round(time.Second))
		}
		b.Logf("built %s from %d articles in %v", dir, n, time.Since(t0).Round(time.Second))
		if err := st.Close(); err != nil {
			b.Fatal(err)
		}
	}
	return dir
}

// openReadOnly opens the bolt store in dir for reading, as a read-only
// geokg serve does.
func openReadOnly(b *testing.B, dir string) *graph.Store {
	st, err := graph.Open(context.Background(), dir, graph.WithReadOnly())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// people returns the IRIs of the store's people, sorted.
func people(b *testing.B, st *graph.Store) []string {
	ents, err := st.AllEntities(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		if e.Type == schema.Person {
			out = append(out, e.IRI)
		}
	}
	slices.Sort(out)
	return out
}

// pickMinor returns the entity with the fewest statements, at least 5,
// the first of them by IRI. It counts each entity's statement nodes
// through the store's index, up to one more than the fewest so far, so
// that it does not read the statements of every entity.
func pickMinor(b *testing.B, st *graph.Store) string {
	ctx := context.Background()
	ents, err := st.AllEntities(ctx)
	if err != nil {
		b.Fatal(err)
	}
	slices.SortFunc(ents, func(x, y schema.Entity) int { return strings.Compare(x.IRI, y.IRI) })
	qs := st.QuadStore()
	best, fewest := "", 0
	for _, e := range ents {
		p := path.StartPath(qs, quad.IRI(e.IRI)).In(quad.IRI(schema.Subject), quad.IRI(schema.Object))
		it := p.Iterate(ctx)
		if best != "" {
			it = it.Limit(fewest)
		}
		nodes, err := it.AllValues(qs)
		if err != nil {
			b.Fatal(err)
		}
		if n := len(nodes); n >= 5 && (best == "" || n < fewest) {
			best, fewest = e.IRI, n
		}
	}
	if best == "" {
		b.Fatal("no entity with 5 statements or more")
	}
	return best
}

// pickPath3 returns GEOKG_READBENCH_PATH, or the first two people whose
// shortest paths have 3 hops.
func pickPath3(b *testing.B, st *graph.Store) (string, string) {
	if v := os.Getenv("GEOKG_READBENCH_PATH"); v != "" {
		f := strings.Fields(v)
		if len(f) != 2 {
			b.Fatalf("GEOKG_READBENCH_PATH=%q: want FROM TO", v)
		}
		return f[0], f[1]
	}
	ps := people(b, st)
	ps = ps[:min(len(ps), 60)]
	for i, a := range ps {
		for _, c := range ps[i+1:] {
			paths, err := st.Paths(context.Background(), a, c, 3)
			if err != nil {
				b.Fatal(err)
			}
			if len(paths) > 0 && len(paths[0]) == 3 {
				return a, c
			}
		}
	}
	b.Fatal("no two people 3 hops apart")
	return "", ""
}
