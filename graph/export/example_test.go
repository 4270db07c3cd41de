package export_test

import (
	"context"
	"fmt"
	"log"
	"os"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// exampleStore returns an in-memory store holding one small article.
func exampleStore() *graph.Store {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	albania := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"}
	iran := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRN"}
	mek := schema.Entity{IRI: "ent:mek", Name: "MEK", Type: schema.PoliticalGroup}
	doc := schema.Document{ID: "doc:example", Title: "Albania cuts ties with Iran", Published: "2022-09-07"}
	stmts := []schema.Statement{
		{Subject: albania, Predicate: "severed_ties_with", Object: iran, Date: "2022-09-07", CAMEO: "161", Confidence: 0.9, Span: [2]int{0, 40}, Doc: doc.ID},
		{Subject: albania, Predicate: "accused", Object: iran, Date: "2022-09-07", CAMEO: "112", Confidence: 0.9, Span: [2]int{41, 90}, Doc: doc.ID},
		{Subject: albania, Predicate: "hosts", Object: mek, Since: "2016", Confidence: 0.8, Span: [2]int{91, 150}, Doc: doc.ID},
	}
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		log.Fatal(err)
	}
	return st
}

func ExampleProject() {
	st := exampleStore()
	defer st.Close()
	g, err := export.Project(context.Background(), st, export.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, n := range g.Nodes {
		fmt.Printf("%s %q %s degree %d\n", n.ID, n.Label, n.Kind, n.Degree)
	}
	for _, e := range g.Edges {
		fmt.Printf("%s: %s, %d source(s), spells %v\n", e.ID, e.Label(), e.Sources, e.Spells)
	}
	// Output:
	// ent:albania "Albania" Country degree 3
	// ent:iran "Iran" Country degree 2
	// ent:mek "MEK" PoliticalGroup degree 1
	// ent:albania-accused-ent:iran: accused (2022), 1 source(s), spells [{2022-09-07 2022-09-07}]
	// ent:albania-severed_ties_with-ent:iran: severed ties with (2022), 1 source(s), spells [{2022-09-07 2022-09-07}]
	// ent:albania-hosts-ent:mek: hosts (2016), 1 source(s), spells [{2016-01-01 }]
}

func ExampleWriteDOT() {
	st := exampleStore()
	defer st.Close()
	g, err := export.Project(context.Background(), st, export.Options{Entity: "ent:mek"})
	if err != nil {
		log.Fatal(err)
	}
	if err := export.WriteDOT(os.Stdout, g); err != nil {
		log.Fatal(err)
	}
	// Output:
	// digraph geokg {
	//   graph [rankdir=LR, fontsize=10];
	//   node [style="filled", fontsize=10, color="#555555"];
	//   edge [fontsize=8];
	//   "ent:albania" [label="Albania", shape=box, style="filled", fillcolor="#9ec5e8"];
	//   "ent:mek" [label="MEK", shape=parallelogram, style="filled", fillcolor="#f3b6d8"];
	//   "ent:albania" -> "ent:mek" [label="hosts (2016)", color="#888888", fontcolor="#888888"];
	// }
}

func ExampleWriteCSV() {
	st := exampleStore()
	defer st.Close()
	g, err := export.Project(context.Background(), st, export.Options{Predicates: []string{"severed_ties_with"}})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("nodes.csv:")
	if err := export.WriteCSV(os.Stdout, discard{}, g); err != nil {
		log.Fatal(err)
	}
	fmt.Println("edges.csv:")
	if err := export.WriteCSV(discard{}, os.Stdout, g); err != nil {
		log.Fatal(err)
	}
	// Output:
	// nodes.csv:
	// ID,Label,Type,ISO3,CAMEO,Degree
	// ent:albania,Albania,Country,ALB,ALB,1
	// ent:iran,Iran,Country,IRN,IRN,1
	// edges.csv:
	// ID,From,To,Type,Label,Family,CAMEO,First,Last,Since,Until,Sources,Weight,Evidence,Documents,URLs,Headlines
	// ent:albania-severed_ties_with-ent:iran,ent:albania,ent:iran,severed_ties_with,severed ties with (2022),conflict,161,2022-09-07,2022-09-07,,,1,1,,doc:example,,Albania cuts ties with Iran
}

func ExampleWrite() {
	st := exampleStore()
	defer st.Close()
	err := export.Write(context.Background(), os.Stdout, st, export.Cytoscape, export.Options{Predicates: []string{"hosts"}})
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// {"elements": {
	// "nodes": [
	// {"data":{"id":"ent:albania","label":"Albania","name":"Albania","kind":"Country","iso3":"ALB","cameo":"ALB","degree":1,"color":"#9ec5e8"},"classes":"Country"}
	// ,{"data":{"id":"ent:mek","label":"MEK","name":"MEK","kind":"PoliticalGroup","degree":1,"color":"#f3b6d8"},"classes":"PoliticalGroup"}
	// ],
	// "edges": [
	// {"data":{"id":"ent:albania-hosts-ent:mek","source":"ent:albania","target":"ent:mek","label":"hosts (2016)","name":"hosts (2016)","predicate":"hosts","family":"neutral","first":"2016","last":"2016","since":"2016","sources":1,"weight":1,"color":"#888888","documents":[{"iri":"doc:example","url":"","headline":"Albania cuts ties with Iran","published":"2022-09-07"}]},"classes":"neutral"}
	// ]
	// }}
}

func ExampleParseFormat() {
	for _, name := range []string{"gexf", "cyjs", "pdf"} {
		f, err := export.ParseFormat(name)
		fmt.Println(f, f.MediaType(), err)
	}
	// Output:
	// gexf application/gexf+xml <nil>
	// cytoscape application/json <nil>
	//  application/octet-stream unknown export format "pdf" (choose one of graphml, gexf, dot, cytoscape, csv, nquads, jsonld, svg, png)
}
