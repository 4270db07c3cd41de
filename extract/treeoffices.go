package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// This file reads office-holding stated around a name: by apposition, by
// a title, by a possessive organisation or by "who leads".

// leadVerbs in a relative clause name the office its antecedent holds:
// "X, who leads the Rapid Support Forces".
var leadVerbs = map[string]bool{"lead": true, "head": true, "chair": true, "command": true, "run": true, "control": true, "direct": true}

// ledBy reads a reduced passive of a lead verb at token v right after an
// organisation, by word order: "Caricom, chaired by Dominican Prime
// Minister Roosevelt Skerrit,", "the Government of National Accord led by
// …". It returns the
// organisation and the person after "by".
func (p *Pipeline) ledBy(s *sentence, v int) (org, person mention, ok bool) {
	o := v - 1 // the organisation's last word
	if o >= 1 && s.toks[o].Text == "," {
		o--
	}
	if o < 0 || v+2 >= len(s.toks) || s.toks[v+1].Lower != "by" || s.at[o] < 0 {
		return mention{}, mention{}, false
	}
	org = s.ments[s.at[o]]
	if org.person != nil || org.modifier || org.entity.Type == schema.Country {
		return mention{}, mention{}, false
	}
	for k := v + 2; k < len(s.toks) && k < v+10; k++ {
		if mi := s.at[k]; mi >= 0 {
			m := s.ments[mi]
			return org, m, m.person != nil
		}
		if s.toks[k].Text == "," || s.toks[k].Text == "." {
			break
		}
	}
	return mention{}, mention{}, false
}

// officeNouns name an office or a post; the predicate links its holder
// to the state or organisation served. A "minister" is minister_of, a
// "president" of a state its head; everyone else is part_of.
var officeNouns = map[string]string{
	"president": "head_of_state_of", "minister": "minister_of", "secretary": "part_of",
	"spokesman": "part_of", "spokeswoman": "part_of", "spokesperson": "part_of",
	"ambassador": "part_of", "envoy": "part_of", "chief": "part_of", "head": "part_of",
	"commander": "part_of", "chairman": "part_of", "chairwoman": "part_of", "chair": "part_of",
	"leader": "part_of", "negotiator": "part_of", "representative": "part_of", "director": "part_of",
	"deputy": "part_of", "official": "part_of", "general": "part_of", "premier": "head_of_government_of",
	"chancellor": "head_of_government_of", "king": "head_of_state_of", "emir": "head_of_state_of",
	"governor": "part_of", "mayor": "part_of", "diplomat": "part_of", "adviser": "part_of", "advisor": "part_of",
}

// pastOffice words mark an office no longer held ("former", "then-"):
// the holder is not read as holding it now.
var pastOffice = map[string]bool{"former": true, "then": true, "then-president": true, "ex": true, "late": true, "outgoing": true, "then-prime": true}

