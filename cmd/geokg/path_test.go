package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

func TestPath(t *testing.T) {
	db, tiesDoc := fixtureStore(t)
	r := mustRun(t, exitOK, "--db", db, "path", "US", "Albania")
	want := "1 shortest path from United States to Albania, 2 hops each\n\n" +
		"1. United States —accused→ Iran\n" +
		"       2023-06-20  \"The United States accused Iran of the cyberattack on Tuesday.\"\n" +
		"                   doc:9f23f19ac5b85bfd  2023-06-20  \"The United States and the MEK\"\n" +
		"   Iran ←severed ties with— Albania\n" +
		"       2022-09-07  \"Albania cut diplomatic ties with Iran on Wednesday.\"\n" +
		"                   " + tiesDoc + "  2022-09-07  \"Albania breaks with Iran\"  https://news.example/albania-iran\n"
	if diff := cmp.Diff(want, r.out); diff != "" {
		t.Errorf("path output mismatch (-want +got):\n%s", diff)
	}

	r = mustRun(t, exitOK, "--db", db, "path", "--json", "ent:united_states", "Albania")
	var paths []graph.Path
	if err := json.Unmarshal([]byte(r.out), &paths); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	type hop struct {
		From, Predicate, To string
		Forward             bool
	}
	var got [][]hop
	for _, p := range paths {
		var hs []hop
		for _, h := range p {
			hs = append(hs, hop{h.From.IRI, h.Predicate, h.To.IRI, h.Forward})
		}
		got = append(got, hs)
	}
	wantHops := [][]hop{{
		{"ent:united_states", "accused", "ent:iran", true},
		{"ent:iran", "severed_ties_with", "ent:albania", false},
	}}
	if diff := cmp.Diff(wantHops, got); diff != "" {
		t.Errorf("path --json mismatch (-want +got):\n%s", diff)
	}
	if len(paths) == 1 && len(paths[0]) == 2 {
		h := paths[0][1]
		if h.Statements != 1 || len(h.Support) != 1 || h.Support[0].Doc != tiesDoc || h.Support[0].Date != "2022-09-07" ||
			h.Support[0].Evidence != "Albania cut diplomatic ties with Iran on Wednesday." {
			t.Errorf("second hop's support: %d statements, %+v; want the one of %s", h.Statements, h.Support, tiesDoc)
		}
	}
}

func TestPathNone(t *testing.T) {
	db, _ := fixtureStore(t)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{name: "too far", args: []string{"--max-depth", "1", "US", "Albania"}, want: "geokg: no path between United States and Albania within 1 hops\n"},
		{name: "same entity", args: []string{"US", "Washington"}, want: `geokg: "US" and "Washington" are the same entity, ent:united_states` + "\n"},
		{name: "unknown entity", args: []string{"US", "Atlantis"}, want: `geokg: no entity called "Atlantis" in the store`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", nil, append([]string{"--db", db, "path"}, tt.args...)...)
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d", r.code, exitFailure)
			}
			if !strings.HasPrefix(r.err, tt.want) {
				t.Errorf("stderr = %q, want it to start with %q", r.err, tt.want)
			}
		})
	}
}

// TestPathGazetteerLink: a hop along a link no statement backs (an
// official to their state, from the gazetteer) says so.
func TestPathGazetteerLink(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kg")
	st, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	iran := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRN"}
	albania := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"}
	mek := schema.Entity{IRI: "ent:mek", Name: "MEK", Type: schema.PoliticalGroup}
	rama := schema.Entity{IRI: "ent:edi_rama", Name: "Edi Rama", Type: schema.Person, ISO3: "ALB", Parent: "ent:albania", ParentPredicate: "head_of_government_of"}
	doc := schema.Document{ID: "doc:rama", Title: "Rama accuses Iran", Published: "2022-09-07"}
	stmts := []schema.Statement{{Subject: rama, Predicate: "accused", Object: iran, Date: "2022-09-07", CAMEO: "112", Confidence: 0.8,
		Evidence: "Edi Rama accused Iran of the cyberattack.", Span: [2]int{0, 41}, Doc: doc.ID},
		{Subject: albania, Predicate: "hosts", Object: mek, Since: "2016", Confidence: 0.8,
			Evidence: "Albania has hosted the MEK since 2016.", Span: [2]int{42, 80}, Doc: doc.ID}}
	// No statement says Rama heads Albania's government: the link is
	// the gazetteer's.
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	r := mustRun(t, exitOK, "--db", db, "path", "Albania", "Iran")
	want := "1 shortest path from Albania to Iran, 2 hops each\n\n" +
		"1. Albania ←is head of government of— Edi Rama\n" +
		"       no statement: a link the gazetteer gives\n" +
		"   Edi Rama —accused→ Iran\n" +
		"       2022-09-07  \"Edi Rama accused Iran of the cyberattack.\"\n" +
		"                   doc:rama  2022-09-07  \"Rama accuses Iran\"\n"
	if diff := cmp.Diff(want, r.out); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
}
