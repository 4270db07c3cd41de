package server_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/ingest"
	"github.com/geokg/geokg/schema"
)

func relationsOf(t *testing.T, base, name, query string) server.RelationsResponse {
	t.Helper()
	var resp server.RelationsResponse
	get(t, base+"/api/geokg/v1/entities/"+url.PathEscape(name)+"/relations"+query).want(t, http.StatusOK).decode(t, &resp)
	return resp
}

// TestRelationsSeed: the seed article's break of ties is among Albania's
// relations, with its evidence and its document.
func TestRelationsSeed(t *testing.T) {
	seed := needSeed(t)
	ts := newServer(t, newStore(t))
	resp := relationsOf(t, ts.URL, "Albania", "?predicate=severed_ties_with")
	var found *schema.Statement
	for i, st := range resp.Relations {
		if st.Doc == seed {
			found = &resp.Relations[i]
		}
	}
	if found == nil {
		t.Fatalf("no severed_ties_with from the seed article %s among %d relations", seed, resp.Count)
	}
	want := schema.Statement{
		Subject:   schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"},
		Predicate: "severed_ties_with",
		Object:    schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRN"},
		Date:      seedDate,
		CAMEO:     "161",
		Doc:       seed,
	}
	got := *found
	got.Confidence, got.Evidence, got.Span, got.AttributedTo = 0, "", [2]int{}, ""
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("the seed's statement (-want +got):\n%s", diff)
	}
	if found.Evidence == "" || found.Confidence <= 0 || found.Span[1] <= found.Span[0] {
		t.Errorf("the seed's statement lacks evidence, confidence or span: %+v", *found)
	}
	if doc := resp.Documents[seed]; doc.IRI != seed || doc.Published != seedDate {
		t.Errorf("documents[%s] = %+v", seed, doc)
	}
}

