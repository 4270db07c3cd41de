package extract

// This file decides whether what a clause says happened: its modality
// (modals, conditions, intent above it, negation) and the verb that heads
// the clause of a word.

import "github.com/geokg/geokg/schema"

// statementNouns are what an actor issues to say something: "issued a
// statement condemning X".
var statementNouns = map[string]bool{"statement": true, "communique": true, "declaration": true, "note": true, "letter": true, "protest": true, "resolution": true, "order": true, "decree": true}

// decisionNouns carry out what their infinitive says once their maker
// adopts or takes them: "adopted a decision to readmit Syria".
var decisionNouns = map[string]bool{"decision": true, "resolution": true, "move": true, "step": true, "measure": true, "vote": true, "order": true}

// adoptVerbs make a decision their subject's own.
var adoptVerbs = map[string]bool{"adopt": true, "take": true, "make": true, "announce": true, "approve": true, "pass": true, "reach": true, "implement": true, "unveil": true}

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
	"lodge": true, "file": true, "register": true, "voice": true, "express": true, "deliver": true,
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
	"postpone": true, "delay": true, "block": true, "resist": true, "veto": true,
	// called off, or only meant to be: "a meeting … that was canceled", "a
	// deal … was supposed to be"
	"cancel": true, "scrap": true, "abandon": true, "suppose": true, "reschedule": true,
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
	"pressure": true, "commitment": true, "breakthrough": true, "pledge": true, "promise": true, "readiness": true,
	"willingness": true, "right": true, "way": true, "chance": true,
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
var prospectiveWords = map[string]bool{"further": true, "future": true, "possible": true, "potential": true, "planned": true, "proposed": true, "prospective": true, "eventual": true, "upcoming": true}

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
		if h >= 0 && actNouns[lowerForm(t, h)].code == talksNoun.code && t.rel(k) == "nmod" {
			switch t.marker(k) {
			case "on", "over", "about", "for", "toward", "towards":
				intent = true // "talks on a deal": the deal is still to be made
			}
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
	via := "" // how v was reached from the verb below it
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
				if t.lemma(c) == "for" && t.words[v].XPOS == "VB" {
					return true // "for Russia to withdraw": wanted, planned, not done
				}
			}
		}
		if n > 0 && via != "conj" && intentVerbs[t.lemma(v)] {
			return true // "plans to restore", not "calls X illegal, demands …"
		}
		if n > 0 && via == "xcomp" && t.inExchange(v) {
			return true // "in exchange, the Taliban agreed to sever ties": a promise
		}
		via = t.rel(v)
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

// inExchange reports whether verb v is what one side gives for what it
// gets ("in exchange, the Taliban agreed to sever its ties with al
// Qaeda", "agreed in return to free five prisoners"): the act it governs is
// a promise of the deal, not done yet.
func (t *tree) inExchange(v int) bool {
	for _, c := range t.dependents(v, "obl", "advmod") {
		if l := t.lemma(c); (l == "exchange" || l == "return") && t.marker(c) == "in" {
			return true
		}
	}
	return false
}

// lowerForm returns word k as written, in lower case.
func lowerForm(t *tree, k int) string { return t.lower[k] }

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

// negated reports whether verb v, or the verb it is coordinated with or
// governed by, is negated ("did not sign", "never recognised").
func (t *tree) negated(v int) bool {
	for n := 0; v >= 0 && n < 4; n++ {
		for _, c := range t.dependents(v, "advmod", "neg") {
			if l := t.lemma(c); l == "not" || l == "never" || l == "n't" {
				return true
			}
		}
		if m := t.marker(v); (m == "from" || m == "of") && t.head(v) >= 0 && refrainVerbs[t.lemma(t.head(v))] {
			return true // "held back from imposing sanctions", "stopped short of"
		}
		if r := t.rel(v); r != "xcomp" && r != "conj" {
			return false
		}
		v = t.head(v)
	}
	return false
}

// refrainVerbs with "from" or "of" before an act say it was not done:
// "held back from imposing sanctions on Putin", "stopped short of".
var refrainVerbs = map[string]bool{"hold": true, "refrain": true, "abstain": true, "stop": true, "desist": true, "shy": true, "balk": true}

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

