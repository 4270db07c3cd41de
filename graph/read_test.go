package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// fixtureStore holds both fixture documents.
func fixtureStore(t testing.TB) *graph.Store {
	s := openMem(t)
	write(t, s, docTies, tiesStatements())
	write(t, s, docEcho, echoStatements())
	return s
}

// brief renders a statement as "subject predicate object date|since~until doc".
func brief(st schema.Statement) string {
	when := st.Date
	if st.Since != "" || st.Until != "" {
		when = st.Since + "~" + st.Until
	}
	neg := ""
	if st.Negated {
		neg = "not "
	}
	return fmt.Sprintf("%s %s%s %s %s %s", st.Subject.Name, neg, st.Predicate, st.Object.Name, when, st.Doc)
}

func briefs(sts []schema.Statement) []string {
	out := []string{}
	for _, st := range sts {
		out = append(out, brief(st))
	}
	return out
}

func TestRelations(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	const ties, echo = "doc:albania_cuts_ties", "doc:second_report"
	tests := []struct {
		name   string
		entity string
		filter graph.Filter
		want   []string
	}{
		{
			name: "Albania, both ways", entity: "ent:albania",
			want: []string{
				"United States requested Albania 2013 " + ties,
				"Albania hosts MEK 2016~ " + ties,
				"Albania severed_ties_with Iran 2022-09-07 " + ties,
				"Albania severed_ties_with Iran 2022-09-07 " + echo,
				"Iran not condemned Albania 2022-09-08 " + ties,
				"Iran denied Albania 2022-09-08 " + ties,
			},
		},
		{
			name: "Albania as subject", entity: "ent:albania", filter: graph.Filter{Direction: graph.Out},
			want: []string{
				"Albania hosts MEK 2016~ " + ties,
				"Albania severed_ties_with Iran 2022-09-07 " + ties,
				"Albania severed_ties_with Iran 2022-09-07 " + echo,
			},
		},
		{
			name: "Albania as object", entity: "<ent:albania>", filter: graph.Filter{Direction: graph.In},
			want: []string{
				"United States requested Albania 2013 " + ties,
				"Iran not condemned Albania 2022-09-08 " + ties,
				"Iran denied Albania 2022-09-08 " + ties,
			},
		},
		{
			name: "predicates", entity: "ent:albania", filter: graph.Filter{Predicates: []string{"hosts", "rel:requested"}},
			want: []string{
				"United States requested Albania 2013 " + ties,
				"Albania hosts MEK 2016~ " + ties,
			},
		},
		{
			name: "since a year", entity: "ent:united_states", filter: graph.Filter{Since: "2013"},
			want: []string{
				"United States requested Albania 2013 " + ties,
				"United States condemned Iran 2022-09-10 " + echo,
			},
		},
		{
			name: "until a year", entity: "ent:united_states", filter: graph.Filter{Until: "2012"},
			want: []string{"United States delisted_terrorist MEK 2012 " + ties},
		},
		{
			name: "a month", entity: "ent:iran", filter: graph.Filter{Since: "2022-09", Until: "2022-09"},
			want: []string{
				"Edi Rama accused Iran 2022-09-07 " + ties,
				"Albania severed_ties_with Iran 2022-09-07 " + ties,
				"Albania severed_ties_with Iran 2022-09-07 " + echo,
				"Iran not condemned Albania 2022-09-08 " + ties,
				"Iran denied Albania 2022-09-08 " + ties,
				"United States condemned Iran 2022-09-10 " + echo,
			},
		},
		{
			name: "a day, in", entity: "ent:iran", filter: graph.Filter{Since: "2022-09-08", Until: "2022-09-10", Direction: graph.In},
			want: []string{"United States condemned Iran 2022-09-10 " + echo},
		},
		{
			// hosts runs since 2016 with no end: it overlaps 2020 and
			// later, not 2015; opposes has no date and is dropped.
			name: "standing relation overlaps", entity: "ent:mek", filter: graph.Filter{Since: "2020", Until: "2030"},
			want: []string{"Albania hosts MEK 2016~ " + ties},
		},
		{
			name: "standing relation before it began", entity: "ent:mek", filter: graph.Filter{Until: "2015-12-31", Predicates: []string{"hosts"}},
			want: []string{},
		},
		{
			name: "undated last", entity: "ent:mek",
			want: []string{
				"United States delisted_terrorist MEK 2012 " + ties,
				"Albania hosts MEK 2016~ " + ties,
				"MEK opposes Iran  " + ties,
			},
		},
		{
			name: "nothing matches", entity: "ent:edi_rama", filter: graph.Filter{Predicates: []string{"hosts"}},
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Relations(ctx, tt.entity, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, briefs(got)); diff != "" {
				t.Errorf("Relations(%s, %+v) (-want +got):\n%s", tt.entity, tt.filter, diff)
			}
		})
	}
}