func TestRelations(t *testing.T) {
	ts := newServer(t, newStore(t))
	tests := []struct {
		name, entity, query string
		wantEntity          string
		check               func(t *testing.T, st schema.Statement) // every statement must pass
		wantPredicate       string                                  // one statement must have it
	}{
		{name: "canonical name", entity: "Albania", wantEntity: "ent:albania", wantPredicate: "severed_ties_with"},
		{name: "lower case", entity: "albania", wantEntity: "ent:albania", wantPredicate: "severed_ties_with"},
		{name: "IRI", entity: "ent:albania", wantEntity: "ent:albania", wantPredicate: "severed_ties_with"},
		{name: "IRI in brackets", entity: "<ent:albania>", wantEntity: "ent:albania", wantPredicate: "severed_ties_with"},
		{name: "capital", entity: "Tehran", wantEntity: "ent:iran", wantPredicate: "severed_ties_with"},
		{name: "abbreviation", entity: "US", wantEntity: "ent:united_states"},
		{
			name: "predicate filter", entity: "Albania", query: "?predicate=severed_ties_with", wantEntity: "ent:albania",
			wantPredicate: "severed_ties_with",
			check: func(t *testing.T, st schema.Statement) {
				if st.Predicate != "severed_ties_with" {
					t.Errorf("predicate %s passed the filter", st.Predicate)
				}
			},
		},
		{
			name: "two predicates", entity: "Albania", query: "?predicate=severed_ties_with,hosts&predicate=accused", wantEntity: "ent:albania",
			wantPredicate: "hosts",
			check: func(t *testing.T, st schema.Statement) {
				if st.Predicate != "severed_ties_with" && st.Predicate != "hosts" && st.Predicate != "accused" {
					t.Errorf("predicate %s passed the filter", st.Predicate)
				}
			},
		},
		{
			name: "incoming", entity: "Iran", query: "?direction=in", wantEntity: "ent:iran", wantPredicate: "severed_ties_with",
			check: func(t *testing.T, st schema.Statement) {
				if st.Object.IRI != "ent:iran" {
					t.Errorf("direction=in gave %s %s %s", st.Subject.IRI, st.Predicate, st.Object.IRI)
				}
			},
		},
		{
			name: "outgoing", entity: "Albania", query: "?direction=out", wantEntity: "ent:albania", wantPredicate: "severed_ties_with",
			check: func(t *testing.T, st schema.Statement) {
				if st.Subject.IRI != "ent:albania" {
					t.Errorf("direction=out gave %s %s %s", st.Subject.IRI, st.Predicate, st.Object.IRI)
				}
			},
		},
		{
			name: "dates", entity: "Albania", query: "?since=2022-09&until=2022-09-30", wantEntity: "ent:albania", wantPredicate: "severed_ties_with",
			check: func(t *testing.T, st schema.Statement) {
				if st.Date != "" && (st.Date < "2022-09" || st.Date > "2022-09-30") {
					t.Errorf("date %s passed the filter", st.Date)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := relationsOf(t, ts.URL, tt.entity, tt.query)
			if resp.Entity.IRI != tt.wantEntity {
				t.Fatalf("entity %s, want %s", resp.Entity.IRI, tt.wantEntity)
			}
			if resp.Count != len(resp.Relations) || resp.Count == 0 {
				t.Fatalf("count %d, %d relations", resp.Count, len(resp.Relations))
			}
			found := tt.wantPredicate == ""
			for _, st := range resp.Relations {
				found = found || st.Predicate == tt.wantPredicate
				if st.Subject.IRI != tt.wantEntity && st.Object.IRI != tt.wantEntity {
					t.Errorf("a statement not about %s: %s %s %s", tt.wantEntity, st.Subject.IRI, st.Predicate, st.Object.IRI)
				}
				if _, ok := resp.Documents[st.Doc]; !ok {
					t.Errorf("document %s of a statement is not among the documents", st.Doc)
				}
				if tt.check != nil {
					tt.check(t, st)
				}
			}
			if !found {
				t.Errorf("no %s among the relations", tt.wantPredicate)
			}
		})
	}
}

func TestRelationsErrors(t *testing.T) {
	ts := newServer(t, newStore(t))
	tests := []struct {
		name, path string
		wantCode   int
		wantMsg    string
	}{
		{"unknown predicate", "/api/geokg/v1/entities/Albania/relations?predicate=befriended", 400, `predicate=befriended: unknown predicate; known are `},
		{"bad date", "/api/geokg/v1/entities/Albania/relations?since=last+year", 400, "not an ISO 8601 date"},
		{"bad direction", "/api/geokg/v1/entities/Albania/relations?direction=sideways", 400, "direction=sideways: choose in, out or both"},
		{"known to the gazetteer, not in the store", "/api/geokg/v1/entities/Peru/relations", 404, `"Peru" is Peru (ent:peru, Country), which is not in the store`},
		{"unknown name", "/api/geokg/v1/entities/Atlantis/relations", 404, `no entity called "Atlantis" in the store`},
		{"unknown IRI", "/api/geokg/v1/entities/ent:atlantis/relations", 404, `no entity called "ent:atlantis" in the store`},
		{"POST", "/api/geokg/v1/entities/Albania/relations", 405, "method POST not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			method := http.MethodGet
			if tt.wantCode == 405 {
				method = http.MethodPost
			}
			r := do(t, method, ts.URL+tt.path, nil).want(t, tt.wantCode)
			if msg := r.errorMessage(t); !strings.Contains(msg, tt.wantMsg) {
				t.Errorf("error %q does not say %q", msg, tt.wantMsg)
			}
		})
	}
	t.Run("suggestions", func(t *testing.T) {
		var body struct {
			Error       string             `json:"error"`
			Suggestions []graph.Suggestion `json:"suggestions"`
		}
		get(t, ts.URL+"/api/geokg/v1/entities/Albanai/relations").want(t, http.StatusNotFound).decode(t, &body)
		if len(body.Suggestions) == 0 || body.Suggestions[0] != (graph.Suggestion{IRI: "ent:albania", Name: "Albania", Type: schema.Country, InStore: true}) {
			t.Errorf("suggestions for Albanai: %+v", body.Suggestions)
		}
	})
}

