package export

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Errors callers test for with errors.Is.
var (
	// ErrBadOption is returned for options that make no sense together or
	// on their own: a negative depth, a depth without an entity, filters
	// on a raw-quad format.
	ErrBadOption = errors.New("bad export option")
	// ErrUnknownFormat is returned by ParseFormat for a format it does not
	// know.
	ErrUnknownFormat = errors.New("unknown export format")
	// ErrNoGraphviz is returned when a picture is asked for and Graphviz's
	// dot program is not installed.
	ErrNoGraphviz = errors.New("graphviz's dot program not found")
)

// DefaultDepth is how many hops around Options.Entity the projection
// reaches when Depth is zero.
const DefaultDepth = 1

// Options narrow the projection. The zero Options keep the whole graph.
type Options struct {
	// Entity, an entity IRI ("ent:iran"), keeps only its neighbourhood:
	// the entities within Depth hops of it, either way along the kept
	// edges, and every kept edge between them.
	Entity string
	// Depth is the number of hops around Entity; 0 means DefaultDepth.
	Depth int
	// Since and Until keep statements whose time overlaps the interval, as
	// graph.Filter reads them (ISO 8601, partial allowed). An edge is kept
	// when one of its statements is; its dates and counts then come from
	// the kept statements only. With either set, links that no dated
	// statement backs are dropped.
	Since, Until string
	// Predicates keeps edges with one of these predicates ("hosts" or
	// "rel:hosts"); empty keeps all.
	Predicates []string
	// MinSources keeps edges that at least this many documents report.
	MinSources int
	// YEd adds yFiles node and edge labels to GraphML, so yEd shows names
	// and predicates without a properties mapper. Other formats ignore it.
	YEd bool
	// Progress, when set, is called now and then with what has been read
	// so far, for a progress display.
	Progress func(Progress)
}

// Progress tells how far an export has got.
type Progress struct {
	Stage string // "statements", "relations", "entities", "quads"
	Done  int    // items of that stage read so far
}

// progressEvery is how many items pass between two Progress calls.
const progressEvery = 1000

func (o Options) progress(stage string, done int, final bool) {
	if o.Progress != nil && (final || done%progressEvery == 0) {
		o.Progress(Progress{Stage: stage, Done: done})
	}
}

// filtered reports whether any option narrows the graph.
func (o Options) filtered() bool {
	return o.Entity != "" || o.Depth != 0 || o.Since != "" || o.Until != "" || len(o.Predicates) > 0 || o.MinSources > 0
}

// Graph is the entity graph: nodes sorted by ID, edges by source,
// target and predicate.
type Graph struct {
	Nodes []Node
	Edges []Edge
	// Documents are the articles the edges come from, by IRI: what the
	// store knows of each (URL, headline, publication date).
	Documents map[string]schema.Document
}

// Node is an entity.
type Node struct {
	ID     string      // the entity's IRI, "ent:albania"
	Label  string      // its name, or its IRI when the store has none
	Kind   schema.Kind // "Country"; "" when unknown
	ISO3   string      // ISO 3166 alpha-3 of its state
	CAMEO  string      // CAMEO actor code
	Degree int         // number of edges of the exported graph at it
}

// Edge is a relation between two entities, aggregated over the statements
// that report it. A symmetric predicate (met_with, ally_of, …) reads the
// same both ways, so its edge runs from the lower IRI to the higher.
type Edge struct {
	ID        string        // "ent:albania-severed_ties_with-ent:iran"
	Source    string        // subject IRI
	Target    string        // object IRI
	Predicate string        // "severed_ties_with"
	Family    schema.Family // cooperation, conflict or neutral
	CAMEO     string        // the CAMEO event code the statements give most, else the predicate's
	First     string        // earliest date any statement gives (date, since or until), ISO, partial allowed
	Last      string        // latest such date
	Since     string        // earliest "since" of a standing relation
	Until     string        // latest "until" of a standing relation
	Sources   int           // distinct documents that report it
	Weight    int           // statements that report it; for a link no statement backs, Sources
	Spells    []Spell       // when it holds: one per date or since–until interval, merged; none when undated
	Evidence  string        // the sentence of its earliest dated statement (of the first by document when none is dated)
	Documents []string      // the IRIs of the documents that report it, sorted
}

