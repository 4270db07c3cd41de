package schema

import "sort"

// PredicateKind tells an act at a point in time from a standing relation.
type PredicateKind string

// Predicate kinds.
const (
	Event PredicateKind = "event" // a dated act: Date
	State PredicateKind = "state" // a standing relation: Since, Until
)

// Family groups predicates for colouring exports and for event counts.
type Family string

// Families, as in CAMEO's quad classes folded to three.
const (
	Cooperation Family = "cooperation"
	Conflict    Family = "conflict"
	Neutral     Family = "neutral"
)

// Predicate is one entry of the vocabulary.
type Predicate struct {
	Name      string        // snake_case, the statement JSON's predicate
	Label     string        // for people: "severed ties with"
	Kind      PredicateKind // event or state
	Inverse   string        // the predicate read the other way, if any
	Symmetric bool          // a relation that holds both ways
	CAMEO     string        // CAMEO event code, for events that have one
	Family    Family
}

// IRI returns the predicate's IRI, such as "rel:severed_ties_with".
func (p Predicate) IRI() string { return PredicatePrefix + p.Name }

// intentCAMEO are CAMEO's "express intent" (03) and "threaten" (13) codes
// for an act announced rather than done.
var intentCAMEO = map[string]string{
	"met_with": "036", "consulted": "036", "visited": "036", "negotiated_with": "036",
	"restored_ties_with": "032", "recognized": "032", "provided_aid_to": "033",
	"provided_military_aid_to": "0332", "lifted_sanctions_on": "0354", "delisted_terrorist": "0351",
	"withdrew_forces_from": "0356", "mediated": "039", "imposed_sanctions_on": "1312",
	"severed_ties_with": "1313", "expelled_diplomats_of": "1313", "recalled_ambassador_from": "1313",
	"attacked": "138", "invaded": "1382", "designated_terrorist": "132", "designated_criminal": "132",
}

// IntentCAMEO returns the CAMEO code of the act announced rather than
// done: "express intent to meet" (036) for met_with, "threaten sanctions"
// (1312) for imposed_sanctions_on, 03 or 13 by family otherwise.
func (p Predicate) IntentCAMEO() string {
	if c, ok := intentCAMEO[p.Name]; ok {
		return c
	}
	if p.Family == Conflict {
		return "13"
	}
	return "03"
}

