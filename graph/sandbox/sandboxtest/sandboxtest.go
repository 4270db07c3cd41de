// Package sandboxtest holds what the tests of package sandbox and of its
// callers (graph/server) share to attack it: the things a script must not
// reach (a secret file, a server that counts the requests it gets) and
// the checks that it reached none and leaked nothing.
package sandboxtest

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// Targets are what a script must not reach: a secret file in a folder
// (the store's), and a server on loopback that counts the requests it
// gets. Scripts name them with the placeholders SECRET and CANARY
// (Expand).
type Targets struct {
	Dir       string // the folder of the secret file
	Secret    string // the secret file's path
	Content   string // what it holds
	CanaryURL string // the counting server
	hits      atomic.Int64
	before    map[string]string
}

// New writes the secret file in dir and starts the counting server, until
// the test ends.
func New(t testing.TB, dir string) *Targets {
	t.Helper()
	g := &Targets{Dir: dir, Secret: filepath.Join(dir, "secret.json"), Content: "geokg-sandbox-secret-7d1f0c"}
	if err := os.WriteFile(g.Secret, []byte(`{"@context": {"secret": "`+g.Content+`"}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	canary := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		g.hits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"@context": {"secret": %q}}`, g.Content)
	}))
	t.Cleanup(canary.Close)
	g.CanaryURL = canary.URL
	g.before = tree(t, dir)
	return g
}

// Expand fills in a script's placeholders: SECRET, the secret file's
// path, and CANARY, the counting server's URL.
func (g *Targets) Expand(script string) string {
	return strings.NewReplacer("SECRET", g.Secret, "CANARY", g.CanaryURL).Replace(script)
}

// CheckLeaks fails the test when answer holds what no answer may hold
// and request did not: file paths of the machine, the secret, Go source
// positions, stack traces and the names of Go packages.
func (g *Targets) CheckLeaks(t testing.TB, what, request, answer string) {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	leaks := []string{wd, g.Dir, g.Content, "root:x:0:0", "/home/", "/work/", "/root/", ".go:", "goroutine ", "github.com/", "runtime.", "/usr/local/go", "/go/pkg/mod"}
	if home, _ := os.UserHomeDir(); home != "" && home != "/" {
		leaks = append(leaks, home)
	}
	for _, l := range leaks {
		if strings.Contains(answer, l) && !strings.Contains(request, l) {
			t.Errorf("%s: the answer holds %q: %.500s", what, l, answer)
		}
	}
}

// Hits is the number of requests the counting server got.
func (g *Targets) Hits() int64 { return g.hits.Load() }

// CheckUntouched fails the test when a script reached a target: the
// counting server got a request, a file of Dir changed, or a file named
// pwned appeared in the working directory, Dir or the temporary folder.
func (g *Targets) CheckUntouched(t testing.TB) {
	t.Helper()
	if diff := cmp.Diff(g.before, tree(t, g.Dir)); diff != "" {
		t.Errorf("the files of %s changed (-before +after):\n%s", g.Dir, diff)
	}
	if n := g.hits.Load(); n != 0 {
		t.Errorf("the counting server got %d requests", n)
	}
	for _, dir := range []string{".", g.Dir, os.TempDir()} {
		if _, err := os.Stat(filepath.Join(dir, "pwned")); err == nil {
			t.Errorf("a script made %s", filepath.Join(dir, "pwned"))
		}
	}
}

// tree lists the files under dir with their sizes and digests.
func tree(t testing.TB, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		files[path] = fmt.Sprintf("%d %x", len(b), sha256.Sum256(b))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
