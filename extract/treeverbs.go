package extract

import (
	"strings"

	"github.com/geokg/geokg/schema"
)

// This file reads verbs whose arguments only the tree shows: parties
// agreeing, fighting or expelling each other's diplomats, recognition
// switched, withdrawal, closed borders, hosting, threats held out in a
// complement and charges made in reported speech.

// agreementNouns are what parties agree on or withdraw from.
var agreementNouns = map[string]bool{"deal": true, "agreement": true, "accord": true, "pact": true, "treaty": true, "plan": true, "framework": true, "roadmap": true, "settlement": true, "ceasefire": true, "truce": true, "cease-fire": true, "arrangement": true, "memorandum": true}

// crossingNouns are what a state closes to another.
var crossingNouns = map[string]bool{"border": true, "borders": true, "crossing": true, "crossings": true, "frontier": true, "checkpoint": true, "checkpoints": true, "airspace": true}

// forceNouns are what a state withdraws from another.
var forceNouns = map[string]bool{"troops": true, "forces": true, "soldiers": true, "military": true, "personnel": true, "contingent": true, "peacekeepers": true, "army": true}

// readTreeVerbs reads verbs whose arguments only the tree shows: parties
// agreeing with each other ("X and Y agreed to restore ties", "agreed on a
// plan"), recognition switched from one state to another, withdrawal from
// an agreement or of forces, borders closed.
func (p *Pipeline) readTreeVerbs(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for v := range t.words {
		if t.pos(v) != "VERB" && !(t.pos(v) == "AUX" && t.lemma(v) == "have") || t.negated(v) {
			continue
		}
		modality := ""
		if t.irrealis(v) {
			if !t.intended(v) {
				continue
			}
			modality = t.announcedModality(v) // "Washington will withdraw from the accord"
		}
		group := groupOf(s, v)
		emit := func(a, b mention, pred string, conf float64) {
			if a.entity.IRI == "" || b.entity.IRI == "" || a.entity.IRI == b.entity.IRI {
				return
			}
			out = append(out, finding{subj: a, obj: b, predicate: pred, group: group, conf: conf, modality: modality})
		}
		// onPhrases: v's subject acts on each actor the phrases name.
		onPhrases := func(phrases []int, pred string, conf float64) {
			subj, _ := p.treeSubject(s, v)
			for _, c := range phrases {
				for _, b := range p.phraseActors(s, c) {
					for _, a := range subj {
						emit(a, b, pred, conf)
					}
				}
			}
		}
		out = append(out, p.readFights(s, v, group)...)
		if appealVerbs[t.lemma(v)] {
			// "Qatar called for a cessation of hostilities", "the UN
			// urged restraint": an appeal to the sides of the fight (or
			// the talks) the article last told of, or those it names
			// ("a ceasefire between X and Y").
			out = append(out, p.readCalmAppeal(s, v, group)...)
		}
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
		case "turn", "look", "rely", "depend", "lean":
			// "Putin increasingly turns to the group for support": the
			// group supports him.
			helpers := t.complements(v, "to", "on", "upon")
			asked := false
			fors := t.complements(v, "for")
			for _, h := range helpers {
				fors = append(fors, t.complements(h, "for")...) // "to the group for/nmod support"
			}
			for _, c := range fors {
				asked = asked || supportNouns[t.lemma(c)]
			}
			if !asked || len(helpers) == 0 {
				continue // "turned to Russia", "relies on X" alone may be anything
			}
			subj, _ := p.treeSubject(s, v)
			for _, c := range helpers {
				for _, b := range p.phraseActors(s, c) {
					for _, a := range subj {
						emit(b, a, "supported", 0.7)
					}
				}
			}
		case "summon":
			// "summoned the Iranian ambassador to demand justice": the
			// summons is the demand, made to the envoy's state.
			out = append(out, p.readSummons(s, v, group)...)
		case "punish", "hit", "slap", "target", "penalize", "penalise":
			// "hit Russia with a wave of sanctions", "punish Belarus for
			// the hijacking with tough sanctions": a sanction, not an attack.
			obj := t.dependent(v, "obj")
			if obj < 0 || !t.withSanctions(v) {
				continue
			}
			onPhrases([]int{obj}, "imposed_sanctions_on", 0.8)
		case "ban", "freeze", "suspend", "revoke", "bar", "embargo":
			// "banned Russian airlines from its airspace", "froze the
			// assets of Iranian banks", "suspended the operating permit of
			// Belarusian airline Belavia": a restrictive measure on a
			// state's firms or officials is a sanction on the state.
			obj := t.dependent(v, "obj")
			if obj < 0 {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			for _, b := range s.sanctionedHolders(v, obj) {
				for _, a := range subj {
					if a.person == nil {
						emit(a, b, "imposed_sanctions_on", 0.7)
					}
				}
			}
		case "have", "keep", "maintain", "station", "deploy", "base", "post", "garrison":
			// "France has 2,400 troops in Mali": Mali hosts France.
			obj := t.dependent(v, "obj")
			if obj < 0 || !forceNouns[lowerForm(t, obj)] && !baseNouns[lowerForm(t, obj)] {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			hosts := p.placesIn(s, v)
			if l := t.lemma(v); l == "deploy" || l == "station" || l == "post" {
				// "deployed troops to Haiti": they are there now
				for _, c := range t.complements(v, "to") {
					for _, m := range p.phraseActors(s, c) {
						if m.entity.Type == schema.Country {
							hosts = append(hosts, m)
						}
					}
				}
			}
			for _, host := range hosts {
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
			if obj < 0 || !isDiplomat(lowerForm(t, obj)) {
				continue
			}
			subj, _ := p.treeSubject(s, v)
			pred := "expelled_diplomats_of"
			if t.lemma(v) == "recall" {
				pred = "recalled_ambassador_from"
			}
			if !t.respective(obj) {
				// "expels 10 diplomats working at the Russian Embassy in
				// Washington": the embassy's state.
				if pred != "expelled_diplomats_of" {
					continue
				}
				for _, c := range t.dependents(obj, "acl") {
					for _, at := range t.complements(c, "at", "in", "from", "with") {
						for _, b := range p.phraseActors(s, at) {
							if strings.Contains(b.agent, "embass") || strings.Contains(b.agent, "mission") || strings.Contains(b.agent, "consulate") {
								for _, a := range subj {
									emit(a, b, pred, 0.75)
								}
							}
						}
					}
				}
				continue
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
			onPhrases(t.complements(v, "on", "upon"), "accused", 0.8)
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
		case "designate", "list", "blacklist", "classify", "proscribe":
			// "designated Russia's Wagner Group a transnational criminal
			// organization", "X was listed as a terrorist entity by Y": a
			// listing, by the subject or the agent of the passive.
			listed := t.dependent(v, "obj")
			subj, _ := p.treeSubject(s, v)
			if pass := t.dependent(v, "nsubj:pass"); pass >= 0 {
				listed, subj = pass, nil
				for _, c := range t.complements(v, "by") {
					subj = append(subj, p.phraseActors(s, c)...)
				}
			}
			if listed < 0 {
				continue
			}
			pred := t.listedAs(v, listed)
			if pred == "" {
				continue
			}
			for _, b := range p.phraseActors(s, listed) {
				for _, a := range subj {
					emit(a, b, pred, 0.8)
				}
			}
		case "describe", "call", "brand", "label", "dub", "term", "portray", "characterize", "characterise":
			// "Biden described Putin as an aggressor", "called Russia a
			// terrorist state": a charge against the one so described.
			obj := t.dependent(v, "obj")
			if obj < 0 || !t.chargedAs(v, obj) {
				continue
			}
			onPhrases([]int{obj}, "accused", 0.75)
		case "appoint", "name", "nominate", "elect", "pick", "choose", "tap", "install":
			// "Maduro appointed Felix Plasencia as the country's new
			// ambassador": the appointee holds the office for the state the
			// office names, or for the appointing state ("the country's",
			// "its").
			obj := t.dependent(v, "obj")
			for _, c := range t.dependents(v, "obl") {
				if obj < 0 && t.marker(c) == "" {
					obj = c // an object the parser took for an oblique
				}
			}
			if obj < 0 {
				continue
			}
			person, ok := p.personAt(s, obj)
			if !ok {
				continue
			}
			for _, c := range append(t.complements(v, "as"), t.complements(obj, "as")...) {
				pred, ok := officeNouns[t.lemma(c)]
				poss := t.dependent(c, "nmod:poss")
				if !ok || poss < 0 || !(lowerForm(t, poss) == "its" || lowerForm(t, poss) == "country" || lowerForm(t, poss) == "nation") {
					if pred, org, ok := p.officeOf(s, c); ok {
						emit(person, org, pred, 0.8)
					}
					continue
				}
				subj, _ := p.treeSubject(s, v)
				for _, a := range subj {
					st := a
					if a.person != nil && a.state != nil {
						st = mention{start: a.start, end: a.end, entity: *a.state}
					}
					if st.entity.Type == schema.Country {
						emit(person, st, pred, 0.75)
					}
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
			left := t.complements(v, "from", "of", "out")
			if l := t.lemma(v); obj >= 0 && l != "withdraw" && l != "pull" && t.dependent(v, "xcomp") < 0 {
				left = append(left, obj) // "left the nuclear deal with Iran", not "left the deal intact"
			}
			for _, c := range left {
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

// sanctionNouns name sanctions.
var sanctionNouns = map[string]bool{"sanction": true, "sanctions": true, "embargo": true, "tariffs": true, "penalties": true}

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
var baseNouns = map[string]bool{"base": true, "bases": true, "garrison": true, "contingent": true, "presence": true}

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

// conductNouns name what an actor does, which a charge may be made of:
// "the acts of X are illegal", "Iran's actions are criminal".
var conductNouns = map[string]bool{"act": true, "action": true, "behaviour": true, "behavior": true, "conduct": true, "move": true, "activity": true, "policy": true, "attack": true, "presence": true, "occupation": true}

// readCharges reads accusations made in reported speech: a speaker saying
// that an actor is the aggressor, a criminal, responsible ("'X is the
// aggressor,' Biden said"; "said that responsibility lies with X").
func (p *Pipeline) readCharges(s *sentence) []finding {
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
		if len(targets) == 0 && conductNouns[t.lemma(subj)] {
			// "The acts of the Chinese coast guard vessels are illegal":
			// the conduct's author.
			for _, of := range t.complements(subj, "of", "by") {
				targets = append(targets, p.phraseActors(s, of)...)
			}
			if poss := t.dependent(subj, "nmod:poss"); poss >= 0 {
				targets = append(targets, p.phraseActors(s, poss)...)
			}
		}
		if len(targets) == 0 {
			continue
		}
		out = append(out, p.accusations(s, pred, s.quoteBy, targets)...)
	}
	return out
}

// harmVerbs name violence a speaker can lay at an actor's door.
var harmVerbs = map[string]bool{
	"kill": true, "shoot": true, "shell": true, "bomb": true, "torture": true, "massacre": true,
	"repress": true, "abduct": true, "kidnap": true, "execute": true, "murder": true, "slaughter": true,
}

// readReportedHarm reads violence a speaker reports an actor doing to
// people who are no actor: "X's forces have opened fire on unarmed
// protesters, the ministry said", "'They killed civilians,' Y said". The
// speaker accuses the actor; violence done to an actor is read as the act
// itself, attributed to the speaker.
func (p *Pipeline) readReportedHarm(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for v := range t.words {
		l := t.lemma(v)
		if t.pos(v) != "VERB" || !harmVerbs[l] && !(l == "open" && t.dependent(v, "obj") >= 0 && t.lemma(t.dependent(v, "obj")) == "fire") {
			continue
		}
		if t.negated(v) || t.irrealis(v) || t.dependent(v, "nsubj:pass") >= 0 {
			continue
		}
		doers, ok := p.treeSubject(s, v)
		if !ok {
			continue
		}
		victims := 0
		for _, c := range append(t.dependents(v, "obj"), t.complements(v, "on", "at", "against")...) {
			victims += len(p.phraseActors(s, c)) + len(s.standIns(c, true))
		}
		if victims > 0 {
			continue
		}
		acc := p.accusations(s, v, s.quoteBy, doers)
		for _, f := range acc {
			for _, d := range doers {
				if f.subj.entity.IRI == d.entity.IRI {
					acc = nil // "Chad and Sudan reported that they killed …": their own acts
				}
			}
		}
		out = append(out, acc...)
	}
	return out
}

// accusations has each speaker of clause v accuse each target: the
// subject of the speech verb that reports v, else the speakers the caller
// found (a quotation's, an "according to").
func (p *Pipeline) accusations(s *sentence, v int, speakers, targets []mention) []finding {
	group := -1
	if sp, g, speech := p.reportedBy(s, v); speech >= 0 {
		speakers, group = sp, g
	}
	var out []finding
	for _, a := range speakers {
		for _, b := range targets {
			if a.entity.IRI != b.entity.IRI {
				out = append(out, finding{subj: a, obj: b, predicate: "accused", group: group, conf: 0.7})
			}
		}
	}
	return out
}

// reportedBy returns who reports clause v by a verb of speech, with that
// verb's group and index; speech is -1 when no such verb reports v.
func (p *Pipeline) reportedBy(s *sentence, v int) (speakers []mention, group, speech int) {
	speech, ok := p.speechOver(s, v)
	if !ok {
		return nil, -1, -1
	}
	speakers, _ = p.treeSubject(s, speech)
	return speakers, groupAt(s, speech), speech
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

// listingWords qualify what a state lists a group as, with the
// predicate of the listing: a terrorist or a criminal organisation.
var listingWords = map[string]string{"terrorist": "designated_terrorist", "terrorists": "designated_terrorist", "terror": "designated_terrorist", "extremist": "designated_terrorist", "criminal": "designated_criminal"}

// listedAs returns the predicate of the listing verb v makes of its object
// obj, or "": "designated X a terrorist organisation", "listed X as a
// criminal group", the phrase a second object, a predicate complement or an
// "as" phrase on the verb or on the object. A bare "proscribed" or
// "blacklisted" is a terrorist listing.
func (t *tree) listedAs(v, obj int) string {
	listing := func(k int) string {
		if p := listingWords[lowerForm(t, k)]; p != "" {
			return p
		}
		for _, c := range t.dependents(k, "amod", "compound") {
			if p := listingWords[lowerForm(t, c)]; p != "" {
				return p
			}
		}
		return ""
	}
	for _, c := range t.kids[v] {
		if c == obj {
			continue
		}
		switch t.rel(c) {
		case "obj", "xcomp", "obl":
			if t.rel(c) == "obl" && t.marker(c) != "as" {
				continue
			}
			if p := listing(c); p != "" {
				return p
			}
		}
	}
	for _, c := range t.kids[obj] {
		if t.marker(c) == "as" || t.rel(c) == "appos" {
			if p := listing(c); p != "" {
				return p
			}
		}
	}
	if t.lemma(v) == "proscribe" || t.lemma(v) == "blacklist" {
		return "designated_terrorist"
	}
	return ""
}

// harmNouns are events a speaker can blame on someone: "this attack
// occurred because X refused …".
var harmNouns = map[string]bool{"attack": true, "attacks": true, "violence": true, "war": true, "crisis": true, "clash": true, "clashes": true, "killing": true, "killings": true, "escalation": true, "tension": true, "tensions": true, "bloodshed": true, "conflict": true, "incident": true, "unrest": true, "fighting": true}

// readBlame reads a cause a speaker gives for a harm: "According to
// Vucic, this attack occurred because Kurti refused …", "Iran said the
// violence broke out because Israel …": the speaker accuses the actor the
// cause clause names.
func (p *Pipeline) readBlame(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for c := range t.words {
		if t.rel(c) != "advcl" || s.clauseMarker(c) != "because" || t.negated(c) {
			continue
		}
		v := t.head(c)
		subj := t.dependent(v, "nsubj", "nsubj:pass")
		if v < 0 || subj < 0 || !harmNouns[lowerForm(t, subj)] || t.negated(v) || t.irrealis(v) {
			continue
		}
		culprits, _ := p.treeSubject(s, c)
		var speakers []mention
		for k := 0; k+2 < v && k+2 < len(s.toks); k++ {
			// "According to X, …", however the parser hung it
			if s.toks[k].Lower == "according" && s.toks[k+1].Lower == "to" && s.at[k+2] >= 0 {
				speakers = append(speakers, s.ments[s.at[k+2]])
			}
		}
		out = append(out, p.accusations(s, v, speakers, culprits)...)
	}
	return out
}

// holdingNouns are what a restrictive measure takes from a state through
// what it holds: its firms, carriers, officials, goods and permits.
var holdingNouns = map[string]bool{
	"airline": true, "airlines": true, "carrier": true, "carriers": true, "flights": true, "aircraft": true,
	"bank": true, "banks": true, "assets": true, "accounts": true, "reserves": true, "funds": true,
	"company": true, "companies": true, "firm": true, "firms": true, "entities": true,
	"oligarchs": true, "officials": true, "exports": true, "imports": true, "vessels": true, "ships": true,
	"permit": true, "permits": true, "license": true, "licence": true, "licenses": true, "licences": true,
}

// sanctionedHolders returns the states whose holdings the object phrase
// k of verb v names: a state qualifying the holding noun ("Russian
// airlines", "Iran's central bank"), the holding it is "of" or "on" ("the
// assets of Iranian banks", "the permit on Belarusian airline Belavia"),
// or where flights go ("suspended flights to Russia", the "to" on the
// noun or the verb). A state itself, or its people, are not read here
// ("banned Russia from the games" is no sanction).
func (s *sentence) sanctionedHolders(v, k int) []mention {
	t := s.tree
	var out []mention
	add := func(cs []int) {
		for _, c := range cs {
			if m, ok := s.stateAt(c); ok {
				out = append(out, m)
			}
		}
	}
	for n := 0; k >= 0 && n < 2 && holdingNouns[lowerForm(t, k)]; n++ {
		add(t.dependents(k, "amod", "compound", "nmod:poss"))
		if lowerForm(t, k) == "flights" {
			add(t.complements(k, "to", "from"))
			add(t.complements(v, "to", "from"))
		}
		if len(out) > 0 {
			return out
		}
		next := -1
		for _, c := range t.complements(k, "of", "on") {
			next = c
		}
		k = next
	}
	return nil
}

// stateAt returns the state word c names, if it names one and no person.
func (s *sentence) stateAt(c int) (mention, bool) {
	if mi := s.at[c]; mi >= 0 && s.ments[mi].person == nil && s.ments[mi].entity.Type == schema.Country {
		return s.ments[mi], true
	}
	return mention{}, false
}

// appealVerbs ask another to act.
var appealVerbs = map[string]bool{"call": true, "urge": true, "press": true, "demand": true, "seek": true, "appeal": true, "push": true}

// calmNouns are what an appeal to stop fighting asks for; endNouns ask
// for it with what is to end ("an end to the fighting").
var (
	calmNouns = map[string]bool{"ceasefire": true, "cease-fire": true, "truce": true, "cessation": true, "restraint": true, "de-escalation": true, "deescalation": true, "calm": true, "armistice": true}
	endNouns  = map[string]bool{"end": true, "halt": true, "stop": true}
	fightNoun = map[string]bool{"fighting": true, "violence": true, "hostilities": true, "war": true, "conflict": true, "clashes": true, "bloodshed": true, "attacks": true, "strikes": true, "shelling": true}
)

// readCalmAppeal reads an appeal made by verb v for a ceasefire, restraint
// or an end to the fighting that names no addressee: the appeal is to the
// parties named by the ceasefire's "between", else to the two sides of the
// last fight, talks or deal read before. An appeal that names whom it asks
// ("urged Israel to agree to a truce") is the lexicon's.
func (p *Pipeline) readCalmAppeal(s *sentence, v, group int) []finding {
	t := s.tree
	var asked int = -1
	if l := t.lemma(v); l == "call" || l == "appeal" || l == "push" {
		if len(t.complements(v, "on", "upon", "to")) > 0 {
			return nil
		}
		for _, c := range t.complements(v, "for") {
			asked = c
		}
	} else {
		asked = t.dependent(v, "obj")
		if len(t.complements(v, "from", "on")) > 0 {
			return nil
		}
	}
	if asked < 0 || s.at[asked] >= 0 {
		return nil // "urged Israel to …": the lexicon's frame
	}
	switch w := lowerForm(t, asked); {
	case calmNouns[w]:
	case endNouns[w]:
		ended := false
		for _, c := range t.complements(asked, "to", "of") {
			ended = ended || fightNoun[lowerForm(t, c)]
		}
		if !ended {
			return nil
		}
	default:
		return nil
	}
	sides := s.fight
	if len(sides) != 2 {
		sides = s.parties
	}
	var named []mention
	for _, c := range t.complements(asked, "between") {
		named = append(named, p.phraseActors(s, c)...)
	}
	if len(named) >= 2 {
		sides = named
	}
	subj, _ := p.treeSubject(s, v)
	var out []finding
	for _, a := range subj {
		for _, b := range sides {
			if a.entity.IRI == "" || b.entity.IRI == "" || a.entity.IRI == b.entity.IRI {
				continue
			}
			out = append(out, finding{subj: a, obj: b, predicate: "requested", code: "0256", group: group, conf: 0.7})
		}
	}
	return out
}

// summonsActs are what a state summons an envoy to do, with the predicate
// and CAMEO code it makes.
var summonsActs = map[string][2]string{
	"demand": {"requested", "100"}, "request": {"requested", "020"}, "seek": {"requested", "020"},
	"urge": {"requested", "020"}, "press": {"requested", "020"},
	"protest": {"condemned", "111"}, "condemn": {"condemned", "111"}, "denounce": {"condemned", "111"},
}

// readSummons reads the purpose of a summons: the summoning state acts on
// the summoned envoy's state ("summoned the Iranian ambassador to express
// its anger and demand justice": a demand to Iran).
func (p *Pipeline) readSummons(s *sentence, v, group int) []finding {
	t := s.tree
	obj := t.dependent(v, "obj")
	if obj < 0 || s.at[obj] < 0 {
		return nil
	}
	envoy := s.ments[s.at[obj]]
	if envoy.person != nil || envoy.entity.Type != schema.Country || !envoyAgent(envoy.agent) {
		return nil
	}
	subj, _ := p.treeSubject(s, v)
	var out []finding
	for _, c := range t.dependents(v, "advcl", "xcomp") {
		if t.marker(c) != "to" {
			continue
		}
		for _, a := range t.conjuncts(c) {
			act, ok := summonsActs[t.lemma(a)]
			if !ok || t.negated(a) {
				continue
			}
			for _, x := range subj {
				if x.entity.IRI != envoy.entity.IRI {
					out = append(out, finding{subj: x, obj: envoy, predicate: act[0], code: act[1], group: group, conf: 0.7})
				}
			}
		}
	}
	return out
}

// envoyAgent reports whether an organ phrase names a state's envoy.
func envoyAgent(agent string) bool {
	for _, w := range []string{"ambassador", "envoy", "charge", "chargé", "diplomat"} {
		if strings.Contains(agent, w) {
			return true
		}
	}
	return false
}

// supportNouns are what one actor turns to another for.
var supportNouns = map[string]bool{"support": true, "help": true, "assistance": true, "aid": true, "backing": true, "protection": true}
