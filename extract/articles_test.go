package extract_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/schema"
)

// goldRelation is one relation of a bundled article's gold file.
type goldRelation struct {
	Subject   string `json:"subject"`
	Predicate string `json:"predicate"`
	Object    string `json:"object"`
	Date      string `json:"date"`
	Since     string `json:"since"`
}

type goldFile struct {
	DocumentDate string         `json:"document_date"`
	Relations    []goldRelation `json:"relations"`
	Allowed      []goldRelation `json:"allowed"`
	Forbidden    []goldRelation `json:"forbidden"`
}

// scorer matches statements against gold relations the way the seed
// scorer does: same predicate (or its inverse with the ends swapped, or a
// symmetric one either way), both ends naming the same entity, and dates
// compatible as prefixes.
type scorer struct{ gaz *gazetteer.Gazetteer }

func (sc scorer) iri(name string) string {
	if a, ok := sc.gaz.Lookup(name); ok {
		return a.IRI()
	}
	return schema.EntityIRI(name)
}

func datesAgree(want, got string) bool {
	return want == "" || got != "" && (strings.HasPrefix(got, want) || strings.HasPrefix(want, got))
}

func (sc scorer) match(g goldRelation, s schema.Statement) bool {
	if !s.Asserted() {
		return false
	}
	gs, goo := sc.iri(g.Subject), sc.iri(g.Object)
	p, _ := schema.LookupPredicate(g.Predicate)
	ok := s.Predicate == g.Predicate && s.Subject.IRI == gs && s.Object.IRI == goo
	ok = ok || p.Inverse == s.Predicate && s.Subject.IRI == goo && s.Object.IRI == gs
	ok = ok || p.Symmetric && s.Predicate == g.Predicate && s.Subject.IRI == goo && s.Object.IRI == gs
	if !ok {
		return false
	}
	if !datesAgree(g.Date, s.Date) {
		return false
	}
	since := s.Since
	if since == "" {
		since = s.Date
	}
	return datesAgree(g.Since, since)
}

// TestBundledArticles measures precision and recall over the articles in
// testdata/articles against their hand-checked gold files: precision at
// least 0.85 and recall at least 0.70 over all of them, and no forbidden
// relation (from negated, hypothetical or question sentences) anywhere.
func TestBundledArticles(t *testing.T) {
	dir := filepath.Join("..", "testdata", "articles")
	goldDir := filepath.Join("..", "testdata", "gold")
	golds, err := filepath.Glob(filepath.Join(goldDir, "*.gold.json"))
	if err != nil || len(golds) < 16 {
		t.Fatalf("want at least 16 gold files in %s, found %d (%v)", goldDir, len(golds), err)
	}
	p := newPipeline(t)
	sc := scorer{gaz: p.Gazetteer()}
	var found, want, correct, extracted int
	for _, gp := range golds {
		name := strings.TrimSuffix(filepath.Base(gp), ".gold.json")
		var g goldFile
		raw, err := os.ReadFile(gp)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", gp, err)
		}
		arts, _ := filepath.Glob(filepath.Join(dir, name+".*"))
		var docs []schema.Document
		for _, a := range arts {
			if strings.HasSuffix(a, ".gold.json") {
				continue
			}
			ds, err := source.ReadFile(context.Background(), a, source.NewOptions())
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			docs = append(docs, ds...)
		}
		if len(docs) != 1 {
			t.Fatalf("%s: want one article beside its gold file, found %d", name, len(docs))
		}
		if docs[0].Published != g.DocumentDate {
			t.Errorf("%s: article dated %q, gold says %q", name, docs[0].Published, g.DocumentDate)
		}
		stmts, err := p.Extract(context.Background(), docs[0])
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var report strings.Builder
		for _, r := range g.Relations {
			ok := false
			for _, s := range stmts {
				ok = ok || sc.match(r, s)
			}
			want++
			if ok {
				found++
			} else {
				fmt.Fprintf(&report, "  miss  %s %s %s %s%s\n", r.Subject, r.Predicate, r.Object, r.Date, r.Since)
			}
		}
		for _, s := range stmts {
			if !s.Asserted() {
				continue
			}
			extracted++
			ok := false
			for _, r := range append(append([]goldRelation{}, g.Relations...), g.Allowed...) {
				ok = ok || sc.match(r, s)
			}
			if ok {
				correct++
			} else {
				fmt.Fprintf(&report, "  extra %s %s %s %s%s  ← %q\n", s.Subject.Name, s.Predicate, s.Object.Name, s.Date, s.Since, s.Evidence)
			}
			for _, r := range g.Forbidden {
				if sc.match(r, s) {
					t.Errorf("%s: forbidden relation extracted: %s %s %s from %q", name, r.Subject, r.Predicate, r.Object, s.Evidence)
				}
			}
		}
		if report.Len() > 0 {
			t.Logf("%s:\n%s", name, report.String())
		}
	}
	precision := float64(correct) / float64(max(extracted, 1))
	recall := float64(found) / float64(max(want, 1))
	t.Logf("bundled articles: %d articles, precision %.3f (%d/%d), recall %.3f (%d/%d)", len(golds), precision, correct, extracted, recall, found, want)
	if precision < 0.85 {
		t.Errorf("precision %.3f, want at least 0.85", precision)
	}
	if recall < 0.70 {
		t.Errorf("recall %.3f, want at least 0.70", recall)
	}
}

var _ = extract.ErrEmptyText
