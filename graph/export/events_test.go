package export_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/schema"
)

// events returns the events of st that o keeps.
func events(t *testing.T, st export.Articles, o export.EventOptions) []export.Event {
	t.Helper()
	var out []export.Event
	if err := export.Events(context.Background(), st, o, func(e export.Event) error {
		out = append(out, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestEvents(t *testing.T) {
	st := provenanceStore(t)
	got := events(t, st, export.EventOptions{})
	byKey := make(map[string]export.Event)
	for _, e := range got {
		byKey[e.Doc+" "+e.Predicate] = e
	}
	if len(got) != 3 {
		t.Errorf("got %d events, want 3 (two breaks, one announced recognition; no denial, no standing relation): %+v", len(got), got)
	}
	if _, ok := byKey["doc:c_other condemned"]; ok {
		t.Errorf("a negated statement made an event")
	}
	if _, ok := byKey["doc:c_other hosts"]; ok {
		t.Errorf("a standing relation with no event code made an event")
	}
	want := export.Event{
		Date:      "2022-09-07",
		SourceIRI: "ent:albania", SourceName: "Albania", SourceCode: "ALB", SourceCountry: "ALB",
		TargetIRI: "ent:iran", TargetName: "Iran", TargetCode: "IRN", TargetCountry: "IRN",
		CAMEOCode: "161", CAMEORoot: "16", QuadClass: 4, Goldstein: -4,
		Predicate: "severed_ties_with", Confidence: 0.9,
		Evidence: "Albania cut diplomatic ties with Iran on Wednesday.",
		Headline: "Albania breaks with Iran", Published: "2022-09-07", URL: "https://news.example/earlier",
		Doc: "doc:b_earlier",
	}
	e := byKey["doc:b_earlier severed_ties_with"]
	want.Statement = e.Statement
	if diff := cmp.Diff(want, e); diff != "" {
		t.Errorf("event (-want +got):\n%s", diff)
	}
	if !strings.HasPrefix(e.Statement, schema.StatementPrefix) {
		t.Errorf("statement %q: want a statement IRI", e.Statement)
	}
	// An announced act is an event coded as the intent to do it.
	if r := byKey["doc:c_other recognized"]; !r.Intended || r.CAMEOCode != "032" || r.QuadClass != 1 || r.Goldstein != 4.5 || r.AttributedTo != "Pedro Sánchez" || r.Date != "" {
		t.Errorf("announced recognition: %+v; want intended, 032, quad class 1, Goldstein 4.5, undated, attributed", r)
	}

	// Filters.
	count := func(o export.EventOptions) int { t.Helper(); return len(events(t, st, o)) }
	for _, tt := range []struct {
		name string
		o    export.EventOptions
		want int
	}{
		{"since", export.EventOptions{Since: "2022-09-08"}, 1},
		{"until", export.EventOptions{Until: "2022-09-07"}, 1},
		{"entity as source or target", export.EventOptions{Entity: "ent:iran"}, 2},
		{"entity not in events", export.EventOptions{Entity: "ent:mek"}, 0},
		{"root", export.EventOptions{Roots: []string{"03"}}, 1},
		{"roots", export.EventOptions{Roots: []string{"03", "16"}}, 3},
		{"country, any case", export.EventOptions{Countries: []string{"pse"}}, 1},
		{"country of the target", export.EventOptions{Countries: []string{"IRN"}}, 2},
		{"predicate", export.EventOptions{Predicates: []string{"recognized"}}, 1},
	} {
		if got := count(tt.o); got != tt.want {
			t.Errorf("%s: %d events, want %d", tt.name, got, tt.want)
		}
	}
	for _, o := range []export.EventOptions{{Roots: []string{"21"}}, {Roots: []string{"161"}}, {Countries: []string{"IR"}}} {
		err := export.Events(context.Background(), st, o, func(export.Event) error { return nil })
		if !errors.Is(err, export.ErrBadOption) {
			t.Errorf("options %+v: %v, want ErrBadOption", o, err)
		}
	}
	if err := export.Events(context.Background(), st, export.EventOptions{Since: "May"}, func(export.Event) error { return nil }); !errors.Is(err, graph.ErrBadDate) {
		t.Errorf("bad date: %v, want ErrBadDate", err)
	}
}

// TestEventWriter writes the events in each format and reads them back.
func TestEventWriter(t *testing.T) {
	st := provenanceStore(t)
	want := events(t, st, export.EventOptions{})
	write := func(f export.EventFormat, evs []export.Event) string {
		var b bytes.Buffer
		w := export.NewEventWriter(&b, f)
		for _, e := range evs {
			if err := w.Write(e); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Flush(); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	header := strings.Join(export.EventColumns(), ",")
	for _, f := range []export.EventFormat{export.EventCSV, export.EventTSV} {
		out := write(f, want)
		r := csv.NewReader(strings.NewReader(out))
		if f == export.EventTSV {
			r.Comma, r.LazyQuotes = '\t', true
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v\n%s", f, err, out)
		}
		if got := strings.Join(rows[0], ","); got != header {
			t.Errorf("%s header %q, want %q", f, got, header)
		}
		if len(rows) != len(want)+1 {
			t.Fatalf("%s: %d rows, want %d", f, len(rows)-1, len(want))
		}
		for i, e := range want {
			for j, col := range rows[0] {
				if got, exp := rows[i+1][j], field(e, col); got != exp {
					t.Errorf("%s row %d %s = %q, want %q", f, i+1, col, got, exp)
				}
			}
		}
		// No row: the header alone.
		if got := write(f, nil); strings.Count(got, "\n") != 1 || !strings.HasPrefix(got, "date") {
			t.Errorf("%s with no event: %q, want the header", f, got)
		}
	}
	var got []export.Event
	sc := bufio.NewScanner(strings.NewReader(write(export.EventJSONL, want)))
	for sc.Scan() {
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(sc.Bytes(), &keys); err != nil {
			t.Fatal(err)
		}
		if len(keys) != len(export.EventColumns()) {
			t.Errorf("JSONL line has %d keys, want the %d columns", len(keys), len(export.EventColumns()))
		}
		var e export.Event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			t.Fatal(err)
		}
		got = append(got, e)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("JSONL read back (-want +got):\n%s", diff)
	}
}

// field returns an event's value of the column col as the JSONL gives it,
// formatted as the CSV writes it.
func field(e export.Event, col string) string {
	b, _ := json.Marshal(e)
	var m map[string]any
	json.Unmarshal(b, &m)
	return fmt.Sprint(m[col])
}

// TestEventsMemory streams the events of a store of many articles and
// checks that the live heap does not grow with the rows written: it is
// measured after a collection every few thousand rows, and the last
// measure may exceed the first by a fixed margin however many rows came
// between.
func TestEventsMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a store of 100,000 quads")
	}
	st := syntheticStore(t, 100000)
	var heaps []uint64
	rows := 0
	w := export.NewEventWriter(io.Discard, export.EventCSV)
	err := export.Events(context.Background(), st, export.EventOptions{}, func(e export.Event) error {
		rows++
		if rows%500 == 0 {
			runtime.GC()
			heaps = append(heaps, heapLive())
		}
		return w.Write(e)
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(heaps) < 4 {
		t.Fatalf("%d rows: too few to measure", rows)
	}
	first, last := heaps[0], heaps[len(heaps)-1]
	t.Logf("live heap after %d rows: %.1f MiB; after %d rows: %.1f MiB", 500, mib(first), rows, mib(last))
	if last > first+1<<20 {
		t.Errorf("live heap grew from %.1f MiB to %.1f MiB over %d rows: it grows with the rows", mib(first), mib(last), rows-500)
	}
}

func mib(n uint64) float64 { return float64(n) / (1 << 20) }

// BenchmarkEvents writes the event table of a synthetic store as CSV and
// reports rows a second and the peak live heap above the store's:
//
//	go test ./graph/export -run '^$' -bench Events -export.quads 1000000
func BenchmarkEvents(b *testing.B) {
	st := syntheticStore(b, *benchQuads)
	peak, rows := 0.0, 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		rows = 0
		h := startHeapPeak()
		w := export.NewEventWriter(io.Discard, export.EventCSV)
		if err := export.Events(context.Background(), st, export.EventOptions{}, func(e export.Event) error {
			rows++
			return w.Write(e)
		}); err != nil {
			b.Fatal(err)
		}
		if err := w.Flush(); err != nil {
			b.Fatal(err)
		}
		peak = max(peak, h.end())
	}
	b.ReportMetric(peak, "peak-heap-MiB")
	b.ReportMetric(float64(rows), "rows")
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