// futureModals state an act to come; the other modals ("could", "may",
// "should") one that is only possible or wished.
var futureModals = map[string]bool{"will": true, "'ll": true, "shall": true, "would": true, "wo": true}

// planWords govern an act their subject has announced it will do: "plans
// to normalise", "pledged to withdraw", "a plan to restore ties".
var planWords = map[string]bool{
	"plan": true, "plans": true, "intend": true, "intention": true, "aim": true, "pledge": true,
	"promise": true, "vow": true, "commit": true, "commitment": true, "prepare": true, "schedule": true,
	"due": true, "slate": true, "set": true, "decision": true, "timetable": true, "timeline": true,
	// a threat announces the act it threatens: "threatened to impose sanctions"
	"threaten": true, "threat": true, "threats": true,
}

// intended reports whether verb v, which irrealis says has not happened,
// states an act its subject has announced: a future ("will withdraw",
// "said talks would start") or a plan or pledge above it ("plans to
// restore ties"), with no condition, possibility or wish on the way up
// ("if", "could", "called for").
func (t *tree) intended(v int) bool {
	ok, _ := t.announcedBy(v)
	return ok
}

// modalityThreat marks a finding whose act a threat announced ("threatened
// to impose sanctions", "vowed to retake"): the statement stage stores a
// coercive one as the threat itself.
const modalityThreat = "threat"

// threatWords announce an act as a threat.
var threatWords = map[string]bool{"threaten": true, "threat": true, "threats": true, "vow": true, "warn": true}

// announcedModality returns the modality of an act that intended says was
// announced: a threat's when a word of threat announced it, else intended.
func (t *tree) announcedModality(v int) string {
	if _, by := t.announcedBy(v); threatWords[by] {
		return modalityThreat
	}
	return schema.ModalityIntended
}

// announcedBy is intended, with the lemma of the verb or noun of intent
// that announced the act ("" for a bare future).
func (t *tree) announcedBy(v int) (bool, string) {
	if !t.irrealis(v) || t.negated(v) {
		return false, ""
	}
	announced, via := false, ""
	for n := 0; v >= 0 && n < 6; n++ {
		for _, c := range t.kids[v] {
			switch t.rel(c) {
			case "aux":
				w := lowerForm(t, c)
				if futureModals[w] || futureModals[t.lemma(c)] {
					announced = true
				} else if modalWords[w] || modalWords[t.lemma(c)] {
					return false, ""
				}
			case "mark":
				if l := t.lemma(c); l == "if" || l == "unless" || l == "whether" {
					return false, ""
				}
			}
		}
		if n > 0 && via == "xcomp" && t.inExchange(v) {
			return true, "promise"
		}
		if n > 0 && via != "conj" && intentVerbs[t.lemma(v)] {
			by := t.lemma(v)
			if h := t.head(v); t.rel(v) == "ccomp" && h >= 0 && threatWords[t.lemma(h)] {
				by = t.lemma(h) // "warned that it is prepared to strike": a threat
			}
			return planWords[t.lemma(v)], by
		}
		via = t.rel(v)
		switch t.rel(v) {
		case "xcomp", "ccomp", "conj", "acl":
			h := t.head(v)
			if h < 0 {
				return announced, ""
			}
			if t.rel(v) == "acl" && t.pos(h) != "VERB" {
				return planWords[t.lemma(h)] || planWords[lowerForm(t, h)], t.lemma(h)
			}
			if t.rel(v) == "ccomp" {
				return announced, ""
			}
			v = h
		default:
			return announced, ""
		}
	}
	return announced, ""
}

// toComplement reports whether verb v asks its object to act: an xcomp
// ("urged Iran to return"), or an infinitive the parser hung on the
// object ("urged all parties to/mark show/acl restraint").
func (t *tree) toComplement(v int) bool {
	if t.dependent(v, "xcomp") >= 0 {
		return true
	}
	obj := t.dependent(v, "obj")
	if obj < 0 {
		return false
	}
	for _, c := range t.dependents(obj, "acl") {
		if t.marker(c) == "to" {
			return true
		}
	}
	// "urge all parties to/mark cease/advcl fire": the infinitive right
	// after the object, hung on the verb as if of purpose.
	for _, c := range t.dependents(v, "advcl") {
		if t.marker(c) == "to" && c > obj && c-obj <= 3 {
			return true
		}
	}
	return false
}
