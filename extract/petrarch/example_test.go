package petrarch_test

import (
	"fmt"
	"strings"

	"github.com/geokg/geokg/extract/petrarch"
)

func ExampleParseActors() {
	const dict = `RURITANIA [RUR]
+STRELSAU
KING_RUDOLF [RUR]
    [RURGOV 19200101-19291231]
`
	actors, problems, err := petrarch.ParseActors(strings.NewReader(dict), "my.actors")
	if err != nil || len(problems) > 0 {
		fmt.Println(err, problems)
		return
	}
	keys := []string{petrarch.Key("King"), petrarch.Key("Rudolf"), petrarch.Key("visited"), petrarch.Key("Strelsau")}
	for _, at := range []int{0, 3} {
		m, _ := actors.Match(keys, at, nil)
		for _, day := range []string{"19250101", "19350101"} {
			d, _ := petrarch.ParseDate(day)
			codes, _ := actors.Entries[m.Entry].CodesOn(d)
			fmt.Println(keys[m.Start:m.End], d, codes)
		}
	}
	// Output:
	// [KING RUDOLF] 1925-01-01 [RURGOV]
	// [KING RUDOLF] 1935-01-01 [RUR]
	// [STRELSAU] 1925-01-01 [RUR]
	// [STRELSAU] 1935-01-01 [RUR]
}

func ExampleParseVerbs() {
	const dict = `&ARMS
+RIFLES
+FIELD_GUNS

--- SEND [070] ---
SEND {SENT SENDING SENDS}
- * &ARMS TO + [072]
- + WAS_ * BY $ [073]
`
	verbs, problems, err := petrarch.ParseVerbs(strings.NewReader(dict), "my.verbs")
	if err != nil || len(problems) > 0 {
		fmt.Println(err, problems)
		return
	}
	for _, f := range verbs.Forms("sent") {
		fmt.Println(f.Words, verbs.Code(f))
	}
	for _, p := range verbs.Blocks[0].Patterns {
		fmt.Println(p.Text, len(p.Upper), len(p.Lower))
	}
	fmt.Println(verbs.Synsets["&ARMS"])
	// Output:
	// [SENT] 070
	// * &ARMS TO + [072] 0 3
	// + WAS_ * BY $ [073] 2 2
	// [[RIFLES] [FIELD GUNS]]
}
