package extract_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// TestCoreference checks that a relation whose actor is a pronoun or a
// description gets the actor it stands for, and that a reference is not
// its own verb's subject.
func TestCoreference(t *testing.T) {
	p := newPipeline(t)
	type fact struct{ S, P, O string }
	for _, tc := range []struct {
		name, text string
		want       []fact
	}{
		{"they: a group named in the plural",
			"The Houthis seized a cargo ship on Sunday. Later they attacked Israel with drones.",
			[]fact{{"Houthis", "attacked", "Israel"}}},
		{"the island: a state named before, not the verb's subject",
			"Taiwan held elections in January. Days later China condemned the island.",
			[]fact{{"China", "condemned", "Taiwan"}}},
		{"the kingdom as subject",
			"Saudi Arabia hosted the talks on Monday. The kingdom later condemned Iran.",
			[]fact{{"Saudi Arabia", "condemned", "Iran"}}},
		{"it: the subject before",
			"North Korea fired a missile on Friday. It threatened Japan.",
			[]fact{{"North Korea", "threatened", "Japan"}}},
		{"it in a quotation of nobody's", "Officials said it condemned Iran.", nil},
		{"a surname alone: the person named in full before",
			"Serbian President Aleksandar Vucic spoke on Monday. Vucic later condemned Kosovo.",
			[]fact{{"Aleksandar Vucic", "head_of_state_of", "Serbia"}, {"Aleksandar Vucic", "condemned", "Kosovo"}}},
		{"an office's words are no person's name",
			"The High Representative for Foreign Affairs Josep Borrell arrived on Monday. He condemned Russia.",
			[]fact{{"Josep Borrell", "condemned", "Russia"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := p.Extract(context.Background(), schema.Document{ID: "t", Text: tc.text, Published: "2024-01-10"})
			if err != nil {
				t.Fatal(err)
			}
			var got []fact
			for _, s := range stmts {
				got = append(got, fact{s.Subject.Name, s.Predicate, s.Object.Name})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}
