package schema

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Kind is the type of an entity, stored as <rdf:type> <geo:KIND>.
type Kind string

// The entity kinds geokg knows.
const (
	Country        Kind = "Country"
	Government     Kind = "Government"
	Agency         Kind = "Agency"
	IGO            Kind = "IGO"
	ArmedGroup     Kind = "ArmedGroup"
	PoliticalGroup Kind = "PoliticalGroup"
	Person         Kind = "Person"
	Place          Kind = "Place"
	Media          Kind = "Media"
	Organization   Kind = "Organization"
)

// Kinds lists every entity kind in a stable order.
var Kinds = []Kind{Country, Government, Agency, IGO, ArmedGroup, PoliticalGroup, Person, Place, Media, Organization}

// ParseKind returns the Kind named s (case-insensitive) and whether it is one.
func ParseKind(s string) (Kind, bool) {
	for _, k := range Kinds {
		if strings.EqualFold(string(k), s) {
			return k, true
		}
	}
	return "", false
}

// IRI returns the class IRI of the kind, such as "geo:Country".
func (k Kind) IRI() string { return ClassPrefix + string(k) }

// Entity is an actor as it appears in a statement. The JSON shape is the one
// DESIGN.md documents; Aliases and Parent are carried for the store only.
type Entity struct {
	IRI   string `json:"iri"`   // "ent:albania"
	Name  string `json:"name"`  // canonical English name
	Type  Kind   `json:"type"`  // entity kind
	ISO3  string `json:"iso3"`  // ISO 3166 alpha-3 of the state it is or belongs to
	CAMEO string `json:"cameo"` // CAMEO actor code, with role where one applies (IRNGOV)
	// Learned is set for an actor no table knows, which the article itself
	// introduced ("Volt Typhoon, a Chinese state-backed hacking group", "the
	// Rapid Support Forces (RSF)", "Kenya's President William Ruto").
	Learned bool `json:"learned,omitempty"`

	// Aliases are the surface forms seen in the text ("Tehran", "Iranian").
	Aliases []string `json:"-"`
	// Role is the CAMEO agent code when the text names an organ of the
	// state rather than the state ("Iran's Foreign Ministry" → Iran, GOV);
	// CAMEO then carries it (IRNGOV).
	Role string `json:"-"`
	// Parent is the IRI of the state an organ, official or medium belongs to.
	Parent string `json:"-"`
	// ParentPredicate links the entity to Parent: part_of, media_of, …
	ParentPredicate string `json:"-"`
}

// IsZero reports whether e names nothing.
func (e Entity) IsZero() bool { return e.IRI == "" }

// Slug turns a name into the lower-case, underscore-joined form used in
// entity IRIs: "Côte d'Ivoire" → "cote_d_ivoire".
func Slug(name string) string {
	var b strings.Builder
	under := false
	for _, r := range norm.NFD.String(name) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent: drop it
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if under && b.Len() > 0 {
				b.WriteByte('_')
			}
			under = false
			b.WriteRune(unicode.ToLower(r))
		default:
			under = true
		}
	}
	return b.String()
}

// EntityIRI returns the IRI of the entity whose canonical name is name.
func EntityIRI(name string) string { return EntityPrefix + Slug(name) }