// sourceFields returns, for the flat formats (GraphML, GEXF, CSV), the
// edge's documents separated by spaces, the URLs of those that have one
// separated by spaces, and their headlines separated by " | ".
func (g *Graph) sourceFields(e Edge) (docs, urls, headlines string) {
	var us, hs []string
	for _, src := range g.Sources(e) {
		if src.URL != "" {
			us = append(us, src.URL)
		}
		if src.Headline != "" {
			hs = append(hs, src.Headline)
		}
	}
	return strings.Join(e.Documents, " "), strings.Join(us, " "), strings.Join(hs, " | ")
}

// Sources returns what g knows of the documents of e, in e's order.
func (g *Graph) Sources(e Edge) []graph.Source {
	out := make([]graph.Source, 0, len(e.Documents))
	for _, d := range e.Documents {
		doc, ok := g.Documents[d]
		if !ok {
			doc = schema.Document{ID: d}
		}
		out = append(out, graph.SourceOf(doc))
	}
	return out
}

// Spell is a time interval, in full ISO dates, both ends included. An
// empty Start or End leaves that end open. An event on a day is a spell
// of one day, an event in a month or a year spans it.
type Spell struct {
	Start, End string
}

// Label is how the edge reads for people: the predicate's label, then its
// years: "severed ties with (2022)", "hosts (2016–2023)".
func (e Edge) Label() string {
	label := strings.ReplaceAll(e.Predicate, "_", " ")
	if p, ok := schema.LookupPredicate(e.Predicate); ok && p.Label != "" {
		label = p.Label
	}
	if y := e.Years(); y != "" {
		label += " (" + y + ")"
	}
	return label
}

// Years returns the years the edge spans: "2022", "2016–2023", or "".
func (e Edge) Years() string {
	first, last := year(e.First), year(e.Last)
	switch {
	case first == "" && last == "":
		return ""
	case first == "" || first == last:
		return last
	case last == "":
		return first
	}
	return first + "–" + last
}

// Symmetric reports whether the edge's predicate reads the same both ways.
func (e Edge) Symmetric() bool {
	p, ok := schema.LookupPredicate(e.Predicate)
	return ok && p.Symmetric
}

// edgeKey identifies an edge while aggregating.
type edgeKey struct{ s, p, o string }

// agg accumulates the statements of one edge. It keeps documents and
// CAMEO codes in small slices rather than maps: most edges have one or
// two, and a map costs hundreds of bytes even when it holds one.
type agg struct {
	stmts  int
	docs   []string
	many   map[string]struct{} // the documents, once docs grows past manyDocs
	cameo  []cameoCount
	first  string // as given; compared on firstDay
	last   string // as given; compared on lastDay
	since  string
	until  string
	spells []Spell
	// evidence is the sentence of the statement Edge.Evidence names;
	// evWhen and evDoc are that statement's first day ("" undated) and
	// document, to compare the next ones with.
	evidence, evWhen, evDoc string
}

type cameoCount struct {
	code string
	n    int
}

// manyDocs is how many documents agg keeps in a slice before it moves them
// to a map.
const manyDocs = 16

func (a *agg) addDoc(doc string) {
	switch {
	case doc == "":
	case a.many != nil:
		a.many[doc] = struct{}{}
	default:
		for _, d := range a.docs {
			if d == doc {
				return
			}
		}
		a.docs = append(a.docs, doc)
		if len(a.docs) > manyDocs {
			a.many = make(map[string]struct{}, 2*manyDocs)
			for _, d := range a.docs {
				a.many[d] = struct{}{}
			}
			a.docs = nil
		}
	}
}

func (a *agg) sources() int {
	if a.many != nil {
		return len(a.many)
	}
	return len(a.docs)
}

func (a *agg) addCAMEO(code string) {
	for i := range a.cameo {
		if a.cameo[i].code == code {
			a.cameo[i].n++
			return
		}
	}
	a.cameo = append(a.cameo, cameoCount{code, 1})
}

func (a *agg) addDate(d string) {
	if lo := firstDay(d); lo != "" && (a.first == "" || lo < firstDay(a.first)) {
		a.first = d
	}
	if hi := lastDay(d); hi != "" && (a.last == "" || hi > lastDay(a.last)) {
		a.last = d
	}
}

