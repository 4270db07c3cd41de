package graph

import (
	"cmp"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Limits of RelationsPage.
const (
	DefaultPageLimit = 50   // statements a page holds when Page.Limit is 0
	MaxPageLimit     = 1000 // the most a page holds
)

// Order is the order RelationsPage gives statements in.
type Order int

// Orders. The zero value is Newest.
const (
	// Newest puts the latest time first (a statement's date, or a
	// standing relation's since), undated statements last; statements of
	// the same time in Relations' order.
	Newest Order = iota
	// Oldest is Relations' order: earliest first, undated last.
	Oldest
)

// String returns "newest" or "oldest".
func (o Order) String() string {
	if o == Oldest {
		return "oldest"
	}
	return "newest"
}

// ErrBadCursor is returned by RelationsPage for a cursor it did not give
// for the same entity and order.
var ErrBadCursor = errors.New("not a cursor of these relations")

// Page asks RelationsPage for one page.
type Page struct {
	Limit  int    // statements on the page, 1 to MaxPageLimit; 0 for DefaultPageLimit
	Cursor string // "" for the first page, else the NextCursor of the page before
	Order  Order
}

// RelationsPage is one page of an entity's relations.
type RelationsPage struct {
	Relations []schema.Statement
	// NextCursor asks for the page after this one; "" on the last page.
	NextCursor string
	// Total is the number of statements the filter keeps, on every page;
	// Counts the same by predicate name.
	Total  int
	Counts map[string]int
}

// RelationsPage returns one page of the statements Relations returns for
// the same entity and filter, in the order p asks for: paging from the
// first page (Cursor "") to the last (NextCursor "") gives every statement
// once, in that order. The cursor names the sort key of the page's last
// statement, so a page follows from where the one before ended even when
// articles were written in between.
//
// On bolt and memstore the page is read from an index of the entity's
// statements that the Store keeps in memory (see relIndex): the first
// request for an entity reads all its statements once, as Relations does;
// after it a page reads its own statements only, and writes of articles
// update the index rather than drop it. On PostgreSQL, which other
// processes write, the page is read from an index of every entity's
// statements that the store keeps in tables of its own, updated in the
// transaction of each article's write (pgrels.go); while that index is
// stale, each page reads every statement of the entity.
func (s *Store) RelationsPage(ctx context.Context, iri string, f Filter, p Page) (_ RelationsPage, err error) {
	m, err := newRelMatch(iri, f)
	if err != nil {
		return RelationsPage{}, fmt.Errorf("relations of %s: %w", iri, err)
	}
	limit := p.Limit
	if limit == 0 {
		limit = DefaultPageLimit
	}
	if limit < 0 || limit > MaxPageLimit {
		return RelationsPage{}, fmt.Errorf("relations of %s: limit %d: want 1 to %d", iri, p.Limit, MaxPageLimit)
	}
	var after *relKey
	if p.Cursor != "" {
		k, err := decodeCursor(p.Cursor, m.ent, p.Order)
		if err != nil {
			return RelationsPage{}, fmt.Errorf("relations of %s: cursor %q: %w", iri, p.Cursor, err)
		}
		after = &k
	}
	if s.pg != nil {
		return s.pgPage(ctx, iri, f, m, after, limit, p.Order)
	}

	unlock, err := s.read(ctx)
	if err != nil {
		return RelationsPage{}, fmt.Errorf("relations of %s: %w", iri, err)
	}
	defer unlock()
	defer s.guard(&err)
	e, err := s.entityRels(ctx, iriOf(iri))
	if err != nil {
		return RelationsPage{}, fmt.Errorf("relations of %s: %w", iri, err)
	}
	items := e.oldest
	if p.Order == Newest {
		items = e.newest
	}
	total, counts := e.counted(m)
	page, next := m.page(items, after, limit, p.Order)
	out := RelationsPage{Total: total, Counts: counts, Relations: []schema.Statement{}}
	if len(page) > 0 {
		if out.Relations, err = s.readItems(ctx, page); err != nil {
			return RelationsPage{}, fmt.Errorf("relations of %s: %w", iri, err)
		}
	}
	if next != nil {
		out.NextCursor = encodeCursor(m.ent, p.Order, *next)
	}
	return out, nil
}

// pgRelationsPage is RelationsPage on PostgreSQL: every statement of the
// entity is read, as Relations reads them, and the page cut from them.
func (s *Store) pgRelationsPage(ctx context.Context, iri string, f Filter, m relMatch, after *relKey, limit int, o Order) (RelationsPage, error) {
	stmts, err := s.Relations(ctx, iri, Filter{Direction: f.Direction, Predicates: f.Predicates})
	if err != nil {
		return RelationsPage{}, err
	}
	items := make([]*relItem, len(stmts))
	for i := range stmts {
		items[i] = itemOf(nil, stmts[i])
		items[i].st = &stmts[i]
	}
	if o == Newest {
		slices.SortStableFunc(items, func(a, b *relItem) int { return keyCompare(a.relKey, b.relKey, true) })
	}
	total, counts := m.count(items)
	page, next := m.page(items, after, limit, o)
	out := RelationsPage{Total: total, Counts: counts, Relations: make([]schema.Statement, len(page))}
	for i, it := range page {
		out.Relations[i] = *it.st
	}
	if next != nil {
		out.NextCursor = encodeCursor(m.ent, o, *next)
	}
	return out, nil
}

// relKey is what statements are sorted on: statementCompare's fields but
// the evidence. Two statement nodes never share all of them (the
// document, subject, predicate, object and span make a statement's IRI,
// see schema.Statement.ID), so the evidence, last in statementCompare,
// never decides between two of them, and the order is total.
type relKey struct {
	When      string `json:"w"`
	Predicate string `json:"p"`
	Subject   string `json:"s"`
	Object    string `json:"o"`
	Doc       string `json:"d"`
	Span      [2]int `json:"x"`
	Negated   bool   `json:"n,omitempty"`
}

// keyCompare orders keys as statementCompare orders statements (oldest
// first, undated last), or with newest the latest time first, undated
// still last, and the rest as before.
func keyCompare(a, b relKey, newest bool) int {
	switch {
	case a.When != b.When && a.When == "":
		return 1
	case a.When != b.When && b.When == "":
		return -1
	}
	c := cmp.Compare(a.When, b.When)
	if newest {
		c = -c
	}
	if c != 0 {
		return c
	}
	if c := cmp.Compare(a.Predicate, b.Predicate); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Subject, b.Subject); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Object, b.Object); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Doc, b.Doc); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span[0], b.Span[0]); c != 0 {
		return c
	}
	if c := cmp.Compare(a.Span[1], b.Span[1]); c != 0 {
		return c
	}
	switch {
	case a.Negated != b.Negated && !a.Negated:
		return -1
	case a.Negated != b.Negated:
		return 1
	}
	return 0
}

