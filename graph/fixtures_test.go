package graph_test

import (
	"context"
	"testing"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// Entities of the fixtures, as the gazetteer would give them.
var (
	albania = schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB", Aliases: []string{"Albania", "Tirana"}}
	iran    = schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRN", Aliases: []string{"Iranian", "Tehran"}}
	usa     = schema.Entity{IRI: "ent:united_states", Name: "United States", Type: schema.Country, ISO3: "USA", CAMEO: "USA", Aliases: []string{"U.S.", "Washington"}}
	mek     = schema.Entity{IRI: "ent:mek", Name: "MEK", Type: schema.PoliticalGroup, Aliases: []string{"Mujahedin-e-Khalq"}}
	rama    = schema.Entity{IRI: "ent:edi_rama", Name: "Edi Rama", Type: schema.Person, ISO3: "ALB", Aliases: []string{"Rama"}, Parent: "ent:albania", ParentPredicate: "head_of_government_of"}
)

// bare is e as a statement read back from the store carries it: name,
// type and codes only.
func bare(e schema.Entity) schema.Entity {
	e.Aliases, e.Parent, e.ParentPredicate, e.Role = nil, "", "", ""
	return e
}

var (
	docTies = schema.Document{ID: "doc:albania_cuts_ties", URL: "https://example.org/albania-iran", Title: "Albania cuts ties with Iran", Published: "2022-09-07"}
	docEcho = schema.Document{ID: "doc:second_report", Title: "Albania expels Iranian diplomats", Published: "2022-09-10"}
)

func stmt(doc schema.Document, subj schema.Entity, pred string, obj schema.Entity, span int, set func(*schema.Statement)) schema.Statement {
	s := schema.Statement{
		Subject: subj, Predicate: pred, Object: obj,
		Confidence: 0.9, Evidence: subj.Name + " " + pred + " " + obj.Name + ".",
		Span: [2]int{span, span + 40}, Doc: doc.ID,
	}
	if p, ok := schema.LookupPredicate(pred); ok {
		s.CAMEO = p.CAMEO
	}
	if set != nil {
		set(&s)
	}
	return s
}

func date(d string) func(*schema.Statement) { return func(s *schema.Statement) { s.Date = d } }

func since(d string) func(*schema.Statement) { return func(s *schema.Statement) { s.Since = d } }

// tiesStatements are what an article on Albania cutting ties with Iran
// yields.
func tiesStatements() []schema.Statement {
	d := docTies
	return []schema.Statement{
		stmt(d, albania, "severed_ties_with", iran, 0, date("2022-09-07")),
		stmt(d, rama, "accused", iran, 100, date("2022-09-07")),
		stmt(d, albania, "hosts", mek, 200, since("2016")),
		stmt(d, usa, "delisted_terrorist", mek, 300, date("2012")),
		stmt(d, usa, "requested", albania, 400, date("2013")),
		stmt(d, mek, "opposes", iran, 500, nil),
		stmt(d, iran, "denied", albania, 600, date("2022-09-08")),
		stmt(d, iran, "condemned", albania, 700, func(s *schema.Statement) { s.Date = "2022-09-08"; s.Negated = true }),
	}
}

// echoStatements are a second article reporting the same break, and the
// United States condemning Iran.
func echoStatements() []schema.Statement {
	d := docEcho
	return []schema.Statement{
		stmt(d, albania, "severed_ties_with", iran, 10, date("2022-09-07")),
		stmt(d, usa, "condemned", iran, 90, date("2022-09-10")),
	}
}

func openMem(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openBolt(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openPostgres(t testing.TB) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), pgtest.NewDB(t), graph.WithBackend(graph.Postgres))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// backends runs f against a store of each backend.
func backends(t *testing.T, f func(t *testing.T, s *graph.Store)) {
	for _, b := range []struct {
		name string
		open func(testing.TB) *graph.Store
	}{{graph.Memstore, openMem}, {graph.Bolt, openBolt}, {graph.Postgres, openPostgres}} {
		t.Run(b.name, func(t *testing.T) { f(t, b.open(t)) })
	}
}

func write(t testing.TB, s *graph.Store, doc schema.Document, stmts []schema.Statement) (graph.WriteResult, []quad.Quad) {
	t.Helper()
	qs := quadtest.Quads(doc, stmts)
	res, err := s.WriteDocument(context.Background(), doc, qs)
	if err != nil {
		t.Fatalf("WriteDocument(%s): %v", doc.ID, err)
	}
	return res, s.AsStored(qs)
}

// own counts the quads labelled with doc among quads: those of an
// article's quads as stored that WriteResult.Unchanged counts.
func own(doc schema.Document, quads []quad.Quad) int {
	n := 0
	for _, q := range quads {
		if schema.ValueString(q.Label) == doc.ID {
			n++
		}
	}
	return n
}

func stats(t testing.TB, s *graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// distinct counts the distinct quads of the lists: what a store holds
// once it has written them.
func distinct(lists ...[]quad.Quad) int {
	seen := make(map[string]bool)
	for _, l := range lists {
		for _, q := range l {
			seen[q.NQuad()] = true
		}
	}
	return len(seen)
}