func (a *agg) addStatement(s schema.Statement) {
	a.stmts++
	a.addDoc(s.Doc)
	a.addEvidence(s)
	if s.CAMEO != "" {
		a.addCAMEO(s.CAMEO)
	}
	for _, d := range []string{s.Date, s.Since, s.Until} {
		a.addDate(d)
	}
	if lo := firstDay(s.Since); lo != "" && (a.since == "" || lo < firstDay(a.since)) {
		a.since = s.Since
	}
	if hi := lastDay(s.Until); hi != "" && (a.until == "" || hi > lastDay(a.until)) {
		a.until = s.Until
	}
	switch {
	case firstDay(s.Since) != "" || firstDay(s.Until) != "":
		a.spells = append(a.spells, Spell{Start: firstDay(s.Since), End: lastDay(s.Until)})
	case firstDay(s.Date) != "":
		a.spells = append(a.spells, Spell{Start: firstDay(s.Date), End: lastDay(s.Date)})
	}
}

// addEvidence keeps the evidence of the earliest dated statement, and of
// undated ones that of the lowest document IRI (then the shortest
// sentence), so the choice does not depend on the order of reading.
func (a *agg) addEvidence(s schema.Statement) {
	if s.Evidence == "" {
		return
	}
	w := firstDay(s.Date)
	if w == "" {
		w = firstDay(s.Since)
	}
	better := a.evidence == ""
	switch {
	case better:
	case w != "" && a.evWhen == "", w != "" && w < a.evWhen:
		better = true
	case w == a.evWhen && (s.Doc < a.evDoc || s.Doc == a.evDoc && s.Evidence < a.evidence):
		better = true
	}
	if better {
		a.evidence, a.evWhen, a.evDoc = s.Evidence, w, s.Doc
	}
}

// documents returns the documents of the aggregate, sorted.
func (a *agg) documents() []string {
	var out []string
	if a.many != nil {
		out = make([]string, 0, len(a.many))
		for d := range a.many {
			out = append(out, d)
		}
	} else {
		out = append(out, a.docs...)
	}
	sort.Strings(out)
	return out
}

// canonical returns the key an edge is aggregated under: symmetric
// predicates run from the lower IRI to the higher.
func canonical(s, p, o string) edgeKey {
	if pr, ok := schema.LookupPredicate(p); ok && pr.Symmetric && o < s {
		s, o = o, s
	}
	return edgeKey{s, p, o}
}