// cursor is what a cursor encodes: the entity, the order and the key of
// the last statement of a page.
type cursor struct {
	Entity string `json:"e"`
	Order  string `json:"r"`
	Key    relKey `json:"k"`
}

func encodeCursor(ent string, o Order, k relKey) string {
	b, err := json.Marshal(cursor{Entity: ent, Order: o.String(), Key: k})
	if err != nil {
		panic(err) // strings, ints and a bool always marshal
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(c, ent string, o Order) (relKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return relKey{}, ErrBadCursor
	}
	var cur cursor
	if err := json.Unmarshal(b, &cur); err != nil || cur.Entity != ent || cur.Order != o.String() {
		return relKey{}, ErrBadCursor
	}
	return cur.Key, nil
}

// relItem is one statement in the index of an entity's relations: its
// node and what filters and sorts it; the statement itself is read from
// the store when a page shows it (st is set only where the statements
// were read whole, on PostgreSQL).
type relItem struct {
	relKey
	body               atomic.Pointer[schema.Statement] // the statement, its entities bare; nil until read
	node               cgraph.Ref
	date, since, until string
	modality           string
	st                 *schema.Statement
}

// keyOf returns the key a statement is sorted on.
func keyOf(st schema.Statement) relKey {
	return relKey{When: when(st), Predicate: st.Predicate, Subject: st.Subject.IRI, Object: st.Object.IRI,
		Doc: st.Doc, Span: st.Span, Negated: st.Negated}
}

func itemOf(node cgraph.Ref, st schema.Statement) *relItem {
	return &relItem{relKey: keyOf(st), node: node, date: st.Date, since: st.Since, until: st.Until, modality: st.Modality}
}

// statement returns what the item knows of its statement: entities as
// IRIs only, no evidence.
func (it *relItem) statement() schema.Statement {
	return schema.Statement{Subject: schema.Entity{IRI: it.Subject}, Predicate: it.Predicate, Object: schema.Entity{IRI: it.Object},
		Date: it.date, Since: it.since, Until: it.until, Negated: it.Negated, Modality: it.modality, Doc: it.Doc, Span: it.Span}
}

// relMatch is a Filter as the index applies it.
type relMatch struct {
	ent          string
	dir          Direction
	preds        map[string]bool // by name; nil keeps all
	since, until string
}

func newRelMatch(iri string, f Filter) (relMatch, error) {
	since, until, err := f.bounds()
	if err != nil {
		return relMatch{}, err
	}
	if _, _, err := statementFilter(iri, f.Direction, nil); err != nil {
		return relMatch{}, err
	}
	m := relMatch{ent: string(iriOf(iri)), dir: f.Direction, since: since, until: until}
	for _, n := range f.Predicates {
		p, ok := schema.LookupPredicate(strings.TrimSpace(n))
		if !ok {
			return relMatch{}, fmt.Errorf("predicate %q: %w", n, ErrUnknownPredicate)
		}
		if m.preds == nil {
			m.preds = make(map[string]bool)
		}
		m.preds[p.Name] = true
	}
	return m, nil
}

func (m relMatch) keeps(it *relItem) bool {
	switch {
	case m.dir == Out && it.Subject != m.ent, m.dir == In && it.Object != m.ent:
		return false
	case m.preds != nil && !m.preds[it.Predicate]:
		return false
	case (m.since != "" || m.until != "") && !inTime(schema.Statement{Date: it.date, Since: it.since, Until: it.until}, m.since, m.until):
		return false
	}
	return true
}

// count returns the number of items m keeps, in all and by predicate.
func (m relMatch) count(items []*relItem) (total int, counts map[string]int) {
	counts = make(map[string]int)
	for _, it := range items {
		if m.keeps(it) {
			counts[it.Predicate]++
			total++
		}
	}
	return total, counts
}

// page returns the items after the key after (from the first when nil)
// that m keeps, at most limit, with the key of the last when more follow.
// items are sorted in the order o.
func (m relMatch) page(items []*relItem, after *relKey, limit int, o Order) (page []*relItem, next *relKey) {
	start := 0
	if after != nil {
		start = sort.Search(len(items), func(i int) bool { return keyCompare(items[i].relKey, *after, o == Newest) > 0 })
	}
	for _, it := range items[start:] {
		if !m.keeps(it) {
			continue
		}
		if len(page) == limit {
			k := page[len(page)-1].relKey
			return page, &k
		}
		page = append(page, it)
	}
	return page, nil
}

// key names the filter m, for entityRels.counted.
func (m relMatch) key() string {
	preds := make([]string, 0, len(m.preds))
	for p := range m.preds {
		preds = append(preds, p)
	}
	slices.Sort(preds)
	return fmt.Sprint(m.dir, preds, m.since, m.until)
}

// counted returns what m.count gives for the entity's statements,
// counting them the first time a filter asks and keeping the counts until
// a write changes the entity's statements.
func (e *entityRels) counted(m relMatch) (int, map[string]int) {
	k := m.key()
	e.mu.Lock()
	c, ok := e.counts[k]
	e.mu.Unlock()
	if !ok {
		c.total, c.by = m.count(e.oldest)
		e.mu.Lock()
		if e.counts == nil {
			e.counts = make(map[string]relCounts)
		}
		if len(e.counts) >= maxCountedFilters {
			clear(e.counts)
		}
		e.counts[k] = c
		e.mu.Unlock()
	}
	by := make(map[string]int, len(c.by))
	maps.Copy(by, c.by)
	return c.total, by
}

// asserted returns the asserted statements (neither negated nor
// intended) subj -pred-> obj among the entity's, in the order Oldest,
// grouping the statements by relation the first time it is asked and
// keeping the groups until a write changes the entity's statements.
func (e *entityRels) asserted(subj, pred, obj string) []*relItem {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.edges == nil {
		e.edges = make(map[[3]string][]*relItem)
		for _, it := range e.oldest {
			if !it.Negated && it.modality == "" {
				k := [3]string{it.Subject, it.Predicate, it.Object}
				e.edges[k] = append(e.edges[k], it)
			}
		}
	}
	return e.edges[[3]string{subj, pred, obj}]
}

// relCounts is what relMatch.count returns.
type relCounts struct {
	total int
	by    map[string]int
}

// maxCountedFilters bounds the filters an entityRels keeps counts for.
const maxCountedFilters = 64

// readItems returns the statements of items, in their order: each
// statement as its node's quads say it, read from the store the first
// time one is shown and kept in its item after, with its entities as the
// store knows them now (pageEntities).
func (s *Store) readItems(ctx context.Context, items []*relItem) ([]schema.Statement, error) {
	var nodes []cgraph.Ref
	var miss []*relItem
	for _, it := range items {
		if it.body.Load() == nil {
			nodes = append(nodes, it.node)
			miss = append(miss, it)
		}
	}
	if len(nodes) > 0 {
		props, _, err := s.nodeProps(ctx, nodes)
		if err != nil {
			return nil, fmt.Errorf("read %d statement nodes: %w", len(nodes), err)
		}
		for i, p := range props {
			if !hasValue(p[schema.RDFType], quad.IRI(schema.StatementType)) {
				return nil, fmt.Errorf("an indexed statement of %s is gone from the store", miss[i].Doc)
			}
			st, err := schema.StatementFromProps(miss[i].Doc, p, bareEntity)
			if err != nil {
				return nil, err
			}
			miss[i].body.Store(&st)
		}
	}
	ents, err := s.pageEntities(ctx, items)
	if err != nil {
		return nil, err
	}
	out := make([]schema.Statement, len(items))
	for i, it := range items {
		st := *it.body.Load()
		st.Subject, st.Object = ents[st.Subject.IRI], ents[st.Object.IRI]
		out[i] = st
	}
	return out, nil
}

// bareEntity is the entity iri as a statement read from its quads alone
// names it: its IRI only.
func bareEntity(iri string) schema.Entity { return schema.Entity{IRI: iri} }

// pageEntities resolves the entities the statements of items name, as
// entitiesOf does, each from the article of the first item that names it;
// what it resolved it keeps until the next write (relIndex.facts).
func (s *Store) pageEntities(ctx context.Context, items []*relItem) (map[string]schema.Entity, error) {
	gen := s.gen.Load()
	out := make(map[string]schema.Entity)
	var iris []string
	where := make(map[string]cgraph.Ref)
	for _, it := range items {
		for _, iri := range []string{it.Subject, it.Object} {
			if _, ok := out[iri]; ok || iri == "" {
				continue
			}
			if _, ok := where[iri]; ok {
				continue
			}
			if e, ok := s.relIdx.facts.get(gen, iri); ok {
				out[iri] = e
				continue
			}
			doc, err := s.qs.ValueOf(iriOf(it.Doc))
			if err != nil {
				return nil, err
			}
			where[iri] = doc
			iris = append(iris, iri)
		}
	}
	if len(iris) == 0 {
		return out, nil
	}
	found, err := s.entitiesOf(ctx, iris, where)
	if err != nil {
		return nil, err
	}
	for iri, e := range found {
		out[iri] = e
		s.relIdx.facts.put(gen, iri, e, 1)
	}
	return out, nil
}

// MergedRelations returns the relations of the entity iri, as Relations
// filters them, merged across articles (see MergeStatements): one entry per
// relation with the number of articles that support it and its first and
// last dates. It fails with ErrNotFound when the store has nothing about
// the entity.
//
// On bolt and memstore it merges what the index of the entity's
// relations keeps (see RelationsPage) and reads from the store only the
// facts of the entities the relations name; on PostgreSQL it merges the
// rows of the store's index of the entity's statements (pgrels.go), or
// while that is stale reads every statement, as Relations does.
func (s *Store) MergedRelations(ctx context.Context, iri string, f Filter) (_ []MergedRelation, err error) {
	if s.pg != nil {
		return s.pgMerged(ctx, iri, f)
	}
	m, err := newRelMatch(iri, f)
	if err != nil {
		return nil, fmt.Errorf("merged relations of %s: %w", iri, err)
	}
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("merged relations of %s: %w", iri, err)
	}
	defer unlock()
	defer s.guard(&err)
	e, err := s.entityRels(ctx, iriOf(iri))
	if err != nil {
		return nil, fmt.Errorf("merged relations of %s: %w", iri, err)
	}
	var stmts []schema.Statement
	var iris []string
	where := make(map[string]cgraph.Ref)
	for _, it := range e.oldest {
		if !m.keeps(it) {
			continue
		}
		stmts = append(stmts, it.statement())
		for _, x := range []string{it.Subject, it.Object} {
			if _, ok := where[x]; x != "" && !ok {
				where[x] = nil
				iris = append(iris, x)
			}
		}
	}
	ents, err := s.entitiesOf(ctx, iris, where)
	if err != nil {
		return nil, fmt.Errorf("merged relations of %s: %w", iri, err)
	}
	for i := range stmts {
		stmts[i].Subject, stmts[i].Object = ents[stmts[i].Subject.IRI], ents[stmts[i].Object.IRI]
	}
	return MergeStatements(stmts), nil
}

