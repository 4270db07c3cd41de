package main

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const tiesQuery = `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`

func TestQuery(t *testing.T) {
	db, _ := fixtureStore(t)
	tests := []struct {
		name  string
		stdin string
		args  []string
		want  []map[string]string
	}{
		{name: "gizmo", args: []string{tiesQuery}, want: []map[string]string{{"id": "<ent:iran>"}}},
		{name: "from stdin", stdin: tiesQuery + "\n", args: []string{"-"}, want: []map[string]string{{"id": "<ent:iran>"}}},
		{name: "no results", args: []string{`g.V("<ent:atlantis>").Out().All()`}, want: []map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, tt.stdin, nil, append([]string{"--db", db, "query"}, tt.args...)...)
			if r.code != exitOK {
				t.Fatalf("exit %d: %s", r.code, r.err)
			}
			var got []map[string]string
			if err := json.Unmarshal([]byte(r.out), &got); err != nil {
				t.Fatalf("%v\n%s", err, r.out)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("results mismatch (-want +got):\n%s", diff)
			}
			if !strings.HasPrefix(r.out, "[") || (len(got) > 0 && !strings.Contains(r.out, "\n  {")) {
				t.Errorf("output is not an indented JSON array:\n%s", r.out)
			}
		})
	}
}

func TestQueryLimit(t *testing.T) {
	db, _ := fixtureStore(t)
	q := `g.V("<ent:iran>").In(["<rel:severed_ties_with>", "<rel:accused>"]).Unique().All()`
	for _, tt := range []struct {
		limit string
		want  int
	}{{"100", 2}, {"1", 1}} {
		r := mustRun(t, exitOK, "--db", db, "query", "--limit", tt.limit, q)
		var got []map[string]string
		if err := json.Unmarshal([]byte(r.out), &got); err != nil {
			t.Fatalf("%v\n%s", err, r.out)
		}
		if len(got) != tt.want {
			t.Errorf("--limit %s: %d results, want %d: %v", tt.limit, len(got), tt.want, got)
		}
		for _, g := range got {
			if id := g["id"]; id != "<ent:albania>" && id != "<ent:united_states>" {
				t.Errorf("--limit %s: result %q, want Albania or the United States", tt.limit, id)
			}
		}
	}
}

func TestQueryError(t *testing.T) {
	db, _ := fixtureStore(t)
	tests := []struct {
		name     string
		stdin    string
		args     []string
		wantCode int
		want     string
	}{
		{name: "gizmo syntax error", args: []string{`g.V("<ent:albania>".All()`}, wantCode: exitFailure, want: "geokg: query gizmo: "},
		{name: "unknown language", args: []string{"--lang", "sparql", "SELECT *"}, wantCode: exitUsage, want: `geokg: --lang "sparql"`},
		{name: "empty stdin", stdin: " \n", args: []string{"-"}, wantCode: exitUsage, want: "geokg: the query is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, tt.stdin, nil, append([]string{"--db", db, "query"}, tt.args...)...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d", r.code, tt.wantCode)
			}
			if !strings.HasPrefix(r.err, tt.want) {
				t.Errorf("stderr = %q, want it to start with %q", r.err, tt.want)
			}
		})
	}
}

// TestQuerySandbox runs, through geokg query, scripts that crashed the CLI
// before it ran them in the server's sandbox: each is now an error, exit
// 1, and a script that never ends is stopped at --timeout.
func TestQuerySandbox(t *testing.T) {
	db, _ := fixtureStore(t)
	for _, tt := range []struct {
		name, script, want string
		args               []string
	}{
		{name: "a bad argument to Cayley", script: `g.V().Out("<rel:x>", 1).All()`, want: "geokg: query gizmo: "},
		{name: "an array that holds itself", script: `var a = []; a[0] = a; String(a)`, want: "RangeError"},
		{name: "a loop", script: `while (true) {}`, args: []string{"--timeout", "1s"}, want: "geokg: query gizmo: stopped after 1s (--timeout)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			args := append(append([]string{"--db", db, "query"}, tt.args...), tt.script)
			r := geokg(t, "", nil, args...)
			if r.code != exitFailure || !strings.Contains(r.err, tt.want) {
				t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.err, tt.want)
			}
		})
	}
	// The store is closed after them all: another command opens it.
	mustRun(t, exitOK, "--db", db, "query", `g.V("<ent:albania>").All()`)
}
