package graph_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// scanDoc is the article the scan tests and examples store: two events, a
// standing relation, a negated statement and an official linked to their
// state by the gazetteer rather than by a statement.
func scanDoc() (schema.Document, []schema.Statement) {
	alb := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB"}
	irn := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN"}
	mek := schema.Entity{IRI: "ent:mek", Name: "MEK", Type: schema.PoliticalGroup}
	rama := schema.Entity{IRI: "ent:edi_rama", Name: "Edi Rama", Type: schema.Person, ISO3: "ALB", Parent: "ent:albania", ParentPredicate: "head_of_government_of"}
	doc := schema.Document{ID: "doc:scan", Title: "Albania cuts ties with Iran", Published: "2022-09-07"}
	s := func(subj schema.Entity, pred string, obj schema.Entity, span int, set func(*schema.Statement)) schema.Statement {
		st := schema.Statement{Subject: subj, Predicate: pred, Object: obj, Confidence: 0.9, Span: [2]int{span, span + 10}, Doc: doc.ID}
		set(&st)
		return st
	}
	return doc, []schema.Statement{
		s(alb, "severed_ties_with", irn, 0, func(st *schema.Statement) { st.Date = "2022-09-07" }),
		s(rama, "accused", irn, 20, func(st *schema.Statement) { st.Date = "2022-09-07" }),
		s(alb, "hosts", mek, 40, func(st *schema.Statement) { st.Since = "2016" }),
		s(irn, "condemned", alb, 60, func(st *schema.Statement) { st.Date = "2012"; st.Negated = true }),
	}
}

func scanStore(tb testing.TB, backend string) *graph.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, filepath.Join(tb.TempDir(), "kg"), graph.WithBackend(backend))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	doc, stmts := scanDoc()
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		tb.Fatal(err)
	}
	return st
}