// hopSupport returns the number of asserted statements subj -pred-> obj
// (pred a predicate's name) and the first max of them in Relations'
// order, from the index of subj's relations.
func (s *Store) hopSupport(ctx context.Context, subj, pred, obj string, max int) (_ int, _ []schema.Statement, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return 0, nil, err
	}
	defer unlock()
	defer s.guard(&err)
	var all []*relItem
	if e := s.relIdx.loaded(s.gen.Load(), string(iriOf(subj))); e != nil {
		all = e.asserted(subj, pred, obj)
	} else if all, err = s.relationStatements(ctx, subj, pred, obj); err != nil {
		return 0, nil, err
	}
	n, first := len(all), all[:min(len(all), max)]
	if len(first) == 0 {
		return n, nil, nil
	}
	stmts, err := s.readItems(ctx, first)
	return n, stmts, err
}

// relationStatements returns what entityRels(subj).asserted(subj, pred,
// obj) returns, without reading every statement of subj: the statement
// nodes that name subj as their subject and obj as their object are found
// through the store's object–predicate index (their references only),
// and only those both name are read. A hop of a path through a hub costs
// the references of the hub's statements, not the statements.
func (s *Store) relationStatements(ctx context.Context, subj, pred, obj string) ([]*relItem, error) {
	ends := make([]cgraph.Ref, 2)
	for i, iri := range []string{subj, obj} {
		ref, err := s.qs.ValueOf(iriOf(iri))
		if err != nil {
			return nil, err
		} else if ref == nil {
			return nil, ErrNotFound
		}
		ends[i] = ref
	}
	asSubject, err := s.pointingAt(ctx, ends[0], []quad.Value{quad.IRI(schema.Subject)})
	if err != nil {
		return nil, fmt.Errorf("find statement nodes: %w", err)
	}
	asObject, err := s.pointingAt(ctx, ends[1], []quad.Value{quad.IRI(schema.Object)})
	if err != nil {
		return nil, fmt.Errorf("find statement nodes: %w", err)
	}
	named := make(map[any]bool, len(asSubject))
	for _, r := range asSubject {
		named[refs.ToKey(r)] = true
	}
	var nodes []cgraph.Ref
	for _, r := range asObject {
		if named[refs.ToKey(r)] {
			nodes = append(nodes, r)
		}
	}
	stmts, kept, err := s.statementsOf(ctx, nodes, nil)
	if err != nil {
		return nil, err
	}
	var out []*relItem
	for i, st := range stmts {
		it := itemOf(nodes[kept[i]], st)
		if !it.Negated && it.modality == "" && it.Subject == subj && it.Predicate == pred && it.Object == obj {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b *relItem) int { return keyCompare(a.relKey, b.relKey, false) })
	return out, nil
}

