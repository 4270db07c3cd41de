package graph

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// Filter narrows Relations. The zero Filter keeps every statement.
type Filter struct {
	// Predicates keeps statements with one of these predicates
	// ("hosts" or "rel:hosts"); empty keeps all.
	Predicates []string
	// Since and Until keep statements whose time falls in the interval,
	// both ends included. They are ISO 8601 dates, partial allowed
	// ("2012", "2022-09", "2022-09-07"); empty leaves that end open. An
	// event is compared on its date; a standing relation on its
	// since–until interval (an open end runs on), which must overlap the
	// filter's. A statement with no date at all is dropped when either is
	// set.
	Since, Until string
	// Direction keeps statements where the entity is the subject (Out),
	// the object (In), or either (Both, the zero value).
	Direction Direction
}

// ErrBadDate is returned for a filter date that is not ISO 8601.
var ErrBadDate = errors.New("not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)")

// Relations returns the statements in which the entity iri is subject or
// object, as f allows, sorted by date (undated last), then predicate,
// subject, object and document. Subject and Object carry what the store
// knows of each entity (name, type, ISO3, CAMEO). Negated statements are
// included, marked Negated. It fails with ErrNotFound when the store has
// nothing about the entity.
func (s *Store) Relations(ctx context.Context, iri string, f Filter) (_ []schema.Statement, err error) {
	since, until, err := f.bounds()
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}
	roles, preds, err := statementFilter(iri, f.Direction, f.Predicates)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}

	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}
	defer unlock()
	defer s.guard(&err)

	// On bolt and memstore the statements about an entity are kept until
	// the next write, sorted, for every filter of dates.
	gen, key := s.gen.Load(), fmt.Sprint(iriOf(iri), roles, preds)
	stmts, ok := s.relations.get(gen, key)
	ok = ok && s.kept() == nil
	if !ok || s.pg != nil {
		ref, err := s.qs.ValueOf(iriOf(iri))
		if err != nil {
			return nil, fmt.Errorf("relations of %s: %w", iri, err)
		} else if ref == nil {
			return nil, fmt.Errorf("relations of %s: %w", iri, ErrNotFound)
		}
		if stmts, err = s.statementsAbout(ctx, ref, roles, preds); err != nil {
			return nil, fmt.Errorf("relations of %s: %w", iri, err)
		}
		slices.SortFunc(stmts, statementCompare)
		if s.pg == nil {
			s.relations.put(gen, key, stmts, len(stmts))
		}
	}
	out := make([]schema.Statement, 0, len(stmts))
	for _, st := range stmts {
		if (since != "" || until != "") && !inTime(st, since, until) {
			continue
		}
		out = append(out, st)
	}
	return out, nil
}

// statementsAbout reads the statements whose role (geo:subject,
// geo:object) is the entity node ent, for each of roles, and whose
// predicate is one of preds (any when there are none). It does the work of
// StatementNodes and then reads each node once, in bulk:
//
//   - the statement nodes are found through the quads that point at ent
//     with a role predicate (on bolt, the object–predicate index; on
//     PostgreSQL, one query), not by a path whose Has filters read every
//     candidate's quads once more;
//   - their quads are read once, together (nodeProps), and the type and
//     predicate filters are applied to what was read;
//   - a statement node's own IRI is read only to name it in an error;
//   - each distinct entity the statements name is resolved once, the
//     facts of all of them together (entitiesOf).
func (s *Store) statementsAbout(ctx context.Context, ent cgraph.Ref, roles, preds []quad.Value) ([]schema.Statement, error) {
	nodes, err := s.pointingAt(ctx, ent, roles)
	if err != nil {
		return nil, fmt.Errorf("find statement nodes: %w", err)
	}
	stmts, _, err := s.statementsOf(ctx, nodes, preds)
	return stmts, err
}