func TestRelationsFullStatement(t *testing.T) {
	s := fixtureStore(t)
	got, err := s.Relations(context.Background(), "ent:united_states", graph.Filter{Predicates: []string{"delisted_terrorist"}})
	if err != nil {
		t.Fatal(err)
	}
	want := tiesStatements()[3]
	want.Subject, want.Object = bare(usa), bare(mek)
	if diff := cmp.Diff([]schema.Statement{want}, got); diff != "" {
		t.Errorf("Relations (-want +got):\n%s", diff)
	}
}

func TestRelationsErrors(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		name   string
		entity string
		filter graph.Filter
		want   error
	}{
		{name: "unknown entity", entity: "ent:atlantis", want: graph.ErrNotFound},
		{name: "unknown predicate", entity: "ent:iran", filter: graph.Filter{Predicates: []string{"befriended"}}, want: graph.ErrUnknownPredicate},
		{name: "bad since", entity: "ent:iran", filter: graph.Filter{Since: "Sept 2022"}, want: graph.ErrBadDate},
		{name: "bad until", entity: "ent:iran", filter: graph.Filter{Until: "2022-13"}, want: graph.ErrBadDate},
		{name: "bad direction", entity: "ent:iran", filter: graph.Filter{Direction: graph.Direction(7)}, want: errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Relations(context.Background(), tt.entity, tt.filter)
			if err == nil {
				t.Fatal("Relations succeeded, want an error")
			}
			if tt.want != errAny && !errors.Is(err, tt.want) {
				t.Errorf("Relations = %v, want %v", err, tt.want)
			}
		})
	}
}

func pathStrings(ps []graph.Path) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.String())
	}
	return out
}

func TestPaths(t *testing.T) {
	ctx := context.Background()
	tiesOnly := openMem(t)
	write(t, tiesOnly, docTies, tiesStatements())
	both := fixtureStore(t)
	tests := []struct {
		name     string
		store    *graph.Store
		from, to string
		depth    int
		want     []string
	}{
		{
			name: "two hops", store: tiesOnly, from: "ent:united_states", to: "ent:iran",
			want: []string{
				"United States -requested-> Albania <-denied- Iran",
				"United States -requested-> Albania -severed_ties_with-> Iran",
				"United States -delisted_terrorist-> MEK -opposes-> Iran",
			},
		},
		{
			name: "direct", store: both, from: "ent:united_states", to: "ent:iran",
			want: []string{"United States -condemned-> Iran"},
		},
		{
			name: "backwards", store: both, from: "ent:iran", to: "ent:united_states",
			want: []string{"Iran <-condemned- United States"},
		},
		{
			name: "beyond the depth", store: tiesOnly, from: "ent:united_states", to: "ent:iran", depth: 1,
			want: []string{},
		},
		{
			name: "through the parent link", store: tiesOnly, from: "ent:edi_rama", to: "ent:mek",
			want: []string{
				"Edi Rama -head_of_government_of-> Albania -hosts-> MEK",
				"Edi Rama -accused-> Iran <-opposes- MEK",
			},
		},
		{
			name: "negated statements make no edge", store: tiesOnly, from: "ent:iran", to: "ent:albania", depth: 1,
			want: []string{"Iran -denied-> Albania", "Iran <-severed_ties_with- Albania"},
		},
		{
			name: "same entity", store: both, from: "ent:iran", to: "ent:iran",
			want: []string{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.store.Paths(ctx, tt.from, tt.to, tt.depth)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, pathStrings(got)); diff != "" {
				t.Errorf("Paths(%s, %s, %d) (-want +got):\n%s", tt.from, tt.to, tt.depth, diff)
			}
		})
	}
}

func TestPathsHops(t *testing.T) {
	s := openMem(t)
	write(t, s, docTies, tiesStatements())
	got, err := s.Paths(context.Background(), "ent:united_states", "ent:iran", 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("got %d paths, want 3", len(got))
	}
	want := graph.Path{
		{From: bare(usa), To: bare(albania), Predicate: "requested", Forward: true, Statements: 1},
		{From: bare(albania), To: bare(iran), Predicate: "denied", Forward: false, Statements: 1},
	}
	if diff := cmp.Diff(want, got[0], cmpopts.IgnoreFields(graph.Hop{}, "Support")); diff != "" {
		t.Errorf("first path (-want +got):\n%s", diff)
	}
	// Each hop carries the statement that says it, read the right way
	// round: Iran denied Albania's claim, though the hop runs from Albania.
	for i, h := range got[0] {
		if len(h.Support) != 1 {
			t.Errorf("hop %d: %d supporting statements, want 1", i, len(h.Support))
			continue
		}
		st := h.Support[0]
		subj, obj := h.From.IRI, h.To.IRI
		if !h.Forward {
			subj, obj = obj, subj
		}
		if st.Subject.IRI != subj || st.Predicate != h.Predicate || st.Object.IRI != obj || st.Doc != docTies.ID || st.Evidence == "" {
			t.Errorf("hop %d (%s %s %s): support %+v", i, subj, h.Predicate, obj, st)
		}
	}
}