// readOffices reads office-holding that a sentence states around a name:
// by apposition ("Taiwan's foreign minister, Joseph Wu", "Zalmay
// Khalilzad, the top U.S. negotiator", "X, spokesman for the Arab
// League"), by a title before the name whose organ names the state
// ("Azerbaijani foreign ministry spokesperson Ayxan Hacizada"), or by a
// relative clause ("X, who leads the Rapid Support Forces").
func (p *Pipeline) readOffices(s *sentence) []finding {
	t := s.tree
	if t == nil {
		return nil
	}
	var out []finding
	seen := map[string]bool{}
	emit := func(person mention, pred string, org mention) {
		if pred == "" {
			pred = "part_of"
		}
		if org.entity.Type != schema.Country && pred != "part_of" && org.entity.Type != schema.Government {
			pred = "part_of"
		}
		st := org.entity
		st.Role, st.CAMEO = "", p.rootCAMEO(st)
		org.entity = st
		k := person.entity.IRI + pred + st.IRI
		if person.entity.IRI == st.IRI || seen[k] {
			return
		}
		seen[k] = true
		out = append(out, finding{subj: person, obj: org, predicate: pred, group: -1, conf: 0.8})
	}
	for k := range t.words {
		person, ok := p.personAt(s, k)
		if !ok || spanHead(t, person.start, person.end) != k && !(s.at[k] < 0 && k < person.start) {
			continue // read once, at the name's head (a rank may head it: "Col.")
		}
		// The words just before the name, however the parser hung them:
		// "Arab League's Ahmed Aboul Gheit", "EU Council Chief Charles
		// Michel", "AU chairman Senegalese President Macky Sall".
		before := len(out)
		if org, pred, ok := p.titleBefore(s, person.start); ok {
			emit(person, pred, org)
		}
		if org, ok := p.officeAfter(s, person); ok {
			emit(person, officePredicate(org), org)
		}
		if person.state != nil && person.personPred != "" {
			continue // "Albanian Prime Minister Edi Rama": read with the mention
		}
		if org, ok := s.spokespersonOf(person); ok && len(out) == before {
			emit(person, "part_of", org)
		}
		// "the African Union's Moussa Faki": one of the organisation's. A
		// state's possessive says only where one is from ("Serbia's Novak
		// Djokovic").
		for _, c := range t.dependents(k, "nmod:poss") {
			if org, ok := p.phraseActor(s, c); ok && org.person == nil && org.entity.Type != schema.Country && (canOwnAgent(org.entity) || org.entity.Type == schema.ArmedGroup || org.entity.Type == schema.PoliticalGroup) {
				emit(person, "part_of", org)
			}
		}
		// Office phrases around the name.
		offices := t.dependents(k, "appos", "compound", "nmod")
		if t.rel(k) == "appos" || t.rel(k) == "compound" || t.rel(k) == "flat" {
			offices = append(offices, t.head(k))
		}
		for _, o := range offices {
			if o < 0 || o >= person.start && o < person.end {
				continue
			}
			pred, org, ok := p.officeOf(s, o)
			if ok && !s.actorBetween(o, person.start, org) {
				emit(person, pred, org)
				continue
			}
			// "the head of the UN mission in Kosovo Caroline Ziade": the
			// name hung on the organisation, the office above it.
			if h := t.head(o); h >= 0 && h < o && t.rel(o) == "nmod" && t.marker(o) == "of" {
				if pred, isOffice := officeNouns[lowerForm(t, h)]; isOffice {
					if org, ok := p.phraseActor(s, o); ok && org.person == nil && !org.modifier && canOwnAgent(org.entity) {
						emit(person, pred, org)
					}
				}
			}
		}
	}
	out = append(out, p.officePairs(s)...)
	// Relative clauses: "X, who leads the paramilitary Rapid Support
	// Forces"; reduced passives: "the Government of National Unity led by
	// Abdul Hamid Dbeibah", "Caricom, chaired by Roosevelt Skerrit".
	for v := range t.words {
		if leadVerbs[t.lemma(v)] && t.rel(v) != "acl" && (t.words[v].XPOS == "VBN" || s.toks[v].Tag == "VBN") {
			// "Caricom, chaired by …" that the parser hung elsewhere.
			if org, person, ok := p.ledBy(s, v); ok {
				emit(person, "part_of", org)
			}
			continue
		}
		if !leadVerbs[t.lemma(v)] || t.rel(v) != "acl" || t.pos(v) != "VERB" {
			continue
		}
		if t.words[v].XPOS == "VBN" {
			for _, c := range t.dependents(v, "obl:agent", "obl") {
				if t.marker(c) != "by" {
					continue
				}
				person, ok := p.personAt(s, c)
				if !ok {
					continue
				}
				for _, org := range p.phraseActors(s, t.head(v)) {
					if org.person == nil {
						emit(person, "part_of", org)
					}
				}
			}
			continue
		}
		subj := t.dependent(v, "nsubj")
		if subj < 0 || !relativeWords[s.toks[subj].Lower] {
			continue
		}
		person, ok := p.personAt(s, t.head(v))
		if !ok {
			continue
		}
		if obj := t.dependent(v, "obj"); obj >= 0 {
			for _, org := range p.phraseActors(s, obj) {
				emit(person, "part_of", org)
			}
		}
	}
	return out
}

