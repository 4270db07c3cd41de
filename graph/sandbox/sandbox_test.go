package sandbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
	"github.com/geokg/geokg/graph/sandbox/sandboxtest"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// gizmoTies is the query every test ends with: whom Albania severed ties
// with.
const gizmoTies = `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`

// newStoreAt returns a store at dir (a bolt store; "" for memstore)
// holding one article: Albania severed ties with Iran, and the United
// States accused Iran.
func newStoreAt(t testing.TB, dir string) *graph.Store {
	t.Helper()
	ctx := context.Background()
	var opts []graph.Option
	if dir == "" {
		opts = append(opts, graph.WithBackend(graph.Memstore))
	}
	st, err := graph.Open(ctx, dir, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	text := "Albania severed diplomatic ties with Iran. The United States accused Iran."
	doc := schema.Document{ID: schema.DocumentIRI("sandbox-test", text), Title: "Ties", Published: "2022-09-07", Source: "sandbox-test", Text: text}
	albania := schema.Entity{IRI: schema.EntityIRI("Albania"), Name: "Albania", Type: schema.Country}
	iran := schema.Entity{IRI: schema.EntityIRI("Iran"), Name: "Iran", Type: schema.Country}
	us := schema.Entity{IRI: schema.EntityIRI("United States"), Name: "United States", Type: schema.Country}
	stmts := []schema.Statement{
		{Subject: albania, Predicate: "severed_ties_with", Object: iran, Date: "2022-09-07", Confidence: 0.9, Evidence: "Albania severed diplomatic ties with Iran.", Span: [2]int{0, 42}, Doc: doc.ID},
		{Subject: us, Predicate: "accused", Object: iran, Date: "2022-09-07", Confidence: 0.9, Evidence: "The United States accused Iran.", Span: [2]int{43, 74}, Doc: doc.ID},
	}
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		t.Fatalf("write the test article: %v", err)
	}
	return st
}

// logBuffer collects what the sandbox logs.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(&l.b, format+"\n", args...)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// sandboxEnv is a bolt store of the test article, with the things a
// script must not reach beside it.
type sandboxEnv struct {
	*sandboxtest.Targets
	st   *graph.Store
	logs *logBuffer
	mem  *sandbox.Memory // nil: no memory bound
}

func newSandboxEnv(t *testing.T) *sandboxEnv {
	t.Helper()
	dir := t.TempDir()
	e := &sandboxEnv{st: newStoreAt(t, dir), logs: &logBuffer{}}
	e.Targets = sandboxtest.New(t, dir)
	return e
}

// run runs a query in the sandbox, as a server or geokg query does, and
// returns its results as plain JSON values (what a client reads).
func (e *sandboxEnv) run(t *testing.T, lang, text string, timeout time.Duration) ([]any, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	res, err := sandbox.Query(ctx, e.st, lang, text, sandbox.Options{Memory: e.mem, Logf: e.logs.Printf})
	if err != nil {
		return nil, err
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatalf("the results do not encode as JSON: %v", err)
	}
	var plain []any
	if err := json.Unmarshal(b, &plain); err != nil {
		t.Fatal(err)
	}
	return plain, nil
}

// checkAnswer fails the test when what a query gave back (its results,
// or its error) leaks something that was not in the query.
func (e *sandboxEnv) checkAnswer(t *testing.T, query string, res []any, err error) {
	t.Helper()
	answer := fmt.Sprint(res)
	if err != nil {
		answer = err.Error()
	}
	e.CheckLeaks(t, "the query", query, answer)
}

// stillAnswers fails the test unless the sandbox still answers the
// issue's query.
func (e *sandboxEnv) stillAnswers(t *testing.T) {
	t.Helper()
	res, err := e.run(t, graph.Gizmo, gizmoTies, time.Minute)
	if err != nil {
		t.Fatalf("after the script the ties query fails: %v", err)
	}
	if len(res) == 0 || fmt.Sprint(res[0]) != "map[id:<ent:iran>]" {
		t.Fatalf("after the script the ties query answers %v", res)
	}
}

