package server_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/server"
)

// ids returns the distinct values of key in query results, sorted; JSON-LD
// values {"@id": "ent:iran"} count as their IRI.
func ids(t *testing.T, results []map[string]any, key string) []string {
	t.Helper()
	seen := make(map[string]bool)
	for _, r := range results {
		switch v := r[key].(type) {
		case string:
			seen[v] = true
		case map[string]any:
			if id, ok := v["@id"].(string); ok {
				seen[id] = true
			}
		default:
			t.Errorf("result %v: %q is %T", r, key, v)
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestGizmoQuery runs the query through every way Cayley's API
// takes it: Albania severed ties with Iran.
func TestGizmoQuery(t *testing.T) {
	needSeed(t)
	ts := newServer(t, newStore(t))
	tests := []struct {
		name     string
		send     func() reply
		wantType string
		want     []string
	}{
		{
			name:     "v2 POST",
			send:     func() reply { return post(t, ts.URL+"/api/v2/query?lang=gizmo", gizmoTies) },
			wantType: "application/json",
			want:     []string{"<ent:iran>"},
		},
		{
			name:     "v2 GET",
			send:     func() reply { return get(t, ts.URL+"/api/v2/query?lang=gizmo&qu="+url.QueryEscape(gizmoTies)) },
			wantType: "application/json",
			want:     []string{"<ent:iran>"},
		},
		{
			name: "v2 JSON-LD, as the web UI asks",
			send: func() reply {
				return post(t, ts.URL+"/api/v2/query?lang=gizmo", gizmoTies, "Accept", "application/ld+json")
			},
			wantType: "application/ld+json",
			want:     []string{"ent:iran"},
		},
		{
			name:     "v1",
			send:     func() reply { return post(t, ts.URL+"/api/v1/query/gizmo", gizmoTies) },
			wantType: "application/json",
			want:     []string{"<ent:iran>"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := tt.send().want(t, http.StatusOK)
			if ct := r.header.Get("Content-Type"); ct != tt.wantType {
				t.Errorf("Content-Type %q, want %q", ct, tt.wantType)
			}
			var body struct {
				Result []map[string]any `json:"result"`
			}
			r.decode(t, &body)
			if diff := cmp.Diff(tt.want, ids(t, body.Result, "id")); diff != "" {
				t.Errorf("result ids (-want +got):\n%s\nbody: %s", diff, r.body)
			}
		})
	}
}

func TestOtherQueryLanguages(t *testing.T) {
	ts := newServer(t, newStore(t))
	t.Run("MQL", func(t *testing.T) {
		r := post(t, ts.URL+"/api/v2/query?lang=mql", `[{"id": "<ent:albania>", "<rel:severed_ties_with>": null}]`).want(t, http.StatusOK)
		var body struct {
			Result []map[string]any `json:"result"`
		}
		r.decode(t, &body)
		if diff := cmp.Diff([]string{"<ent:iran>"}, ids(t, body.Result, "<rel:severed_ties_with>")); diff != "" {
			t.Errorf("MQL (-want +got):\n%s", diff)
		}
	})
	t.Run("GraphQL", func(t *testing.T) {
		r := post(t, ts.URL+"/api/v2/query?lang=graphql", `{ nodes(id: "<ent:albania>") { id, <rel:severed_ties_with> { id } } }`).want(t, http.StatusOK)
		var body struct {
			Data struct {
				Nodes struct {
					ID   string          `json:"id"`
					Ties json.RawMessage `json:"<rel:severed_ties_with>"`
				} `json:"nodes"`
			} `json:"data"`
		}
		r.decode(t, &body)
		if body.Data.Nodes.ID != "ent:albania" {
			t.Errorf("GraphQL node %q, want ent:albania: %s", body.Data.Nodes.ID, r.body)
		}
		// GraphQL gives one value as an object, several as an array.
		var ties []map[string]any
		if err := json.Unmarshal(body.Data.Nodes.Ties, &ties); err != nil {
			var one map[string]any
			if err := json.Unmarshal(body.Data.Nodes.Ties, &one); err != nil {
				t.Fatalf("GraphQL ties: %s", body.Data.Nodes.Ties)
			}
			ties = append(ties, one)
		}
		if diff := cmp.Diff([]string{"ent:iran"}, ids(t, ties, "id")); diff != "" {
			t.Errorf("GraphQL (-want +got):\n%s", diff)
		}
	})
}

func TestQueryErrors(t *testing.T) {
	ts := newServer(t, newStore(t))
	tests := []struct {
		name     string
		method   string
		path     string
		body     string
		wantCode int
		wantMsg  string // a part of the error message
	}{
		{"no language", "POST", "/api/v2/query", gizmoTies, 400, "query language not specified"},
		{"unknown language", "POST", "/api/v2/query?lang=sparql", gizmoTies, 400, `unknown query language "sparql"`},
		{"unknown v1 language", "POST", "/api/v1/query/sparql", gizmoTies, 400, `unknown query language "sparql"`},
		{"empty query", "POST", "/api/v2/query?lang=gizmo", "  ", 400, "query is empty"},
		{"empty GET query", "GET", "/api/v2/query?lang=gizmo", "", 400, "query is empty"},
		{"syntax error", "POST", "/api/v2/query?lang=gizmo", `g.V(`, 400, "SyntaxError"},
		{"script error", "POST", "/api/v1/query/gizmo", `throw new Error("no such thing")`, 400, "no such thing"},
		{"bad MQL", "POST", "/api/v2/query?lang=mql", `{not json`, 400, "invalid character"},
		{"shape of bad script", "POST", "/api/v1/shape/gizmo", `g.V(`, 400, "SyntaxError"},
		{"v1 by GET", "GET", "/api/v1/query/gizmo", "", 405, "method GET not allowed"},
		{"DELETE", "DELETE", "/api/v2/query?lang=gizmo", "", 405, "method DELETE not allowed"},
		{"unknown endpoint", "GET", "/api/v3/query", "", 404, "no endpoint /api/v3/query"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, tt.method, ts.URL+tt.path, strings.NewReader(tt.body)).want(t, tt.wantCode)
			if msg := r.errorMessage(t); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("error %q does not say %q", msg, tt.wantMsg)
			}
		})
	}
	t.Run("GraphQL error shape", func(t *testing.T) {
		r := post(t, ts.URL+"/api/v2/query?lang=graphql", `{ nodes(`).want(t, http.StatusBadRequest)
		var body struct {
			Errors []struct {
				Message string `json:"message"`
			} `json:"errors"`
		}
		r.decode(t, &body)
		if len(body.Errors) != 1 || body.Errors[0].Message == "" {
			t.Errorf("GraphQL error %s, want {\"errors\": [{\"message\": …}]}", r.body)
		}
	})
}

