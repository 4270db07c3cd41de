package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// ProblemKind names one kind of inconsistency Verify finds.
type ProblemKind string

// The problems Verify reports.
const (
	// ProblemUnlabelled: a quad with no label. Every quad geokg writes is
	// labelled with the document it comes from.
	ProblemUnlabelled ProblemKind = "unlabelled-quad"
	// ProblemNoDocument: quads labelled with a document that has no
	// document node (<doc:d> <rdf:type> <schema:NewsArticle> <doc:d>).
	ProblemNoDocument ProblemKind = "label-without-document"
	// ProblemEdgeWithoutStatement: a direct edge with no statement node in
	// its document that says it (not negated).
	ProblemEdgeWithoutStatement ProblemKind = "edge-without-statement"
	// ProblemStatementWithoutEdge: a statement node, not negated, whose
	// direct edge its document does not hold.
	ProblemStatementWithoutEdge ProblemKind = "statement-without-edge"
	// ProblemStatementIncomplete: a statement node without exactly one
	// type, subject, predicate, object and document.
	ProblemStatementIncomplete ProblemKind = "statement-incomplete"
	// ProblemStatementDocument: a statement whose geo:document is not its
	// label, or names no stored document.
	ProblemStatementDocument ProblemKind = "statement-document"
	// ProblemStatementLabels: a statement node whose quads carry more than
	// one label.
	ProblemStatementLabels ProblemKind = "statement-labels"
	// ProblemEntityFacts: an entity a statement names that lacks its
	// <rdf:type> or <schema:name>, both in the statement's document and
	// among the entity's own facts (labelled with the entity).
	ProblemEntityFacts ProblemKind = "entity-facts-missing"
	// ProblemEntityLabel: a quad labelled with an entity that is not one
	// of that entity's facts (its subject is another node, or it is a
	// relation).
	ProblemEntityLabel ProblemKind = "entity-label"
	// ProblemOrphanFacts: facts labelled with an entity that no stored
	// statement names; they go with the last article naming it.
	ProblemOrphanFacts ProblemKind = "entity-facts-orphan"
)

// Problem is one inconsistency in a store.
type Problem struct {
	Kind    ProblemKind `json:"kind"`
	Doc     string      `json:"doc,omitempty"`  // the document (label) concerned, "doc:…"
	Node    string      `json:"node,omitempty"` // the statement or entity concerned
	Message string      `json:"message"`        // what is wrong, with the IRIs
}

// String returns "kind: message".
func (p Problem) String() string { return string(p.Kind) + ": " + p.Message }

// VerifyReport is what Verify checked and found.
type VerifyReport struct {
	Quads      int       `json:"quads"`
	Documents  int       `json:"documents"`
	Statements int       `json:"statements"`
	Edges      int       `json:"edges"`
	Problems   []Problem `json:"problems"`
}

// OK reports whether Verify found no problem.
func (r VerifyReport) OK() bool { return len(r.Problems) == 0 }

