package graph_test

import (
	"cmp"
	"context"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	gcmp "github.com/google/go-cmp/cmp"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// article is one document with the quads geokg stores for it.
type article struct {
	doc   schema.Document
	quads []quad.Quad
}

// bundledArticles extracts the articles of testdata/articles, as `geokg
// ingest testdata/articles` does, and adds three small articles for the
// cases those do not have:
//
//   - Ruritania's facts differ between the articles that name it: the one
//     whose statement names it gives no ISO3 code, another does;
//   - an article's statement names an entity whose facts no article
//     states (ent:nobody);
//   - the same relation is reported twice in one article.
func bundledArticles(t *testing.T) []article {
	t.Helper()
	ctx := context.Background()
	p, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	docs, err := source.ReadFile(ctx, filepath.Join("..", "testdata", "articles"), source.NewOptions())
	if err != nil {
		t.Fatal(err)
	}
	var out []article
	for _, d := range docs {
		stmts, err := p.Extract(ctx, d)
		if err != nil {
			t.Fatalf("extract %s: %v", d.Source, err)
		}
		out = append(out, article{d, quadtest.DocumentQuads(d, stmts)})
	}
	if len(out) < 10 {
		t.Fatalf("read %d bundled articles, want at least 10", len(out))
	}

	ruritania := schema.Entity{IRI: "ent:ruritania", Name: "Ruritania", Type: schema.Country, CAMEO: "RUR"}
	coded := ruritania
	coded.ISO3 = "RUR"
	nobody := schema.Entity{IRI: "ent:nobody", Name: "Nobody", Type: schema.Person}
	docA := schema.Document{ID: "doc:ruritania_a", Published: "2023-05-10"}
	docB := schema.Document{ID: "doc:ruritania_b", Published: "2023-05-11"}
	docC := schema.Document{ID: "doc:nobody", Published: "2023-05-12"}
	out = append(out,
		article{docA, quadtest.DocumentQuads(docA, []schema.Statement{
			stmt(docA, ruritania, "condemned", iran, 0, date("2023-05-03")),
			stmt(docA, ruritania, "condemned", iran, 50, date("2023-05-04")),
		})},
		article{docB, quadtest.DocumentQuads(docB, []schema.Statement{
			stmt(docB, coded, "met_with", albania, 0, date("2023-05-11")),
		})},
	)
	// The article on Nobody, without the quads that state Nobody's facts.
	var quads []quad.Quad
	for _, q := range quadtest.DocumentQuads(docC, []schema.Statement{stmt(docC, nobody, "accused", usa, 0, date("2023"))}) {
		if schema.ValueString(q.Subject) != nobody.IRI {
			quads = append(quads, q)
		}
	}
	return append(out, article{docC, quads})
}

// openBoltWithoutLabelIndex opens a new bolt store made as geokg made them
// before it added the label–subject index: Cayley's two indexes only.
func openBoltWithoutLabelIndex(t testing.TB) *graph.Store {
	t.Helper()
	dir := t.TempDir()
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, nil) // the file graph.Open opens
	if err != nil {
		t.Fatal(err)
	}
	kv := hbolt.New(db)
	if err := ckv.Init(kv, nil); err != nil {
		t.Fatal(err)
	}
	if err := kv.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := graph.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// refStore is a store read whole into memory: each node's properties,
// predicate IRI → values, each value once, sorted. The reference answers
// below walk it, knowing nothing of indexes, batches or samples.
type refStore map[string]map[string][]quad.Value

func readRef(t *testing.T, s *graph.Store) refStore {
	t.Helper()
	r := refStore{}
	err := s.EachQuadBatch(context.Background(), func(_ string, quads []quad.Quad) error {
		for _, q := range quads {
			subj, pred := schema.ValueString(q.Subject), schema.ValueString(q.Predicate)
			if r[subj] == nil {
				r[subj] = map[string][]quad.Value{}
			}
			if !slices.ContainsFunc(r[subj][pred], func(v quad.Value) bool { return v.String() == q.Object.String() }) {
				r[subj][pred] = append(r[subj][pred], q.Object)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, props := range r {
		for _, vs := range props {
			slices.SortFunc(vs, func(a, b quad.Value) int { return cmp.Compare(a.String(), b.String()) })
		}
	}
	return r
}

// entity is iri as a statement shows it, from every copy of its facts.
func (r refStore) entity(iri string) schema.Entity {
	if iri == "" {
		return schema.Entity{}
	}
	props := r[iri]
	first := func(p string) string {
		if vs := props[p]; len(vs) > 0 {
			return schema.ValueString(vs[0])
		}
		return ""
	}
	e := schema.Entity{IRI: iri, Name: first(schema.Name), ISO3: first(schema.ISO3), CAMEO: first(schema.CAMEO)}
	for _, v := range props[schema.RDFType] {
		if k, ok := schema.ParseKind(strings.TrimPrefix(schema.ValueString(v), "geo:")); ok {
			e.Type = k
			break
		}
	}
	if e.Type == "" && e.Name == "" {
		return schema.Entity{IRI: iri}
	}
	return e
}

// relations answers Relations by looking at every node of the store.
func (r refStore) relations(t *testing.T, iri string, f graph.Filter) []schema.Statement {
	t.Helper()
	has := func(vs []quad.Value, want ...string) bool {
		for _, v := range vs {
			if slices.Contains(want, schema.ValueString(v)) {
				return true
			}
		}
		return false
	}
	var preds []string
	for _, n := range f.Predicates {
		p, ok := schema.LookupPredicate(n)
		if !ok {
			t.Fatalf("unknown predicate %q", n)
		}
		preds = append(preds, p.IRI())
	}
	out := []schema.Statement{}
	for node, props := range r {
		if !has(props[schema.RDFType], schema.StatementType) || (len(preds) > 0 && !has(props[schema.PredicateProp], preds...)) {
			continue
		}
		subj, obj := has(props[schema.Subject], iri), has(props[schema.Object], iri)
		if !(f.Direction == graph.Out && subj || f.Direction == graph.In && obj || f.Direction == graph.Both && (subj || obj)) {
			continue
		}
		st, err := schema.StatementFromProps(node, props, r.entity)
		if err != nil {
			t.Fatal(err)
		}
		if refInTime(st, f.Since, f.Until) {
			out = append(out, st)
		}
	}
	slices.SortFunc(out, func(a, b schema.Statement) int {
		wa, wb := cmp.Or(a.Date, a.Since), cmp.Or(b.Date, b.Since)
		if (wa == "") != (wb == "") {
			return map[bool]int{true: 1, false: -1}[wa == ""]
		}
		return cmp.Or(cmp.Compare(wa, wb), cmp.Compare(a.Predicate, b.Predicate),
			cmp.Compare(a.Subject.IRI, b.Subject.IRI), cmp.Compare(a.Object.IRI, b.Object.IRI),
			cmp.Compare(a.Doc, b.Doc), cmp.Compare(a.Span[0], b.Span[0]), cmp.Compare(a.Span[1], b.Span[1]))
	})
	return out
}

var isoDate = regexp.MustCompile(`^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$`)

// refInTime says whether a statement's time meets [since, until], as Filter
// documents it.
func refInTime(st schema.Statement, since, until string) bool {
	if since == "" && until == "" {
		return true
	}
	low := func(d string) string {
		if !isoDate.MatchString(d) {
			return ""
		}
		return d + "0000-01-01"[len(d):]
	}
	high := func(d string) string {
		if !isoDate.MatchString(d) {
			return ""
		}
		return d + "0000-12-31"[len(d):]
	}
	var lo, hi string
	switch {
	case st.Since != "" || st.Until != "":
		lo, hi = low(st.Since), high(st.Until)
	case isoDate.MatchString(st.Date):
		lo, hi = low(st.Date), high(st.Date)
	default:
		return false
	}
	return !(since != "" && hi != "" && hi < low(since)) && !(until != "" && lo != "" && lo > high(until))
}

// referenceFilters are the filters the reference tests ask with.
var referenceFilters = []struct {
	name string
	f    graph.Filter
}{
	{"all", graph.Filter{}},
	{"out", graph.Filter{Direction: graph.Out}},
	{"in", graph.Filter{Direction: graph.In}},
	{"predicates", graph.Filter{Predicates: []string{"condemned", "accused", "met_with", "member_of"}}},
	{"since 2022", graph.Filter{Since: "2022"}},
	{"until 2021-06", graph.Filter{Until: "2021-06"}},
	{"in, 2023", graph.Filter{Direction: graph.In, Since: "2023", Until: "2023"}},
}

// referenceStores are the stores the reference tests fill: one of each
// backend, and a bolt store as geokg made them before the label index.
var referenceStores = []struct {
	name string
	open func(testing.TB) *graph.Store
}{
	{graph.Memstore, openMem},
	{graph.Bolt, openBolt},
	{"bolt without label index", openBoltWithoutLabelIndex},
	{graph.Postgres, openPostgres},
}

// matchReference writes articles into s, asks it for the relations,
// statements and merged, of each of ents (every named entity when there
// are none) under every referenceFilters filter, compares the answers with
// the reference walk's, and returns how many statements it compared.
func matchReference(t *testing.T, s *graph.Store, articles []article, ents ...string) int {
	t.Helper()
	ctx := context.Background()
	for _, a := range articles {
		if _, err := s.WriteDocument(ctx, a.doc, a.quads); err != nil {
			t.Fatalf("write %s: %v", a.doc.ID, err)
		}
	}
	ref := readRef(t, s)
	if len(ents) == 0 {
		for node, props := range ref {
			if strings.HasPrefix(node, "ent:") && (len(props[schema.Name]) > 0 || node == "ent:nobody") {
				ents = append(ents, node)
			}
		}
		slices.Sort(ents)
	}
	compared := 0
	for _, e := range ents {
		for _, ft := range referenceFilters {
			want := ref.relations(t, e, ft.f)
			got, err := s.Relations(ctx, e, ft.f)
			if err != nil {
				t.Fatalf("Relations(%s, %s): %v", e, ft.name, err)
			}
			if diff := gcmp.Diff(want, got); diff != "" {
				t.Errorf("Relations(%s, %s) (-want +got):\n%s", e, ft.name, diff)
			}
			merged, err := s.MergedRelations(ctx, e, ft.f)
			if err != nil {
				t.Fatalf("MergedRelations(%s, %s): %v", e, ft.name, err)
			}
			if diff := gcmp.Diff(graph.MergeStatements(want), merged); diff != "" {
				t.Errorf("MergedRelations(%s, %s) (-want +got):\n%s", e, ft.name, diff)
			}
			compared += len(want)
		}
	}
	return compared
}

// TestRelationsMatchReference asks every backend, holding the bundled
// articles, for the relations of every entity under several filters, and
// compares the answers with those of a walk over every quad of the store.
func TestRelationsMatchReference(t *testing.T) {
	articles := bundledArticles(t)
	for _, b := range referenceStores {
		t.Run(b.name, func(t *testing.T) {
			s := b.open(t)
			n := matchReference(t, s, articles)
			if n < 500 {
				t.Errorf("compared %d statements, want at least 500", n)
			}
			// The cases the added articles make, as the reference sees them.
			ref := readRef(t, s)
			for _, c := range []struct{ iri, want string }{
				{"ent:ruritania", "Ruritania Country RUR RUR"},
				{"ent:nobody", ""},
			} {
				rels := ref.relations(t, c.iri, graph.Filter{Direction: graph.Out})
				if len(rels) == 0 {
					t.Fatalf("no statements about %s", c.iri)
				}
				e := rels[0].Subject
				if got := strings.TrimSpace(e.Name + " " + string(e.Type) + " " + e.ISO3 + " " + e.CAMEO); got != c.want {
					t.Errorf("reference entity %s = %q, want %q", c.iri, got, c.want)
				}
			}
		})
	}
}
