package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

// mention is an actor named in a sentence: a stretch of tokens that stands
// for one entity in relations.
type mention struct {
	start, end int // token range, end exclusive
	entity     schema.Entity
	// modifier: a demonym qualifying a noun that is not an actor or an organ
	// ("the Iranian cyberattack"); it can stand for a target, never a source.
	modifier bool
	// people: a plural demonym ("Palestinians"), a modifier that names the
	// state's people.
	people bool
	// possessive: followed by 's ("Albania's decision").
	possessive bool
	// agent is the organ or office noun phrase, lower case ("foreign ministry",
	// "diplomats"), when the mention names one.
	agent string
	// person is the named individual the mention names, if any; entity is
	// then the person too. state is the state an office serves ("Albanian
	// Prime Minister Edi Rama": Albania), linked to the person by personPred
	// (head_of_government_of …) when the text names both.
	person     *schema.Entity
	state      *schema.Entity
	personPred string
	// anaphor: resolved from "the group", "he", "the country" …
	anaphor bool
	text    string
	// unit is set when the mention comes from a coding dictionary's actor
	// or agent entry (see Code).
	unit *dictUnit
}

// nonNames are capitalised words that start sentences, headings or page
// chrome and never begin a person's name.
var nonNames = map[string]bool{
	"the": true, "a": true, "an": true, "this": true, "that": true, "these": true, "those": true,
	"editor": true, "join": true, "skip": true, "sign": true, "premium": true, "business": true,
	"already": true, "know": true, "why": true, "what": true, "how": true, "live": true, "video": true,
	"photo": true, "read": true, "more": true, "trend": true, "reports": true, "special": true,
	"events": true, "memos": true, "all": true, "our": true, "free": true, "we": true, "it": true,
	"start": true, "become": true, "try": true, "later": true, "earlier": true, "last": true,
	"since": true, "in": true, "on": true, "some": true, "many": true, "one": true, "two": true,
	"he": true, "she": true, "they": true, "his": true, "her": true, "their": true, "its": true,
	"mr": true, "ms": true, "mrs": true, "dr": true, "news": true, "agency": true, "capital": true,
	"security": true, "briefing": true, "markets": true, "group": true, "party": true,
	"venture": true, "daily": true, "tech": true, "weekly": true, "newsletter": true, "equity": true,
	"ministry": true, "council": true, "house": true, "hall": true, "university": true, "committee": true,
	"foreign": true, "affairs": true, "representative": true, "high": true,
	// documents, not people: "the Mutual Defense Treaty"
	"treaty": true, "pact": true, "accord": true, "agreement": true, "convention": true, "charter": true, "protocol": true,
	"east": true, "west": true, "north": true, "south": true, "forces": true, "army": true, "front": true, "state": true, "states": true, "republic": true,
}

