package gazetteer

import (
	"slices"
	"strings"

	"github.com/geokg/geokg/schema"
)

// Actor is one entry of the gazetteer: a state, an organ of a state, an
// international organisation, a group, a news outlet, a person or a place,
// with every surface form by which the text may name it.
type Actor struct {
	Name  string      // canonical English name; the entity IRI is its slug
	Kind  schema.Kind // Country, Government, Agency, IGO, …
	ISO3  string      // ISO 3166 alpha-3 of the state it is or belongs to
	CAMEO string      // CAMEO actor code (IRN, IGOUNO, IRNGOV)

	Aliases  []string // other names, official names, abbreviations
	Short    []string // short forms matched only when standing alone: surnames ("Putin"), "Congress"
	Demonyms []string // adjectives and demonyms: "Iranian", "Iranians"
	Capitals []string // capitals used for the state: "Tehran"

	Parent          string // canonical name of the actor it belongs to (an organ's state)
	ParentPredicate string // part_of, media_of, head_of_state_of, head_of_government_of, minister_of
	Role            string // CAMEO agent code of an organ, official or medium: GOV, MIL, MED, …
	Note            string // free text for people reading the data: "former", a source

	// Since and Until bound the time the actor held its role with its
	// parent (an official's tenure), as ISO 8601 dates, partial where the
	// source is; empty means open.
	Since, Until string
}

// Holds reports whether the actor held its role on date (ISO 8601, partial
// allowed), and whether that is known: an actor without Since and Until
// always holds it; Since is inclusive, Until exclusive; a partial date that
// straddles a bound is unknown, as is an empty date for an actor with bounds.
func (a Actor) Holds(date string) (holds, known bool) {
	if a.Since == "" && a.Until == "" {
		return true, true
	}
	if date == "" {
		return false, false
	}
	// straddles: date is a partial date containing bound, but not equal to it
	straddles := func(bound string) bool { return bound != date && strings.HasPrefix(bound, date) }
	if a.Since != "" && before(date, a.Since) || a.Until != "" && !before(date, a.Until) && !straddles(a.Until) {
		return false, true
	}
	if a.Since != "" && straddles(a.Since) || a.Until != "" && straddles(a.Until) {
		return false, false
	}
	return true, true
}

// before reports whether every day of ISO date d comes before every day of
// ISO date bound (both possibly partial).
func before(d, bound string) bool {
	n := min(len(d), len(bound))
	return d[:n] < bound[:n]
}

// IRI returns the actor's entity IRI, such as "ent:united_states".
func (a Actor) IRI() string { return schema.EntityIRI(a.Name) }

// Entity returns the actor as a schema entity: IRI from the canonical name,
// kind, codes, and the IRI of its parent with the linking predicate.
//
// Entity.Role stays empty: in schema it marks a state that acts through a
// generic organ ("Iran's Foreign Ministry"), which is AsAgent's job. An
// actor with a role of its own (the White House, IRNA) carries it in its
// CAMEO code instead, which a Gazetteer composes from its state's code.
// Entity.Aliases stays empty too; it is for the forms a text used.
func (a Actor) Entity() schema.Entity {
	e := schema.Entity{
		IRI:   a.IRI(),
		Name:  a.Name,
		Type:  a.Kind,
		ISO3:  a.ISO3,
		CAMEO: a.CAMEO,
	}
	if a.Parent != "" {
		e.Parent = schema.EntityIRI(a.Parent)
		e.ParentPredicate = a.ParentPredicate
		if e.ParentPredicate == "" {
			e.ParentPredicate = "part_of"
		}
	}
	return e
}

// AsAgent returns the actor's entity acting through a generic organ or
// office with CAMEO agent code role ("Iran's Foreign Ministry" → Iran, GOV):
// Role is set and CAMEO gains the role suffix (IRN → IRNGOV).
func (a Actor) AsAgent(role string) schema.Entity {
	e := a.Entity()
	if role == "" {
		return e
	}
	e.Role = role
	if e.CAMEO != "" {
		e.CAMEO += role
	}
	return e
}

// clone returns a deep copy, so callers can never alter a Gazetteer's data
// through the slices of an actor it returned.
func (a Actor) clone() Actor {
	a.Aliases = slices.Clone(a.Aliases)
	a.Short = slices.Clone(a.Short)
	a.Demonyms = slices.Clone(a.Demonyms)
	a.Capitals = slices.Clone(a.Capitals)
	return a
}

// isOrgan reports whether the actor is a named organ of a state or an IGO,
// such as the White House or the IRGC.
func (a Actor) isOrgan() bool {
	return a.Parent != "" && (a.Kind == schema.Government || a.Kind == schema.Agency)
}

// Form says how a match named its actor.
type Form int

// The forms a match can take.
const (
	Name    Form = iota // the canonical name: "Iran"
	Alias               // another name: "Islamic Republic of Iran", "Mujahedin-e-Khalq"
	Abbrev              // an all-capitals abbreviation, matched with exact case: "US", "U.S.", "MEK"
	Demonym             // an adjective or demonym: "Iranian", "Albanians"
	Capital             // a capital standing for its state: "Tehran"
	Organ               // a named organ of a state: "White House", "IRGC"
	Short               // a short form matched alone: "Putin", "Congress"
)

var formNames = [...]string{"Name", "Alias", "Abbrev", "Demonym", "Capital", "Organ", "Short"}

func (f Form) String() string {
	if f < 0 || int(f) >= len(formNames) {
		return "Form(?)"
	}
	return formNames[f]
}

// rank orders forms when one key names several things: lower wins.
func (f Form) rank() int {
	switch f {
	case Name:
		return 0
	case Organ, Abbrev, Alias:
		return 1
	case Short:
		return 2
	case Demonym:
		return 3
	default:
		return 4
	}
}

// Match is an actor found in a tokenised sentence.
type Match struct {
	Start, End int    // token range, End exclusive
	Actor      Actor  // the actor named
	Form       Form   // how it was named
	Text       string // the tokens matched, joined with spaces (none before "'s")
}