// Project reads the entity graph of st as o narrows it. It fails with
// graph.ErrNotFound when o.Entity is not in the store, with
// graph.ErrBadDate for a bad Since or Until, graph.ErrUnknownPredicate for
// a predicate not in the vocabulary and ErrBadOption for a bad depth or
// minimum.
func Project(ctx context.Context, st *graph.Store, o Options) (*Graph, error) {
	if o.Depth < 0 {
		return nil, fmt.Errorf("project: depth %d: %w: it must be 1 or more", o.Depth, ErrBadOption)
	}
	if o.Depth > 0 && o.Entity == "" {
		return nil, fmt.Errorf("project: depth %d: %w: a depth needs an entity", o.Depth, ErrBadOption)
	}
	if o.MinSources < 0 {
		return nil, fmt.Errorf("project: minimum sources %d: %w: it must be 0 or more", o.MinSources, ErrBadOption)
	}
	if o.Entity != "" {
		if _, err := st.Entity(ctx, o.Entity); err != nil {
			return nil, fmt.Errorf("project: %w", err)
		}
	}

	aggs := make(map[edgeKey]*agg)
	get := func(k edgeKey) *agg {
		a := aggs[k]
		if a == nil {
			a = &agg{}
			aggs[k] = a
		}
		return a
	}
	n := 0
	err := st.EachStatement(ctx, graph.Filter{Predicates: o.Predicates, Since: o.Since, Until: o.Until}, func(s schema.Statement) error {
		n++
		o.progress("statements", n, false)
		if !s.Asserted() || s.Subject.IRI == "" || s.Object.IRI == "" {
			return nil // a negated or only intended statement is no relation
		}
		get(canonical(s.Subject.IRI, s.Predicate, s.Object.IRI)).addStatement(s)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	o.progress("statements", n, true)
	if o.Since == "" && o.Until == "" {
		// The links that no statement backs (an official to their state)
		// are relations too; with a time window they have no time to
		// fall in.
		n = 0
		err := st.EachRelation(ctx, o.Predicates, func(r graph.RelationEdge) error {
			n++
			o.progress("relations", n, false)
			get(canonical(r.Subject, r.Predicate, r.Object)).addDoc(r.Doc)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("project: %w", err)
		}
		o.progress("relations", n, true)
	}

	g := &Graph{}
	g.Edges = make([]Edge, 0, len(aggs))
	for k, a := range aggs {
		if a.sources() >= o.MinSources {
			g.Edges = append(g.Edges, a.edge(k))
		}
		delete(aggs, k)
	}
	aggs = nil
	if o.Entity != "" {
		g.Edges = neighbourhood(g.Edges, o.Entity, max(o.Depth, DefaultDepth))
	}
	sort.Slice(g.Edges, func(i, j int) bool {
		a, b := g.Edges[i], g.Edges[j]
		if a.Source != b.Source {
			return a.Source < b.Source
		}
		if a.Target != b.Target {
			return a.Target < b.Target
		}
		return a.Predicate < b.Predicate
	})

	degree := make(map[string]int)
	if o.Entity != "" {
		degree[o.Entity] = 0
	}
	for _, e := range g.Edges {
		degree[e.Source]++
		degree[e.Target]++
	}
	ids := make([]string, 0, len(degree))
	for id := range degree {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	var docs []string
	for _, e := range g.Edges {
		docs = append(docs, e.Documents...)
	}
	if g.Documents, err = st.Documents(ctx, docs); err != nil {
		return nil, fmt.Errorf("project: %w", err)
	}
	g.Nodes = make([]Node, 0, len(ids))
	for i, id := range ids {
		o.progress("entities", i+1, i+1 == len(ids))
		e, err := st.Entity(ctx, id)
		switch {
		case errors.Is(err, graph.ErrNotFound):
			e = schema.Entity{IRI: id}
		case err != nil:
			return nil, fmt.Errorf("project: %w", err)
		}
		label := e.Name
		if label == "" {
			label = id
		}
		g.Nodes = append(g.Nodes, Node{ID: id, Label: label, Kind: e.Type, ISO3: e.ISO3, CAMEO: e.CAMEO, Degree: degree[id]})
	}
	return g, nil
}

// edge turns the aggregate of key k into an Edge.
func (a *agg) edge(k edgeKey) Edge {
	p, _ := schema.LookupPredicate(k.p)
	e := Edge{
		ID:        k.s + "-" + k.p + "-" + k.o,
		Source:    k.s,
		Target:    k.o,
		Predicate: k.p,
		Family:    p.Family,
		CAMEO:     p.CAMEO,
		First:     a.first,
		Last:      a.last,
		Since:     a.since,
		Until:     a.until,
		Sources:   a.sources(),
		Weight:    a.stmts,
		Spells:    mergeSpells(a.spells),
		Evidence:  strings.Join(strings.Fields(a.evidence), " "),
		Documents: a.documents(),
	}
	best := 0
	for _, c := range a.cameo {
		if c.n > best || (c.n == best && c.code < e.CAMEO) {
			e.CAMEO, best = c.code, c.n
		}
	}
	if e.Weight == 0 {
		e.Weight = e.Sources
	}
	return e
}

// mergeSpells sorts spells by start (open first) and joins those that
// overlap or touch.
func mergeSpells(ss []Spell) []Spell {
	if len(ss) == 0 {
		return nil
	}
	sort.Slice(ss, func(i, j int) bool {
		if ss[i].Start != ss[j].Start {
			return ss[i].Start < ss[j].Start
		}
		return endLess(ss[i].End, ss[j].End)
	})
	out := []Spell{ss[0]}
	for _, s := range ss[1:] {
		last := &out[len(out)-1]
		if last.End == "" || s.Start == "" || s.Start <= nextDay(last.End) {
			if endLess(last.End, s.End) {
				last.End = s.End
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// endLess orders spell ends, an open end ("") last.
func endLess(a, b string) bool {
	switch {
	case a == b:
		return false
	case a == "":
		return false
	case b == "":
		return true
	}
	return a < b
}

// nextDay returns the day after the full ISO date d.
func nextDay(d string) string {
	t, err := parseDay(d)
	if err != nil {
		return d
	}
	return t.AddDate(0, 0, 1).Format(dayLayout)
}

// neighbourhood keeps the edges among the entities within depth hops of
// center, walking edges either way.
func neighbourhood(edges []Edge, center string, depth int) []Edge {
	adj := make(map[string][]string)
	for _, e := range edges {
		adj[e.Source] = append(adj[e.Source], e.Target)
		adj[e.Target] = append(adj[e.Target], e.Source)
	}
	reached := map[string]bool{center: true}
	frontier := []string{center}
	for hop := 0; hop < depth && len(frontier) > 0; hop++ {
		var next []string
		for _, n := range frontier {
			for _, m := range adj[n] {
				if !reached[m] {
					reached[m] = true
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	kept := edges[:0]
	for _, e := range edges {
		if reached[e.Source] && reached[e.Target] {
			kept = append(kept, e)
		}
	}
	return kept
}