// findMentions finds the actors of a sentence: gazetteer names composed
// with organs and offices ("Iran's Foreign Ministry", "Albanian Prime
// Minister Edi Rama", "the foreign minister of Iran"), and people: a name
// after an office, or a run of two or more names that nothing else claims
// and that does not read as a place, an event, a law or a body (see
// personName). learned holds the actors the article has introduced so far (see
// learnActors); the sentence may add to them.
func (p *Pipeline) findMentions(toks []Token, learned *learning) []mention {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.Text
	}
	var out []mention
	covered := make([]bool, len(toks))
	for _, m := range p.gaz.Match(words) {
		if isMonthModifier(toks, m) {
			continue
		}
		people := m.Form == gazetteer.Demonym && (toks[m.End-1].Tag == "NNS" || toks[m.End-1].Tag == "NNPS")
		if m.Start == 0 && m.End < len(toks) && isDateline(toks, m) {
			continue // "TIRANA — …": where the story was filed
		}
		men := p.fromMatch(toks, words, m, learned.date)
		if people {
			// "Ukrainians", "60 Palestinians": the people, not the state;
			// they stand for it only as the target of an act.
			men.modifier, men.people = true, true
		}
		for i := men.start; i < men.end; i++ {
			covered[i] = true
		}
		out = append(out, men)
	}
	// Actors the article introduced in earlier sentences ("the RSF"), then
	// those this sentence introduces.
	if learned.gaz != nil {
		for _, m := range learned.gaz.Match(words) {
			if anyCovered(covered, m.Start, m.End) {
				continue
			}
			men := mention{start: m.Start, end: m.End, entity: learned.entity(m.Actor, m.Text), text: m.Text}
			if isGroup(men.entity) {
				if end, ok := p.gaz.MatchMembers(words, m.End); ok {
					men.end = end // "RSF fighters"
				}
			}
			for i := men.start; i < men.end; i++ {
				covered[i] = true
			}
			out = append(out, men)
		}
	}
	out = append(out, p.learnActors(toks, words, covered, learned)...)
	sortMentions(out)
	// "the foreign minister of Iran", "the president of France": an office
	// followed by "of" and a state; "a court in Kenya", "police in Egypt":
	// an organ that serves where it sits, followed by "in" and a state.
	for k := range out {
		m := &out[k]
		if m.start >= 2 && (toks[m.start-1].Lower == "of" || toks[m.start-1].Lower == "in") && m.entity.Type == schema.Country && m.entity.Role == "" {
			in := toks[m.start-1].Lower == "in"
			j := m.start - 2
			for s := j; s >= 0 && s >= j-3; s-- {
				if ag, end, ok := p.gaz.MatchAgent(words, s); ok && end == m.start-1 && (!in || servesWhereItSits(ag)) {
					m.start = s
					m.agent = strings.ToLower(strings.Join(ag.Words, " "))
					m.entity = p.withRole(m.entity, ag.Role)
					break
				}
			}
		}
	}
	// People: runs of capitalised proper nouns that read as a person's
	// name or that follow an office ("President Biden"), not covered by an
	// actor. A headline in title case ("Minister Equates Firing to Death
	// Sentence") capitalises every word, so its runs say nothing.
	headline := titleCase(toks)
	for i := 0; i < len(toks); i++ {
		if covered[i] || !isNameToken(toks[i]) {
			continue
		}
		if ag, end, ok := p.gaz.MatchAgent(words, i); ok && ag.Official {
			// an office title without a state ("Foreign Secretary"): the
			// name, if any, starts after it
			i = end - 1
			continue
		}
		if nonNames[toks[i].Lower] {
			continue
		}
		if honorifics[toks[i].Lower] && i+1 < len(toks) && isNameToken(toks[i+1]) {
			continue // "General Hossein Rahimi": the name starts after the rank
		}
		j := i
		for j < len(toks) && !covered[j] && (isNameToken(toks[j]) || (j > i && isNameParticle(toks, j))) {
			j++
		}
		for j > i && isNameParticle(toks, j-1) {
			j--
		}
		afterOffice := i > 0 && p.officeEndsAt(words, i)
		if anyNonName(toks[i:j]) || allTitles(toks[i:j]) {
			i = j
			continue
		}
		if j-i >= 2 && (afterOffice || !headline && p.personName(toks[i:j])) || j-i == 1 && afterOffice {
			name := joinTokens(toks[i:j])
			e := schema.Entity{IRI: schema.EntityIRI(name), Name: name, Type: schema.Person, Aliases: []string{name}, Learned: true}
			out = append(out, mention{start: i, end: j, entity: e, person: &e, text: name})
		}
		i = j
	}
	sortMentions(out)
	out = dropDatelinePlaces(toks, out)
	return p.attachStatesAfter(toks, words, p.attachOffices(toks, out))
}

// dropDatelinePlaces leaves out the places of a dateline that opens the
// sentence, "HANOI, Vietnam (AP) — …": up to a dash among the first ten
// words, after a first word in capitals. They say where the story was
// filed, not who acted.
func dropDatelinePlaces(toks []Token, ms []mention) []mention {
	if len(toks) < 3 || len(toks[0].Text) < 3 || strings.ToUpper(toks[0].Text) != toks[0].Text || !isNameToken(toks[0]) && toks[0].Tag != "NNP" {
		return ms
	}
	end := -1
	for k := 1; k < len(toks) && k < 10; k++ {
		if w := toks[k].Text; w == "—" || w == "–" || w == "--" || w == "-" {
			end = k
			break
		}
	}
	if end < 0 {
		return ms
	}
	var out []mention
	for _, m := range ms {
		if m.start >= end {
			out = append(out, m)
		}
	}
	return out
}

