package server

import (
	"context"
	"errors"
	"net/http"
	"sort"
	"strings"
	"sync"
	"unicode"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph/sandbox"
)

// Shape is the answer of /api/v1/shape/{lang}, in the form Cayley's HTTP
// documentation gives: the nodes a query walks through and the links
// between them.
type Shape struct {
	Nodes []ShapeNode `json:"nodes"`
	Links []ShapeLink `json:"links"`
}

// ShapeNode is a set of nodes the query passes: fixed values it starts
// from or must meet, the tags it saves there, and whether it stands for
// the predicate of a link rather than for nodes.
type ShapeNode struct {
	ID         int      `json:"id"`
	Tags       []string `json:"tags"`
	Values     []string `json:"values"` // N-Quads notation: "<ent:albania>"
	IsLinkNode bool     `json:"is_link_node"`
	IsFixed    bool     `json:"is_fixed"`
}

// ShapeLink is one step along quads: from the subject's node (Source) to
// the object's node (Target), through the predicate's node (LinkNode).
type ShapeLink struct {
	Source   int `json:"source"`
	Target   int `json:"target"`
	LinkNode int `json:"link_node"`
}

// handleV1Shape is Cayley's /api/v1/shape/{lang}: the shape of the last
// query the script in the body runs, without running it against the data.
func (s *Server) handleV1Shape(w http.ResponseWriter, r *http.Request) {
	b, err := readBody(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := r.PathValue("lang")
	if strings.TrimSpace(string(b)) == "" {
		if _, err := queryLanguage(lang); err != nil {
			s.fail(w, r, err)
			return
		}
		s.fail(w, r, badRequestf("query is empty: send it in the request body"))
		return
	}
	sh, err := s.shapeOf(r.Context(), lang, string(b))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, sh)
}

// shapeOf runs the query against a recorder that stands in for the quad
// store: the query's values are looked up in the store, but every
// iterator it builds is empty, so nothing is read beyond those values, and
// the recorder keeps the shape of the last iterator tree built.
func (s *Server) shapeOf(ctx context.Context, lang, text string) (Shape, error) {
	l, err := queryLanguage(lang)
	if err != nil {
		return Shape{}, err
	}
	var out Shape
	err = s.detached(ctx, func(ctx context.Context) error {
		return s.store.View(ctx, func(qs cgraph.QuadStore) error {
			rec := &shapeRecorder{QuadStore: qs}
			if _, err := sandbox.Run(ctx, rec, l.Name, text, s.queryOptions(false)); err != nil {
				return err
			}
			b := &shapeBuilder{qs: qs}
			if sh := rec.shape(); sh != nil {
				b.node(sh)
			}
			out = b.result()
			return nil
		})
	})
	if err != nil {
		return Shape{}, err
	}
	return out, nil
}

// shapeRecorder is a quad store that records the shape of the iterator
// trees built on it and builds them empty. It looks values up in the real
// store; it refuses writes.
type shapeRecorder struct {
	cgraph.QuadStore

	mu   sync.Mutex
	last shape.Shape
}

var errShapeReadOnly = errors.New("a shape query does not write")

// OptimizeShape is the hook Cayley's optimizer calls on every shape of a
// tree, children first: each is wrapped, so that building the root's
// iterator reaches the recorder first.
func (r *shapeRecorder) OptimizeShape(ctx context.Context, s shape.Shape) (shape.Shape, bool) {
	if _, ok := s.(recorded); ok {
		return s, false
	}
	return recorded{Shape: s, rec: r}, true
}

func (r *shapeRecorder) set(s shape.Shape) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.last = s
}

func (r *shapeRecorder) shape() shape.Shape {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.last
}

// ValueOf looks v up in the store and, for a value the store does not
// hold, makes up a reference that carries it, so that a query naming it
// keeps its shape rather than collapsing to nothing.
func (r *shapeRecorder) ValueOf(v quad.Value) (cgraph.Ref, error) {
	ref, err := r.QuadStore.ValueOf(v)
	if err != nil || ref != nil || v == nil {
		return ref, err
	}
	return refs.PreFetched(v), nil
}

// NameOf reads the value back from a reference ValueOf made up.
func (r *shapeRecorder) NameOf(ref cgraph.Ref) (quad.Value, error) {
	if pv, ok := ref.(refs.PreFetchedValue); ok {
		return pv.NameOf(), nil
	}
	return r.QuadStore.NameOf(ref)
}

