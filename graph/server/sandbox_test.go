package server_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/sandbox/sandboxtest"
	"github.com/geokg/geokg/graph/server"
)

// sandboxEnv is a server on loopback over a bolt store of the test
// articles, with the things a script must not reach beside it.
type sandboxEnv struct {
	*sandboxtest.Targets
	ts   *httptest.Server
	logs *logWriter
}

func newSandboxEnv(t *testing.T) *sandboxEnv {
	t.Helper()
	dir := t.TempDir()
	st := newStoreAt(t, dir)
	e := &sandboxEnv{Targets: sandboxtest.New(t, dir)}
	e.ts, e.logs = newServerLog(t, st, server.WithWrites("sandbox-token-0123456789"))
	return e
}

// checkReply fails the test when an answer is not JSON or leaks
// something that was not in the request.
func (e *sandboxEnv) checkReply(t *testing.T, what, request string, r reply) {
	t.Helper()
	if !json.Valid(r.body) {
		t.Errorf("%s: the answer is not JSON: %.300s", what, r.body)
	}
	e.CheckLeaks(t, what, request, string(r.body))
}

// stillAnswers fails the test unless the server still answers the
// issue's query.
func (e *sandboxEnv) stillAnswers(t *testing.T) {
	t.Helper()
	var body struct {
		Result []map[string]any `json:"result"`
	}
	post(t, e.ts.URL+"/api/v2/query?lang=gizmo", gizmoTies).want(t, http.StatusOK).decode(t, &body)
	if got := ids(t, body.Result, "id"); len(got) == 0 || got[0] != "<ent:iran>" {
		t.Fatalf("after the script the server answers %v", got)
	}
}

// gizmoEndpoints are the endpoints that run a Gizmo script: path, and
// whether the script goes in ?qu= rather than the body.
var gizmoEndpoints = []struct {
	name, path string
	get        bool
}{
	{"v2 POST", "/api/v2/query?lang=gizmo", false},
	{"v2 GET", "/api/v2/query?lang=gizmo&qu=", true},
	{"v1", "/api/v1/query/gizmo", false},
	{"v1 shape", "/api/v1/shape/gizmo", false},
}

