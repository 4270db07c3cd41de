package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// This file reads acts named by nouns ("the establishment of diplomatic
// relations between X and Y", "Israeli airstrikes on Lebanon", "Canada's
// expulsion of an Indian diplomat") with the verb that governs them,
// actor-named adjectives ("Iran-backed"), and headquarters.

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
	// authors: a target phrase that names no actor stands for its act's
	// author ("a protest over the Chinese coast guard's firing of water
	// cannons": against China).
	authors bool
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
	"truces": truceNoun, "ceasefires": truceNoun, "cease-fires": truceNoun,
	"deals": agreementNoun, "agreements": agreementNoun, "accords": agreementNoun, "pacts": agreementNoun, "treaties": agreementNoun,
	"alliance": {predicate: "ally_of", mutual: true},
	"talks":    talksNoun, "negotiations": talksNoun, "negotiation": talksNoun, "dialogue": talksNoun, "diplomacy": talksNoun,
	"meeting": meetingNoun, "meetings": meetingNoun, "summit": meetingNoun, "handshake": meetingNoun,
	"conversation": callNoun, "call": callNoun, "phone": callNoun,
	"airstrike": strikeNoun, "airstrikes": strikeNoun, "strike": strikeNoun, "strikes": strikeNoun,
	"bombardment": strikeNoun, "bombing": strikeNoun, "bombings": strikeNoun, "raid": strikeNoun, "raids": strikeNoun,
	"attack": attackNoun, "attacks": attackNoun, "offensive": attackNoun, "assault": attackNoun, "incursion": attackNoun,
	"shelling":  {predicate: "attacked", code: "194", targets: []string{"on", "of", "against"}},
	"killing":   {predicate: "attacked", code: "190", targets: []string{"of"}},
	"killings":  {predicate: "attacked", code: "190", targets: []string{"of"}},
	"invasion":  {predicate: "invaded", targets: []string{"of"}},
	"sanctions": sanctionNoun, "sanction": sanctionNoun, "embargo": sanctionNoun, "curbs": sanctionNoun,
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
	// "lodged a protest with China over …", "its condemnation of the
	// strikes": the one protested to, or the author of the act protested.
	"protest":      {predicate: "condemned", code: "111", targets: []string{"over", "against", "with", "to"}, authors: true},
	"condemnation": {predicate: "condemned", targets: []string{"of", "against", "over"}, authors: true},
}

