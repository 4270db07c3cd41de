package schema

import (
	"errors"
	"fmt"
	"strconv"

	"github.com/cayleygraph/quad"
)

// ErrUnknownPredicate is wrapped by the errors of Quads for a predicate
// the vocabulary does not know.
var ErrUnknownPredicate = errors.New("unknown predicate")

// IRIs of the classes and properties geokg writes besides entities and
// predicates.
const (
	RDFType       = "rdf:type"
	StatementType = "geo:Statement"
	ArticleType   = "schema:NewsArticle"
	Name          = "schema:name"
	URL           = "schema:url"
	Headline      = "schema:headline"
	DatePublished = "schema:datePublished"
	Alias         = "geo:alias"
	Learned       = "geo:learned"
	ISO3          = "geo:iso3"
	CAMEO         = "geo:cameo"
	Subject       = "geo:subject"
	PredicateProp = "geo:predicate"
	Object        = "geo:object"
	Date          = "geo:date"
	Since         = "geo:since"
	Until         = "geo:until"
	Evidence      = "geo:evidence"
	Confidence    = "geo:confidence"
	Negated       = "geo:negated"
	Modality      = "geo:modality"
	SpanStart     = "geo:spanStart"
	SpanEnd       = "geo:spanEnd"
	AttributedTo  = "geo:attributedTo"
	DocumentProp  = "geo:document"
	XSDFloat      = "xsd:float"
)

// Quads returns every quad a document contributes to the graph, each
// labelled with the document's IRI:
//
//   - the document's facts (type, url, headline, datePublished);
//   - for each statement not negated, the direct edge subject→predicate→object
//     that path queries walk;
//   - for each statement, its statement node holding what the edge cannot
//     (date, since, until, CAMEO code, evidence, confidence, span, source);
//   - the facts of every entity the statements name (type, name, aliases
//     seen, ISO3, CAMEO actor code, the link to its parent state).
//
// The order is stable, and duplicates are dropped. A statement whose
// predicate the vocabulary does not know is an error wrapping
// ErrUnknownPredicate, and no quads are returned: an edge <rel:> would
// name no relation.
func Quads(doc Document, stmts []Statement) ([]quad.Quad, error) {
	b := quadBuilder{label: quad.IRI(doc.ID), seen: make(map[quad.Quad]bool)}
	d := quad.IRI(doc.ID)
	b.add(d, RDFType, quad.IRI(ArticleType))
	b.str(d, URL, doc.URL)
	b.str(d, Headline, doc.Title)
	b.str(d, DatePublished, doc.Published)

	entities := make(map[string]Entity)
	var order []string
	note := func(e Entity) {
		prev, ok := entities[e.IRI]
		if !ok {
			order = append(order, e.IRI)
			prev = e
			prev.Aliases = nil
		}
		if prev.Role != "" && e.Role == "" {
			prev.CAMEO, prev.Role = e.CAMEO, ""
		}
		if prev.Parent == "" && e.Parent != "" {
			prev.Parent, prev.ParentPredicate = e.Parent, e.ParentPredicate
		}
		prev.Learned = prev.Learned || e.Learned
		prev.Aliases = append(prev.Aliases, e.Aliases...)
		entities[e.IRI] = prev
	}
	for i, s := range stmts {
		p, ok := LookupPredicate(s.Predicate)
		if !ok {
			return nil, fmt.Errorf("quads of %s: statement %d (%s %s %s): %w %q", doc.ID, i+1, s.Subject.IRI, s.Predicate, s.Object.IRI, ErrUnknownPredicate, s.Predicate)
		}
		if s.Asserted() {
			b.add(quad.IRI(s.Subject.IRI), p.IRI(), quad.IRI(s.Object.IRI))
		}
		n := quad.IRI(s.ID())
		b.add(n, RDFType, quad.IRI(StatementType))
		b.add(n, Subject, quad.IRI(s.Subject.IRI))
		b.add(n, PredicateProp, quad.IRI(p.IRI()))
		b.add(n, Object, quad.IRI(s.Object.IRI))
		b.str(n, Date, s.Date)
		b.str(n, Since, s.Since)
		b.str(n, Until, s.Until)
		b.str(n, CAMEO, s.CAMEO)
		b.str(n, Evidence, s.Evidence)
		b.add(n, Confidence, quad.TypedString{Value: quad.String(strconv.FormatFloat(s.Confidence, 'g', -1, 64)), Type: XSDFloat})
		if s.Negated {
			b.str(n, Negated, "true")
		}
		b.str(n, Modality, s.Modality)
		b.str(n, SpanStart, strconv.Itoa(s.Span[0]))
		b.str(n, SpanEnd, strconv.Itoa(s.Span[1]))
		b.str(n, AttributedTo, s.AttributedTo)
		b.add(n, DocumentProp, d)
		note(s.Subject)
		note(s.Object)
	}
	for _, iri := range order {
		e := entities[iri]
		n := quad.IRI(e.IRI)
		b.add(n, RDFType, quad.IRI(e.Type.IRI()))
		b.str(n, Name, e.Name)
		for _, a := range e.Aliases {
			b.str(n, Alias, a)
		}
		b.str(n, ISO3, e.ISO3)
		if e.Learned {
			b.str(n, Learned, "true")
		}
		if e.Role == "" {
			b.str(n, CAMEO, e.CAMEO)
		}
		if e.Parent != "" && e.ParentPredicate != "" {
			p, ok := LookupPredicate(e.ParentPredicate)
			if !ok {
				return nil, fmt.Errorf("quads of %s: entity %s: parent link: %w %q", doc.ID, e.IRI, ErrUnknownPredicate, e.ParentPredicate)
			}
			b.add(n, p.IRI(), quad.IRI(e.Parent))
		}
	}
	return b.quads, nil
}

