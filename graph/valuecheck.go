package graph

import (
	"context"
	"fmt"
	"sort"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Damage inside the values of a bolt store (see docs/reliability.md).
//
// Cayley's bolt store keeps each node's value in its log, under the
// node's id, and an index from the hash of the value to that id. Bytes
// changed inside a value (a name, an IRI, a date) leave both readable,
// and the page checks see nothing; but the value no longer hashes to its
// node. Likewise a quad whose node ids changed still reads, as another
// quad, but the indexes still file it under its old nodes.

// The problems of a damaged store's contents Verify reports.
const (
	// ProblemValueDamaged: a node's value, as read, does not hash to the
	// node: its bytes changed after it was written.
	ProblemValueDamaged ProblemKind = "value-damaged"
	// ProblemQuadDamaged: a quad that the store's index of its subject or
	// object does not list under the node it reads as, or that the index
	// lists under a node it does not name: its node ids changed.
	ProblemQuadDamaged ProblemKind = "quad-damaged"
)

// checkBatch is how many values one look-up of their hashes checks.
const checkBatch = 1000

// mismatchedValues returns the indexes in rs of the nodes of a bolt store
// whose values, vals (read for rs), do not hash back to them. Other
// stores check nothing.
func (s *Store) mismatchedValues(ctx context.Context, rs []cgraph.Ref, vals []quad.Value) ([]int, error) {
	kv, ok := s.qs.(*ckv.QuadStore)
	if !ok {
		return nil, nil
	}
	var bad, idx []int
	var vs []quad.Value
	flush := func() error {
		if len(vs) == 0 {
			return nil
		}
		got, err := kv.RefsOf(ctx, vs)
		if err != nil {
			return err
		}
		for j, i := range idx {
			if refs.ToKey(got[j]) != refs.ToKey(rs[i]) {
				bad = append(bad, i)
			}
		}
		idx, vs = idx[:0], vs[:0]
		return nil
	}
	for i, v := range vals {
		if _, isNode := rs[i].(ckv.Int64Value); !isNode || v == nil {
			continue
		}
		idx, vs = append(idx, i), append(vs, v)
		if len(vs) == checkBatch {
			if err := flush(); err != nil {
				return nil, err
			}
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return bad, nil
}

// checkValues returns a *DamagedError, and remembers it for Damaged,
// when a value read from a bolt store, vals[i] for rs[i], does not hash
// back to its node: so a read never answers with a value whose bytes
// changed.
func (s *Store) checkValues(ctx context.Context, rs []cgraph.Ref, vals []quad.Value) error {
	bad, err := s.mismatchedValues(ctx, rs, vals)
	if err != nil || len(bad) == 0 {
		return err
	}
	d := &DamagedError{Path: s.path, Reason: fmt.Sprintf("the value of node %v reads %q, which is not the value stored under that node (its bytes changed)",
		rs[bad[0]], schema.ValueString(vals[bad[0]]))}
	s.damage.CompareAndSwap(nil, d)
	return d
}

// contentChecker gathers, while Verify reads every quad of a bolt store,
// what it needs to check the values and quads themselves.
type contentChecker struct {
	refs   []cgraph.Ref // each node once
	vals   []quad.Value // its value as read
	labels []string     // the label of a quad that named it
	seen   map[any]bool
	// bySubject and byObject: the quads, by key, that the log gives each
	// node as subject and as object.
	bySubject, byObject map[any]map[any]bool
	nodeOf              map[any]cgraph.Ref
}

func newContentChecker() *contentChecker {
	return &contentChecker{seen: make(map[any]bool), bySubject: make(map[any]map[any]bool),
		byObject: make(map[any]map[any]bool), nodeOf: make(map[any]cgraph.Ref)}
}

// add notes quad ref, read as q.
func (c *contentChecker) add(s *Store, ref cgraph.Ref, q quad.Quad) error {
	label := ""
	if q.Label != nil {
		label = q.Label.String()
	}
	for _, d := range quad.Directions {
		r, err := s.qs.QuadDirection(ref, d)
		if err != nil {
			return err
		}
		if r == nil {
			continue
		}
		k := refs.ToKey(r)
		switch d {
		case quad.Subject:
			addTo(c.bySubject, k, refs.ToKey(ref))
		case quad.Object:
			addTo(c.byObject, k, refs.ToKey(ref))
		}
		if !c.seen[k] {
			c.seen[k] = true
			c.nodeOf[k] = r
			c.refs, c.vals, c.labels = append(c.refs, r), append(c.vals, q.Get(d)), append(c.labels, label)
		}
	}
	return nil
}

func addTo(m map[any]map[any]bool, node, q any) {
	if m[node] == nil {
		m[node] = make(map[any]bool)
	}
	m[node][q] = true
}

// problems checks the values and the subject and object indexes.
func (c *contentChecker) problems(ctx context.Context, s *Store) ([]Problem, error) {
	var ps []Problem
	bad, err := s.mismatchedValues(ctx, c.refs, c.vals)
	if err != nil {
		return nil, err
	}
	for _, i := range bad {
		v := schema.ValueString(c.vals[i])
		ps = append(ps, Problem{Kind: ProblemValueDamaged, Doc: trimIRI(c.labels[i]), Node: v,
			Message: fmt.Sprintf("node %v reads %q, which is not the value stored under that node: its bytes changed after it was written", c.refs[i], v)})
	}
	for _, ix := range []struct {
		dir   quad.Direction
		by    map[any]map[any]bool
		index string
	}{{quad.Subject, c.bySubject, "subject"}, {quad.Object, c.byObject, "object"}} {
		keys := make([]any, 0, len(ix.by))
		for k := range ix.by {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return fmt.Sprint(keys[i]) < fmt.Sprint(keys[j]) })
		for _, k := range keys {
			want := ix.by[k]
			it := s.qs.QuadIterator(ix.dir, c.nodeOf[k]).Iterate()
			listed := 0
			for it.Next(ctx) {
				qk := refs.ToKey(it.Result())
				if !want[qk] {
					ps = append(ps, Problem{Kind: ProblemQuadDamaged, Message: fmt.Sprintf("the %s index lists quad %v under node %v, but the quad names another %s: its node ids changed", ix.index, qk, k, ix.index)})
					continue
				}
				listed++
			}
			err := it.Err()
			it.Close()
			if err != nil {
				return nil, err
			}
			if listed < len(want) {
				ps = append(ps, Problem{Kind: ProblemQuadDamaged, Message: fmt.Sprintf("%d quads name node %v as their %s, but the %s index does not list them under it: their node ids changed", len(want)-listed, k, ix.index, ix.index)})
			}
		}
	}
	return ps, ctx.Err()
}

func trimIRI(s string) string {
	if len(s) > 1 && s[0] == '<' && s[len(s)-1] == '>' {
		return s[1 : len(s)-1]
	}
	return s
}