// fromMatch turns a gazetteer match into a mention, taking in an organ or
// office that follows it ("Iran 's Foreign Ministry", "Chinese President").
//
// date is the article's publication day (ISO, "" unknown): an official
// whose tenure the gazetteer knows and who was out of office on that day is
// coded as a former official, the state's code + ELI, as PETRARCH does.
func (p *Pipeline) fromMatch(toks []Token, words []string, m gazetteer.Match, date string) mention {
	e := m.Actor.Entity()
	if holds, known := m.Actor.Holds(date); m.Actor.Kind == schema.Person && known && !holds && len(e.CAMEO) >= 3 {
		e.CAMEO = e.CAMEO[:3] + "ELI"
	}
	e.Aliases = []string{m.Text}
	men := mention{start: m.Start, end: m.End, entity: e, text: m.Text}
	// A state's organ named on its own ("the White House") stands for the
	// state, acting through that organ. An international organisation's
	// organ or agency (the Security Council, UNIFIL, the IAEA) acts as
	// itself: its own entity, linked to its parent.
	if m.Actor.Parent != "" && m.Actor.Kind != schema.Person && m.Actor.Kind != schema.Media && m.Actor.Kind != schema.IGO {
		if parent, ok := p.gaz.Get(schema.EntityIRI(m.Actor.Parent)); ok {
			pe := parent.Entity()
			pe.Aliases = []string{m.Text}
			men.entity = p.withRole(pe, m.Actor.Role)
			men.agent = strings.ToLower(m.Actor.Name)
		}
	}
	if m.Actor.Kind == schema.Person {
		pe := men.entity
		men.person = &pe
		// "Prime Minister Edi Rama": the office is in the text, the state it
		// serves in the gazetteer, unless the gazetteer's tenure there ended
		// before the article and the text does not say "former" (the office
		// named is then another one).
		holds, known := m.Actor.Holds(date)
		if ag, ok := p.officeBefore(words, m.Start); ok && m.Actor.Parent != "" && (holds || !known || formerBefore(toks, m.Start)) {
			if parent, ok := p.gaz.Get(schema.EntityIRI(m.Actor.Parent)); ok && parent.Kind == schema.Country {
				st := parent.Entity()
				men.state = &st
				men.personPred = ag.Predicate
			}
		}
	}
	j := m.End
	if j < len(toks) && (toks[j].Tag == "POS" || toks[j].Lower == "'s") {
		j++
		men.possessive = true
	}
	for j < len(toks) && titleAdjectives[toks[j].Lower] {
		if _, _, ok := p.gaz.MatchAgent(words, j); ok {
			if _, _, next := p.gaz.MatchAgent(words, j+1); !next {
				break // "Arab League chief": the title word is the office
			}
		}
		j++ // "Canada's acting high commissioner"
	}
	if m.Actor.Kind == schema.Person && m.Actor.Parent != "" {
		// "the Trudeau government": the person's state, acting through it
		if ag, end, ok := p.gaz.MatchAgent(words, j); ok && !ag.Official {
			if parent, ok := p.gaz.Get(schema.EntityIRI(m.Actor.Parent)); ok && parent.Kind == schema.Country {
				pe := parent.Entity()
				pe.Aliases = []string{m.Text}
				return mention{start: m.Start, end: end, entity: p.withRole(pe, ag.Role), agent: strings.ToLower(strings.Join(ag.Words, " ")), text: m.Text}
			}
		}
	}
	ag, end, ok := p.gaz.MatchAgent(words, j)
	if !ok && canOwnAgent(men.entity) {
		// "Eritrean Information Minister", "Ukraine's Infrastructure
		// Minister": a portfolio the table lacks, then an office
		for k := j + 1; k <= j+2 && k < len(toks); k++ {
			if !isPortfolioWord(toks[k-1]) {
				break
			}
			if a, e, found := p.gaz.MatchAgent(words, k); found && a.Official && a.Predicate == "minister_of" {
				ag, end, ok = a, e, true
				break
			}
		}
	}
	if ok && canOwnAgent(men.entity) {
		if !ag.Official {
			// "Indian Air Force jets", "coast guard vessels"
			if e, ok := p.gaz.MatchMembers(words, end); ok {
				end = e
			}
			// "the foreign ministry spokesperson": the organ's official
			if a, e, found := p.gaz.MatchAgent(words, end); found && a.Official {
				men.end = e
				men.possessive = false
				men.agent = strings.ToLower(strings.Join(a.Words, " "))
				men.entity = p.withRole(men.entity, ag.Role)
				men.personPred = a.Predicate
				return men
			}
		}
		men.end = end
		men.possessive = false
		men.agent = strings.ToLower(strings.Join(ag.Words, " "))
		men.entity = p.withRole(men.entity, ag.Role)
		if ag.Official {
			men.personPred = ag.Predicate
		}
		return men
	}
	if isGroup(men.entity) {
		// "Taliban forces", "Hezbollah's fighters", "the Taliban
		// government": the group acting through its members or organs.
		end, ok := p.gaz.MatchMembers(words, j)
		if !ok {
			var ag gazetteer.Agent
			ag, end, ok = p.gaz.MatchAgent(words, j)
			ok = ok && !ag.Official
		}
		if ok {
			men.end = end
			men.possessive = false
			return men
		}
	}
	if m.Form == gazetteer.Demonym && !men.possessive {
		// "Iranian diplomats" is an organ; "the Iranian dissident group
		// MEK" or "an Iranian cyberattack" only qualify a noun.
		men.modifier = j < len(toks) && isNounish(toks[j])
	}
	return men
}

