package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
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