// loaded returns the index of the entity key's statements when it holds
// them, read at generation gen, and nil otherwise; it never reads the
// store nor waits for a reading.
func (x *relIndex) loaded(gen uint64, key string) *entityRels {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.gen != gen || x.ents == nil {
		return nil
	}
	e := x.ents[key]
	if e == nil {
		return nil
	}
	select {
	case <-e.ready:
		if e.err != nil {
			return nil
		}
		return e
	default:
		return nil
	}
}

// relIndex keeps, for the entities whose relations were asked for, every
// statement about each (an entityRels), sorted both ways. It serves bolt
// and memstore stores, which every write goes through: WriteDocument and
// DeleteDocument update it (noteRelations) in place of dropping it, so
// asking for a page does not read the entity's statements again after an
// article is written. Any other write (Restore, Update, a write that
// failed) leaves it at an old generation, and the next read starts it
// afresh.
type relIndex struct {
	mu    sync.Mutex
	gen   uint64 // the generation of the store the index holds
	ents  map[string]*entityRels
	items int // statements held, in all entities
	// facts are the entities pages showed, as read at a generation of
	// the store: entity facts may change with any write.
	facts readCache[schema.Entity]
}

// maxIndexedStatements bounds the statements relIndex holds (about 150
// bytes each); past it the index is emptied and fills again.
const maxIndexedStatements = 4_000_000

