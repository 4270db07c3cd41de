package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// DefaultMaxDepth is the number of hops Paths looks when it is given none.
const DefaultMaxDepth = 4

// MaxPaths caps the number of paths Paths returns.
const MaxPaths = 20

// Hop is one step of a path: from one entity to the next along a relation.
// Forward tells whether the relation reads From → To (From is its subject)
// or To → From.
type Hop struct {
	From      schema.Entity `json:"from"`
	To        schema.Entity `json:"to"`
	Predicate string        `json:"predicate"` // "severed_ties_with"
	Forward   bool          `json:"forward"`
	// Statements is the number of statements that assert the hop's
	// relation (neither negated nor only intended); Support holds the
	// first MaxHopSupport of them, in the order Relations gives (by date,
	// undated last), each with its date, evidence and document.
	Statements int                `json:"statements"`
	Support    []schema.Statement `json:"support"`
}

// MaxHopSupport caps the statements a Hop carries as its support.
const MaxHopSupport = 5

// Path is a chain of hops between two entities.
type Path []Hop

// String renders the path for people:
// "United States -delisted_terrorist-> MEK <-hosts- Albania".
func (p Path) String() string {
	if len(p) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(entityLabel(p[0].From))
	for _, h := range p {
		if h.Forward {
			fmt.Fprintf(&b, " -%s-> ", h.Predicate)
		} else {
			fmt.Fprintf(&b, " <-%s- ", h.Predicate)
		}
		b.WriteString(entityLabel(h.To))
	}
	return b.String()
}

func entityLabel(e schema.Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return e.IRI
}

// edge is one way a node was first reached in the breadth-first walk.
type edge struct {
	prev      string
	predicate string
	forward   bool
}

// Paths returns the shortest chains of relations between the entities from
// and to, walking the direct relation edges in both directions, level by
// level up to maxDepth hops (DefaultMaxDepth when maxDepth <= 0). All paths
// of the shortest length are returned, at most MaxPaths, in a stable order;
// none when the entities are not connected within maxDepth hops or are the
// same. A relation reported by several documents is one edge; each hop
// carries the statements that support it (see Hop). It fails with
// ErrNotFound when either entity is not in the store.
func (s *Store) Paths(ctx context.Context, from, to string, maxDepth int) ([]Path, error) {
	return s.pathsBy(ctx, from, to, maxDepth, shortestDAG)
}

// pathsBy is Paths, finding the shortest paths with search.
func (s *Store) pathsBy(ctx context.Context, from, to string, maxDepth int, search func(src, dst string, maxDepth int, rowsOf neighbours) (map[string][]edge, error)) ([]Path, error) {
	paths, err := s.shortestPaths(ctx, from, to, maxDepth, search)
	if err != nil {
		return nil, err
	}
	if err := s.support(ctx, paths); err != nil {
		return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
	}
	return paths, nil
}

// support fills each hop's Statements and Support, reading the
// statements of each distinct relation once.
func (s *Store) support(ctx context.Context, paths []Path) error {
	type key struct{ s, p, o string }
	type found struct {
		n     int
		stmts []schema.Statement
	}
	seen := make(map[key]found)
	for _, p := range paths {
		for i := range p {
			h := &p[i]
			subj, obj := h.From.IRI, h.To.IRI
			if !h.Forward {
				subj, obj = obj, subj
			}
			k := key{subj, h.Predicate, obj}
			f, ok := seen[k]
			if !ok {
				var err error
				if f.n, f.stmts, err = s.hopStatements(ctx, subj, h.Predicate, obj); err != nil {
					return err
				}
				seen[k] = f
			}
			h.Statements, h.Support = f.n, f.stmts
			if h.Support == nil {
				h.Support = []schema.Statement{}
			}
		}
	}
	return nil
}

// hopStatements returns the number of asserted statements subj -pred->
// obj and the first MaxHopSupport of them, in Relations' order: from the
// index of subj's relations on bolt and memstore (see RelationsPage),
// from all of subj's statements of pred on PostgreSQL.
func (s *Store) hopStatements(ctx context.Context, subj, pred, obj string) (int, []schema.Statement, error) {
	if s.pg == nil {
		n, stmts, err := s.hopSupport(ctx, subj, pred, obj, MaxHopSupport)
		if errors.Is(err, ErrNotFound) {
			err = nil
		}
		return n, stmts, err
	}
	stmts, err := s.Relations(ctx, subj, Filter{Predicates: []string{pred}, Direction: Out})
	if err != nil && !errors.Is(err, ErrNotFound) {
		return 0, nil, err
	}
	n := 0
	var first []schema.Statement
	for _, st := range stmts {
		if st.Object.IRI != obj || !st.Asserted() {
			continue
		}
		n++
		if len(first) < MaxHopSupport {
			first = append(first, st)
		}
	}
	return n, first, nil
}

