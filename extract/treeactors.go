package extract

import (
	"slices"
	"strings"
	"unicode"

	"github.com/geokg/geokg/schema"
)

// This file finds the actors a phrase of the tree names: the mention
// that covers its head, a state among the modifiers of an agentive noun
// ("Pakistani troops"), the phrases coordinated with it, and the few
// references read here ("both countries", "the army", "his country"); and
// the subject of a verb wherever it stands.

// agentiveHeads are nouns for a state's people, forces or means acting for
// it: a state named among their modifiers is the actor ("Pakistani
// troops", "Indian Air Force fighter jets", "the forces of Russia").
var agentiveHeads = map[string]bool{
	"force": true, "forces": true, "troop": true, "troops": true, "soldier": true, "soldiers": true,
	"jet": true, "jets": true, "aircraft": true, "warplane": true, "warplanes": true, "plane": true, "planes": true,
	"drone": true, "drones": true, "vessel": true, "vessels": true, "ship": true, "ships": true, "warship": true, "warships": true,
	"navy": true, "army": true, "military": true, "police": true, "negotiator": true, "negotiators": true,
	"delegation": true, "delegations": true, "official": true, "officials": true, "authority": true, "authorities": true,
	"government": true, "administration": true, "regime": true, "ministry": true, "diplomat": true, "diplomats": true,
	"militant": true, "militants": true, "fighter": true, "fighters": true, "guard": true, "guards": true,
	"leader": true, "leaders": true, "artillery": true, "missile": true, "missiles": true, "rocket": true, "rockets": true,
	"unit": true, "units": true, "battalion": true, "brigade": true, "airforce": true, "junta": true, "cabinet": true,
	"invader": true, "invaders": true, "occupier": true, "occupiers": true, "attacker": true, "attackers": true,
	"minister": true, "ministers": true, "envoy": true, "envoys": true,
	// "met his Russian counterpart": the other state's official
	"counterpart": true, "counterparts": true,
}

// phraseActor returns the actor the noun phrase headed by token k names:
// the mention that covers k, or, for an agentive head, a mention among its
// modifiers. A demonym that only qualifies a noun ("Israeli airstrikes")
// is an actor only as the source of an act the noun names (see
// readEventNouns).
func (p *Pipeline) phraseActor(s *sentence, k int) (mention, bool) {
	m, _, ok := p.phraseActorAt(s, k)
	return m, ok
}

// phraseActorAt is phraseActor that also returns the token where the
// actor is named: k itself or a modifier of k.
func (p *Pipeline) phraseActorAt(s *sentence, k int) (mention, int, bool) {
	m, ok := p.headActor(s, k)
	if ok || k < 0 || k >= len(s.at) || s.at[k] >= 0 {
		return m, k, ok
	}
	if m, at, ok := p.knownAs(s, k); ok {
		return m, at, true
	}
	return p.modifierActor(s, k)
}

// knownAs reads a noun the text names by a participle of naming: "the
// force known as UNIFIL", "a militia called the Wagner Group".
func (p *Pipeline) knownAs(s *sentence, k int) (mention, int, bool) {
	t := s.tree
	for _, c := range t.dependents(k, "acl") {
		switch t.lemma(c) {
		case "know", "call", "name", "dub":
		default:
			continue
		}
		if t.words[c].XPOS != "VBN" {
			continue
		}
		for _, as := range append(t.complements(c, "as"), t.dependents(c, "xcomp", "obj")...) {
			if m, ok := p.headActor(s, as); ok && m.person == nil {
				return m, as, true
			}
		}
	}
	return mention{}, k, false
}

// headActor returns the mention covering token k.
func (p *Pipeline) headActor(s *sentence, k int) (mention, bool) {
	if k < 0 || k >= len(s.at) {
		return mention{}, false
	}
	if mi := s.at[k]; mi >= 0 {
		m := s.ments[mi]
		return m, !m.modifier || agentiveHeads[s.toks[min(m.end, len(s.toks)-1)].Lower]
	}
	return mention{}, false
}