func TestEachStatement(t *testing.T) {
	for _, backend := range graph.Backends() {
		st := scanStore(t, backend)
		tests := []struct {
			name   string
			filter graph.Filter
			want   []string
		}{
			{"all", graph.Filter{}, []string{"ent:albania hosts ent:mek", "ent:albania severed_ties_with ent:iran", "ent:edi_rama accused ent:iran", "ent:iran condemned ent:albania (negated)"}},
			{"predicates", graph.Filter{Predicates: []string{"hosts", "rel:accused"}}, []string{"ent:albania hosts ent:mek", "ent:edi_rama accused ent:iran"}},
			{"since", graph.Filter{Since: "2020"}, []string{"ent:albania hosts ent:mek", "ent:albania severed_ties_with ent:iran", "ent:edi_rama accused ent:iran"}},
			{"until", graph.Filter{Until: "2015"}, []string{"ent:iran condemned ent:albania (negated)"}},
		}
		for _, tt := range tests {
			t.Run(backend+"/"+tt.name, func(t *testing.T) {
				var got []string
				err := st.EachStatement(context.Background(), tt.filter, func(s schema.Statement) error {
					line := s.Subject.IRI + " " + s.Predicate + " " + s.Object.IRI
					if s.Negated {
						line += " (negated)"
					}
					got = append(got, line)
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				sort.Strings(got)
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("(-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestEachStatementErrors(t *testing.T) {
	st := scanStore(t, graph.Memstore)
	ctx := context.Background()
	if err := st.EachStatement(ctx, graph.Filter{Since: "soon"}, func(schema.Statement) error { return nil }); !errors.Is(err, graph.ErrBadDate) {
		t.Errorf("bad date: %v", err)
	}
	if err := st.EachStatement(ctx, graph.Filter{Predicates: []string{"befriended"}}, func(schema.Statement) error { return nil }); !errors.Is(err, graph.ErrUnknownPredicate) {
		t.Errorf("unknown predicate: %v", err)
	}
	stop := errors.New("stop")
	calls := 0
	err := st.EachStatement(ctx, graph.Filter{}, func(schema.Statement) error { calls++; return stop })
	if err != stop || calls != 1 {
		t.Errorf("fn's error: got %v after %d calls, want it returned as it is after 1", err, calls)
	}
}

func TestEachRelation(t *testing.T) {
	for _, backend := range graph.Backends() {
		t.Run(backend, func(t *testing.T) {
			st := scanStore(t, backend)
			var got []graph.RelationEdge
			err := st.EachRelation(context.Background(), nil, func(r graph.RelationEdge) error {
				got = append(got, r)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			sort.Slice(got, func(i, j int) bool { return got[i].Subject+got[i].Predicate < got[j].Subject+got[j].Predicate })
			// The negated condemnation makes no edge; Rama's link to Albania
			// comes from the gazetteer, with no statement.
			want := []graph.RelationEdge{
				{Subject: "ent:albania", Predicate: "hosts", Object: "ent:mek", Doc: "doc:scan"},
				{Subject: "ent:albania", Predicate: "severed_ties_with", Object: "ent:iran", Doc: "doc:scan"},
				{Subject: "ent:edi_rama", Predicate: "accused", Object: "ent:iran", Doc: "doc:scan"},
				{Subject: "ent:edi_rama", Predicate: "head_of_government_of", Object: "ent:albania", Doc: "doc:scan"},
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEachQuadBatch(t *testing.T) {
	for _, backend := range graph.Backends() {
		t.Run(backend, func(t *testing.T) {
			st := scanStore(t, backend)
			doc, stmts := scanDoc()
			// As stored: on the embedded backends the entities' facts are
			// labelled with the entity, a run of their own.
			want := st.AsStored(quadtest.Quads(doc, stmts))
			labels := make(map[string]bool)
			for _, q := range want {
				labels[schema.ValueString(q.Label)] = true
			}
			var got []quad.Quad
			batches := 0
			err := st.EachQuadBatch(context.Background(), func(d string, qs []quad.Quad) error {
				if !labels[d] {
					t.Errorf("batch labelled %q, want one of %v", d, labels)
				}
				for i := 1; i < len(qs); i++ {
					if qs[i-1].NQuad() > qs[i].NQuad() {
						t.Errorf("batch not sorted at %d", i)
					}
				}
				batches++
				got = append(got, qs...)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if batches != len(labels) {
				t.Errorf("%d batches for one document written at once, want one per label: %d", batches, len(labels))
			}
			key := func(qs []quad.Quad) []string {
				var out []string
				for _, q := range qs {
					out = append(out, q.NQuad())
				}
				sort.Strings(out)
				return out
			}
			if diff := cmp.Diff(key(want), key(got)); diff != "" {
				t.Errorf("quads (-written +scanned):\n%s", diff)
			}
		})
	}
}

func ExampleStore_EachStatement() {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	doc, stmts := scanDoc()
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		log.Fatal(err)
	}
	var lines []string
	err = st.EachStatement(ctx, graph.Filter{Since: "2022"}, func(s schema.Statement) error {
		lines = append(lines, fmt.Sprintf("%s %s %s %s%s", s.Date, s.Subject.IRI, s.Predicate, s.Object.IRI, s.Since))
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	sort.Strings(lines)
	for _, l := range lines {
		fmt.Println(l)
	}
	// Output:
	//  ent:albania hosts ent:mek2016
	// 2022-09-07 ent:albania severed_ties_with ent:iran
	// 2022-09-07 ent:edi_rama accused ent:iran
}

func ExampleStore_EachRelation() {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	doc, stmts := scanDoc()
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		log.Fatal(err)
	}
	err = st.EachRelation(ctx, []string{"head_of_government_of"}, func(r graph.RelationEdge) error {
		fmt.Println(r.Subject, r.Predicate, r.Object, r.Doc)
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// ent:edi_rama head_of_government_of ent:albania doc:scan
}

func ExampleStore_EachQuadBatch() {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	doc, stmts := scanDoc()
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		log.Fatal(err)
	}
	err = st.EachQuadBatch(ctx, func(d string, qs []quad.Quad) error {
		fmt.Println(d, len(qs), "quads; first:", qs[0].NQuad())
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// doc:scan 44 quads; first: <doc:scan> <rdf:type> <schema:NewsArticle> <doc:scan> .
	// ent:albania 3 quads; first: <ent:albania> <geo:iso3> "ALB" <ent:albania> .
	// ent:iran 3 quads; first: <ent:iran> <geo:iso3> "IRN" <ent:iran> .
	// ent:edi_rama 3 quads; first: <ent:edi_rama> <geo:iso3> "ALB" <ent:edi_rama> .
	// ent:mek 2 quads; first: <ent:mek> <rdf:type> <geo:PoliticalGroup> <ent:mek> .
}