func TestReadAndFormats(t *testing.T) {
	ts := newServer(t, newStore(t))
	r := get(t, ts.URL+"/api/v2/read?format=nquads&sub="+url.QueryEscape("<ent:albania>")+"&pred="+url.QueryEscape("<rel:severed_ties_with>")).want(t, http.StatusOK)
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	for _, l := range lines {
		if !strings.HasPrefix(l, "<ent:albania> <rel:severed_ties_with> <ent:iran> <doc:") {
			t.Errorf("read: unexpected quad %q", l)
		}
	}
	if len(lines) == 0 || lines[0] == "" {
		t.Errorf("read: no quad")
	}

	var formats []struct {
		ID    string `json:"id"`
		Read  bool   `json:"read"`
		Write bool   `json:"write"`
	}
	get(t, ts.URL+"/api/v2/formats").want(t, http.StatusOK).decode(t, &formats)
	have := make(map[string]bool)
	for _, f := range formats {
		have[f.ID] = f.Read && f.Write
	}
	for _, f := range []string{"nquads", "json", "jsonld"} {
		if !have[f] {
			t.Errorf("formats: %s missing or not readable and writable: %+v", f, formats)
		}
	}
}

// countTies runs a query counting the quads Albania → ally_of → Canada,
// which the test articles do not hold.
func countAllies(t *testing.T, base string) int {
	t.Helper()
	var body struct {
		Result []map[string]any `json:"result"`
	}
	post(t, base+"/api/v2/query?lang=gizmo", `g.V("<ent:albania>").Out("<rel:ally_of>").Is("<ent:canada>").All()`).want(t, http.StatusOK).decode(t, &body)
	return len(body.Result)
}

