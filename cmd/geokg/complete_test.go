package main

import (
	"strings"
	"testing"
)

// TestCompletion asks the hidden __complete command, as the shell scripts
// of geokg completion do, for entity names from the store, predicates,
// formats and roots.
func TestCompletion(t *testing.T) {
	db, _ := fixtureStore(t)
	complete := func(args ...string) []string {
		t.Helper()
		r := mustRun(t, exitOK, append([]string{"__complete", "--db", db}, args...)...)
		lines := strings.Split(strings.TrimSpace(r.out), "\n")
		if len(lines) == 0 || !strings.HasPrefix(lines[len(lines)-1], ":") {
			t.Fatalf("__complete %s printed %q", strings.Join(args, " "), r.out)
		}
		var values []string
		for _, l := range lines[:len(lines)-1] {
			values = append(values, strings.SplitN(l, "\t", 2)[0])
		}
		return values
	}
	has := func(got []string, want ...string) bool {
		for _, w := range want {
			if !oneOf(w, got) {
				return false
			}
		}
		return true
	}
	tests := []struct {
		args []string
		want []string // among the values
		not  []string // not among them
	}{
		{[]string{"relations", "Al"}, []string{"Albania"}, []string{"Iran"}},
		{[]string{"relations", "alb"}, []string{"Albania"}, nil}, // any case
		{[]string{"relations", "ent:al"}, []string{"ent:albania"}, []string{"Albania"}},
		{[]string{"path", "Iran", "Uni"}, []string{"United States"}, nil},
		{[]string{"events", "--entity", "Ir"}, []string{"Iran"}, nil},
		{[]string{"relations", "--predicate", ""}, []string{"severed_ties_with", "hosts"}, nil},
		{[]string{"events", "--format", ""}, []string{"csv", "tsv", "jsonl"}, []string{"graphml"}},
		{[]string{"export", "--format", ""}, []string{"graphml", "gexf", "csv"}, []string{"jsonl"}},
		{[]string{"extract", "--format", ""}, []string{"jsonl", "table", "nquads"}, nil},
		{[]string{"events", "--root", ""}, []string{"01", "19", "20"}, []string{"190"}},
	}
	for _, tt := range tests {
		got := complete(tt.args...)
		if !has(got, tt.want...) {
			t.Errorf("complete %q: %v, want %v among them", tt.args, got, tt.want)
		}
		for _, n := range tt.not {
			if oneOf(n, got) {
				t.Errorf("complete %q: %v holds %s", tt.args, got, n)
			}
		}
	}
	// relations takes one name: nothing more is offered after it.
	if got := complete("relations", "Iran", ""); len(got) != 0 {
		t.Errorf("complete relations Iran '': %v, want nothing", got)
	}
}
