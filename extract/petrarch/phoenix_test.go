package petrarch_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/internal/shared"
)

// phoenixPaths names the full Phoenix set in the shared folder: the
// dictionaries PETRARCH2 codes the Phoenix data set with.
func phoenixPaths(t testing.TB) petrarch.Paths {
	dir := shared.Path(t, "dicts", "phoenix")
	p := func(name string) string { return filepath.Join(dir, name) }
	return petrarch.Paths{
		Actors: []string{p("Phoenix.Countries.actors.txt"), p("Phoenix.International.actors.txt"), p("Phoenix.MilNonState.actors.txt")},
		Agents: p("Phoenix.agents.txt"), Verbs: p("CAMEO.2.0.txt"), Discards: p("Phoenix.discards.txt"),
	}
}

// phoenixMalformed are the entries of the Phoenix set that are malformed
// as written, each listed with its reason in docs/cameo.md: every other
// entry is read.
var phoenixMalformed = []string{
	"Phoenix.Countries.actors.txt:2039",     // date 9008223: seven digits
	"Phoenix.Countries.actors.txt:14190",    // 20121207-20120802 ends before it starts
	"Phoenix.Countries.actors.txt:15346",    // FAEROYENE]_: a ] in a name
	"Phoenix.Countries.actors.txt:18010",    // date 201005011: nine digits …
	"Phoenix.Countries.actors.txt:18007",    // … so DAVID_CAMERON has no code
	"Phoenix.Countries.actors.txt:50802",    // a department with no code
	"Phoenix.Countries.actors.txt:50839",    // a department with no code
	"Phoenix.International.actors.txt:22",   // U.N._ with no code
	"Phoenix.International.actors.txt:40",   // date 2004017: seven digits
	"Phoenix.International.actors.txt:3694", // "Source: MNC.MLH.actors", a note
	"Phoenix.agents.txt:1927",               // ISLAMIC_EXTREMIST with no code
	"CAMEO.2.0.txt:2374",                    // VISIT) closes no group
	"CAMEO.2.0.txt:5787",                    // code 080!
	"CAMEO.2.0.txt:7606",                    // ^) closes no group
	"CAMEO.2.0.txt:8443",                    // &WEATHER is not defined
	"CAMEO.2.0.txt:8444",                    // &DEMONSTRATION is not defined
}

// TestPhoenixLoads reads the full Phoenix set: every entry but the
// malformed ones above, with its {…} and (…) pattern groups, ~
// transformations, substitution markers and date forms.
func TestPhoenixLoads(t *testing.T) {
	d, problems, err := petrarch.Load(phoenixPaths(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range problems {
		var pe *petrarch.ParseError
		if !errors.As(p, &pe) {
			t.Fatalf("problem %v is no *ParseError", p)
		}
		got = append(got, fmt.Sprintf("%s:%d", filepath.Base(pe.File), pe.Line))
		t.Log(p)
	}
	if diff := cmp.Diff(phoenixMalformed, got); diff != "" {
		t.Errorf("malformed entries (-want +got):\n%s", diff)
	}
	patterns, grouped := 0, 0
	for _, b := range d.Verbs.Blocks {
		for _, p := range b.Patterns {
			patterns++
			for _, e := range append(append([]petrarch.Elem(nil), p.Upper...), p.Lower...) {
				if e.Phrase {
					grouped++
					break
				}
			}
		}
	}
	t.Logf("%d actors, %d agents, %d verb blocks, %d patterns (%d with groups), %d transformations, %d discards",
		len(d.Actors.Entries), len(d.Agents.Entries), len(d.Verbs.Blocks), patterns, grouped, len(d.Verbs.Transformations), len(d.Discards.Entries))
	for _, c := range []struct {
		what     string
		got, min int
	}{
		{"actor entries", len(d.Actors.Entries), 20000},
		{"agents", len(d.Agents.Entries), 4000},
		{"patterns", patterns, 4500},
		{"patterns with groups", grouped, 1500},
		{"transformations", len(d.Verbs.Transformations), 8},
	} {
		if c.got < c.min {
			t.Errorf("%s: %d, want at least %d", c.what, c.got, c.min)
		}
	}
	// Leaders by date: Josipovic heads Croatia from 2010 (names one a line
	// sharing their codes), Gorbachev the Soviet Union in 1988.
	for _, tc := range []struct {
		name string
		day  petrarch.Date
		want string
	}{
		{"JOSIPOVIC", 20120301, "HRVGOV"},
		{"PRESIDENT_JOSIPOVIC", 20050101, "HRVGOVLEG"},
		{"MIKHAIL_S._GORBACHEV", 19880101, "RUSGOV"},
		{"ABU_ABDUL_'AZIZ_AL-QATARI", 20140101, "SYRREBMUS"},
	} {
		if got := codesOf(d.Actors, tc.name, tc.day); got != tc.want {
			t.Errorf("%s on %v: %q, want %s", tc.name, tc.day, got, tc.want)
		}
	}
}

func codesOf(a *petrarch.Actors, name string, day petrarch.Date) string {
	for _, e := range a.Entries {
		for _, n := range e.Names {
			if n.String() == name {
				codes, _ := e.CodesOn(day)
				return fmt.Sprint(codes)[1 : len(fmt.Sprint(codes))-1]
			}
		}
	}
	return ""
}

// BenchmarkLoadPhoenix reads the full Phoenix set; heap-MB is the live
// heap after loading (the bound: 2 s and 300 MB).
func BenchmarkLoadPhoenix(b *testing.B) {
	paths := phoenixPaths(b)
	b.ReportAllocs()
	var d *petrarch.Dictionaries
	for i := 0; i < b.N; i++ {
		var err error
		if d, _, err = petrarch.Load(paths); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapAlloc)/(1<<20), "heap-MB")
	runtime.KeepAlive(d)
}
