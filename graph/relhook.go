package graph

import (
	"context"
	"slices"
	"sort"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// noteRelations is the write path's hook for the index of relations
// (relIndex): WriteDocument and DeleteDocument call it, holding the write
// lock, once the quads old of one document have been replaced with new
// (new is empty for a deletion) and the write has succeeded. It moves the
// index to the store's new generation, with the statements of old taken
// out of, and those of new put into, each entity the index holds that they
// name. When the index was not at the generation before this write, or
// the statements cannot be read from the quads, it does nothing, and the
// next read starts the index afresh.
func (s *Store) noteRelations(ctx context.Context, old, new []quad.Quad) {
	if s.pg != nil {
		return
	}
	x := &s.relIdx
	x.mu.Lock()
	defer x.mu.Unlock()
	gen := s.gen.Load()
	if x.ents == nil || x.gen != gen-1 {
		return
	}
	gone, err := statementsIn(old)
	if err != nil {
		return
	}
	added, err := statementsIn(new)
	if err != nil {
		return
	}
	touched := make(map[string]bool)
	drop := make(map[relKey]bool)
	for _, st := range gone {
		drop[itemOf(nil, st.Statement).relKey] = true
		touched[st.Subject.IRI], touched[st.Object.IRI] = true, true
	}
	var items []*relItem
	for _, st := range added {
		ref, err := s.qs.ValueOf(st.node)
		if err != nil || ref == nil {
			return
		}
		it := itemOf(ref, st.Statement)
		body := st.Statement
		it.body.Store(&body)
		drop[it.relKey] = true // a statement rewritten replaces itself
		items = append(items, it)
		touched[st.Subject.IRI], touched[st.Object.IRI] = true, true
	}
	slices.SortFunc(items, func(a, b *relItem) int { return keyCompare(a.relKey, b.relKey, false) })
	for ent := range touched {
		e := x.ents[ent]
		if e == nil {
			continue
		}
		select {
		case <-e.ready:
		default:
			return // a reader is loading it: impossible under the write lock
		}
		if e.err != nil {
			delete(x.ents, ent)
			continue
		}
		var mine []*relItem
		for _, it := range items {
			if it.Subject == ent || it.Object == ent {
				mine = append(mine, it)
			}
		}
		n := len(e.oldest)
		e.oldest = mergeItems(e.oldest, mine, drop, false)
		newest := slices.Clone(mine)
		slices.SortFunc(newest, func(a, b *relItem) int { return keyCompare(a.relKey, b.relKey, true) })
		e.newest = mergeItems(e.newest, newest, drop, true)
		e.counts, e.edges = nil, nil
		x.items += len(e.oldest) - n
		if len(e.oldest) == 0 {
			// The entity may be gone from the store: the next read
			// looks it up again.
			delete(x.ents, ent)
		}
	}
	x.gen = gen
}

// mergeItems returns have without the items whose key is in drop, merged
// with add; both are sorted in the order newest or oldest.
func mergeItems(have, add []*relItem, drop map[relKey]bool, newest bool) []*relItem {
	out := make([]*relItem, 0, len(have)+len(add))
	i := 0
	for _, it := range have {
		if drop[it.relKey] {
			continue
		}
		for i < len(add) && keyCompare(add[i].relKey, it.relKey, newest) < 0 {
			out = append(out, add[i])
			i++
		}
		out = append(out, it)
	}
	return append(out, add[i:]...)
}

// quadStatement is a statement read from quads, with its node.
type quadStatement struct {
	schema.Statement
	node quad.Value
}

// statementsIn returns the statements the quads qs state: each subject
// typed geo:Statement, read as StatementFromProps reads it from a store,
// with its entities as IRIs only.
func statementsIn(qs []quad.Quad) ([]quadStatement, error) {
	props := make(map[quad.Value]map[string][]quad.Value)
	var order []quad.Value
	for _, q := range qs {
		m := props[q.Subject]
		if m == nil {
			m = make(map[string][]quad.Value)
			props[q.Subject] = m
			order = append(order, q.Subject)
		}
		p := schema.ValueString(q.Predicate)
		m[p] = append(m[p], q.Object)
	}
	var out []quadStatement
	for _, n := range order {
		m := props[n]
		if !hasValue(m[schema.RDFType], quad.IRI(schema.StatementType)) {
			continue
		}
		for _, vs := range m {
			sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
		}
		st, err := schema.StatementFromProps(schema.ValueString(n), m, func(iri string) schema.Entity { return schema.Entity{IRI: iri} })
		if err != nil {
			return nil, err
		}
		out = append(out, quadStatement{st, n})
	}
	return out, nil
}

// quadsOf returns the quads of a map keyed by quadKey.
func quadsOf(m map[string]quad.Quad) []quad.Quad {
	out := make([]quad.Quad, 0, len(m))
	for _, q := range m {
		out = append(out, q)
	}
	return out
}
