package extract_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// coded is a statement reduced to its actors' names and CAMEO codes.
type coded struct {
	S, SCode, P, O, OCode string
}

// TestActorsByRole checks that a state's organ, force or court named by a
// role noun is that state acting with its CAMEO agent code, and that an
// armed group's members are the group.
func TestActorsByRole(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       []coded
	}{
		{"demonym and organ", "The Egyptian navy attacked Libya.",
			[]coded{{"Egypt", "EGYMIL", "attacked", "Libya", "LBY"}}},
		{"organ and its equipment", "Turkish Air Force warplanes attacked Syria on Monday.",
			[]coded{{"Turkey", "TURMIL", "attacked", "Syria", "SYR"}}},
		{"military hardware alone", "Russian airstrikes hit Ukraine.",
			[]coded{{"Russia", "RUSMIL", "attacked", "Ukraine", "UKR"}}},
		{"group and its members", "Hamas militants attacked Israel.",
			[]coded{{"Hamas", "", "attacked", "Israel", "ISR"}}},
		{"state forces as target", "Houthi fighters attacked Saudi troops.",
			[]coded{{"Houthis", "", "attacked", "Saudi Arabia", "SAUMIL"}}},
		{"court in a state", "A court in Nigeria condemned Cameroon.",
			[]coded{{"Nigeria", "NGAJUD", "condemned", "Cameroon", "CMR"}}},
		{"troops in a state are not its", "Troops in Mali attacked Niger.", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := p.Extract(context.Background(), schema.Document{ID: "t", Text: tc.text, Published: "2022-09-07"})
			if err != nil {
				t.Fatal(err)
			}
			var got []coded
			for _, s := range stmts {
				if s.Predicate == "part_of" {
					continue
				}
				got = append(got, coded{s.Subject.Name, s.Subject.CAMEO, s.Predicate, s.Object.Name, s.Object.CAMEO})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}
