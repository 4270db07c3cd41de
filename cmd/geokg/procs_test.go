package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/schema"
)

// This file holds what the ordinary tests and the integration tests (build
// tag integration: go test -tags integration) share: the package's
// TestMain, the geokg and generator binaries, generated corpora, stores
// and their snapshots.

// toolDir holds the geokg and gen binaries, built once by buildTools.
var (
	toolDir   string
	toolsOnce sync.Once
	toolsErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	if toolDir != "" {
		os.RemoveAll(toolDir)
	}
	if articlesDB != "" {
		os.RemoveAll(filepath.Dir(articlesDB))
	}
	os.Exit(code)
}

// buildTools builds geokg and the generator with go build, once, and
// returns the directory holding them.
func buildTools(t testing.TB) string {
	t.Helper()
	toolsOnce.Do(func() {
		toolDir, toolsErr = os.MkdirTemp("", "geokg-tools-")
		if toolsErr != nil {
			return
		}
		for name, pkg := range map[string]string{"geokg": ".", "gen": "../../testdata/gen"} {
			out, err := exec.Command("go", "build", "-o", filepath.Join(toolDir, name), pkg).CombinedOutput()
			if err != nil {
				toolsErr = fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
				return
			}
		}
	})
	if toolsErr != nil {
		t.Fatal(toolsErr)
	}
	return toolDir
}

// generate writes n generated articles into a new directory (format txt or
// jsonl) and returns it; DIR/gold.jsonl holds their statements.
func generate(t testing.TB, n int, seed int, format string) string {
	t.Helper()
	dir := t.TempDir()
	gen := filepath.Join(buildTools(t), "gen")
	out, err := exec.Command(gen, "-n", fmt.Sprint(n), "-seed", fmt.Sprint(seed), "-format", format, "-out", dir).CombinedOutput()
	if err != nil {
		t.Fatalf("gen: %v\n%s", err, out)
	}
	return dir
}

// snapshot is what two stores must agree on to be equal: their counts and
// the IRIs of their statements.
type snapshot struct {
	Stats      graph.Stats
	Statements []string
}

func takeSnapshot(t testing.TB, o storeOptions) snapshot {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, o, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var snap snapshot
	if snap.Stats, err = st.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	err = st.EachStatement(ctx, graph.Filter{}, func(s schema.Statement) error {
		snap.Statements = append(snap.Statements, s.ID())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(snap.Statements)
	return snap
}

func boltStore(t testing.TB) storeOptions {
	return storeOptions{DB: filepath.Join(t.TempDir(), "kg"), Backend: graph.Bolt}
}

func storeArgs(o storeOptions) []string {
	return []string{"--backend", o.Backend, "--db", o.DB}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func lastLineWith(s, sub string) string {
	lines := strings.Split(s, "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.Contains(lines[i], sub) {
			return lines[i]
		}
	}
	return ""
}

func postgresStore(t testing.TB) storeOptions {
	return storeOptions{DB: pgtest.NewDB(t), Backend: graph.Postgres}
}

// buildGeokg builds the geokg binary into a temporary directory.
func buildGeokg(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the go tool is needed to build geokg: %v", err)
		}
		t.Skipf("the go tool is needed to build geokg: %v", err)
	}
	bin := filepath.Join(t.TempDir(), "geokg")
	out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// backendQuads returns every quad of the store as an N-Quads line, sorted.
func backendQuads(t *testing.T, o storeOptions) []string {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, o, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var buf bytes.Buffer
	if _, err := st.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	qs, err := graph.ReadBackup(&buf, o.where())
	if err != nil {
		t.Fatal(err)
	}
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.NQuad()
	}
	sort.Strings(out)
	return out
}
