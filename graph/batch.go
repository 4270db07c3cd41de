package graph

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	"github.com/lib/pq"

	"github.com/geokg/geokg/schema"
)

// This file reads many nodes' properties at once. A store of a million
// quads answers a question about a hub entity with ten thousand statement
// nodes; reading each value of each node on its own (one bolt transaction,
// or one SQL query, per value) is what made that slow. Here the quads of
// all the nodes are read first, as references, and then every distinct
// value is read once, in batches.

// pgBatch is how many nodes one SQL query asks for.
const pgBatch = 2000

// propsOf returns the properties of each node of subjects, as props does
// for one: predicate IRI → values, each value once, sorted.
func (s *Store) propsOf(ctx context.Context, subjects []cgraph.Ref) ([]map[string][]quad.Value, error) {
	type pair struct{ p, o cgraph.Ref }
	pairs := make([][]pair, len(subjects))
	if s.pg != nil {
		index := make(map[interface{}][]int, len(subjects))
		hashes := make([][]byte, 0, len(subjects))
		for i, r := range subjects {
			h, err := s.pgHash(r)
			if err != nil {
				return nil, err
			}
			if _, ok := index[h]; !ok {
				hashes = append(hashes, h.ValueHash[:])
			}
			index[h] = append(index[h], i)
		}
		for start := 0; start < len(hashes); start += pgBatch {
			chunk := hashes[start:min(start+pgBatch, len(hashes))]
			rows, err := s.pg.QueryContext(ctx, `SELECT subject_hash, predicate_hash, object_hash FROM quads WHERE subject_hash = ANY($1)`, pq.ByteaArray(chunk))
			if err != nil {
				return nil, err
			}
			for rows.Next() {
				var sh, ph, oh csql.NodeHash
				if err := rows.Scan(&sh, &ph, &oh); err != nil {
					rows.Close()
					return nil, err
				}
				for _, i := range index[sh] {
					pairs[i] = append(pairs[i], pair{ph, oh})
				}
			}
			if err := rows.Close(); err != nil {
				return nil, err
			}
			if err := rows.Err(); err != nil {
				return nil, err
			}
		}
	} else {
		for i, r := range subjects {
			r, err := s.nodeRef(r)
			if err != nil || r == nil {
				if err != nil {
					return nil, err
				}
				continue
			}
			it := s.qs.QuadIterator(quad.Subject, r).Iterate()
			for it.Next(ctx) {
				q := it.Result()
				p, err := s.qs.QuadDirection(q, quad.Predicate)
				if err != nil {
					it.Close()
					return nil, err
				}
				o, err := s.qs.QuadDirection(q, quad.Object)
				if err != nil {
					it.Close()
					return nil, err
				}
				pairs[i] = append(pairs[i], pair{p, o})
			}
			err = it.Err()
			it.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	// Read every distinct predicate and object once.
	b := newRefBatch()
	for _, ps := range pairs {
		for _, p := range ps {
			b.add(p.p, p.o)
		}
	}
	if err := b.read(ctx, s); err != nil {
		return nil, err
	}
	out := make([]map[string][]quad.Value, len(subjects))
	for i, ps := range pairs {
		m := make(map[string][]quad.Value)
		seen := make(map[[2]int]bool)
		for _, p := range ps {
			pi, oi := b.index(p.p), b.index(p.o)
			pv, ov := b.vals[pi], b.vals[oi]
			if seen[[2]int{pi, oi}] || pv == nil || ov == nil {
				continue
			}
			seen[[2]int{pi, oi}] = true
			name := schema.ValueString(pv)
			m[name] = append(m[name], ov)
		}
		for _, vs := range m {
			sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
		}
		if len(ps) > 0 {
			out[i] = m
		}
	}
	return out, nil
}

// nodeRef turns a reference an iterator gave (possibly a value fetched
// with it) into the store's own reference of that node.
func (s *Store) nodeRef(r cgraph.Ref) (cgraph.Ref, error) {
	if pv, ok := r.(refs.PreFetchedValue); ok {
		return s.qs.ValueOf(pv.NameOf())
	}
	return r, nil
}

// pgHash returns the node hash of a reference of the SQL store.
func (s *Store) pgHash(r cgraph.Ref) (csql.NodeHash, error) {
	switch r := r.(type) {
	case csql.NodeHash:
		return r, nil
	case refs.ValueHash:
		return csql.NodeHash{ValueHash: r}, nil
	case refs.PreFetchedValue:
		return csql.HashOf(r.NameOf()), nil
	}
	return csql.NodeHash{}, fmt.Errorf("unexpected node reference %T", r)
}

// refBatch gathers node refs, each once, so that their values are read
// together by valuesOf, and then gives each ref's value.
type refBatch struct {
	slot map[any]int // index in refs and vals, by refs.ToKey
	refs []cgraph.Ref
	vals []quad.Value // after read; nil where the store has no value
}

func newRefBatch() *refBatch { return &refBatch{slot: make(map[any]int)} }

// add notes rs to be read; a ref added before is not added again.
func (b *refBatch) add(rs ...cgraph.Ref) {
	for _, r := range rs {
		k := refs.ToKey(r)
		if _, ok := b.slot[k]; !ok {
			b.slot[k] = len(b.refs)
			b.refs = append(b.refs, r)
		}
	}
}

// read reads the values of every ref added.
func (b *refBatch) read(ctx context.Context, s *Store) error {
	vals, err := s.valuesOf(ctx, b.refs)
	b.vals = vals
	return err
}

// index is where r, added before, stands in vals.
func (b *refBatch) index(r cgraph.Ref) int { return b.slot[refs.ToKey(r)] }

// value is the value read for r, added before.
func (b *refBatch) value(r cgraph.Ref) quad.Value { return b.vals[b.index(r)] }

// valuesOf reads the values of rs, in batches where the backend can.
func (s *Store) valuesOf(ctx context.Context, rs []cgraph.Ref) ([]quad.Value, error) {
	if s.pg == nil {
		vals, err := refs.ValuesOf(ctx, s.qs, rs)
		if err != nil {
			return vals, err
		}
		return vals, s.checkValues(ctx, rs, vals)
	}
	out := make([]quad.Value, len(rs))
	index := make(map[csql.NodeHash][]int, len(rs))
	var hashes [][]byte
	for i, r := range rs {
		if pv, ok := r.(refs.PreFetchedValue); ok {
			out[i] = pv.NameOf()
			continue
		}
		h, err := s.pgHash(r)
		if err != nil {
			return nil, err
		}
		if !h.Valid() {
			continue
		}
		if _, ok := index[h]; !ok {
			hashes = append(hashes, h.ValueHash[:])
		}
		index[h] = append(index[h], i)
	}
	for start := 0; start < len(hashes); start += pgBatch {
		chunk := hashes[start:min(start+pgBatch, len(hashes))]
		rows, err := s.pg.QueryContext(ctx, `SELECT hash, value, value_string, datatype, language, iri, bnode,
			value_int, value_bool, value_float, value_time FROM nodes WHERE hash = ANY($1)`, pq.ByteaArray(chunk))
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			h, v, err := scanNode(rows)
			if err != nil {
				rows.Close()
				return nil, err
			}
			for _, i := range index[h] {
				out[i] = v
			}
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// scanNode reads one row of Cayley's nodes table as its hash and value,
// the way Cayley's SQL store does.
func scanNode(rows *sql.Rows) (csql.NodeHash, quad.Value, error) {
	var (
		h      csql.NodeHash
		data   []byte
		str    sql.NullString
		typ    sql.NullString
		lang   sql.NullString
		iri    sql.NullBool
		bnode  sql.NullBool
		vint   sql.NullInt64
		vbool  sql.NullBool
		vfloat sql.NullFloat64
		vtime  sql.NullTime
	)
	if err := rows.Scan(&h, &data, &str, &typ, &lang, &iri, &bnode, &vint, &vbool, &vfloat, &vtime); err != nil {
		return h, nil, err
	}
	unescape := func(s string) string { return strings.ReplaceAll(s, `\x00`, "\u0000") }
	switch {
	case str.Valid && iri.Bool:
		return h, quad.IRI(str.String), nil
	case str.Valid && bnode.Bool:
		return h, quad.BNode(str.String), nil
	case str.Valid && lang.Valid:
		return h, quad.LangString{Value: quad.String(unescape(str.String)), Lang: lang.String}, nil
	case str.Valid && typ.Valid:
		return h, quad.TypedString{Value: quad.String(unescape(str.String)), Type: quad.IRI(typ.String)}, nil
	case str.Valid:
		return h, quad.String(unescape(str.String)), nil
	case vint.Valid:
		return h, quad.Int(vint.Int64), nil
	case vbool.Valid:
		return h, quad.Bool(vbool.Bool), nil
	case vfloat.Valid:
		return h, quad.Float(vfloat.Float64), nil
	case vtime.Valid:
		return h, quad.Time(vtime.Time.UTC()), nil
	}
	// Other values are stored encoded; Cayley's own reader decodes them.
	v, err := pquads.UnmarshalValue(data)
	return h, v, err
}

// pgEdges reads, in one query per batch of nodes, the quads whose fromDir
// is one of nodes and whose predicate is one of preds, and calls fn with
// the node, the predicate and the node at toDir of each.
func (s *Store) pgEdges(ctx context.Context, fromDir, toDir quad.Direction, nodes, preds []cgraph.Ref, fn func(from, pred, to cgraph.Ref)) error {
	ph := make([][]byte, 0, len(preds))
	for _, p := range preds {
		h, err := s.pgHash(p)
		if err != nil {
			return err
		}
		ph = append(ph, h.ValueHash[:])
	}
	nh := make([][]byte, 0, len(nodes))
	for _, n := range nodes {
		h, err := s.pgHash(n)
		if err != nil {
			return err
		}
		nh = append(nh, h.ValueHash[:])
	}
	q := fmt.Sprintf(`SELECT DISTINCT %[1]s_hash, predicate_hash, %[2]s_hash FROM quads WHERE %[1]s_hash = ANY($1) AND predicate_hash = ANY($2)`, fromDir, toDir)
	for start := 0; start < len(nh); start += pgBatch {
		rows, err := s.pg.QueryContext(ctx, q, pq.ByteaArray(nh[start:min(start+pgBatch, len(nh))]), pq.ByteaArray(ph))
		if err != nil {
			return err
		}
		for rows.Next() {
			var f, p, t csql.NodeHash
			if err := rows.Scan(&f, &p, &t); err != nil {
				rows.Close()
				return err
			}
			fn(f, p, t)
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