// isPortfolioWord reports whether a token may name a minister's portfolio
// between a state and "minister": a noun or adjective, not an actor's name
// or a function word ("Information", "infrastructure", "tourism").
func isPortfolioWord(t Token) bool {
	return (strings.HasPrefix(t.Tag, "NN") || t.Tag == "JJ") && !functionWord[t.Lower] && !isTimeWord(t.Lower)
}

// functionWord holds words that never name a portfolio.
var functionWord = map[string]bool{"the": true, "a": true, "an": true, "and": true, "of": true, "said": true}

// honorifics may stand between an office and the name of its holder:
// "President Dr Irfaan Ali", "police chief General Hossein Rahimi".
var honorifics = map[string]bool{
	"dr": true, "dr.": true, "mr": true, "mr.": true, "mrs": true, "mrs.": true, "ms": true, "ms.": true,
	"sir": true, "dame": true, "prof": true, "prof.": true, "professor": true, "sheikh": true,
	"gen": true, "gen.": true, "general": true, "lt": true, "lt.": true, "col": true, "col.": true,
	"maj": true, "maj.": true, "major": true, "colonel": true, "admiral": true, "adm.": true,
}

// titleAdjectives may stand between a state and its official.
var titleAdjectives = map[string]bool{"acting": true, "former": true, "top": true, "senior": true, "new": true, "chief": true, "deputy": false, "interim": true, "then": true}

// isDateline reports whether a match opens the text as a dateline: a place
// in capitals followed by a dash ("TIRANA —").
func isDateline(toks []Token, m gazetteer.Match) bool {
	return strings.ToUpper(m.Text) == m.Text && len(m.Text) > 3 && (toks[m.End].Text == "-" || toks[m.End].Text == "--" || toks[m.End].Text == ",")
}

// withRole returns e as acting through an organ with CAMEO agent code role.
func (p *Pipeline) withRole(e schema.Entity, role string) schema.Entity {
	if role == "" || e.Type != schema.Country {
		return e
	}
	e.Role = role
	if e.CAMEO != "" && !strings.HasSuffix(e.CAMEO, role) {
		e.CAMEO += role
	}
	return e
}

// servesWhereItSits reports whether an organ named with "in" and a state
// belongs to that state: a court, the police or a parliament in Kenya is
// Kenya's, troops or an embassy in Mali may be another state's.
func servesWhereItSits(ag gazetteer.Agent) bool {
	return !ag.Official && (ag.Role == "JUD" || ag.Role == "COP" || ag.Role == "LEG")
}

func isGroup(e schema.Entity) bool {
	return e.Type == schema.ArmedGroup || e.Type == schema.PoliticalGroup
}

func canOwnAgent(e schema.Entity) bool {
	return e.Type == schema.Country || e.Type == schema.Government || e.Type == schema.IGO
}

// officeEndsAt reports whether an office title ends just before token i
// ("Prime Minister" before "Edi Rama").
func (p *Pipeline) officeEndsAt(words []string, i int) bool {
	_, ok := p.officeBefore(words, i)
	return ok
}

// officeBefore returns the office title that ends just before token i.
func (p *Pipeline) officeBefore(words []string, i int) (gazetteer.Agent, bool) {
	for i > 1 && honorifics[strings.ToLower(words[i-1])] {
		i-- // "President Dr Irfaan Ali"
	}
	for s := max(i-4, 0); s < i; s++ { // earliest start first: "Prime Minister", not "Minister"
		if ag, end, ok := p.gaz.MatchAgent(words, s); ok && end == i && ag.Official && ag.Predicate != "" {
			return ag, true
		}
	}
	return gazetteer.Agent{}, false
}

