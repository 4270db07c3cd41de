package gazetteer

import (
	"strings"
	"testing"
)

// benchSentences are tokenised sentences of the kind news holds, with
// states, organs, groups, people and words that name nothing.
var benchSentences = []string{
	"The Chinese coast guard fired water cannon at two Philippine supply boats near the Second Thomas Shoal on Saturday , the Philippine foreign ministry said .",
	"Iran 's Foreign Ministry spokesman condemned the decision and summoned the Albanian ambassador in Tehran .",
	"Fighters of the Rapid Support Forces clashed with the Sudanese army in Khartoum as talks in Jeddah stalled .",
	"Speaking to reporters in Brussels , the NATO secretary-general said the alliance would not send troops to Ukraine .",
	"The European Union and the African Development Bank agreed on a plan to fund roads , ports and schools across the Sahel .",
	"Prime Minister Edi Rama told parliament that the government had cut diplomatic ties with the Islamic Republic .",
	"Officials said the attack , claimed by the Islamic State , killed at least 12 people at a market in the north of the country .",
	"After years of tension , Saudi Arabia and Iran restored relations in a deal brokered by Beijing , state media reported .",
}

// BenchmarkMatchSentence measures Match on the built-in gazetteer (hand-kept and
// generated tables) per sentence.
func BenchmarkMatchSentence(b *testing.B) {
	g, err := Builtin()
	if err != nil {
		b.Fatal(err)
	}
	toks := make([][]string, len(benchSentences))
	for i, s := range benchSentences {
		toks[i] = strings.Fields(s)
	}
	b.ResetTimer()
	for n := range b.N {
		g.Match(toks[n%len(toks)])
	}
}

// BenchmarkBuild measures building the built-in gazetteer from its parsed
// tables, which a process does once.
func BenchmarkBuild(b *testing.B) {
	actors, errs := parseBuiltin()
	if len(errs) > 0 {
		b.Fatal(errs)
	}
	b.ResetTimer()
	for range b.N {
		New(actors...)
	}
}
