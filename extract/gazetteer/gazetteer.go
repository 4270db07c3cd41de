package gazetteer

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/geokg/geokg/schema"
)

// data holds the built-in actors, one file per sort of actor.
//
//go:embed data/*.tsv
var data embed.FS

// Gazetteer resolves names to actors and finds actors in tokenised
// sentences. It is immutable once built, so one value is safe for
// concurrent use; With returns a new one.
type Gazetteer struct {
	raw     []Actor        // as given, one per IRI, in order
	actors  []Actor        // raw with codes and defaults filled in
	byIRI   map[string]int // entity IRI → index in actors
	root    *node          // token trie for Match
	lookup  map[string][]entry
	agents  *agentIndex
	members *agentIndex
}

// entry is one surface form of an actor (or a stop phrase, actor -1).
type entry struct {
	actor    int
	form     Form
	spelling []string // the form's words as written
	abbrev   bool     // all capitals: exact case only
	alone    bool     // a short form or capital: only standing alone
}

func (e entry) stop() bool { return e.actor < 0 }

// rank orders entries for one key: stop phrases, then by form, then by the
// actor's position.
func (e entry) less(f entry) bool {
	if e.stop() != f.stop() {
		return e.stop()
	}
	if e.form.rank() != f.form.rank() {
		return e.form.rank() < f.form.rank()
	}
	return e.actor < f.actor
}

// node is a trie node over word keys.
type node struct {
	next    map[string]*node
	entries []entry
}

var builtin = sync.OnceValues(func() (*Gazetteer, error) {
	actors, errs := parseBuiltin()
	if len(errs) > 0 {
		return nil, fmt.Errorf("built-in gazetteer: %w", errors.Join(errs...))
	}
	return New(actors...), nil
})

// Builtin returns the gazetteer built from the data embedded in the
// package. The data is parsed once per process; every call returns the same
// immutable value.
func Builtin() (*Gazetteer, error) { return builtin() }

// parseBuiltin parses every embedded data file, in name order.
func parseBuiltin() ([]Actor, []error) {
	names, err := fs.Glob(data, "data/*.tsv")
	if err != nil {
		return nil, []error{fmt.Errorf("list built-in data: %w", err)}
	}
	slices.Sort(names)
	var (
		all  []Actor
		errs []error
	)
	for _, name := range names {
		f, err := data.Open(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("open %s: %w", name, err))
			continue
		}
		actors, perrs := Parse(f, path.Base(name))
		f.Close()
		all = append(all, actors...)
		errs = append(errs, perrs...)
	}
	return all, errs
}

// New returns a gazetteer of the given actors. An actor whose name has the
// same IRI as an earlier one replaces it. Every gazetteer also knows the
// built-in table of generic organs and offices (see Agents).
//
// New fills in what the data may leave out: a parent_predicate of part_of
// where a parent is given; a Country's CAMEO code from its ISO3 code; an
// actor's ISO3 code from the state it belongs to (through its parents); and
// the CAMEO code of an actor with a role from its state's code and the role
// (White House: USA + GOV → USAGOV). Actors returns the filled-in actors.
func New(actors ...Actor) *Gazetteer {
	g := &Gazetteer{byIRI: make(map[string]int)}
	for _, a := range actors {
		a = a.clone()
		if i, ok := g.byIRI[a.IRI()]; ok {
			g.raw[i] = a
			continue
		}
		g.byIRI[a.IRI()] = len(g.raw)
		g.raw = append(g.raw, a)
	}
	g.build()
	return g
}

// With returns a copy of g with actors added; an actor whose name has the
// same IRI as one g knows replaces it, in place. g is unchanged.
func (g *Gazetteer) With(actors ...Actor) *Gazetteer {
	all := make([]Actor, 0, len(g.raw)+len(actors))
	all = append(all, g.raw...)
	all = append(all, actors...)
	return New(all...)
}

func (g *Gazetteer) build() {
	g.actors = make([]Actor, len(g.raw))
	for i := range g.raw {
		g.actors[i] = g.resolve(i)
	}
	g.root = &node{}
	g.lookup = make(map[string][]entry)
	for i, a := range g.actors {
		organ := a.isOrgan()
		add := func(s string, f Form, alone bool) {
			abbrev := isAbbrev(s)
			if f == Alias && abbrev {
				f = Abbrev
			}
			if organ && f != Demonym && f != Capital {
				f = Organ
			}
			g.add(s, entry{actor: i, form: f, spelling: words(s), abbrev: abbrev, alone: alone})
		}
		add(a.Name, Name, false)
		for _, s := range a.Aliases {
			add(s, Alias, false)
		}
		for _, s := range a.Short {
			add(s, Short, true)
		}
		for _, s := range a.Demonyms {
			add(s, Demonym, false)
		}
		for _, s := range a.Capitals {
			add(s, Capital, true)
		}
	}
	for _, s := range stopPhrases {
		g.add(s, entry{actor: -1, spelling: words(s)})
	}
	g.agents = builtinAgents()
	g.members = builtinMembers()
}

