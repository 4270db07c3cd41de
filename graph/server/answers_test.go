package server_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// unkept is a store that does not say its generation, so that the server
// answers every request afresh.
type unkept struct{ server.Store }

// TestAnswersKeptUntilWrite asks the read API the same questions twice
// of a server that keeps its answers and once of one that cannot (the
// same store, its generation hidden), and expects the same bytes; then it
// writes an article about Albania and expects the kept server to answer
// what the store now holds, as the other does.
func TestAnswersKeptUntilWrite(t *testing.T) {
	ctx := context.Background()
	st := newStore(t)
	kept, fresh := newServer(t, st), newServer(t, unkept{st})
	questions := []string{
		"/api/geokg/v1/entities/ent:albania/relations",
		"/api/geokg/v1/entities/Albania/relations?limit=3&order=oldest",
		"/api/geokg/v1/entities/ent:united_states/relations?predicate=condemned",
		"/api/geokg/v1/path?from=Albania&to=United+States&max_depth=3",
		"/api/geokg/v1/stats",
		"/api/geokg/v1/entities/ent:albania",
	}
	ask := func(stage string) map[string]string {
		out := make(map[string]string)
		for _, q := range questions {
			a := get(t, kept.URL+q).want(t, http.StatusOK)
			b := get(t, kept.URL+q).want(t, http.StatusOK)
			c := get(t, fresh.URL+q).want(t, http.StatusOK)
			if string(a.body) != string(b.body) || string(a.body) != string(c.body) {
				t.Errorf("%s: %s: kept answers differ from each other or from a fresh one:\nfirst %.300s\nagain %.300s\nfresh %.300s", stage, q, a.body, b.body, c.body)
			}
			out[q] = string(a.body)
		}
		return out
	}
	before := ask("before the write")

	doc := schema.Document{ID: "doc:answers_kept", Title: "Albania condemns Nicaragua", Published: "2031-01-02"}
	albania := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"}
	nicaragua := schema.Entity{IRI: "ent:nicaragua", Name: "Nicaragua", Type: schema.Country, ISO3: "NIC", CAMEO: "NIC"}
	stmts := []schema.Statement{{
		Subject: albania, Predicate: "condemned", Object: nicaragua, Date: "2031-01-02", CAMEO: "122",
		Confidence: 0.9, Evidence: "Albania condemned Nicaragua.", Span: [2]int{0, 28}, Doc: doc.ID,
	}}
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		t.Fatal(err)
	}
	after := ask("after the write")
	for _, q := range []string{questions[0], questions[4]} {
		if before[q] == after[q] {
			t.Errorf("%s: the same answer after an article about Albania was written: %.300s", q, after[q])
		}
	}
	var page struct {
		Count     int                `json:"count"`
		Relations []schema.Statement `json:"relations"`
	}
	get(t, kept.URL+questions[0]).decode(t, &page)
	want, err := st.Relations(ctx, "ent:albania", graph.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Count != len(want) || len(page.Relations) == 0 || page.Relations[0].Doc != doc.ID {
		t.Errorf("after the write: count %d, first %v; want count %d, first from %s", page.Count, page.Relations[:min(1, len(page.Relations))], len(want), doc.ID)
	}
}