// attachOffices joins a state's office to the person named right after it:
// "Albanian Prime Minister" + "Edi Rama" is one mention of the person,
// who serves Albania.
func (p *Pipeline) attachOffices(toks []Token, ms []mention) []mention {
	var out []mention
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if i+1 < len(ms) && m.personPred != "" && m.person == nil && holderFollows(toks, m, ms[i+1]) {
			next := ms[i+1]
			state := m.entity
			state.Role, state.CAMEO = "", p.rootCAMEO(state)
			person := next.entity
			if person.ISO3 == "" {
				person.ISO3 = state.ISO3
			}
			next.entity = person
			next.person = &person
			next.state = &state
			next.personPred = m.personPred
			next.start = m.start
			next.text = m.text + " " + next.text
			m = next
			i++
		}
		out = append(out, m)
	}
	return out
}

func anyCovered(covered []bool, start, end int) bool {
	for i := start; i < end; i++ {
		if covered[i] {
			return true
		}
	}
	return false
}

// attachStatesAfter joins an office-holder to the state named after the
// name: "President William Ruto of Kenya", "Prime Minister Nikol Pashinyan
// of Armenia" are one mention of the person, who serves that state.
func (p *Pipeline) attachStatesAfter(toks []Token, words []string, ms []mention) []mention {
	var out []mention
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.person != nil && m.state == nil && i+1 < len(ms) && m.end+1 == ms[i+1].start && toks[m.end].Lower == "of" {
			next := ms[i+1]
			if ag, ok := p.officeBefore(words, m.start); ok && next.entity.Type == schema.Country && next.entity.Role == "" && next.person == nil && !next.modifier {
				state := next.entity
				state.CAMEO = p.rootCAMEO(state)
				person := m.entity
				if person.ISO3 == "" {
					person.ISO3 = state.ISO3
				}
				m.entity, m.person, m.state, m.personPred = person, &person, &state, ag.Predicate
				m.end, m.possessive = next.end, next.possessive
				m.text = joinTokens(toks[m.start:m.end])
				i++
			}
		}
		out = append(out, m)
	}
	return out
}

// formerBefore reports whether the office before token i is a past one:
// "former … president", "then-President", "the late king".
func formerBefore(toks []Token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-8; k-- {
		w := toks[k].Lower
		if w == "former" || w == "then" || w == "late" || w == "ex" || strings.HasPrefix(w, "then-") || strings.HasPrefix(w, "ex-") {
			return true
		}
		if w == "," || w == "." || w == ";" || isVerb(toks[k]) {
			return false
		}
	}
	return false
}

// holderFollows reports whether next names the person who holds the office
// m names: right after it ("Albanian Prime Minister Edi Rama"), after
// honorifics ("Guyana President Dr Irfaan Ali"), or in an apposition closed
// by a comma or the sentence's end ("Taiwan's foreign minister, Joseph Wu,").
func holderFollows(toks []Token, m, next mention) bool {
	if next.entity.Type != schema.Person || next.start < m.end {
		return false
	}
	k := m.end
	for k < next.start && honorifics[toks[k].Lower] {
		k++
	}
	if k == next.start {
		return true
	}
	if k+1 != next.start || toks[k].Text != "," {
		return false
	}
	if next.end == len(toks) {
		return true
	}
	switch toks[next.end].Text {
	case ",", ".", ";", ")":
		return true
	}
	return false
}

func sortMentions(ms []mention) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].start < ms[j-1].start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
		}
	}
}

// isMonthModifier rejects matches on month and weekday names.
func isMonthModifier(toks []Token, m gazetteer.Match) bool {
	return m.End-m.Start == 1 && isTimeWord(toks[m.Start].Lower)
}

// qualifierWords qualify an office or rank: "Deputy Chief", "Vice
// President", "Acting Minister".
var qualifierWords = map[string]bool{"deputy": true, "vice": true, "acting": true, "assistant": true, "senior": true, "chief": true}

// allTitles reports whether a run of names is only offices, ranks and
// their qualifiers, which alone name nobody: "Deputy Chief", "Vice
// President".
func allTitles(ts []Token) bool {
	for _, t := range ts {
		if _, office := officeNouns[t.Lower]; !office && !nameTitles[t.Lower] && !qualifierWords[t.Lower] {
			return false
		}
	}
	return len(ts) > 0
}