// officeOf reads the office phrase headed by token o: the office's
// predicate and the state or organisation it serves, named by the mention
// that covers the phrase ("Taiwan's foreign minister") or among its
// modifiers ("U.S. negotiator", "spokesman for the Arab League",
// "Azerbaijani foreign ministry spokesperson").
func (p *Pipeline) officeOf(s *sentence, o int) (string, mention, bool) {
	t := s.tree
	for _, c := range t.dependents(o, "amod", "advmod") {
		if pastOffice[lowerForm(t, c)] {
			return "", mention{}, false
		}
	}
	if mi := s.at[o]; mi >= 0 {
		m := s.ments[mi]
		if m.person != nil || m.agent == "" || !canOwnAgent(m.entity) || !p.official(m) {
			return "", mention{}, false
		}
		return m.personPred, m, true
	}
	pred, ok := officeNouns[t.lemma(o)]
	if !ok {
		return "", mention{}, false
	}
	if t.lemma(o) == "minister" {
		for _, c := range t.dependents(o, "amod", "compound") {
			if lowerForm(t, c) == "prime" {
				pred = "head_of_government_of"
			}
		}
	}
	// The organisation: a modifier or an of/for/at complement, two levels
	// down.
	frontier := []int{o}
	for depth := 0; depth < 3 && len(frontier) > 0; depth++ {
		var next []int
		for _, h := range frontier {
			for _, c := range t.kids[h] {
				switch t.rel(c) {
				case "compound", "amod", "nmod", "flat":
					if t.rel(c) == "nmod" {
						if m := t.marker(c); m != "of" && m != "for" && m != "at" && m != "to" && m != "in" && m != "" && m != "'s" && m != "'" {
							continue
						}
						if t.marker(c) == "to" || t.marker(c) == "in" {
							// "ambassador to Bogota": the host, not the state served
							continue
						}
					}
					if mi := s.at[c]; mi >= 0 {
						m := s.ments[mi]
						if m.person == nil && (canOwnAgent(m.entity) || m.entity.Type == schema.ArmedGroup || m.entity.Type == schema.PoliticalGroup) {
							return pred, m, true
						}
						continue
					}
					next = append(next, c)
				}
			}
		}
		frontier = next
	}
	return "", mention{}, false
}

// official reports whether a mention names a state's or organisation's
// office or officials ("foreign minister", "spokesman", "negotiator").
func (p *Pipeline) official(m mention) bool {
	words := strings.Fields(m.agent)
	if len(words) == 0 {
		return false
	}
	ag, end, ok := p.gaz.MatchAgent(words, 0)
	return ok && end == len(words) && ag.Official
}

