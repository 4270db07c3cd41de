package extract_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/schema"
)

// TestExplain checks that Explain reports the parts of its reading: tokens,
// actors, verb groups and the statements made. With GEOKG_EXPLAIN set to a
// file, it explains that file instead and prints the result.
func TestExplain(t *testing.T) {
	p := newPipeline(t)
	text := "Albania cut diplomatic ties with Iran on Wednesday."
	date := "2022-09-07"
	if f := os.Getenv("GEOKG_EXPLAIN"); f != "" {
		opts := source.NewOptions()
		opts.DefaultDate = os.Getenv("GEOKG_DATE")
		docs, err := source.ReadFile(context.Background(), f, opts)
		if err != nil || len(docs) == 0 {
			t.Fatalf("read %s: %v", f, err)
		}
		text, date = docs[0].Text, docs[0].Published
	}
	var b strings.Builder
	if err := p.Explain(context.Background(), schema.Document{ID: "doc:test", Published: date, Text: text}, &b); err != nil {
		t.Fatal(err)
	}
	if os.Getenv("GEOKG_EXPLAIN") != "" {
		t.Log("\n" + b.String())
		return
	}
	for _, want := range []string{"cut/VBD", `actor "Albania" → Albania (Country)`, "lemma=cut", "⇒ Albania severed_ties_with Iran 2022-09-07"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("explanation lacks %q:\n%s", want, b.String())
		}
	}
}