// TestGizmoSandboxEndpoints runs scripts that try to reach the file
// system, the network or the process, or to bring the server down,
// through every endpoint that runs Gizmo: each endpoint runs them in the
// sandbox (graph/sandbox, whose TestGizmoSandbox runs every attack).
// Each fails with 400 or finds nothing; no answer leaks a path or a
// trace; the server goes on answering; nothing reaches the counting
// server; no file changes; and the panic the sandbox stopped is in the
// server's error log.
func TestGizmoSandboxEndpoints(t *testing.T) {
	e := newSandboxEnv(t)

	tests := []struct {
		name    string
		script  string
		wantErr string // a query fails with 400 and this in its message
		want    any    // or answers 200 with these results
	}{
		{name: "require fs", script: `require('fs').readFileSync('SECRET', 'utf8')`, wantErr: "ReferenceError: require is not defined"},
		{name: "fetch", script: `fetch('CANARY/fetch').then(function (r) { g.emit(r.status) })`, wantErr: "ReferenceError: fetch is not defined"},
		{name: "static import", script: `import fs from 'fs'; g.emit(fs.readFileSync('SECRET'))`, wantErr: "SyntaxError"},
		{name: "what is defined", script: `g.emit([typeof require, typeof process, typeof fetch, typeof __geokg_run])`, want: []any{[]any{"undefined", "undefined", "undefined", "undefined"}}},
		{name: "a file as a node", script: `g.V("<file://SECRET>", "<SECRET>", "SECRET").Out().All()`, want: nil},
		{name: "a bad argument Cayley panics on", script: `g.V("<ent:albania>").Out("<rel:severed_ties_with>", 1).All()`, wantErr: "TypeError: Out: expected string, got: int64"},
		{name: "a value that holds itself", script: `var o = {}; o.o = o; g.emit(o)`, wantErr: "emit: argument 1: the value contains itself"},
		{name: "an array that holds itself, as a string", script: `var a = []; a[0] = a; String(a)`, wantErr: "RangeError: Array.prototype.toString: the array nests deeper than 1000 levels, or holds itself"},
		{name: "a deep script", script: strings.Repeat("[", 1<<20), wantErr: "the script has more than 20000 tokens"},
		{name: "endless recursion", script: `function f() { return f() } f()`, wantErr: "RangeError: maximum call stack size exceeded"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := e.Expand(tt.script)
			for _, ep := range gizmoEndpoints {
				var r reply
				switch {
				case ep.get && len(script) > 4000:
					continue
				case ep.get:
					r = get(t, e.ts.URL+ep.path+url.QueryEscape(script))
				default:
					r = post(t, e.ts.URL+ep.path, script)
				}
				e.checkReply(t, ep.name, script, r)
				shape := strings.Contains(ep.path, "shape")
				switch {
				case tt.wantErr != "" && !shape:
					r.want(t, http.StatusBadRequest)
					if msg := r.errorMessage(t); !strings.Contains(msg, tt.wantErr) {
						t.Errorf("%s: error %q, want it to hold %q", ep.name, msg, tt.wantErr)
					}
				case tt.wantErr != "" && shape:
					// The shape of a script that fails is an error too,
					// or the shape of what it built before it failed.
					if r.code != http.StatusOK && r.code != http.StatusBadRequest {
						t.Errorf("%s: status %d: %.300s", ep.name, r.code, r.body)
					}
				case shape:
					r.want(t, http.StatusOK)
				default:
					var body struct {
						Result any `json:"result"`
					}
					r.want(t, http.StatusOK).decode(t, &body)
					if diff := cmp.Diff(tt.want, body.Result); diff != "" {
						t.Errorf("%s: results (-want +got):\n%s", ep.name, diff)
					}
				}
			}
			e.stillAnswers(t)
		})
	}

	t.Run("GraphQL nesting", func(t *testing.T) {
		q := strings.Repeat("{a", 1<<20) + strings.Repeat("}", 1<<20)
		r := post(t, e.ts.URL+"/api/v2/query?lang=graphql", q).want(t, http.StatusBadRequest)
		e.checkReply(t, "graphql", q, r)
		if !strings.Contains(string(r.body), "more than the 10000 the server reads") {
			t.Errorf("answer: %.300s", r.body)
		}
		e.stillAnswers(t)
	})

	t.Run("GraphQL 2,000 deep", func(t *testing.T) {
		q := "{ nodes(id: \"<ent:albania>\") " + strings.Repeat("{ id <rel:severed_ties_with> ", 2000) + strings.Repeat("}", 2001)
		r := post(t, e.ts.URL+"/api/v2/query?lang=graphql", q).want(t, http.StatusBadRequest)
		e.checkReply(t, "graphql", q, r)
		if !strings.Contains(string(r.body), "nests 2001 levels deep, more than the 32 the server runs") {
			t.Errorf("answer: %.300s", r.body)
		}
		// Braces in strings and comments do not count.
		q = "# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n{ nodes(id: \"<ent:albania>" + strings.Repeat("{", 40) + "\") { id } }"
		post(t, e.ts.URL+"/api/v2/query?lang=graphql", q).want(t, http.StatusOK)
		e.stillAnswers(t)
	})

	e.CheckUntouched(t) // before the writes below change the store

	t.Run("JSON-LD contexts are not loaded", func(t *testing.T) {
		for _, ctx := range []string{`"CANARY/context.jsonld"`, `"SECRET"`, `["CANARY/a", {"name": "http://schema.org/name"}]`, `{"@import": "SECRET"}`} {
			body := e.Expand(`{"@context": ` + ctx + `, "@id": "http://example.org/x", "secret": "y"}`)
			r := post(t, e.ts.URL+"/api/v2/write", body, "Authorization", "Bearer sandbox-token-0123456789", "Content-Type", "application/ld+json").want(t, http.StatusBadRequest)
			e.checkReply(t, "write "+ctx, body, r)
			if msg := r.errorMessage(t); !strings.Contains(msg, "the server loads no contexts") {
				t.Errorf("write with the context %s: %q", ctx, msg)
			}
		}
		// A context given inline is read.
		body := `{"@context": {"name": "http://schema.org/name"}, "@id": "http://example.org/x", "name": "y"}`
		post(t, e.ts.URL+"/api/v2/write", body, "Authorization", "Bearer sandbox-token-0123456789", "Content-Type", "application/ld+json").want(t, http.StatusOK)
		post(t, e.ts.URL+"/api/v2/delete", body, "Authorization", "Bearer sandbox-token-0123456789", "Content-Type", "application/ld+json").want(t, http.StatusOK)
	})

	if n := e.Hits(); n != 0 {
		t.Errorf("the counting server got %d requests", n)
	}
	if want := "gizmo: Out made Cayley's Gizmo panic: expected string, got: int64"; !strings.Contains(e.logs.String(), want) {
		t.Errorf("the error log lacks %q:\n%.2000s", want, e.logs)
	}
}
