package extract_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/gazetteer"
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
		{"group and its organ", "The Taliban government condemned Pakistan.",
			[]coded{{"Taliban", "", "condemned", "Pakistan", "PAK"}}},
		{"state forces as target", "Houthi fighters attacked Saudi troops.",
			[]coded{{"Houthis", "", "attacked", "Saudi Arabia", "SAUMIL"}}},
		{"court in a state", "A court in Nigeria condemned Cameroon.",
			[]coded{{"Nigeria", "NGAJUD", "condemned", "Cameroon", "CMR"}}},
		{"troops in a state are not its", "Troops in Mali attacked Niger.", nil},
		{"an international organisation's organ acts as itself", "The UN Security Council condemned North Korea.",
			[]coded{{"United Nations Security Council", "", "condemned", "North Korea", "PRK"}}},
		{"a demonym of two states names neither", "Dominican troops attacked Haiti.", nil},
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

// learnedFact is a statement with what a test of learned actors checks.
type learnedFact struct {
	S, P, O                string
	SLearned, OLearned     bool
	SKind, OKind           schema.Kind
	SParent, OParent       string
	SParentPred, OParentPr string
}

// TestLearnedActors checks that actors no table knows, which the article
// introduces, become entities with their kind and affiliation, marked
// learned, and are found again later in the article.
func TestLearnedActors(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       []learnedFact
	}{
		{"name with its abbreviation, then the abbreviation",
			"Clashes broke out in Darfur between the army and the Northern Shield Forces (NSF) on Monday. The NSF attacked Chad on Tuesday.",
			[]learnedFact{{S: "Northern Shield Forces", P: "attacked", O: "Chad", SLearned: true, SKind: schema.ArmedGroup, OKind: schema.Country}}},
		{"name after a state, with its abbreviation",
			"Fighting spread after Chad's Northern Shield Forces (NSF) crossed the border. The NSF attacked Niger on Tuesday.",
			[]learnedFact{{S: "Northern Shield Forces", P: "attacked", O: "Niger", SLearned: true, SKind: schema.ArmedGroup, OKind: schema.Country, SParent: "ent:chad", SParentPred: "affiliated_with"}}},
		{"abbreviation that is not the initials",
			"The Northern Shield Forces (XYZ) attacked Chad.", nil},
		{"apposition with a state and a kind of group",
			"Grey Heron, a Russian state-backed hacking group, was named in the report. The United States sanctioned Grey Heron on Friday.",
			[]learnedFact{{S: "United States", P: "imposed_sanctions_on", O: "Grey Heron", SKind: schema.Country, OLearned: true, OKind: schema.Organization, OParent: "ent:russia", OParentPr: "affiliated_with"}}},
		{"apposition with an armed kind",
			"Kataib al-Nasr, an Iraqi militant group, was blamed. The United States accused Kataib al-Nasr of the attack.",
			[]learnedFact{{S: "United States", P: "accused", O: "Kataib al-Nasr", SKind: schema.Country, OLearned: true, OKind: schema.ArmedGroup, OParent: "ent:iraq", OParentPr: "affiliated_with"}}},
		{"an apposition that is no group", "Westbrook, a small town, condemned Russia.", nil},
		{"a time word is no name", "On Monday, a militant group attacked Niger.", nil},
		{"unknown person with a state's office",
			"Kenya's President Amani Wekesa met Tanzanian officials on Monday.",
			[]learnedFact{
				{S: "Amani Wekesa", P: "met_with", O: "Tanzania", SLearned: true, SKind: schema.Person, OKind: schema.Country},
				{S: "Amani Wekesa", P: "head_of_state_of", O: "Kenya", SLearned: true, SKind: schema.Person, OKind: schema.Country},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := p.Extract(context.Background(), schema.Document{ID: "t", Text: tc.text, Published: "2023-05-24"})
			if err != nil {
				t.Fatal(err)
			}
			var got []learnedFact
			for _, s := range stmts {
				got = append(got, learnedFact{s.Subject.Name, s.Predicate, s.Object.Name,
					s.Subject.Learned, s.Object.Learned, s.Subject.Type, s.Object.Type,
					s.Subject.Parent, s.Object.Parent, s.Subject.ParentPredicate, s.Object.ParentPredicate})
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestOfficeHolders checks office titles the agent table does not list
// whole: a portfolio before "minister", an organ's spokesperson, a
// hyphenated "then-", an honorific and an apposition between office and
// name.
func TestOfficeHolders(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       []fact
	}{
		{"portfolio", "Kenyan Tourism Minister Wanjiru Otieno condemned Uganda.",
			[]fact{{S: "Wanjiru Otieno", P: "condemned", O: "Uganda"}, {S: "Wanjiru Otieno", P: "minister_of", O: "Kenya"}}},
		{"organ's spokesperson", "The Ghanaian foreign ministry spokesperson Kofi Mensah condemned Togo.",
			[]fact{{S: "Kofi Mensah", P: "condemned", O: "Togo"}, {S: "Kofi Mensah", P: "part_of", O: "Ghana"}}},
		{"then-", "Peru's then-President Luis Quispe condemned Chile.",
			[]fact{{S: "Luis Quispe", P: "condemned", O: "Chile"}, {S: "Luis Quispe", P: "head_of_state_of", O: "Peru"}}},
		{"honorific", "Zambian President Dr Mwila Banda condemned Malawi.",
			[]fact{{S: "Mwila Banda", P: "condemned", O: "Malawi"}, {S: "Mwila Banda", P: "head_of_state_of", O: "Zambia"}}},
		{"rank before the name", "Nairobi's police chief General Otieno Kamau condemned Somalia.",
			[]fact{{S: "Otieno Kamau", P: "condemned", O: "Somalia"}, {S: "Otieno Kamau", P: "part_of", O: "Kenya"}}},
		{"state after the name", "President Amani Wekesa of Kenya condemned Uganda.",
			[]fact{{S: "Amani Wekesa", P: "condemned", O: "Uganda"}, {S: "Amani Wekesa", P: "head_of_state_of", O: "Kenya"}}},
		{"office of an IGO", "Arab League chief Hassan Morad condemned Israel.",
			[]fact{{S: "Hassan Morad", P: "condemned", O: "Israel"}, {S: "Hassan Morad", P: "part_of", O: "Arab League"}}},
		{"apposition", "Chile's foreign minister, Ana Rojas, condemned Bolivia.",
			[]fact{{S: "Ana Rojas", P: "condemned", O: "Bolivia"}, {S: "Ana Rojas", P: "minister_of", O: "Chile"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stmts, err := p.Extract(context.Background(), schema.Document{ID: "t", Text: tc.text, Published: "2022-09-07"})
			if err != nil {
				t.Fatal(err)
			}
			got := facts(stmts)
			for i := range got {
				got[i].Date = ""
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestTenure checks that an official the gazetteer knows with a tenure is
// coded as in office during it and as a former official after it.
func TestTenure(t *testing.T) {
	g, err := gazetteer.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	g = g.With(gazetteer.Actor{Name: "Rudolf Rassendyll", Kind: schema.Person, Parent: "Albania", Role: "GOV", Since: "2010-02-18", Until: "2015-02-19"})
	p, err := extract.New(extract.WithGazetteer(g))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ published, want string }{
		{"2012-06-01", "ALBGOV"},
		{"2020-06-01", "ALBELI"},
		{"", "ALBGOV"},
	} {
		stmts, err := p.Extract(context.Background(), schema.Document{ID: "t", Text: "Rudolf Rassendyll condemned Serbia.", Published: tc.published})
		if err != nil {
			t.Fatal(err)
		}
		if len(stmts) != 1 || stmts[0].Subject.CAMEO != tc.want {
			t.Errorf("published %q: %v, want one statement by %s", tc.published, stmts, tc.want)
		}
	}
	// After the tenure, an office in the text is another one, unless the
	// text says "former".
	for _, tc := range []struct {
		text string
		want []fact
	}{
		{"African Union chairman Rudolf Rassendyll condemned Serbia.",
			[]fact{{S: "Rudolf Rassendyll", P: "condemned", O: "Serbia"}, {S: "Rudolf Rassendyll", P: "part_of", O: "African Union"}}},
		{"Chairman Rudolf Rassendyll condemned Serbia.",
			[]fact{{S: "Rudolf Rassendyll", P: "condemned", O: "Serbia"}}},
		{"The former prime minister Rudolf Rassendyll condemned Serbia.",
			[]fact{{S: "Rudolf Rassendyll", P: "condemned", O: "Serbia"}, {S: "Rudolf Rassendyll", P: "head_of_government_of", O: "Albania"}}},
	} {
		stmts, err := p.Extract(context.Background(), schema.Document{ID: "t", Text: tc.text, Published: "2020-06-01"})
		if err != nil {
			t.Fatal(err)
		}
		got := facts(stmts)
		for i := range got {
			got[i].Date = ""
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%q (-want +got):\n%s", tc.text, diff)
		}
	}
}
