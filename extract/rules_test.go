package extract_test

import (
	"context"
	"fmt"
	"sort"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// fact is a statement reduced to what a rule test checks.
type fact struct {
	S, P, O, Date, Since, By string
	Until                    string
	Negated                  bool
	Modality                 string
}

func facts(stmts []schema.Statement) []fact {
	var out []fact
	for _, s := range stmts {
		out = append(out, fact{s.Subject.Name, s.Predicate, s.Object.Name, s.Date, s.Since, s.AttributedTo, s.Until, s.Negated, s.Modality})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].S+out[i].P < out[j].S+out[j].P })
	return out
}

// TestRules runs the pipeline on single sentences, one feature each: voice,
// coordination, negation, mood, questions, reported speech, anaphora,
// officials and dates. The publication date is Wednesday 2022-09-07.
func TestRules(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       []fact
	}{
		{"active", "Albania cut diplomatic ties with Iran on Wednesday.",
			[]fact{{S: "Albania", P: "severed_ties_with", O: "Iran", Date: "2022-09-07"}}},
		{"passive with agent", "Iranian diplomats were expelled by Albania on Wednesday.",
			[]fact{{S: "Albania", P: "expelled_diplomats_of", O: "Iran", Date: "2022-09-07"}}},
		{"passive without agent", "Iranian diplomats were expelled on Wednesday.", nil},
		{"coordinated subjects", "Spain, Ireland and Norway recognised the state of Palestine in May.",
			[]fact{
				{S: "Ireland", P: "recognized", O: "Palestine", Date: "2022-05"},
				{S: "Norway", P: "recognized", O: "Palestine", Date: "2022-05"},
				{S: "Spain", P: "recognized", O: "Palestine", Date: "2022-05"},
			}},
		{"coordinated targets", "The European Union imposed sanctions on Russia and Belarus in 2022.",
			[]fact{
				{S: "European Union", P: "imposed_sanctions_on", O: "Russia", Date: "2022"},
				{S: "European Union", P: "imposed_sanctions_on", O: "Belarus", Date: "2022"},
			}},
		{"coordinated verbs share the subject", "Albania cut ties with Iran and expelled its diplomats, accusing Tehran of a cyberattack.",
			[]fact{
				{S: "Albania", P: "accused", O: "Iran"},
				{S: "Albania", P: "severed_ties_with", O: "Iran"},
			}},
		{"negated", "China did not condemn Russia.",
			[]fact{{S: "China", P: "condemned", O: "Russia", Negated: true}}},
		{"hypothetical", "The European Union could impose further sanctions on Russia.", nil},
		{"future is announced, not a fact", "The European Union will impose sanctions on Russia next week.",
			[]fact{{S: "European Union", P: "imposed_sanctions_on", O: "Russia", Modality: "intended"}}},
		{"a plan is announced", "Chile plans to restore diplomatic ties with Bolivia.",
			[]fact{{S: "Chile", P: "restored_ties_with", O: "Bolivia", Date: "2022-09-07", Modality: "intended"}}},
		{"a threatened coercive act is a threat, made", "Russia threatened to impose sanctions on Moldova. North Korea vowed to attack South Korea.",
			[]fact{
				{S: "North Korea", P: "threatened", O: "South Korea"},
				{S: "Russia", P: "threatened", O: "Moldova"},
			}},
		{"a vowed cooperative act stays announced", "Chile vowed to restore diplomatic ties with Bolivia.",
			[]fact{{S: "Chile", P: "restored_ties_with", O: "Bolivia", Modality: "intended"}}},
		{"a possibility is not announced", "The European Union could impose sanctions on Russia.", nil},
		{"a wish is not announced", "Germany called on the European Union to impose sanctions on Russia.",
			[]fact{{S: "Germany", P: "requested", O: "European Union"}}},
		{"an announcement dates the announced act",
			"France will withdraw its ambassador from Niger, President Emmanuel Macron said on Sunday.",
			[]fact{
				{S: "Emmanuel Macron", P: "head_of_state_of", O: "France"},
				{S: "France", P: "recalled_ambassador_from", O: "Niger", Date: "2022-09-04", By: "Emmanuel Macron", Modality: "intended"},
			}},
		{"conditional", "If Iran attacks Israel, the United States will respond.", nil},
		{"question", "Did Russia attack Ukraine?", nil},
		{"claim, not assertion", "Eritrea rejected accusations that it supported al-Shabaab.", nil},
		{"reported speech", "Albanian Prime Minister Edi Rama said Iran had attacked Albania.",
			[]fact{
				{S: "Edi Rama", P: "head_of_government_of", O: "Albania"},
				{S: "Iran", P: "attacked", O: "Albania", By: "Edi Rama"},
			}},
		{"organ rolls up to its state", "Iran's Foreign Ministry condemned the United States on Wednesday.",
			[]fact{{S: "Iran", P: "condemned", O: "United States", Date: "2022-09-07"}}},
		{"anaphora", "The MEK is an Iranian opposition group. Since 2016 the group has been based in Albania.",
			[]fact{{S: "MEK", P: "based_in", O: "Albania", Since: "2016"}}},
		{"demonym target through an event noun", "The White House condemned the Iranian cyberattack today.",
			[]fact{{S: "United States", P: "condemned", O: "Iran", Date: "2022-09-07"}}},
		{"a month as a modifier dates nothing", "Albania cut ties with Iran after a July cyberattack.",
			[]fact{{S: "Albania", P: "severed_ties_with", O: "Iran"}}},
		{"people are not states", "Ukrainians welcomed Joe Biden. He urged Ukrainians to stay calm.", nil},
		{"delisting", "The United States removed the MEK's terrorist designation in 2012.",
			[]fact{{S: "United States", P: "delisted_terrorist", O: "MEK", Date: "2012"}}},
		{"request", "The United States had asked Albania to host the MEK.",
			[]fact{{S: "United States", P: "requested", O: "Albania"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := schema.Document{ID: "doc:test", Published: "2022-09-07", Text: tc.text}
			stmts, err := p.Extract(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, facts(stmts)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

func ExamplePipeline_Extract() {
	p, err := extractNew()
	if err != nil {
		fmt.Println(err)
		return
	}
	doc := schema.Document{
		ID:        schema.DocumentIRI("", "…"),
		Published: "2022-09-07",
		Text:      "Albania cut diplomatic ties with Iran on Wednesday, accusing Tehran of a cyberattack in July.",
	}
	stmts, err := p.Extract(context.Background(), doc)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, s := range stmts {
		fmt.Println(s.Subject.Name, s.Predicate, s.Object.Name, s.Date, s.CAMEO)
	}
	// Output:
	// Albania severed_ties_with Iran 2022-09-07 161
	// Albania accused Iran 2022-09-07 1123
}