// entityRels is the index of one entity's statements.
type entityRels struct {
	ready          chan struct{} // closed once loaded
	err            error
	oldest, newest []*relItem // in the orders Oldest and Newest

	mu     sync.Mutex
	counts map[string]relCounts     // by relMatch.key; writes of the entity's statements drop them
	edges  map[[3]string][]*relItem // asserted statements by subject, predicate, object; so do they
}

// entityRels returns the index of the statements about the entity iri,
// reading them from the store the first time. The caller holds the read
// lock, so the generation does not change meanwhile.
func (s *Store) entityRels(ctx context.Context, iri quad.IRI) (*entityRels, error) {
	if err := s.kept(); err != nil {
		return nil, err
	}
	x, key, gen := &s.relIdx, string(iri), s.gen.Load()
	x.mu.Lock()
	if x.gen != gen || x.ents == nil || x.items > maxIndexedStatements {
		x.gen, x.ents, x.items = gen, make(map[string]*entityRels), 0
	}
	e := x.ents[key]
	if e != nil {
		x.mu.Unlock()
		select {
		case <-e.ready:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		if e.err != nil {
			return nil, e.err
		}
		return e, nil
	}
	e = &entityRels{ready: make(chan struct{})}
	x.ents[key] = e
	x.mu.Unlock()

	e.oldest, e.err = s.loadEntityRels(ctx, iri)
	if e.err == nil {
		e.newest = sortedNewest(e.oldest)
	}
	close(e.ready)
	x.mu.Lock()
	defer x.mu.Unlock()
	if e.err != nil {
		if x.ents[key] == e {
			delete(x.ents, key)
		}
		return nil, e.err
	}
	x.items += len(e.oldest)
	return e, nil
}

// loadEntityRels reads every statement about the entity iri, as
// Relations does, and returns them as index items in the order Oldest.
func (s *Store) loadEntityRels(ctx context.Context, iri quad.IRI) ([]*relItem, error) {
	ref, err := s.qs.ValueOf(iri)
	if err != nil {
		return nil, err
	} else if ref == nil {
		return nil, ErrNotFound
	}
	nodes, err := s.pointingAt(ctx, ref, []quad.Value{quad.IRI(schema.Subject), quad.IRI(schema.Object)})
	if err != nil {
		return nil, fmt.Errorf("find statement nodes: %w", err)
	}
	stmts, kept, err := s.statementsOf(ctx, nodes, nil)
	if err != nil {
		return nil, err
	}
	items := make([]*relItem, len(stmts))
	for i, st := range stmts {
		items[i] = itemOf(nodes[kept[i]], st)
	}
	slices.SortFunc(items, func(a, b *relItem) int { return keyCompare(a.relKey, b.relKey, false) })
	return items, nil
}

func sortedNewest(oldest []*relItem) []*relItem {
	out := slices.Clone(oldest)
	slices.SortFunc(out, func(a, b *relItem) int { return keyCompare(a.relKey, b.relKey, true) })
	return out
}
