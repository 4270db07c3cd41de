package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"

	"github.com/geokg/geokg/internal/textdist"
)

// parentPredicates are the predicates that link an entity to the state it
// belongs to, in the order Entity prefers them.
var parentPredicates = []string{"part_of", "media_of", "head_of_government_of", "head_of_state_of", "minister_of"}

// Entity returns what the store knows of the entity iri ("ent:albania"):
// its name, kind, ISO3 and CAMEO codes, aliases and parent state. It fails
// with ErrNotFound when the store has no facts about it.
func (s *Store) Entity(ctx context.Context, iri string) (schema.Entity, error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return schema.Entity{}, fmt.Errorf("entity %s: %w", iri, err)
	}
	defer unlock()
	return s.entity(ctx, iri)
}

func (s *Store) entity(ctx context.Context, iri string) (schema.Entity, error) {
	v := iriOf(iri)
	props, err := s.props(ctx, v)
	if err != nil {
		return schema.Entity{}, fmt.Errorf("entity %s: %w", iri, err)
	}
	e, ok := entityFromProps(string(v), props)
	if !ok {
		return schema.Entity{}, fmt.Errorf("entity %s: %w", iri, ErrNotFound)
	}
	return e, nil
}

// entityFromProps reads an entity's facts. It reports false when the node
// has neither an entity kind nor a name, so is no entity.
func entityFromProps(iri string, props map[string][]quad.Value) (schema.Entity, bool) {
	first := func(p string) string {
		if vs := props[p]; len(vs) > 0 {
			return schema.ValueString(vs[0])
		}
		return ""
	}
	e := schema.Entity{IRI: iri, Name: first(schema.Name), ISO3: first(schema.ISO3), CAMEO: first(schema.CAMEO)}
	for _, t := range props[schema.RDFType] {
		if k, ok := schema.ParseKind(strings.TrimPrefix(schema.ValueString(t), "geo:")); ok {
			e.Type = k
			break
		}
	}
	if e.Type == "" && e.Name == "" {
		return schema.Entity{}, false
	}
	for _, a := range props[schema.Alias] {
		e.Aliases = append(e.Aliases, schema.ValueString(a))
	}
	for _, name := range parentPredicates {
		p, _ := schema.LookupPredicate(name)
		if vs := props[p.IRI()]; len(vs) > 0 {
			e.Parent, e.ParentPredicate = schema.ValueString(vs[0]), name
			break
		}
	}
	return e, true
}

// entityCache resolves entity IRIs for one call, reading each once. An IRI
// the store has no facts about resolves to an entity holding only its IRI.
type entityCache struct {
	s    *Store
	ctx  context.Context
	m    map[string]schema.Entity
	err  error
	full bool // keep aliases and parent; statements drop them
}

func (s *Store) newEntityCache(ctx context.Context) *entityCache {
	return &entityCache{s: s, ctx: ctx, m: make(map[string]schema.Entity)}
}

func (c *entityCache) get(iri string) schema.Entity {
	if iri == "" {
		return schema.Entity{}
	}
	if e, ok := c.m[iri]; ok {
		return e
	}
	var props map[string][]quad.Value
	var err error
	if c.full {
		props, err = c.s.props(c.ctx, iriOf(iri))
	} else {
		props, err = c.s.entityFacts(c.ctx, iriOf(iri))
	}
	if err != nil && c.err == nil {
		c.err = err
	}
	e, ok := entityFromProps(iri, props)
	if !ok {
		e = schema.Entity{IRI: iri}
	}
	if !c.full {
		e.Aliases, e.Parent, e.ParentPredicate = nil, "", ""
	}
	c.m[iri] = e
	return e
}