func (r *shapeRecorder) QuadIterator(quad.Direction, cgraph.Ref) iterator.Shape {
	return iterator.NewNull()
}
func (r *shapeRecorder) NodesAllIterator() iterator.Shape { return iterator.NewNull() }
func (r *shapeRecorder) QuadsAllIterator() iterator.Shape { return iterator.NewNull() }
func (r *shapeRecorder) ApplyDeltas([]cgraph.Delta, cgraph.IgnoreOpts) error {
	return errShapeReadOnly
}
func (r *shapeRecorder) NewQuadWriter() (quad.WriteCloser, error) { return nil, errShapeReadOnly }

// recorded wraps a shape of a tree being built on a shapeRecorder.
type recorded struct {
	shape.Shape
	rec *shapeRecorder
}

// BuildIterator records the shape as the query's and builds nothing: the
// first recorded shape whose iterator is built is the root of the tree.
func (c recorded) BuildIterator(cgraph.QuadStore) iterator.Shape {
	c.rec.set(c.Shape)
	return iterator.NewNull()
}

func (c recorded) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return c, false
}

// shapeBuilder turns a shape tree into nodes and links. Nodes that the
// query intersects become one node.
type shapeBuilder struct {
	qs     cgraph.QuadStore
	nodes  []*ShapeNode
	parent []int // union-find over nodes
	links  []ShapeLink
}

func (b *shapeBuilder) newNode() int {
	id := len(b.nodes)
	b.nodes = append(b.nodes, &ShapeNode{ID: id, Tags: []string{}, Values: []string{}})
	b.parent = append(b.parent, id)
	return id
}

func (b *shapeBuilder) find(i int) int {
	for b.parent[i] != i {
		b.parent[i] = b.parent[b.parent[i]]
		i = b.parent[i]
	}
	return i
}

// merge makes a and c one node and returns it.
func (b *shapeBuilder) merge(a, c int) int {
	a, c = b.find(a), b.find(c)
	if a == c {
		return a
	}
	if c < a {
		a, c = c, a
	}
	na, nc := b.nodes[a], b.nodes[c]
	na.Tags = append(na.Tags, nc.Tags...)
	na.Values = append(na.Values, nc.Values...)
	na.IsFixed = na.IsFixed || nc.IsFixed
	na.IsLinkNode = na.IsLinkNode || nc.IsLinkNode
	b.parent[c] = a
	return a
}

func (b *shapeBuilder) name(ref refs.Ref) string {
	if pv, ok := ref.(refs.PreFetchedValue); ok {
		return quad.StringOf(pv.NameOf())
	}
	v, err := b.qs.NameOf(ref)
	if err != nil || v == nil {
		return ""
	}
	return v.String()
}

func (b *shapeBuilder) fixed(values []string) int {
	id := b.newNode()
	n := b.nodes[id]
	n.IsFixed = true
	for _, v := range values {
		if v != "" {
			n.Values = append(n.Values, v)
		}
	}
	return id
}

// node returns the node standing for the set of nodes s gives.
func (b *shapeBuilder) node(s shape.Shape) int {
	switch s := s.(type) {
	case recorded:
		return b.node(s.Shape)
	case nil, shape.Null, shape.AllNodes:
		return b.newNode()
	case shape.Fixed:
		var vs []string
		for _, ref := range s {
			vs = append(vs, b.name(ref))
		}
		return b.fixed(vs)
	case shape.Lookup:
		var vs []string
		for _, v := range s {
			vs = append(vs, quad.StringOf(v))
		}
		return b.fixed(vs)
	case shape.Save:
		id := b.find(b.node(s.From))
		b.nodes[id].Tags = append(b.nodes[id].Tags, userTags(s.Tags)...)
		return id
	case shape.FixedTags:
		id := b.node(s.On)
		for _, tag := range sortedKeys(s.Tags) {
			at := b.holding(b.name(s.Tags[tag]), id)
			b.nodes[at].Tags = append(b.nodes[at].Tags, userTags([]string{tag})...)
		}
		return id
	case shape.Unique:
		return b.node(s.From)
	case shape.Page:
		return b.node(s.From)
	case shape.Sort:
		return b.node(s.From)
	case shape.Filter:
		return b.node(s.From)
	case shape.Materialize:
		return b.node(s.Values)
	case shape.Count:
		return b.node(s.Values)
	case shape.Except:
		return b.node(s.From)
	case shape.Intersect:
		return b.all([]shape.Shape(s))
	case shape.IntersectOpt:
		return b.all(append(append([]shape.Shape{}, s.Sub...), s.Opt...))
	case shape.Union:
		return b.all([]shape.Shape(s))
	case shape.NodesFrom:
		return b.link(s.Quads, s.Dir, nil)
	case shape.QuadsAction:
		return b.action(s)
	case shape.Quads:
		return b.link(s, quad.Predicate, nil)
	}
	return b.newNode()
}