// readEventNouns reads the acts named by nouns in a sentence.
func (p *Pipeline) readEventNouns(s *sentence) []finding {
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
		for _, c := range t.dependents(n, "acl") {
			// "a meeting … that was canceled"
			if l := t.lemma(c); l == "cancel" || l == "scrap" || l == "abandon" || l == "postpone" || l == "delay" {
				intent = true
			}
		}
		modality := ""
		switch {
		case intent || t.prospective(n) || v >= 0 && (t.negated(v) || t.intends(v, n)):
			continue
		case v >= 0 && t.irrealis(v):
			if !t.intended(v) {
				continue
			}
			modality = t.announcedModality(v) // "talks … would start on Saturday"
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
			f := finding{subj: a, obj: b, predicate: pred, code: ev.code, group: group, conf: conf, modality: modality}
			if group < 0 && v >= 0 {
				f.date = s.timeOf(v) // "on landing … on Thursday for talks with …"
				if f.date == nil {
					f.date = s.adjunctTime(v)
				}
			}
			out = append(out, f)
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
			parties = append(parties, p.hyphenPair(s, n)...)
			if len(parties) < 2 {
				parties = listAfterBetween(s, n)
			}
			pred := ev.predicate
			if ev.predicate == "signed_agreement_with" && ev.code == "" && t.defensive(n) {
				pred = "ally_of" // "the US-Japan mutual defence treaty"
			}
			if len(parties) >= 2 {
				for i := range parties {
					for j := i + 1; j < len(parties); j++ {
						emit(parties[i], parties[j], pred)
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
			if mediators := p.mediatorsOf(s, n, v); len(mediators) > 0 && len(t.complements(n, "with")) == 0 {
				// "Three earlier ceasefires, negotiated by Russia and
				// France, collapsed": the parties are the sides of the
				// last deal or talks read, else the pair in view.
				sides := s.parties
				if meetingNouns[lowerForm(t, n)] && len(s.met) == 2 {
					sides = s.met // "Maduro met Ali … the meeting was called by Caricom"
				}
				if len(sides) == 0 {
					sides = s.pair
				}
				if pair := withoutActors(sides, mediators); len(pair) == 2 {
					for _, a := range mediators {
						for _, b := range pair {
							emit(a, b, "mediated")
						}
					}
					continue
				}
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
			if len(sources) == 0 && t.marker(n) == "for" {
				sources = p.traveller(s, n)
			}
			if len(sources) == 0 && v >= 0 && releaseVerbs[t.lemma(v)] {
				// "Five Britons freed in a prisoner swap with Iran": the
				// deal is their state's.
				sources = s.releasedPeople(v)
			}
			if len(partners) == 0 && len(sources) >= 2 && (len(ev.of) > 0 || light && t.objectOf(n, v) && !pursuitVerbs[t.lemma(v)]) && len(t.complements(n, "between", "among")) == 0 {
				// "X and Y announced the establishment of relations", "X
				// and Y held a new round of talks": each with the other.
				for i := range sources {
					for j := range sources {
						if i != j && (i < j || ev.predicate == "restored_ties_with" || ev.predicate == "severed_ties_with") {
							emit(sources[i], sources[j], pred)
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
		phrases := t.complements(n, ev.targets...)
		if light && len(phrases) == 0 && t.rel(n) == "obj" && t.head(n) == v {
			// "issued a protest Thursday over …", the phrase hung on the
			// light verb
			phrases = t.complements(v, ev.targets...)
		}
		for _, c := range phrases {
			ms := p.phraseActors(s, c)
			if len(ms) == 0 && !ev.authors {
				ms = s.standIns(c, forceActs[ev.predicate])
			}
			if len(ms) == 0 && ev.authors {
				for _, a := range t.dependents(c, "nmod:poss", "amod", "compound") {
					ms = append(ms, p.phraseActors(s, a)...)
				}
			}
			targets = append(targets, ms...)
		}
		if len(targets) == 0 && ev.predicate == "imposed_sanctions_on" {
			targets = p.sanctioned(s, n, v)
			group = -1 // imposed before the clause's time, when is not said
			for _, c := range t.dependents(n, "amod", "compound") {
				sources = append(sources, p.phraseActors(s, c)...) // "US, UK and EU sanctions"
			}
		}
		if len(sources) == 0 && light {
			sources, _ = p.treeSubject(s, v)
		}
		if len(targets) == 0 && len(phrases) == 0 && ev.predicate == "imposed_sanctions_on" && light && len(sources) > 0 {
			targets = soleOtherState(s, sources)
		}
		if len(targets) == 0 {
			continue
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

// defensive reports whether an agreement noun is one of defence, which
// makes its parties allies: "a defence pact", "the Mutual Defense
// Treaty". A "security pact" may be no more than an agreement.
func (t *tree) defensive(n int) bool {
	for _, c := range t.dependents(n, "amod", "compound") {
		switch lowerForm(t, c) {
		case "defense", "defence":
			return true
		}
	}
	return false
}

// signerNouns name the parties to an agreement: "co-signers of the
// agreement", "signatories to the deal".
var signerNouns = map[string]bool{"signatories": true, "signatory": true, "signers": true, "co-signers": true, "cosigners": true, "co-signatories": true}

// readSignatories reads actors called signers of an agreement the text
// dates as having signed it then, with the party the sentence names for
// the agreement ("The leaders of Germany, France and Britain, co-signers
// of the 2015 agreement, said they would try to salvage the accord with
// Iran").
func (p *Pipeline) readSignatories(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var partners []mention
	for a := range t.words {
		if !agreementNouns[t.lemma(a)] {
			continue
		}
		with := t.complements(a, "with")
		if h := t.head(a); h >= 0 && t.rel(a) == "obj" {
			with = append(with, t.complements(h, "with")...) // "salvage the accord with/obl Iran"
		}
		for _, c := range with {
			partners = append(partners, p.phraseActors(s, c)...)
		}
	}
	var out []finding
	for n := range t.words {
		if !signerNouns[lowerForm(t, n)] || len(partners) == 0 {
			continue
		}
		var when *timex
		for _, c := range t.complements(n, "of", "to") {
			if agreementNouns[t.lemma(c)] {
				when = s.timeOf(c)
				if when == nil {
					when = yearOf(t, c) // "the 2015 agreement"
				}
			}
		}
		if when == nil {
			// "co-signers of the 2015 agreement": only an agreement the
			// text dates; an undated signing would state a relation the
			// text gives no time for.
			continue
		}
		var signers []mention
		switch t.rel(n) {
		case "appos", "conj":
			signers = p.phraseActors(s, t.head(n)) // "X, co-signers of"
		default:
			if subj := t.dependent(n, "nsubj"); subj >= 0 {
				signers = p.phraseActors(s, subj) // "X and Y are signatories to"
			}
		}
		for _, a := range signers {
			for _, b := range partners {
				if a.entity.IRI != "" && b.entity.IRI != "" && a.entity.IRI != b.entity.IRI {
					out = append(out, finding{subj: a, obj: b, predicate: "signed_agreement_with", group: -1, conf: 0.7, date: when})
				}
			}
		}
	}
	return out
}

// yearOf returns the year a noun's modifier names ("the 2015
// agreement"), or nil.
func yearOf(t *tree, n int) *timex {
	for _, c := range t.dependents(n, "compound", "nummod", "amod") {
		w := lowerForm(t, c)
		if len(w) == 4 && strings.Trim(w, "0123456789") == "" && (w[:2] == "19" || w[:2] == "20") {
			return &timex{start: c, end: c + 1, value: w}
		}
	}
	return nil
}

// soleOtherState returns the one state the sentence names besides the
// sources and their states, as the target of sanctions the sentence
// imposes on no one named: "Trump withdrew from the accord with Iran,
// restoring harsh sanctions". Two or more such states, or none, give
// none.
func soleOtherState(s *sentence, sources []mention) []mention {
	own := map[string]bool{}
	for _, m := range sources {
		own[m.entity.IRI] = true
		if m.state != nil {
			own[m.state.IRI] = true
		}
	}
	var out []mention
	for _, m := range s.ments {
		if m.person != nil || m.entity.Type != schema.Country || own[m.entity.IRI] {
			continue
		}
		if len(out) > 0 && out[0].entity.IRI != m.entity.IRI {
			return nil
		}
		if len(out) == 0 {
			out = append(out, m)
		}
	}
	return out
}

// pursuitVerbs take as object an act still to be made: "pursuing an
// agreement", "negotiating a deal".
var pursuitVerbs = map[string]bool{"pursue": true, "negotiate": true, "seek": true, "discuss": true, "propose": true, "want": true}

// objectOf reports whether noun n is verb v's object, or the noun a
// batch of which is ("held a new round of talks").
func (t *tree) objectOf(n, v int) bool {
	if h := t.head(n); t.rel(n) == "nmod" && h >= 0 && batchNouns[lowerForm(t, h)] {
		n = h
	}
	return t.rel(n) == "obj" && t.head(n) == v
}

// batchNouns count out what follows "of": "a raft of sanctions".
var batchNouns = map[string]bool{"raft": true, "wave": true, "series": true, "slew": true, "host": true, "round": true, "package": true, "batch": true, "set": true, "number": true, "string": true}

// sanctioned returns who bears the sanctions noun n names no target for,
// when n says what the clause's subject goes on in spite of or suffers
// from: "the group has grown despite US sanctions", "Iran's economy has
// suffered under US sanctions".
func (p *Pipeline) sanctioned(s *sentence, n, v int) []mention {
	t := s.tree
	h := n
	if t.rel(n) == "nmod" && (t.marker(n) == "of" || batchNouns[lowerForm(t, t.head(n))]) {
		h = t.head(n) // "a raft of sanctions", "a wave of sanctions"
	}
	switch m := t.marker(h); m {
	case "despite", "under", "amid", "because", "due":
	default:
		return nil
	}
	if v < 0 {
		return nil
	}
	// "despite" and "under" go with the clause, however far down the
	// parser hung them ("gain influence around the region despite …").
	k := t.head(h)
	for n := 0; k >= 0 && k != v && n < 3 && t.pos(k) != "VERB"; n++ {
		k = t.head(k)
	}
	if k != v {
		return nil
	}
	if ms, ok := p.treeSubject(s, v); ok {
		return ms
	}
	for n := 0; v >= 0 && n < 3; n, v = n+1, t.head(v) {
		if subj := t.dependent(v, "nsubj"); subj >= 0 {
			if poss := t.dependent(subj, "nmod:poss"); poss >= 0 {
				return p.phraseActors(s, poss) // "Iran's economy"
			}
			return nil
		}
		if t.rel(v) != "xcomp" {
			return nil
		}
	}
	return nil
}

// mediateVerbs make their subject or agent a go-between of the parties to
// the deal or talks they govern.
var mediateVerbs = map[string]bool{"mediate": true, "broker": true, "negotiate": true, "facilitate": true, "arrange": true}

// conveneVerbs make their subject or agent a go-between of the sides of a
// meeting or talks it brings about: "the meeting was called by Caricom",
// "talks hosted by Qatar".
var conveneVerbs = map[string]bool{"call": true, "convene": true, "host": true, "organise": true, "organize": true, "sponsor": true}

// meetingNouns are the meetings a third party can convene.
var meetingNouns = map[string]bool{"meeting": true, "talks": true, "summit": true, "negotiations": true, "conference": true, "dialogue": true}

// mediatorsOf returns who brokered the agreement or talks noun n that
// names no parties: "ceasefires negotiated by Russia", "the deal was
// mediated by the UAE", "Russia brokered a ceasefire". v is the verb of
// n's clause.
func (p *Pipeline) mediatorsOf(s *sentence, n, v int) []mention {
	t := s.tree
	var out []mention
	brokers := func(verb int) bool {
		return mediateVerbs[t.lemma(verb)] || conveneVerbs[t.lemma(verb)] && meetingNouns[lowerForm(t, n)]
	}
	for _, c := range t.dependents(n, "acl") {
		if brokers(c) {
			for _, a := range t.complements(c, "by") {
				out = append(out, p.phraseActors(s, a)...)
			}
		}
	}
	if len(out) > 0 || v < 0 || t.negated(v) || t.irrealis(v) {
		return out
	}
	if l := t.lemma(v); (l == "involve" || l == "involved" || l == "participate") && t.head(n) == v && t.marker(n) == "in" && len(s.parties) == 2 {
		// "the United States and Egypt were also involved in the talks"
		out, _ = p.treeSubject(s, v)
		return out
	}
	if t.lemma(v) == "help" && t.head(n) == v && helpsMediate(t, v, n) {
		// "helped (to) negotiate the agreement", "thanked X for helping
		// broker the deal": the helper, or the one thanked for it.
		if t.rel(v) == "advcl" && t.marker(v) == "for" {
			if obj := t.dependent(t.head(v), "obj"); obj >= 0 {
				return p.phraseActors(s, obj)
			}
		}
		out, _ = p.treeSubject(s, v)
		return out
	}
	if !brokers(v) {
		return nil
	}
	if t.head(n) != v {
		return nil
	}
	switch t.words[n].Rel {
	case "nsubj:pass":
		for _, a := range t.complements(v, "by") {
			out = append(out, p.phraseActors(s, a)...)
		}
	case "obj":
		out, _ = p.treeSubject(s, v)
	}
	return out
}

// withoutActors returns the mentions of ms that are none of drop.
func withoutActors(ms, drop []mention) []mention {
	var out []mention
	for _, m := range ms {
		keep := true
		for _, d := range drop {
			keep = keep && d.entity.IRI != m.entity.IRI
		}
		if keep {
			out = append(out, m)
		}
	}
	return out
}

// standIns returns the state a target phrase headed by token c stands for
// when it names the state's places ("Ukrainian cities") or, as the target
// of force, its people ("60 Palestinians") rather than the state.
func (s *sentence) standIns(c int, force bool) []mention {
	t := s.tree
	if s.toks[c].Tag == "CD" && c+1 < len(s.toks) {
		c++ // "of 60 Palestinians", the number taken for the head
	}
	if mi := s.at[c]; mi >= 0 && s.ments[mi].people {
		if !force {
			return nil // "sanctions on 60 Russians" are on people, not on Russia
		}
		return []mention{s.ments[mi]}
	}
	if !eventNouns[s.toks[c].Lower] {
		return nil
	}
	for _, d := range t.dependents(c, "amod", "compound", "nmod:poss") {
		if mi := s.at[d]; mi >= 0 && s.ments[mi].modifier && s.ments[mi].person == nil {
			return []mention{s.ments[mi]}
		}
	}
	return nil
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
			who, ok := p.namedActor(s, k, prefix)
			if !ok {
				continue
			}
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

// travelWords are the verbs and nouns of coming to a place, whose purpose
// ("for talks with Y") is the traveller's act.
var travelWords = map[string]bool{"come": true, "arrive": true, "land": true, "travel": true, "fly": true, "go": true, "head": true, "visit": true, "landing": true, "arrival": true, "trip": true, "journey": true}

// traveller returns the subject of the journey a purpose phrase "for …"
// at noun n belongs to: "Maduro landed in Kingstown on Thursday for talks
// with Ali", however far up the tree the journey is named.
func (p *Pipeline) traveller(s *sentence, n int) []mention {
	t := s.tree
	travel := false
	for a, k := t.head(n), 0; a >= 0 && k < 5; a, k = t.head(a), k+1 {
		travel = travel || travelWords[t.lemma(a)] || travelWords[lowerForm(t, a)]
		if t.pos(a) != "VERB" {
			continue
		}
		if !travel {
			return nil
		}
		if subj, ok := p.treeSubject(s, a); ok {
			return subj // "on landing …": the verb the gerund hangs from
		}
	}
	return nil
}

// roleNouns name a standing relation by what one actor is to another:
// "X is a major ally of Y", "X, a supporter of Y", "X is considered a
// critic of Y".
var roleNouns = map[string]string{
	"ally": "ally_of", "allies": "ally_of", "supporter": "supported", "supporters": "supported",
	"backer": "supported", "backers": "supported", "patron": "supported", "sponsor": "supported",
	"opponent": "opposes", "opponents": "opposes", "critic": "opposes", "critics": "opposes",
	"enemy": "opposes", "enemies": "opposes", "foe": "opposes", "foes": "opposes",
}

// readRoles reads what one actor is said to be to another: the role noun
// with its "of" complement, predicated of the actor by a copula, by a
// verb of regard ("is considered", "is seen as") or by apposition.
func (p *Pipeline) readRoles(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for n := range t.words {
		pred, ok := roleNouns[lowerForm(t, n)]
		if !ok || t.pos(n) != "NOUN" || s.at[n] >= 0 {
			continue
		}
		// The one related to: "of Y" on the noun or on a noun coordinated
		// with it ("a major ally and supporter of Putin").
		var others []mention
		for _, c := range t.conjuncts(n) {
			for _, of := range t.complements(c, "of") {
				others = append(others, p.phraseActors(s, of)...)
			}
		}
		if t.rel(n) == "conj" {
			for _, of := range t.complements(t.head(n), "of") {
				others = append(others, p.phraseActors(s, of)...)
			}
		}
		if len(others) == 0 {
			continue
		}
		// The one described.
		var who []mention
		clause := -1
		switch {
		case t.rel(n) == "appos":
			who = p.phraseActors(s, t.head(n))
		case t.dependent(n, "cop") >= 0:
			if subj := t.dependent(n, "nsubj"); subj >= 0 {
				who, clause = p.phraseActors(s, subj), n
			}
		case t.rel(n) == "xcomp" || t.rel(n) == "obl" && t.marker(n) == "as":
			v := t.head(n)
			if subj := t.dependent(v, "nsubj:pass", "nsubj"); subj >= 0 && v >= 0 {
				who, clause = p.phraseActors(s, subj), v
			}
		}
		if subj := t.dependent(max(clause, 0), "nsubj:pass", "nsubj"); clause >= 0 && subj >= 0 {
			// "The group's leader, Yevgeny Prigozhin, is …": the person.
			for _, a := range t.dependents(subj, "appos") {
				if m, ok := p.personAt(s, a); ok {
					who = []mention{m}
				}
			}
		}
		if clause >= 0 && (t.negated(clause) || t.irrealis(clause)) {
			continue
		}
		for _, a := range who {
			for _, b := range others {
				if a.entity.IRI != b.entity.IRI {
					out = append(out, finding{subj: a, obj: b, predicate: pred, group: -1, conf: 0.75})
				}
			}
		}
	}
	return out
}

// releaseVerbs free people held by another.
var releaseVerbs = map[string]bool{"free": true, "release": true, "swap": true, "exchange": true, "repatriate": true, "return": true}

// releasedPeople returns the state whose people verb v frees, when a
// plural demonym names them: "Britons freed in …", "the deal released
// three Americans".
func (s *sentence) releasedPeople(v int) []mention {
	t := s.tree
	freed := t.dependents(v, "nsubj:pass", "obj")
	if t.rel(v) == "acl" {
		freed = append(freed, t.head(v))
	}
	if t.dependent(v, "obj") < 0 {
		// "Five Americans freed/VBD in a swap …" read as a clause: with
		// no object, freed is what they were.
		freed = append(freed, t.dependents(v, "nsubj")...)
	}
	if r := t.rel(v); (r == "advcl" || r == "acl") && len(t.dependents(v, "nsubj")) == 0 {
		// "Britons freed/VBD in a swap arrived …", a reduced relative
		// the parser hung on the main verb: its subject.
		freed = append(freed, t.dependents(t.head(v), "nsubj", "nsubj:pass")...)
	}
	for _, k := range freed {
		if k >= 0 && s.toks[k].Tag == "CD" && k+1 < len(s.toks) {
			k++
		}
		if k >= 0 && s.at[k] >= 0 && s.ments[s.at[k]].people {
			return []mention{s.ments[s.at[k]]}
		}
	}
	return nil
}

// namingWords give a thing its name: "a pact named/called/known as N".
var namingWords = map[string]bool{"named": true, "called": true, "known": true, "dubbed": true}

// allianceNouns are bodies states form together and belong to.
var allianceNouns = map[string]bool{"pact": true, "alliance": true, "bloc": true, "coalition": true, "partnership": true, "grouping": true, "union": true, "organisation": true, "organization": true}

// readNamedAlliances reads a pact or alliance its members name: "the US,
// UK and Australia … their new defence pact named AUKUS", "Russia's
// alliance, the CSTO". Each possessor is a member of the body the noun is
// named as.
func (p *Pipeline) readNamedAlliances(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for n := range t.words {
		if !allianceNouns[lowerForm(t, n)] || s.at[n] >= 0 {
			continue
		}
		// The body's name: "named/called N", "known as N", or "…, N".
		var body []mention
		for _, c := range t.dependents(n, "acl", "appos") {
			name := c
			if t.rel(c) == "acl" {
				if l := t.lemma(c); l != "name" && l != "call" && l != "know" && l != "dub" {
					continue
				}
				name = t.dependent(c, "xcomp", "obj", "obl")
			}
			if name >= 0 && s.at[name] >= 0 {
				if m := s.ments[s.at[name]]; m.entity.Type == schema.IGO && m.person == nil {
					body = append(body, m)
				}
			}
		}
		if len(body) == 0 {
			// "their bloc, known as the EAC" that the parser hung elsewhere.
			j := n + 1
			if j < len(s.toks) && s.toks[j].Text == "," {
				j++
			}
			if j < len(s.toks) && namingWords[s.toks[j].Lower] {
				for j++; j < len(s.toks) && (s.toks[j].Lower == "as" || s.toks[j].Lower == "the"); j++ {
				}
				if j < len(s.toks) && s.at[j] >= 0 && s.ments[s.at[j]].entity.Type == schema.IGO {
					body = append(body, s.ments[s.at[j]])
				}
			}
		}
		if len(body) != 1 {
			continue
		}
		poss := t.dependent(n, "nmod:poss")
		if poss < 0 {
			continue
		}
		members := p.phraseActors(s, poss)
		if len(members) == 0 && lowerForm(t, poss) == "their" {
			// "their": the nearest list of actors before it.
			for k := poss - 1; k >= 0 && len(members) < 2; k-- {
				if s.at[k] >= 0 && t.rel(k) != "conj" {
					if ms := p.phraseActors(s, k); len(ms) >= 2 {
						members = ms
					}
				}
			}
		}
		for _, m := range members {
			if m.person == nil && m.entity.IRI != body[0].entity.IRI && (m.entity.Type == schema.Country || m.entity.Type == schema.IGO) {
				out = append(out, finding{subj: m, obj: body[0], predicate: "member_of", group: -1, conf: 0.7})
			}
		}
	}
	return out
}

// helpsMediate reports whether a verb of brokering stands between "help"
// at v and the deal noun n: "helping (to) negotiate the agreement", which
// the parser may have hung any way.
func helpsMediate(t *tree, v, n int) bool {
	for k := v + 1; k < n && k <= v+3; k++ {
		if mediateVerbs[t.lemma(k)] {
			return true
		}
	}
	return false
}
