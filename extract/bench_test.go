package extract_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/schema"
)

func bundledArticles(b *testing.B) ([]schema.Document, int) {
	b.Helper()
	var docs []schema.Document
	err := source.Read(context.Background(), []string{filepath.Join("..", "testdata", "articles")}, nil, source.NewOptions(),
		func(d schema.Document) error { docs = append(docs, d); return nil }, func(err error) { b.Fatal(err) })
	if err != nil {
		b.Fatal(err)
	}
	tokens := 0
	for _, d := range docs {
		tokens += len(strings.Fields(d.Text))
	}
	return docs, tokens
}

// BenchmarkExtractArticles runs the whole pipeline (one shared prose model,
// gazetteer, rules, time) over the bundled articles.
func BenchmarkExtractArticles(b *testing.B) {
	docs, tokens := bundledArticles(b)
	p := newPipeline(b)
	ctx := context.Background()
	sentences := 0
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			doc := &extract.Document{Document: d}
			if err := p.Run(ctx, doc); err != nil {
				b.Fatal(err)
			}
			sentences += extract.SentenceCount(doc)
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
	b.ReportMetric(float64(sentences)/b.Elapsed().Seconds(), "sentences/s")
}

// BenchmarkProseNewDocument calls prose.NewDocument with its defaults on
// the same articles: the baseline, which loads prose's model on every call.
func BenchmarkProseNewDocument(b *testing.B) {
	docs, tokens := bundledArticles(b)
	b.ResetTimer()
	for range b.N {
		for _, d := range docs {
			if _, err := prose.NewDocument(d.Text); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(tokens*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
