package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// sentence is one tagged sentence with its actors and time expressions.
type sentence struct {
	toks      []Token
	tagged    []string // the tagger's tag of each token, before repairTags
	alt       []string // and its runner-up, for the parse
	ments     []mention
	at        []int // token index → index into ments, or -1
	times     []timex
	timeTok   []bool // tokens inside a time expression
	groups    []verbGroup
	tree      *tree              // the dependency parse; nil when the parser gave none
	pair      []mention          // the two parties "both countries" stands for, if any
	parties   []mention          // the two sides of the last deal, talks or fight read before
	fight     []mention          // the two sides of the last attack read before
	met       []mention          // the states of the two sides of the last meeting read before
	acts      [][2]mention       // the last acts read before: doer and whom it was done to, most recent last
	authors   map[string]mention // statement noun → who adopted or issued the last one, before this sentence
	quoteBy   []mention          // who speaks the quotation this sentence is inside, when another sentence says
	quoteWhen *timex             // and when, if that sentence says
	prior     []mention          // the actors mentioned in the sentences before
	start     int                // byte offsets in the folded text
	end       int
	block     int // paragraph index
	question  bool
}

// verbGroup is a run of auxiliaries, adverbs and verbs with one head verb.
type verbGroup struct {
	start, end  int // token range
	head        int // token index of the head verb
	lemma       string
	passive     bool
	progressive bool
	negated     bool
	modal       bool // could, would, will, might …: not (yet) a fact
	infinitive  bool // "to host": governed by another verb
	conditional bool // inside an if/unless/whether clause
	participle  bool // "…, accusing Iran of": shares the main clause's subject
	reduced     bool // a bare participle after a noun: "a cyberattack blamed on Tehran"
	speech      bool
	// filled by the clause reader
	subj     []int // mention indexes; coordinated subjects give several
	subjConf float64
	date     *timex
	targets  []int // the targets the rule found, for fromPrevious
}

// claimNouns introduce a clause that is claimed, not asserted.
var claimNouns = map[string]bool{"accusations": true, "accusation": true, "allegations": true, "allegation": true, "claims": true, "claim": true, "reports": true, "suspicion": true, "suspicions": true, "fears": true, "rumours": true, "rumors": true, "speculation": true, "denials": true}

var negators = map[string]bool{"not": true, "n't": true, "never": true, "no": true, "neither": true, "nor": true}
var modals = map[string]bool{"could": true, "would": true, "might": true, "may": true, "should": true, "will": true, "'ll": true, "must": true, "can": true, "shall": true, "wo": true, "ca": true}

// participlesNotVerbs are -ing forms that work as prepositions.
var participlesNotVerbs = map[string]bool{"following": true, "including": true, "according": true, "regarding": true, "concerning": true, "during": true, "amid": true, "excluding": true, "considering": true, "pending": true}

// isTime reports whether token k is part of a time expression.
func (s *sentence) isTime(k int) bool { return k < len(s.timeTok) && s.timeTok[k] }

func isVerb(t Token) bool { return strings.HasPrefix(t.Tag, "VB") || t.Tag == "MD" }

// findGroups finds the verb groups of a sentence.
func (p *Pipeline) findGroups(s *sentence) {
	toks := s.toks
	cond := false
	for i := 0; i < len(toks); i++ {
		switch toks[i].Lower {
		case "if", "unless", "whether":
			cond = true
		case "that":
			// "accusations that it supported …": a claim, not a fact
			if i > 0 && claimNouns[toks[i-1].Lower] {
				cond = true
			}
		case ";", ":":
			cond = false
		}
		if s.at[i] < 0 && !isVerb(toks[i]) && p.mistaggedVerb(toks, i) {
			toks[i].Tag = "VBD"
		}
		if s.at[i] >= 0 || !isVerb(toks[i]) {
			continue
		}
		if !p.startsGroup(toks, i) {
			continue
		}
		g := verbGroup{start: i, conditional: cond}
		if i > 0 && toks[i-1].Lower == "to" {
			g.infinitive = true
			if i > 1 && toks[i-2].Lower == "yet" {
				g.negated = true
			}
		}
		j := i
		for j < len(toks) && s.at[j] < 0 && (isVerb(toks[j]) || toks[j].Tag == "RB" || negators[toks[j].Lower] ||
			(toks[j].Lower == "to" && j+1 < len(toks) && toks[j-1].Lower == "yet")) {
			if isVerb(toks[j]) {
				g.head = j
			}
			j++
		}
		// trailing adverbs belong to what follows, but "is not" is negated
		g.end = g.head + 1
		p.readGroup(s, &g)
		for k := g.end; k < j; k++ {
			if negators[toks[k].Lower] && !(k+1 < len(toks) && toks[k+1].Lower == "only") {
				g.negated = true
			}
		}
		s.groups = append(s.groups, g)
		i = g.end - 1
	}
}

// mistaggedVerb spots a past tense the tagger read as an adjective or
// noun after a conjunction or adverb: "and controversially fought/JJ
// alongside".
func (p *Pipeline) mistaggedVerb(toks []Token, i int) bool {
	t := toks[i]
	if i == 0 || !(strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN") || t.Tag == "RB") {
		return false
	}
	base, known := p.lemmas[t.Lower]
	if !known || base == t.Lower || strings.HasSuffix(t.Lower, "s") || strings.HasSuffix(t.Lower, "ing") {
		return false
	}
	prev := toks[i-1].Tag
	return prev == "CC" || prev == "RB"
}