// Verify checks that the store is consistent, reading every quad once:
//
//   - every quad carries a label, and every label is a stored document
//     (<doc:d> <rdf:type> <schema:NewsArticle> <doc:d>) or an entity
//     whose facts the store keeps once (see WriteDocument): the quads
//     labelled with an entity are its own facts, and some statement names
//     it;
//   - every direct edge <ent:a> <rel:p> <ent:b> <doc:d> has a statement
//     node in document d, not negated, with that subject, predicate and
//     object; the links of an organ, official or medium to its state that
//     entity facts carry (part_of, media_of, head_of_state_of,
//     head_of_government_of, minister_of) need none when their subject's
//     facts are in the same document or labelled with the subject;
//   - every statement node that is not negated has its direct edge in its
//     document;
//   - every statement node has one rdf:type, subject, predicate, object and
//     geo:document, all its quads carry one label, and its geo:document is
//     that label;
//   - every entity a statement names has its <rdf:type> and <schema:name>
//     in the statement's document or among its own facts;
//   - on PostgreSQL, the index of entities' statements and its counts
//     (pgrels.go) hold what the statement nodes say (verifyRels);
//   - on bolt, every node's value hashes to the node (no bytes changed
//     inside a value), and the subject and object indexes list every
//     quad under the nodes it names and no other (no node id changed
//     inside a quad); see valuecheck.go.
//
// It returns the problems in a stable order. Verify holds the store's read
// lock while it runs, so writers wait for it.
func (s *Store) Verify(ctx context.Context) (_ VerifyReport, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return VerifyReport{}, fmt.Errorf("verify: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	v := newVerifier()
	var content *contentChecker
	if _, kv := s.qs.(*ckv.QuadStore); kv {
		content = newContentChecker()
	}
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return VerifyReport{}, fmt.Errorf("verify: read quad: %w", err)
		}
		v.add(q)
		if content != nil {
			if err := content.add(s, it.Result(), q); err != nil {
				return VerifyReport{}, fmt.Errorf("verify: read quad: %w", err)
			}
		}
	}
	if err := it.Err(); err != nil {
		return VerifyReport{}, fmt.Errorf("verify: read quads: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return VerifyReport{}, fmt.Errorf("verify: %w", err)
	}
	r := v.report()
	if content != nil {
		ps, err := content.problems(ctx, s)
		if err != nil {
			return VerifyReport{}, fmt.Errorf("verify: %w", err)
		}
		r.Problems = append(ps, r.Problems...)
	}
	if s.rels != nil {
		ps, err := s.verifyRels(ctx)
		if err != nil {
			return VerifyReport{}, fmt.Errorf("verify: %w", err)
		}
		r.Problems = append(r.Problems, ps...)
	}
	return r, nil
}

// docFacts is what one label holds that Verify checks.
type docFacts struct {
	typed    bool                 // the document node's rdf:type
	edges    map[[3]string]bool   // direct edges: subject, predicate, object IRIs
	entities map[string]*entFacts // entity IRI → facts in this document
}

type entFacts struct{ typed, named bool }

// stmtFacts collects a statement node's properties across labels.
type stmtFacts struct {
	labels                          map[string]bool
	types, subj, pred, obj, docProp []quad.Value
	negated                         bool
}

type verifier struct {
	quads      int
	unlabelled []quad.Quad
	docs       map[string]*docFacts
	stmts      map[string]*stmtFacts
	// ents holds the facts labelled with an entity, by its label; strays,
	// the quads so labelled that are no facts of that entity.
	ents   map[string]*entFacts
	strays []quad.Quad
}

func newVerifier() *verifier {
	return &verifier{docs: make(map[string]*docFacts), stmts: make(map[string]*stmtFacts), ents: make(map[string]*entFacts)}
}

// addFact files a quad labelled with an entity, label: one of its facts,
// or a stray.
func (v *verifier) addFact(label string, q quad.Quad) {
	p := schema.ValueString(q.Predicate)
	if q.Subject == nil || q.Subject.String() != label || schema.IsPredicateIRI(p) {
		v.strays = append(v.strays, q)
		return
	}
	noteFact(v.ents, label, p)
}

// noteFact files the fact predicate p of the entity key in facts.
func noteFact(facts map[string]*entFacts, key, p string) {
	e := facts[key]
	if e == nil {
		e = &entFacts{}
		facts[key] = e
	}
	switch p {
	case schema.RDFType:
		e.typed = true
	case schema.Name:
		e.named = true
	}
}

func (v *verifier) doc(label string) *docFacts {
	d := v.docs[label]
	if d == nil {
		d = &docFacts{edges: make(map[[3]string]bool), entities: make(map[string]*entFacts)}
		v.docs[label] = d
	}
	return d
}

