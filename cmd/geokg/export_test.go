package main

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/export"
)

func TestNewExportCmd(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    exportOptions // the fields compared below
		wantErr string        // a usage error containing this
	}{
		{name: "default format", args: nil, want: exportOptions{Format: export.GraphML}},
		{name: "all the filters", args: []string{"-f", "gexf", "-o", "g.gexf", "--entity", "Iran", "--depth", "2", "--since", "2022", "--until", "2023-06", "-p", "hosts", "-p", "accused", "--min-sources", "2"},
			want: exportOptions{Format: export.GEXF, File: "g.gexf", Entity: "Iran", Depth: 2, Since: "2022", Until: "2023-06", Predicates: []string{"hosts", "accused"}, MinSources: 2}},
		{name: "yed", args: []string{"--format", "graphml", "--yed"}, want: exportOptions{Format: export.GraphML, YEd: true}},
		{name: "format alias", args: []string{"-f", "cyjs"}, want: exportOptions{Format: export.Cytoscape}},
		{name: "unknown format", args: []string{"-f", "pdf"}, wantErr: `--format: unknown export format "pdf"`},
		{name: "png needs a file", args: []string{"-f", "png"}, wantErr: "--format png needs --out"},
		{name: "csv needs a place", args: []string{"-f", "csv"}, wantErr: "--format csv needs --out"},
		{name: "depth needs an entity", args: []string{"--depth", "2"}, wantErr: "--depth needs --entity"},
		{name: "zero depth", args: []string{"--entity", "Iran", "--depth", "0"}, wantErr: "--depth 0: give 1 or more hops"},
		{name: "raw quads take no filter", args: []string{"-f", "nquads", "--since", "2022"}, wantErr: "--since: nquads writes every quad of the store"},
		{name: "yed is for graphml", args: []string{"-f", "gexf", "--yed"}, wantErr: "--yed applies to --format graphml"},
		{name: "unknown predicate", args: []string{"-p", "befriended"}, wantErr: `--predicate "befriended": unknown predicate`},
		{name: "negative minimum", args: []string{"--min-sources", "-1"}, wantErr: "--min-sources -1"},
		{name: "no arguments", args: []string{"Iran"}, wantErr: "export: want no arguments"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &rootOptions{streams: streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}}
			root := newRootCmd(g, nil)
			var got *exportOptions
			root.AddCommand(newExportCmd(g, func(_ context.Context, o *exportOptions) error {
				got = o
				return nil
			}))
			root.SetArgs(append([]string{"export"}, tt.args...))
			_, err := root.ExecuteC()
			if tt.wantErr != "" {
				var ue *usageError
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !asUsage(err, &ue) {
					t.Fatalf("error %v, want a usage error containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			cmpd := exportOptions{Format: got.Format, File: got.File, Entity: got.Entity, Depth: got.Depth, Since: got.Since,
				Until: got.Until, Predicates: got.Predicates, MinSources: got.MinSources, YEd: got.YEd}
			if diff := cmp.Diff(tt.want, cmpd, cmp.AllowUnexported(exportOptions{}), cmp.Comparer(func(a, b streams) bool { return true })); diff != "" {
				t.Errorf("options (-want +got):\n%s", diff)
			}
		})
	}
}

func asUsage(err error, ue **usageError) bool {
	u, ok := err.(*usageError)
	*ue = u
	return ok
}