// titleBefore reads the words that end just before a name at token i: an
// organisation's possessive ("Arab League's"), or an organisation or state
// followed by a title ending in an office noun ("EU Council Chief", "UN
// special envoy"). It returns the organisation and the office's predicate.
func (p *Pipeline) titleBefore(s *sentence, i int) (mention, string, bool) {
	j := i - 1
	if j >= 1 && (s.toks[j].Lower == "'s" || s.toks[j].Tag == "POS") {
		if mi := s.at[j-1]; mi >= 0 {
			if m := s.ments[mi]; m.person == nil && !m.modifier && m.entity.Type != schema.Country && (canOwnAgent(m.entity) || m.entity.Type == schema.ArmedGroup || m.entity.Type == schema.PoliticalGroup) {
				return m, "part_of", true
			}
		}
		return mention{}, "", false
	}
	if org, pred, ok := s.headOfBefore(j); ok {
		return org, pred, true
	}
	j = p.portfolioBefore(s, j)
	if j >= 0 && s.at[j] >= 0 {
		// "AU chairman Macky Sall", "EU High Representative for Foreign
		// Affairs Josep Borrell": the office is the organisation's own.
		if m := s.ments[s.at[j]]; m.person == nil && !m.modifier && m.end == j+1 && p.official(m) && canOwnAgent(m.entity) {
			return m, officePredicate(m), true
		}
	}
	pred := ""
	for n := 0; j >= 0 && n < 4 && s.at[j] < 0; n, j = n+1, j-1 {
		w := s.toks[j].Lower
		if pastOffice[w] {
			return mention{}, "", false
		}
		if pr, ok := officeNouns[w]; ok && pred == "" {
			pred = pr
			continue
		}
		if !isNameToken(s.toks[j]) && s.toks[j].Tag != "JJ" && s.toks[j].Tag != "NN" {
			return mention{}, "", false
		}
	}
	if pred == "" || j < 0 || s.at[j] < 0 {
		return mention{}, "", false
	}
	m := s.ments[s.at[j]]
	if m.person != nil || m.modifier && m.entity.Type != schema.Country || !(canOwnAgent(m.entity) || m.entity.Type == schema.ArmedGroup || m.entity.Type == schema.PoliticalGroup) {
		return mention{}, "", false
	}
	return m, pred, true
}

// headOfBefore reads "the head of the UN mission in Kosovo" ending at
// token j, just before a name: an office noun, "of", an organisation and
// where it serves. It returns the organisation and the office's predicate.
func (s *sentence) headOfBefore(j int) (mention, string, bool) {
	if j >= 0 && s.at[j] >= 0 {
		if m := s.ments[s.at[j]]; m.entity.Type == schema.Country && m.start >= 1 && s.toks[m.start-1].Lower == "in" {
			j = m.start - 2 // "… in Kosovo"
		}
	}
	if j < 0 || s.at[j] < 0 {
		return mention{}, "", false
	}
	org := s.ments[s.at[j]]
	k := org.start - 1
	if k >= 0 && s.toks[k].Lower == "the" {
		k--
	}
	if k < 1 || s.toks[k].Lower != "of" || org.person != nil || org.modifier || !canOwnAgent(org.entity) {
		return mention{}, "", false
	}
	pred, ok := officeNouns[s.toks[k-1].Lower]
	return org, pred, ok
}

// portfolioBefore steps back over the portfolio that follows an office
// title, "for Foreign Affairs and Security Policy", "of State", from token
// j (the last word before a name), to the title's last word; it returns j
// when there is none.
func (p *Pipeline) portfolioBefore(s *sentence, j int) int {
	k := j
	for n := 0; k >= 1 && n < 6 && s.at[k] < 0 && (isNameToken(s.toks[k]) || s.toks[k].Lower == "and" && k < j); n, k = n+1, k-1 {
	}
	if k == j || k < 1 || s.toks[k].Lower != "for" && s.toks[k].Lower != "of" {
		return j
	}
	prev := k - 1
	if _, ok := officeNouns[s.toks[prev].Lower]; ok {
		return prev
	}
	if mi := s.at[prev]; mi >= 0 && p.official(s.ments[mi]) {
		return prev
	}
	return j
}

// officePredicate returns the predicate linking the holder of an office
// mention ("AU chairman", "Chinese ambassador") to the state or
// organisation it serves.
func officePredicate(m mention) string {
	if m.personPred != "" {
		return m.personPred
	}
	words := strings.Fields(m.agent)
	if len(words) > 0 {
		if pred, ok := officeNouns[words[len(words)-1]]; ok {
			return pred
		}
	}
	return "part_of"
}

