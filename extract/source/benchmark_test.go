package source

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/geokg/geokg/internal/shared"
)

// articleExtractionFloor is the body F1 ParseHTML must keep on the
// article-extraction benchmark, as the benchmark's own scorer gives it.
// Measured 0.807 with the hand-written reader alone.
const articleExtractionFloor = 0.95

var benchOut = flag.String("article-extraction-out", "", "also write ParseHTML's bodies for the article-extraction benchmark to this JSON file")

// TestArticleExtraction reads the 181 real pages of the article-extraction
// benchmark (../shared/eval/article-extraction) with ParseHTML and scores
// the bodies with the benchmark's evaluate.py: shingle precision, recall
// and F1 against the human-checked bodies.
func TestArticleExtraction(t *testing.T) {
	dir := shared.Path(t, "eval", "article-extraction")
	python, err := exec.LookPath("python3")
	if err != nil {
		shared.Missing(t, "python3, which runs the benchmark's scorer: %v", err)
	}
	gtData, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		t.Fatal(err)
	}
	var truth map[string]json.RawMessage
	if err := json.Unmarshal(gtData, &truth); err != nil {
		t.Fatal(err)
	}
	out := make(map[string]map[string]string, len(truth))
	failed := 0
	for id := range truth {
		f, err := os.Open(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zr, err := gzip.NewReader(f)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		b, err := io.ReadAll(zr)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		body := ""
		if doc, err := parseHTML(b); err != nil {
			failed++
			t.Logf("%s: %v", id, err)
		} else {
			body = doc.Text
		}
		out[id] = map[string]string{"articleBody": body}
	}
	pred, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	if *benchOut != "" {
		if err := os.WriteFile(*benchOut, pred, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// evaluate.py reads ground-truth.json and output/*.json from its
	// working directory.
	work := t.TempDir()
	if err := os.Mkdir(filepath.Join(work, "output"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "ground-truth.json"), gtData, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(work, "output", "geokg.json"), pred, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(python, filepath.Join(dir, "evaluate.py"), "--n-bootstrap", "20", "--output", "metrics.json")
	cmd.Dir = work
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("evaluate.py: %v\n%s", err, stderr.String())
	}
	mb, err := os.ReadFile(filepath.Join(work, "metrics.json"))
	if err != nil {
		t.Fatal(err)
	}
	var metrics map[string]struct {
		F1, Precision, Recall, Accuracy float64
	}
	if err := json.Unmarshal(mb, &metrics); err != nil {
		t.Fatal(err)
	}
	m := metrics["geokg"]
	t.Logf("article-extraction, %d pages (%d unread): body F1 %.3f, precision %.3f, recall %.3f, accuracy %.3f", len(truth), failed, m.F1, m.Precision, m.Recall, m.Accuracy)
	if m.F1 < articleExtractionFloor {
		t.Errorf("body F1 %.3f, below the floor %.2f", m.F1, articleExtractionFloor)
	}
}