// statementsOf reads the statement nodes nodes, as statementsAbout does,
// and returns their statements with, for each, the index in nodes of its
// node; nodes that are not statements, or whose predicate is not one of
// preds (when there are any), are left out.
func (s *Store) statementsOf(ctx context.Context, nodes []cgraph.Ref, preds []quad.Value) ([]schema.Statement, []int, error) {
	props, labels, err := s.nodeProps(ctx, nodes)
	if err != nil {
		return nil, nil, fmt.Errorf("read %d statement nodes: %w", len(nodes), err)
	}
	// Keep the statement nodes, as Has(rdf:type, geo:Statement) and
	// Has(geo:predicate, preds...) would.
	var kept []int
	for i, p := range props {
		if hasValue(p[schema.RDFType], quad.IRI(schema.StatementType)) && (len(preds) == 0 || hasAnyValue(p[schema.PredicateProp], preds)) {
			kept = append(kept, i)
		}
	}
	// The entities the statements name, each once, with the label (the
	// article) of the first statement that names each.
	var iris []string
	where := make(map[string]cgraph.Ref)
	for _, i := range kept {
		for _, role := range []string{schema.Subject, schema.Object} {
			vs := props[i][role]
			if len(vs) == 0 {
				continue
			}
			e := schema.ValueString(vs[0])
			if _, ok := where[e]; e == "" || ok {
				continue
			}
			iris = append(iris, e)
			where[e] = nil
			if labels != nil {
				where[e] = labels[i]
			}
		}
	}
	ents, err := s.entitiesOf(ctx, iris, where)
	if err != nil {
		return nil, nil, err
	}
	entity := func(iri string) schema.Entity {
		if iri == "" {
			return schema.Entity{}
		}
		return ents[iri]
	}
	out := make([]schema.Statement, 0, len(kept))
	for _, i := range kept {
		st, err := schema.StatementFromProps("", props[i], entity)
		if err != nil {
			// Read the node's IRI only now, to name it.
			vals, verr := s.valuesOf(ctx, nodes[i:i+1])
			if verr != nil {
				return nil, nil, verr
			}
			_, err = schema.StatementFromProps(schema.ValueString(vals[0]), props[i], entity)
			return nil, nil, err
		}
		out = append(out, st)
	}
	return out, kept, ctx.Err()
}

// nodeProps returns the properties of each of nodes, as propsOf does, and
// on bolt also the label of one quad of each node (nil elsewhere): the
// article a statement node comes from.
func (s *Store) nodeProps(ctx context.Context, nodes []cgraph.Ref) ([]map[string][]quad.Value, []cgraph.Ref, error) {
	if s.pg != nil {
		// A few queries per part, the parts on their own connections.
		props := make([]map[string][]quad.Value, len(nodes))
		err := inParallel(len(nodes), func(lo, hi int) error {
			ps, err := s.propsOf(ctx, nodes[lo:hi])
			copy(props[lo:hi], ps)
			return err
		})
		return props, nil, err
	}
	if _, kv := s.qs.(*ckv.QuadStore); !kv {
		props, err := s.propsOf(ctx, nodes)
		return props, nil, err
	}
	ids := make([]uint64, len(nodes))
	for i, n := range nodes {
		id, ok := n.(ckv.Int64Value)
		if !ok {
			props, err := s.propsOf(ctx, nodes)
			return props, nil, err
		}
		ids[i] = uint64(id)
	}
	return s.kvProps(ctx, ids)
}

// link is one quad of a node, as the bolt store's ids of its predicate,
// object and label.
type link struct{ p, o, l uint64 }

