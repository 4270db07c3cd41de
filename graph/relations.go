package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"

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
func (s *Store) Relations(ctx context.Context, iri string, f Filter) ([]schema.Statement, error) {
	since, err := dateBound(f.Since, false)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: since: %w", iri, err)
	}
	until, err := dateBound(f.Until, true)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: until: %w", iri, err)
	}
	p, err := s.StatementNodes(iri, f.Direction, f.Predicates...)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}

	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}
	defer unlock()

	if ref, err := s.qs.ValueOf(iriOf(iri)); err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	} else if ref == nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, ErrNotFound)
	}
	// The statement nodes, each once, read together.
	var nodes []cgraph.Ref
	seen := make(map[interface{}]bool)
	err = p.Iterate(ctx).Each(func(r cgraph.Ref) error {
		if k := refs.ToKey(r); !seen[k] {
			seen[k] = true
			nodes = append(nodes, r)
		}
		return nil
	})
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}
	names, err := s.valuesOf(ctx, nodes)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}
	props, err := s.propsOf(ctx, nodes)
	if err != nil {
		return nil, fmt.Errorf("relations of %s: %w", iri, err)
	}
	cache := s.newEntityCache(ctx)
	out := make([]schema.Statement, 0, len(nodes))
	for i := range nodes {
		st, err := schema.StatementFromProps(schema.ValueString(names[i]), props[i], cache.get)
		if err != nil {
			return nil, fmt.Errorf("relations of %s: %w", iri, err)
		}
		if cache.err != nil {
			return nil, fmt.Errorf("relations of %s: %w", iri, cache.err)
		}
		if (since != "" || until != "") && !inTime(st, since, until) {
			continue
		}
		out = append(out, st)
	}
	sort.SliceStable(out, func(i, j int) bool { return statementLess(out[i], out[j]) })
	return out, nil
}

// when returns the date a statement is sorted on: its date, or for a
// standing relation with no date its since.
func when(s schema.Statement) string {
	if s.Date != "" {
		return s.Date
	}
	return s.Since
}

func statementLess(a, b schema.Statement) bool {
	wa, wb := when(a), when(b)
	switch {
	case wa != wb && wa == "":
		return false
	case wa != wb && wb == "":
		return true
	case wa != wb:
		return wa < wb
	case a.Predicate != b.Predicate:
		return a.Predicate < b.Predicate
	case a.Subject.IRI != b.Subject.IRI:
		return a.Subject.IRI < b.Subject.IRI
	case a.Object.IRI != b.Object.IRI:
		return a.Object.IRI < b.Object.IRI
	case a.Doc != b.Doc:
		return a.Doc < b.Doc
	}
	return a.Span[0] < b.Span[0]
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
