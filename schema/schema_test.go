package schema_test

import (
	"errors"
	"fmt"
	"log"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

func TestSlug(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Albania", "albania"},
		{"United States", "united_states"},
		{"Côte d'Ivoire", "cote_d_ivoire"},
		{"  Mujahedin-e-Khalq ", "mujahedin_e_khalq"},
		{"People's Republic of China", "people_s_republic_of_china"},
		{"São Tomé and Príncipe", "sao_tome_and_principe"},
		{"---", ""},
	} {
		t.Run(tc.in, func(t *testing.T) {
			if got := schema.Slug(tc.in); got != tc.want {
				t.Errorf("Slug(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}

func TestDocumentIRI(t *testing.T) {
	a := schema.DocumentIRI("", "Albania cut  ties\nwith Iran.")
	b := schema.DocumentIRI("", "Albania cut ties with Iran.")
	if a != b {
		t.Errorf("white space changes the document IRI: %s vs %s", a, b)
	}
	if c := schema.DocumentIRI("", "Albania cut ties with Iraq."); c == a {
		t.Errorf("different texts share the IRI %s", a)
	}
	if got := schema.DocumentIRI("AFP-2022/09/07-1", "x"); got != "doc:afp_2022_09_07_1" {
		t.Errorf("source id IRI = %s", got)
	}
	if !strings.HasPrefix(a, "doc:") || len(a) != len("doc:")+16 {
		t.Errorf("hash IRI %q is not doc: + 16 hex digits", a)
	}
}

// TestVocabulary checks the predicate table is consistent: inverses point
// back at each other, CAMEO codes are digit strings, kinds and families are
// known.
func TestVocabulary(t *testing.T) {
	ps := schema.Predicates()
	if len(ps) < 30 {
		t.Fatalf("only %d predicates", len(ps))
	}
	for _, p := range ps {
		if p.Inverse != "" {
			inv, ok := schema.LookupPredicate(p.Inverse)
			if !ok || inv.Inverse != p.Name {
				t.Errorf("%s: inverse %q does not point back", p.Name, p.Inverse)
			}
		}
		if p.Symmetric && p.Inverse != "" {
			t.Errorf("%s: symmetric and with an inverse", p.Name)
		}
		for _, r := range p.CAMEO {
			if r < '0' || r > '9' {
				t.Errorf("%s: CAMEO code %q is not digits", p.Name, p.CAMEO)
			}
		}
		if p.Kind != schema.Event && p.Kind != schema.State {
			t.Errorf("%s: kind %q", p.Name, p.Kind)
		}
		if p.Family != schema.Cooperation && p.Family != schema.Conflict && p.Family != schema.Neutral {
			t.Errorf("%s: family %q", p.Name, p.Family)
		}
		if got, ok := schema.LookupPredicate(p.IRI()); !ok || got.Name != p.Name {
			t.Errorf("LookupPredicate(%q) = %v, %v", p.IRI(), got.Name, ok)
		}
	}
	for _, name := range []string{"severed_ties_with", "expelled_diplomats_of", "accused", "condemned", "denied", "requested", "threatened", "designated_terrorist", "delisted_terrorist", "attacked", "cyberattacked", "met_with", "consulted", "signed_agreement_with", "imposed_sanctions_on", "provided_aid_to", "hosts", "based_in", "fought_alongside", "ally_of", "opposes", "part_of", "head_of_state_of", "head_of_government_of", "minister_of", "media_of"} {
		if _, ok := schema.LookupPredicate(name); !ok {
			t.Errorf("DESIGN.md's predicate %s is missing", name)
		}
	}
}

func seedStatement() (schema.Document, schema.Statement) {
	doc := schema.Document{ID: "doc:seed", URL: "https://example.org/a", Title: "Albania cuts ties", Published: "2022-09-07"}
	alb := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB", Aliases: []string{"Albania"}}
	irn := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRNGOV", Role: "GOV", Aliases: []string{"Tehran"}}
	s := schema.Statement{Subject: alb, Predicate: "severed_ties_with", Object: irn, Date: "2022-09-07", CAMEO: "161",
		Confidence: 0.9, Evidence: "Albania has cut diplomatic ties with Iran.", Span: [2]int{3, 45}, Doc: doc.ID}
	return doc, s
}

func TestQuads(t *testing.T) {
	doc, s := seedStatement()
	qs := mustQuads(t, doc, []schema.Statement{s})
	has := func(sub, pred string, obj quad.Value) bool {
		for _, q := range qs {
			if q.Subject == quad.IRI(sub) && q.Predicate == quad.IRI(pred) && q.Object == obj {
				return true
			}
		}
		return false
	}
	for _, q := range qs {
		if q.Label != quad.IRI(doc.ID) {
			t.Errorf("quad %v not labelled with the document", q)
		}
	}
	id := s.ID()
	for _, want := range []struct {
		s, p string
		o    quad.Value
	}{
		{"ent:albania", "rel:severed_ties_with", quad.IRI("ent:iran")},
		{id, "rdf:type", quad.IRI("geo:Statement")},
		{id, "geo:subject", quad.IRI("ent:albania")},
		{id, "geo:predicate", quad.IRI("rel:severed_ties_with")},
		{id, "geo:object", quad.IRI("ent:iran")},
		{id, "geo:date", quad.String("2022-09-07")},
		{id, "geo:cameo", quad.String("161")},
		{id, "geo:evidence", quad.String(s.Evidence)},
		{id, "geo:confidence", quad.TypedString{Value: "0.9", Type: "xsd:float"}},
		{id, "geo:document", quad.IRI("doc:seed")},
		{"ent:albania", "rdf:type", quad.IRI("geo:Country")},
		{"ent:albania", "schema:name", quad.String("Albania")},
		{"ent:albania", "geo:iso3", quad.String("ALB")},
		{"ent:albania", "geo:cameo", quad.String("ALB")},
		{"ent:iran", "geo:alias", quad.String("Tehran")},
		{"doc:seed", "rdf:type", quad.IRI("schema:NewsArticle")},
		{"doc:seed", "schema:datePublished", quad.String("2022-09-07")},
		{"doc:seed", "schema:headline", quad.String("Albania cuts ties")},
	} {
		if !has(want.s, want.p, want.o) {
			t.Errorf("missing quad %s %s %v", want.s, want.p, want.o)
		}
	}
	// Iran appears through an organ (IRNGOV): its entity facts must not claim
	// the role's code as the country's own.
	if has("ent:iran", "geo:cameo", quad.String("IRNGOV")) {
		t.Error("role code written as the entity's CAMEO code")
	}
	// Absent values are not written.
	if has(id, "geo:since", quad.String("")) {
		t.Error("empty since written")
	}
}

func TestQuadsNegatedHasNoEdge(t *testing.T) {
	doc, s := seedStatement()
	s.Negated = true
	for _, q := range mustQuads(t, doc, []schema.Statement{s}) {
		if q.Predicate == quad.IRI("rel:severed_ties_with") {
			t.Errorf("negated statement wrote the direct edge %v", q)
		}
	}
}

func TestQuadsIntendedHasNoEdge(t *testing.T) {
	doc, s := seedStatement()
	s.Modality = schema.ModalityIntended
	if s.Asserted() {
		t.Fatal("an intended statement reports itself asserted")
	}
	modality := false
	for _, q := range mustQuads(t, doc, []schema.Statement{s}) {
		if q.Predicate == quad.IRI("rel:severed_ties_with") {
			t.Errorf("intended statement wrote the direct edge %v", q)
		}
		modality = modality || q.Predicate == quad.IRI(schema.Modality) && schema.ValueString(q.Object) == "intended"
	}
	if !modality {
		t.Errorf("intended statement wrote no <%s> \"intended\"", schema.Modality)
	}
}

func TestIntentCAMEO(t *testing.T) {
	for pred, want := range map[string]string{"met_with": "036", "imposed_sanctions_on": "1312", "accused": "13", "praised": "03"} {
		p, ok := schema.LookupPredicate(pred)
		if !ok {
			t.Fatalf("no predicate %s", pred)
		}
		if got := p.IntentCAMEO(); got != want {
			t.Errorf("%s.IntentCAMEO() = %q, want %q", pred, got, want)
		}
	}
	for _, p := range schema.Predicates() {
		if _, ok := schema.LookupCAMEO(p.IntentCAMEO()); !ok {
			t.Errorf("%s.IntentCAMEO() = %q is not in the codebook", p.Name, p.IntentCAMEO())
		}
	}
}

func TestStatementRoundTrip(t *testing.T) {
	doc, s := seedStatement()
	s.Since, s.AttributedTo, s.Modality = "2016", "Edi Rama", schema.ModalityIntended
	props := map[string][]quad.Value{}
	for _, q := range mustQuads(t, doc, []schema.Statement{s}) {
		if q.Subject == quad.IRI(s.ID()) {
			p := schema.ValueString(q.Predicate)
			props[p] = append(props[p], q.Object)
		}
	}
	ents := map[string]schema.Entity{"ent:albania": s.Subject, "ent:iran": s.Object}
	got, err := schema.StatementFromProps(s.ID(), props, func(iri string) schema.Entity { return ents[iri] })
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(s, got); diff != "" {
		t.Errorf("round trip (-want +got):\n%s", diff)
	}
}

func ExampleQuads() {
	doc := schema.Document{ID: "doc:example", Published: "2012-09-28"}
	us := schema.Entity{IRI: schema.EntityIRI("United States"), Name: "United States", Type: schema.Country, ISO3: "USA", CAMEO: "USA"}
	mek := schema.Entity{IRI: schema.EntityIRI("MEK"), Name: "MEK", Type: schema.PoliticalGroup}
	s := schema.Statement{Subject: us, Predicate: "delisted_terrorist", Object: mek, Date: "2012", Confidence: 0.9, Doc: doc.ID}
	quads, err := schema.Quads(doc, []schema.Statement{s})
	if err != nil {
		log.Fatal(err)
	}
	for _, q := range quads {
		// the direct edge path queries walk, and the statement's date
		if p := schema.ValueString(q.Predicate); schema.IsPredicateIRI(p) || p == schema.Date {
			fmt.Println(q.NQuad())
		}
	}
	// Output:
	// <ent:united_states> <rel:delisted_terrorist> <ent:mek> <doc:example> .
	// <stmt:cd5f3b2d599cffaf> <geo:date> "2012" <doc:example> .
}

// TestQuadsUnknownPredicate: a statement or a parent link whose predicate
// the vocabulary does not know gives an error and no quads, where it once
// wrote an edge <rel:>.
func TestQuadsUnknownPredicate(t *testing.T) {
	doc, s := seedStatement()
	s.Predicate = "befriended"
	qs, err := schema.Quads(doc, []schema.Statement{s})
	if !errors.Is(err, schema.ErrUnknownPredicate) || qs != nil {
		t.Fatalf("Quads of a statement with predicate %q = %d quads, %v; want none and ErrUnknownPredicate", s.Predicate, len(qs), err)
	}
	if want := `quads of doc:`; !strings.HasPrefix(err.Error(), want) || !strings.Contains(err.Error(), `unknown predicate "befriended"`) {
		t.Errorf("error %q does not name the document and the predicate", err)
	}

	doc, s = seedStatement()
	s.Subject.Parent, s.Subject.ParentPredicate = "ent:iran", "cousin_of"
	if qs, err := schema.Quads(doc, []schema.Statement{s}); !errors.Is(err, schema.ErrUnknownPredicate) || qs != nil {
		t.Errorf("Quads with parent link %q = %d quads, %v; want none and ErrUnknownPredicate", s.Subject.ParentPredicate, len(qs), err)
	}
}

// TestIRIs: the prefixes schema owns, read back by its helpers; the IRIs
// themselves are what scripts rely on and must not change.
func TestIRIs(t *testing.T) {
	p, _ := schema.LookupPredicate("hosts")
	for _, c := range []struct{ got, want string }{
		{schema.EntityIRI("United States"), "ent:united_states"},
		{p.IRI(), "rel:hosts"},
		{schema.Country.IRI(), "geo:Country"},
		{schema.DocumentIRI("note 1", "text"), "doc:note_1"},
		{schema.ContentHash, "geo:contentHash"},
		{schema.EntitySlug("ent:iran"), "iran"},
		{schema.PredicateName("rel:hosts"), "hosts"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
	if !schema.IsEntityIRI("ent:iran") || schema.IsEntityIRI("rel:hosts") || !schema.IsStatementIRI("stmt:0a") || !schema.IsPredicateIRI("rel:x") {
		t.Errorf("IRI predicates misread a prefix")
	}
	if k, ok := schema.KindOfIRI("geo:Government"); !ok || k != schema.Government {
		t.Errorf(`KindOfIRI("geo:Government") = %q, %v`, k, ok)
	}
	if _, ok := schema.KindOfIRI("Government"); ok {
		t.Errorf(`KindOfIRI("Government") read a kind without its prefix`)
	}
}

// TestQuadsLearnedActor: an actor the article introduced is marked learned,
// with its affiliation as an edge, even when it is first seen without it.
func TestQuadsLearnedActor(t *testing.T) {
	doc := schema.Document{ID: "doc:t", Published: "2023-05-24"}
	us := schema.Entity{IRI: "ent:united_states", Name: "United States", Type: schema.Country, ISO3: "USA", CAMEO: "USA"}
	group := schema.Entity{IRI: "ent:grey_heron", Name: "Grey Heron", Type: schema.Organization, Learned: true}
	affiliated := group
	affiliated.Parent, affiliated.ParentPredicate = "ent:ruritania", "affiliated_with"
	stmts := []schema.Statement{
		{Subject: us, Predicate: "accused", Object: group, Confidence: 0.9, Doc: doc.ID},
		{Subject: affiliated, Predicate: "cyberattacked", Object: us, Confidence: 0.9, Doc: doc.ID},
	}
	var got []string
	for _, q := range mustQuads(t, doc, stmts) {
		if q.Subject == quad.IRI("ent:grey_heron") {
			got = append(got, schema.ValueString(q.Predicate)+" "+schema.ValueString(q.Object))
		}
	}
	want := []string{
		"rel:cyberattacked ent:united_states",
		"rdf:type geo:Organization",
		"schema:name Grey Heron",
		"geo:learned true",
		"rel:affiliated_with ent:ruritania",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("quads of the learned actor (-want +got):\n%s", diff)
	}
}

// mustQuads is schema.Quads, failing the test on an error.
func mustQuads(t *testing.T, doc schema.Document, stmts []schema.Statement) []quad.Quad {
	t.Helper()
	qs, err := schema.Quads(doc, stmts)
	if err != nil {
		t.Fatal(err)
	}
	return qs
}

func TestGoldstein(t *testing.T) {
	tests := []struct {
		code string
		want float64
		ok   bool
	}{
		{"161", -4, true},   // its own value
		{"1823", -10, true}, // a sub-category with its own value
		{"1821", -9, true},
		{"1952", -10, true}, // from its category, 195
		{"0874", 10, true},
		{"0871", 9, true}, // from 087
		{"057", 8, true},
		{"19", -10, true},
		{"21", 0, false},
		{"", 0, false},
	}
	for _, tt := range tests {
		got, ok := schema.Goldstein(tt.code)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Goldstein(%q) = %v, %v; want %v, %v", tt.code, got, ok, tt.want, tt.ok)
		}
	}
	// Every code of the codebook has a value, of the sign of its quad class.
	for _, c := range schema.CAMEOCodes() {
		g, ok := schema.Goldstein(c.Code)
		if !ok || g < -10 || g > 10 {
			t.Errorf("Goldstein(%s) = %v, %v: want a value in [-10, 10]", c.Code, g, ok)
		}
		if q := schema.QuadClass(c.Code); (q == 2 && g <= 0) || (q == 4 && g >= 0) {
			t.Errorf("Goldstein(%s) = %v, against its quad class %d", c.Code, g, q)
		}
	}
}