func TestExport(t *testing.T) {
	db, _ := fixtureStore(t)
	dir := t.TempDir()
	_, dotErr := exec.LookPath("dot")
	tests := []struct {
		format string
		out    string // file name, "" for standard output
		want   string // in the output
		dot    bool   // needs Graphviz
	}{
		{format: "graphml", want: `<node id="ent:albania"><data key="label">Albania</data>`},
		{format: "gexf", out: "g.gexf", want: `mode="dynamic" timeformat="date"`},
		{format: "dot", want: `"ent:albania" -> "ent:iran" [label="severed ties with (2022)", color="#d62728"`},
		{format: "cytoscape", out: "g.cyjs", want: `{"data":{"id":"ent:albania","label":"Albania"`},
		{format: "nquads", want: `<ent:albania> <rel:severed_ties_with> <ent:iran> <doc:`},
		{format: "jsonld", out: "g.jsonld", want: `"@id":"ent:albania"`},
		{format: "csv", out: "g.zip", want: "PK"},
		{format: "svg", out: "g.svg", want: "<svg", dot: true},
		{format: "png", out: "g.png", want: "\x89PNG", dot: true},
	}
	for _, tt := range tests {
		t.Run(tt.format, func(t *testing.T) {
			if tt.dot && dotErr != nil {
				if os.Getenv("CI") != "" {
					t.Fatal("Graphviz's dot is not installed (apt-get install graphviz)")
				}
				t.Skip("Graphviz's dot is not installed (apt-get install graphviz)")
			}
			args := []string{"--db", db, "export", "--format", tt.format}
			if tt.out != "" {
				args = append(args, "--out", filepath.Join(dir, tt.out))
			}
			r := mustRun(t, exitOK, args...)
			got := r.out
			if tt.out != "" {
				b, err := os.ReadFile(filepath.Join(dir, tt.out))
				if err != nil {
					t.Fatal(err)
				}
				got = string(b)
				if !strings.HasPrefix(r.err, "export: ") || !strings.Contains(r.err, " as "+tt.format+" to ") {
					t.Errorf("stderr %q, want a summary line", r.err)
				}
			}
			if !strings.Contains(got, tt.want) {
				t.Errorf("output lacks %q:\n%.600s", tt.want, got)
			}
		})
	}
	t.Run("csv directory", func(t *testing.T) {
		out := filepath.Join(dir, "kumu")
		mustRun(t, exitOK, "--db", db, "export", "-f", "csv", "-o", out)
		for _, name := range []string{export.NodesCSV, export.EdgesCSV} {
			b, err := os.ReadFile(filepath.Join(out, name))
			if err != nil || !strings.Contains(string(b), "ent:albania") {
				t.Errorf("%s: %v\n%s", name, err, b)
			}
		}
		z, err := zip.OpenReader(filepath.Join(dir, "g.zip"))
		if err != nil {
			t.Fatal(err)
		}
		defer z.Close()
		if len(z.File) != 2 {
			t.Errorf("zip holds %d files, want 2", len(z.File))
		}
	})
}

func TestExportEntity(t *testing.T) {
	db, _ := fixtureStore(t)
	r := mustRun(t, exitOK, "--db", db, "export", "-f", "cytoscape", "--entity", "Tirana")
	var doc struct {
		Elements struct {
			Nodes []struct {
				Data struct{ ID string } `json:"data"`
			} `json:"nodes"`
			Edges []struct {
				Data struct{ Source, Target string } `json:"data"`
			} `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal([]byte(r.out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	var ids []string
	for _, n := range doc.Elements.Nodes {
		ids = append(ids, n.Data.ID)
	}
	// Tirana stands for Albania; within one hop: Iran. The MEK article's
	// entities are further away.
	if diff := cmp.Diff([]string{"ent:albania", "ent:iran"}, ids); diff != "" {
		t.Errorf("nodes (-want +got):\n%s", diff)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     string
	}{
		{"unknown entity", []string{"--entity", "Albanja"}, exitFailure, `geokg: no entity called "Albanja" in the store`},
		{"bad date", []string{"--since", "last year"}, exitUsage, "geokg: --since/--until: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", nil, append([]string{"--db", db, "export"}, tt.args...)...)
			if r.code != tt.wantCode || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", r.code, r.err, tt.wantCode, tt.want)
			}
		})
	}
}

func TestExportWithoutGraphviz(t *testing.T) {
	db, _ := fixtureStore(t)
	t.Setenv("PATH", t.TempDir())
	out := filepath.Join(t.TempDir(), "g.png")
	r := geokg(t, "", nil, "--db", db, "export", "-f", "png", "-o", out)
	if r.code != exitFailure || !strings.Contains(r.err, "apt-get install graphviz") {
		t.Errorf("exit %d, stderr %q; want 1 and the Debian package to install", r.code, r.err)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed export left %s", out)
	}
}

// TestExportDashIsStandardOutput checks that --out - writes to standard
// output, as "-" does for every other command, and leaves no file named
// "-" behind.
func TestExportDashIsStandardOutput(t *testing.T) {
	db, _ := fixtureStore(t)
	work := t.TempDir()
	t.Chdir(work)
	r := mustRun(t, exitOK, "--db", db, "export", "--format", "nquads", "--out", "-")
	if !strings.Contains(r.out, "<rel:severed_ties_with>") {
		t.Errorf("standard output lacks the quads:\n%.300s", r.out)
	}
	if _, err := os.Stat(filepath.Join(work, "-")); err == nil {
		t.Error(`export --out - wrote a file named "-"`)
	}
}