// add files one quad.
func (v *verifier) add(q quad.Quad) {
	v.quads++
	if q.Label == nil {
		v.unlabelled = append(v.unlabelled, q)
		return
	}
	label := q.Label.String()
	if schema.IsEntityIRI(schema.ValueString(q.Label)) {
		v.addFact(label, q)
		return
	}
	d := v.doc(label)
	subj, isIRI := q.Subject.(quad.IRI)
	pred := schema.ValueString(q.Predicate)
	if !isIRI {
		return
	}
	sub := string(subj)
	switch {
	case schema.IsStatementIRI(sub):
		st := v.stmts[sub]
		if st == nil {
			st = &stmtFacts{labels: make(map[string]bool)}
			v.stmts[sub] = st
		}
		st.labels[label] = true
		switch pred {
		case schema.RDFType:
			st.types = append(st.types, q.Object)
		case schema.Subject:
			st.subj = append(st.subj, q.Object)
		case schema.PredicateProp:
			st.pred = append(st.pred, q.Object)
		case schema.Object:
			st.obj = append(st.obj, q.Object)
		case schema.DocumentProp:
			st.docProp = append(st.docProp, q.Object)
		case schema.Negated:
			st.negated = st.negated || schema.ValueString(q.Object) == "true"
		case schema.Modality:
			st.negated = st.negated || schema.ValueString(q.Object) != "" // an intention makes no edge either
		}
	case schema.IsEntityIRI(sub):
		if _, ok := schema.LookupPredicate(pred); ok && schema.IsPredicateIRI(pred) {
			d.edges[[3]string{sub, pred, q.Object.String()}] = true
			return
		}
		noteFact(d.entities, sub, pred)
	case pred == schema.RDFType && q.Subject.String() == label && schema.ValueString(q.Object) == schema.ArticleType:
		d.typed = true
	}
}

// parentLink reports whether predicate p may link an actor to its state
// in the entity facts, with no statement behind it.
func parentLink(p string) bool {
	switch schema.PredicateName(p) {
	case "part_of", "media_of", "head_of_state_of", "head_of_government_of", "minister_of":
		return true
	}
	return false
}

func iri(s string) string { return "<" + s + ">" }

// valueText writes a quad's value for a message; a direction the store
// lost (a torn write) shows as (missing).
func valueText(v quad.Value) string {
	if v == nil {
		return "(missing)"
	}
	return v.String()
}