// modifierActor returns, for an agentive head k, the actor among its
// modifiers and the token that names it.
func (p *Pipeline) modifierActor(s *sentence, k int) (mention, int, bool) {
	t := s.tree
	if !agentiveHeads[s.toks[k].Lower] && !agentiveHeads[t.lemma(k)] {
		return mention{}, -1, false
	}
	// Former officials act for no state: "former Bush and Trump
	// administration officials", wherever "former" hangs in the phrase.
	for j := max(k-6, 0); j < k; j++ {
		if pastOffice[lowerForm(t, j)] && t.governs(k, j) {
			return mention{}, -1, false
		}
	}
	// Search the modifiers, two levels deep: "Indian Air Force fighter jets".
	found, at := mention{}, -1
	t.below(k, 3, func(c int) (bool, bool) {
		switch t.words[c].Rel {
		case "compound", "amod", "nmod:poss", "flat", "nmod":
			if t.words[c].Rel == "nmod" && t.marker(c) != "of" {
				return false, false
			}
			if mi := s.at[c]; mi >= 0 && !s.ments[mi].modifier || mi >= 0 && t.words[c].Rel != "nmod" {
				found, at = s.ments[mi], c
				return false, true
			}
			return true, false
		}
		return false, false
	})
	return found, at, at >= 0
}

// pairNouns, with "both" or "the two", stand for the two parties the
// story is about: "both countries", "the two nations", "the two sides".
var pairNouns = map[string]bool{"countries": true, "nations": true, "sides": true, "states": true, "neighbours": true, "neighbors": true, "governments": true, "parties": true, "rivals": true, "foes": true, "adversaries": true}

// pairAt returns the two actors "both countries" or "the two sides" at
// token k stands for, when the sentence has a pair in view.
//
// "The parties" and "the sides" ("all parties", "both sides", "the
// warring parties") are first the sides of the fight, then of the deal or
// talks, the article last told of: "urged all parties to cease fire" after
// an exchange of fire addresses its two sides, whoever was named since.
func (s *sentence) pairAt(k int) ([]mention, bool) {
	t := s.tree
	if k < 0 || k >= len(t.words) || !pairNouns[lowerForm(t, k)] {
		return nil, false
	}
	sides := lowerForm(t, k) == "parties" || lowerForm(t, k) == "sides"
	warring := false
	for _, c := range t.dependents(k, "amod") {
		warring = warring || warringWords[lowerForm(t, c)]
	}
	for _, c := range t.dependents(k, "amod", "acl", "appos", "nmod", "compound") {
		if !warring && !(t.rel(c) == "acl" && sides && t.marker(c) == "to") {
			return nil, false // "the only two Arab states to have signed …": named here
		}
	}
	counted := warring
	for _, c := range t.kids[k] {
		switch w := lowerForm(t, c); {
		case w == "both" || w == "two" && t.rel(c) == "nummod":
			counted = true
		case w == "all" || w == "the" && sides:
			counted = counted || sides
		}
	}
	if !counted {
		return nil, false
	}
	if sides {
		if len(s.fight) == 2 {
			return s.fight, true
		}
		if len(s.parties) == 2 {
			return s.parties, true
		}
	}
	if len(s.pair) != 2 || !slices.ContainsFunc(t.kids[k], func(c int) bool { w := lowerForm(t, c); return w == "both" || w == "two" }) {
		return nil, false
	}
	return s.pair, true
}

// warringWords make "the parties" or "the sides" those of a fight.
var warringWords = map[string]bool{"warring": true, "fighting": true, "belligerent": true, "opposing": true, "conflicting": true}

