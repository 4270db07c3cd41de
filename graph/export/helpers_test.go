package export_test

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/internal/shared"
	"github.com/geokg/geokg/schema"
)

// update rewrites the golden files: go test ./graph/export -update.
var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ourArticles are the repository's own test articles; the seed article is
// read from the shared folder beside the repository (never copied).
const ourArticles = "../../testdata/articles"

// nodeDir is where .ci/install.d/40-export.sh installs the npm packages the
// tests use; GEOKG_NODE_DIR overrides it.
const defaultNodeDir = "/opt/geokg-node"

// needTool fails the test under CI (CI set) and skips it elsewhere when a
// tool it needs is missing, saying how to install it.
func needTool(t testing.TB, ok bool, what, install string) {
	t.Helper()
	if ok {
		return
	}
	msg := what + " is not available; install it with " + install + " (see .ci/install.d/40-export.sh)"
	if os.Getenv("CI") != "" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// lookPath finds a program and fails or skips the test without it.
func lookPath(t testing.TB, prog, install string) string {
	t.Helper()
	p, err := exec.LookPath(prog)
	needTool(t, err == nil, prog, install)
	return p
}

// pipeline is shared by the tests: loading prose's model takes a while.
var pipeline = sync.OnceValues(func() (*extract.Pipeline, error) { return extract.New() })

// Stores built once per test binary: extraction is the slow part.
var (
	seedOnce, oursOnce sync.Once
	seedStore          *graph.Store
	oursStore          *graph.Store
	seedErr, oursErr   error
	tempDirs           []string
)

// seed returns a store holding the seed article, skipping the test when
// the shared folder is absent (failing it under CI).
func seed(t *testing.T) *graph.Store {
	t.Helper()
	seedArticle := shared.Path(t, "eval", "seed", "albania-iran.txt")
	seedOnce.Do(func() { seedStore, seedErr = sharedStore(seedDate, seedArticle) })
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	return seedStore
}

// ours returns a store holding the articles in testdata/articles.
func ours(t *testing.T) *graph.Store {
	t.Helper()
	oursOnce.Do(func() { oursStore, oursErr = sharedStore("", ourArticles) })
	if oursErr != nil {
		t.Fatal(oursErr)
	}
	return oursStore
}

// seedDate is the seed article's publication date, which its text does not
// give (extract's seed test dates it the same way).
const seedDate = "2022-09-07"

// sharedStore ingests paths into a store that lives as long as the test
// binary, dating undated articles date.
func sharedStore(date string, paths ...string) (*graph.Store, error) {
	ctx := context.Background()
	p, err := pipeline()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "geokg-export-test")
	if err != nil {
		return nil, err
	}
	tempDirs = append(tempDirs, dir)
	st, err := graph.Open(ctx, filepath.Join(dir, "kg"))
	if err != nil {
		return nil, err
	}
	var failed []string
	opts := source.NewOptions()
	opts.DefaultDate = date
	err = source.Read(ctx, paths, nil, opts, func(doc schema.Document) error {
		stmts, err := p.Extract(ctx, doc)
		if err != nil {
			return err
		}
		_, err = st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts))
		return err
	}, func(err error) { failed = append(failed, err.Error()) })
	if err == nil && len(failed) > 0 {
		err = errors.New(strings.Join(failed, "; "))
	}
	return st, err
}

// project projects st with o, failing the test on an error.
func project(t testing.TB, st *graph.Store, o export.Options) *export.Graph {
	t.Helper()
	g, err := export.Project(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// writeFile writes b to a new file in the test's temporary directory.
func writeFile(t testing.TB, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// run runs a program and returns its standard output, failing the test
// with its standard error when it fails.
func run(t testing.TB, stdin []byte, name string, args ...string) (stdout, stderr []byte) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if stdin != nil {
		cmd.Stdin = bytes.NewReader(stdin)
	}
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, errb.String())
	}
	return out.Bytes(), errb.Bytes()
}

// runQuiet runs a program and returns what it printed and how it ended.
func runQuiet(name string, args ...string) (stdout, stderr string, err error) {
	cmd := exec.Command(name, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err = cmd.Run()
	return out.String(), errb.String(), err
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	for _, st := range []*graph.Store{seedStore, oursStore} {
		if st != nil {
			st.Close()
		}
	}
	for _, d := range tempDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}