func TestEntities(t *testing.T) {
	ts := newServer(t, newStore(t))
	var resp server.EntitiesResponse
	get(t, ts.URL+"/api/geokg/v1/entities?q=iran").want(t, http.StatusOK).decode(t, &resp)
	if len(resp.Entities) == 0 || resp.Entities[0].IRI != "ent:iran" || resp.Query != "iran" {
		t.Fatalf("search iran: %+v", resp)
	}
	if !contains(resp.Entities[0].Aliases, "Tehran") {
		t.Errorf("Iran's aliases %v lack Tehran", resp.Entities[0].Aliases)
	}
	get(t, ts.URL+"/api/geokg/v1/entities?q=Tehran").want(t, http.StatusOK).decode(t, &resp)
	if len(resp.Entities) == 0 || resp.Entities[0].IRI != "ent:iran" {
		t.Errorf("search by alias Tehran: %+v", resp)
	}
	get(t, ts.URL+"/api/geokg/v1/entities?q=a&limit=2").want(t, http.StatusOK).decode(t, &resp)
	if len(resp.Entities) != 2 {
		t.Errorf("limit=2 gave %d entities", len(resp.Entities))
	}
	// limit and offset page through the same ranking.
	var all server.EntitiesResponse
	get(t, ts.URL+"/api/geokg/v1/entities?q=a&limit=1000").want(t, http.StatusOK).decode(t, &all)
	if len(all.Entities) < 3 {
		t.Fatalf("q=a: %d entities, want a few to page through", len(all.Entities))
	}
	for _, tt := range []struct{ offset, limit int }{{0, 1}, {1, 1}, {2, 2}, {len(all.Entities) - 1, 5}, {len(all.Entities), 5}} {
		var page server.EntitiesResponse
		get(t, ts.URL+fmt.Sprintf("/api/geokg/v1/entities?q=a&offset=%d&limit=%d", tt.offset, tt.limit)).want(t, http.StatusOK).decode(t, &page)
		want := all.Entities[tt.offset:min(tt.offset+tt.limit, len(all.Entities))]
		if diff := cmp.Diff(want, page.Entities, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("offset=%d&limit=%d (-want +got):\n%s", tt.offset, tt.limit, diff)
		}
	}
	// Prefix and alias matches rank before names that only contain q.
	get(t, ts.URL+"/api/geokg/v1/entities?q=Ir").want(t, http.StatusOK).decode(t, &resp)
	if len(resp.Entities) == 0 || resp.Entities[0].IRI != "ent:iran" {
		t.Errorf("q=Ir: %+v, want Iran first", resp.Entities)
	}
	get(t, ts.URL+"/api/geokg/v1/entities?q=zzzzqqq").want(t, http.StatusOK).decode(t, &resp)
	if resp.Entities == nil || len(resp.Entities) != 0 {
		t.Errorf("no match: entities %#v, want []", resp.Entities)
	}
	for _, q := range []string{"", "?q=", "?q=iran&limit=0", "?q=iran&limit=many", "?q=iran&limit=1001", "?q=iran&offset=-1", "?q=iran&offset=x"} {
		get(t, ts.URL+"/api/geokg/v1/entities"+q).want(t, http.StatusBadRequest).errorMessage(t)
	}

	var e server.Entity
	get(t, ts.URL+"/api/geokg/v1/entities/Washington").want(t, http.StatusOK).decode(t, &e)
	if e.IRI != "ent:united_states" || e.ISO3 != "USA" {
		t.Errorf("entity Washington: %+v", e)
	}
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

func TestPath(t *testing.T) {
	ts := newServer(t, newStore(t))
	var resp server.PathResponse
	get(t, ts.URL+"/api/geokg/v1/path?from=Albania&to=Iran").want(t, http.StatusOK).decode(t, &resp)
	if resp.From.IRI != "ent:albania" || resp.To.IRI != "ent:iran" || resp.MaxDepth != graph.DefaultMaxDepth {
		t.Fatalf("path answer: %+v", resp)
	}
	var preds []string
	for _, p := range resp.Paths {
		if len(p) != 1 {
			t.Errorf("Albania and Iran are one hop apart; got a path of %d", len(p))
			continue
		}
		preds = append(preds, p[0].Predicate)
		// Each hop brings the statements that say it, and the answer the
		// articles they come from.
		h := p[0]
		if h.Statements == 0 || len(h.Support) == 0 {
			t.Errorf("hop %s: %d statements, support %v; want the statements that say it", h.Predicate, h.Statements, h.Support)
		}
		for _, st := range h.Support {
			doc, ok := resp.Documents[st.Doc]
			if st.Predicate != h.Predicate || st.Evidence == "" || !ok || doc.IRI != st.Doc || doc.Published == "" {
				t.Errorf("hop %s: support %+v with document %+v (in the answer: %v)", h.Predicate, st, doc, ok)
			}
		}
	}
	if !contains(preds, "severed_ties_with") {
		t.Errorf("no path through severed_ties_with: %v", preds)
	}

	get(t, ts.URL+"/api/geokg/v1/path?from=Finland&to=Niger&max_depth=1").want(t, http.StatusOK).decode(t, &resp)
	if resp.Paths == nil || len(resp.Paths) != 0 {
		t.Errorf("Finland to Niger in one hop: %#v, want []", resp.Paths)
	}

	for _, tt := range []struct {
		query    string
		wantCode int
	}{
		{"?from=Albania", 400},
		{"?from=Albania&to=Tirana", 400}, // the same entity
		{"?from=Albania&to=Iran&max_depth=0", 400},
		{"?from=Albania&to=Iran&max_depth=99", 400},
		{"?from=Albania&to=Atlantis", 404},
	} {
		get(t, ts.URL+"/api/geokg/v1/path"+tt.query).want(t, tt.wantCode).errorMessage(t)
	}
}

func TestStatsAndHealth(t *testing.T) {
	st := newStore(t)
	ts := newServer(t, st)
	want, err := st.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var got graph.Stats
	get(t, ts.URL+"/api/geokg/v1/stats").want(t, http.StatusOK).decode(t, &got)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("stats (-store +API):\n%s", diff)
	}
	var h server.Health
	get(t, ts.URL+"/health").want(t, http.StatusOK).decode(t, &h)
	if diff := cmp.Diff(server.Health{Status: "ok", ReadOnly: true}, h); diff != "" {
		t.Errorf("health (-want +got):\n%s", diff)
	}
	w := newServer(t, st, server.WithWrites("x-0123456789abcdef"))
	get(t, w.URL+"/health").want(t, http.StatusOK).decode(t, &h)
	if h.ReadOnly {
		t.Errorf("health of a server with writes says read_only")
	}
}