// report runs the checks over what add collected.
func (v *verifier) report() VerifyReport {
	r := VerifyReport{Quads: v.quads, Statements: len(v.stmts)}
	var ps []Problem
	add := func(k ProblemKind, doc, node, format string, args ...any) {
		ps = append(ps, Problem{Kind: k, Doc: strings.Trim(doc, "<>"), Node: node, Message: fmt.Sprintf(format, args...)})
	}
	for _, q := range v.unlabelled {
		add(ProblemUnlabelled, "", "", "%s %s %s has no label", valueText(q.Subject), valueText(q.Predicate), valueText(q.Object))
	}
	for _, q := range v.strays {
		add(ProblemEntityLabel, "", schema.ValueString(q.Label), "%s %s %s is labelled %s, but is no fact of that entity", valueText(q.Subject), valueText(q.Predicate), valueText(q.Object), q.Label)
	}
	named := make(map[string]bool) // entities some statement names
	for _, st := range v.stmts {
		for _, e := range append(append([]quad.Value(nil), st.subj...), st.obj...) {
			named[e.String()] = true
		}
	}
	for label := range v.ents {
		if !named[label] {
			add(ProblemOrphanFacts, "", strings.Trim(label, "<>"), "facts labelled %s, but no statement names %s", label, label)
		}
	}
	for label, d := range v.docs {
		if d.typed {
			r.Documents++
		} else {
			add(ProblemNoDocument, label, "", "quads labelled %s, but no %s <%s> <%s> %s", label, label, schema.RDFType, schema.ArticleType, label)
		}
		r.Edges += len(d.edges)
	}

	// What each document's statements say, to match against its edges.
	said := make(map[string]map[[3]string]bool)
	// Entities lacking facts: document, entity, what it lacks → the
	// statements naming it there, reported once per entity and document.
	unnamed := make(map[[3]string][]string)
	var unnamedOrder [][3]string
	for id, st := range v.stmts {
		node := iri(id)
		labels := sortedKeys(st.labels)
		if len(labels) > 1 {
			add(ProblemStatementLabels, labels[0], id, "statement %s has quads labelled %s", node, strings.Join(labels, " and "))
		}
		var missing []string
		for _, f := range []struct {
			name string
			vals []quad.Value
		}{{schema.RDFType, st.types}, {schema.Subject, st.subj}, {schema.PredicateProp, st.pred}, {schema.Object, st.obj}, {schema.DocumentProp, st.docProp}} {
			switch len(f.vals) {
			case 0:
				missing = append(missing, "no <"+f.name+">")
			case 1:
			default:
				missing = append(missing, fmt.Sprintf("%d values of <%s>", len(f.vals), f.name))
			}
		}
		if len(st.types) == 1 && schema.ValueString(st.types[0]) != schema.StatementType {
			missing = append(missing, fmt.Sprintf("type %s, not <%s>", st.types[0], schema.StatementType))
		}
		if len(missing) > 0 {
			add(ProblemStatementIncomplete, labels[0], id, "statement %s in %s: %s", node, labels[0], strings.Join(missing, ", "))
		}
		for _, dp := range st.docProp {
			dv := dp.String()
			if !st.labels[dv] {
				add(ProblemStatementDocument, labels[0], id, "statement %s says <%s> %s but is labelled %s", node, schema.DocumentProp, dv, strings.Join(labels, " and "))
			}
			if d := v.docs[dv]; d == nil || !d.typed {
				add(ProblemStatementDocument, labels[0], id, "statement %s: its document %s is not stored (no %s <%s> <%s>)", node, dv, dv, schema.RDFType, schema.ArticleType)
			}
		}
		if len(st.subj) != 1 || len(st.pred) != 1 || len(st.obj) != 1 {
			continue
		}
		// The same form as the edges' keys: subject and predicate bare,
		// the object as N-Quads writes it.
		triple := [3]string{schema.ValueString(st.subj[0]), schema.ValueString(st.pred[0]), st.obj[0].String()}
		for _, label := range home(st, labels) {
			d := v.docs[label]
			for _, e := range []quad.Value{st.subj[0], st.obj[0]} {
				ent := schema.ValueString(e)
				f := d.entities[ent]
				if own := v.ents[e.String()]; own != nil {
					merged := entFacts{typed: own.typed, named: own.named}
					if f != nil {
						merged.typed, merged.named = merged.typed || f.typed, merged.named || f.named
					}
					f = &merged
				}
				var lack string
				switch {
				case f == nil || !f.typed && !f.named:
					lack = "<" + schema.RDFType + "> and no <" + schema.Name + ">"
				case !f.typed:
					lack = "<" + schema.RDFType + ">"
				case !f.named:
					lack = "<" + schema.Name + ">"
				default:
					continue
				}
				k := [3]string{label, e.String(), lack}
				if unnamed[k] == nil {
					unnamedOrder = append(unnamedOrder, k)
				}
				unnamed[k] = append(unnamed[k], node)
			}
			if st.negated {
				continue
			}
			if said[label] == nil {
				said[label] = make(map[[3]string]bool)
			}
			said[label][triple] = true
			if !d.edges[triple] {
				add(ProblemStatementWithoutEdge, label, id, "statement %s says %s %s %s, but %s has no such edge", node, st.subj[0], st.pred[0], st.obj[0], label)
			}
		}
	}
	for _, k := range unnamedOrder {
		stmts := unnamed[k]
		sort.Strings(stmts)
		by := "statement " + stmts[0]
		if len(stmts) > 1 {
			by = fmt.Sprintf("%d statements (first %s)", len(stmts), stmts[0])
		}
		add(ProblemEntityFacts, k[0], strings.Trim(k[1], "<>"), "entity %s has no %s in %s, where %s name%s it", k[1], k[2], k[0], by, map[bool]string{true: "s", false: ""}[len(stmts) == 1])
	}
	for label, d := range v.docs {
		for e := range d.edges {
			if said[label][e] {
				continue
			}
			if parentLink(e[1]) {
				if f := d.entities[e[0]]; f != nil && f.typed {
					continue
				}
				if f := v.ents[iri(e[0])]; f != nil && f.typed {
					continue
				}
			}
			add(ProblemEdgeWithoutStatement, label, e[0], "%s <%s> %s %s: no statement in %s says it", iri(e[0]), e[1], e[2], label, label)
		}
	}
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Doc != ps[j].Doc {
			return ps[i].Doc < ps[j].Doc
		}
		if ps[i].Kind != ps[j].Kind {
			return ps[i].Kind < ps[j].Kind
		}
		return ps[i].Message < ps[j].Message
	})
	r.Problems = ps
	return r
}

// home returns the labels a statement's edge and entities are looked for
// in: its geo:document where that is one of its labels, else every label.
func home(st *stmtFacts, labels []string) []string {
	var out []string
	for _, dp := range st.docProp {
		if st.labels[dp.String()] {
			out = append(out, dp.String())
		}
	}
	if len(out) == 0 {
		return labels
	}
	sort.Strings(out)
	return out
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
