package extract

import (
	"strings"
	"unicode"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// learning holds the actors an article introduces that no table knows, so
// that the article's later sentences find them by name or abbreviation, and
// the article's date, against which officials' tenures are read. It lives
// for one document.
type learning struct {
	date    string // the article's publication day, ISO; "" when unknown
	actors  []gazetteer.Actor
	parents map[string]schema.Entity // actor IRI → the state it is affiliated with
	gaz     *gazetteer.Gazetteer     // of actors; nil while there are none
}

// add learns an actor and the state it serves (zero for none).
func (l *learning) add(a gazetteer.Actor, state schema.Entity) {
	l.actors = append(l.actors, a)
	if l.parents == nil {
		l.parents = make(map[string]schema.Entity)
	}
	if !state.IsZero() {
		l.parents[a.IRI()] = state
	}
	l.gaz = gazetteer.New(l.actors...)
}

// entity returns a learned actor as a statement's entity.
func (l *learning) entity(a gazetteer.Actor, text string) schema.Entity {
	e := schema.Entity{IRI: a.IRI(), Name: a.Name, Type: a.Kind, Learned: true, Aliases: []string{text}}
	if st, ok := l.parents[a.IRI()]; ok {
		e.Parent, e.ParentPredicate = st.IRI, "affiliated_with"
	}
	return e
}

// Head nouns that say what kind of actor a described name is.
var (
	armedHeads = map[string]bool{
		"forces": true, "force": true, "army": true, "front": true, "brigade": true, "brigades": true,
		"militia": true, "militias": true, "battalion": true, "battalions": true, "corps": true,
		"guards": true, "mujahideen": true, "legion": true, "commandos": true, "gang": true,
	}
	politicalHeads = map[string]bool{
		"party": true, "movement": true, "alliance": true, "coalition": true,
	}
	orgHeads = map[string]bool{
		"organization": true, "organisation": true, "union": true, "community": true,
		"association": true, "commission": true, "council": true, "committee": true, "bank": true,
		"fund": true, "court": true, "tribunal": true, "forum": true, "institute": true,
		"foundation": true, "network": true, "league": true, "federation": true, "group": true,
	}
	// armedWords make a described group an armed one: "a militant group".
	armedWords = map[string]bool{
		"armed": true, "militant": true, "rebel": true, "jihadist": true, "terrorist": true,
		"paramilitary": true, "insurgent": true, "extremist": true, "separatist": true,
		"islamist": true, "mercenary": true, "guerrilla": true, "militia": true,
	}
)

// headKind returns the kind a head noun gives.
func headKind(head string, modifiers []string) (schema.Kind, bool) {
	switch {
	case armedHeads[head]:
		return schema.ArmedGroup, true
	case politicalHeads[head]:
		return schema.PoliticalGroup, true
	case orgHeads[head]:
		for _, m := range modifiers {
			if armedWords[m] {
				return schema.ArmedGroup, true
			}
			if m == "opposition" || m == "political" {
				return schema.PoliticalGroup, true
			}
		}
		return schema.Organization, true
	}
	return "", false
}

// learnActors finds actors the sentence introduces and no table knows, adds
// them to l and returns their mentions:
//
//   - a name with its abbreviation in brackets, whose head noun says what
//     it is: "the Rapid Support Forces (RSF)", "the Popular Defence Front
//     (PDF)", affiliated with a state named just before it ("Ruritania's
//     Northern Shield Forces (NSF)");
//   - a name described by an apposition whose head noun is a kind of group:
//     "Volt Typhoon, a Chinese state-backed hacking group" (affiliated with
//     the state the description names).
//
// covered marks tokens that already name an actor; learnActors marks those
// it takes.
func (p *Pipeline) learnActors(toks []Token, words []string, covered []bool, l *learning) []mention {
	var out []mention
	take := func(start, end int, a gazetteer.Actor, state schema.Entity) {
		if _, known := p.gaz.Lookup(a.Name); known {
			return
		}
		l.add(a, state)
		text := joinTokens(toks[start:end])
		out = append(out, mention{start: start, end: end, entity: l.entity(a, text), text: text})
		for i := start; i < end; i++ {
			covered[i] = true
		}
	}
	for k := 2; k+2 < len(toks); k++ {
		// "… Rapid Support Forces ( RSF )"
		if toks[k].Text != "(" || toks[k+2].Text != ")" || !isAbbreviation(toks[k+1].Text) {
			continue
		}
		start, ok := nameRunBefore(toks, covered, k)
		if !ok {
			continue
		}
		head := headOf(toks[start:k])
		kind, ok := headKind(head, nil)
		if !ok || initials(toks[start:k]) != toks[k+1].Text {
			continue
		}
		name := joinTokens(toks[start:k])
		take(start, k, gazetteer.Actor{Name: name, Kind: kind, Aliases: []string{toks[k+1].Text}}, p.stateBefore(words, start))
		covered[k+1] = true
	}
	for c := 1; c+2 < len(toks); c++ {
		// "Volt Typhoon , a Chinese state-backed hacking group"
		if toks[c].Text != "," || toks[c+1].Lower != "a" && toks[c+1].Lower != "an" {
			continue
		}
		start, ok := nameRunBefore(toks, covered, c)
		if !ok {
			continue
		}
		var mods []string
		var state schema.Entity
		for j := c + 2; j < len(toks) && j < c+9; j++ {
			t := toks[j]
			if !isNounish(t) && t.Tag != "NNP" && t.Text != "-" {
				break
			}
			if kind, ok := headKind(t.Lower, mods); ok && (j+1 == len(toks) || !strings.HasPrefix(toks[j+1].Tag, "NN")) {
				name := joinTokens(toks[start:c])
				take(start, c, gazetteer.Actor{Name: name, Kind: kind}, state)
				break
			}
			for _, m := range p.gaz.Match(words[j : j+1]) {
				if m.Actor.Kind == schema.Country {
					state = m.Actor.Entity()
				}
			}
			mods = append(mods, t.Lower)
		}
	}
	for h := 0; h+3 < len(toks); h++ {
		// "the Government of National Unity", "the Front for the
		// Liberation of the Enclave": a capitalised head noun of a kind of
		// actor, then "of" or "for" and a name of two words or more that
		// names no known actor.
		start, end, kind, ok := institutionName(toks, covered, h)
		if !ok {
			continue
		}
		take(start, end, gazetteer.Actor{Name: joinTokens(toks[start:end]), Kind: kind}, p.stateBefore(words, start))
		h = end - 1
	}
	return out
}

// governmentHeads name a government that a table may not know: "the
// Government of National Unity", "the Transitional Administration of …".
var governmentHeads = map[string]bool{"government": true, "administration": true, "authority": true}

// institutionName reads a name whose capitalised head at token h is a
// kind of actor, followed by "of" or "for" and two or more capitalised
// words none of which names a known actor: "Government of National
// Accord", "Movement for Democratic Change". It returns the name's span
// and kind.
func institutionName(toks []Token, covered []bool, h int) (start, end int, kind schema.Kind, ok bool) {
	t := toks[h]
	if covered[h] || !isCapitalised(t) || t.Tag != "NNP" && t.Tag != "NNPS" {
		return 0, 0, "", false
	}
	if governmentHeads[t.Lower] {
		kind = schema.Government
	} else if k, known := headKind(t.Lower, nil); known {
		kind = k
	} else {
		return 0, 0, "", false
	}
	j := h + 1
	if j >= len(toks) || toks[j].Lower != "of" && toks[j].Lower != "for" {
		return 0, 0, "", false
	}
	j++
	if j < len(toks) && toks[j].Lower == "the" {
		j++
	}
	names := 0
	for end = j; end < len(toks) && !covered[end]; end++ {
		if isCapitalised(toks[end]) && (toks[end].Tag == "NNP" || toks[end].Tag == "NNPS") && !isTimeWord(toks[end].Lower) {
			names++
			continue
		}
		if (toks[end].Lower == "of" || toks[end].Lower == "and" || toks[end].Lower == "the") && end+1 < len(toks) && isCapitalised(toks[end+1]) {
			continue
		}
		break
	}
	if end < len(toks) && covered[end] || names < 2 {
		return 0, 0, "", false // "the Armed Forces of the Philippines": a known state's own
	}
	for start = h; start > 0 && !covered[start-1] && isCapitalised(toks[start-1]) && toks[start-1].Tag == "NNP" && !isTimeWord(toks[start-1].Lower); start-- {
	}
	return start, end, kind, true
}

// stateBefore returns the state named just before token i, as a demonym
// or a possessive ("the Sudanese …", "Sudan's …"), or the zero entity.
func (p *Pipeline) stateBefore(words []string, i int) schema.Entity {
	for _, from := range []int{i - 1, i - 2} {
		if from < 0 {
			continue
		}
		for _, m := range p.gaz.Match(words[from:i]) {
			if m.Start == 0 && m.Actor.Kind == schema.Country && (m.End == i-from || m.End == i-from-1 && (words[i-1] == "'s" || words[i-1] == "’s")) {
				return m.Actor.Entity()
			}
		}
	}
	return schema.Entity{}
}

// nameRunBefore returns the start of the run of capitalised words that ends
// just before token end ("the Rapid Support Forces", "Volt Typhoon"), with
// particles inside it ("Government of National Unity"). The run holds no
// known actor, no sentence-opening function word and no time word.
func nameRunBefore(toks []Token, covered []bool, end int) (int, bool) {
	start := end
	for start > 0 {
		t := toks[start-1]
		if covered[start-1] {
			break // "the Sudanese Rapid Support Forces": the name starts after the state
		}
		if isCapitalised(t) && (t.Tag == "NNP" || t.Tag == "NNPS") || isParticleName(t) {
			start--
			continue
		}
		if start < end && start-2 >= 0 && (t.Lower == "of" || t.Lower == "for" || t.Lower == "and") && isCapitalised(toks[start-2]) {
			start--
			continue
		}
		break
	}
	for start < end && !isCapitalised(toks[start]) {
		start++
	}
	if start < end && end-start == 1 && isParticleName(toks[start]) {
		return 0, false
	}
	if start == end {
		return 0, false
	}
	for _, t := range toks[start:end] {
		if nonNames[t.Lower] && t.Lower != "group" && t.Lower != "party" && t.Lower != "forces" && t.Lower != "army" && t.Lower != "front" || isTimeWord(t.Lower) {
			return 0, false
		}
	}
	return start, true
}

// isParticleName reports whether a token is a name with a particle joined
// by a hyphen: "al-Nasr", "el-Sisi".
func isParticleName(t Token) bool {
	pre, rest, ok := strings.Cut(t.Text, "-")
	r := []rune(rest)
	return ok && len(r) > 1 && unicode.IsUpper(r[0]) && (pre == "al" || pre == "el" || pre == "ad" || pre == "as" || pre == "ash" || pre == "an" || pre == "ar")
}

func isCapitalised(t Token) bool {
	r := []rune(t.Text)
	return len(r) > 1 && unicode.IsUpper(r[0]) && strings.IndexFunc(t.Text, unicode.IsDigit) < 0
}

// isAbbreviation reports whether s is two to six capital letters.
func isAbbreviation(s string) bool {
	if len(s) < 2 || len(s) > 6 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// headOf returns the head noun of a name, lower case: its last word, or the
// last before "of" ("Government of National Unity" → government).
func headOf(ts []Token) string {
	head := ""
	for _, t := range ts {
		if t.Lower == "of" || t.Lower == "for" {
			break
		}
		head = t.Lower
	}
	return head
}

// initials returns the capitals that start the name's words and their
// hyphenated parts: "Hayat Tahrir al-Sham" → HTS.
func initials(ts []Token) string {
	var b strings.Builder
	for _, t := range ts {
		for _, part := range strings.Split(t.Text, "-") {
			if r := []rune(part); len(r) > 0 && unicode.IsUpper(r[0]) {
				b.WriteRune(r[0])
			}
		}
	}
	return b.String()
}
