package gazetteer

import (
	"slices"
	"strings"
)

// Match finds the actors named in a tokenised sentence, leftmost-longest
// and without overlaps, in order. Tokens are as a tokenizer like prose's
// gives them: "U.S." one token, "Iran's" as "Iran" and "'s", punctuation
// apart. A name must start and end on token boundaries: "Israel-Hamas" and
// "U.S.-led" name nothing.
//
// Precision comes before recall, so case matters:
//   - an abbreviation (no lower-case letter: US, UK, MEK, UN) matches only in
//     exactly that case: "us" the pronoun is not the United States;
//   - any other form matches as the gazetteer spells it, except that a
//     leading "the" may take either case and a form starting in lower case
//     ("al-Qaeda") may start with a capital; demonyms, spelled with a
//     capital, therefore match only capitalised ("Iranian", not "iranian");
//   - text all in capitals (a headline) matches a form of four letters or
//     more that is not an abbreviation;
//   - a short form ("Putin", "Congress") or a capital matches only standing
//     alone: not right after a capitalised word other than a title
//     ("President Putin", yes; "Hunter Biden", no) and not right before a
//     capitalised word ("Trump Tower", "Paris Hilton", "Tehran Times");
//   - a few phrases block what they contain ("Indian Ocean", "Paris
//     Agreement", "South China Sea", "Latin American"): they match nothing.
func (g *Gazetteer) Match(tokens []string) []Match {
	ws := make([][]string, len(tokens))
	for i, t := range tokens {
		ws[i] = words(t)
	}
	var out []Match
	for i := 0; i < len(tokens); {
		if len(ws[i]) == 0 {
			i++
			continue
		}
		e, end, ok := g.longestAt(tokens, ws, i)
		if ok && !e.stop() && keyOf(e.spelling[0]) == "the" {
			// A form with a leading "the" yields to a longer one after it:
			// "the Islamic Republic of Iran" is one name, not two.
			if _, end2, ok2 := g.longestAt(tokens, ws, i+1); ok2 && end2 > end {
				i++
				continue
			}
		}
		switch {
		case !ok:
			i++
		case e.stop():
			i = end
		default:
			out = append(out, Match{
				Start: i,
				End:   end,
				Actor: g.actors[e.actor].clone(),
				Form:  e.form,
				Text:  joinTokens(tokens[i:end]),
			})
			i = end
		}
	}
	return out
}

// candidate is a trie node reached at the end of a token.
type candidate struct {
	end   int
	n     *node
	words []string // the text's words from the start token to end
}

// longestAt returns the best entry of the longest form that starts at token
// i and passes the case rules, and the token after it.
func (g *Gazetteer) longestAt(tokens []string, ws [][]string, i int) (entry, int, bool) {
	var (
		cands []candidate
		span  []string
		n     = g.root
	)
walk:
	for t := i; t < len(tokens); t++ {
		if len(ws[t]) == 0 {
			if transparent(tokens[t]) {
				continue
			}
			break
		}
		for _, w := range ws[t] {
			n = n.next[keyOf(w)]
			if n == nil {
				break walk
			}
			span = append(span, w)
		}
		if len(n.entries) > 0 {
			cands = append(cands, candidate{end: t + 1, n: n, words: slices.Clone(span)})
		}
	}
	for k := len(cands) - 1; k >= 0; k-- {
		c := cands[k]
		var best entry
		found := false
		for _, e := range c.n.entries {
			if !e.stop() && !caseOK(e, c.words) {
				continue
			}
			if e.alone && !standsAlone(tokens, i, c.end) {
				continue
			}
			if !found || e.less(best) {
				best, found = e, true
			}
		}
		if found {
			return best, c.end, true
		}
	}
	return entry{}, 0, false
}

// caseOK applies the case rules of Match to a form and the text's words
// (the same words but for case).
func caseOK(e entry, text []string) bool {
	form := e.spelling
	if e.abbrev {
		return strings.Join(form, "") == strings.Join(text, "")
	}
	k := 0
	if strings.EqualFold(form[0], "the") && len(form) > 1 {
		k = 1
	}
	if slices.Equal(form[k:], text[k:]) {
		return true
	}
	if !startsUpper(form[k]) && text[k] == upperFirst(form[k]) && slices.Equal(form[k+1:], text[k+1:]) {
		return true
	}
	all := strings.Join(text, "")
	return letterCount(all) >= 4 && !hasLower(all) && strings.EqualFold(strings.Join(form, ""), all)
}

