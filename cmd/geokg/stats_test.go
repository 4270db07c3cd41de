package main

import (
	"encoding/json"
	"regexp"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStats(t *testing.T) {
	db, _ := fixtureStore(t)

	r := mustRun(t, exitOK, "--db", db, "stats", "--json")
	var keys map[string]json.RawMessage
	if err := json.Unmarshal([]byte(r.out), &keys); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	var got []string
	for k := range keys {
		got = append(got, k)
	}
	sort.Strings(got)
	if diff := cmp.Diff([]string{"by_kind", "by_predicate", "documents", "entities", "quads", "statements"}, got); diff != "" {
		t.Errorf("stats --json keys (-want +got):\n%s", diff)
	}
	st := storeStats(t, db)
	if st.Documents != 2 || st.ByPredicate["severed_ties_with"] != 1 || st.ByKind["Country"] < 3 {
		t.Errorf("stats = %+v, want 2 documents, one severed_ties_with, at least 3 countries", st)
	}

	text := mustRun(t, exitOK, "--db", db, "stats").out
	for _, re := range []string{
		`(?m)^documents\s+2$`,
		`(?m)^statements\s+\d+$`,
		`(?m)^entities\s+\d+$`,
		`(?m)^quads\s+\d+$`,
		`(?m)^entities by kind\n  Country\s+\d+$`,
		`(?m)^statements by predicate$`,
		`(?m)^  severed_ties_with\s+1$`,
	} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("stats output does not match %s:\n%s", re, text)
		}
	}
}
