package graph_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// exampleStore opens an in-memory store holding the article on Albania
// cutting ties with Iran.
func exampleStore(ctx context.Context) *graph.Store {
	s, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	if _, err := s.WriteDocument(ctx, docTies, quadtest.Quads(docTies, tiesStatements())); err != nil {
		log.Fatal(err)
	}
	return s
}

func ExampleOpen() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "geokg")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// The bolt backend keeps the graph in DIR/indexes.bolt, creating it on
	// first use.
	s, err := graph.Open(ctx, filepath.Join(dir, "kg"))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(s.Backend(), st.Quads)

	// A second handle on the same store fails at once instead of waiting.
	_, err = graph.Open(ctx, filepath.Join(dir, "kg"), graph.WithLockTimeout(0))
	fmt.Println(err != nil)

	_, err = graph.Open(ctx, "", graph.WithBackend("postgress"))
	fmt.Println(err)
	// Output:
	// bolt 0
	// true
	// open store : unknown backend "postgress" (choose one of bolt, memstore, postgres, cockroach)
}

func ExampleStore_WriteDocument() {
	ctx := context.Background()
	s, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()

	doc := schema.Document{ID: "doc:tirana_cuts_ties", Published: "2022-09-07"}
	albania := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB"}
	iran := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN"}
	stmts := []schema.Statement{{Subject: albania, Predicate: "severed_ties_with", Object: iran, Date: "2022-09-07", Doc: doc.ID}}

	quads, err := schema.Quads(doc, stmts)
	if err != nil {
		log.Fatal(err)
	}
	res, err := s.WriteDocument(ctx, doc, quads)
	if err != nil {
		log.Fatal(err)
	}
	// The article's own 12 quads, and the 6 facts of Albania and Iran,
	// which the store keeps once, labelled with the entity.
	fmt.Printf("first:  %+v\n", res)

	// The same article again changes nothing.
	res, err = s.WriteDocument(ctx, doc, quads)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("again:  %+v\n", res)

	// A corrected reading replaces the old statement.
	stmts[0].Date = "2022-09-06"
	if quads, err = schema.Quads(doc, stmts); err != nil {
		log.Fatal(err)
	}
	res, err = s.WriteDocument(ctx, doc, quads)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("change: %+v\n", res)
	// Output:
	// first:  {Added:12 Removed:0 Unchanged:0 FactsAdded:6 FactsRemoved:0}
	// again:  {Added:0 Removed:0 Unchanged:12 FactsAdded:0 FactsRemoved:0}
	// change: {Added:1 Removed:1 Unchanged:11 FactsAdded:0 FactsRemoved:0}
}

func ExampleStore_DeleteDocument() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	n, err := s.DeleteDocument(ctx, docTies.ID)
	if err != nil {
		log.Fatal(err)
	}
	st, err := s.Stats(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n > 0, st.Quads)
	// Output:
	// true 0
}

func ExampleStore_Generation() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	before, kept := s.Generation()
	if _, err := s.Relations(ctx, "ent:albania", graph.Filter{}); err != nil {
		log.Fatal(err)
	}
	read, _ := s.Generation()
	if _, err := s.DeleteDocument(ctx, docTies.ID); err != nil {
		log.Fatal(err)
	}
	after, _ := s.Generation()
	// A read leaves the generation as it was, so what it gave may be
	// kept; a write moves it on.
	fmt.Println(kept, read == before, after != before)
	// Output:
	// true true true
}

func ExampleStore_Relations() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()

	rels, err := s.Relations(ctx, "ent:albania", graph.Filter{Direction: graph.Out})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range rels {
		fmt.Printf("%s %s %s date=%q since=%q\n", r.Subject.Name, r.Predicate, r.Object.Name, r.Date, r.Since)
	}

	// What the United States did before 2013.
	rels, err = s.Relations(ctx, "ent:united_states", graph.Filter{Until: "2012"})
	if err != nil {
		log.Fatal(err)
	}
	b, err := json.Marshal(rels[0].Object)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rels[0].Predicate, string(b))
	// Output:
	// Albania hosts MEK date="" since="2016"
	// Albania severed_ties_with Iran date="2022-09-07" since=""
	// delisted_terrorist {"iri":"ent:mek","name":"MEK","type":"PoliticalGroup","iso3":"","cameo":""}
}