// standsAlone reports whether tokens[start:end] is not part of a longer
// capitalised name.
func standsAlone(tokens []string, start, end int) bool {
	if start > 0 {
		prev := tokens[start-1]
		ks := keys(prev)
		if startsUpper(prev) && len(ks) > 0 && !titleWords[ks[len(ks)-1]] && !functionWords[ks[len(ks)-1]] {
			return false
		}
	}
	if end < len(tokens) && startsUpper(tokens[end]) {
		return false
	}
	return true
}

// titleWords may precede a short form: "President Putin", "Mr. Biden",
// "President-elect Trump".
var titleWords = setOf(
	"mr", "mrs", "ms", "dr", "sir", "president", "elect", "minister", "prime", "premier",
	"chancellor", "leader", "secretary", "general", "gen", "king", "queen", "prince",
	"princess", "crown", "ayatollah", "sheikh", "shaikh", "emir", "sultan", "senator",
	"sen", "rep", "representative", "governor", "gov", "judge", "justice", "commander",
	"vice", "foreign", "defence", "defense", "supreme", "pope", "chairman", "chairwoman",
	"chair", "speaker", "ambassador", "envoy", "spokesman", "spokeswoman", "spokesperson",
	"former", "late", "deputy", "acting", "incoming", "outgoing", "candidate", "nominee",
	"field", "marshal", "colonel", "col", "lt", "lieutenant", "major", "maj", "admiral",
	"adm", "brigadier", "director", "chief", "mayor", "imam", "cleric", "hojatoleslam",
)

// functionWords are capitalised at the start of a sentence and never part of
// a name.
var functionWords = setOf(
	"the", "a", "an", "and", "but", "or", "nor", "so", "yet", "when", "while", "after",
	"before", "if", "as", "since", "because", "although", "though", "then", "meanwhile",
	"however", "on", "in", "at", "for", "with", "without", "under", "by", "from", "to",
	"of", "both", "neither", "either", "even", "only", "also", "why", "how", "what",
	"where", "who", "whom", "whose", "that", "this", "these", "those", "like", "unlike",
	"did", "does", "do", "has", "had", "have", "was", "were", "is", "are", "will",
	"would", "can", "could", "should", "may", "might", "must", "said", "says", "not",
	"until", "during", "despite", "instead", "once", "whether", "unless", "yesterday",
	"today", "tomorrow", "now", "still", "here", "there", "last", "earlier", "later",
)

func setOf(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// stopPhrases name no actor but contain forms that would: a place or thing
// named after a state, a capital or a demonym. Match skips them whole, in any
// case.
var stopPhrases = []string{
	// Seas, rivers, regions.
	"Indian Ocean", "Indian subcontinent", "Arabian Sea", "South China Sea", "East China Sea",
	"Sea of Japan", "Irish Sea", "Niger Delta", "Niger River", "Jordan River",
	"New Guinea", "New Mexico", "New Mexican", "New Mexicans", "French Guiana",
	"French Polynesia", "British Columbia", "British Virgin Islands", "American Samoa",
	"North Pole", "South Pole", "South America", "North America", "Central America",
	"Crimean War", "Bosnian Serb", "Bosnian Serbs", "Bosnian Croat", "Bosnian Croats",
	"Turks and Caicos", "Turkish Cypriot", "Turkish Cypriots", "Greek Cypriot", "Greek Cypriots",
	"Washington state", "George Washington",
	// Peoples named after a continent.
	"Latin America", "Latin American", "Latin Americans", "South American", "South Americans",
	"North American", "North Americans", "Central American", "Central Americans",
	"African American", "African Americans", "Native American", "Native Americans",
	"American Indian", "American Indians", "Asian American", "Asian Americans",
	// Treaties, accords, conventions and other things named after a capital.
	"Paris Agreement", "Paris climate", "Paris Club", "Warsaw Pact", "Oslo Accords",
	"Minsk agreements", "Minsk accords", "Helsinki Accords", "Helsinki Final Act",
	"Rome Statute", "Treaty of Rome", "Lisbon Treaty", "Treaty of Lisbon",
	"Vienna Convention", "Vienna Conventions", "Havana syndrome", "Stockholm syndrome",
	"Berlin Wall", "Washington Consensus", "Moscow Mule", "Beijing Consensus",
	"Donald Trump Jr", "Donald Trump Jr.",
}