// all merges the nodes of shapes into one.
func (b *shapeBuilder) all(shapes []shape.Shape) int {
	if len(shapes) == 0 {
		return b.newNode()
	}
	id := b.node(shapes[0])
	for _, c := range shapes[1:] {
		id = b.merge(id, b.node(c))
	}
	return id
}

// holding returns the node whose values include v, or def.
func (b *shapeBuilder) holding(v string, def int) int {
	if v != "" {
		for i, n := range b.nodes {
			if b.find(i) != i {
				continue
			}
			for _, nv := range n.Values {
				if nv == v {
					return i
				}
			}
		}
	}
	return b.find(def)
}

// link adds the link that a set of quad filters makes and returns the node
// of its goal direction. ends holds nodes already known for directions.
func (b *shapeBuilder) link(q shape.Shape, goal quad.Direction, ends map[quad.Direction]int) int {
	if ends == nil {
		ends = make(map[quad.Direction]int)
	}
	add := func(d quad.Direction, id int) {
		if have, ok := ends[d]; ok {
			id = b.merge(have, id)
		}
		ends[d] = id
	}
	switch q := q.(type) {
	case recorded:
		return b.link(q.Shape, goal, ends)
	case shape.Quads:
		for _, f := range q {
			add(f.Dir, b.node(f.Values))
		}
	case shape.Union:
		id := -1
		for _, c := range q {
			g := b.link(c, goal, nil)
			if id < 0 {
				id = g
			} else {
				id = b.merge(id, g)
			}
		}
		if id < 0 {
			id = b.newNode()
		}
		return id
	}
	end := func(d quad.Direction) int {
		if id, ok := ends[d]; ok {
			return b.find(id)
		}
		id := b.newNode()
		ends[d] = id
		return id
	}
	sub, obj, pred := end(quad.Subject), end(quad.Object), end(quad.Predicate)
	b.nodes[pred].IsLinkNode = true
	b.links = append(b.links, ShapeLink{Source: sub, Target: obj, LinkNode: pred})
	if goal == quad.Label {
		return end(quad.Label)
	}
	return end(goal)
}

// action adds the link of a QuadsAction: quads filtered on fixed values,
// with tags saved on some directions.
func (b *shapeBuilder) action(s shape.QuadsAction) int {
	ends := make(map[quad.Direction]int)
	for _, d := range []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label} {
		if ref, ok := s.Filter[d]; ok {
			ends[d] = b.fixed([]string{b.name(ref)})
		}
		if tags := s.Save[d]; len(tags) > 0 {
			id, ok := ends[d]
			if !ok {
				id = b.newNode()
				ends[d] = id
			}
			b.nodes[id].Tags = append(b.nodes[id].Tags, userTags(tags)...)
		}
	}
	return b.link(shape.Quads(nil), s.Result, ends)
}

// userTags drops the tags a query language makes for itself (MQL's start
// with a control character), keeping those the query names.
func userTags(tags []string) []string {
	var out []string
	for _, t := range tags {
		if t != "" && strings.IndexFunc(t, unicode.IsControl) < 0 {
			out = append(out, t)
		}
	}
	return out
}

// result returns the merged nodes and their links. Nodes are numbered from
// 0 in the order the links meet them (each link's source, link node, then
// target), so the first link of a one-hop query is 0 → 2 through 1.
func (b *shapeBuilder) result() Shape {
	out := Shape{Nodes: []ShapeNode{}, Links: []ShapeLink{}}
	ids := make(map[int]int)
	number := func(i int) int {
		i = b.find(i)
		if id, ok := ids[i]; ok {
			return id
		}
		n := b.nodes[i]
		ids[i] = len(out.Nodes)
		out.Nodes = append(out.Nodes, ShapeNode{
			ID: ids[i], Tags: uniqueSorted(n.Tags), Values: uniqueSorted(n.Values),
			IsLinkNode: n.IsLinkNode, IsFixed: n.IsFixed,
		})
		return ids[i]
	}
	seen := make(map[ShapeLink]bool)
	for _, l := range b.links {
		src := number(l.Source)
		via := number(l.LinkNode)
		nl := ShapeLink{Source: src, Target: number(l.Target), LinkNode: via}
		if !seen[nl] {
			seen[nl] = true
			out.Links = append(out.Links, nl)
		}
	}
	for i := range b.nodes {
		if b.find(i) == i {
			number(i)
		}
	}
	return out
}

func uniqueSorted(ss []string) []string {
	out := []string{}
	seen := make(map[string]bool)
	for _, s := range ss {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