// startsGroup rejects verbs that are adjectives or nouns here: "the alleged
// attack", "a concerted effort", "following the attack".
func (p *Pipeline) startsGroup(toks []Token, i int) bool {
	t := toks[i]
	if participlesNotVerbs[t.Lower] {
		return false
	}
	if t.Tag == "VBN" || t.Tag == "VBG" {
		if i > 0 {
			prev := toks[i-1]
			if prev.Tag == "DT" || prev.Tag == "PRP$" || prev.Tag == "JJ" || prev.Tag == "POS" {
				return false
			}
			if prev.Tag == "IN" && t.Tag == "VBG" {
				// "responded by expelling six diplomats": the means shares
				// the subject; any other preposition makes a noun of it.
				return prev.Lower == "by"
			}
		}
		if t.Tag == "VBG" {
			// a participle clause after a comma shares the subject: ", accusing
			// Iran of …", and so does one joined to it: "… and accusing".
			if i > 0 && toks[i-1].Text == "," {
				return true
			}
			if i > 0 && toks[i-1].Lower == "and" {
				for k := i - 2; k >= 0 && k >= i-12; k-- {
					if toks[k].Tag == "VBG" && k > 0 && toks[k-1].Text == "," {
						return true
					}
				}
			}
			return false
		}
	}
	return true
}

// readGroup sets the group's head lemma and its voice, polarity and mood.
func (p *Pipeline) readGroup(s *sentence, g *verbGroup) {
	toks := s.toks
	head := toks[g.head]
	g.lemma = p.lemmas.lemma(head.Lower)
	be := false
	for k := g.start; k < g.end; k++ {
		w := toks[k].Lower
		switch {
		case negators[w]:
			if !(k+1 < len(toks) && toks[k+1].Lower == "only") {
				g.negated = true
			}
		case modals[w]:
			g.modal = true
		case beForms[w] && k < g.head:
			be = true
		case w == "longer" && k > 0 && toks[k-1].Lower == "no":
			g.negated = true
		}
	}
	if g.start > 0 && toks[g.start-1].Lower == "no" && g.start > 1 && toks[g.start-2].Lower == "longer" {
		g.negated = true
	}
	g.passive = be && (head.Tag == "VBN" || head.Tag == "VBD" && head.Lower != g.lemma)
	g.progressive = be && head.Tag == "VBG"
	g.participle = head.Tag == "VBG" && !be
	if g.participle && g.start > 0 && toks[g.start-1].Lower == "by" {
		g.start-- // keep "by" out of the subject scan's way
	}
	for _, sv := range speechVerbs {
		if g.lemma == sv {
			g.speech = true
		}
	}
	if head.Tag == "VBN" && !be && !hasAux(toks, g) {
		// A bare participle after a noun is a reduced relative ("a cyberattack
		// blamed on Tehran"): passive, and its agent unnamed unless "by".
		if g.start > 0 && (strings.HasPrefix(toks[g.start-1].Tag, "NN") || toks[g.start-1].Tag == ",") && !startsClause(s, g.start) {
			g.passive = true
			g.reduced = true
		}
	}
}

func hasAux(toks []Token, g *verbGroup) bool {
	for k := g.start; k < g.head; k++ {
		if isVerb(toks[k]) {
			return true
		}
	}
	return false
}

// startsClause reports whether the tokens before i are a complete subject
// with nothing after it: then a bare participle is a past-tense verb.
func startsClause(s *sentence, i int) bool {
	k := i - 1
	for k >= 0 && s.toks[k].Tag == "RB" {
		k--
	}
	if k < 0 || s.at[k] < 0 {
		return false
	}
	m := s.ments[s.at[k]]
	b := npStart(s, m.start)
	return b == 0 || s.toks[b-1].Text == "," || s.toks[b-1].Tag == "CC"
}

// npStart extends a noun phrase leftwards from token i over determiners,
// adjectives, numbers, nouns and actor modifiers.
func npStart(s *sentence, i int) int {
	for i > 0 {
		t := s.toks[i-1]
		if s.at[i-1] >= 0 {
			m := s.ments[s.at[i-1]]
			if m.modifier || m.possessive {
				i = m.start
				continue
			}
			return i
		}
		switch {
		case t.Tag == "DT" || t.Tag == "PRP$" || t.Tag == "CD" || t.Tag == "POS" ||
			strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN") || t.Tag == "VBN" && i > 1 && s.toks[i-2].Tag == "DT":
			i--
		default:
			return i
		}
	}
	return i
}

// pronouns that point back to an actor.
var personPronouns = map[string]bool{"he": true, "she": true}
var thingPronouns = map[string]bool{"it": true}

// anaphoricNouns map "the country", "the group" … to the kinds they can
// stand for.
var anaphoricNouns = map[string][]schema.Kind{
	"country": {schema.Country}, "nation": {schema.Country}, "kingdom": {schema.Country},
	"republic": {schema.Country}, "state": {schema.Country},
	"group": {schema.ArmedGroup, schema.PoliticalGroup}, "organization": {schema.ArmedGroup, schema.PoliticalGroup, schema.IGO},
	"organisation": {schema.ArmedGroup, schema.PoliticalGroup, schema.IGO}, "movement": {schema.ArmedGroup, schema.PoliticalGroup},
	"militia": {schema.ArmedGroup}, "militants": {schema.ArmedGroup}, "rebels": {schema.ArmedGroup}, "cult": {schema.ArmedGroup, schema.PoliticalGroup},
	"alliance": {schema.IGO}, "bloc": {schema.IGO}, "union": {schema.IGO},
	"ministry": {schema.Country}, "government": {schema.Country}, "administration": {schema.Country},
}

// memberNouns take their actor from an "of" phrase: "members of Hamas".
var memberNouns = map[string]bool{"members": true, "fighters": true, "forces": true, "troops": true, "militants": true, "leaders": true, "officials": true, "leadership": true, "soldiers": true, "units": true}