// lastPair returns the two most recent distinct states or groups
// mentioned before, the parties "both countries" can stand for.
func (d *discourse) lastPair() []mention {
	var out []mention
	for k := len(d.mentioned) - 1; k >= 0 && k >= len(d.mentioned)-16 && len(out) < 2; k-- {
		m := d.mentioned[k]
		if m.modifier || m.person != nil || m.entity.Type != schema.Country && m.entity.Type != schema.ArmedGroup {
			continue
		}
		if len(out) == 1 && out[0].entity.IRI == m.entity.IRI {
			continue
		}
		m.anaphor = true
		out = append(out, m)
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// phraseActors returns the actors the phrase headed by k and the phrases
// coordinated with it name, each once.
func (p *Pipeline) phraseActors(s *sentence, k int) []mention {
	if pair, ok := s.pairAt(k); ok {
		return pair
	}

	if s.isTime(k) {
		// "imposed sanctions on Monday, France and Germany said": actors
		// the parser coordinated with a time are no complement.
		return nil
	}
	var out []mention
	seen := map[string]bool{}
	add := func(m mention) {
		if !seen[m.entity.IRI] {
			seen[m.entity.IRI] = true
			out = append(out, m)
		}
	}
	t := s.tree
	for _, c := range t.conjuncts(k) {
		if m, ok := s.hisCountry(c); ok {
			add(m)
			continue
		}
		if m, ok := s.theOrgan(c); ok {
			add(m)
			continue
		}
		m, at, ok := p.phraseActorAt(s, c)
		if !ok {
			// "the separatist leader, Ramzan Kadyrov": the name in apposition.
			for _, a := range t.dependents(c, "appos") {
				if t.dependent(a, "mark", "cc") >= 0 {
					continue // "…, while Egypt believes": a clause the parser misread
				}
				if m, ok := p.headActor(s, a); ok {
					add(m)
				}
			}
		}
		if ok {
			add(m)
			if at != c {
				// "U.S. and Taliban negotiators": coordinated modifiers.
				for _, mc := range t.conjuncts(at)[1:] {
					if m, ok := p.headActor(s, mc); ok {
						add(m)
					}
				}
			} else {
				// "U.S. and Iranian negotiators", read as one organ mention
				// with another state before it; "the UK and European
				// Union", the first conjunct taken for a modifier of the
				// second.
				for _, d := range t.dependents(c, "compound", "amod") {
					if d >= m.start && d < m.end || s.at[d] < 0 {
						continue
					}
					if end := s.ments[s.at[d]].end; m.agent == "" && (end >= len(s.toks) || !coordinators[s.toks[end].Lower]) {
						continue
					}
					for _, dc := range t.conjuncts(d) {
						if m, ok := p.headActor(s, dc); ok {
							add(m)
						}
					}
				}
			}
			// "the leaders of Britain, Germany and France": the states
			// coordinated in the complement act too.
			if s.at[c] < 0 || m.agent != "" {
				for _, of := range t.complements(c, "of") {
					for _, oc := range t.conjuncts(of)[1:] {
						if m, ok := p.phraseActor(s, oc); ok {
							add(m)
						}
					}
				}
			}
		}
	}
	return out
}

// coordinators join conjuncts.
var coordinators = map[string]bool{"and": true, "or": true, ",": true, "&": true}

// relativeWords introduce a relative clause; as a subject they stand for
// the noun the clause modifies.
var relativeWords = map[string]bool{"who": true, "which": true, "that": true, "whom": true}

// treeSubject returns the actors that are the subject of verb v, found
// through the tree: its own subject (with conjuncts), the noun a relative
// clause modifies, or the subject of the verb it is coordinated with or
// controlled by. found is false when the tree gives no subject that names
// an actor and has no pronoun for anaphora to resolve.
func (p *Pipeline) treeSubject(s *sentence, v int) ([]mention, bool) {
	t := s.tree
	for n := 0; v >= 0 && n < 8; n++ {
		if subjs := t.dependents(v, "nsubj", "csubj"); len(subjs) > 0 {
			if relativeWords[s.toks[subjs[0]].Lower] && t.rel(v) == "acl" {
				if h := t.head(v); h >= 0 {
					ms := p.phraseActors(s, h)
					if len(ms) == 0 && t.rel(h) == "appos" {
						// "the Taliban, a group that once ruled …"
						ms = p.phraseActors(s, t.head(h))
					}
					if len(ms) == 0 {
						// the same apposition, which the parser did not see:
						// the actor just before the comma that opens the
						// noun phrase.
						l := h
						for l > 0 && t.head(l-1) == h && t.rel(l-1) != "punct" {
							l--
						}
						if l >= 2 && s.toks[l-1].Text == "," && s.at[l-2] >= 0 && !s.ments[s.at[l-2]].modifier {
							ms = []mention{s.ments[s.at[l-2]]}
						}
					}
					if r := subjs[0]; len(ms) == 0 && r >= 2 && s.toks[r-1].Text == "," && s.at[r-2] >= 0 && !s.ments[s.at[r-2]].modifier {
						// "a role for Turkey, which backed …": the parser hung
						// the clause on an earlier noun; the actor just before
						// the comma is the antecedent.
						ms = []mention{s.ments[s.at[r-2]]}
					}
					return ms, len(ms) > 0
				}
			}
			var ms []mention
			for _, subj := range subjs {
				ms = append(ms, p.phraseActors(s, subj)...)
			}
			if a, ok := s.documentAuthor(subjs[0]); ok && len(ms) == 0 && len(subjs) == 1 {
				return []mention{a}, true // "The resolution … condemns …": the council's
			}
			if w := lowerForm(t, subjs[0]); len(ms) == 0 && len(subjs) == 1 && (w == "it" || w == "he" || w == "she") {
				// "The government said that it was evacuating … as it
				// blamed Iran": a pronoun subject under a clause is that
				// clause's subject, if it is the same kind of actor.
				if h := t.head(v); h >= 0 && (t.rel(v) == "ccomp" || t.rel(v) == "advcl") {
					if up, ok := p.treeSubject(s, h); ok && len(up) == 1 && (up[0].person != nil) == (w != "it") {
						up[0].anaphor = true
						return up, true
					}
				}
			}
			if len(ms) == 0 && len(subjs) == 1 && lowerForm(t, subjs[0]) == "they" {
				// "The two nations reported that they killed …": the
				// parties of the clause that reports it.
				if h := t.head(v); h >= 0 && (t.rel(v) == "ccomp" || t.rel(v) == "advcl") {
					if up, ok := p.treeSubject(s, h); ok && len(up) >= 2 {
						return up, true
					}
				}
			}
			return ms, len(ms) > 0
		}
		switch t.rel(v) {
		case "acl":
			h := t.head(v)
			if h >= 0 && s.clauseMarker(v) == "" && t.words[v].XPOS == "VBG" && statementNouns[t.lemma(h)] {
				// "issued a statement condemning X", "handed the envoy a
				// note declaring …": the issuer.
				for n := 0; t.rel(h) == "appos" && n < 3; n++ {
					h = t.head(h)
				}
				if r := t.rel(h); r == "obj" || r == "iobj" {
					if up, _ := t.clauseOf(h); up >= 0 && up != v {
						v = up // "handed the envoy a note declaring …"
						continue
					}
				}
			}
			if h >= 0 && s.clauseMarker(v) == "" && t.words[v].XPOS == "VBG" {
				// "Canada's expulsion of a senior Indian diplomat blaming
				// India": the act's author, the participle hung on the
				// act's complement.
				for n, a := 0, h; n < 2 && a >= 0; n, a = n+1, t.head(a) {
					if _, act := actNouns[lowerForm(t, a)]; act || statementNouns[t.lemma(a)] {
						if poss := t.dependent(a, "nmod:poss"); poss >= 0 {
							if ms := p.phraseActors(s, poss); len(ms) > 0 {
								return ms, true
							}
						}
					}
					if n == 0 && t.rel(a) != "nmod" {
						break
					}
				}
			}
			// "adopted a decision to readmit Syria": the decision's maker.
			if t.marker(v) != "to" || h < 0 || !decisionNouns[t.lemma(h)] {
				return nil, false
			}
			if poss := t.dependent(h, "nmod:poss"); poss >= 0 {
				ms := p.phraseActors(s, poss)
				return ms, len(ms) > 0
			}
			if t.rel(h) != "obj" || !adoptVerbs[t.lemma(t.head(h))] {
				return nil, false // "welcomed the decision to sever": someone else's
			}
			v = t.head(h)
		case "conj", "xcomp", "advcl":
			// "condemned X and recalled …", "decided to break off …",
			// "…, saying": the governing verb's subject.
			if t.rel(v) == "xcomp" && t.dependent(t.head(v), "obj") >= 0 {
				return nil, false // "urged Iran to …": the object acts
			}
			if h := t.head(v); t.rel(v) == "advcl" && h >= 0 && t.pos(h) == "ADJ" && t.rel(h) == "xcomp" {
				// "making the world safer in restoring sanctions": the
				// adjunct is the verb's, not the adjective's.
				v = t.head(h)
				continue
			}
			v = t.head(v)
		default:
			return nil, false
		}
	}
	return nil, false
}

// issueVerbs make a statement, resolution or declaration their subject's.
var issueVerbs = map[string]bool{"adopt": true, "pass": true, "approve": true, "issue": true, "release": true, "publish": true, "unveil": true, "sign": true}

// noteAuthors notes who adopts or issues a statement noun in sentence s
// ("the council adopted a resolution", "the ministry issued a
// statement"), so that "the resolution" later is that actor's.
func (p *Pipeline) noteAuthors(s *sentence, d *discourse) {
	t := s.tree
	if t == nil {
		return
	}
	for v := range t.words {
		if t.pos(v) != "VERB" || !issueVerbs[t.lemma(v)] {
			continue
		}
		obj := t.dependent(v, "obj")
		if obj < 0 || !statementNouns[t.lemma(obj)] || t.dependent(obj, "nmod:poss") >= 0 {
			continue
		}
		subj, ok := p.treeSubject(s, v)
		if !ok || len(subj) != 1 || subj[0].person != nil {
			continue
		}
		if d.authors == nil {
			d.authors = map[string]mention{}
		}
		d.authors[t.lemma(obj)] = subj[0]
	}
}

// documentAuthor returns the author of the statement noun k when it is
// one named before ("the resolution", "this statement"): who adopted or
// issued the last one.
func (s *sentence) documentAuthor(k int) (mention, bool) {
	t := s.tree
	a, ok := s.authors[t.lemma(k)]
	if !ok || !statementNouns[t.lemma(k)] || s.at[k] >= 0 || t.dependent(k, "nmod:poss", "compound", "amod") >= 0 {
		return mention{}, false
	}
	switch det := t.dependent(k, "det"); {
	case det < 0:
		return mention{}, false
	case lowerForm(t, det) != "the" && lowerForm(t, det) != "this":
		return mention{}, false
	}
	a.anaphor = true
	a.start, a.end = k, k+1
	return a, true
}

// clauseMarker is the marker of verb v ("to", "that", "after"), leaving
// out a preposition the parser took for one that opens a time expression
// ("issued a statement on Sunday condemning …").
func (s *sentence) clauseMarker(v int) string {
	t := s.tree
	for _, c := range t.kids[v] {
		if r := t.rel(c); (r == "case" || r == "mark") && !(c+1 < len(s.timeTok) && s.timeTok[c+1]) {
			return t.lemma(c)
		}
	}
	return ""
}

// relativeObject returns the actors a relative clause headed by verb v
// stands for when they are its object: "the group that the EU accuses
// of …", "the strikes which Israel launched". The clause has its own
// subject and no object; a noun "known as" a name stands for the name.
func (p *Pipeline) relativeObject(s *sentence, v int) []mention {
	t := s.tree
	if obj := t.dependent(v, "obj"); t.words[v].Rel != "acl:relcl" || obj >= 0 && !relativeWords[lowerForm(t, obj)] {
		return nil
	}
	subj := t.dependent(v, "nsubj")
	if subj < 0 || relativeWords[lowerForm(t, subj)] {
		return nil
	}
	h := t.head(v)
	if ms := p.phraseActors(s, h); len(ms) > 0 {
		return ms
	}
	for _, c := range t.dependents(h, "acl") {
		if l := t.lemma(c); l == "know" || l == "call" || l == "name" || l == "dub" {
			for _, as := range t.complements(c, "as") {
				if ms := p.phraseActors(s, as); len(ms) > 0 {
					return ms
				}
			}
		}
	}
	return nil
}

// spanHead returns the token of [start, end) whose head lies outside it,
// or -1.
func spanHead(t *tree, start, end int) int {
	for k := start; k < end && k < len(t.words); k++ {
		if h := t.head(k); h < start || h >= end {
			return k
		}
	}
	return -1
}

// nameTitles stand before a name without being part of it.
var nameTitles = map[string]bool{"lieutenant": true, "colonel": true, "major": true, "brigadier": true, "admiral": true, "marshal": true, "field": true, "captain": true, "commander": true, "sergeant": true, "president": true, "king": true, "prince": true, "emir": true, "sir": true, "judge": true, "ambassador": true, "minister": true, "secretary": true, "senator": true, "chancellor": true, "premier": true, "dr": true, "dr.": true, "gen": true, "gen.": true, "general": true, "mr": true, "mr.": true, "ms": true, "ms.": true, "mrs": true, "mrs.": true, "lt.": true, "col.": true, "lt": true, "col": true, "maj.": true, "adm.": true, "sen.": true, "rep.": true, "prof.": true}

// personAt returns the person the phrase headed by token k names: a person
// mention, or a name of two or more capitalised proper nouns the tree
// joins (flat or compound) and no other actor covers.
func (p *Pipeline) personAt(s *sentence, k int) (mention, bool) {
	if k < 0 || k >= len(s.toks) {
		return mention{}, false
	}
	if mi := s.at[k]; mi >= 0 {
		m := s.ments[mi]
		if m.entity.Type != schema.Person {
			return mention{}, false
		}
		// "General Ahmed Khalil": the title is not the name.
		words := strings.Fields(m.entity.Name)
		i := 0
		for i < len(words)-2 && nameTitles[strings.ToLower(words[i])] {
			i++
		}
		if i > 0 {
			name := strings.Join(words[i:], " ")
			e := schema.Entity{IRI: schema.EntityIRI(name), Name: name, Type: schema.Person, Aliases: []string{name}}
			m.entity, m.person, m.text = e, &e, name
		}
		return m, true
	}
	t := s.tree
	if nameTitles[s.toks[k].Lower] {
		// "Lt. Col. Amnon Shefler" headed by its title: the person among
		// the title's flat dependents.
		for _, c := range t.dependents(k, "flat", "flat:name", "compound") {
			if mi := s.at[c]; mi >= 0 && s.ments[mi].entity.Type == schema.Person {
				return p.personAt(s, c)
			}
		}
	}
	if t.pos(k) != "PROPN" || !isNameToken(s.toks[k]) {
		return mention{}, false
	}
	lo, hi := k, k+1
	for _, c := range t.kids[k] {
		if r := t.words[c].Rel; (r == "flat" || r == "compound" || r == "flat:name") && t.pos(c) == "PROPN" {
			lo, hi = min(lo, c), max(hi, c+1)
		}
	}
	for lo < hi && nameTitles[s.toks[lo].Lower] {
		lo++
	}
	if hi-lo < 2 || nonPersonHeads[s.toks[hi-1].Lower] || allTitles(s.toks[lo:hi]) {
		return mention{}, false // "the Deputy Chief of …": an office, no name
	}
	for j := lo; j < hi; j++ {
		if s.at[j] >= 0 || !isNameToken(s.toks[j]) && !isNameParticle(s.toks, j) || nonNames[s.toks[j].Lower] {
			return mention{}, false
		}
	}
	name := joinTokens(s.toks[lo:hi])
	e := schema.Entity{IRI: schema.EntityIRI(name), Name: name, Type: schema.Person, Aliases: []string{name}}
	return mention{start: lo, end: hi, entity: e, person: &e, text: name}, true
}

// signersUnder returns the actors named anywhere in the phrase under k,
// however the parser hung the list ("by President Putin of Russia,
// President Aliyev of Azerbaijan and Pashinyan"); a state named as a
// person's ("of Russia") is the person's, not another signer.
func (p *Pipeline) signersUnder(s *sentence, k int) []mention {
	t := s.tree
	var out []mention
	seen := map[int]bool{}
	stack := []int{k}
	for n := 0; len(stack) > 0 && n < 64; n++ {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if r := t.rel(c); r == "acl" || r == "advcl" || r == "ccomp" {
			continue // another clause
		}
		if mi := s.at[c]; mi >= 0 && !seen[mi] {
			m := s.ments[mi]
			// "the US special envoy, Zalmay Khalilzad": the envoy stands for
			// the state; the name in apposition is the same party.
			h := t.head(c)
			sameParty := m.person != nil && t.rel(c) == "appos" && h >= 0 && s.at[h] >= 0 && s.ments[s.at[h]].agent != ""
			if sameParty {
				seen[mi] = true // not again through another word of the name
			} else if !m.modifier && (m.person != nil || !t.affiliation(s, c)) {
				seen[mi] = true
				out = append(out, m)
			}
		}
		stack = append(stack, t.kids[c]...)
	}
	return out
}

// homeNouns, after "his" or "her", name the state of the official the
// sentence speaks of: "Israel's defence minister warned that his country
// …".
var homeNouns = map[string]bool{"country": true, "nation": true, "government": true, "state": true, "administration": true}

// hisCountry resolves "his country" at token k to the state of the
// nearest official named before it in the sentence.
func (s *sentence) hisCountry(k int) (mention, bool) {
	t := s.tree
	if k < 0 || k >= len(t.words) || s.at[k] >= 0 || !homeNouns[lowerForm(t, k)] {
		return mention{}, false
	}
	poss := t.dependent(k, "nmod:poss")
	if poss < 0 || lowerForm(t, poss) != "his" && lowerForm(t, poss) != "her" {
		return mention{}, false
	}
	for j := len(s.ments) - 1; j >= 0; j-- {
		m := s.ments[j]
		if m.end > k {
			continue
		}
		switch {
		case m.person != nil && m.state != nil:
			st := mention{start: k, end: k + 1, entity: *m.state, anaphor: true, text: s.toks[k].Text}
			return st, true
		case m.person == nil && m.agent != "" && m.entity.Type == schema.Country:
			m.anaphor = true
			m.agent = ""
			return m, true
		}
	}
	return mention{}, false
}

// theOrgan resolves "the army", "the military", "the junta" named alone to
// the state whose organ of that name the article named before ("the
// Sudanese army … the army and the RSF battled").
func (s *sentence) theOrgan(k int) (mention, bool) {
	t := s.tree
	if k < 0 || k >= len(t.words) || s.at[k] >= 0 || !agentiveHeads[lowerForm(t, k)] {
		return mention{}, false
	}
	det := t.dependent(k, "det")
	if det < 0 || lowerForm(t, det) != "the" || len(t.dependents(k, "amod", "compound", "nmod")) > 0 {
		return mention{}, false
	}
	noun := lowerForm(t, k)
	for j := len(s.prior) - 1; j >= 0 && j >= len(s.prior)-40; j-- {
		m := s.prior[j]
		if m.person == nil && m.entity.Type == schema.Country && (m.agent == noun || strings.HasSuffix(m.agent, " "+noun)) {
			m.anaphor = true
			m.start, m.end = k, k+1
			return m, true
		}
	}
	return mention{}, false
}

// hyphenPair reads the words before the noun n that join two actors with
// a hyphen ("US-China talks", "Israel-Hamas ceasefire") as those two
// actors. A side may run over the next or the previous words, since the
// tokenizer keeps the hyphen inside one word: "the Philippines-United
// States Mutual Defense Treaty", "a Saudi Arabia-Iran deal".
func (p *Pipeline) hyphenPair(s *sentence, n int) []mention {
	t := s.tree
	for k := n - 1; k >= 0 && k >= n-5 && t.governs(n, k); k-- {
		text := s.toks[k].Text
		i := strings.IndexAny(text, "-–")
		if i <= 0 || i == len(text)-1 || s.at[k] >= 0 {
			continue
		}
		left, right := text[:i], strings.TrimLeft(text[i:], "-–")
		a, ok := p.nameRun(s, k, left, -1, n)
		if !ok {
			return nil
		}
		b, ok := p.nameRun(s, k, right, +1, n)
		if !ok {
			return nil
		}
		return []mention{a, b}
	}
	return nil
}

// nameRun reads part, a side of the hyphenated word k, as one actor,
// alone or with up to two capitalised words beside it in direction dir
// (and before the noun n): the longest that names one.
func (p *Pipeline) nameRun(s *sentence, k int, part string, dir, n int) (mention, bool) {
	words := []string{part}
	best, found := p.namedActor(s, k, part)
	for j := k + dir; j >= 0 && j < n && abs(j-k) <= 2; j += dir {
		w := s.toks[j].Text
		if w == "" || !unicode.IsUpper([]rune(w)[0]) {
			break
		}
		if dir > 0 {
			words = append(words, w)
		} else {
			words = append([]string{w}, words...)
		}
		if m, ok := p.namedActor(s, k, strings.Join(words, " ")); ok {
			best, found = m, true
		}
	}
	return best, found
}

// affiliation reports whether the actor at token c only qualifies a
// person or an office near it ("President Putin of Russia", "the US
// special envoy for Afghanistan", "the head of the Taliban's political
// office"): it names whom they serve or where, not another party.
func (t *tree) affiliation(s *sentence, c int) bool {
	switch t.marker(c) {
	case "for", "to", "in":
		return true
	}
	h := c
	for n := 0; n < 4; n++ {
		switch t.rel(h) {
		case "compound", "amod", "nmod", "flat":
		default:
			return false
		}
		h = t.head(h)
		if h < 0 {
			return false
		}
		if _, ok := officeNouns[t.lemma(h)]; ok {
			return true
		}
		if mi := s.at[h]; mi >= 0 && s.ments[mi].person != nil {
			return true
		}
	}
	return false
}

// listAfterBetween reads the actors listed after "between" that follows
// noun n ("a pact between US, UK and Australia that …"), word by word: the
// parser often breaks such lists at their commas.
func listAfterBetween(s *sentence, n int) []mention {
	k := n + 1
	if k >= len(s.toks) || s.toks[k].Lower != "between" {
		return nil
	}
	var out []mention
	seen := map[string]bool{}
	for k++; k < len(s.toks); k++ {
		if mi := s.at[k]; mi >= 0 {
			m := s.ments[mi]
			if !seen[m.entity.IRI] {
				seen[m.entity.IRI] = true
				out = append(out, m)
			}
			k = m.end - 1
			continue
		}
		switch w := s.toks[k].Lower; {
		case w == "," || w == "and" || w == "the" || w == "both":
		case s.toks[k].Tag == "JJ" || s.toks[k].Tag == "VBG" && k+1 < len(s.toks) && s.at[k+1] >= 0:
			// "between the warring Sudanese army and …"
		default:
			if len(out) < 2 {
				return nil
			}
			return out
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// nonPersonHeads end names that are not people's: "Kospi Index", "Air
// Astana", "Shanghai Composite".
var nonPersonHeads = map[string]bool{"index": true, "composite": true, "airways": true, "airlines": true, "air": true, "bank": true, "group": true, "company": true, "corp": true, "corporation": true, "inc": true, "ltd": true, "exchange": true, "party": true, "council": true, "university": true, "agency": true, "ministry": true, "news": true, "times": true, "post": true, "league": true, "union": true, "forces": true, "army": true, "fund": true, "institute": true, "foundation": true, "committee": true, "court": true, "house": true, "street": true, "square": true}

// namedActor reads text, a part of token k such as the "Iran" of
// "Iran-backed", as one actor the gazetteer knows, the whole text naming
// it.
func (p *Pipeline) namedActor(s *sentence, k int, text string) (mention, bool) {
	words := strings.Fields(strings.ReplaceAll(text, "-", " "))
	ms := p.gaz.Match(words)
	if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(words) {
		return mention{}, false
	}
	return mention{start: k, end: k + 1, entity: ms[0].Actor.Entity(), text: text}, true
}
