package ingest_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/ingest"
	"github.com/geokg/geokg/schema"
)

func newIngester(t *testing.T) (*ingest.Ingester, *graph.Store) {
	t.Helper()
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	return ingest.New(st, func() (ingest.Extractor, error) { return p, nil }, 1), st
}

// TestReadJSONL stores articles given as JSONL, as the server's ingest
// endpoint does: each is new, then skipped when given again, extracted
// again and unchanged with force, updated when its text changes; a line
// that is no article fails at the read step, naming its line, and one
// with no statement to find is stored with none.
func TestReadJSONL(t *testing.T) {
	in, st := newIngester(t)
	ctx := context.Background()
	ties := `{"id": "ties", "date": "2022-09-07", "text": "Albania severed diplomatic ties with Iran on Wednesday."}`
	tiesAgain := `{"id": "ties", "date": "2022-09-07", "text": "Albania severed diplomatic ties with Iran on Wednesday. Iran denied it."}`
	run := func(force bool, lines ...string) []string {
		t.Helper()
		var got []string
		err := in.ReadJSONL(ctx, strings.NewReader(strings.Join(lines, "\n")), source.NewOptions(), force, func(r ingest.Result) {
			s := fmt.Sprintf("%d %s %s", r.Line(), r.Status, r.Doc.ID)
			if r.Err != nil {
				s += fmt.Sprintf(" %s: %v", r.Err.Step, r.Err)
			}
			got = append(got, s)
		})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	steps := []struct {
		force bool
		lines []string
		want  []string
	}{
		{false, []string{ties, `not json`}, []string{"1 new doc:ties", "2 failed  read: -:2: bad JSON: a line must hold one JSON object"}},
		{false, []string{ties}, []string{"1 skipped doc:ties"}},
		{true, []string{ties}, []string{"1 unchanged doc:ties"}},
		{false, []string{tiesAgain}, []string{"1 updated doc:ties"}},
	}
	for i, s := range steps {
		if diff := cmp.Diff(s.want, run(s.force, s.lines...)); diff != "" {
			t.Errorf("step %d (-want +got):\n%s", i+1, diff)
		}
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Documents != 1 || stats.Statements == 0 {
		t.Errorf("the store holds %d documents, %d statements; want the one article and its statements", stats.Documents, stats.Statements)
	}
}

// TestRun ingests the bundled articles on two workers and on one: every
// article is stored once, and both runs leave the same statements.
func TestRun(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "articles")
	statements := make(map[int]int)
	for _, workers := range []int{1, 2} {
		in, st := newIngester(t)
		ctx := context.Background()
		seen := make(map[string]bool)
		err := ingest.Run(ctx, []string{dir}, nil, source.NewOptions(), workers, func(ctx context.Context, doc schema.Document) ingest.Result {
			return in.Article(ctx, doc, false)
		}, func(r ingest.Result) {
			if r.Status != ingest.Created {
				t.Errorf("%s: %s %v, want new", r.Doc.Source, r.Status, r.Err)
			}
			if seen[r.Doc.ID] {
				t.Errorf("%s stored twice", r.Doc.ID)
			}
			seen[r.Doc.ID] = true
		})
		if err != nil {
			t.Fatal(err)
		}
		stats, err := st.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if stats.Documents != len(seen) || len(seen) < 10 {
			t.Errorf("%d workers: the store holds %d documents, %d stored", workers, stats.Documents, len(seen))
		}
		statements[workers] = stats.Statements
	}
	if statements[1] != statements[2] {
		t.Errorf("one worker stored %d statements, two %d", statements[1], statements[2])
	}
}
