package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// This file reads relations off a sentence's dependency tree: the actors a
// phrase names (with its conjuncts), the subject of a verb wherever it
// stands, and acts named by nouns ("the establishment of diplomatic
// relations between X and Y", "Israeli airstrikes on Lebanon", "Canada's
// expulsion of an Indian diplomat") together with the verb that governs
// them ("announced", "signed", "held") and its modality.

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
	"minister": true, "ministers": true, "envoy": true, "envoys": true, "president": false,
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
	return p.modifierActor(s, k)
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
func (s *sentence) pairAt(k int) ([]mention, bool) {
	t := s.tree
	if len(s.pair) != 2 || k < 0 || k >= len(t.words) || !pairNouns[lowerForm(t, k)] {
		return nil, false
	}
	for _, c := range t.kids[k] {
		w := lowerForm(t, c)
		if w == "both" || w == "two" && t.rel(c) == "nummod" {
			return s.pair, true
		}
	}
	return nil, false
}

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
			} else if m.agent != "" {
				// "U.S. and Iranian negotiators", read as one organ mention
				// with another state before it.
				for _, d := range t.dependents(c, "compound", "amod") {
					if d >= m.start && d < m.end || s.at[d] < 0 {
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
			if h >= 0 && t.marker(v) == "" && t.words[v].XPOS == "VBG" && statementNouns[t.lemma(h)] {
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
			v = t.head(v)
		default:
			return nil, false
		}
	}
	return nil, false
}

// statementNouns are what an actor issues to say something: "issued a
// statement condemning X".
var statementNouns = map[string]bool{"statement": true, "communique": true, "declaration": true, "note": true, "letter": true, "protest": true, "resolution": true, "order": true, "decree": true}

// decisionNouns carry out what their infinitive says once their maker
// adopts or takes them: "adopted a decision to readmit Syria".
var decisionNouns = map[string]bool{"decision": true, "resolution": true, "move": true, "step": true, "measure": true, "vote": true, "order": true}

// adoptVerbs make a decision their subject's own.
var adoptVerbs = map[string]bool{"adopt": true, "take": true, "make": true, "announce": true, "approve": true, "pass": true, "reach": true, "implement": true, "unveil": true}

// eventNoun is a noun that names an act between actors.
type eventNoun struct {
	predicate string
	code      string
	// mutual: the parties act together ("a deal between X and Y", "talks
	// with Y"); otherwise the noun has a source and a target.
	mutual bool
	// targets are the prepositions that introduce the target ("on",
	// "against"; "of" for "the recognition of Kosovo").
	targets []string
	// of: the noun must have an "of" complement with one of these lemmas
	// ("the establishment of relations").
	of []string
}

var (
	agreementNoun = eventNoun{predicate: "signed_agreement_with", mutual: true}
	truceNoun     = eventNoun{predicate: "signed_agreement_with", code: "0871", mutual: true}
	talksNoun     = eventNoun{predicate: "met_with", code: "046", mutual: true}
	meetingNoun   = eventNoun{predicate: "met_with", mutual: true}
	callNoun      = eventNoun{predicate: "consulted", code: "041", mutual: true}
	strikeNoun    = eventNoun{predicate: "attacked", code: "195", targets: []string{"on", "against", "in", "at", "into", "targeting"}}
	attackNoun    = eventNoun{predicate: "attacked", targets: []string{"on", "against", "at", "into", "targeting"}}
	sanctionNoun  = eventNoun{predicate: "imposed_sanctions_on", targets: []string{"on", "against"}}
	tiesNouns     = []string{"relation", "relations", "tie", "ties", "relationship"}
)

// actNouns maps a noun (lower case, as written) to the act it names.
var actNouns = map[string]eventNoun{
	"deal": agreementNoun, "agreement": agreementNoun, "accord": agreementNoun, "pact": agreementNoun,
	"treaty": agreementNoun, "settlement": agreementNoun, "communique": agreementNoun, "memorandum": agreementNoun,
	"truce": truceNoun, "ceasefire": truceNoun, "cease-fire": truceNoun, "armistice": truceNoun,
	"talks": talksNoun, "negotiations": talksNoun, "negotiation": talksNoun, "dialogue": talksNoun, "diplomacy": talksNoun,
	"meeting": meetingNoun, "meetings": meetingNoun, "summit": meetingNoun, "handshake": meetingNoun,
	"conversation": callNoun, "call": callNoun, "phone": callNoun,
	"airstrike": strikeNoun, "airstrikes": strikeNoun, "strike": strikeNoun, "strikes": strikeNoun,
	"bombardment": strikeNoun, "bombing": strikeNoun, "bombings": strikeNoun, "raid": strikeNoun, "raids": strikeNoun,
	"attack": attackNoun, "attacks": attackNoun, "offensive": attackNoun, "assault": attackNoun, "incursion": attackNoun,
	"shelling":  {predicate: "attacked", code: "194", targets: []string{"on", "of", "against"}},
	"invasion":  {predicate: "invaded", targets: []string{"of"}},
	"sanctions": sanctionNoun, "sanction": sanctionNoun, "embargo": sanctionNoun,
	"expulsion":     {predicate: "expelled_diplomats_of", targets: []string{"of"}},
	"recognition":   {predicate: "recognized", targets: []string{"of"}},
	"establishment": {predicate: "restored_ties_with", mutual: true, of: tiesNouns},
	"restoration":   {predicate: "restored_ties_with", mutual: true, of: tiesNouns},
	"resumption":    {predicate: "restored_ties_with", mutual: true, of: tiesNouns},
	"normalization": {predicate: "restored_ties_with", mutual: true, of: tiesNouns},
	"normalisation": {predicate: "restored_ties_with", mutual: true, of: tiesNouns},
	"severance":     {predicate: "severed_ties_with", mutual: true, of: tiesNouns},
	"severing":      {predicate: "severed_ties_with", mutual: true, of: tiesNouns},
	"rupture":       {predicate: "severed_ties_with", mutual: true, of: tiesNouns},
}

// lightVerbs carry the act their object names, and their subject does it:
// "launched airstrikes on", "signed a pact with", "announced the
// expulsion of", "held talks with".
var lightVerbs = map[string]bool{
	"launch": true, "carry": true, "conduct": true, "mount": true, "stage": true, "order": true,
	"sign": true, "reach": true, "conclude": true, "strike": true, "seal": true, "ink": true,
	"finalize": true, "finalise": true, "agree": true, "hold": true, "have": true, "begin": true,
	"start": true, "open": true, "resume": true, "attend": true, "join": true, "impose": true,
	"announce": true, "adopt": true, "approve": true, "introduce": true, "toughen": true,
	"tighten": true, "expand": true, "extend": true, "step": true, "ratchet": true, "issue": true,
	"make": true, "complete": true, "declare": true, "grant": true, "accept": true, "enter": true,
	"negotiate": true, "pursue": true, "unveil": true, "slap": true, "levy": true, "reimpose": true,
	"confirm": true, "formalize": true, "formalise": true, "restore": true, "renew": true,
	// travel for talks: "landed in Kingstown for talks with X"
	"arrive": true, "land": true, "travel": true, "fly": true, "go": true, "come": true, "head": true,
}

// intentVerbs govern an act that has not (yet) happened: "called for
// talks", "proposed a truce", "plans the normalisation of relations".
var intentVerbs = map[string]bool{
	"call": true, "urge": true, "propose": true, "seek": true, "want": true, "hope": true, "plan": true,
	"push": true, "demand": true, "ask": true, "aim": true, "try": true, "expect": true, "discuss": true,
	"consider": true, "threaten": true, "warn": true, "offer": true, "suggest": true, "favor": true,
	"favour": true, "support": true, "oppose": true, "reject": true, "deny": true, "prepare": true,
	"intend": true, "need": true, "prevent": true, "avoid": true, "fear": true, "risk": true,
	"postpone": true, "delay": true, "block": true, "resist": true,
	"press": true, "encourage": true, "welcome": true, "vow": true, "pledge": true, "promise": true,
	"decline": true, "refuse": true, "fail": true, "seem": true, "appear": true,
	// scheduled, not yet done: "talks are due to begin next month"
	"due": true, "likely": true, "schedule": true, "slate": true, "poise": true, "set": true,
}

// intentNouns on the way up from an act make it a plan, not a fact: "a
// plan for talks", "calls for a ceasefire".
var intentNouns = map[string]bool{
	"plan": true, "plans": true, "proposal": true, "proposals": true, "call": true, "calls": true,
	"demand": true, "demands": true, "bid": true, "effort": true, "efforts": true, "attempt": true,
	"hope": true, "hopes": true, "possibility": true, "prospect": true, "prospects": true, "threat": true,
	"threats": true, "offer": true, "push": true, "request": true, "condition": true, "conditions": true,
	"intention": true, "idea": true, "framework": true, "aim": true, "goal": true,
	"pressure": true, "commitment": true, "pledge": true, "promise": true, "readiness": true,
	"willingness": true, "decision": false, "right": true, "way": true, "chance": true,
}

// intends reports whether verb v states an intent towards the act noun n
// names: "called for talks", "proposed a truce", but not "called it
// retaliation for the strikes" nor "signed a deal".
func (t *tree) intends(v, n int) bool {
	l := t.lemma(v)
	if !intentVerbs[l] || lightVerbs[l] {
		return false
	}
	if l != "call" {
		return true
	}
	// The child of v on the way down to n: "call for", "call on".
	k := n
	for n := 0; k >= 0 && t.head(k) != v && n < len(t.words); n++ {
		k = t.head(k)
	}
	m := t.marker(k)
	return k >= 0 && (m == "for" || m == "on" || m == "upon")
}

// prospectiveWords qualify an act still to come: "further negotiations",
// "a possible deal".
var prospectiveWords = map[string]bool{"further": true, "future": true, "possible": true, "potential": true, "planned": true, "proposed": true, "prospective": true, "eventual": true, "upcoming": true, "new": false}

// prospective reports whether noun n is qualified as still to come.
func (t *tree) prospective(n int) bool {
	for _, c := range t.dependents(n, "amod") {
		if prospectiveWords[lowerForm(t, c)] {
			return true
		}
	}
	return false
}

// modalWords make a clause irrealis.
var modalWords = map[string]bool{"will": true, "would": true, "could": true, "might": true, "may": true, "should": true, "must": true, "can": true, "shall": true, "'ll": true, "wo": true, "ca": true}

// clauseOf returns the verb (or predicate) heading the clause token k is
// in, stopping at the first intent noun (reported by intent).
func (t *tree) clauseOf(k int) (v int, intent bool) {
	for n := 0; k >= 0 && n < len(t.words); n++ {
		switch t.pos(k) {
		case "VERB", "AUX":
			return k, intent
		}
		if t.rel(k) == "root" {
			return k, intent
		}
		h := t.head(k)
		if h >= 0 && t.pos(h) != "VERB" && intentNouns[t.lemma(h)] {
			intent = true
		}
		k = h
	}
	return -1, intent
}

// irrealis reports whether verb v states something that has not happened
// as a fact: a modal, a condition, or an infinitive or
// complement under a verb or noun of intent ("plans to normalise",
// "a plan to normalise", "pressure to proscribe").
func (t *tree) irrealis(v int) bool {
	for n := 0; v >= 0 && n < 6; n++ {
		for _, c := range t.kids[v] {
			switch t.rel(c) {
			case "aux":
				if modalWords[t.lemma(c)] || modalWords[lowerForm(t, c)] {
					return true
				}
			case "mark":
				if l := t.lemma(c); l == "if" || l == "unless" || l == "whether" {
					return true
				}
			}
		}
		if n > 0 && intentVerbs[t.lemma(v)] {
			return true
		}
		switch t.rel(v) {
		case "advcl":
			// "came under pressure to extend sanctions": an infinitive of
			// purpose is aimed at, not done.
			return t.marker(v) == "to" && t.words[v].XPOS == "VB"
		case "xcomp", "ccomp", "conj", "acl":
			// An infinitive or complement takes its governor's mood: "agreed
			// to restore" is done, "plans to restore" is not.
			h := t.head(v)
			if h < 0 {
				return false
			}
			if t.rel(v) == "acl" && t.pos(h) != "VERB" {
				return intentNouns[t.lemma(h)]
			}
			if t.rel(v) == "ccomp" {
				return false // what was said: the reporting reads it
			}
			v = h
		default:
			return false
		}
	}
	return false
}

func lowerForm(t *tree, k int) string {
	b := []byte(t.words[k].Form)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// complements returns the nominal dependents of k introduced by one of
// preps (nmod or obl), and their conjuncts' heads are read by the caller.
func (t *tree) complements(k int, preps ...string) []int {
	var out []int
	for _, c := range t.kids[k] {
		if r := t.rel(c); r != "nmod" && r != "obl" {
			continue
		}
		m := t.marker(c)
		for _, p := range preps {
			if m == p {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// readEventNouns reads the acts named by nouns in a sentence.
func (p *Pipeline) readEventNouns(s *sentence, d *discourse) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for n := range t.words {
		ev, ok := actNouns[s.toks[n].Lower]
		if !ok || t.pos(n) != "NOUN" && t.pos(n) != "PROPN" {
			continue
		}
		// "Israeli airstrikes" may be one mention, the state acting through
		// its strikes: the noun is the act, the state its source.
		var named []mention
		if mi := s.at[n]; mi >= 0 {
			m := s.ments[mi]
			if m.end != n+1 || !strings.HasSuffix(m.agent, s.toks[n].Lower) {
				continue
			}
			named = append(named, m)
		}
		if t.dependent(n, "det") >= 0 && t.lemma(t.dependent(n, "det")) == "no" {
			continue
		}
		if len(ev.of) > 0 && !t.hasOf(n, ev.of) {
			continue
		}
		v, intent := t.clauseOf(n)
		if intent || v >= 0 && (t.irrealis(v) || t.negated(v) || t.intends(v, n)) || t.prospective(n) {
			continue
		}
		group := -1
		if v >= 0 {
			group = groupOf(s, v)
		}
		conf := 0.75
		emit := func(a, b mention, pred string) {
			if a.entity.IRI == "" || b.entity.IRI == "" || a.entity.IRI == b.entity.IRI {
				return
			}
			out = append(out, finding{subj: a, obj: b, predicate: pred, code: ev.code, group: group, conf: conf})
		}
		// The source: "Canada's expulsion", "Israeli airstrikes", "strikes
		// by Israel".
		sources := named
		for _, c := range t.dependents(n, "nmod:poss", "amod", "compound") {
			if mi := s.at[c]; mi >= 0 {
				sources = append(sources, s.ments[mi])
			} else if m, ok := p.phraseActor(s, c); ok {
				sources = append(sources, m)
			}
		}
		light := v >= 0 && lightVerbs[t.lemma(v)] && t.governedBy(n, v)
		for _, c := range t.complements(n, "by") {
			sources = append(sources, p.phraseActors(s, c)...)
		}
		if ev.mutual {
			// "talks between X and Y", "US-China talks".
			var parties []mention
			for _, c := range t.complements(n, "between", "among") {
				parties = append(parties, p.phraseActors(s, c)...)
			}
			for _, c := range t.dependents(n, "compound", "amod") {
				parties = append(parties, p.hyphenPair(s, c)...)
			}
			if len(parties) < 2 {
				parties = listAfterBetween(s, n)
			}
			if len(parties) >= 2 {
				for i := range parties {
					for j := i + 1; j < len(parties); j++ {
						emit(parties[i], parties[j], ev.predicate)
						if ev.predicate == "restored_ties_with" || ev.predicate == "severed_ties_with" {
							emit(parties[j], parties[i], ev.predicate)
						}
					}
				}
				if v >= 0 && (t.lemma(v) == "mediate" || t.lemma(v) == "broker" || t.lemma(v) == "facilitate") {
					if subj, ok := p.treeSubject(s, v); ok {
						for _, a := range subj {
							for _, b := range parties {
								emit(a, b, "mediated")
							}
						}
					}
				}
				continue
			}
			// "a deal with Iran", "announced the establishment of relations
			// with China": the partner, and the source from the noun or the
			// verb that governs it.
			var partners []mention
			for _, c := range t.complements(n, "with") {
				partners = append(partners, p.phraseActors(s, c)...)
			}
			if len(ev.of) > 0 {
				if of := t.ofComplement(n); of >= 0 {
					for _, c := range t.complements(of, "with") {
						partners = append(partners, p.phraseActors(s, c)...)
					}
				}
			}
			if v >= 0 && len(partners) == 0 {
				for _, c := range t.complements(v, "with") {
					partners = append(partners, p.phraseActors(s, c)...)
				}
			}
			if len(sources) == 0 && light {
				sources, _ = p.treeSubject(s, v)
			}
			if len(partners) == 0 && len(sources) >= 2 && len(ev.of) > 0 && len(t.complements(n, "between", "among")) == 0 {
				// "X and Y announced the establishment of relations": each
				// with the other.
				for i := range sources {
					for j := range sources {
						if i != j && (i < j || ev.predicate == "restored_ties_with" || ev.predicate == "severed_ties_with") {
							emit(sources[i], sources[j], ev.predicate)
						}
					}
				}
				continue
			}
			for _, a := range sources {
				for _, b := range partners {
					emit(a, b, ev.predicate)
				}
			}
			continue
		}
		var targets []mention
		for _, c := range t.complements(n, ev.targets...) {
			targets = append(targets, p.phraseActors(s, c)...)
		}
		if len(targets) == 0 {
			continue
		}
		if len(sources) == 0 && light {
			sources, _ = p.treeSubject(s, v)
		}
		if ev.predicate == "expelled_diplomats_of" {
			// the expelled are diplomats: the target names their state
			targets = keepAgents(targets, diplomats)
		}
		for _, a := range sources {
			for _, b := range targets {
				emit(a, b, ev.predicate)
			}
		}
	}
	return out
}

// keepAgents keeps the mentions whose organ is one of agents.
func keepAgents(ms []mention, agents []string) []mention {
	var out []mention
	for _, m := range ms {
		if agentIn([]mention{m}, agents) {
			out = append(out, m)
		}
	}
	return out
}

// hasOf reports whether noun n has an "of" complement whose head is one of
// lemmas ("the establishment of diplomatic relations").
func (t *tree) hasOf(n int, lemmas []string) bool {
	of := t.ofComplement(n)
	if of < 0 {
		return false
	}
	for _, l := range lemmas {
		if t.lemma(of) == l || lowerForm(t, of) == l {
			return true
		}
	}
	return false
}

// ofComplement returns n's "of" complement, or -1.
func (t *tree) ofComplement(n int) int {
	if cs := t.complements(n, "of"); len(cs) > 0 {
		return cs[0]
	}
	return -1
}

// governedBy reports whether noun n is an argument of verb v directly or
// through other nouns: its object or subject, or a complement of one
// ("signed an agreement", "announced the establishment of …").
func (t *tree) governedBy(n, v int) bool {
	for k := n; k >= 0 && k != v; k = t.head(k) {
		switch t.rel(k) {
		case "obj", "nsubj", "obl", "nmod", "iobj", "appos", "conj", "compound":
		default:
			return false
		}
	}
	return true
}

// leadVerbs in a relative clause name the office its antecedent holds:
// "X, who leads the Rapid Support Forces".
var leadVerbs = map[string]bool{"lead": true, "head": true, "chair": true, "command": true, "run": true, "control": true, "direct": true}

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
		if person.state != nil && person.personPred != "" {
			continue // "Albanian Prime Minister Edi Rama": read with the mention
		}
		// The words just before the name, however the parser hung them:
		// "Arab League's Ahmed Aboul Gheit", "EU Council Chief Charles
		// Michel".
		if org, pred, ok := p.titleBefore(s, person.start); ok {
			emit(person, pred, org)
		}
		// "the African Union's Moussa Faki": one of the organisation's.
		for _, c := range t.dependents(k, "nmod:poss") {
			if org, ok := p.phraseActor(s, c); ok && org.person == nil && (canOwnAgent(org.entity) || org.entity.Type == schema.ArmedGroup || org.entity.Type == schema.PoliticalGroup) {
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
			if ok {
				emit(person, pred, org)
			}
		}
	}
	// Relative clauses: "X, who leads the paramilitary Rapid Support Forces".
	for v := range t.words {
		if !leadVerbs[t.lemma(v)] || t.rel(v) != "acl" || t.pos(v) != "VERB" {
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
	words := splitWords(m.agent)
	if len(words) == 0 {
		return false
	}
	ag, end, ok := p.gaz.MatchAgent(words, 0)
	return ok && end == len(words) && ag.Official
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
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
var nameTitles = map[string]bool{"lieutenant": true, "colonel": true, "major": true, "brigadier": true, "admiral": true, "marshal": true, "field": true, "captain": true, "commander": true, "sergeant": true, "president": true, "king": true, "prince": true, "emir": true, "sir": true, "judge": true, "ambassador": true, "minister": true, "secretary": true, "senator": true, "chancellor": true, "premier": true, "dr": true, "dr.": true, "gen": true, "gen.": true, "general": true, "mr": true, "mr.": true, "ms": true, "ms.": true, "mrs": true, "mrs.": true, "sheikh": false, "lt.": true, "col.": true, "lt": true, "col": true, "maj.": true, "adm.": true, "sen.": true, "rep.": true, "prof.": true}

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
		words := splitWords(m.entity.Name)
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
	if hi-lo < 2 {
		return mention{}, false
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

// agreementNouns are what parties agree on or withdraw from.
var agreementNouns = map[string]bool{"deal": true, "agreement": true, "accord": true, "pact": true, "treaty": true, "plan": true, "framework": true, "deal.": true, "roadmap": true, "settlement": true, "ceasefire": true, "truce": true, "cease-fire": true, "arrangement": true, "memorandum": true}

// crossingNouns are what a state closes to another.
var crossingNouns = map[string]bool{"border": true, "borders": true, "crossing": true, "crossings": true, "frontier": true, "checkpoint": true, "checkpoints": true, "airspace": true}

// forceNouns are what a state withdraws from another.
var forceNouns = map[string]bool{"troops": true, "forces": true, "soldiers": true, "military": true, "personnel": true, "contingent": true, "peacekeepers": true, "army": true}

// readTreeVerbs reads verbs whose arguments only the tree shows: parties
// agreeing with each other ("X and Y agreed to restore ties", "agreed on a
// plan"), recognition switched from one state to another, withdrawal from
// an agreement or of forces, borders closed.
func (p *Pipeline) readTreeVerbs(s *sentence, d *discourse) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for v := range t.words {
		if t.pos(v) != "VERB" && !(t.pos(v) == "AUX" && t.lemma(v) == "have") || t.irrealis(v) || t.negated(v) {
			continue
		}
		group := groupOf(s, v)
		emit := func(a, b mention, pred string, conf float64) {
			if a.entity.IRI == "" || b.entity.IRI == "" || a.entity.IRI == b.entity.IRI {
				return
			}
			out = append(out, finding{subj: a, obj: b, predicate: pred, group: group, conf: conf})
		}
		out = append(out, p.readFights(s, v, group)...)
		switch t.lemma(v) {
		case "admit", "readmit", "reinstate":
			// "the League readmitted Syria": Syria joined the League.
			subj, _ := p.treeSubject(s, v)
			if obj := t.dependent(v, "obj"); obj >= 0 {
				for _, a := range p.phraseActors(s, obj) {
					for _, org := range subj {
						if org.entity.Type == schema.IGO {
							emit(a, org, "joined", 0.75)
						}
					}
				}
			}
		case "punish", "hit", "slap", "target", "penalize", "penalise":
			// "hit Russia with a wave of sanctions", "punish Belarus for
			// the hijacking with tough sanctions": a sanction, not an attack.
			obj := t.dependent(v, "obj")
			if obj < 0 || !t.withSanctions(v) {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			for _, b := range p.phraseActors(s, obj) {
				for _, a := range subj {
					emit(a, b, "imposed_sanctions_on", 0.8)
				}
			}
		case "have", "keep", "maintain", "station", "deploy", "base", "post", "garrison":
			// "France has 2,400 troops in Mali": Mali hosts France.
			obj := t.dependent(v, "obj")
			if obj < 0 || !forceNouns[lowerForm(t, obj)] && !baseNouns[lowerForm(t, obj)] {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			for _, host := range p.placesIn(s, v) {
				for _, a := range subj {
					emit(host, a, "hosts", 0.75)
				}
			}
		case "provide", "give", "offer", "grant", "afford":
			// "provided safe haven to X": the subject hosts X.
			obj := t.dependent(v, "obj")
			if obj < 0 || !havenNouns[lowerForm(t, obj)] {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			guests := t.complements(obj, "to", "for")
			guests = append(guests, t.complements(v, "to", "for")...)
			guests = append(guests, t.dependents(v, "iobj")...)
			for _, c := range guests {
				for _, b := range p.phraseActors(s, c) {
					for _, a := range subj {
						emit(a, b, "hosts", 0.75)
					}
				}
			}
		case "sign", "conclude", "ink":
			// "The agreement was signed by X, Y and Z", "the agreement,
			// signed by X, Y and Z,": among the signers.
			subj := t.dependent(v, "nsubj:pass")
			if t.rel(v) == "acl" {
				subj = t.head(v)
			}
			if subj < 0 || !agreementNouns[lowerForm(t, subj)] {
				continue
			}
			var signers []mention
			for _, c := range t.complements(v, "by") {
				signers = append(signers, p.signersUnder(s, c)...)
			}
			for i := range signers {
				for j := i + 1; j < len(signers); j++ {
					emit(signers[i], signers[j], "signed_agreement_with", 0.75)
				}
			}
		case "break", "collapse", "end", "sour", "resume", "restore", "normalize", "normalise":
			// "Diplomatic relations between the two countries broke in
			// 2019", "ties between X and Y were restored".
			subj := t.dependent(v, "nsubj", "nsubj:pass")
			if subj < 0 || !isTies(t, subj) {
				continue
			}
			var parties []mention
			for _, c := range t.complements(subj, "between") {
				parties = append(parties, p.phraseActors(s, c)...)
			}
			pred := "severed_ties_with"
			switch t.lemma(v) {
			case "resume", "restore", "normalize", "normalise":
				pred = "restored_ties_with"
			}
			for i := range parties {
				for j := range parties {
					if i != j {
						emit(parties[i], parties[j], pred, 0.8)
					}
				}
			}
		case "kick", "expel", "throw", "recall", "order":
			// "both countries kicked out their respective ambassadors":
			// each expelled (or recalled) the other's.
			obj := t.dependent(v, "obj")
			if obj < 0 || !isDiplomat(lowerForm(t, obj)) || !t.respective(obj) {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			pred := "expelled_diplomats_of"
			if t.lemma(v) == "recall" {
				pred = "recalled_ambassador_from"
			}
			for i := range subj {
				for j := range subj {
					if i != j {
						emit(subj[i], subj[j], pred, 0.75)
					}
				}
			}
		case "blame":
			// "a strike that his country blamed on Tehran": whatever the
			// object (often a relative pronoun), the one blamed is after "on".
			subj, _ := p.treeSubject(s, v)
			for _, c := range t.complements(v, "on", "upon") {
				for _, b := range p.phraseActors(s, c) {
					for _, a := range subj {
						emit(a, b, "accused", 0.8)
					}
				}
			}
		case "declare":
			// "declaring ten employees of the U.S. embassy persona non
			// grata": their state's diplomats expelled.
			if !t.personaNonGrata(v) {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			// The declared may stand before or after the phrase, however
			// the parser hung it: "declaring persona non grata ten
			// employees of the U.S. Embassy".
			var states []mention
			for _, c := range t.kids[v] {
				if r := t.rel(c); r == "obj" || r == "obl" || r == "xcomp" || r == "nmod" {
					for _, m := range p.signersUnder(s, c) {
						if m.entity.Type == schema.Country {
							states = append(states, m)
						}
					}
				}
			}
			for _, b := range states {
				for _, a := range subj {
					emit(a, b, "expelled_diplomats_of", 0.8)
				}
			}
		case "describe", "call", "brand", "label", "dub", "term", "portray", "characterize", "characterise":
			// "Biden described Putin as an aggressor", "called Russia a
			// terrorist state": a charge against the one so described.
			obj := t.dependent(v, "obj")
			if obj < 0 || !t.chargedAs(v, obj) {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			for _, b := range p.phraseActors(s, obj) {
				for _, a := range subj {
					emit(a, b, "accused", 0.75)
				}
			}
		case "warn", "vow", "threaten", "pledge", "promise", "swear":
			// "warned that his country is prepared to strike Iran", "vowed
			// to retake it": a threat against the target of the act.
			subj, _ := p.treeSubject(s, v)
			for _, b := range p.threatTargets(s, v) {
				for _, a := range subj {
					emit(a, b, "threatened", 0.75)
				}
			}
		case "agree":
			// "X and Y agreed to …", "X agreed with Y on …": an agreement
			// between them, whatever it is about.
			if t.dependent(v, "xcomp", "ccomp") < 0 && len(t.complements(v, "on", "to", "upon")) == 0 {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			var partners []mention
			for _, c := range t.complements(v, "with") {
				partners = append(partners, p.phraseActors(s, c)...)
			}
			for i, a := range subj {
				for _, b := range partners {
					emit(a, b, "signed_agreement_with", 0.75)
				}
				for _, b := range subj[i+1:] {
					emit(a, b, "signed_agreement_with", 0.75)
				}
			}
		case "switch", "shift", "transfer", "move":
			// "switched recognition from X to Y".
			obj := t.dependent(v, "obj")
			if obj < 0 || t.lemma(obj) != "recognition" && t.lemma(obj) != "allegiance" && !isTies(t, obj) {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			froms := append(t.complements(v, "from"), t.complements(obj, "from")...)
			tos := append(t.complements(v, "to"), t.complements(obj, "to")...)
			for _, c := range froms {
				tos = append(tos, t.complements(c, "to")...) // "from X to Y" read as one phrase
				for _, b := range p.phraseActors(s, c) {
					for _, a := range subj {
						emit(a, b, "severed_ties_with", 0.8)
					}
				}
			}
			for _, c := range tos {
				for _, b := range p.phraseActors(s, c) {
					for _, a := range subj {
						emit(a, b, "recognized", 0.8)
					}
				}
			}
		case "withdraw", "pull", "exit", "quit", "leave":
			subj, _ := p.treeSubject(s, v)
			obj := t.dependent(v, "obj")
			for _, c := range t.complements(v, "from", "of", "out") {
				switch {
				case agreementNouns[t.lemma(c)] || agreementNouns[lowerForm(t, c)]:
					// "withdrew (the U.S.) from the nuclear accord with Iran",
					// the "with" hung on the noun or on the verb.
					for _, w := range append(t.complements(c, "with"), t.complements(v, "with")...) {
						for _, b := range p.phraseActors(s, w) {
							for _, a := range subj {
								emit(a, b, "withdrew_from_agreement_with", 0.75)
							}
						}
					}
				case obj >= 0 && forceNouns[lowerForm(t, obj)]:
					// "withdrew its troops from Mali"
					for _, b := range p.phraseActors(s, c) {
						for _, a := range subj {
							emit(a, b, "withdrew_forces_from", 0.75)
						}
					}
				}
			}
		case "close", "shut", "seal":
			obj := t.dependent(v, "obj")
			if obj < 0 || !crossingNouns[lowerForm(t, obj)] {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			var others []mention
			for _, c := range t.complements(obj, "with", "to") {
				others = append(others, p.phraseActors(s, c)...)
			}
			for _, c := range t.complements(obj, "on", "at", "along") {
				// "closed two checkpoints on the border with Serbia"
				if crossingNouns[lowerForm(t, c)] {
					for _, w := range t.complements(c, "with", "to") {
						others = append(others, p.phraseActors(s, w)...)
					}
				}
			}
			for _, c := range t.complements(v, "with", "to") {
				others = append(others, p.phraseActors(s, c)...)
			}
			for _, a := range subj {
				for _, b := range others {
					emit(a, b, "closed_border_with", 0.8)
				}
			}
		}
	}
	return out
}

// isTies reports whether token k is "ties", "relations" or the like.
func isTies(t *tree, k int) bool {
	for _, w := range tiesNouns {
		if t.lemma(k) == w || lowerForm(t, k) == w {
			return true
		}
	}
	return false
}

// negated reports whether verb v, or the verb it is coordinated with or
// governed by, is negated ("did not sign", "never recognised").
func (t *tree) negated(v int) bool {
	for n := 0; v >= 0 && n < 4; n++ {
		for _, c := range t.dependents(v, "advmod", "neg") {
			if l := t.lemma(c); l == "not" || l == "never" || l == "n't" {
				return true
			}
		}
		if r := t.rel(v); r != "xcomp" && r != "conj" {
			return false
		}
		v = t.head(v)
	}
	return false
}

// isReciprocal reports whether the phrase under k says "each other" or
// "one another" ("battled each other", "killed dozens of each other's
// troops").
func (t *tree) isReciprocal(k int) bool {
	for n, stack := 0, []int{k}; len(stack) > 0 && n < 32; n++ {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		w := lowerForm(t, c)
		if (w == "each" || w == "one") && c+1 < len(t.words) {
			if next := lowerForm(t, c+1); next == "other" || next == "another" || next == "other's" {
				return true
			}
		}
		stack = append(stack, t.kids[c]...)
	}
	return false
}

// fightVerbs are attacks that coordinated subjects can make on each other.
var fightVerbs = map[string]bool{"battle": true, "fight": true, "attack": true, "kill": true, "shell": true, "bomb": true, "strike": true, "clash": true, "target": true, "shoot": true, "skirmish": true, "exchange": true}

// readFights reads attacks that the frame rules cannot: parties fighting
// each other ("the army and the RSF battled each other") and clashes
// ("X clashed with Y"), both ways.
func (p *Pipeline) readFights(s *sentence, v int, group int) []finding {
	t := s.tree
	lemma := t.lemma(v)
	if !fightVerbs[lemma] {
		return nil
	}
	subj, _ := p.treeSubject(s, v)
	var out []finding
	both := func(a, b mention) {
		if a.entity.IRI == b.entity.IRI {
			return
		}
		out = append(out,
			finding{subj: a, obj: b, predicate: "attacked", group: group, conf: 0.75},
			finding{subj: b, obj: a, predicate: "attacked", group: group, conf: 0.75})
	}
	if obj := t.dependent(v, "obj"); obj >= 0 && t.isReciprocal(obj) || lemma == "clash" && len(t.complements(v, "with")) == 0 {
		for i := range subj {
			for j := i + 1; j < len(subj); j++ {
				both(subj[i], subj[j])
			}
		}
		return out
	}
	if lemma == "battle" || lemma == "fight" || lemma == "kill" || lemma == "shoot" {
		// "Ukrainian forces battled Russian invaders", "killed two Israeli
		// soldiers"
		for _, o := range t.dependents(v, "obj") {
			for _, b := range p.phraseActors(s, o) {
				for _, a := range subj {
					if a.entity.IRI != b.entity.IRI {
						out = append(out, finding{subj: a, obj: b, predicate: "attacked", group: group, conf: 0.75})
					}
				}
			}
		}
	}
	if lemma == "clash" || lemma == "skirmish" {
		for _, c := range t.complements(v, "with") {
			for _, b := range p.phraseActors(s, c) {
				for _, a := range subj {
					both(a, b)
				}
			}
		}
	}
	return out
}

// stanceSuffixes end an adjective that names an actor's stance towards
// the noun it qualifies: "Iran-backed Hezbollah", "a Russian-brokered
// settlement", "Qatari-led negotiations".
var stanceSuffixes = []struct{ suffix, predicate string }{
	{"-backed", "supported"}, {"-supported", "supported"}, {"-sponsored", "supported"},
	{"-funded", "supported"}, {"-propped", "supported"}, {"-allied", "ally_of"},
	{"-brokered", "mediated"}, {"-mediated", "mediated"}, {"-led", "mediated"},
}

// readStances reads actor-named adjectives: a supporter before the actor
// it backs, a mediator before the talks or deal it brokered.
func (p *Pipeline) readStances(s *sentence) []finding {
	t := s.tree
	if t == nil {
		return nil
	}
	var out []finding
	for k, tok := range s.toks {
		for _, st := range stanceSuffixes {
			if len(tok.Lower) <= len(st.suffix) || tok.Lower[len(tok.Lower)-len(st.suffix):] != st.suffix {
				continue
			}
			prefix := tok.Text[:len(tok.Text)-len(st.suffix)]
			ms := p.gaz.Match(splitWords(strings.ReplaceAll(prefix, "-", " ")))
			if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(splitWords(strings.ReplaceAll(prefix, "-", " "))) {
				continue
			}
			who := mention{start: k, end: k + 1, entity: ms[0].Actor.Entity(), text: prefix}
			head := t.head(k)
			if st.predicate != "mediated" && k+1 < len(s.toks) && s.at[k+1] >= 0 {
				head = k + 1 // the backed actor follows at once: "Iran-backed Hezbollah"
			}
			if head < 0 || st.predicate != "mediated" && (head <= k || head > k+5) {
				continue
			}
			v, intent := t.clauseOf(head)
			if st.predicate == "mediated" && (intent || v >= 0 && (t.irrealis(v) || t.negated(v))) {
				continue // support is a standing description, whatever the clause says
			}
			group := -1
			if v >= 0 {
				group = groupOf(s, v)
			}
			if st.predicate != "mediated" {
				// The backed actor follows at once: "Iran-backed Hezbollah".
				// A standing description, not an act of the clause's day:
				// "Iran-backed Hezbollah", "Washington-propped opposition
				// leader Juan Guaido" (through the title to the name).
				for n := 0; n < 2 && s.at[head] < 0 && head >= 0; n++ {
					if a := t.dependent(head, "appos"); a >= 0 && s.at[a] >= 0 {
						head = a // "… leader, Ramzan Kadyrov"
						break
					}
					if r := t.rel(head); r != "compound" && r != "nmod" && r != "flat" {
						break
					}
					head = t.head(head)
				}
				if m, ok := p.headActor(s, head); ok {
					out = append(out, finding{subj: who, obj: m, predicate: st.predicate, group: -1, conf: 0.75})
				}
				continue
			}
			ev, ok := actNouns[s.toks[head].Lower]
			if !ok || !ev.mutual {
				continue
			}
			for _, c := range t.complements(head, "between", "among", "with") {
				for _, b := range p.phraseActors(s, c) {
					if b.entity.IRI != who.entity.IRI {
						out = append(out, finding{subj: who, obj: b, predicate: "mediated", group: group, conf: 0.75})
					}
				}
			}
		}
	}
	return out
}

// sanctionNouns name sanctions.
var sanctionNouns = map[string]bool{"sanction": true, "sanctions": true, "embargo": true, "tariffs": true, "penalties": true, "measures": false}

// withSanctions reports whether a "with" phrase in verb v's clause names
// sanctions, at most two levels down.
func (t *tree) withSanctions(v int) bool {
	found := false
	t.below(v, 3, func(c int) (bool, bool) {
		switch t.rel(c) {
		case "obl", "nmod", "obj":
			found = t.marker(c) == "with" && (sanctionNouns[lowerForm(t, c)] || sanctionNouns[t.lemma(c)])
			return true, found
		}
		return false, false
	})
	return found
}

// baseNouns are installations a state keeps abroad.
var baseNouns = map[string]bool{"base": true, "bases": true, "garrison": true, "contingent": true, "presence": true, "mission": false}

// havenNouns are what a host gives a guest.
var havenNouns = map[string]bool{"haven": true, "sanctuary": true, "refuge": true, "shelter": true, "asylum": true, "safe-haven": true}

// placesIn returns the states named by "in" phrases under verb v or its
// object, three levels down ("troops in the region, including 2,400 in
// Mali").
func (p *Pipeline) placesIn(s *sentence, v int) []mention {
	t := s.tree
	var out []mention
	t.below(v, 3, func(c int) (bool, bool) {
		switch t.rel(c) {
		case "obj", "obl", "nmod":
			if t.marker(c) != "in" {
				return true, false
			}
			for _, m := range p.phraseActors(s, c) {
				if m.entity.Type == schema.Country {
					out = append(out, m)
				}
			}
		}
		return false, false
	})
	return out
}

// readHeadquarters reads "X's headquarters in Y": Y hosts X.
func (p *Pipeline) readHeadquarters(s *sentence) []finding {
	t := s.tree
	if t == nil {
		return nil
	}
	var out []finding
	for n := range t.words {
		if w := lowerForm(t, n); w != "headquarters" && w != "seat" && w != "secretariat" {
			continue
		}
		poss := t.dependent(n, "nmod:poss")
		if poss < 0 {
			continue
		}
		guests := p.phraseActors(s, poss)
		for _, c := range t.complements(n, "in") {
			for _, host := range p.phraseActors(s, c) {
				for _, g := range guests {
					if host.entity.Type == schema.Country && g.entity.IRI != host.entity.IRI {
						out = append(out, finding{subj: host, obj: g, predicate: "hosts", group: -1, conf: 0.75})
					}
				}
			}
		}
	}
	return out
}

// hostileVerbs are acts a threat holds out.
var hostileVerbs = map[string]bool{"strike": true, "attack": true, "retaliate": true, "punish": true, "retake": true, "invade": true, "destroy": true, "hit": true, "sanction": true, "bomb": true, "annihilate": true, "crush": true, "respond": true, "seize": true, "capture": true, "target": true}

// threatTargets returns the targets of the hostile acts in verb v's
// complement clauses, two clauses down ("warned that X is prepared to
// strike Iran").
func (p *Pipeline) threatTargets(s *sentence, v int) []mention {
	t := s.tree
	var out []mention
	t.below(v, 4, func(c int) (bool, bool) {
		// Complement clauses, wherever the parser hung them ("warned on
		// Thursday that …" may hang off the day), but not the next
		// coordinated clause.
		if r := t.rel(c); r == "conj" || r == "parataxis" || r == "nsubj" || r == "punct" {
			return false, false
		}
		if hostileVerbs[t.lemma(c)] && t.pos(c) == "VERB" && !t.negated(c) {
			for _, o := range t.dependents(c, "obj") {
				out = append(out, p.phraseActors(s, o)...)
			}
			for _, o := range t.complements(c, "against", "on") {
				out = append(out, p.phraseActors(s, o)...)
			}
		}
		return true, false
	})
	return out
}

// chargeWords, said of an actor, accuse it: "Putin is the aggressor",
// "Wagner is a criminal organization", "the acts are illegal".
var chargeWords = map[string]bool{"aggressor": true, "aggressors": true, "criminal": true, "terrorist": true, "terrorists": true, "responsible": true, "guilty": true, "culprit": true, "culprits": true, "illegal": true, "unlawful": true, "liar": true, "liars": true, "murderer": true, "murderers": true, "war criminal": true}

// readCharges reads accusations made in reported speech: a speaker saying
// that an actor is the aggressor, a criminal, responsible ("'X is the
// aggressor,' Biden said"; "said that responsibility lies with X").
func (p *Pipeline) readCharges(s *sentence, d *discourse) []finding {
	t := s.tree
	if t == nil {
		return nil
	}
	var out []finding
	for k := range t.words {
		if !chargeWords[lowerForm(t, k)] && !chargeWords[t.lemma(k)] {
			continue
		}
		// The predicate of a copular clause: "X is (a) criminal …".
		pred := k
		if t.rel(k) == "amod" || t.rel(k) == "compound" {
			pred = t.head(k) // "a criminal organization"
		}
		if pred < 0 || t.dependent(pred, "cop") < 0 {
			continue
		}
		if t.negated(pred) || t.irrealis(pred) {
			continue
		}
		subj := t.dependent(pred, "nsubj")
		if subj < 0 {
			continue
		}
		targets := p.phraseActors(s, subj)
		if len(targets) == 0 {
			continue
		}
		speech, ok := p.speechOver(s, pred)
		if !ok {
			continue
		}
		speakers, _ := p.treeSubject(s, speech)
		group := groupAt(s, speech)
		for _, a := range speakers {
			for _, b := range targets {
				if a.entity.IRI != b.entity.IRI {
					out = append(out, finding{subj: a, obj: b, predicate: "accused", group: group, conf: 0.7})
				}
			}
		}
	}
	return out
}

// speechOver returns the speech verb that reports clause c: its governor
// ("said that X is …") or the verb set beside it ("'X is …,' he said").
func (p *Pipeline) speechOver(s *sentence, c int) (int, bool) {
	t := s.tree
	isSpeech := func(v int) bool {
		if v < 0 || t.pos(v) != "VERB" {
			return false
		}
		for _, sv := range speechVerbs {
			if t.lemma(v) == sv {
				return true
			}
		}
		return false
	}
	if r := t.rel(c); r == "ccomp" || r == "parataxis" {
		if h := t.head(c); isSpeech(h) {
			return h, true
		}
	}
	for _, k := range t.dependents(c, "parataxis", "ccomp") {
		if isSpeech(k) {
			return k, true
		}
	}
	return -1, false
}

// personaNonGrata reports whether "persona non grata" follows verb v.
func (t *tree) personaNonGrata(v int) bool {
	for k := v + 1; k+2 < len(t.words) && k < v+12; k++ {
		if lowerForm(t, k) == "persona" && lowerForm(t, k+1) == "non" && lowerForm(t, k+2) == "grata" {
			return true
		}
	}
	return false
}

// isDiplomat reports whether a noun names diplomats.
func isDiplomat(w string) bool {
	for _, d := range diplomats {
		if w == d {
			return true
		}
	}
	return false
}

// respective reports whether noun k is "their respective …" or "each
// other's …".
func (t *tree) respective(k int) bool {
	for _, c := range t.kids[k] {
		if w := lowerForm(t, c); w == "respective" {
			return true
		}
	}
	return t.isReciprocal(k)
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

// groupOf returns the verb group of verb v, or of the verb an infinitive
// or a coordinated verb hangs from when the word-level reader made no
// group of v itself ("have continued to battle": the tagger took "battle"
// for a noun).
func groupOf(s *sentence, v int) int {
	t := s.tree
	for n := 0; v >= 0 && n < 4; n++ {
		if g := groupAt(s, v); g >= 0 {
			return g
		}
		if r := t.rel(v); r != "xcomp" && r != "conj" {
			return -1
		}
		v = t.head(v)
	}
	return -1
}

// hyphenPair reads a token that joins two actors with a hyphen ("US-China",
// "Israel-Hamas") as those two actors.
func (p *Pipeline) hyphenPair(s *sentence, k int) []mention {
	text := s.toks[k].Text
	i := strings.IndexAny(text, "-–")
	if i <= 0 || i == len(text)-1 || s.at[k] >= 0 {
		return nil
	}
	var out []mention
	for _, part := range []string{text[:i], strings.TrimLeft(text[i:], "-–")} {
		words := splitWords(part)
		ms := p.gaz.Match(words)
		if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(words) {
			return nil
		}
		out = append(out, mention{start: k, end: k + 1, entity: ms[0].Actor.Entity(), text: part})
	}
	return out
}

// titleBefore reads the words that end just before a name at token i: an
// organisation's possessive ("Arab League's"), or an organisation or state
// followed by a title ending in an office noun ("EU Council Chief", "UN
// special envoy"). It returns the organisation and the office's predicate.
func (p *Pipeline) titleBefore(s *sentence, i int) (mention, string, bool) {
	j := i - 1
	if j >= 1 && (s.toks[j].Lower == "'s" || s.toks[j].Tag == "POS") {
		if mi := s.at[j-1]; mi >= 0 {
			if m := s.ments[mi]; m.person == nil && !m.modifier && (canOwnAgent(m.entity) || m.entity.Type == schema.ArmedGroup || m.entity.Type == schema.PoliticalGroup) {
				return m, "part_of", true
			}
		}
		return mention{}, "", false
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

// chargedAs reports whether verb v describes its object obj with a charge
// ("as an aggressor", "a criminal state"), in an "as" phrase, a second
// object or a predicate complement.
func (t *tree) chargedAs(v, obj int) bool {
	for _, c := range t.kids[v] {
		if c == obj {
			continue
		}
		switch t.rel(c) {
		case "obl", "xcomp", "obj", "advcl":
			if t.rel(c) == "obl" && t.marker(c) != "as" {
				continue
			}
			if t.charge(c) {
				return true
			}
		}
	}
	for _, c := range t.kids[obj] {
		// "described Putin as an aggressor" hung on the object
		if t.marker(c) == "as" && t.charge(c) {
			return true
		}
	}
	return false
}

// charge reports whether the phrase headed by k names a charge: the word
// itself or an adjective on it ("a criminal organisation").
func (t *tree) charge(k int) bool {
	if chargeWords[lowerForm(t, k)] || chargeWords[t.lemma(k)] {
		return true
	}
	for _, c := range t.dependents(k, "amod", "compound") {
		if chargeWords[lowerForm(t, c)] {
			return true
		}
	}
	return false
}