// TestOpenAPI checks the OpenAPI document: it is OpenAPI 3, names every
// endpoint of the read and ingest API and no other, every $ref resolves, and the
// answers of the running server match the schemas it gives.
func TestOpenAPI(t *testing.T) {
	p := newPipeline(t)
	st := newStore(t)
	ts := newServer(t, st, server.WithWrites(ingestToken),
		withIngest(st, func() (ingest.Extractor, error) { return p, nil }))
	r := get(t, ts.URL+"/api/geokg/v1/openapi.json").want(t, http.StatusOK)
	var doc map[string]any
	r.decode(t, &doc)
	if v, _ := doc["openapi"].(string); !strings.HasPrefix(v, "3.") {
		t.Fatalf("openapi %q, want 3.x", v)
	}
	if !json.Valid(server.OpenAPI()) {
		t.Fatal("OpenAPI() is not JSON")
	}
	checkRefs(t, doc, doc, "#")

	// Every endpoint, called for real: the documented answer's schema
	// must fit.
	calls := []struct {
		template, url string
		code          int
		body          string // POSTed with the token when not empty
	}{
		{"/api/geokg/v1/entities", "/api/geokg/v1/entities?q=iran", 200, ""},
		{"/api/geokg/v1/entities", "/api/geokg/v1/entities", 400, ""},
		{"/api/geokg/v1/entities/{name}", "/api/geokg/v1/entities/Albania", 200, ""},
		{"/api/geokg/v1/entities/{name}", "/api/geokg/v1/entities/Albanai", 404, ""},
		{"/api/geokg/v1/entities/{name}/relations", "/api/geokg/v1/entities/Albania/relations", 200, ""},
		{"/api/geokg/v1/entities/{name}/relations", "/api/geokg/v1/entities/Albania/relations?predicate=x", 400, ""},
		{"/api/geokg/v1/path", "/api/geokg/v1/path?from=United+States&to=Iran", 200, ""},
		{"/api/geokg/v1/path", "/api/geokg/v1/path?from=Albania&to=Atlantis", 404, ""},
		{"/api/geokg/v1/stats", "/api/geokg/v1/stats", 200, ""},
		{"/api/geokg/v1/events", "/api/geokg/v1/events?root=21", 400, ""},
		{"/api/geokg/v1/openapi.json", "/api/geokg/v1/openapi.json", 200, ""},
		{"/health", "/health", 200, ""},
		{"/api/geokg/v1/ingest", "/api/geokg/v1/ingest", 200, articleJSON},
		{"/api/geokg/v1/ingest", "/api/geokg/v1/ingest", 422, articleJSON2 + "\n{\"id\": \"x\"}"},
		{"/api/geokg/v1/ingest", "/api/geokg/v1/ingest?force=maybe", 400, articleJSON},
	}
	paths, _ := doc["paths"].(map[string]any)
	var documented, called []string
	for p := range paths {
		documented = append(documented, p)
	}
	seen := make(map[string]bool)
	for _, c := range calls {
		if !seen[c.template] {
			seen[c.template] = true
			called = append(called, c.template)
		}
		t.Run(c.url, func(t *testing.T) {
			method := "get"
			if c.body != "" {
				method = "post"
			}
			op, _ := dig(paths, c.template, method).(map[string]any)
			if op == nil {
				t.Fatalf("%s: no %s in the document", c.template, strings.ToUpper(method))
			}
			schema, _ := dig(op, "responses", fmt.Sprint(c.code), "content", "application/json", "schema").(map[string]any)
			if schema == nil {
				t.Fatalf("%s: no schema for %d", c.template, c.code)
			}
			var r reply
			if c.body != "" {
				r = post(t, ts.URL+c.url, c.body, "Authorization", "Bearer "+ingestToken).want(t, c.code)
			} else {
				r = get(t, ts.URL+c.url).want(t, c.code)
			}
			var v any
			r.decode(t, &v)
			for _, p := range validate(doc, schema, v, "answer") {
				t.Error(p)
			}
		})
	}
	sort.Strings(documented)
	sort.Strings(called)
	if diff := cmp.Diff(called, documented); diff != "" {
		t.Errorf("documented paths (-called +documented):\n%s", diff)
	}
}