// TestGizmoSandbox runs scripts that try to reach the file system, the
// network or the process, or to bring the process down. Each fails with
// the query's error (*sandbox.QueryError) or finds nothing; no answer
// leaks a path or a trace; the sandbox goes on answering; nothing reaches
// the counting server; no file changes; and the panic of Cayley's code it
// stopped is logged. (graph/server's TestGizmoSandboxEndpoints runs such
// scripts through every endpoint that runs Gizmo.)
func TestGizmoSandbox(t *testing.T) {
	e := newSandboxEnv(t)

	tests := []struct {
		name    string
		script  string
		wantErr string // the query fails with a *sandbox.QueryError holding this
		want    any    // or gives these results
	}{
		// What other JavaScript hosts offer is not there.
		{name: "require fs", script: `require('fs').readFileSync('SECRET', 'utf8')`, wantErr: "ReferenceError: require is not defined"},
		{name: "require child_process", script: `require('child_process').execSync('touch pwned')`, wantErr: "ReferenceError: require is not defined"},
		{name: "process.env", script: `g.emit(process.env.HOME)`, wantErr: "ReferenceError: process is not defined"},
		{name: "process.exit", script: `process.exit(1)`, wantErr: "ReferenceError: process is not defined"},
		{name: "fetch", script: `fetch('CANARY/fetch').then(function (r) { g.emit(r.status) })`, wantErr: "ReferenceError: fetch is not defined"},
		{name: "XMLHttpRequest", script: `var x = new XMLHttpRequest(); x.open('GET', 'CANARY/xhr'); x.send()`, wantErr: "ReferenceError: XMLHttpRequest is not defined"},
		{name: "WebSocket", script: `new WebSocket('CANARY'.replace('http', 'ws'))`, wantErr: "ReferenceError: WebSocket is not defined"},
		{name: "dynamic import", script: `import('CANARY/module.js').then(function (m) { g.emit(m) })`, wantErr: "SyntaxError"},
		{name: "static import", script: `import fs from 'fs'; g.emit(fs.readFileSync('SECRET'))`, wantErr: "SyntaxError"},
		{name: "load", script: `load('SECRET')`, wantErr: "ReferenceError: load is not defined"},
		{name: "os", script: `os.system('touch pwned')`, wantErr: "ReferenceError: os is not defined"},
		{name: "Java", script: `Java.type('java.lang.Runtime').getRuntime().exec('touch pwned')`, wantErr: "ReferenceError: Java is not defined"},
		{name: "Packages", script: `new Packages.java.io.File('SECRET')`, wantErr: "ReferenceError: Packages is not defined"},
		{name: "setTimeout", script: `setTimeout(function () { g.emit('later') }, 0)`, wantErr: "ReferenceError: setTimeout is not defined"},
		{name: "console", script: `console.log(1)`, wantErr: "ReferenceError: console is not defined"},
		{
			name: "what is defined",
			script: `g.emit([typeof require, typeof process, typeof fetch, typeof XMLHttpRequest, typeof WebSocket, typeof load,
				typeof os, typeof Java, typeof Packages, typeof setTimeout, typeof setInterval, typeof console, typeof module,
				typeof exports, typeof Deno, typeof Bun, typeof __geokg_run])`,
			want: []any{slice(17, "undefined")},
		},
		{
			name:   "global names",
			script: `g.emit(Object.getOwnPropertyNames(globalThis).sort())`,
			want:   []any{globalNames},
		},
		{
			name: "the global object through Function",
			script: `(function () {
				var G = (function () {}).constructor('return this')();
				g.emit([G === globalThis, Object.getOwnPropertyNames(G).sort()]);
			})()`,
			want: []any{[]any{true, globalNames}},
		},
		{
			// Everything reachable from the global object (own properties,
			// enumerable or not, and prototypes, four levels deep) whose
			// name sounds like a way out: only JavaScript's own and
			// Cayley's, which reads namespaces from the store.
			name:   "a walk from the global object",
			script: walkGlobals,
			want: []any{[]any{"globalThis.EvalError", "globalThis.RegExp.prototype.exec", "globalThis.Symbol.isConcatSpreadable",
				"globalThis.eval", "globalThis.graph.LoadNamespaces", "globalThis.graph.loadNamespaces"}},
		},
		{name: "eval finds nothing either", script: `eval("typeof require + typeof process")`, want: nil},
		{name: "a file as a node", script: `g.V("<file://SECRET>", "<SECRET>", "SECRET").Out().All()`, want: nil},
		{name: "a file as a namespace", script: `g.addNamespace("f", "file://"); g.V("f:SECRET").All(); g.V(g.IRI("f:SECRET")).In().All()`, want: nil},
		{name: "namespaces from the store", script: `g.loadNamespaces(); g.V("<file:///etc/passwd>").All()`, want: nil},
		{name: "a promise", script: `Promise.resolve(1).then(function (v) { g.emit(typeof require) })`, want: []any{"undefined"}},

		// Scripts that crashed the whole server before the sandbox: a
		// panic in Cayley's code, or a Go stack overflow.
		{name: "a bad argument Cayley panics on", script: `g.V("<ent:albania>").Out("<rel:severed_ties_with>", 1).All()`, wantErr: "TypeError: Out: expected string, got: int64"},
		{
			name: "the panic can be caught",
			script: `try { g.V().Out("<p>", 2).All() } catch (e) { g.emit(String(e)) }
				g.V("<ent:albania>").Out("<rel:severed_ties_with>").Unique().All()`,
			want: []any{"TypeError: Out: expected string, got: int64", map[string]any{"id": "<ent:iran>"}},
		},
		{name: "a value that holds itself", script: `var o = {}; o.o = o; g.emit(o)`, wantErr: "emit: argument 1: the value contains itself"},
		{name: "a deep value", script: `var a = []; for (var i = 0; i < 5000; i++) a = [a]; g.V(a).All()`, wantErr: "V: argument 1: the value nests deeper than 64 levels"},
		{name: "a deep value thrown", script: `var a = []; for (var i = 0; i < 5000; i++) a = [a]; throw a`, wantErr: "uncaught Array"},
		{name: "a deep script value", script: `var a = []; for (var i = 0; i < 5000; i++) a = [a]; a`, want: nil},
		{name: "an array that holds itself, as a string", script: `var a = []; a[0] = a; String(a)`, wantErr: "RangeError: Array.prototype.toString: the array nests deeper than 1000 levels, or holds itself"},
		{name: "an array that holds itself, flattened", script: `var a = [1]; a.push(a); a.flat(Infinity)`, wantErr: "RangeError: Array.prototype.flat"},
		{name: "a deep array, joined", script: `var a = []; for (var i = 0; i < 5000; i++) a = [a]; a.join()`, wantErr: "RangeError: Array.prototype.join"},
		{name: "a deep array, as JSON", script: `var a = []; for (var i = 0; i < 5000; i++) a = [a]; JSON.stringify(a)`, wantErr: "RangeError: JSON.stringify: the value nests deeper than 1000 levels"},
		{name: "deep JSON", script: `JSON.parse("[".repeat(2000000) + "]".repeat(2000000))`, wantErr: "RangeError: JSON.parse: the text nests deeper than 1000 levels"},
		{name: "a deep script", script: strings.Repeat("[", 1<<20), wantErr: "the script has more than 20000 tokens"},
		{name: "deep code for eval", script: `eval("a<".repeat(1 << 20) + "a")`, wantErr: "RangeError: the code given to eval has more than 20000 tokens"},
		{name: "deep code for Function", script: `(function () {}).constructor("[".repeat(1 << 20))`, wantErr: "RangeError: the code given to Function has more than 20000 tokens"},
		{name: "deep code for a generator", script: `Object.getPrototypeOf(function* () {}).constructor("[".repeat(1 << 20))`, wantErr: "RangeError: the code given to GeneratorFunction has more than 20000 tokens"},
		{name: "endless recursion", script: `function f() { return f() } f()`, wantErr: "RangeError: maximum call stack size exceeded"},
		{
			name:    "endless recursion through a path",
			script:  `var f = function () { g.V("<ent:albania>").ForEach(f) }; g.V("<ent:albania>").ForEach(f)`,
			wantErr: "calls of Gizmo's functions nest deeper than 64",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			script := e.Expand(tt.script)
			res, err := e.run(t, graph.Gizmo, script, time.Minute)
			e.checkAnswer(t, script, res, err)
			var qe *sandbox.QueryError
			switch {
			case tt.wantErr != "" && !errors.As(err, &qe):
				t.Errorf("error %v, want a *sandbox.QueryError holding %q", err, tt.wantErr)
			case tt.wantErr != "":
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("error %q, want it to hold %q", err, tt.wantErr)
				}
			case err != nil:
				t.Errorf("error %v, want results %v", err, tt.want)
			default:
				var got any
				if len(res) > 0 {
					got = res
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("results (-want +got):\n%s", diff)
				}
			}
			e.stillAnswers(t)
		})
	}

	t.Run("GraphQL nesting", func(t *testing.T) {
		q := strings.Repeat("{a", 1<<20) + strings.Repeat("}", 1<<20)
		_, err := e.run(t, graph.GraphQL, q, time.Minute)
		var qe *sandbox.QueryError
		if !errors.As(err, &qe) || !strings.Contains(err.Error(), "more than the 10000 the server reads") {
			t.Errorf("error %v", err)
		}
		e.checkAnswer(t, q, nil, err)
		e.stillAnswers(t)
	})

	t.Run("GraphQL 2,000 deep", func(t *testing.T) {
		q := "{ nodes(id: \"<ent:albania>\") " + strings.Repeat("{ id <rel:severed_ties_with> ", 2000) + strings.Repeat("}", 2001)
		_, err := e.run(t, graph.GraphQL, q, time.Minute)
		var qe *sandbox.QueryError
		if !errors.As(err, &qe) || !strings.Contains(err.Error(), "nests 2001 levels deep, more than the 32 the server runs") {
			t.Errorf("error %v", err)
		}
		e.checkAnswer(t, q, nil, err)
		// Braces in strings and comments do not count.
		q = "# {{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{{\n{ nodes(id: \"<ent:albania>" + strings.Repeat("{", 40) + "\") { id } }"
		if _, err := e.run(t, graph.GraphQL, q, time.Minute); err != nil {
			t.Errorf("braces in a string: %v", err)
		}
		e.stillAnswers(t)
	})

	e.CheckUntouched(t)
	if want := "gizmo: Out made Cayley's Gizmo panic: expected string, got: int64"; !strings.Contains(e.logs.String(), want) {
		t.Errorf("the log lacks %q:\n%.2000s", want, e.logs)
	}
}

