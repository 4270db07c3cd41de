package graph_test

import (
	"context"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// sortedQuads returns the N-Quads lines of every quad of s, sorted.
func sortedQuads(t testing.TB, s *graph.Store) []string {
	t.Helper()
	var out []string
	for _, q := range storedQuads(t, s) {
		out = append(out, q.NQuad())
	}
	sort.Strings(out)
	return out
}

func verifyOK(t testing.TB, s *graph.Store, when string) {
	t.Helper()
	r, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Errorf("verify %s: %v", when, r.Problems)
	}
}

// TestGroupCommitMatchesSequential writes 150 generated articles into a
// bolt store one at a time and into another from 32 goroutines at once,
// whose articles are committed in groups: the stores must hold the same
// quads, each entity's facts once, and verify clean.
func TestGroupCommitMatchesSequential(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the corpus generator")
	}
	docs, quads := genCorpus(t, 150)
	ctx := context.Background()
	one, many := oneAtATime(t, docs, quads), openBolt(t)
	writeAll(t, many, docs, quads)

	want, got := sortedQuads(t, one), sortedQuads(t, many)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quads written one at a time (-) and in groups (+):\n%s", diff)
	}
	// Every entity's facts once: no fact is labelled with an article.
	for _, q := range storedQuads(t, many) {
		if sub, ok := q.Subject.(quad.IRI); ok && schema.IsEntityIRI(string(sub)) && !schema.IsPredicateIRI(schema.ValueString(q.Predicate)) && q.Label != q.Subject {
			t.Errorf("fact %s labelled with %s, not its entity", q.NQuad(), q.Label)
		}
	}
	verifyOK(t, one, "after writing one at a time")
	verifyOK(t, many, "after writing in groups")

	// Writing them all again, in groups, changes nothing.
	for i, d := range docs {
		res, err := many.WriteDocument(ctx, d, quads[i])
		if err != nil {
			t.Fatal(err)
		}
		if res.Added+res.Removed+res.FactsAdded+res.FactsRemoved != 0 {
			t.Fatalf("writing %s again = %+v, want no change", d.ID, res)
		}
	}
}

// TestEntityFactsFollowArticles: an entity's facts stay while an article
// names it and go with the last one, whether that article is deleted or
// replaced by a version that no longer names it; verify stays clean.
func TestEntityFactsFollowArticles(t *testing.T) {
	for _, b := range []struct {
		name string
		open func(testing.TB) *graph.Store
	}{{graph.Memstore, openMem}, {graph.Bolt, openBolt}} {
		t.Run(b.name, func(t *testing.T) {
			ctx := context.Background()
			s := b.open(t)
			facts := func(iri string) int {
				t.Helper()
				n := 0
				for _, q := range storedQuads(t, s) {
					if schema.ValueString(q.Label) == iri {
						n++
					}
				}
				return n
			}
			write(t, s, docTies, tiesStatements())
			write(t, s, docEcho, echoStatements())
			if facts(usa.IRI) == 0 || facts(mek.IRI) == 0 {
				t.Fatalf("no facts labelled with %s or %s", usa.IRI, mek.IRI)
			}

			// docTies again without the statements naming the United
			// States and the MEK: docEcho still names the United States.
			var fewer []schema.Statement
			for _, st := range tiesStatements() {
				if st.Subject.IRI != usa.IRI && st.Object.IRI != usa.IRI && st.Subject.IRI != mek.IRI && st.Object.IRI != mek.IRI {
					fewer = append(fewer, st)
				}
			}
			res, _ := write(t, s, docTies, fewer)
			if res.FactsRemoved == 0 {
				t.Errorf("replacing docTies = %+v, want the MEK's facts removed", res)
			}
			if n := facts(mek.IRI); n != 0 {
				t.Errorf("%d facts of the MEK, which no article names any more", n)
			}
			if facts(usa.IRI) == 0 {
				t.Errorf("the facts of the United States, which docEcho names, are gone")
			}
			verifyOK(t, s, "after replacing docTies")

			if _, err := s.DeleteDocument(ctx, docEcho.ID); err != nil {
				t.Fatal(err)
			}
			if n := facts(usa.IRI); n != 0 {
				t.Errorf("%d facts of the United States after the last article naming it was deleted", n)
			}
			verifyOK(t, s, "after deleting docEcho")
			if _, err := s.DeleteDocument(ctx, docTies.ID); err != nil {
				t.Fatal(err)
			}
			if got := sortedQuads(t, s); len(got) != 0 {
				t.Errorf("store holds %d quads after every article was deleted: %v", len(got), got)
			}
		})
	}
}

// TestGroupCommitKeepsRelationsIndex writes articles in groups while the
// index of relations holds the hub, and checks that paging through the
// hub after the writes gives what a store written one article at a time
// gives: the group commit tells the index of each transaction's
// statements, or leaves it to be rebuilt, never stale.
func TestGroupCommitKeepsRelationsIndex(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the corpus generator")
	}
	docs, quads := genCorpus(t, 120)
	ctx := context.Background()
	one, many := oneAtATime(t, docs, quads), openBolt(t)
	half := len(docs) / 2
	writeAll(t, many, docs[:half], quads[:half])
	const hub = "ent:united_states"
	if _, err := many.RelationsPage(ctx, hub, graph.Filter{}, graph.Page{Limit: 5}); err != nil {
		t.Fatal(err) // loads the hub into the index
	}
	writeAll(t, many, docs[half:], quads[half:])

	want, err := one.Relations(ctx, hub, graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	got, total, _ := pagedAll(t, many, hub, graph.Filter{}, graph.Oldest, 37)
	if total != len(want) {
		t.Errorf("total %d, want %d", total, len(want))
	}
	if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("the hub's pages after group commits (-written one at a time +pages):\n%s", diff)
	}
}

// oneAtATime returns a bolt store with the articles written one at a
// time, in order: what group commits are compared with.
func oneAtATime(t *testing.T, docs []schema.Document, quads [][]quad.Quad) *graph.Store {
	t.Helper()
	s := openBolt(t)
	for i, d := range docs {
		if _, err := s.WriteDocument(context.Background(), d, quads[i]); err != nil {
			t.Fatal(err)
		}
	}
	return s
}
