package gazetteer

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/schema"
)

func TestParse(t *testing.T) {
	const header = "name\tkind\tiso3\tcameo\trole\tparent\tparent_predicate\taliases\tshort\tdemonyms\tcapitals\tnote\n"
	tests := []struct {
		name   string
		input  string
		want   []Actor
		errors []string
	}{
		{
			name: "good lines, comments and blank lines",
			input: "# a comment\n\n" + header +
				"Iran\tCountry\tIRN\t\t\t\t\tIslamic Republic of Iran|the Islamic Republic\t\tIranian|Iranians\tTehran\n" +
				"  # an indented comment\n" +
				"White House\tGovernment\t\t\tGOV\tUnited States\tpart_of\n" +
				"Vladimir Putin\tPerson\t\t\tGOV\tRussia\thead_of_state_of\t\tPutin\t\t\tPresident of Russia.\n",
			want: []Actor{
				{Name: "Iran", Kind: schema.Country, ISO3: "IRN", Aliases: []string{"Islamic Republic of Iran", "the Islamic Republic"}, Demonyms: []string{"Iranian", "Iranians"}, Capitals: []string{"Tehran"}},
				{Name: "White House", Kind: schema.Government, Role: "GOV", Parent: "United States", ParentPredicate: "part_of"},
				{Name: "Vladimir Putin", Kind: schema.Person, Role: "GOV", Parent: "Russia", ParentPredicate: "head_of_state_of", Short: []string{"Putin"}, Note: "President of Russia."},
			},
		},
		{
			name:  "columns in another order, case-insensitive kind, CRLF, spaces trimmed, empty list items dropped",
			input: "kind\tname\taliases\r\nigo\t United Nations \tUN| |U.N.|\r\n",
			want:  []Actor{{Name: "United Nations", Kind: schema.IGO, Aliases: []string{"UN", "U.N."}}},
		},
		{
			name: "each malformed line is reported and skipped",
			input: header +
				"Iran\tCountry\tIRN\n" +
				"Iraq\tKountry\tIRQ\n" + // line 3
				"Iraq\tCountry\tiraq\n" + // line 4
				"Iraq\tCountry\tIRQ\tirq\n" + // line 5
				"White House\tGovernment\t\t\tgov\n" + // line 6
				"White House\tGovernment\t\t\tGOV\tUnited States\tfriend_of\n" + // line 7
				"White House\tGovernment\t\t\tGOV\t\tpart_of\n" + // line 8
				"\tCountry\n" + // line 9
				"Iraq\n" + // line 10
				"Iraq\tCountry\tIRQ\t\t\t\t\t\t\t\t\t\textra\n" + // line 11
				"Iraq\tCountry\tIRQ\t\t\t\t\t...\n" + // line 12
				"Iraq\tCountry\tIRQ\t\t\tIraq\n" + // line 13
				"IRAN\tCountry\n" + // line 14: same IRI as Iran
				"!!!\tCountry\n" + // line 15
				"Iraq\tCountry\tIRQ\n", // line 16: good
			want: []Actor{
				{Name: "Iran", Kind: schema.Country, ISO3: "IRN"},
				{Name: "Iraq", Kind: schema.Country, ISO3: "IRQ"},
			},
			errors: []string{
				`t.tsv:3: unknown kind "Kountry" (known: Country, Government, Agency, IGO, ArmedGroup, PoliticalGroup, Person, Place, Media, Organization)`,
				`t.tsv:4: iso3 "iraq" is not three capital letters`,
				`t.tsv:5: cameo "irq" is not a code of 3 to 15 capital letters and digits`,
				`t.tsv:6: role "gov" is not a CAMEO agent code of three capital letters (GOV, MIL, …)`,
				`t.tsv:7: parent_predicate "friend_of" is not a standing relation of the schema (part_of, media_of, head_of_state_of, …)`,
				`t.tsv:8: White House: parent_predicate "part_of" without a parent`,
				`t.tsv:9: no name`,
				`t.tsv:10: Iraq: no kind`,
				`t.tsv:11: 13 fields, but the header has 12 columns (a tab too many?)`,
				`t.tsv:12: aliases: "..." has no letters or digits`,
				`t.tsv:13: Iraq: is its own parent`,
				`t.tsv:14: actor "IRAN" already defined on line 2`,
				`t.tsv:15: name "!!!" has no letters or digits`,
			},
		},
		{
			name:   "header without kind: nothing is read",
			input:  "name\taliases\nIran\tPersia\n",
			errors: []string{`t.tsv:1: header: no "kind" column (a header line names the columns, tab-separated, and needs "name" and "kind")`},
		},
		{
			name:  "unknown and repeated header columns are reported and ignored",
			input: "name\tkind\tflag\tkind\t\nIran\tCountry\tx\tPlace\ty\n",
			want:  []Actor{{Name: "Iran", Kind: schema.Country}},
			errors: []string{
				`t.tsv:1: header: unknown column "flag"; ignored (known: name, kind, iso3, cameo, role, parent, parent_predicate, aliases, short, demonyms, capitals, note, since, until)`,
				`t.tsv:1: header: column "kind" given twice; the second is ignored`,
				`t.tsv:1: header: column 5 has no name; ignored`,
			},
		},
		{
			name:   "no header at all",
			input:  "# only a comment\n",
			errors: []string{`t.tsv:1: no header line`},
		},
		{
			name:   "invalid UTF-8",
			input:  "name\tkind\nIr\xffan\tCountry\nIran\tCountry\n",
			want:   []Actor{{Name: "Iran", Kind: schema.Country}},
			errors: []string{`t.tsv:2: not valid UTF-8`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := Parse(strings.NewReader(tt.input), "t.tsv")
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("actors (-want +got):\n%s", diff)
			}
			var msgs []string
			for _, err := range errs {
				msgs = append(msgs, err.Error())
				if !errors.Is(err, ErrMalformed) {
					t.Errorf("%v does not wrap ErrMalformed", err)
				}
			}
			if diff := cmp.Diff(tt.errors, msgs, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseLongLine(t *testing.T) {
	long := "name\tkind\taliases\nIran\tCountry\t" + strings.Repeat("x", maxLine+10) + "\n"
	_, errs := Parse(strings.NewReader(long), "long.tsv")
	if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), "read long.tsv after line 1: ") {
		t.Errorf("errors = %v, want one read error after line 1", errs)
	}
}

func TestParseBuiltinFiles(t *testing.T) {
	actors, errs := parseBuiltin()
	for _, err := range errs {
		t.Error(err)
	}
	if len(actors) < 400 {
		t.Errorf("parsed %d built-in actors, want at least 400", len(actors))
	}
}

// The example in README.md parses cleanly and means what it says.
func TestReadmeExample(t *testing.T) {
	b, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, rest, ok := strings.Cut(string(b), "Example:\n\n```\n")
	block, _, ok2 := strings.Cut(rest, "```")
	if !ok || !ok2 {
		t.Fatal("README.md has no example block")
	}
	actors, errs := Parse(strings.NewReader(block), "README.md")
	for _, err := range errs {
		t.Error(err)
	}
	g := New(actors...)
	a, ok := g.Lookup("Rassendyll")
	if !ok || a.ParentPredicate != "head_of_state_of" || a.CAMEO != "RURGOV" || a.ISO3 != "RUR" {
		t.Errorf("Lookup(Rassendyll) = %+v, %v", a, ok)
	}
}

func TestParseTenure(t *testing.T) {
	in := "name\tkind\tparent\tsince\tuntil\n" +
		"Rudolf Rassendyll\tPerson\tRuritania\t2010-02-18\t2015-02-19\n" +
		"Flavia\tPerson\tRuritania\t2016\n" +
		"Sapt\tPerson\tRuritania\t2014-13\n" +
		"Michael\tPerson\tRuritania\t2015\t2012\n"
	actors, errs := Parse(strings.NewReader(in), "t.tsv")
	if len(actors) != 2 || len(errs) != 2 {
		t.Fatalf("got %d actors and errors %v, want 2 actors and 2 errors", len(actors), errs)
	}
	r := actors[0]
	for _, tc := range []struct {
		date         string
		holds, known bool
	}{
		{"2012-06-01", true, true},
		{"2012", true, true},
		{"2010-02-18", true, true},
		{"2010-02", false, false},
		{"2009", false, true},
		{"2015-01", true, true},
		{"2015", false, false},
		{"2015-02-19", false, true},
		{"2020", false, true},
		{"", false, false},
	} {
		if h, k := r.Holds(tc.date); h != tc.holds || k != tc.known {
			t.Errorf("Holds(%q) = %v, %v; want %v, %v", tc.date, h, k, tc.holds, tc.known)
		}
	}
	if h, k := actors[1].Holds("2015-12"); h || !k {
		t.Errorf("open-ended tenure from 2016: Holds(2015-12) = %v, %v", h, k)
	}
	if h, k := actors[1].Holds("2030"); !h || !k {
		t.Errorf("open-ended tenure from 2016: Holds(2030) = %v, %v", h, k)
	}
}
