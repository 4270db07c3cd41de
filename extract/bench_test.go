package extract_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/jdkato/prose/v2"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/internal/cputime"
	"github.com/geokg/geokg/internal/shared"
	"github.com/geokg/geokg/schema"
)

func readArticles(b *testing.B, dir string) []schema.Document {
	b.Helper()
	var docs []schema.Document
	err := source.Read(context.Background(), []string{dir}, nil, source.NewOptions(),
		func(d schema.Document) error { docs = append(docs, d); return nil }, func(err error) { b.Fatal(err) })
	if err != nil {
		b.Fatal(err)
	}
	return docs
}

// BenchmarkExtract runs the whole pipeline (segmenting, tagging, actors,
// the dependency parse, the readings, statements) over the bundled
// articles and over the realnews dev articles, side by side with
// prose.NewDocument on the same texts (its defaults: segmenting, tagging
// and named entities, with its model loaded once, as the pipeline's is).
// Both report the same texts' sentences, as the pipeline segments them,
// per second of wall clock and per second of the process's CPU time
// (sentences/cpu-s: the speed per core, which a busy machine does not
// hide). `-cpu 1` keeps each to one core.
func BenchmarkExtract(b *testing.B) {
	corpora := []struct {
		name string
		dir  func(*testing.B) string
	}{
		{"articles", func(*testing.B) string { return filepath.Join("..", "testdata", "articles") }},
		{"realnews", func(b *testing.B) string { return filepath.Join(shared.Path(b, "eval", "realnews"), "articles") }},
	}
	for _, c := range corpora {
		b.Run(c.name, func(b *testing.B) {
			docs := readArticles(b, c.dir(b))
			p := newPipeline(b)
			ctx := context.Background()
			sentences := 0
			for _, d := range docs {
				doc := &extract.Document{Document: d}
				if err := p.Run(ctx, doc); err != nil {
					b.Fatal(err)
				}
				sentences += extract.SentenceCount(doc)
			}
			b.Run("geokg", func(b *testing.B) {
				cpu := cputime.Used()
				for range b.N {
					for _, d := range docs {
						if err := p.Run(ctx, &extract.Document{Document: d}); err != nil {
							b.Fatal(err)
						}
					}
				}
				report(b, sentences, cputime.Used()-cpu)
			})
			b.Run("prose", func(b *testing.B) {
				model := prose.ModelFromData("en-v2.0.0")
				b.ResetTimer()
				cpu := cputime.Used()
				for range b.N {
					for _, d := range docs {
						if _, err := prose.NewDocument(d.Text, prose.UsingModel(model)); err != nil {
							b.Fatal(err)
						}
					}
				}
				report(b, sentences, cputime.Used()-cpu)
			})
		})
	}
}

// report adds sentences/s and, where the CPU time is known,
// sentences/cpu-s for b.N passes over texts of n sentences.
func report(b *testing.B, n int, cpu time.Duration) {
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "sentences/s")
	if cpu > 0 {
		b.ReportMetric(float64(n*b.N)/cpu.Seconds(), "sentences/cpu-s")
	}
}