// kvProps reads the properties of the bolt store's nodes ids: each node's
// quads through the subject–predicate index, as ids, then every distinct
// predicate and object once. Both steps run on several goroutines (see
// inParallel), each with its own bolt read transaction.
func (s *Store) kvProps(ctx context.Context, ids []uint64) ([]map[string][]quad.Value, []cgraph.Ref, error) {
	links := make([][]link, len(ids))
	err := inParallel(len(ids), func(lo, hi int) error {
		for i := lo; i < hi; i++ {
			if err := ctx.Err(); err != nil {
				return err
			}
			ls, err := s.kvLinks(ctx, ids[i])
			if err != nil {
				return err
			}
			links[i] = ls
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}

	// Every distinct predicate and object, read once.
	slot := make(map[uint64]int)
	var distinct []cgraph.Ref
	for _, ls := range links {
		for _, l := range ls {
			for _, x := range [2]uint64{l.p, l.o} {
				if _, ok := slot[x]; !ok {
					slot[x] = len(distinct)
					distinct = append(distinct, ckv.Int64Value(x))
				}
			}
		}
	}
	vals := make([]quad.Value, len(distinct))
	err = inParallel(len(distinct), func(lo, hi int) error {
		vs, err := s.valuesOf(ctx, distinct[lo:hi])
		copy(vals[lo:hi], vs)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	names := make(map[int]string) // predicate slot → IRI
	props := make([]map[string][]quad.Value, len(ids))
	labels := make([]cgraph.Ref, len(ids))
	for i, ls := range links {
		if len(ls) == 0 {
			continue
		}
		if ls[0].l != 0 {
			labels[i] = ckv.Int64Value(ls[0].l)
		}
		m := make(map[string][]quad.Value, len(ls))
		dup := repeats(ls)
		for j, l := range ls {
			pi, oi := slot[l.p], slot[l.o]
			if vals[pi] == nil || vals[oi] == nil || dup[j] {
				continue
			}
			name, ok := names[pi]
			if !ok {
				name = schema.ValueString(vals[pi])
				names[pi] = name
			}
			m[name] = append(m[name], vals[oi])
		}
		for _, vs := range m {
			if len(vs) > 1 {
				sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
			}
		}
		props[i] = m
	}
	return props, labels, nil
}

// repeats marks the quads of ls whose predicate and object an earlier quad
// has (another article's copy of it).
func repeats(ls []link) []bool {
	out := make([]bool, len(ls))
	if len(ls) <= 32 { // a statement node has a dozen quads
		for j := range ls {
			for _, l := range ls[:j] {
				if l.p == ls[j].p && l.o == ls[j].o {
					out[j] = true
					break
				}
			}
		}
		return out
	}
	seen := make(map[[2]uint64]bool, len(ls))
	for j, l := range ls {
		out[j] = seen[[2]uint64{l.p, l.o}]
		seen[[2]uint64{l.p, l.o}] = true
	}
	return out
}

// kvLinks reads the quads whose subject is the bolt store's node id.
func (s *Store) kvLinks(ctx context.Context, id uint64) ([]link, error) {
	it := s.qs.QuadIterator(quad.Subject, ckv.Int64Value(id)).Iterate()
	defer it.Close()
	var out []link
	for it.Next(ctx) {
		l, err := s.kvLink(it.Result())
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, it.Err()
}

// kvLink returns the ids of a bolt store's quad reference.
func (s *Store) kvLink(q cgraph.Ref) (link, error) {
	if p, ok := q.(*cproto.Primitive); ok {
		return link{p.Predicate, p.Object, p.Label}, nil
	}
	var ids [3]uint64
	for i, d := range []quad.Direction{quad.Predicate, quad.Object, quad.Label} {
		r, err := s.qs.QuadDirection(q, d)
		if err != nil {
			return link{}, err
		}
		if v, ok := r.(ckv.Int64Value); ok {
			ids[i] = uint64(v)
		}
	}
	return link{ids[0], ids[1], ids[2]}, nil
}

// maxReadWorkers caps the goroutines inParallel starts.
const maxReadWorkers = 8

// inParallel splits [0, n) into contiguous parts, at least 256 items
// each, and runs fn on each part in its own goroutine, one per CPU and at
// most maxReadWorkers. It returns the first error of a part.
func inParallel(n int, fn func(lo, hi int) error) error {
	w := min(runtime.GOMAXPROCS(0), maxReadWorkers, n/256)
	if w <= 1 {
		return fn(0, n)
	}
	errs := make([]error, w)
	var wg sync.WaitGroup
	for k := range w {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[k] = fn(k*n/w, (k+1)*n/w)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func hasValue(vs []quad.Value, v quad.Value) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}

func hasAnyValue(vs, want []quad.Value) bool {
	for _, v := range want {
		if hasValue(vs, v) {
			return true
		}
	}
	return false
}

// when returns the date a statement is sorted on: its date, or for a
// standing relation with no date its since.
func when(s schema.Statement) string {
	if s.Date != "" {
		return s.Date
	}
	return s.Since
}

func statementLess(a, b schema.Statement) bool { return statementCompare(a, b) < 0 }

// statementCompare orders statements as Relations returns them: by date
// (undated last), predicate, subject, object, document and span. Two
// statement nodes differ in one of those (they make its IRI), so the order
// does not depend on the order they were read in, and sorting need not be
// stable.
func statementCompare(a, b schema.Statement) int {
	if c := keyCompare(keyOf(a), keyOf(b), false); c != 0 {
		return c
	}
	return cmp.Compare(a.Evidence, b.Evidence)
}

// inTime reports whether the statement's time overlaps [since, until],
// bounds given as full dates from dateBound ("" for open).
func inTime(s schema.Statement, since, until string) bool {
	var lo, hi string
	switch {
	case s.Since != "" || s.Until != "":
		lo, hi = lowDate(s.Since), highDate(s.Until)
	case validDate(s.Date):
		lo, hi = lowDate(s.Date), highDate(s.Date)
	default:
		return false // no time we can read
	}
	if since != "" && hi != "" && hi < since {
		return false
	}
	if until != "" && lo != "" && lo > until {
		return false
	}
	return true
}

// bounds validates a filter's Since and Until and returns them as the
// first and the last day they name ("" for none).
func (f Filter) bounds() (since, until string, err error) {
	if since, err = dateBound(f.Since, false); err != nil {
		return "", "", fmt.Errorf("since: %w", err)
	}
	if until, err = dateBound(f.Until, true); err != nil {
		return "", "", fmt.Errorf("until: %w", err)
	}
	return since, until, nil
}

// dateBound validates a partial ISO date and returns its first day, or its
// last day when high is set; "" stays "".
func dateBound(d string, high bool) (string, error) {
	if d == "" {
		return "", nil
	}
	if !validDate(d) {
		return "", fmt.Errorf("%q: %w", d, ErrBadDate)
	}
	if high {
		return highDate(d), nil
	}
	return lowDate(d), nil
}

func validDate(d string) bool {
	num := func(s string, lo, hi int) bool {
		n, err := strconv.Atoi(s)
		return err == nil && n >= lo && n <= hi
	}
	switch len(d) {
	case 4:
		return num(d, 0, 9999)
	case 7:
		return d[4] == '-' && num(d[:4], 0, 9999) && num(d[5:], 1, 12)
	case 10:
		return d[4] == '-' && d[7] == '-' && num(d[:4], 0, 9999) && num(d[5:7], 1, 12) && num(d[8:], 1, 31)
	}
	return false
}

// lowDate extends a partial date to its first day: "2012" → "2012-01-01".
// An unparsable date, such as one from a document's text that is not ISO,
// is taken as unknown ("").
func lowDate(d string) string {
	if !validDate(d) {
		return ""
	}
	return d + "0000-01-01"[len(d):]
}

// highDate extends a partial date to its last day, near enough for string
// comparison: "2012" → "2012-12-31", "2022-02" → "2022-02-31".
func highDate(d string) string {
	if !validDate(d) {
		return ""
	}
	return d + "0000-12-31"[len(d):]
}
