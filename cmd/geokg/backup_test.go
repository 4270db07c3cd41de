package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
)

// storeQuads returns every quad of the bolt store db in N-Quads form,
// sorted.
func storeQuads(t *testing.T, db string) []string {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var out []string
	it := st.QuadStore().QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := st.QuadStore().Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func TestBackupRestoreCommands(t *testing.T) {
	db := ingestArticles(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "kg.nq.gz")
	r := mustRun(t, exitOK, "--db", db, "backup", "--out", file)
	want := storeQuads(t, db)
	if !strings.HasPrefix(r.err, "backup: ") || !strings.Contains(r.err, " quads of store "+db+" to "+file+" (") {
		t.Errorf("backup stderr = %q", r.err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("backup left %d files in its directory, want the backup alone", len(entries))
	}

	restored := filepath.Join(t.TempDir(), "restored")
	r = mustRun(t, exitOK, "--db", restored, "restore", file)
	if !strings.HasPrefix(r.err, "restore: ") || !strings.Contains(r.err, " quads from "+file+" into store "+restored) {
		t.Errorf("restore stderr = %q", r.err)
	}
	if diff := cmp.Diff(want, storeQuads(t, restored)); diff != "" {
		t.Errorf("restored quads (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(storeStats(t, db), storeStats(t, restored)); diff != "" {
		t.Errorf("stats --json (-original +restored):\n%s", diff)
	}
	mustRun(t, exitOK, "--db", restored, "verify")

	t.Run("non-empty store", func(t *testing.T) {
		r := geokg(t, "", nil, "--db", restored, "restore", file)
		if r.code != exitFailure || !strings.Contains(r.err, "the store is not empty; restore into a new store (--db), or add --force") {
			t.Errorf("exit %d, stderr %q", r.code, r.err)
		}
		r = mustRun(t, exitOK, "--db", restored, "restore", "--force", file)
		if !strings.Contains(r.err, "after removing the ") {
			t.Errorf("forced restore stderr = %q", r.err)
		}
		if diff := cmp.Diff(want, storeQuads(t, restored)); diff != "" {
			t.Errorf("quads after a forced restore (-want +got):\n%s", diff)
		}
	})

	t.Run("standard output", func(t *testing.T) {
		r := mustRun(t, exitOK, "--db", db, "backup", "--out", "-")
		zr, err := gzip.NewReader(strings.NewReader(r.out))
		if err != nil {
			t.Fatal(err)
		}
		var text bytes.Buffer
		if _, err := text.ReadFrom(zr); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(text.String(), " .\n"); n != len(want) {
			t.Errorf("backup to standard output holds %d quads, want %d", n, len(want))
		}
	})

	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	plain := func() string {
		zr, err := gzip.NewReader(bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(zr)
		return b.String()
	}()
	bad := []struct {
		name, content, want string
	}{
		{name: "truncated", content: string(good[:len(good)/2]), want: ": the gzip stream ends early: the file is truncated; the store was not touched"},
		{name: "bad line", content: strings.Replace(plain, " .\n", " \n", 1), want: ":2: not an N-Quad: "},
		{name: "cut at a line end", content: plain[:strings.LastIndex(plain[:len(plain)-1], "\n")+1], want: ": no closing line"},
		{name: "empty file", content: "", want: ": the file is empty: it holds no geokg backup; the store was not touched"},
		{name: "empty gzip", content: emptyGzip(t), want: ": the file is empty: it holds no geokg backup; the store was not touched"},
		{name: "plain N-Quads without the header", content: plain[strings.Index(plain, "\n")+1:], want: `:1: not a geokg backup: it does not open with "# geokg backup`},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			f := writeFile(t, t.TempDir(), "bad.nq.gz", tt.content)
			target := filepath.Join(t.TempDir(), "target")
			r := geokg(t, "", nil, "--db", target, "restore", f)
			if r.code != exitFailure || !strings.HasPrefix(r.err, "geokg: restore: "+f) || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q, want it to name %s and say %q", r.code, r.err, f, tt.want)
			}
			if _, err := os.Stat(target); !os.IsNotExist(err) {
				t.Errorf("a failed restore created the store: %v", err)
			}
			// Into an existing store: it is left as it was.
			before := storeQuads(t, restored)
			geokg(t, "", nil, "--db", restored, "restore", "--force", f)
			if diff := cmp.Diff(before, storeQuads(t, restored)); diff != "" {
				t.Errorf("a failed restore changed the store (-before +after):\n%s", diff)
			}
		})
	}
}

func TestBackupUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{args: []string{"backup"}, code: exitUsage, want: "geokg: backup: missing --out FILE.nq.gz"},
		{args: []string{"backup", "--out", "x.nq.gz"}, code: exitFailure, want: "geokg: no store at " + db},
		{args: []string{"restore"}, code: exitUsage, want: "geokg: restore: missing one backup file"},
		{args: []string{"restore", "nothing.nq.gz"}, code: exitFailure, want: "geokg: restore: open nothing.nq.gz: no such file or directory"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := geokg(t, "", nil, append([]string{"--db", db}, tt.args...)...)
			if r.code != tt.code || !strings.HasPrefix(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit %d and %q", r.code, r.err, tt.code, tt.want)
			}
		})
	}
}

// emptyGzip is a gzip stream of nothing.
func emptyGzip(t *testing.T) string {
	t.Helper()
	var b bytes.Buffer
	if err := gzip.NewWriter(&b).Close(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}