func TestPathsCapped(t *testing.T) {
	// 25 mediators each linked to both ends make 25 shortest paths.
	s := openMem(t)
	doc := schema.Document{ID: "doc:many"}
	var stmts []schema.Statement
	for i := range 25 {
		m := schema.Entity{IRI: fmt.Sprintf("ent:m%02d", i), Name: fmt.Sprintf("M%02d", i), Type: schema.IGO}
		stmts = append(stmts,
			stmt(doc, usa, "met_with", m, i*100, date("2020")),
			stmt(doc, m, "met_with", iran, i*100+50, date("2020")))
	}
	write(t, s, doc, stmts)
	got, err := s.Paths(context.Background(), usa.IRI, iran.IRI, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != graph.MaxPaths {
		t.Errorf("got %d paths, want the cap %d", len(got), graph.MaxPaths)
	}
}

func TestPathsUnknownEntity(t *testing.T) {
	s := fixtureStore(t)
	if _, err := s.Paths(context.Background(), "ent:united_states", "ent:atlantis", 0); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Paths to an unknown entity = %v, want ErrNotFound", err)
	}
}

func TestQuery(t *testing.T) {
	ctx := context.Background()
	s := fixtureStore(t)
	tests := []struct {
		name  string
		lang  string
		query string
		limit int
		want  []interface{}
	}{
		{
			// Two documents report the break: one result per quad.
			name: "gizmo", lang: graph.Gizmo, query: `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`,
			want: []interface{}{map[string]interface{}{"id": "<ent:iran>"}, map[string]interface{}{"id": "<ent:iran>"}},
		},
		{
			name: "gizmo unique", lang: graph.Gizmo, query: `g.V("<ent:albania>").Out("<rel:severed_ties_with>").Unique().All()`,
			want: []interface{}{map[string]interface{}{"id": "<ent:iran>"}},
		},
		{
			name: "gizmo limit", lang: graph.Gizmo, query: `g.V("<ent:albania>", "<ent:iran>", "<ent:mek>").All()`, limit: 2,
			want: []interface{}{map[string]interface{}{"id": "<ent:albania>"}, map[string]interface{}{"id": "<ent:iran>"}},
		},
		{
			name: "gizmo emit", lang: graph.Gizmo, query: `g.Emit(g.V("<ent:mek>").Out("<schema:name>").ToValue())`,
			want: []interface{}{"MEK"},
		},
		{
			name: "graphql", lang: graph.GraphQL, query: `{ nodes(id: <ent:united_states>) { id, condemned: <rel:condemned> { id, name: <schema:name> } } }`,
			want: []interface{}{map[string]interface{}{"nodes": map[string]interface{}{
				"id":        "ent:united_states",
				"condemned": map[string]interface{}{"id": "ent:iran", "name": "Iran"},
			}}},
		},
		{
			name: "mql", lang: graph.MQL, query: `[{"id": "<ent:iran>", "<schema:name>": null}]`,
			want: []interface{}{map[string]interface{}{"id": "<ent:iran>", "<schema:name>": "Iran"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Query(ctx, tt.lang, tt.query, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Query(%s, %s) (-want +got):\n%s", tt.lang, tt.query, diff)
			}
		})
	}
}

func TestQueryErrors(t *testing.T) {
	s := fixtureStore(t)
	_, err := s.Query(context.Background(), "sparql", "SELECT ?s", 0)
	if !errors.Is(err, graph.ErrUnknownLanguage) {
		t.Fatalf("Query(sparql) = %v, want ErrUnknownLanguage", err)
	}
	for _, l := range graph.Languages() {
		if !strings.Contains(err.Error(), l) {
			t.Errorf("error %q does not list %q", err, l)
		}
	}
	if _, err := s.Query(context.Background(), graph.Gizmo, `g.V(`, 0); err == nil {
		t.Error("a gizmo syntax error gave no error")
	}
}

func TestQueryDeadline(t *testing.T) {
	s := fixtureStore(t)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := s.Query(ctx, graph.Gizmo, `while (true) {}`, 0)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("endless gizmo query = %v, want context.DeadlineExceeded", err)
	}
}