func (s *Store) shortestPaths(ctx context.Context, from, to string, maxDepth int, search func(src, dst string, maxDepth int, rowsOf neighbours) (map[string][]edge, error)) (_ []Path, err error) {
	if maxDepth <= 0 {
		maxDepth = DefaultMaxDepth
	}
	src, dst := string(iriOf(from)), string(iriOf(to))
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
	}
	defer unlock()
	defer s.guard(&err)
	for _, e := range []string{src, dst} {
		if ref, err := s.qs.ValueOf(iriOf(e)); err != nil {
			return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
		} else if ref == nil {
			return nil, fmt.Errorf("paths %s to %s: %s: %w", from, to, e, ErrNotFound)
		}
	}
	if src == dst {
		return nil, nil
	}

	// On bolt and memstore the walk reads the relation edges of each
	// entity once and keeps them (see adjacent); on PostgreSQL, the store
	// each level.
	rowsOf := func(forward bool, frontier []string) ([]pathRow, error) {
		rows, err := s.edgeRows(ctx, forward, frontier)
		out := make([]pathRow, len(rows))
		for i, r := range rows {
			out[i] = pathRow{from: r[TagFrom], predicate: r[TagPredicate], to: r[tagTo]}
		}
		return out, err
	}
	if s.pg == nil {
		if err := s.kept(); err != nil {
			return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
		}
		rowsOf = func(forward bool, frontier []string) ([]pathRow, error) {
			return s.adjacent(ctx, forward, frontier)
		}
	}

	reached, err := search(src, dst, maxDepth, rowsOf)
	if err != nil {
		return nil, fmt.Errorf("paths %s to %s: %w", from, to, err)
	}
	if reached == nil {
		return nil, nil
	}

	cache := s.newEntityCache(ctx)
	cache.lookup = s.pg == nil
	var out []Path
	// walk back from dst, building hops in reverse.
	var back func(node string, tail Path)
	back = func(node string, tail Path) {
		if len(out) >= MaxPaths {
			return
		}
		if node == src {
			p := make(Path, len(tail))
			for i := range tail {
				p[i] = tail[len(tail)-1-i]
			}
			out = append(out, p)
			return
		}
		for _, e := range reached[node] {
			h := Hop{From: cache.get(e.prev), To: cache.get(node), Predicate: predicateName(e.predicate), Forward: e.forward}
			back(e.prev, append(tail, h))
		}
	}
	back(dst, nil)
	if cache.err != nil {
		return nil, fmt.Errorf("paths %s to %s: %w", from, to, cache.err)
	}
	return out, nil
}

// tagTo tags the node an edge leads to.
const tagTo = "to"

func edgeLess(a, b edge) bool {
	if a.prev != b.prev {
		return a.prev < b.prev
	}
	if a.predicate != b.predicate {
		return a.predicate < b.predicate
	}
	return a.forward && !b.forward
}

func predicateName(iri string) string {
	if p, ok := schema.LookupPredicate(iri); ok {
		return p.Name
	}
	return schema.PredicateName(iri)
}