// dig walks nested JSON objects by keys.
func dig(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// resolve follows a local $ref.
func resolve(doc map[string]any, ref string) any {
	return dig(doc, strings.Split(strings.TrimPrefix(ref, "#/"), "/")...)
}

func checkRefs(t *testing.T, doc map[string]any, v any, where string) {
	switch v := v.(type) {
	case map[string]any:
		if ref, ok := v["$ref"].(string); ok && resolve(doc, ref) == nil {
			t.Errorf("%s: $ref %s resolves to nothing", where, ref)
		}
		for k, c := range v {
			checkRefs(t, doc, c, where+"/"+k)
		}
	case []any:
		for i, c := range v {
			checkRefs(t, doc, c, fmt.Sprintf("%s/%d", where, i))
		}
	}
}

// validate checks v against the subset of JSON Schema the document uses
// (type, properties, required, items, additionalProperties, enum, $ref,
// minItems, maxItems) and returns the problems found.
func validate(doc, schema map[string]any, v any, where string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		s, _ := resolve(doc, ref).(map[string]any)
		return validate(doc, s, v, where)
	}
	var problems []string
	bad := func(format string, args ...any) { problems = append(problems, where+": "+fmt.Sprintf(format, args...)) }
	if enum, ok := schema["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			bad("%v is not one of %v", v, enum)
		}
	}
	switch schema["type"] {
	case "object":
		m, ok := v.(map[string]any)
		if !ok {
			bad("want an object, got %T", v)
			break
		}
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, k := range req {
			if _, ok := m[k.(string)]; !ok {
				bad("missing %q", k)
			}
		}
		for k, c := range m {
			if ps, ok := props[k].(map[string]any); ok {
				problems = append(problems, validate(doc, ps, c, where+"."+k)...)
			} else if ap, ok := schema["additionalProperties"].(map[string]any); ok {
				problems = append(problems, validate(doc, ap, c, where+"["+k+"]")...)
			} else if props != nil {
				bad("undocumented property %q", k)
			}
		}
	case "array":
		a, ok := v.([]any)
		if !ok {
			bad("want an array, got %T", v)
			break
		}
		if n, ok := schema["minItems"].(float64); ok && float64(len(a)) < n {
			bad("%d items, want at least %v", len(a), n)
		}
		if n, ok := schema["maxItems"].(float64); ok && float64(len(a)) > n {
			bad("%d items, want at most %v", len(a), n)
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, c := range a {
				problems = append(problems, validate(doc, items, c, fmt.Sprintf("%s[%d]", where, i))...)
			}
		}
	case "string":
		if _, ok := v.(string); !ok {
			bad("want a string, got %T", v)
		}
	case "integer":
		if f, ok := v.(float64); !ok || f != math.Trunc(f) {
			bad("want an integer, got %v", v)
		}
	case "number":
		if _, ok := v.(float64); !ok {
			bad("want a number, got %T", v)
		}
	case "boolean":
		if _, ok := v.(bool); !ok {
			bad("want a boolean, got %T", v)
		}
	}
	return problems
}

func TestUnknownEndpoints(t *testing.T) {
	ts := newServer(t, newStore(t))
	for _, p := range []string{"/api/geokg/v2/stats", "/api/nothing", "/gephi/other", "/no-such-file.js"} {
		r := get(t, ts.URL+p).want(t, http.StatusNotFound)
		if msg := r.errorMessage(t); !strings.Contains(msg, p) {
			t.Errorf("%s: %q", p, msg)
		}
	}
}