func TestStats(t *testing.T) {
	s := fixtureStore(t)
	want := graph.Stats{
		Documents:  2,
		Statements: 10,
		Entities:   5,
		Quads:      distinct(s.AsStored(quadtest.Quads(docTies, tiesStatements())), s.AsStored(quadtest.Quads(docEcho, echoStatements()))),
		ByKind:     map[string]int{"Country": 3, "PoliticalGroup": 1, "Person": 1},
		ByPredicate: map[string]int{
			"severed_ties_with": 2, "accused": 1, "hosts": 1, "delisted_terrorist": 1, "requested": 1,
			"opposes": 1, "denied": 1, "condemned": 2,
		},
	}
	if diff := cmp.Diff(want, stats(t, s)); diff != "" {
		t.Errorf("Stats (-want +got):\n%s", diff)
	}
}

func TestEntity(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		iri  string
		want schema.Entity
		err  error
	}{
		{iri: "ent:edi_rama", want: rama},
		{iri: "<ent:iran>", want: iran},
		{iri: "ent:albania", want: albania},
		{iri: "ent:atlantis", err: graph.ErrNotFound},
		{iri: "doc:second_report", err: graph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.iri, func(t *testing.T) {
			got, err := s.Entity(context.Background(), tt.iri)
			if tt.err != nil {
				if !errors.Is(err, tt.err) {
					t.Errorf("Entity(%s) = %v, want %v", tt.iri, err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Entity(%s) (-want +got):\n%s", tt.iri, diff)
			}
		})
	}
}

func TestFindEntities(t *testing.T) {
	s := fixtureStore(t)
	tests := []struct {
		q     string
		limit int
		want  []string
	}{
		// Albania matches through its alias Tirana.
		{q: "ent:iran", want: []string{"ent:iran", "ent:albania"}},
		{q: "united states", want: []string{"ent:united_states"}},
		{q: "IRAN", want: []string{"ent:iran", "ent:albania"}},
		{q: "Tehran", want: []string{"ent:iran"}},
		{q: "mujahedin-e-khalq", want: []string{"ent:mek"}},
		{q: "united", want: []string{"ent:united_states"}},
		{q: "ran", want: []string{"ent:iran", "ent:albania"}},
		// A word of a name that starts with q ranks before a name that
		// only contains it: Edi Rama before Iran.
		{q: "ra", want: []string{"ent:edi_rama", "ent:iran", "ent:albania"}},
		{q: "albnia", want: []string{"ent:albania"}},
		{q: "a", want: []string{"ent:albania", "ent:iran", "ent:edi_rama", "ent:united_states", "ent:mek"}},
		{q: "a", limit: 2, want: []string{"ent:albania", "ent:iran"}},
		{q: "atlantis", want: []string{}},
		{q: "  ", want: []string{}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s/%d", tt.q, tt.limit), func(t *testing.T) {
			got, err := s.FindEntities(context.Background(), tt.q, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			ids := []string{}
			for _, e := range got {
				ids = append(ids, e.IRI)
			}
			if diff := cmp.Diff(tt.want, ids); diff != "" {
				t.Errorf("FindEntities(%q, %d) (-want +got):\n%s", tt.q, tt.limit, diff)
			}
		})
	}
}

// TestFindEntitiesAfterWrites: searches keep the store's entities between
// calls; each write makes them read again, so a search never misses an
// entity written after the last one, nor finds one a restore removed.
func TestFindEntitiesAfterWrites(t *testing.T) {
	ctx := context.Background()
	for _, open := range []func(testing.TB) *graph.Store{openMem, openBolt} {
		s := open(t)
		t.Run(s.Backend(), func(t *testing.T) {
			write(t, s, docEcho, echoStatements())
			iris := func(q string) []string {
				t.Helper()
				found, err := s.FindEntities(ctx, q, 0)
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, e := range found {
					out = append(out, e.IRI)
				}
				return out
			}
			if got := iris("Mujahedin-e-Khalq"); len(got) != 0 {
				t.Fatalf("before the article naming it: %v", got)
			}
			iris("Nowhereland") // a miss, after which the entities are kept
			backupOfEcho := backup(t, s)
			write(t, s, docTies, tiesStatements())
			if got := iris("Mujahedin-e-Khalq"); len(got) == 0 || got[0] != mek.IRI {
				t.Fatalf("after the article naming it: %v, want %s first", got, mek.IRI)
			}
			quads, err := graph.ReadBackup(bytes.NewReader(backupOfEcho), "echo.nq.gz")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Restore(ctx, quads, graph.RestoreOptions{Force: true}); err != nil {
				t.Fatal(err)
			}
			if got := iris("Mujahedin-e-Khalq"); len(got) != 0 {
				t.Errorf("after restoring a backup without it: %v", got)
			}
		})
	}
}
