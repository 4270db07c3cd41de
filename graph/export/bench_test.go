package export_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// The benchmark and the memory test run on synthetic stores:
//
//	go test ./graph/export -run '^$' -bench Export -export.quads 1000000
//	go test ./graph/export -run LargeStoreMemory -export.large -v
var (
	benchQuads = flag.Int("export.quads", 100000, "about how many quads the export benchmark's synthetic store holds")
	large      = flag.Bool("export.large", false, "run TestLargeStoreMemory on stores of 250k and 1M quads (a few minutes)")
)

// syntheticStore builds a bolt store of about n quads: articles of 20
// statements each between 2,000 entities, with dates over 25 years, some
// standing relations with since and until, and evidence sentences of a
// realistic length.
func syntheticStore(tb testing.TB, n int) *graph.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, filepath.Join(tb.TempDir(), "kg"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	rng := rand.New(rand.NewSource(1))
	preds := schema.Predicates()
	kinds := []schema.Kind{schema.Country, schema.Government, schema.Person, schema.IGO, schema.ArmedGroup}
	entity := func(i int) schema.Entity {
		return schema.Entity{IRI: fmt.Sprintf("ent:e%04d", i), Name: fmt.Sprintf("Entity %d", i), Type: kinds[i%len(kinds)],
			ISO3: fmt.Sprintf("X%02d", i%100), Aliases: []string{fmt.Sprintf("E%d", i)}}
	}
	quads := 0
	for d := 0; quads < n; d++ {
		doc := schema.Document{ID: fmt.Sprintf("doc:d%06d", d), Title: fmt.Sprintf("Article %d", d),
			Published: fmt.Sprintf("%d-%02d-%02d", 2000+rng.Intn(25), 1+rng.Intn(12), 1+rng.Intn(28))}
		var stmts []schema.Statement
		for s := 0; s < 20; s++ {
			p := preds[rng.Intn(len(preds))]
			st := schema.Statement{
				Subject: entity(rng.Intn(2000)), Predicate: p.Name, Object: entity(rng.Intn(2000)),
				CAMEO: p.CAMEO, Confidence: 0.8, Span: [2]int{s * 100, s*100 + 90}, Doc: doc.ID,
				Evidence: "A sentence of about the length news sentences have, saying who did what to whom and when it happened.",
			}
			if p.Kind == schema.State {
				st.Since = fmt.Sprint(2000 + rng.Intn(20))
				if rng.Intn(2) == 0 {
					st.Until = fmt.Sprint(2020 + rng.Intn(5))
				}
			} else {
				st.Date = doc.Published
			}
			stmts = append(stmts, st)
		}
		qs := quadtest.Quads(doc, stmts)
		if _, err := st.WriteDocument(ctx, doc, qs); err != nil {
			tb.Fatal(err)
		}
		quads += len(qs)
	}
	return st
}

// heapPeak samples the live heap (what the last garbage collection found
// reachable) while it runs and reports the highest value above the live
// heap when it started: what an export holds, not the garbage it leaves
// for the collector.
type heapPeak struct {
	stop chan struct{}
	done sync.WaitGroup
	base uint64
	peak uint64
}

func startHeapPeak() *heapPeak {
	runtime.GC()
	h := &heapPeak{stop: make(chan struct{})}
	h.base = heapLive()
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-h.stop:
				return
			case <-t.C:
				if v := heapLive(); v > h.peak {
					h.peak = v
				}
			}
		}
	}()
	return h
}

// end stops sampling and returns the peak above the start, in MiB.
func (h *heapPeak) end() float64 {
	close(h.stop)
	h.done.Wait()
	if h.peak < h.base {
		return 0
	}
	return float64(h.peak-h.base) / (1 << 20)
}

func heapLive() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

var benchFormats = []export.Format{export.GraphML, export.GEXF, export.DOT, export.Cytoscape, export.CSV, export.NQuads, export.JSONLD}

func BenchmarkExport(b *testing.B) {
	st := syntheticStore(b, *benchQuads)
	stats, err := st.Stats(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	b.Logf("store: %d quads, %d statements, %d entities, %d documents; live heap before exporting %.1f MiB",
		stats.Quads, stats.Statements, stats.Entities, stats.Documents, float64(heapLive())/(1<<20))
	for _, f := range benchFormats {
		b.Run(string(f), func(b *testing.B) {
			peak := 0.0
			for i := 0; i < b.N; i++ {
				h := startHeapPeak()
				if err := export.Write(context.Background(), io.Discard, st, f, export.Options{}); err != nil {
					b.Fatal(err)
				}
				peak = max(peak, h.end())
			}
			b.ReportMetric(peak, "peak-heap-MiB")
			b.ReportMetric(float64(stats.Quads)*float64(b.N)/b.Elapsed().Seconds(), "quads/s")
		})
	}
}

// TestLargeStoreMemory exports stores of 250k and 1M quads in every
// format and checks that the raw-quad formats' peak heap does not grow
// with the store (they hold one batch), nor the event table's (one
// article), and that the graph formats' grows
// no faster than the store, give or take the collector's sampling (they
// hold the nodes and aggregated edges, whose number grows with the
// store's, but not the statements). It logs the figures.
func TestLargeStoreMemory(t *testing.T) {
	if !*large {
		t.Skip("run with -export.large")
	}
	sizes := []int{250000, 1000000}
	peaks := make(map[export.Format][]float64)
	var eventPeaks []float64 // the event table's, which holds one article at a time
	for _, n := range sizes {
		start := time.Now()
		st := syntheticStore(t, n)
		stats, err := st.Stats(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("store of %d quads (%d statements, %d documents) built in %s", stats.Quads, stats.Statements, stats.Documents, time.Since(start).Round(time.Second))
		for _, f := range benchFormats {
			h := startHeapPeak()
			start := time.Now()
			if err := export.Write(context.Background(), io.Discard, st, f, export.Options{}); err != nil {
				t.Fatal(err)
			}
			elapsed := time.Since(start)
			p := h.end()
			peaks[f] = append(peaks[f], p)
			t.Logf("  %-9s peak heap %6.1f MiB, %s", f, p, elapsed.Round(time.Millisecond))
		}
		h := startHeapPeak()
		start = time.Now()
		rows := 0
		w := export.NewEventWriter(io.Discard, export.EventCSV)
		if err := export.Events(context.Background(), st, export.EventOptions{}, func(e export.Event) error { rows++; return w.Write(e) }); err != nil {
			t.Fatal(err)
		}
		eventPeaks = append(eventPeaks, h.end())
		t.Logf("  events    peak heap %6.1f MiB, %s, %d rows", eventPeaks[len(eventPeaks)-1], time.Since(start).Round(time.Millisecond), rows)
		st.Close()
	}
	t.Logf("events    peak heap at 1M / at 250k quads: %.2f", eventPeaks[1]/max(eventPeaks[0], 1))
	if eventPeaks[1] > 2*max(eventPeaks[0], 16) {
		t.Errorf("events: peak heap grew from %.1f to %.1f MiB with the store; it should hold one article", eventPeaks[0], eventPeaks[1])
	}
	for f, p := range peaks {
		ratio := p[1] / max(p[0], 1)
		t.Logf("%-9s peak heap at 1M / at 250k quads: %.2f", f, ratio)
		switch {
		case f.Raw() && p[1] > 2*max(p[0], 16):
			t.Errorf("%s: peak heap grew from %.1f to %.1f MiB with the store; it should hold one batch", f, p[0], p[1])
		case !f.Raw() && ratio > 6:
			t.Errorf("%s: peak heap grew %.1f times for a store 4 times larger", f, ratio)
		}
	}
}