// The vocabulary. Grow it here, with a test case in predicate_test.go.
var vocabulary = []Predicate{
	// Diplomacy: breaking and mending.
	{Name: "severed_ties_with", Label: "severed ties with", Kind: Event, CAMEO: "161", Family: Conflict},
	{Name: "restored_ties_with", Label: "restored ties with", Kind: Event, CAMEO: "054", Family: Cooperation},
	{Name: "expelled_diplomats_of", Label: "expelled diplomats of", Kind: Event, CAMEO: "161", Family: Conflict},
	{Name: "recalled_ambassador_from", Label: "recalled its ambassador from", Kind: Event, CAMEO: "161", Family: Conflict},
	{Name: "recognized", Label: "recognized", Kind: Event, CAMEO: "054", Family: Cooperation},
	// Words.
	{Name: "accused", Label: "accused", Kind: Event, CAMEO: "112", Family: Conflict},
	{Name: "condemned", Label: "condemned", Kind: Event, CAMEO: "111", Family: Conflict},
	{Name: "denied", Label: "denied the claims of", Kind: Event, CAMEO: "016", Family: Neutral},
	{Name: "requested", Label: "asked", Kind: Event, CAMEO: "020", Family: Cooperation},
	{Name: "threatened", Label: "threatened", Kind: Event, CAMEO: "130", Family: Conflict},
	{Name: "warned", Label: "warned", Kind: Event, CAMEO: "130", Family: Conflict},
	{Name: "praised", Label: "praised", Kind: Event, CAMEO: "051", Family: Cooperation},
	{Name: "supported", Label: "supported", Kind: Event, CAMEO: "051", Family: Cooperation},
	// Meetings and agreements.
	{Name: "met_with", Label: "met with", Kind: Event, Symmetric: true, CAMEO: "040", Family: Cooperation},
	{Name: "visited", Label: "visited", Kind: Event, CAMEO: "042", Family: Cooperation},
	{Name: "consulted", Label: "consulted", Kind: Event, CAMEO: "040", Family: Cooperation},
	{Name: "negotiated_with", Label: "negotiated with", Kind: Event, Symmetric: true, CAMEO: "046", Family: Cooperation},
	{Name: "mediated", Label: "mediated for", Kind: Event, CAMEO: "045", Family: Cooperation},
	{Name: "signed_agreement_with", Label: "signed an agreement with", Kind: Event, Symmetric: true, CAMEO: "057", Family: Cooperation},
	{Name: "joined", Label: "joined", Kind: Event, CAMEO: "057", Family: Cooperation},
	// Material cooperation.
	{Name: "provided_aid_to", Label: "provided aid to", Kind: Event, CAMEO: "070", Family: Cooperation},
	{Name: "provided_military_aid_to", Label: "provided military aid to", Kind: Event, CAMEO: "072", Family: Cooperation},
	{Name: "lifted_sanctions_on", Label: "lifted sanctions on", Kind: Event, CAMEO: "085", Family: Cooperation},
	{Name: "delisted_terrorist", Label: "removed the terrorist designation of", Kind: Event, CAMEO: "081", Family: Cooperation},
	// Material conflict.
	{Name: "imposed_sanctions_on", Label: "imposed sanctions on", Kind: Event, CAMEO: "163", Family: Conflict},
	{Name: "designated_terrorist", Label: "designated as terrorist", Kind: State, CAMEO: "172", Family: Conflict},
	{Name: "designated_criminal", Label: "designated as a criminal organisation", Kind: State, CAMEO: "172", Family: Conflict},
	{Name: "attacked", Label: "attacked", Kind: Event, CAMEO: "190", Family: Conflict},
	{Name: "cyberattacked", Label: "carried out a cyberattack on", Kind: Event, CAMEO: "180", Family: Conflict},
	{Name: "invaded", Label: "invaded", Kind: Event, CAMEO: "192", Family: Conflict},
	{Name: "closed_border_with", Label: "closed its border with", Kind: Event, CAMEO: "191", Family: Conflict},
	// Stepping back.
	{Name: "withdrew_from_agreement_with", Label: "withdrew from an agreement with", Kind: Event, CAMEO: "160", Family: Conflict},
	{Name: "withdrew_forces_from", Label: "withdrew its forces from", Kind: Event, CAMEO: "0874", Family: Cooperation},
	// Standing relations.
	{Name: "hosts", Label: "hosts", Kind: State, Inverse: "based_in", Family: Neutral},
	{Name: "based_in", Label: "is based in", Kind: State, Inverse: "hosts", Family: Neutral},
	{Name: "fought_alongside", Label: "fought alongside", Kind: State, Symmetric: true, CAMEO: "062", Family: Cooperation},
	{Name: "ally_of", Label: "is an ally of", Kind: State, Symmetric: true, Family: Cooperation},
	{Name: "at_war_with", Label: "is at war with", Kind: State, Symmetric: true, Family: Conflict},
	{Name: "opposes", Label: "opposes", Kind: State, Family: Conflict},
	{Name: "member_of", Label: "is a member of", Kind: State, Family: Neutral},
	{Name: "part_of", Label: "is part of", Kind: State, Family: Neutral},
	{Name: "head_of_state_of", Label: "is head of state of", Kind: State, Family: Neutral},
	{Name: "head_of_government_of", Label: "is head of government of", Kind: State, Family: Neutral},
	{Name: "minister_of", Label: "is a minister of", Kind: State, Family: Neutral},
	{Name: "media_of", Label: "is a news outlet of", Kind: State, Family: Neutral},
	{Name: "affiliated_with", Label: "is affiliated with", Kind: State, Family: Neutral},
}

var byName = func() map[string]Predicate {
	m := make(map[string]Predicate, len(vocabulary))
	for _, p := range vocabulary {
		m[p.Name] = p
	}
	return m
}()

// Predicates returns the vocabulary sorted by name. The slice is a copy.
func Predicates() []Predicate {
	out := append([]Predicate(nil), vocabulary...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// LookupPredicate returns the predicate called name ("rel:" prefix allowed).
func LookupPredicate(name string) (Predicate, bool) {
	p, ok := byName[PredicateName(name)]
	return p, ok
}