func isNameToken(t Token) bool {
	if t.Tag != "NNP" && t.Tag != "NNPS" {
		return false
	}
	r := []rune(t.Text)
	return len(r) > 1 && unicode.IsUpper(r[0]) && !isTimeWord(t.Lower) && strings.IndexFunc(t.Text, unicode.IsDigit) < 0
}

func anyNonName(ts []Token) bool {
	for _, t := range ts {
		if nonNames[t.Lower] {
			return true
		}
	}
	return false
}

// isNameParticle allows "bin", "al", "de", "van" inside a name.
func isNameParticle(toks []Token, j int) bool {
	switch toks[j].Lower {
	case "bin", "ibn", "al", "el", "de", "da", "van", "von", "der", "la", "le", "abu", "abdul":
		return true
	}
	return false
}

func isNounish(t Token) bool {
	return strings.HasPrefix(t.Tag, "NN") || t.Tag == "JJ" || t.Tag == "VBN" || t.Tag == "VBG"
}

func joinTokens(ts []Token) string {
	var b strings.Builder
	for i, t := range ts {
		if i > 0 && t.Start > ts[i-1].End {
			b.WriteByte(' ')
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

// familyNames remembers the people an article has named in full, by
// family name, so that a later "Kurti said" or "Locsin's statement" is the
// same person ("Kosovo Prime Minister Albin Kurti" before).
type familyNames struct {
	by        map[string]mention
	ambiguous map[string]bool // two people of one family name: neither
}

// nameSuffixes follow a family name without being it.
var nameSuffixes = map[string]bool{"jr.": true, "jr": true, "sr.": true, "sr": true, "ii": true, "iii": true, "iv": true}

// foldName is a name word in lower case without accents: "Vučić", "vucic".
func foldName(w string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(w)) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// learn notes the family name of each person of two or more words among ms.
func (f *familyNames) learn(toks []Token, ms []mention) {
	if f.by == nil {
		f.by, f.ambiguous = map[string]mention{}, map[string]bool{}
	}
	for _, m := range ms {
		if m.person == nil || m.end-m.start < 2 || m.end > len(toks) {
			continue
		}
		last := m.end - 1
		for last > m.start && nameSuffixes[toks[last].Lower] {
			last--
		}
		if last == m.start || !isNameToken(toks[last]) || len(toks[last].Text) < 3 {
			continue
		}
		key := foldName(toks[last].Text)
		if prev, ok := f.by[key]; ok && prev.person.IRI != m.person.IRI {
			f.ambiguous[key] = true
		}
		f.by[key] = m
	}
}

// mentions adds to ms a mention for each family name alone that names a
// person met before: a capitalised word no other mention covers, with no
// other name word next to it ("Masood Azhar" is not "Yousuf Azhar").
func (f *familyNames) mentions(toks []Token, ms []mention) []mention {
	if len(f.by) == 0 {
		return ms
	}
	covered := make([]bool, len(toks))
	for _, m := range ms {
		for k := m.start; k < m.end && k < len(toks); k++ {
			covered[k] = true
		}
	}
	added := false
	for i, t := range toks {
		if covered[i] || !isNameToken(t) || !strings.HasPrefix(t.Tag, "NN") {
			continue
		}
		key := foldName(t.Text)
		m, ok := f.by[key]
		if !ok || f.ambiguous[key] {
			continue
		}
		if i > 0 && isNameToken(toks[i-1]) && !covered[i-1] || i+1 < len(toks) && isNameToken(toks[i+1]) && !covered[i+1] && !nameSuffixes[toks[i+1].Lower] {
			continue
		}
		m.start, m.end, m.text, m.personPred = i, i+1, t.Text, ""
		m.possessive = i+1 < len(toks) && toks[i+1].Tag == "POS"
		ms = append(ms, m)
		added = true
	}
	if added {
		sortMentions(ms)
	}
	return ms
}

// personName reports whether a run of two or more capitalised names, which
// no gazetteer entry, office or learned actor claims, names a person. Most
// such runs in news do ("Masood Azhar", "Ralph Gonsalves"); the others are
// places, events, laws and bodies, which end in a word that says so ("Red
// Sea", "World Cup", "Terrorism Act", "Central Bank") or an office
// ("Dominican Prime Minister"), begin with a people or a direction ("British
// Columbia", "Eastern Africa"), or join a word in lower case ("Indian-born").
func (p *Pipeline) personName(ts []Token) bool {
	last := ts[len(ts)-1].Lower
	last = strings.TrimSuffix(last, ".")
	if _, office := officeNouns[last]; office || nameTitles[last] || notNameHeads[last] {
		return false
	}
	if placeQualifiers[ts[0].Lower] {
		return false
	}
	if ms := p.gaz.Match([]string{ts[0].Text}); len(ms) == 1 && ms[0].Form == gazetteer.Demonym {
		return false
	}
	for _, t := range ts {
		if i := strings.IndexByte(t.Text, '-'); i > 0 && i+1 < len(t.Text) && !capitalised(t.Text[i+1:]) {
			return false
		}
	}
	return true
}

// notNameHeads end the names of places, events, laws, designations and
// bodies, never a person's.
var notNameHeads = map[string]bool{
	// places
	"sea": true, "gulf": true, "ocean": true, "strait": true, "straits": true, "river": true,
	"island": true, "islands": true, "peninsula": true, "coast": true, "valley": true,
	"desert": true, "mountains": true, "mountain": true, "canal": true, "strip": true, "bank": true,
	"heights": true, "region": true, "province": true, "state": true, "county": true, "district": true,
	"city": true, "square": true, "street": true, "africa": true, "asia": true, "europe": true,
	"america": true, "americas": true,
	"airport": true, "port": true, "base": true, "bridge": true, "dam": true, "stream": true,
	"pipeline": true, "palace": true, "building": true,
	// events and times
	"cup": true, "war": true, "games": true, "olympics": true, "summit": true, "conference": true,
	"forum": true, "day": true, "crisis": true, "revolution": true, "election": true, "elections": true,
	// laws, documents, designations
	"act": true, "law": true, "bill": true, "code": true, "resolution": true, "declaration": true,
	"initiative": true, "plan": true, "program": true, "programme": true, "project": true, "terrorist": true, "terrorists": true, "organisation": true,
	"organization": true, "entity": true, "list": true, "doctrine": true,
	// bodies
	"authority": true, "agency": true, "company": true, "corporation": true, "corp": true, "inc": true,
	"ltd": true, "fund": true, "institute": true, "commission": true, "airways": true, "airlines": true,
	"association": true, "alliance": true, "coalition": true, "movement": true, "brigade": true,
	"brigades": true, "guard": true, "police": true, "service": true, "services": true, "office": true,
	"department": true, "court": true, "assembly": true, "parliament": true, "senate": true,
	"congress": true, "union": true, "league": true, "times": true, "post": true, "journal": true,
	"news": true, "press": true, "tv": true, "television": true, "radio": true, "network": true,
	"foundation": true, "centre": true, "center": true, "school": true, "college": true, "hospital": true,
	"bureau": true, "board": true, "watch": true, "international": true, "group": true,
}

// placeQualifiers begin the names of places, never a person's.
var placeQualifiers = map[string]bool{
	"new": true, "north": true, "south": true, "east": true, "west": true, "northern": true,
	"southern": true, "eastern": true, "western": true, "central": true, "upper": true, "lower": true,
	"greater": true, "great": true, "red": true, "black": true, "mount": true, "lake": true, "port": true,
	"saint": true, "st.": true, "fort": true, "cape": true, "gulf": true, "middle": true, "far": true,
}

// titleCase reports whether a sentence of four words or more writes every
// word but the small ones with a capital, as headlines do: it has no word
// in lower case besides articles, prepositions and conjunctions.
func titleCase(toks []Token) bool {
	words := 0
	for _, t := range toks {
		r, _ := utf8.DecodeRuneInString(t.Text)
		if !unicode.IsLetter(r) {
			continue
		}
		words++
		if unicode.IsLower(r) && !smallWords[t.Lower] {
			return false
		}
	}
	return words >= 4
}

// smallWords stay in lower case in a headline.
var smallWords = map[string]bool{
	"a": true, "an": true, "the": true, "and": true, "or": true, "but": true, "nor": true, "as": true,
	"at": true, "by": true, "for": true, "from": true, "in": true, "into": true, "of": true, "on": true,
	"over": true, "to": true, "with": true, "vs": true, "via": true, "after": true, "amid": true,
}