type quadBuilder struct {
	label quad.Value
	seen  map[quad.Quad]bool
	quads []quad.Quad
}

func (b *quadBuilder) add(s quad.Value, p string, o quad.Value) {
	q := quad.Quad{Subject: s, Predicate: quad.IRI(p), Object: o, Label: b.label}
	if b.seen[q] {
		return
	}
	b.seen[q] = true
	b.quads = append(b.quads, q)
}

// str adds a string-valued property, skipping empty values: absent means
// unknown.
func (b *quadBuilder) str(s quad.Value, p, v string) {
	if v != "" {
		b.add(s, p, quad.String(v))
	}
}

// StatementFromProps rebuilds a statement from its node's properties, as a
// store returns them: property IRI → values. ent resolves an entity IRI to
// the entity (name, kind, codes) the store knows.
func StatementFromProps(id string, props map[string][]quad.Value, ent func(iri string) Entity) (Statement, error) {
	first := func(p string) string {
		vs := props[p]
		if len(vs) == 0 {
			return ""
		}
		return ValueString(vs[0])
	}
	s := Statement{
		Subject:      ent(first(Subject)),
		Object:       ent(first(Object)),
		Date:         first(Date),
		Since:        first(Since),
		Until:        first(Until),
		CAMEO:        first(CAMEO),
		Evidence:     first(Evidence),
		Negated:      first(Negated) == "true",
		Modality:     first(Modality),
		Doc:          first(DocumentProp),
		AttributedTo: first(AttributedTo),
	}
	p, ok := LookupPredicate(first(PredicateProp))
	if !ok {
		return Statement{}, fmt.Errorf("statement %s: unknown predicate %q", id, first(PredicateProp))
	}
	s.Predicate = p.Name
	if c := first(Confidence); c != "" {
		f, err := strconv.ParseFloat(c, 64)
		if err != nil {
			return Statement{}, fmt.Errorf("statement %s: confidence %q: %w", id, c, err)
		}
		s.Confidence = f
	}
	s.Span[0], _ = strconv.Atoi(first(SpanStart))
	s.Span[1], _ = strconv.Atoi(first(SpanEnd))
	return s, nil
}

// ValueString returns the plain text of a quad value: an IRI without angle
// brackets, a string or typed string without quotes or type.
func ValueString(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	default:
		return quad.StringOf(v)
	}
}
