package gazetteer

import (
	"strings"
	"testing"

	"github.com/geokg/geokg/schema"
)

// unMembers are the ISO 3166 alpha-3 codes of the 193 member states of the
// United Nations and its two observer states.
var unMembers = strings.Fields(`
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD
CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN
FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ
IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV
UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
VAT PSE`)

func TestBuiltinUNMembers(t *testing.T) {
	if len(unMembers) != 195 {
		t.Fatalf("the test's list has %d codes, want 193 members + 2 observers", len(unMembers))
	}
	g := builtinForTest(t)
	byISO := make(map[string][]string)
	for _, a := range g.Actors() {
		if a.Kind != schema.Country {
			continue
		}
		if a.ISO3 != "" && !isCode(a.ISO3, 3, 3, false) {
			t.Errorf("%s: iso3 %q is not three capital letters", a.Name, a.ISO3)
		}
		if a.ISO3 != "" && a.CAMEO == "" {
			t.Errorf("%s: no CAMEO code", a.Name)
		}
		byISO[a.ISO3] = append(byISO[a.ISO3], a.Name)
	}
	for _, code := range unMembers {
		if names := byISO[code]; len(names) != 1 {
			t.Errorf("%s: %d countries %v, want exactly one", code, len(names), names)
		}
	}
	for code, names := range byISO {
		if code != "" && len(names) > 1 {
			t.Errorf("iso3 %q is given to %v", code, names)
		}
	}
}

// Other packages' tests rely on these canonical names and IRIs.
func TestBuiltinCanonicalNames(t *testing.T) {
	g := builtinForTest(t)
	for name, iri := range map[string]string{
		"Albania":                      "ent:albania",
		"Iran":                         "ent:iran",
		"United States":                "ent:united_states",
		"Iraq":                         "ent:iraq",
		"France":                       "ent:france",
		"Israel":                       "ent:israel",
		"Saudi Arabia":                 "ent:saudi_arabia",
		"China":                        "ent:china",
		"Japan":                        "ent:japan",
		"MEK":                          "ent:mek",
		"Islamic Republic News Agency": "ent:islamic_republic_news_agency",
		"Tasnim News Agency":           "ent:tasnim_news_agency",
		"Al-Monitor":                   "ent:al_monitor",
		"Edi Rama":                     "ent:edi_rama",
		"Saddam Hussein":               "ent:saddam_hussein",
		"Mohammed bin Salman":          "ent:mohammed_bin_salman",
		"Xi Jinping":                   "ent:xi_jinping",
	} {
		a, ok := g.Get(iri)
		if !ok || a.Name != name {
			t.Errorf("Get(%s) = %q, %v; want %q", iri, a.Name, ok, name)
		}
	}
}

// No name names two actors, every parent is known, and every parent
// predicate is in the schema. A key named twice would be listed here as
// deliberate; there is none.
func TestBuiltinCheck(t *testing.T) {
	g := builtinForTest(t)
	for _, err := range g.Check() {
		t.Error(err)
	}
}

func TestBuiltinKinds(t *testing.T) {
	g := builtinForTest(t)
	counts := make(map[schema.Kind]int)
	for _, a := range g.Actors() {
		counts[a.Kind]++
		switch a.Kind {
		case schema.Person, schema.Government, schema.Agency:
			if a.Kind != schema.Person && a.Parent == "" && a.Name != "Kurdistan Regional Government" {
				t.Errorf("%s: a %s without a parent", a.Name, a.Kind)
			}
		case schema.Media:
			if a.Parent != "" && a.ParentPredicate != "media_of" {
				t.Errorf("%s: a medium with parent predicate %q, want media_of", a.Name, a.ParentPredicate)
			}
		}
		if a.Role != "" && !isCode(a.Role, 3, 3, false) {
			t.Errorf("%s: role %q", a.Name, a.Role)
		}
	}
	for _, k := range schema.Kinds {
		if k != schema.Organization && counts[k] == 0 {
			t.Errorf("no built-in actor of kind %s", k)
		}
	}
}

// Words that must never name an actor. Lookup ignores case, so it is
// asked about words that are nothing in any case; Match is also asked about
// words that only its case rules keep apart from an actor ("us" and "US",
// "who" and "WHO").
func TestBuiltinNeverActors(t *testing.T) {
	g := builtinForTest(t)
	nothing := []string{
		"January", "February", "March", "April", "May", "June", "July", "August",
		"September", "October", "November", "December", "Monday", "Sunday",
		"Western", "Eastern", "European", "African", "Asian", "Arab", "Latin",
		"Bush", "Clinton", "Johnson", "Rama", "Kim", "Lee", "Khan", "Assad",
		"English", "Korean", "Korea", "Congolese", "Congo", "Macedonian",
		"Persian", "Kurdish", "Kurdistan", "The", "He", "It", "Is", "PA", "US-led",
	}
	for _, w := range nothing {
		if a, ok := g.Lookup(w); ok {
			t.Errorf("Lookup(%q) = %s, want nothing", w, a.Name)
		}
	}
	caseOnly := []string{"us", "who", "un", "eu", "uk", "au", "mek"}
	for _, w := range append(nothing, caseOnly...) {
		lower := strings.ToLower(w)
		for _, v := range []string{w, lower, strings.ToUpper(lower[:1]) + lower[1:]} {
			if ms := g.Match([]string{"said", v, "today"}); len(ms) > 0 {
				t.Errorf("Match(%q) = %v, want nothing", v, show(ms))
			}
		}
	}
}

// A stop phrase must not hide an actor's own name.
func TestStopPhrasesAreNotActors(t *testing.T) {
	g := builtinForTest(t)
	for _, s := range stopPhrases {
		if a, ok := g.Lookup(s); ok {
			t.Errorf("stop phrase %q is also a name of %s", s, a.Name)
		}
	}
}
