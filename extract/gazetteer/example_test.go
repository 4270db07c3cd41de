package gazetteer_test

import (
	"fmt"
	"strings"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

func ExampleGazetteer_Lookup() {
	g, err := gazetteer.Builtin()
	if err != nil {
		panic(err)
	}
	for _, name := range []string{"U.S.", "Washington", "ent:united_states", "Mujahedin-e-Khalq", "the Islamic Republic", "IRNA"} {
		a, ok := g.Lookup(name)
		fmt.Printf("%-20s %v %s (%s, %s)\n", name, ok, a.IRI(), a.Kind, a.CAMEO)
	}
	// Output:
	// U.S.                 true ent:united_states (Country, USA)
	// Washington           true ent:united_states (Country, USA)
	// ent:united_states    true ent:united_states (Country, USA)
	// Mujahedin-e-Khalq    true ent:mek (PoliticalGroup, )
	// the Islamic Republic true ent:iran (Country, IRN)
	// IRNA                 true ent:islamic_republic_news_agency (Media, IRNMED)
}

func ExampleGazetteer_Match() {
	g, err := gazetteer.Builtin()
	if err != nil {
		panic(err)
	}
	// Tokens as prose gives them.
	tokens := strings.Fields("Albanian Prime Minister Edi Rama said Iran 's Foreign Ministry , not us , had told the U.S.")
	for _, m := range g.Match(tokens) {
		fmt.Printf("%d-%d %-9s %-8s → %s\n", m.Start, m.End, m.Text, m.Form, m.Actor.Name)
	}
	// Output:
	// 0-1 Albanian  Demonym  → Albania
	// 3-5 Edi Rama  Name     → Edi Rama
	// 6-7 Iran      Name     → Iran
	// 17-18 U.S.      Abbrev   → United States
}

func ExampleGazetteer_MatchAgent() {
	g, err := gazetteer.Builtin()
	if err != nil {
		panic(err)
	}
	tokens := strings.Fields("Iran 's Foreign Ministry summoned the Albanian ambassador")
	for _, m := range g.Match(tokens) {
		i := m.End
		if i < len(tokens) && tokens[i] == "'s" {
			i++
		}
		if ag, end, ok := g.MatchAgent(tokens, i); ok {
			e := m.Actor.AsAgent(ag.Role)
			fmt.Printf("%s: %s (%s), official %v, tokens %d-%d\n", ag.Phrase(), e.Name, e.CAMEO, ag.Official, m.Start, end)
		}
	}
	// Output:
	// foreign ministry: Iran (IRNGOV), official false, tokens 0-4
	// ambassador: Albania (ALBGOV), official true, tokens 6-8
}

func ExampleGazetteer_Suggest() {
	g, err := gazetteer.Builtin()
	if err != nil {
		panic(err)
	}
	if _, ok := g.Lookup("Irann"); !ok {
		for _, a := range g.Suggest("Irann", 2) {
			fmt.Println(a.Name)
		}
	}
	// Output:
	// Iran
	// Iraq
}

func ExampleParse() {
	const file = `# Ruritania and its organs.
name	kind	iso3	role	parent	aliases	demonyms	capitals
Ruritania	Country	RUR				Ruritanian|Ruritanians	Strelsau
Royal Palace	Government		GOV	Ruritania	the Palace
Ruritanian Army	Agency		MIL	Ruritania	Royal Ruritanian Army
Zenda	Plaice
`
	actors, errs := gazetteer.Parse(strings.NewReader(file), "ruritania.tsv")
	for _, err := range errs {
		fmt.Println(err)
	}
	g, err := gazetteer.Builtin()
	if err != nil {
		panic(err)
	}
	g = g.With(actors...)
	a, _ := g.Lookup("the Palace")
	fmt.Printf("%s: %s of %s, CAMEO %s\n", a.Name, a.ParentPredicate, a.Parent, a.CAMEO)
	// Output:
	// ruritania.tsv:6: unknown kind "Plaice" (known: Country, Government, Agency, IGO, ArmedGroup, PoliticalGroup, Person, Place, Media, Organization)
	// Royal Palace: part_of of Ruritania, CAMEO RURGOV
}

func ExampleActor_Entity() {
	g, err := gazetteer.Builtin()
	if err != nil {
		panic(err)
	}
	a, _ := g.Lookup("White House")
	e := a.Entity()
	fmt.Println(e.IRI, e.Type, e.ISO3, e.CAMEO, e.ParentPredicate, e.Parent)
	// Output:
	// ent:white_house Government USA USAGOV part_of ent:united_states
}

func ExampleNew() {
	g := gazetteer.New(
		gazetteer.Actor{Name: "Ruritania", Kind: schema.Country, ISO3: "RUR", Demonyms: []string{"Ruritanian"}},
	)
	for _, m := range g.Match(strings.Fields("the Ruritanian government")) {
		fmt.Println(m.Actor.Name, m.Form, m.Actor.CAMEO)
	}
	// Output:
	// Ruritania Demonym RUR
}
