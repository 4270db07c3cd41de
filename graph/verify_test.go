package graph_test

import (
	"context"
	"fmt"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// rawWriter writes quads straight into the store's Cayley quad store,
// bypassing WriteDocument, to break a store on purpose.
func rawWriter(t *testing.T, s *graph.Store) cgraph.QuadWriter {
	t.Helper()
	w, err := cgraph.NewQuadWriter("single", s.QuadStore(), cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func q(s, p string, o quad.Value, label string) quad.Quad {
	var l quad.Value
	if label != "" {
		l = quad.IRI(label)
	}
	return quad.Quad{Subject: quad.IRI(s), Predicate: quad.IRI(p), Object: o, Label: l}
}

// first returns the least of ss, as Verify orders statement IRIs.
func first(ss ...string) string {
	m := ss[0]
	for _, s := range ss[1:] {
		m = min(m, s)
	}
	return m
}

func TestVerify(t *testing.T) {
	ties, echo := tiesStatements(), echoStatements()
	severed := ties[0].ID()   // Albania severed ties with Iran
	hosts := ties[2].ID()     // Albania hosts the MEK
	delisted := ties[3].ID()  // the United States delisted the MEK
	opposes := ties[5].ID()   // the MEK opposes Iran
	requested := ties[4].ID() // the United States asked Albania
	condemned := echo[1].ID() // the United States condemned Iran (second report)
	const d1, d2 = "doc:albania_cuts_ties", "doc:second_report"
	tests := []struct {
		name        string
		add, remove []quad.Quad
		want        []graph.Problem
		// once, when set, is what the embedded backends report, where an
		// entity's facts are stored once, labelled with the entity, and
		// remove takes them from there.
		once []graph.Problem
	}{
		{name: "consistent store"},
		{
			name:   "edge removed",
			remove: []quad.Quad{q("ent:albania", "rel:severed_ties_with", quad.IRI("ent:iran"), d1)},
			want: []graph.Problem{{Kind: graph.ProblemStatementWithoutEdge, Doc: d1, Node: severed,
				Message: "statement <" + severed + "> says <ent:albania> <rel:severed_ties_with> <ent:iran>, but <doc:albania_cuts_ties> has no such edge"}},
		},
		{
			name: "edge without any statement",
			add:  []quad.Quad{q("ent:iran", "rel:attacked", quad.IRI("ent:albania"), d1)},
			want: []graph.Problem{{Kind: graph.ProblemEdgeWithoutStatement, Doc: d1, Node: "ent:iran",
				Message: "<ent:iran> <rel:attacked> <ent:albania> <doc:albania_cuts_ties>: no statement in <doc:albania_cuts_ties> says it"}},
		},
		{
			name: "edge whose statement is in another document",
			add:  []quad.Quad{q("ent:united_states", "rel:condemned", quad.IRI("ent:iran"), d1)},
			want: []graph.Problem{{Kind: graph.ProblemEdgeWithoutStatement, Doc: d1, Node: "ent:united_states",
				Message: "<ent:united_states> <rel:condemned> <ent:iran> <doc:albania_cuts_ties>: no statement in <doc:albania_cuts_ties> says it"}},
		},
		{
			name: "edge of a negated statement",
			add:  []quad.Quad{q("ent:iran", "rel:condemned", quad.IRI("ent:albania"), d1)},
			want: []graph.Problem{{Kind: graph.ProblemEdgeWithoutStatement, Doc: d1, Node: "ent:iran",
				Message: "<ent:iran> <rel:condemned> <ent:albania> <doc:albania_cuts_ties>: no statement in <doc:albania_cuts_ties> says it"}},
		},
		{
			name:   "statement names another document",
			remove: []quad.Quad{q(condemned, schema.DocumentProp, quad.IRI(d2), d2)},
			add:    []quad.Quad{q(condemned, schema.DocumentProp, quad.IRI("doc:elsewhere"), d2)},
			want: []graph.Problem{
				{Kind: graph.ProblemStatementDocument, Doc: d2, Node: condemned, Message: "statement <" + condemned + "> says <geo:document> <doc:elsewhere> but is labelled <doc:second_report>"},
				{Kind: graph.ProblemStatementDocument, Doc: d2, Node: condemned, Message: "statement <" + condemned + ">: its document <doc:elsewhere> is not stored (no <doc:elsewhere> <rdf:type> <schema:NewsArticle>)"},
			},
		},
		{
			name: "statement quad under another label",
			add:  []quad.Quad{q(condemned, schema.Evidence, quad.String("copied"), d1)},
			want: []graph.Problem{{Kind: graph.ProblemStatementLabels, Doc: d1, Node: condemned,
				Message: "statement <" + condemned + "> has quads labelled <doc:albania_cuts_ties> and <doc:second_report>"}},
		},
		{
			name:   "document node missing",
			remove: []quad.Quad{q(d2, schema.RDFType, quad.IRI(schema.ArticleType), d2)},
			want: []graph.Problem{
				{Kind: graph.ProblemNoDocument, Doc: d2, Message: "quads labelled <doc:second_report>, but no <doc:second_report> <rdf:type> <schema:NewsArticle> <doc:second_report>"},
				{Kind: graph.ProblemStatementDocument, Doc: d2, Node: condemned, Message: "statement <" + condemned + ">: its document <doc:second_report> is not stored (no <doc:second_report> <rdf:type> <schema:NewsArticle>)"},
				{Kind: graph.ProblemStatementDocument, Doc: d2, Node: echo[0].ID(), Message: "statement <" + echo[0].ID() + ">: its document <doc:second_report> is not stored (no <doc:second_report> <rdf:type> <schema:NewsArticle>)"},
			},
		},
		{
			name:   "entity name missing",
			remove: []quad.Quad{q("ent:mek", schema.Name, quad.String("MEK"), d1)},
			want: []graph.Problem{{Kind: graph.ProblemEntityFacts, Doc: d1, Node: "ent:mek",
				Message: "entity <ent:mek> has no <schema:name> in <doc:albania_cuts_ties>, where 3 statements (first <" + first(hosts, delisted, opposes) + ">) name it"}},
		},
		{
			name:   "entity type missing",
			remove: []quad.Quad{q("ent:united_states", schema.RDFType, quad.IRI("geo:Country"), d2)},
			want: []graph.Problem{{Kind: graph.ProblemEntityFacts, Doc: d2, Node: "ent:united_states",
				Message: "entity <ent:united_states> has no <rdf:type> in <doc:second_report>, where statement <" + condemned + "> names it"}},
			once: []graph.Problem{{Kind: graph.ProblemEntityFacts, Doc: d1, Node: "ent:united_states",
				Message: "entity <ent:united_states> has no <rdf:type> in <doc:albania_cuts_ties>, where 2 statements (first <" + first(requested, delisted) + ">) name it"},
				{Kind: graph.ProblemEntityFacts, Doc: d2, Node: "ent:united_states",
					Message: "entity <ent:united_states> has no <rdf:type> in <doc:second_report>, where statement <" + condemned + "> names it"}},
		},
		{
			name:   "entity facts all missing",
			remove: []quad.Quad{q("ent:united_states", schema.RDFType, quad.IRI("geo:Country"), d2), q("ent:united_states", schema.Name, quad.String("United States"), d2), q("ent:united_states", schema.ISO3, quad.String("USA"), d2), q("ent:united_states", schema.CAMEO, quad.String("USA"), d2), q("ent:united_states", schema.Alias, quad.String("U.S."), d2), q("ent:united_states", schema.Alias, quad.String("Washington"), d2)},
			want: []graph.Problem{{Kind: graph.ProblemEntityFacts, Doc: d2, Node: "ent:united_states",
				Message: "entity <ent:united_states> has no <rdf:type> and no <schema:name> in <doc:second_report>, where statement <" + condemned + "> names it"}},
			once: []graph.Problem{{Kind: graph.ProblemEntityFacts, Doc: d1, Node: "ent:united_states",
				Message: "entity <ent:united_states> has no <rdf:type> and no <schema:name> in <doc:albania_cuts_ties>, where 2 statements (first <" + first(requested, delisted) + ">) name it"},
				{Kind: graph.ProblemEntityFacts, Doc: d2, Node: "ent:united_states",
					Message: "entity <ent:united_states> has no <rdf:type> and no <schema:name> in <doc:second_report>, where statement <" + condemned + "> names it"}},
		},
		{
			name:   "statement object missing",
			remove: []quad.Quad{q(condemned, schema.Object, quad.IRI("ent:iran"), d2)},
			want: []graph.Problem{
				{Kind: graph.ProblemEdgeWithoutStatement, Doc: d2, Node: "ent:united_states", Message: "<ent:united_states> <rel:condemned> <ent:iran> <doc:second_report>: no statement in <doc:second_report> says it"},
				{Kind: graph.ProblemStatementIncomplete, Doc: d2, Node: condemned, Message: "statement <" + condemned + "> in <doc:second_report>: no <geo:object>"},
			},
		},
		{
			name: "statement with two subjects",
			add:  []quad.Quad{q(condemned, schema.Subject, quad.IRI("ent:albania"), d2)},
			want: []graph.Problem{
				{Kind: graph.ProblemEdgeWithoutStatement, Doc: d2, Node: "ent:united_states", Message: "<ent:united_states> <rel:condemned> <ent:iran> <doc:second_report>: no statement in <doc:second_report> says it"},
				{Kind: graph.ProblemStatementIncomplete, Doc: d2, Node: condemned, Message: "statement <" + condemned + "> in <doc:second_report>: 2 values of <geo:subject>"},
			},
		},
		{
			name: "entity facts no statement names",
			add:  []quad.Quad{q("ent:france", schema.Name, quad.String("France"), "ent:france")},
			want: []graph.Problem{{Kind: graph.ProblemOrphanFacts, Node: "ent:france", Message: "facts labelled <ent:france>, but no statement names <ent:france>"}},
		},
		{
			name: "relation labelled with an entity",
			add:  []quad.Quad{q("ent:iran", "rel:attacked", quad.IRI("ent:albania"), "ent:iran")},
			want: []graph.Problem{{Kind: graph.ProblemEntityLabel, Node: "ent:iran", Message: "<ent:iran> <rel:attacked> <ent:albania> is labelled <ent:iran>, but is no fact of that entity"}},
		},
		{
			name: "unlabelled quad",
			add:  []quad.Quad{q("ent:iran", "rel:attacked", quad.IRI("ent:albania"), "")},
			want: []graph.Problem{{Kind: graph.ProblemUnlabelled, Message: "<ent:iran> <rel:attacked> <ent:albania> has no label"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			backends(t, func(t *testing.T, s *graph.Store) {
				write(t, s, docTies, ties)
				write(t, s, docEcho, echo)
				w := rawWriter(t, s)
				want := tt.want
				if tt.once != nil && s.Backend() != graph.Postgres {
					want = tt.once
				}
				// Raw writes, as Update takes them (on PostgreSQL it marks
				// the relations index stale, which Verify then leaves be).
				err := s.Update(context.Background(), func(cgraph.QuadStore) error {
					for _, x := range s.AsStored(tt.remove) {
						if err := w.RemoveQuad(x); err != nil {
							return fmt.Errorf("remove %s: %w", x.NQuad(), err)
						}
					}
					return w.AddQuadSet(tt.add)
				})
				if err != nil {
					t.Fatal(err)
				}
				r, err := s.Verify(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				byMessage := cmpopts.SortSlices(func(a, b graph.Problem) bool { return a.Message < b.Message })
				if diff := cmp.Diff(want, r.Problems, byMessage); diff != "" {
					t.Errorf("problems (-want +got):\n%s", diff)
				}
				if r.OK() != (len(want) == 0) {
					t.Errorf("OK() = %v with %d problems", r.OK(), len(r.Problems))
				}
			})
		})
	}
}

// TestVerifyCounts checks what a consistent store's report counts.
func TestVerifyCounts(t *testing.T) {
	s := openMem(t)
	write(t, s, docTies, tiesStatements())
	write(t, s, docEcho, echoStatements())
	r, err := s.Verify(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	st := stats(t, s)
	// Edges: one per statement not negated, in each document, plus the
	// link of Edi Rama to Albania that entity facts carry.
	want := graph.VerifyReport{Quads: st.Quads, Documents: 2, Statements: st.Statements, Edges: 7 + 1 + 2}
	if diff := cmp.Diff(want, r); diff != "" {
		t.Errorf("report (-want +got):\n%s", diff)
	}
}

func TestVerifyClosed(t *testing.T) {
	s := openMem(t)
	s.Close()
	if _, err := s.Verify(context.Background()); err == nil {
		t.Error("Verify on a closed store: no error")
	}
}

// TestVerifyTornQuads breaks a bolt store the way Cayley's key-value
// backend does when one transaction removes an article's quads and adds a
// smaller version (quads stored with an empty subject and label), and
// checks that verify reports the damage rather than panicking.
func TestVerifyTornQuads(t *testing.T) {
	s := openBolt(t)
	ctx := context.Background()
	_, old := write(t, s, docTies, tiesStatements())
	smaller := tiesStatements()[:1]
	smaller[0].Predicate = "expelled_diplomats_of"
	smaller[0].CAMEO = "161"
	// What WriteDocument once did: one transaction removing the quads the
	// new version lacks and adding those it brings.
	tx := cgraph.NewTransaction()
	keep := make(map[string]bool)
	for _, nq := range quadtest.Quads(docTies, smaller) {
		keep[nq.NQuad()] = true
	}
	for _, oq := range old {
		if !keep[oq.NQuad()] {
			tx.RemoveQuad(oq)
		}
		delete(keep, oq.NQuad())
	}
	for _, nq := range quadtest.Quads(docTies, smaller) {
		if keep[nq.NQuad()] {
			tx.AddQuad(nq)
		}
	}
	if err := rawWriter(t, s).ApplyTransaction(tx); err != nil {
		t.Fatal(err)
	}
	rep, err := s.Verify(ctx)
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if rep.OK() {
		t.Fatalf("verify found nothing wrong in a store holding quads with no subject: %+v", rep)
	}
	want := "(missing) <rel:expelled_diplomats_of> (missing) has no label"
	found := false
	for _, p := range rep.Problems {
		found = found || p.Message == want
	}
	if !found {
		t.Errorf("problems %+v, want one saying %q", rep.Problems, want)
	}
}