func TestWrites(t *testing.T) {
	const token = "s3cret-token-0123456789"
	nq := "<ent:albania> <rel:ally_of> <ent:canada> <doc:manual> .\n"
	v1 := `[{"subject": "<ent:albania>", "predicate": "<rel:ally_of>", "object": "<ent:canada>", "label": "<doc:manual>"}]`

	t.Run("read-only by default", func(t *testing.T) {
		ts := newServer(t, newStore(t))
		for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v1/write", "/api/v1/delete"} {
			r := post(t, ts.URL+p, nq, "Authorization", "Bearer "+token).want(t, http.StatusForbidden)
			if msg := r.errorMessage(t); !strings.Contains(msg, "read-only") {
				t.Errorf("%s: %q", p, msg)
			}
		}
		if n := countAllies(t, ts.URL); n != 0 {
			t.Errorf("a read-only server wrote %d quads", n)
		}
	})

	ts := newServer(t, newStore(t), server.WithWrites(token))
	tests := []struct {
		name     string
		path     string
		body     string
		headers  []string
		wantCode int
		wantBody string // the exact JSON answer, for 200
		allies   int    // quads Albania ally_of Canada afterwards
	}{
		{name: "v2 write without a token", path: "/api/v2/write", body: nq, wantCode: 401},
		{name: "v2 write with a wrong token", path: "/api/v2/write", body: nq, headers: []string{"Authorization", "Bearer guess"}, wantCode: 401},
		{name: "v2 write with a token of another scheme", path: "/api/v2/write", body: nq, headers: []string{"Authorization", "Basic " + token}, wantCode: 401},
		{name: "v1 write without a token", path: "/api/v1/write", body: v1, wantCode: 401},
		{name: "v2 delete without a token", path: "/api/v2/delete", body: nq, wantCode: 401},
		{
			name: "v2 write", path: "/api/v2/write", body: nq, headers: []string{"Authorization", "Bearer " + token},
			wantCode: 200, wantBody: `{"result":"Successfully wrote 1 quads.","count":1}`, allies: 1,
		},
		{
			name: "v2 delete", path: "/api/v2/delete", body: nq, headers: []string{"Authorization", "bearer " + token},
			wantCode: 200, wantBody: `{"result":"Successfully deleted 1 quads.","count":1}`, allies: 0,
		},
		{
			name: "v2 write, malformed N-Quads write nothing", path: "/api/v2/write",
			body: nq + "<ent:albania> <rel:ally_of\n", headers: []string{"Authorization", "Bearer " + token}, wantCode: 400, allies: 0,
		},
		{
			name: "v2 write as JSON", path: "/api/v2/write", body: v1,
			headers:  []string{"Authorization", "Bearer " + token, "Content-Type", "application/json"},
			wantCode: 200, wantBody: `{"result":"Successfully wrote 1 quads.","count":1}`, allies: 1,
		},
		{
			name: "v1 delete", path: "/api/v1/delete", body: v1, headers: []string{"Authorization", "Bearer " + token},
			wantCode: 200, wantBody: `{"result":"Successfully deleted 1 quads.","count":1}`, allies: 0,
		},
		{
			name: "v1 write", path: "/api/v1/write", body: v1, headers: []string{"Authorization", "Bearer " + token},
			wantCode: 200, wantBody: `{"result":"Successfully wrote 1 quads.","count":1}`, allies: 1,
		},
		{
			name: "v1 write of an incomplete quad", path: "/api/v1/write", body: `[{"subject": "<ent:albania>"}]`,
			headers: []string{"Authorization", "Bearer " + token}, wantCode: 400, allies: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, ts.URL+tt.path, tt.body, tt.headers...).want(t, tt.wantCode)
			if tt.wantCode == http.StatusOK {
				if diff := cmp.Diff(tt.wantBody, strings.TrimSpace(string(r.body))); diff != "" {
					t.Errorf("answer (-want +got):\n%s", diff)
				}
			} else {
				r.errorMessage(t)
			}
			if tt.wantCode == http.StatusUnauthorized && r.header.Get("WWW-Authenticate") == "" {
				t.Errorf("401 without WWW-Authenticate")
			}
			if n := countAllies(t, ts.URL); n != tt.allies {
				t.Errorf("afterwards %d quads Albania ally_of Canada, want %d", n, tt.allies)
			}
		})
	}

	t.Run("gzip", func(t *testing.T) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte("<ent:albania> <rel:ally_of> <ent:canada> <doc:zipped> .\n"))
		zw.Close()
		do(t, "POST", ts.URL+"/api/v2/write", &b, "Authorization", "Bearer "+token, "Content-Encoding", "gzip").want(t, http.StatusOK)
		if n := countAllies(t, ts.URL); n != 2 {
			t.Errorf("after a gzipped write %d quads, want 2", n)
		}
	})
}

func TestNewRefusesWritesWithoutToken(t *testing.T) {
	for _, token := range []string{"", "   "} {
		if _, err := server.New(newStore(t), server.WithWrites(token)); err == nil {
			t.Errorf("New with writes and token %q: no error", token)
		}
	}
}

func TestNewRefusesShortToken(t *testing.T) {
	for _, token := range []string{"s3cret", "  fifteen-chars  ", "0123456789abcde"} {
		_, err := server.New(newStore(t), server.WithWrites(token))
		if !errors.Is(err, server.ErrShortToken) || !strings.Contains(err.Error(), "at least 16 characters") {
			t.Errorf("New with token %q: %v, want ErrShortToken", token, err)
		}
	}
	if _, err := server.New(newStore(t), server.WithWrites("0123456789abcdef")); err != nil {
		t.Errorf("New with a 16-character token: %v", err)
	}
}
