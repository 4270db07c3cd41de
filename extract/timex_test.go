package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// toks tags a sentence roughly enough for findTimexes, which reads only the
// words: capitalised words are proper nouns, others lower case.
func timexTokens(s string) []Token {
	var out []Token
	for _, w := range strings.Fields(strings.NewReplacer(",", " , ", ".", " . ").Replace(s)) {
		tag := "NN"
		if w[0] >= 'A' && w[0] <= 'Z' {
			tag = "NNP"
		}
		out = append(out, Token{Text: w, Lower: strings.ToLower(w), Tag: tag})
	}
	return out
}

func TestFindTimexes(t *testing.T) {
	doc := time.Date(2022, 9, 7, 0, 0, 0, 0, time.UTC) // a Wednesday
	type got struct {
		Value string
		Since bool
		Until bool
	}
	for _, tc := range []struct {
		text string
		doc  time.Time
		want []got
	}{
		{"the US removed the designation in 2012", doc, []got{{Value: "2012"}}},
		{"Since 2016 the group has been based in Albania", doc, []got{{Value: "2016", Since: true}}},
		{"they exchanged ambassadors for the first time since 2019", doc, nil},
		{"the worst fighting since 2016", doc, nil},
		{"a cyberattack in July", doc, []got{{Value: "2022-07"}}},
		{"in October the talks resumed", doc, []got{{Value: "2021-10"}}},
		{"they must leave by October 21", doc, []got{{Value: "2022-10-21"}}},
		{"talks will resume in December", doc, []got{{Value: "2022-12"}}},
		{"the deadline ran out in December", doc, []got{{Value: "2021-12"}}},
		{"Last December the agency reported", doc, []got{{Value: "2021-12"}}},
		{"last March the agency reported", doc, []got{{Value: "2022-03"}}},
		{"Earlier today , Rama announced", doc, []got{{Value: "2022-09-07"}}},
		{"Later today the ministry condemned", doc, []got{{Value: "2022-09-07"}}},
		{"the ministry said on Wednesday", doc, []got{{Value: "2022-09-07"}}},
		{"the ministry said on Monday", doc, []got{{Value: "2022-09-05"}}},
		{"the ministry said yesterday", doc, []got{{Value: "2022-09-06"}}},
		{"in January , the military implicated Iran", doc, []got{{Value: "2022-01"}}},
		{"on February 22 , 2019 in Beijing", doc, []got{{Value: "2019-02-22"}}},
		{"on 22 February 2019 in Beijing", doc, []got{{Value: "2019-02-22"}}},
		{"In October of last year , stations were hit", doc, []got{{Value: "2021-10"}}},
		{"since February 24 last year", doc, []got{{Value: "2021-02-24", Since: true}}},
		{"until 2019 the embassy stayed open", doc, []got{{Value: "2019", Until: true}}},
		{"last year the talks failed", doc, []got{{Value: "2021"}}},
		{"on 2022-09-07 Albania cut ties", time.Time{}, []got{{Value: "2022-09-07"}}},
		// Not adverbial, or unresolvable: no date.
		{"following a July cyberattack", doc, nil},
		{"the ministry said on Wednesday", time.Time{}, nil},
		{"a 24 hour deadline for 2000 diplomats", doc, nil},
		{"May the talks succeed", doc, nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			var gots []got
			for _, tx := range findTimexes(timexTokens(tc.text), tc.doc) {
				gots = append(gots, got{tx.value, tx.since, tx.until})
			}
			if diff := cmp.Diff(tc.want, gots); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestWeekdayNear(t *testing.T) {
	wed := time.Date(2022, 9, 7, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		d    time.Weekday
		dir  int
		want string
	}{
		{time.Wednesday, -1, "2022-09-07"},
		{time.Thursday, -1, "2022-09-01"},
		{time.Monday, -1, "2022-09-05"},
		{time.Thursday, 1, "2022-09-08"},
		{time.Wednesday, 1, "2022-09-14"},
	} {
		if got := weekdayNear(wed, tc.d, tc.dir).Format("2006-01-02"); got != tc.want {
			t.Errorf("weekdayNear(%v, %d) = %s, want %s", tc.d, tc.dir, got, tc.want)
		}
	}
}
