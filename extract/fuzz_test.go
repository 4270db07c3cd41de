package extract_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// FuzzExtract runs the whole pipeline on arbitrary text and publication
// dates. Whatever the input, Extract must not panic, must fail only with
// ErrEmptyText (blank text) or for a bad date, and every statement it
// returns must point into the text, name known predicates and entities,
// and turn into valid quads labelled with the document.
//
// Run it with: go test ./extract -run '^$' -fuzz FuzzExtract -parallel 1
func FuzzExtract(f *testing.F) {
	for _, s := range []struct{ text, date string }{
		{"Albania cut diplomatic ties with Iran on Wednesday.", "2022-09-07"},
		{"The United States removed the MEK from its list of terrorist organisations in 2012.", ""},
		{"Iran did not condemn Albania. Did Russia invade Ukraine? It said that it had.", "2024-02-29"},
		{"“Tehran”—said the ministry… on 7 September 2022; since 2016 the MEK has been based in Albania.", "2022-09-07"},
		{"Iranian, U.S., the White House\r\nWashington\n\n- Moscow\tKyiv", "1999-12-31"},
		{"\u00a0\u2019\u2014\x00\x7f\ufeff", ""},
		{"Albania accused Iran of a cyberattack in July", "not a date"},
		{"In 2012. Last December. Today. Yesterday. On Monday. Since 1990 until 2001.", "0001-01-01"},
	} {
		f.Add(s.text, s.date)
	}
	// The bundled articles, the longest real inputs we have.
	paths, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", "*.txt"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(string(b), "2022-09-07")
		}
	}
	p, err := extract.New()
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	f.Fuzz(func(t *testing.T, text, date string) {
		doc := schema.Document{ID: schema.DocumentIRI("", text), Published: date, Text: text}
		stmts, err := p.Extract(ctx, doc)
		if err != nil {
			if strings.TrimSpace(text) == "" && errors.Is(err, extract.ErrEmptyText) {
				return
			}
			if date != "" && strings.Contains(err.Error(), "date") {
				return // a publication date the pipeline cannot read
			}
			t.Fatalf("Extract(%q, date %q): unexpected error %v", text, date, err)
		}
		checkStatements(t, doc, stmts)
	})
}

// checkStatements fails t for a statement that does not hold together.
func checkStatements(t *testing.T, doc schema.Document, stmts []schema.Statement) {
	t.Helper()
	for i, s := range stmts {
		if s.Span[0] < 0 || s.Span[0] > s.Span[1] || s.Span[1] > len(doc.Text) {
			t.Fatalf("statement %d: span %v outside the text of %d bytes", i, s.Span, len(doc.Text))
		}
		if utf8.ValidString(doc.Text) && !utf8.ValidString(s.Evidence) {
			t.Errorf("statement %d: evidence %q is not UTF-8", i, s.Evidence)
		}
		if _, ok := schema.LookupPredicate(s.Predicate); !ok {
			t.Errorf("statement %d: unknown predicate %q", i, s.Predicate)
		}
		for _, e := range []schema.Entity{s.Subject, s.Object} {
			if !strings.HasPrefix(e.IRI, "ent:") || len(e.IRI) == len("ent:") {
				t.Errorf("statement %d: entity IRI %q", i, e.IRI)
			}
			if _, ok := schema.ParseKind(string(e.Type)); !ok {
				t.Errorf("statement %d: entity %s has kind %q", i, e.IRI, e.Type)
			}
		}
		if s.Doc != doc.ID {
			t.Errorf("statement %d: doc %q, want %q", i, s.Doc, doc.ID)
		}
	}
	for _, q := range quadtest.Quads(doc, stmts) {
		if !q.IsValid() {
			t.Errorf("invalid quad %v", q)
		}
		if q.Label == nil || schema.ValueString(q.Label) != doc.ID {
			t.Errorf("quad %s not labelled %s", q.NQuad(), doc.ID)
		}
	}
}
