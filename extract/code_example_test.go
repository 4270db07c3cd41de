package extract_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/petrarch"
)

func ExamplePipeline_Code() {
	p, err := extract.New()
	if err != nil {
		fmt.Println(err)
		return
	}
	rec := extract.Record{ID: "1", Date: "2022-09-07", Text: "Albania cut diplomatic ties with Iran on Wednesday, accusing Tehran of a cyberattack."}
	evs, err := p.Code(context.Background(), rec, extract.DefaultCodeOptions())
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, e := range evs {
		fmt.Println(e.Source, e.Code, e.Target, e.Predicate)
	}
	// Output:
	// ALB 161 IRN severed_ties_with
	// ALB 1123 IRN accused
}

func ExampleWithDictionaries() {
	verbs, _, err := petrarch.ParseVerbs(strings.NewReader(`--- ATTACK [190] ---
ATTACK
- * WITH FIELD_GUNS [194]
`), "my.verbs")
	if err != nil {
		fmt.Println(err)
		return
	}
	actors, _, err := petrarch.ParseActors(strings.NewReader(`RURITANIA [RUR]
+RURITANIAN
BORDURIA [BOR]
`), "my.actors")
	if err != nil {
		fmt.Println(err)
		return
	}
	agents, _, err := petrarch.ParseAgents(strings.NewReader("TROOPS {} [~MIL]\n"), "my.agents")
	if err != nil {
		fmt.Println(err)
		return
	}
	p, err := extract.New(extract.WithDictionaries(&petrarch.Dictionaries{Actors: actors, Agents: agents, Verbs: verbs}))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, text := range []string{"Ruritanian troops attacked Borduria.", "Borduria attacked Ruritania with field guns."} {
		evs, err := p.Code(context.Background(), extract.Record{ID: text, Text: text}, extract.DefaultCodeOptions())
		if err != nil {
			fmt.Println(err)
			return
		}
		for _, e := range evs {
			fmt.Println(e.Source, e.Code, e.Target)
		}
	}
	// Output:
	// RURMIL 190 BOR
	// BOR 194 RUR
}
