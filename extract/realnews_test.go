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

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/internal/shared"
	"github.com/geokg/geokg/schema"
)

// The floors the reading of real news must hold on the realnews dev set
// (../shared/eval/realnews: 30 news articles nobody here wrote, with gold
// relations and the scorer the hold-out set is scored with). They sit a
// little under the figures reached (typed F1 0.79, precision 0.96, must
// recall 0.89, dates 0.86), leaving room for a retrained parser, which
// moves each by a point or two; a change that loses more fails here.
// Issue 11's targets: F1 0.75, precision 0.90, must 0.85, dates 0.85.
const (
	realnewsMinTypedF1   = 0.84
	realnewsMinPrecision = 0.95
	realnewsMinMust      = 0.91
	realnewsMinDates     = 0.84
)

// TestRealNews extracts the realnews dev articles, as `geokg extract
// --format jsonl` does, and scores them with the set's own scorer.
func TestRealNews(t *testing.T) {
	dir := shared.Path(t, "eval", "realnews")
	python, err := exec.LookPath("python3")
	if err != nil {
		shared.Missing(t, "python3 not found: the realnews scorer is a Python script")
	}
	p := newPipeline(t)
	ctx := context.Background()
	out := filepath.Join(t.TempDir(), "pred.jsonl")
	f, err := os.Create(out)
	if err != nil {
		t.Fatal(err)
	}
	enc := json.NewEncoder(f)
	emit := func(d schema.Document) error {
		stmts, err := p.Extract(ctx, d)
		if err != nil {
			return err
		}
		for _, s := range stmts {
			if err := enc.Encode(s); err != nil {
				return err
			}
		}
		return nil
	}
	if err := source.Read(ctx, []string{filepath.Join(dir, "articles")}, nil, source.NewOptions(), emit, nil); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	report, err := exec.Command(python, filepath.Join(dir, "score.py"), "--pred", out).CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, report)
	}
	m := regexp.MustCompile(`realnews: dyad_f1=([0-9.]+) typed_f1=([0-9.]+) typed_p=([0-9.]+) typed_r=([0-9.]+) must_r=([0-9.]+) date_acc=([0-9.]+)`).FindSubmatch(report)
	if m == nil {
		t.Fatalf("no summary line in the scorer's output:\n%s", report)
	}
	t.Logf("%s", m[0])
	num := func(i int) float64 { v, _ := strconv.ParseFloat(string(m[i]), 64); return v }
	for _, c := range []struct {
		name      string
		got, want float64
	}{
		{"typed F1", num(2), realnewsMinTypedF1},
		{"typed precision", num(3), realnewsMinPrecision},
		{"must recall", num(5), realnewsMinMust},
		{"date accuracy", num(6), realnewsMinDates},
	} {
		if c.got < c.want {
			t.Errorf("realnews %s %.3f, want at least %.2f", c.name, c.got, c.want)
		}
	}
}
