package export_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
)

// goldens lists the text outputs kept as golden files for the seed
// article's graph: testdata/seed.NAME.golden.
var goldens = []struct {
	name  string
	write func(*testing.T, *graph.Store, *export.Graph) []byte
}{
	{"graphml", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteGraphML(b, g, false) })
	}},
	{"yed.graphml", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteGraphML(b, g, true) })
	}},
	{"gexf", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteGEXF(b, g) })
	}},
	{"dot", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteDOT(b, g) })
	}},
	{"cyjs", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteCytoscape(b, g) })
	}},
	{"nodes.csv", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteCSV(b, &bytes.Buffer{}, g) })
	}},
	{"edges.csv", func(t *testing.T, _ *graph.Store, g *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteCSV(&bytes.Buffer{}, b, g) })
	}},
	{"nq", func(t *testing.T, st *graph.Store, _ *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteNQuads(context.Background(), b, st, nil) })
	}},
	{"jsonld", func(t *testing.T, st *graph.Store, _ *export.Graph) []byte {
		return written(t, func(b *bytes.Buffer) error { return export.WriteJSONLD(context.Background(), b, st, nil) })
	}},
}

func written(t *testing.T, write func(*bytes.Buffer) error) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGolden compares each text format of the seed article's graph with
// its golden file; go test ./graph/export -update rewrites them.
func TestGolden(t *testing.T) {
	st := seed(t)
	g := project(t, st, export.Options{})
	for _, tt := range goldens {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.write(t, st, g)
			path := filepath.Join("testdata", "seed."+tt.name+".golden")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./graph/export -update to make it)", err)
			}
			if line, w, g := firstDiff(want, got); line > 0 {
				w, g = around(w, g)
				t.Errorf("%s differs from the output at line %d:\nwant: %s\ngot:  %s\n(if the change is right, rerun with -update and review the diff)", path, line, w, g)
			}
		})
	}
}

// firstDiff returns the first line (from 1) at which a and b differ, with
// both lines; 0 when they are the same.
func firstDiff(a, b []byte) (line int, la, lb string) {
	if bytes.Equal(a, b) {
		return 0, "", ""
	}
	as, bs := strings.Split(string(a), "\n"), strings.Split(string(b), "\n")
	for i := 0; i < max(len(as), len(bs)); i++ {
		var x, y string
		if i < len(as) {
			x = as[i]
		}
		if i < len(bs) {
			y = bs[i]
		}
		if x != y || i >= len(as) || i >= len(bs) {
			return i + 1, x, y
		}
	}
	return len(as), "", ""
}

// around cuts two long lines to the stretch around where they first
// differ.
func around(a, b string) (string, string) {
	const width = 80
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	cut := func(s string) string {
		lo, hi := max(0, i-width), min(len(s), i+width)
		out := s[lo:hi]
		if lo > 0 {
			out = "…" + out
		}
		if hi < len(s) {
			out += "…"
		}
		return out
	}
	return cut(a), cut(b)
}

// TestDeterministic checks that two projections and writes of the same
// store give the same bytes, on our articles (the seed has its goldens).
func TestDeterministic(t *testing.T) {
	st := ours(t)
	for _, tt := range goldens {
		t.Run(tt.name, func(t *testing.T) {
			a := tt.write(t, st, project(t, st, export.Options{}))
			b := tt.write(t, st, project(t, st, export.Options{}))
			if line, x, y := firstDiff(a, b); line > 0 {
				x, y = around(x, y)
				t.Errorf("two runs differ at line %d:\n%s\n%s", line, x, y)
			}
		})
	}
}
