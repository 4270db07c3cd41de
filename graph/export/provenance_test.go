package export_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

var (
	albania = schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"}
	iran    = schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRN"}
	usa     = schema.Entity{IRI: "ent:united_states", Name: "United States", Type: schema.Country, ISO3: "USA", CAMEO: "USA"}
	mek     = schema.Entity{IRI: "ent:mek", Name: "MEK", Type: schema.PoliticalGroup}
	spain   = schema.Entity{IRI: "ent:spain", Name: "Spain", Type: schema.Country, ISO3: "ESP", CAMEO: "ESP"}
	pse     = schema.Entity{IRI: "ent:palestine", Name: "Palestine", Type: schema.Country, ISO3: "PSE", CAMEO: "PSE"}

	docLater   = schema.Document{ID: "doc:a_later", URL: "https://news.example/later", Title: "Tirana expels Iranian envoys", Published: "2022-09-08"}
	docEarlier = schema.Document{ID: "doc:b_earlier", URL: "https://news.example/earlier", Title: "Albania breaks with Iran", Published: "2022-09-07"}
)

// provenanceStore holds two articles reporting Albania's break with Iran,
// the later one read first, and a third with a denial, an announced act
// and a standing relation.
func provenanceStore(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	put := func(doc schema.Document, stmts ...schema.Statement) {
		for i := range stmts {
			stmts[i].Doc = doc.ID
			stmts[i].Span = [2]int{i * 100, i*100 + 90}
		}
		if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
			t.Fatal(err)
		}
	}
	put(docLater,
		schema.Statement{Subject: albania, Predicate: "severed_ties_with", Object: iran, Date: "2022-09-08", CAMEO: "161", Confidence: 0.8,
			Evidence: "Albania confirmed on Thursday that it had severed ties with Iran."})
	put(docEarlier,
		schema.Statement{Subject: albania, Predicate: "severed_ties_with", Object: iran, Date: "2022-09-07", CAMEO: "161", Confidence: 0.9,
			Evidence: "Albania cut diplomatic\nties with Iran on Wednesday."})
	put(schema.Document{ID: "doc:c_other", Title: "Other news", Published: "2024-05-22"},
		schema.Statement{Subject: usa, Predicate: "condemned", Object: iran, Date: "2024-05-20", CAMEO: "111", Negated: true, Confidence: 0.8,
			Evidence: "The United States did not condemn Iran."},
		schema.Statement{Subject: spain, Predicate: "recognized", Object: pse, CAMEO: "032", Modality: schema.ModalityIntended, Confidence: 0.8,
			Evidence: "Spain would recognise Palestine.", AttributedTo: "Pedro Sánchez"},
		schema.Statement{Subject: albania, Predicate: "hosts", Object: mek, Since: "2016", Confidence: 0.8,
			Evidence: "The MEK has lived in Albania since 2016."})
	return st
}

// TestEdgeProvenance checks that an exported edge carries the evidence of
// its earliest statement, whatever the order of reading, and every
// article that reports it with URL and headline, in each format.
func TestEdgeProvenance(t *testing.T) {
	st := provenanceStore(t)
	g := project(t, st, export.Options{Predicates: []string{"severed_ties_with"}})
	if len(g.Edges) != 1 {
		t.Fatalf("got %d edges, want 1", len(g.Edges))
	}
	e := g.Edges[0]
	if want := "Albania cut diplomatic ties with Iran on Wednesday."; e.Evidence != want {
		t.Errorf("evidence %q, want the earlier article's, %q", e.Evidence, want)
	}
	if diff := cmp.Diff([]string{"doc:a_later", "doc:b_earlier"}, e.Documents); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	wantSources := []graph.Source{
		{IRI: "doc:a_later", URL: "https://news.example/later", Headline: "Tirana expels Iranian envoys", Published: "2022-09-08"},
		{IRI: "doc:b_earlier", URL: "https://news.example/earlier", Headline: "Albania breaks with Iran", Published: "2022-09-07"},
	}
	if diff := cmp.Diff(wantSources, g.Sources(e)); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}

	var nodes, edges bytes.Buffer
	if err := export.WriteCSV(&nodes, &edges, g); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&edges).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) string {
		for i, h := range rows[0] {
			if h == name {
				return rows[1][i]
			}
		}
		t.Fatalf("edges.csv has no column %s: %v", name, rows[0])
		return ""
	}
	for name, want := range map[string]string{
		"Evidence":  "Albania cut diplomatic ties with Iran on Wednesday.",
		"Documents": "doc:a_later doc:b_earlier",
		"URLs":      "https://news.example/later https://news.example/earlier",
		"Headlines": "Tirana expels Iranian envoys | Albania breaks with Iran",
	} {
		if got := col(name); got != want {
			t.Errorf("edges.csv %s = %q, want %q", name, got, want)
		}
	}

	var cy bytes.Buffer
	if err := export.WriteCytoscape(&cy, g); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Elements struct {
			Edges []struct {
				Data struct {
					Evidence  string         `json:"evidence"`
					Documents []graph.Source `json:"documents"`
				} `json:"data"`
			} `json:"edges"`
		} `json:"elements"`
	}
	if err := json.Unmarshal(cy.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if d := doc.Elements.Edges[0].Data; d.Evidence != e.Evidence || !cmp.Equal(d.Documents, wantSources) {
		t.Errorf("cytoscape edge data: evidence %q, documents %+v", d.Evidence, d.Documents)
	}

	for name, write := range map[string]func(*bytes.Buffer) error{
		"graphml": func(b *bytes.Buffer) error { return export.WriteGraphML(b, g, false) },
		"gexf":    func(b *bytes.Buffer) error { return export.WriteGEXF(b, g) },
	} {
		var b bytes.Buffer
		if err := write(&b); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"Albania cut diplomatic ties with Iran on Wednesday.", "https://news.example/later https://news.example/earlier", "Tirana expels Iranian envoys | Albania breaks with Iran", "doc:a_later doc:b_earlier"} {
			if !strings.Contains(b.String(), want) {
				t.Errorf("%s lacks %q", name, want)
			}
		}
	}
}
