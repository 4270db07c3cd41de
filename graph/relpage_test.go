package graph_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	gcmp "github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// pagedAll pages through the relations of ent under f, limit to a page,
// in order o, and returns every statement with the counts of the first
// page; it checks that every page gives the same counts.
func pagedAll(t *testing.T, s *graph.Store, ent string, f graph.Filter, o graph.Order, limit int) ([]schema.Statement, int, map[string]int) {
	t.Helper()
	ctx := context.Background()
	var all []schema.Statement
	p := graph.Page{Limit: limit, Order: o}
	var total int
	var counts map[string]int
	for i := 0; ; i++ {
		page, err := s.RelationsPage(ctx, ent, f, p)
		if err != nil {
			t.Fatalf("RelationsPage(%s, %+v, %+v): %v", ent, f, p, err)
		}
		if i == 0 {
			total, counts = page.Total, page.Counts
		} else if page.Total != total || !maps(page.Counts, counts) {
			t.Fatalf("RelationsPage(%s) page %d: total %d counts %v, first page %d %v", ent, i, page.Total, page.Counts, total, counts)
		}
		if len(page.Relations) > limit {
			t.Fatalf("page of %d statements, limit %d", len(page.Relations), limit)
		}
		all = append(all, page.Relations...)
		if page.NextCursor == "" {
			return all, total, counts
		}
		if len(page.Relations) != limit {
			t.Fatalf("page %d holds %d statements and has a next cursor", i, len(page.Relations))
		}
		p.Cursor = page.NextCursor
		if i > 100000 {
			t.Fatal("paging does not end")
		}
	}
}

func maps(a, b map[string]int) bool { return gcmp.Equal(a, b) }

// newestFirst sorts Relations' answer as the order Newest asks: latest
// time first, undated last, ties in Relations' order.
func newestFirst(stmts []schema.Statement) []schema.Statement {
	out := slices.Clone(stmts)
	when := func(s schema.Statement) string {
		if s.Date != "" {
			return s.Date
		}
		return s.Since
	}
	slices.SortStableFunc(out, func(a, b schema.Statement) int {
		wa, wb := when(a), when(b)
		switch {
		case wa == wb:
			return 0
		case wa == "":
			return 1
		case wb == "":
			return -1
		}
		return -strings.Compare(wa, wb)
	})
	return out
}

// checkPages compares, for each entity and filter, the pages of
// RelationsPage, in both orders, with Relations' whole answer, and returns
// the number of statements compared.
func checkPages(t *testing.T, s *graph.Store, ents []string, limit int) int {
	t.Helper()
	ctx := context.Background()
	n := 0
	for _, e := range ents {
		for _, ft := range referenceFilters {
			want, err := s.Relations(ctx, e, ft.f)
			if errors.Is(err, graph.ErrNotFound) {
				if _, err := s.RelationsPage(ctx, e, ft.f, graph.Page{}); !errors.Is(err, graph.ErrNotFound) {
					t.Errorf("RelationsPage(%s) of an entity Relations does not find: %v, want ErrNotFound", e, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("Relations(%s, %s): %v", e, ft.name, err)
			}
			got, total, counts := pagedAll(t, s, e, ft.f, graph.Oldest, limit)
			if diff := gcmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("pages of %s, %s, oldest first (-Relations +pages):\n%s", e, ft.name, diff)
			}
			wantCounts := map[string]int{}
			for _, st := range want {
				wantCounts[st.Predicate]++
			}
			if total != len(want) || !maps(counts, wantCounts) {
				t.Errorf("%s, %s: total %d counts %v, want %d %v", e, ft.name, total, counts, len(want), wantCounts)
			}
			got, _, _ = pagedAll(t, s, e, ft.f, graph.Newest, limit)
			if diff := gcmp.Diff(newestFirst(want), got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("pages of %s, %s, newest first (-Relations +pages):\n%s", e, ft.name, diff)
			}
			n += len(want)
		}
	}
	return n
}

// entitiesOf returns the subjects and objects of the statements of
// articles, sorted.
func entitiesIn(articles []article) []string {
	seen := map[string]bool{}
	for _, a := range articles {
		for _, q := range a.quads {
			if p := schema.ValueString(q.Predicate); p == schema.Subject || p == schema.Object {
				seen[schema.ValueString(q.Object)] = true
			}
		}
	}
	var out []string
	for e := range seen {
		out = append(out, e)
	}
	slices.Sort(out)
	return out
}

// TestRelationsPageMatchesRelations pages through the relations of every
// entity of the bundled articles, on every backend, under every filter of
// the reference tests, and compares the pages with Relations' whole
// answer. Half the articles are written after the pages were first read,
// and some rewritten or deleted, so the pages come from an index the
// writes updated.
func TestRelationsPageMatchesRelations(t *testing.T) {
	ctx := context.Background()
	articles := bundledArticles(t)
	ents := entitiesIn(articles)
	for _, b := range referenceStores {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			half := len(articles) / 2
			for _, a := range articles[:half] {
				if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
					t.Fatal(err)
				}
			}
			checkPages(t, s, entitiesIn(articles[:half]), 3)
			for _, a := range articles[half:] {
				if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
					t.Fatal(err)
				}
			}
			n := checkPages(t, s, ents, 4)
			if n < 500 {
				t.Errorf("compared %d statements, want at least 500", n)
			}
			// Rewrite one article without its first half, delete another.
			a := articles[1]
			if _, err := s.WriteDocument(ctx, a.doc, a.quads[len(a.quads)/2:]); err != nil {
				t.Fatal(err)
			}
			if _, err := s.DeleteDocument(ctx, articles[2].doc.ID); err != nil {
				t.Fatal(err)
			}
			checkPages(t, s, ents, 5)
			if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
				t.Fatal(err)
			}
			checkPages(t, s, ents, 50)
		})
	}
}

func TestRelationsPageErrors(t *testing.T) {
	ctx := context.Background()
	s := openMem(t)
	for _, a := range bundledArticles(t)[:3] {
		if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
			t.Fatal(err)
		}
	}
	ents := entitiesIn(bundledArticles(t)[:3])
	page, err := s.RelationsPage(ctx, ents[0], graph.Filter{}, graph.Page{Limit: 1})
	if err != nil || page.NextCursor == "" {
		t.Fatalf("first page: %v, next %q", err, page.NextCursor)
	}
	for _, c := range []struct {
		name string
		ent  string
		p    graph.Page
		want error
	}{
		{"cursor of another order", ents[0], graph.Page{Cursor: page.NextCursor, Order: graph.Oldest}, graph.ErrBadCursor},
		{"cursor of another entity", ents[1], graph.Page{Cursor: page.NextCursor}, graph.ErrBadCursor},
		{"not a cursor", ents[0], graph.Page{Cursor: "%%%"}, graph.ErrBadCursor},
		{"unknown entity", "ent:nowhere_at_all", graph.Page{}, graph.ErrNotFound},
	} {
		if _, err := s.RelationsPage(ctx, c.ent, graph.Filter{}, c.p); !errors.Is(err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := s.RelationsPage(ctx, ents[0], graph.Filter{}, graph.Page{Limit: graph.MaxPageLimit + 1}); err == nil {
		t.Error("a limit over MaxPageLimit: no error")
	}
}