// edgeRows walks the direct relation edges from the entities frontier,
// forward or backward, and returns one row per distinct edge, tagged as
// Edges tags them (TagFrom, TagPredicate) and with tagTo. It reads the
// edges through the store's indexes, as references, one (entity,
// predicate) at a time, or in one SQL query per call on PostgreSQL; then
// it reads each distinct node's value once. An edge that N documents
// report is N quads, read but named once.
func (s *Store) edgeRows(ctx context.Context, forward bool, frontier []string) ([]map[string]string, error) {
	type row struct{ from, pred, to cgraph.Ref }
	var rs []row
	seen := make(map[[3]interface{}]bool)
	add := func(r row) {
		k := [3]interface{}{refs.ToKey(r.from), refs.ToKey(r.pred), refs.ToKey(r.to)}
		if !seen[k] {
			seen[k] = true
			rs = append(rs, r)
		}
	}
	var preds, nodes []cgraph.Ref
	for _, p := range relationVia() {
		r, err := s.qs.ValueOf(p)
		if err != nil {
			return nil, err
		}
		if r != nil {
			preds = append(preds, r)
		}
	}
	for _, n := range frontier {
		r, err := s.qs.ValueOf(iriOf(n))
		if err != nil {
			return nil, err
		}
		if r != nil {
			nodes = append(nodes, r)
		}
	}
	fromDir, toDir := quad.Subject, quad.Object
	if !forward {
		fromDir, toDir = quad.Object, quad.Subject
	}
	if s.pg != nil {
		if err := s.pgEdges(ctx, fromDir, toDir, nodes, preds, func(from, pred, to cgraph.Ref) { add(row{from, pred, to}) }); err != nil {
			return nil, err
		}
	} else {
		for _, n := range nodes {
			for _, p := range preds {
				it := s.edgeIterator(fromDir, n, p).Iterate()
				for it.Next(ctx) {
					q := it.Result()
					pr, err := s.qs.QuadDirection(q, quad.Predicate)
					if err != nil {
						it.Close()
						return nil, err
					}
					if refs.ToKey(pr) != refs.ToKey(p) {
						continue
					}
					to, err := s.qs.QuadDirection(q, toDir)
					if err != nil {
						it.Close()
						return nil, err
					}
					add(row{n, p, to})
				}
				err := it.Err()
				it.Close()
				if err != nil {
					return nil, err
				}
			}
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
	}
	b := newRefBatch()
	for _, r := range rs {
		b.add(r.from, r.pred, r.to)
	}
	if err := b.read(ctx, s); err != nil {
		return nil, err
	}
	name := func(x cgraph.Ref) string { return schema.ValueString(b.value(x)) }
	out := make([]map[string]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, map[string]string{TagFrom: name(r.from), TagPredicate: name(r.pred), tagTo: name(r.to)})
	}
	return out, nil
}

// relationEdge is one relation edge of an entity, seen from that end:
// the predicate and the entity at the other end.
type relationEdge struct{ predicate, other string }

// maxCachedEdges bounds the relation edges adjacent keeps (Store.adj).
const maxCachedEdges = 4_000_000

// adjacent returns the relation edges from the entities frontier,
// forward or backward, as edgeRows does (each distinct edge once), on a
// bolt or memstore store. The edges of each entity are read once, through
// the store's indexes for that entity only, and kept until the next write
// (Store.adj): a walk reads the entities it reaches, not the store's whole
// relation graph. The caller holds the read lock.
func (s *Store) adjacent(ctx context.Context, forward bool, frontier []string) ([]pathRow, error) {
	gen, side := s.gen.Load(), "in "
	if forward {
		side = "out "
	}
	found := make(map[string][]relationEdge, len(frontier))
	var missing []string
	for _, n := range frontier {
		if es, ok := s.adj.get(gen, side+n); ok {
			found[n] = es
		} else {
			missing = append(missing, n)
		}
	}
	if len(missing) > 0 {
		rows, err := s.edgeRows(ctx, forward, missing)
		if err != nil {
			return nil, err
		}
		read := make(map[string][]relationEdge, len(missing))
		for _, r := range rows {
			from := r[TagFrom]
			read[from] = append(read[from], relationEdge{r[TagPredicate], r[tagTo]})
		}
		for _, n := range missing {
			found[n] = read[n]
			s.adj.put(gen, side+n, read[n], max(1, len(read[n])))
		}
	}
	var out []pathRow
	for _, n := range frontier {
		for _, e := range found[n] {
			out = append(out, pathRow{from: n, predicate: e.predicate, to: e.other})
		}
	}
	return out, nil
}

// pathRow is one edge of a step of Paths' walk: from an entity of the
// frontier, along a predicate, to another.
type pathRow struct{ from, predicate, to string }

// edgeIterator returns an iterator over the quads whose fromDir is node
// and whose predicate is pred, through the bolt store's subject-predicate
// or object-predicate-subject index; on other stores over the quads of
// node, which the caller filters by predicate.
func (s *Store) edgeIterator(fromDir quad.Direction, node, pred cgraph.Ref) iterator.Shape {
	n, ok1 := node.(ckv.Int64Value)
	p, ok2 := pred.(ckv.Int64Value)
	if _, kv := s.qs.(*ckv.QuadStore); kv && ok1 && ok2 {
		ind := ckv.QuadIndex{Dirs: []quad.Direction{quad.Subject, quad.Predicate}}
		if fromDir == quad.Object {
			ind = ckv.QuadIndex{Dirs: []quad.Direction{quad.Object, quad.Predicate, quad.Subject}}
		}
		return ckv.IndexScan{Index: ind, Values: []uint64{uint64(n), uint64(p)}}.BuildIterator(s.qs)
	}
	return s.qs.QuadIterator(fromDir, node)
}