// FindEntities returns up to limit entities matching q, best first: the
// entity whose IRI q is ("ent:iran", or a name that slugs to it), then
// exact names, exact aliases, names starting with q, names containing q,
// aliases containing q, and last names or aliases within a few edits of q
// (one edit per four letters). Case, accents and
// punctuation are ignored. A limit of zero or less returns every match.
func (s *Store) FindEntities(ctx context.Context, q string, limit int) ([]schema.Entity, error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", q, err)
	}
	defer unlock()

	key := schema.Slug(strings.TrimPrefix(string(iriOf(q)), "ent:"))
	if key == "" {
		return nil, nil
	}
	all, err := values(ctx, s.qs, s.EntityNodes())
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", q, err)
	}
	type match struct {
		e     schema.Entity
		score int
		dist  int
	}
	var found []match
	cache := s.newEntityCache(ctx)
	cache.full = true
	for _, id := range all {
		e := cache.get(id)
		if cache.err != nil {
			return nil, fmt.Errorf("find entities %q: %w", q, cache.err)
		}
		if score, dist, ok := matchEntity(e, string(iriOf(q)), key); ok {
			found = append(found, match{e, score, dist})
		}
	}
	sort.Slice(found, func(i, j int) bool {
		a, b := found[i], found[j]
		if a.score != b.score {
			return a.score < b.score
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		if a.e.Name != b.e.Name {
			return a.e.Name < b.e.Name
		}
		return a.e.IRI < b.e.IRI
	})
	if limit > 0 && len(found) > limit {
		found = found[:limit]
	}
	out := make([]schema.Entity, len(found))
	for i, m := range found {
		out[i] = m.e
	}
	return out, nil
}

// matchEntity scores how well e matches the query (raw as given, key its
// slug): lower is better.
func matchEntity(e schema.Entity, raw, key string) (score, dist int, ok bool) {
	name := schema.Slug(e.Name)
	aliases := make([]string, len(e.Aliases))
	for i, a := range e.Aliases {
		aliases[i] = schema.Slug(a)
	}
	switch {
	case e.IRI == raw || e.IRI == "ent:"+key:
		return 0, 0, true
	case name == key:
		return 1, 0, true
	case contains(aliases, func(a string) bool { return a == key }):
		return 2, 0, true
	case strings.HasPrefix(name, key):
		return 3, len(name) - len(key), true
	case strings.Contains(name, key):
		return 4, len(name), true
	case contains(aliases, func(a string) bool { return strings.Contains(a, key) }):
		return 5, len(name), true
	}
	best := -1
	for _, c := range append([]string{name}, aliases...) {
		if d := textdist.Levenshtein(c, key, -1); best < 0 || d < best {
			best = d
		}
	}
	if best >= 0 && best <= max(1, len(key)/4) {
		return 6, best, true
	}
	return 0, 0, false
}

func contains(ss []string, f func(string) bool) bool {
	for _, s := range ss {
		if f(s) {
			return true
		}
	}
	return false
}

// factSample is how many values of each fact entityFacts reads. Every
// document that mentions an entity restates its facts, so a hub entity of a
// large store has thousands of copies of each; they agree unless documents
// were ingested with gazetteers that disagree, and then which one a
// statement shows is unspecified.
const factSample = 16

// entityFacts reads the facts a statement shows of an entity (kind, name,
// ISO3 and CAMEO codes), a few values of each, without reading the rest of
// what the store says about it.
func (s *Store) entityFacts(ctx context.Context, v quad.Value) (map[string][]quad.Value, error) {
	ref, err := s.qs.ValueOf(v)
	if err != nil || ref == nil {
		return nil, err
	}
	out := make(map[string][]quad.Value)
	for _, p := range []string{schema.RDFType, schema.Name, schema.ISO3, schema.CAMEO} {
		vals, err := path.StartPathNodes(s.qs, ref).Out(quad.IRI(p)).Iterate(ctx).Limit(factSample).AllValues(s.qs)
		if err != nil {
			return nil, fmt.Errorf("facts of %s: %w", v, err)
		}
		seen := make(map[string]bool)
		for _, x := range vals {
			if k := x.String(); !seen[k] {
				seen[k] = true
				out[p] = append(out[p], x)
			}
		}
		sort.Slice(out[p], func(i, j int) bool { return out[p][i].String() < out[p][j].String() })
	}
	return out, nil
}
