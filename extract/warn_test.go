package extract_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/schema"
)

// TestMaxSentenceWarning checks that a sentence over the limit is
// reported, with the byte offset in the document's own text, and skipped:
// the statements are those of the same text with the sentence blanked out.
func TestMaxSentenceWarning(t *testing.T) {
	long := "Albania, " + strings.Repeat("Iran and Iraq and ", 20) + "cut diplomatic ties with Iran." // 399 bytes
	// The typographic apostrophe before the long sentence folds to one
	// byte for the tagger; the offset must still count the document's bytes.
	text := "Albania’s government cut diplomatic ties with Iran on Wednesday. " + long + " Iran condemned Albania."
	offset := strings.Index(text, long)
	blank := strings.Replace(text, long, strings.Repeat(" ", len(long)), 1)
	extractWith := func(t *testing.T, text string, opts ...extract.Option) []schema.Statement {
		t.Helper()
		p, err := extract.New(opts...)
		if err != nil {
			t.Fatal(err)
		}
		stmts, err := p.Extract(context.Background(), schema.Document{ID: "doc:x", Source: "x.txt", Published: "2022-09-07", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return stmts
	}
	full, skipped := extractWith(t, text), extractWith(t, blank)
	if len(full) <= len(skipped) || len(skipped) < 2 {
		t.Fatalf("the long sentence should add statements: %d statements with it, %d without", len(full), len(skipped))
	}
	tests := []struct {
		name string
		max  int
		want []extract.Warning
		stmt []schema.Statement
	}{
		{name: "default limit reads everything", max: extract.DefaultMaxSentence, stmt: full},
		{name: "long sentence skipped", max: 300, want: []extract.Warning{{Doc: "doc:x", Source: "x.txt", Offset: offset, Length: len(long), Limit: 300}}, stmt: skipped},
		{name: "a sentence as long as the limit is read", max: len(long), stmt: full},
		{name: "one byte less", max: len(long) - 1, want: []extract.Warning{{Doc: "doc:x", Source: "x.txt", Offset: offset, Length: len(long), Limit: len(long) - 1}}, stmt: skipped},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []extract.Warning
			stmts := extractWith(t, text, extract.WithMaxSentence(tt.max), extract.WithWarnings(func(w extract.Warning) { got = append(got, w) }))
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("warnings (-want +got):\n%s", diff)
			}
			for _, w := range got {
				if text[w.Offset:w.Offset+w.Length] != long {
					t.Errorf("warning at bytes %d+%d: %q, want the long sentence", w.Offset, w.Length, text[w.Offset:w.Offset+w.Length])
				}
			}
			if diff := cmp.Diff(tt.stmt, stmts); diff != "" {
				t.Errorf("statements (-want +got):\n%s", diff)
			}
		})
	}
}

func ExampleWithWarnings() {
	p, err := extract.New(
		extract.WithMaxSentence(60),
		extract.WithWarnings(func(w extract.Warning) { fmt.Println("warning:", w) }),
	)
	if err != nil {
		panic(err)
	}
	doc := schema.Document{
		ID:     "doc:example",
		Source: "example.txt",
		Text:   "Albania cut ties with Iran. The United States, which had long asked Albania to take in the MEK, condemned Iran.",
	}
	stmts, err := p.Extract(context.Background(), doc)
	if err != nil {
		panic(err)
	}
	for _, s := range stmts {
		fmt.Println(s.Subject.Name, s.Predicate, s.Object.Name)
	}
	// Output:
	// warning: example.txt (doc:example): sentence at byte 28 of the text is 83 bytes long, over the maximum sentence length of 60 bytes; it was not read
	// Albania severed_ties_with Iran
}