func ExampleStore_Paths() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()

	paths, err := s.Paths(ctx, "ent:united_states", "ent:iran", 0)
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range paths {
		fmt.Println(p)
	}
	fmt.Println(paths[0][1].Predicate, paths[0][1].Forward)
	// Output:
	// United States -requested-> Albania <-denied- Iran
	// United States -requested-> Albania -severed_ties_with-> Iran
	// United States -delisted_terrorist-> MEK -opposes-> Iran
	// denied false
}

func ExampleStore_Entity() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	e, err := s.Entity(ctx, "ent:edi_rama")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(e.Name, e.Type, e.ISO3, e.Aliases, e.ParentPredicate, e.Parent)
	// Output:
	// Edi Rama Person ALB [Rama] head_of_government_of ent:albania
}

func ExampleStore_FindEntities() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	for _, q := range []string{"Tehran", "united", "Mujahedin"} {
		es, err := s.FindEntities(ctx, q, 1)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(q, "→", es[0].IRI)
	}
	// Output:
	// Tehran → ent:iran
	// united → ent:united_states
	// Mujahedin → ent:mek
}

func ExampleStore_Stats() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(st.Documents, st.Statements, st.Entities, st.ByKind["Country"], st.ByPredicate["hosts"])
	// Output:
	// 1 8 5 3 1
}

func ExampleStore_Query() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	res, err := s.Query(ctx, graph.Gizmo, `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`, 10)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(res)
	// Output:
	// [map[id:<ent:iran>]]
}

func ExampleStore_StatementNodes() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()

	// Statements with Iran as object, refined to those with a CAMEO code
	// of 112 (accuse), then to who made them.
	p, err := s.StatementNodes("ent:iran", graph.In)
	if err != nil {
		log.Fatal(err)
	}
	who, err := p.Has(quad.IRI(schema.CAMEO), quad.String("112")).
		Out(quad.IRI(schema.Subject)).
		Iterate(ctx).AllValues(s.QuadStore())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(who)
	// Output:
	// [<ent:edi_rama>]
}

func ExampleStore_Edges() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()

	// Whom the MEK's neighbours point at, and how.
	err := s.Edges(false, "ent:mek").Tag("to").Iterate(ctx).TagValues(s.QuadStore(), func(m map[string]quad.Value) error {
		fmt.Println(m["to"], m[graph.TagPredicate], m[graph.TagFrom])
		return nil
	})
	if err != nil {
		log.Fatal(err)
	}
	// Unordered output:
	// <ent:albania> <rel:hosts> <ent:mek>
	// <ent:united_states> <rel:delisted_terrorist> <ent:mek>
}

func ExampleStore_EntityNodes() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	people, err := s.EntityNodes(schema.Person).Iterate(ctx).AllValues(s.QuadStore())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(people)
	// Output:
	// [<ent:edi_rama>]
}

func ExampleStore_DocumentNodes() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	titles, err := s.DocumentNodes().Out(quad.IRI(schema.Headline)).Iterate(ctx).AllValues(s.QuadStore())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(titles)
	// Output:
	// ["Albania cuts ties with Iran"]
}

func ExampleStore_MergedRelations() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	// A second article reports the same break.
	quads, err := schema.Quads(docEcho, echoStatements())
	if err != nil {
		log.Fatal(err)
	}
	if _, err := s.WriteDocument(ctx, docEcho, quads); err != nil {
		log.Fatal(err)
	}
	merged, err := s.MergedRelations(ctx, "ent:albania", graph.Filter{Direction: graph.Out})
	if err != nil {
		log.Fatal(err)
	}
	for _, m := range merged {
		fmt.Printf("%s %s %s: %d sources, %s to %s\n", m.Subject.Name, m.Predicate, m.Object.Name, m.Sources, m.First, m.Last)
	}
	// Output:
	// Albania severed_ties_with Iran: 2 sources, 2022-09-07 to 2022-09-07
	// Albania hosts MEK: 1 sources, 2016 to 2016
}

func ExampleStore_DocumentStatus() {
	ctx := context.Background()
	s, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer s.Close()
	doc := schema.Document{ID: "doc:wire_1", Published: "2022-09-07", Text: "Albania cut diplomatic ties with Iran."}
	before, _ := s.DocumentStatus(ctx, doc)
	if _, err := s.Ingest(ctx, doc, nil); err != nil {
		log.Fatal(err)
	}
	after, _ := s.DocumentStatus(ctx, doc)
	doc.Text = "Albania cut diplomatic ties with Iran on Wednesday."
	edited, _ := s.DocumentStatus(ctx, doc)
	fmt.Println(before, after, edited)
	// Output:
	// missing current changed
}