// TestUnknownLanguage: Run refuses a language it does not run.
func TestUnknownLanguage(t *testing.T) {
	st := newStoreAt(t, "")
	_, err := sandbox.Query(context.Background(), st, "sparql", "SELECT *", sandbox.Options{})
	if !errors.Is(err, graph.ErrUnknownLanguage) {
		t.Errorf("error %v, want graph.ErrUnknownLanguage", err)
	}
}

// slice is n copies of v.
func slice(n int, v any) []any {
	s := make([]any, n)
	for i := range s {
		s[i] = v
	}
	return s
}

// globalNames are the names of the global object in the sandbox:
// ECMAScript's built-ins but the binary buffers, goja's GoError, and Cayley's Gizmo API (graph, g,
// iri, bnode, raw, str, lang, typed, lt, lte, gt, gte, regex, like).
var globalNames = func() []any {
	names := strings.Fields(`AggregateError Array Boolean Date Error EvalError
		Function GoError Infinity JSON Map Math
		NaN Number Object Promise Proxy RangeError ReferenceError Reflect RegExp Set String Symbol
		SyntaxError TypeError URIError WeakMap WeakSet
		bnode decodeURI decodeURIComponent encodeURI encodeURIComponent escape eval g globalThis graph gt gte
		iri isFinite isNaN lang like lt lte parseFloat parseInt raw regex str typed undefined unescape`)
	sort.Strings(names)
	out := make([]any, len(names))
	for i, n := range names {
		out[i] = n
	}
	return out
}()

// walkGlobals lists the properties reachable from the global object
// whose names sound like a way out of the sandbox.
const walkGlobals = `
var seen = new Set(), found = [];
var risky = /exec|spawn|system|open|read|write|file|socket|connect|dial|fetch|request|env|exit|kill|import|require|load|eval|process|shell|command/i;
function walk(o, path, depth) {
	if (o === null || (typeof o !== "object" && typeof o !== "function") || seen.has(o) || depth > 4) return;
	seen.add(o);
	var names = [];
	try { names = Object.getOwnPropertyNames(o) } catch (e) {}
	for (var i = 0; i < names.length; i++) {
		var v;
		try { v = o[names[i]] } catch (e) { continue }
		if (risky.test(names[i])) found.push(path + "." + names[i]);
		walk(v, path + "." + names[i], depth + 1);
	}
	var proto = null;
	try { proto = Object.getPrototypeOf(o) } catch (e) {}
	walk(proto, path + ".__proto__", depth + 1);
}
walk(globalThis, "globalThis", 0);
g.emit(found.sort());
`
