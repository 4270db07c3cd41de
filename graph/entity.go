package graph

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/cayley/query/path"
	"github.com/cayleygraph/quad"
	"github.com/lib/pq"

	"github.com/geokg/geokg/schema"

	"github.com/geokg/geokg/internal/textdist"
)

// parentPredicates are the predicates that link an entity to the state it
// belongs to, in the order Entity prefers them.
var parentPredicates = []string{"part_of", "media_of", "head_of_government_of", "head_of_state_of", "minister_of"}

// Entity returns what the store knows of the entity iri ("ent:albania"):
// its name, kind, ISO3 and CAMEO codes, aliases and parent state. It fails
// with ErrNotFound when the store has no facts about it.
func (s *Store) Entity(ctx context.Context, iri string) (_ schema.Entity, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return schema.Entity{}, fmt.Errorf("entity %s: %w", iri, err)
	}
	defer unlock()
	defer s.guard(&err)
	return s.entity(ctx, iri)
}

func (s *Store) entity(ctx context.Context, iri string) (schema.Entity, error) {
	v := iriOf(iri)
	if s.pg == nil {
		e, ok, err := s.lookupEntity(ctx, string(v))
		if err != nil {
			return schema.Entity{}, fmt.Errorf("entity %s: %w", iri, err)
		}
		if !ok {
			return schema.Entity{}, fmt.Errorf("entity %s: %w", iri, ErrNotFound)
		}
		return e, nil
	}
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

// lookupEntity returns the entity iri of a bolt or memstore store with
// its facts (aliases and parent included), as the entity index holds it,
// and false when the store has no entity iri (no kind, no name). It reads
// that entity's facts only, through the store's subject–predicate index
// (entityProps), not the whole entity index, so that a name looked up on a
// store just opened costs what the entity costs; what it read it keeps
// until the next write (Store.ents). The caller holds the read lock.
func (s *Store) lookupEntity(ctx context.Context, iri string) (schema.Entity, bool, error) {
	if err := s.kept(); err != nil {
		return schema.Entity{}, false, err
	}
	gen := s.gen.Load()
	if ix := s.entities.peek(gen); ix != nil {
		e, ok := ix.lookup(iri)
		return e, ok, nil
	}
	if e, ok := s.ents.get(gen, iri); ok {
		return e, e.IRI != "", nil
	}
	props, err := s.entityProps(ctx, iriOf(iri))
	if err != nil {
		return schema.Entity{}, false, err
	}
	e, ok := entityFromProps(iri, props)
	s.ents.put(gen, iri, e, 1) // the zero Entity when there is none
	return e, ok, nil
}

// entityProps returns what props returns for the node v, restricted to
// the predicates entityFromProps reads (kind, name, codes, aliases and the
// links to a parent state). On bolt it reads them through the
// subject–predicate index, one (node, predicate) at a time, so that a hub
// entity's thousands of relation edges are not read; elsewhere it reads
// all of props.
func (s *Store) entityProps(ctx context.Context, v quad.Value) (map[string][]quad.Value, error) {
	if _, kv := s.qs.(*ckv.QuadStore); !kv {
		return s.props(ctx, v)
	}
	ref, err := s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("look up %s: %w", v, err)
	}
	if ref == nil {
		return nil, nil
	}
	preds := []string{schema.RDFType, schema.Name, schema.ISO3, schema.CAMEO, schema.Alias}
	for _, name := range parentPredicates {
		p, _ := schema.LookupPredicate(name)
		preds = append(preds, p.IRI())
	}
	type pair struct{ p, o cgraph.Ref }
	var pairs []pair
	seen := make(map[[2]any]bool)
	for _, pv := range preds {
		p, err := s.qs.ValueOf(quad.IRI(pv))
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", pv, err)
		}
		if p == nil {
			continue
		}
		err = s.eachEdge(ctx, quad.Subject, ref, p, func(q cgraph.Ref) error {
			o, err := s.qs.QuadDirection(q, quad.Object)
			if err != nil {
				return err
			}
			if k := [2]any{refs.ToKey(p), refs.ToKey(o)}; !seen[k] {
				seen[k] = true
				pairs = append(pairs, pair{p, o})
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("properties of %s: %w", v, err)
		}
	}
	b := newRefBatch()
	for _, x := range pairs {
		b.add(x.p, x.o)
	}
	if err := b.read(ctx, s); err != nil {
		return nil, fmt.Errorf("properties of %s: %w", v, err)
	}
	out := make(map[string][]quad.Value)
	for _, x := range pairs {
		pv, ov := b.value(x.p), b.value(x.o)
		if pv == nil || ov == nil {
			continue
		}
		name := schema.ValueString(pv)
		out[name] = append(out[name], ov)
	}
	for _, vs := range out {
		sort.Slice(vs, func(i, j int) bool { return vs[i].String() < vs[j].String() })
	}
	return out, nil
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
		if k, ok := schema.KindOfIRI(schema.ValueString(t)); ok {
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
	full bool         // keep aliases and parent; statements drop them
	ix   *entityIndex // the store's entities, when read already; nil: none
	// lookup resolves each entity with lookupEntity (bolt and memstore),
	// when ix is nil.
	lookup bool
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
	if c.ix != nil || c.lookup {
		var e schema.Entity
		var ok bool
		if c.ix != nil {
			e, ok = c.ix.lookup(iri)
		} else {
			var err error
			if e, ok, err = c.s.lookupEntity(c.ctx, iri); err != nil && c.err == nil {
				c.err = err
			}
		}
		if ok {
			if !c.full {
				e.Aliases, e.Parent, e.ParentPredicate = nil, "", ""
			}
			c.m[iri] = e
			return e
		}
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
// exact names, exact aliases, names starting with q, aliases starting
// with q, names or aliases with a word starting with q ("guard" finds
// Islamic Revolutionary Guard Corps), names containing q, aliases
// containing q, and last names or aliases within a few edits of q (one
// edit per four letters). Case, accents and
// punctuation are ignored. A limit of zero or less returns every match.
func (s *Store) FindEntities(ctx context.Context, q string, limit int) (_ []schema.Entity, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", q, err)
	}
	defer unlock()
	defer s.guard(&err)

	key := schema.Slug(schema.EntitySlug(string(iriOf(q))))
	if key == "" {
		return nil, nil
	}
	if limit == 1 && s.pg == nil {
		// The best match of all, when there is one, is the entity whose
		// IRI q is or slugs to: looked up alone, without the index of
		// every entity.
		e, ok, err := s.entityCalled(ctx, string(iriOf(q)), key)
		if err != nil {
			return nil, fmt.Errorf("find entities %q: %w", q, err)
		}
		if ok {
			return []schema.Entity{e}, nil
		}
	}
	all, err := s.allEntities(ctx)
	if err != nil {
		return nil, fmt.Errorf("find entities %q: %w", q, err)
	}
	type match struct {
		e     schema.Entity
		score int
		dist  int
	}
	var found []match
	for _, e := range all {
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

// entityCalled returns the entity FindEntities ranks first among those
// whose IRI is raw or the entity IRI of the slug key (the matches of
// matchEntity's best score), looking each up alone (lookupEntity); false
// when the store has neither as an entity of a kind (as EntityNodes finds
// them).
func (s *Store) entityCalled(ctx context.Context, raw, key string) (schema.Entity, bool, error) {
	var best schema.Entity
	found := false
	for _, iri := range []string{raw, schema.EntityPrefix + key} {
		if !schema.IsEntityIRI(iri) {
			continue
		}
		e, ok, err := s.lookupEntity(ctx, iri)
		if err != nil {
			return schema.Entity{}, false, err
		}
		if !ok || e.Type == "" {
			continue
		}
		if !found || e.Name < best.Name || (e.Name == best.Name && e.IRI < best.IRI) {
			best, found = e, true
		}
	}
	return best, found, nil
}

// allEntities returns every entity with its facts (aliases and parent
// included); the caller holds the read lock and does not change them. On
// bolt and memstore the list is kept until the next write (see memo):
// searches match names against it in memory instead of reading every
// entity's facts each time, so a name the store does not know costs what
// a known one does.
func (s *Store) allEntities(ctx context.Context) ([]schema.Entity, error) {
	if s.pg != nil {
		return s.readEntities(ctx)
	}
	ix, err := s.entityIndex(ctx)
	if err != nil {
		return nil, err
	}
	return ix.all, nil
}

// entityIndex is every entity of a bolt or memstore store, as
// allEntities returns them, and where each stands by IRI.
type entityIndex struct {
	all   []schema.Entity
	byIRI map[string]int
}

// entityIndex returns the entities of a bolt or memstore store, kept
// until the next write; the caller holds the read lock.
func (s *Store) entityIndex(ctx context.Context) (*entityIndex, error) {
	if err := s.kept(); err != nil {
		return nil, err
	}
	return s.entities.get(s.gen.Load(), func() (*entityIndex, error) {
		all, err := s.readEntities(ctx)
		if err != nil {
			return nil, err
		}
		ix := &entityIndex{all: all, byIRI: make(map[string]int, len(all))}
		for i, e := range all {
			ix.byIRI[e.IRI] = i
		}
		return ix, nil
	})
}

// lookup returns the entity iri, when the index holds it as one (with a
// kind or a name).
func (ix *entityIndex) lookup(iri string) (schema.Entity, bool) {
	i, ok := ix.byIRI[iri]
	if !ok || (ix.all[i].Type == "" && ix.all[i].Name == "") {
		return schema.Entity{}, false
	}
	return ix.all[i], true
}

// readEntities reads every entity with its facts.
func (s *Store) readEntities(ctx context.Context) ([]schema.Entity, error) {
	ids, err := values(ctx, s.qs, s.EntityNodes())
	if err != nil {
		return nil, err
	}
	cache := s.newEntityCache(ctx)
	cache.full = true
	all := make([]schema.Entity, 0, len(ids))
	for _, id := range ids {
		e := cache.get(id)
		if cache.err != nil {
			return nil, cache.err
		}
		all = append(all, e)
	}
	return all, nil
}

// matchEntity scores how well e matches the query (raw as given, key its
// slug): lower is better.
func matchEntity(e schema.Entity, raw, key string) (score, dist int, ok bool) {
	name := schema.Slug(e.Name)
	aliases := make([]string, len(e.Aliases))
	for i, a := range e.Aliases {
		aliases[i] = schema.Slug(a)
	}
	wordPrefix := func(slug string) bool {
		for _, w := range strings.Split(slug, "_") {
			if strings.HasPrefix(w, key) {
				return true
			}
		}
		return false
	}
	switch {
	case e.IRI == raw || e.IRI == schema.EntityPrefix+key:
		return 0, 0, true
	case name == key:
		return 1, 0, true
	case contains(aliases, func(a string) bool { return a == key }):
		return 2, 0, true
	case strings.HasPrefix(name, key):
		return 3, len(name) - len(key), true
	case contains(aliases, func(a string) bool { return strings.HasPrefix(a, key) }):
		return 4, len(name), true
	case wordPrefix(name) || contains(aliases, wordPrefix):
		return 5, len(name), true
	case strings.Contains(name, key):
		return 6, len(name), true
	case contains(aliases, func(a string) bool { return strings.Contains(a, key) }):
		return 7, len(name), true
	}
	best := -1
	for _, c := range append([]string{name}, aliases...) {
		if d := textdist.Levenshtein(c, key, -1); best < 0 || d < best {
			best = d
		}
	}
	if best >= 0 && best <= max(1, len(key)/4) {
		return 8, best, true
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

// entitiesOf resolves the entities iris as a statement shows them (name,
// kind, ISO3 and CAMEO codes), each once: an IRI the store has no facts
// about resolves to an entity holding only its IRI. It reads the facts of
// all of them together, and then every distinct value once.
//
// Every article restates the facts of the entities it names, so a hub
// entity has thousands of copies of each; which copy a statement shows is
// unspecified (they agree unless articles were ingested with gazetteers
// that disagree). On bolt they are read from the copy of one article that
// names the entity, where (optional) gives its label (see kvFacts); on
// PostgreSQL from up to factSample copies of each fact (pgFacts); in
// memory entityFacts reads each entity.
func (s *Store) entitiesOf(ctx context.Context, iris []string, where map[string]cgraph.Ref) (map[string]schema.Entity, error) {
	out := make(map[string]schema.Entity, len(iris))
	_, kv := s.qs.(*ckv.QuadStore)
	if !kv && s.pg == nil {
		for _, iri := range iris {
			props, err := s.entityFacts(ctx, iriOf(iri))
			if err != nil {
				return nil, err
			}
			out[iri] = statementEntity(iri, props)
		}
		return out, nil
	}

	var (
		facts []cgraph.Ref // the fact predicates the store has
		ents  []cgraph.Ref // the entities the store has
		named []string     // their IRIs
	)
	for _, p := range entityFactPredicates() {
		r, err := s.qs.ValueOf(p)
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", p, err)
		}
		if r != nil {
			facts = append(facts, r)
		}
	}
	for _, iri := range iris {
		r, err := s.qs.ValueOf(iriOf(iri))
		if err != nil {
			return nil, fmt.Errorf("look up %s: %w", iri, err)
		}
		if r == nil {
			out[iri] = schema.Entity{IRI: iri}
			continue
		}
		ents = append(ents, r)
		named = append(named, iri)
	}

	// (entity, predicate, value) as references, each once.
	type fact struct{ ent, pred, val cgraph.Ref }
	var found []fact
	seen := make(map[[3]interface{}]bool)
	add := func(e, p, v cgraph.Ref) {
		if k := [3]interface{}{refs.ToKey(e), refs.ToKey(p), refs.ToKey(v)}; !seen[k] {
			seen[k] = true
			found = append(found, fact{e, p, v})
		}
	}
	if s.pg != nil {
		index := make(map[interface{}]cgraph.Ref, len(ents))
		for _, e := range ents {
			h, err := s.pgHash(e)
			if err != nil {
				return nil, err
			}
			index[h] = e
		}
		err := s.pgFacts(ctx, ents, facts, func(e, p, v cgraph.Ref) { add(index[e], p, v) })
		if err != nil {
			return nil, fmt.Errorf("facts of %d entities: %w", len(ents), err)
		}
	} else {
		for i, e := range ents {
			if err := s.kvFacts(ctx, e, where[named[i]], facts, func(p, v cgraph.Ref) { add(e, p, v) }); err != nil {
				return nil, fmt.Errorf("facts of %s: %w", named[i], err)
			}
		}
	}

	// Every distinct predicate and value, read once.
	b := newRefBatch()
	for _, f := range found {
		b.add(f.pred, f.val)
	}
	if err := b.read(ctx, s); err != nil {
		return nil, fmt.Errorf("facts of %d entities: %w", len(ents), err)
	}
	props := make(map[interface{}]map[string][]quad.Value, len(ents))
	for _, f := range found {
		p, v := b.value(f.pred), b.value(f.val)
		if p == nil || v == nil {
			continue
		}
		k := refs.ToKey(f.ent)
		if props[k] == nil {
			props[k] = make(map[string][]quad.Value)
		}
		name := schema.ValueString(p)
		props[k][name] = append(props[k][name], v)
	}
	for i, e := range ents {
		m := props[refs.ToKey(e)]
		for _, vs := range m {
			sort.Slice(vs, func(a, b int) bool { return vs[a].String() < vs[b].String() })
		}
		out[named[i]] = statementEntity(named[i], m)
	}
	return out, ctx.Err()
}

// kvFacts reads the facts of the bolt store's entity e and calls fn with
// the predicate and value of each. When label is not nil and the store has
// the label–subject index (stores made before geokg added it do not), they
// come from the copy that the article label states, a dozen quads; a fact
// that copy lacks, or every fact without the index, comes from the first
// few copies (factSample) through the subject–predicate index, which for
// a fact no article states reads nothing.
func (s *Store) kvFacts(ctx context.Context, e, label cgraph.Ref, facts []cgraph.Ref, fn func(p, v cgraph.Ref)) error {
	have := make(map[interface{}]bool, len(facts)) // the facts the article's copy gave
	if label != nil && s.hasLabelIndex() {
		isFact := make(map[interface{}]bool, len(facts))
		for _, p := range facts {
			isFact[refs.ToKey(p)] = true
		}
		err := s.eachQuadOf(ctx, label, e, func(p, v cgraph.Ref) {
			if k := refs.ToKey(p); isFact[k] {
				have[k] = true
				fn(p, v)
			}
		})
		if err != nil {
			return err
		}
	}
	for _, p := range facts {
		if have[refs.ToKey(p)] {
			continue
		}
		n := 0
		err := s.eachEdge(ctx, quad.Subject, e, p, func(q cgraph.Ref) error {
			v, err := s.qs.QuadDirection(q, quad.Object)
			if err != nil {
				return err
			}
			fn(p, v)
			if n++; n >= factSample {
				return errEnough
			}
			return nil
		})
		if err != nil && !errors.Is(err, errEnough) {
			return err
		}
	}
	return nil
}

// pgFacts reads, in one query per batch of entities, up to factSample
// quads of each entity and each of preds (which ones is PostgreSQL's
// choice), through the subject–predicate–object index, and calls fn with
// the entity, the predicate and the value of each distinct one.
func (s *Store) pgFacts(ctx context.Context, ents, preds []cgraph.Ref, fn func(ent, pred, val cgraph.Ref)) error {
	hashes := func(rs []cgraph.Ref) ([][]byte, error) {
		out := make([][]byte, 0, len(rs))
		for _, r := range rs {
			h, err := s.pgHash(r)
			if err != nil {
				return nil, err
			}
			out = append(out, h.ValueHash[:])
		}
		return out, nil
	}
	eh, err := hashes(ents)
	if err != nil {
		return err
	}
	ph, err := hashes(preds)
	if err != nil {
		return err
	}
	q := fmt.Sprintf(`SELECT DISTINCT e.h, p.h, f.object_hash FROM unnest($1::bytea[]) AS e(h) CROSS JOIN unnest($2::bytea[]) AS p(h)
		CROSS JOIN LATERAL (SELECT object_hash FROM quads WHERE subject_hash = e.h AND predicate_hash = p.h LIMIT %d) AS f`, factSample)
	for start := 0; start < len(eh); start += pgBatch {
		rows, err := s.pg.QueryContext(ctx, q, pq.ByteaArray(eh[start:min(start+pgBatch, len(eh))]), pq.ByteaArray(ph))
		if err != nil {
			return err
		}
		for rows.Next() {
			var e, p, v csql.NodeHash
			if err := rows.Scan(&e, &p, &v); err != nil {
				rows.Close()
				return err
			}
			fn(e, p, v)
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

// hasLabelIndex reports whether the store is a bolt store with geokg's
// label–subject index (see labelIndex): stores made before it have none.
func (s *Store) hasLabelIndex() bool {
	_, ok := s.qs.QuadIterator(quad.Label, ckv.Int64Value(1)).(*ckv.QuadIterator)
	return ok
}

// eachQuadOf calls fn with the predicate and object of every quad of the
// bolt store whose label is label and whose subject is node, read through
// the label–subject index, which the store must have.
func (s *Store) eachQuadOf(ctx context.Context, label, node cgraph.Ref, fn func(p, o cgraph.Ref)) error {
	l, ok1 := label.(ckv.Int64Value)
	n, ok2 := node.(ckv.Int64Value)
	if !ok1 || !ok2 {
		return fmt.Errorf("unexpected node references %T, %T", label, node)
	}
	it := ckv.IndexScan{Index: labelIndex, Values: []uint64{uint64(l), uint64(n)}}.BuildIterator(s.qs).Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q := it.Result()
		p, err := s.qs.QuadDirection(q, quad.Predicate)
		if err != nil {
			return err
		}
		o, err := s.qs.QuadDirection(q, quad.Object)
		if err != nil {
			return err
		}
		fn(p, o)
	}
	if err := it.Err(); err != nil {
		return err
	}
	return ctx.Err()
}

// errEnough stops a walk that has read what it needs.
var errEnough = errors.New("enough")

// entityFactPredicates are the facts of an entity that a statement shows.
func entityFactPredicates() []quad.Value {
	return []quad.Value{quad.IRI(schema.RDFType), quad.IRI(schema.Name), quad.IRI(schema.ISO3), quad.IRI(schema.CAMEO)}
}

// statementEntity is the entity iri with the facts props, as a statement
// shows it: without aliases or parent.
func statementEntity(iri string, props map[string][]quad.Value) schema.Entity {
	e, ok := entityFromProps(iri, props)
	if !ok {
		return schema.Entity{IRI: iri}
	}
	e.Aliases, e.Parent, e.ParentPredicate = nil, "", ""
	return e
}
