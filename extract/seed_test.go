package extract_test

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/internal/shared"
	"github.com/geokg/geokg/schema"
)

// sharedDir is the shared folder beside the repository, or "" when it is
// missing; tests that can do without it use it when it is there.
func sharedDir() string {
	dir, err := shared.Dir()
	if err != nil {
		return ""
	}
	return dir
}

// TestSeedArticle extracts the seed article and scores it with the shared
// scorer: all three "must" relations, at least 17 of the 18 "should",
// precision at least 0.95 and no forbidden entity.
func TestSeedArticle(t *testing.T) {
	// The seed article and its gold relations live in the shared folder
	// beside the repository, never copied into it.
	seedDir := shared.Path(t, "eval", "seed")
	text, err := os.ReadFile(filepath.Join(seedDir, "albania-iran.txt"))
	if err != nil {
		t.Fatal(err)
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		shared.Missing(t, "python3 not found: the seed scorer is a Python script")
	}
	p := newPipeline(t)
	doc := schema.Document{ID: schema.DocumentIRI("", string(text)), Published: "2022-09-07", Text: string(text)}
	stmts, err := p.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "seed.jsonl")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	for _, s := range stmts {
		if err := enc.Encode(s); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join(seedDir, "score_seed.py"), filepath.Join(seedDir, "gold.json"), out)
	report, _ := cmd.CombinedOutput()
	t.Logf("score_seed.py:\n%s", report)
	m := regexp.MustCompile(`seed: must=(\d+)/(\d+) should=(\d+)/(\d+) precision=([0-9.]+) forbidden=(\d+)`).FindSubmatch(report)
	if m == nil {
		t.Fatalf("no score line in the scorer's output")
	}
	num := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
	if num(1) != num(2) {
		t.Errorf("must relations found: %v of %v, want all", num(1), num(2))
	}
	if num(3) < 17 {
		t.Errorf("should relations found: %v of %v, want at least 17", num(3), num(4))
	}
	if num(5) < 0.95 {
		t.Errorf("precision %.2f, want at least 0.95", num(5))
	}
	if num(6) != 0 {
		t.Errorf("%v forbidden entities extracted, want none", num(6))
	}
}

func newPipeline(t testing.TB) *extract.Pipeline {
	t.Helper()
	p, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func extractNew() (*extract.Pipeline, error) { return extract.New() }
