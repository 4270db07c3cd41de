package graph_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// BenchmarkWriteDocument writes a new article of eight statements per
// iteration into a growing in-memory store.
func BenchmarkWriteDocument(b *testing.B) {
	ctx := context.Background()
	s := openMem(b)
	docs := make([]schema.Document, b.N)
	quads := make([][]quad.Quad, b.N)
	for i := range docs {
		docs[i] = schema.Document{ID: fmt.Sprintf("doc:bench_%d", i), Published: "2022-09-07"}
		stmts := tiesStatements()
		for j := range stmts {
			stmts[j].Doc = docs[i].ID
		}
		quads[i] = quadtest.Quads(docs[i], stmts)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range docs {
		if _, err := s.WriteDocument(ctx, docs[i], quads[i]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkReingestDocument writes the same article again: the no-change
// path that re-running an ingest takes.
func BenchmarkReingestDocument(b *testing.B) {
	ctx := context.Background()
	s := openMem(b)
	quads := quadtest.Quads(docTies, tiesStatements())
	if _, err := s.WriteDocument(ctx, docTies, quads); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := s.WriteDocument(ctx, docTies, quads); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRelations looks up Iran's relations in a store of 100 articles.
func BenchmarkRelations(b *testing.B) {
	ctx := context.Background()
	s := openMem(b)
	for i := range 100 {
		doc := schema.Document{ID: fmt.Sprintf("doc:bench_%d", i)}
		stmts := tiesStatements()
		for j := range stmts {
			stmts[j].Doc = doc.ID
		}
		write(b, s, doc, stmts)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		rels, err := s.Relations(ctx, "ent:iran", graph.Filter{Since: "2022"})
		if err != nil {
			b.Fatal(err)
		}
		if len(rels) != 400 {
			b.Fatalf("got %d relations, want 400", len(rels))
		}
	}
}

func TestConcurrentWritesAndReads(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	var wg sync.WaitGroup
	errs := make(chan error, 40)
	for i := range 20 {
		wg.Add(2)
		go func() {
			defer wg.Done()
			doc := schema.Document{ID: fmt.Sprintf("doc:concurrent_%d", i)}
			stmts := tiesStatements()
			for j := range stmts {
				stmts[j].Doc = doc.ID
			}
			if _, err := s.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
				errs <- err
			}
		}()
		go func() {
			defer wg.Done()
			if _, err := s.Relations(ctx, "ent:united_states", graph.Filter{}); err != nil && !errors.Is(err, graph.ErrNotFound) {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	rels, err := s.Relations(ctx, "ent:united_states", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rels) != 20*2 {
		t.Errorf("got %d statements about the United States, want %d", len(rels), 20*2)
	}
}

// benchStoreEnv names a store built beforehand (for instance by `geokg
// ingest` of a generated corpus) that the large-store benchmarks read:
// a bolt directory, or a postgres:// URL. They skip when it is unset.
const benchStoreEnv = "GEOKG_BENCH_DB"

// openBenchStore opens the store named by GEOKG_BENCH_DB.
func openBenchStore(b *testing.B) *graph.Store {
	b.Helper()
	where := os.Getenv(benchStoreEnv)
	if where == "" {
		b.Skipf("set %s to a store (a bolt directory or a postgres:// URL) to run this benchmark", benchStoreEnv)
	}
	backend := graph.Bolt
	if strings.HasPrefix(where, "postgres://") {
		backend = graph.Postgres
	}
	// GEOKG_BENCH_BLOOM=1 turns Cayley's bloom filters on, to measure them.
	bloom := os.Getenv("GEOKG_BENCH_BLOOM") == "1"
	s, err := graph.Open(context.Background(), where, graph.WithBackend(backend), graph.WithBloomFilter(bloom))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkStoreStats counts what the store of GEOKG_BENCH_DB holds.
func BenchmarkStoreStats(b *testing.B) {
	s := openBenchStore(b)
	for range b.N {
		if _, err := s.Stats(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// latencies runs f b.N times and reports the median and the 99th
// percentile of its duration, in milliseconds.
func latencies(b *testing.B, f func() error) {
	b.Helper()
	ds := make([]time.Duration, 0, b.N)
	for range b.N {
		start := time.Now()
		if err := f(); err != nil {
			b.Fatal(err)
		}
		ds = append(ds, time.Since(start))
	}
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	pct := func(p float64) float64 {
		i := int(float64(len(ds)-1) * p)
		return float64(ds[i].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

// benchHub is the entity BenchmarkRelationsHub looks up: the generator
// makes the United States the most frequent actor.
const benchHub = "ent:united_states"

// BenchmarkRelationsHub lists every relation of the hub entity in the
// store of GEOKG_BENCH_DB, statements and merged.
func BenchmarkRelationsHub(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	st, err := s.Relations(ctx, benchHub, graph.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: %d statements", benchHub, len(st))
	b.Run("statements", func(b *testing.B) {
		latencies(b, func() error { _, err := s.Relations(ctx, benchHub, graph.Filter{}); return err })
	})
	b.Run("merged", func(b *testing.B) {
		latencies(b, func() error { _, err := s.MergedRelations(ctx, benchHub, graph.Filter{}); return err })
	})
}

// benchPathEnv names the two entities BenchmarkPaths3Hop links, as
// "FROM TO"; by default it uses the first pair of its candidates whose
// shortest path has three hops.
const benchPathEnv = "GEOKG_BENCH_PATH"

// BenchmarkPaths3Hop finds the shortest paths, up to three hops, between
// two entities of the store of GEOKG_BENCH_DB that are three hops apart.
func BenchmarkPaths3Hop(b *testing.B) {
	s := openBenchStore(b)
	ctx := context.Background()
	var from, to string
	if v := os.Getenv(benchPathEnv); v != "" {
		f := strings.Fields(v)
		if len(f) != 2 {
			b.Fatalf("%s=%q: want two entity IRIs", benchPathEnv, v)
		}
		from, to = f[0], f[1]
	} else {
		// Two leaders of different states are linked through their
		// states: leader → state → state ← leader. Try a few hundred pairs.
		ents, err := s.AllEntities(ctx)
		if err != nil {
			b.Fatal(err)
		}
		var people []schema.Entity
		for _, e := range ents {
			if e.Type == schema.Person && e.Parent != "" {
				people = append(people, e)
			}
		}
		tries := 0
	search:
		for i, a := range people {
			for _, c := range people[i+1:] {
				if a.Parent == c.Parent {
					continue
				}
				if tries++; tries > 300 {
					break search
				}
				ps, err := s.Paths(ctx, a.IRI, c.IRI, 3)
				if err != nil {
					b.Fatal(err)
				}
				if len(ps) > 0 && len(ps[0]) == 3 {
					from, to = a.IRI, c.IRI
					break search
				}
			}
		}
		if from == "" {
			b.Skip("no two entities of the store are three hops apart")
		}
	}
	ps, err := s.Paths(ctx, from, to, 3)
	if err != nil {
		b.Fatal(err)
	}
	hops := 0
	if len(ps) > 0 {
		hops = len(ps[0])
	}
	b.Logf("%s → %s: %d paths of %d hops", from, to, len(ps), hops)
	b.ResetTimer()
	latencies(b, func() error { _, err := s.Paths(ctx, from, to, 3); return err })
}