// add puts one surface form into the trie and, unless it is a stop phrase,
// the lookup index. A second form of the same actor with the same words
// keeps the better-ranked one.
func (g *Gazetteer) add(s string, e entry) {
	if len(e.spelling) == 0 {
		return
	}
	n := g.root
	for _, w := range e.spelling {
		k := keyOf(w)
		if n.next == nil {
			n.next = make(map[string]*node)
		}
		c := n.next[k]
		if c == nil {
			c = &node{}
			n.next[k] = c
		}
		n = c
	}
	n.entries = addEntry(n.entries, e, true)
	if !e.stop() {
		k := lookupKey(s)
		g.lookup[k] = addEntry(g.lookup[k], e, false)
	}
}

// addEntry adds e to es, keeping one entry per actor (per actor and
// spelling when exact is set, since the case rules need each spelling).
func addEntry(es []entry, e entry, exact bool) []entry {
	for i, o := range es {
		if o.actor != e.actor || exact && !slices.Equal(o.spelling, e.spelling) {
			continue
		}
		if e.less(o) {
			es[i] = e
		}
		return es
	}
	return append(es, e)
}

// resolve returns raw actor i with defaults and inherited codes filled in.
func (g *Gazetteer) resolve(i int) Actor {
	a := g.raw[i].clone()
	if a.Parent != "" && a.ParentPredicate == "" {
		a.ParentPredicate = "part_of"
	}
	if a.Kind == schema.Country && a.CAMEO == "" {
		a.CAMEO = a.ISO3
	}
	// Walk up the parents, at most a few steps (the data may hold a cycle).
	var state *Actor
	p := a
	for range 8 {
		if p.Parent == "" {
			break
		}
		j, ok := g.byIRI[schema.EntityIRI(p.Parent)]
		if !ok {
			break
		}
		p = g.raw[j]
		if a.ISO3 == "" && p.ISO3 != "" {
			a.ISO3 = p.ISO3
		}
		if p.Kind == schema.Country {
			state = &p
			break
		}
	}
	if a.CAMEO == "" && a.Role != "" && state != nil {
		code := state.CAMEO
		if code == "" {
			code = state.ISO3
		}
		if code != "" {
			a.CAMEO = code + a.Role
		}
	}
	return a
}

// Actors returns every actor, filled in as New describes, in the order
// given.
func (g *Gazetteer) Actors() []Actor {
	out := make([]Actor, len(g.actors))
	for i, a := range g.actors {
		out[i] = a.clone()
	}
	return out
}

// Len returns the number of actors.
func (g *Gazetteer) Len() int { return len(g.actors) }

// Get returns the actor with the entity IRI iri: "ent:iran" or
// "<ent:iran>"; a bare slug ("united_states") is read as "ent:" + slug.
func (g *Gazetteer) Get(iri string) (Actor, bool) {
	iri = strings.TrimSpace(iri)
	iri = strings.TrimSuffix(strings.TrimPrefix(iri, "<"), ">")
	if !schema.IsEntityIRI(iri) {
		iri = schema.EntityIRI(iri)
	}
	i, ok := g.byIRI[iri]
	if !ok {
		return Actor{}, false
	}
	return g.actors[i].clone(), true
}

// Lookup resolves a name as a user or a document gives it: the canonical
// name, an alias, an abbreviation, a short form, a demonym, a capital, or an
// entity IRI ("ent:united_states", "<ent:iran>"). Case, accents, dots, a
// leading "the" and the difference between hyphens and spaces don't matter:
// "us", "U.S." and "the United States" all give the United States. Where
// one form names two actors, the better form wins (a name over a demonym
// over a capital), then the actor listed first.
func (g *Gazetteer) Lookup(name string) (Actor, bool) {
	s := strings.TrimSpace(name)
	if t := strings.TrimSuffix(strings.TrimPrefix(s, "<"), ">"); schema.IsEntityIRI(t) {
		return g.Get(t)
	}
	es := g.lookup[lookupKey(s)]
	if len(es) == 0 {
		return Actor{}, false
	}
	best := es[0]
	for _, e := range es[1:] {
		if e.less(best) {
			best = e
		}
	}
	return g.actors[best.actor].clone(), true
}

// Check reports what is wrong across actors, where Parse can only see one
// line: a parent that names no actor, a parent_predicate outside the
// schema, and a key (a name, alias, demonym or capital as Lookup compares
// them) that names more than one actor. Such a key still works, by the
// order Lookup documents; Check says so, so that it is deliberate.
func (g *Gazetteer) Check() []error {
	var errs []error
	for _, a := range g.actors {
		if a.Parent != "" {
			if _, ok := g.byIRI[schema.EntityIRI(a.Parent)]; !ok {
				errs = append(errs, fmt.Errorf("%s: parent %q is not in the gazetteer", a.Name, a.Parent))
			}
		}
		if a.ParentPredicate != "" {
			if p, ok := schema.LookupPredicate(a.ParentPredicate); !ok || p.Kind != schema.State {
				errs = append(errs, fmt.Errorf("%s: parent_predicate %q is not a standing relation of the schema", a.Name, a.ParentPredicate))
			}
		}
	}
	ks := make([]string, 0, len(g.lookup))
	for k, es := range g.lookup {
		if len(es) > 1 {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	for _, k := range ks {
		var names []string
		for _, e := range g.lookup[k] {
			names = append(names, fmt.Sprintf("%s (%s)", g.actors[e.actor].Name, e.form))
		}
		errs = append(errs, fmt.Errorf("%q names %s", k, strings.Join(names, " and ")))
	}
	return errs
}