// officeAfter reads an office named in an apposition right after a person:
// "Huang Xilian, Ambassador of China," or "…, the EU's envoy." however the
// parser hung it (as an apposition or as a conjunct).
func (p *Pipeline) officeAfter(s *sentence, person mention) (mention, bool) {
	k := person.end
	if k+1 >= len(s.toks) || s.toks[k].Text != "," {
		return mention{}, false
	}
	k++
	if s.toks[k].Lower == "the" {
		k++
	}
	if k >= len(s.toks) || s.at[k] < 0 {
		return mention{}, false
	}
	m := s.ments[s.at[k]]
	if m.person != nil || m.modifier || !p.official(m) || !canOwnAgent(m.entity) {
		return mention{}, false
	}
	if m.end < len(s.toks) {
		switch s.toks[m.end].Text {
		case ",", ".", ";", ")":
		default:
			return mention{}, false
		}
	}
	return m, true
}

// actorBetween reports whether another actor than org is named between
// token o and token end ("the foreign ministers of Honduras, Eduardo
// Reina, and China, Qin Gang": China stands between Honduras and Qin Gang,
// so the office phrase is not Qin Gang's).
func (s *sentence) actorBetween(o, end int, org mention) bool {
	for k := o + 1; k < end && k < len(s.at); k++ {
		if mi := s.at[k]; mi >= 0 {
			m := s.ments[mi]
			if m.entity.IRI != org.entity.IRI && m.person == nil && !m.modifier {
				return true
			}
		}
	}
	return false
}

// officePairs reads an office shared out over a list of states, each with
// its holder: "the foreign ministers of Honduras, Eduardo Reina, and
// China, Qin Gang". Word order carries the pairing, which the parse of such
// a list seldom keeps; two pairs at least, or nothing.
func (p *Pipeline) officePairs(s *sentence) []finding {
	var out []finding
	for k := 0; k+2 < len(s.toks); k++ {
		w := s.toks[k].Lower
		pred, ok := officeNouns[strings.TrimSuffix(w, "s")]
		if !ok || !strings.HasSuffix(w, "s") || s.toks[k+1].Lower != "of" {
			continue
		}
		var pairs []finding
		j := k + 2
		for j < len(s.toks) {
			for j < len(s.toks) && (s.toks[j].Lower == "," || s.toks[j].Lower == "and" || s.toks[j].Lower == "the") {
				j++
			}
			if j >= len(s.toks) || s.at[j] < 0 {
				break
			}
			state := s.ments[s.at[j]]
			if state.entity.Type != schema.Country || state.person != nil {
				break
			}
			j = state.end
			if j+1 >= len(s.toks) || s.toks[j].Lower != "," || s.at[j+1] < 0 {
				break
			}
			holder := s.ments[s.at[j+1]]
			if holder.person == nil || holder.start != j+1 {
				break
			}
			pairs = append(pairs, finding{subj: holder, obj: state, predicate: pred, group: -1, conf: 0.8})
			j = holder.end
		}
		if len(pairs) >= 2 {
			out = append(out, pairs...)
		}
	}
	return out
}

// spokesNouns are the titles of one who speaks for an organ.
var spokesNouns = map[string]bool{"spokesman": true, "spokeswoman": true, "spokesperson": true}

// spokespersonOf reads a bare "spokeswoman X" that names no organ as the
// spokesperson of the state whose organ spoke last, in this sentence or
// the one before: "China's foreign ministry said it welcomed the move.
// '…,' spokeswoman Hua Chunying said."
func (s *sentence) spokespersonOf(person mention) (mention, bool) {
	j := person.start - 1
	if j < 0 || !spokesNouns[s.toks[j].Lower] || j > 0 && (s.at[j-1] >= 0 || isNameToken(s.toks[j-1])) {
		return mention{}, false // "ministry spokeswoman X", "EU spokeswoman X": the title's own
	}
	organ := func(m mention) bool {
		return m.person == nil && !m.anaphor && m.entity.Type == schema.Country && strings.Contains(m.agent, "ministry")
	}
	for k := len(s.ments) - 1; k >= 0; k-- {
		if m := s.ments[k]; m.end <= j && organ(m) {
			return m, true
		}
	}
	for k := len(s.prior) - 1; k >= 0 && k >= len(s.prior)-8; k-- {
		if organ(s.prior[k]) {
			return s.prior[k], true
		}
	}
	return mention{}, false
}
