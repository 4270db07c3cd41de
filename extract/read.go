package extract

import (
	"github.com/geokg/geokg/schema"
)

// compiledRule is a rule with its frame parsed.
type compiledRule struct {
	rule
	elems []elem
}

// finding is one relation read in a sentence, before it becomes a
// Statement.
type finding struct {
	subj, obj    mention
	predicate    string
	code         string // the rule's CAMEO event code, when finer than the predicate's
	group        int
	conf         float64
	negated      bool
	modality     string // schema.ModalityIntended for an announced act, modalityThreat for a threatened one
	attributedTo string
	date         *timex
}

// readSentence applies the rules to every verb group of a sentence.
func (p *Pipeline) readSentence(s *sentence, d *discourse) []finding {
	if s.question {
		return nil
	}
	var out []finding
	prevTargets := map[int][]mention{}
	for gi := range s.groups {
		g := &s.groups[gi]
		cands := p.byVerb[g.lemma]
		if len(cands) == 0 {
			continue
		}
		subj, sconf, haveSubj := p.subjectOf(s, d, gi)
		for _, r := range cands {
			irrealis := g.modal || g.infinitive || g.conditional
			if s.tree != nil {
				// The tree knows what governs a verb: "decided to break off"
				// is done; "plans to", "a plan to" and "pressure to extend
				// sanctions and proscribe" are not.
				irrealis = g.modal || g.conditional || s.tree.irrealis(g.head)
			} else if irrealis && g.infinitive && gi > 0 && commits(s.groups[gi-1].lemma) {
				irrealis = false
			}
			modality := ""
			if irrealis && !r.irrealis {
				// "France will withdraw its troops", "plans to restore
				// ties": announced, kept as such; a condition, a
				// possibility or a wish is not kept.
				if s.tree == nil || g.conditional || g.negated || !s.tree.intended(g.head) {
					continue
				}
				modality = s.tree.announcedModality(g.head)
			}
			var sources, targets []mention
			conf := 0.9 * minf(sconf, 1)
			switch {
			case r.passiveOnly:
				if !g.passive || !haveSubj {
					continue
				}
				fm, ok := matchFrame(s, g.end, r.elems)
				if !ok || len(fm.targets) == 0 {
					continue
				}
				sources, targets = subj, mentionsOf(s, fm.targets[0])
				conf *= fm.conf
			case g.passive:
				// "Iranian diplomats were expelled by Albania": the grammatical
				// subject is the target and "by" names the source.
				elems := dropFirstTarget(r.elems)
				if len(elems) == len(r.elems) || !haveSubj {
					continue
				}
				fm, ok := matchFrame(s, g.end, elems)
				if !ok {
					continue
				}
				by := byAgent(s, fm.end)
				if len(by) == 0 {
					by = byAgent(s, g.end)
				}
				if len(by) == 0 {
					continue
				}
				sources, targets = by, subj
				conf *= fm.conf
			default:
				if !haveSubj {
					continue
				}
				fm, ok := matchFrame(s, g.end, r.elems)
				var objects []mention
				if !ok && s.tree != nil && (r.frame == "+" || r.frame == "+ to" && s.tree.toComplement(g.head)) {
					// A bare object the word frame cannot step over ("met
					// his Chilean counterpart", "urged both parties to"):
					// the tree's object phrase.
					if obj := s.tree.dependent(g.head, "obj"); obj >= 0 {
						objects = p.phraseActors(s, obj)
						if poss := s.tree.dependent(obj, "nmod:poss"); len(objects) == 0 && poss >= 0 && eventNouns[s.toks[obj].Lower] {
							// 'condemns "in the strongest terms" North
							// Korea's nuclear test': the act's author.
							objects = p.phraseActors(s, poss)
						}
					}
					ok = len(objects) > 0
					fm.conf = 0.85
				}
				if !ok && s.tree != nil {
					// "the Wagner Group that the EU accuses of fomenting
					// violence": the object is the relative clause's noun,
					// the rest of the frame follows the verb.
					if ante := p.relativeObject(s, g.head); len(ante) > 0 {
						if elems := dropFirstTarget(r.elems); len(elems) < len(r.elems) {
							if rest, matched := matchFrame(s, g.end, elems); matched {
								objects, ok, fm = ante, true, rest
							}
						}
					}
				}
				if !ok {
					continue
				}
				sources = subj
				if len(objects) > 0 {
					targets = objects
					if len(r.agents) > 0 && !agentIn(targets, r.agents) {
						continue
					}
				} else if len(fm.targets) > 0 {
					targets = mentionsOf(s, fm.targets[0])
					if len(r.agents) > 0 && !agentIn(targets, r.agents) {
						continue
					}
				}
				conf *= fm.conf
				if len(targets) == 0 && r.fromPrevious {
					targets = prevTargets[gi-1]
					conf *= 0.8
				}
				if len(targets) == 0 && r.reciprocal && len(sources) > 1 {
					for a := range sources {
						for b := range sources {
							// "China and Nicaragua restored relations": each did, to
							// the other; a symmetric predicate needs it once.
							pred, _ := schema.LookupPredicate(r.predicate)
							if a < b || a > b && !pred.Symmetric {
								out = append(out, finding{subj: sources[a], obj: sources[b], predicate: r.predicate, code: r.code, group: gi, conf: conf, negated: g.negated, modality: modality})
							}
						}
					}
					continue
				}
			}
			if !forceActs[r.predicate] {
				targets = dropPeople(targets) // "urged Ukrainians to stay calm"
			}
			if r.predicate == "recognized" {
				targets = dropClaimHolders(s, targets) // "recognised Azerbaijan's sovereignty over Karabakh"
			}
			if len(targets) == 0 {
				continue
			}
			if len(r.agents) > 0 && !agentIn(targets, r.agents) {
				continue
			}
			for _, a := range sources {
				for _, b := range targets {
					if a.entity.IRI == b.entity.IRI {
						continue
					}
					out = append(out, finding{subj: a, obj: b, predicate: r.predicate, code: r.code, group: gi, conf: conf, negated: g.negated, modality: modality})
				}
			}
			prevTargets[gi] = targets
			break
		}
		if haveSubj && !g.speech {
			out = append(out, p.requestedBy(s, gi, subj)...)
		}
		if _, ok := prevTargets[gi]; !ok && gi > 0 {
			// carry the targets of a coordinated verb group forward
			prevTargets[gi] = prevTargets[gi-1]
		}
		if haveSubj {
			for _, m := range subj {
				d.subjects = append(d.subjects, m)
			}
		}
	}
	return out
}

// attribute gives reported speech its speaker: what the complement of
// "said" says is the speaker's claim, whichever reading found it. A
// finding that belongs to no clause (an office named in passing) is the
// narrator's.
func (p *Pipeline) attribute(s *sentence, d *discourse, out []finding) {
	if len(s.quoteBy) == 1 {
		// The whole sentence is inside a quotation another sentence
		// gives its speaker.
		who := s.quoteBy[0].entity.Name
		if s.quoteBy[0].person != nil {
			who = s.quoteBy[0].person.Name
		}
		for k := range out {
			if out[k].attributedTo == "" && out[k].group >= 0 {
				out[k].attributedTo = who
			}
		}
	}
	// Reported speech: what the complement of "said" says is the speaker's
	// claim.
	for gi, g := range s.groups {
		if !g.speech {
			continue
		}
		subj, _, ok := p.subjectOf(s, d, gi)
		if !ok || len(subj) == 0 {
			continue
		}
		if len(subj) > 1 {
			// "Chad and Sudan reported that they killed …": each says it
			// of itself; no one speaker stands for the claim.
			d.subjects = append(d.subjects, subj...)
			continue
		}
		who := subj[0].entity.Name
		if subj[0].person != nil {
			who = subj[0].person.Name
		}
		for k := range out {
			if out[k].attributedTo == "" && out[k].group >= 0 && out[k].group != gi {
				out[k].attributedTo = who
			}
		}
		d.subjects = append(d.subjects, subj...)
	}
}

// requestedBy reads "at the request of X" and "at X's request" after a
// verb group: X asked the group's subject to act.
func (p *Pipeline) requestedBy(s *sentence, gi int, subj []mention) []finding {
	g := s.groups[gi]
	end := len(s.toks)
	if gi+1 < len(s.groups) {
		end = s.groups[gi+1].start
	}
	for k := g.end; k+1 < end; k++ {
		if s.toks[k].Lower != "at" {
			continue
		}
		var who []int
		switch {
		case k+3 < len(s.toks) && s.toks[k+1].Lower == "the" && (s.toks[k+2].Lower == "request" || s.toks[k+2].Lower == "invitation" || s.toks[k+2].Lower == "urging") && s.toks[k+3].Lower == "of":
			if ms, _, _, ok := targetAt(s, k+4); ok {
				who = ms
			}
		case s.at[k+1] >= 0 && s.ments[s.at[k+1]].possessive:
			m := s.ments[s.at[k+1]]
			if n := m.end + 1; n < len(s.toks) && (s.toks[n].Lower == "request" || s.toks[n].Lower == "invitation") {
				who = []int{s.at[k+1]}
			}
		}
		var out []finding
		for _, wi := range who {
			for _, sm := range subj {
				if w := s.ments[wi]; w.entity.IRI != sm.entity.IRI {
					out = append(out, finding{subj: w, obj: sm, predicate: "requested", group: gi, conf: 0.8, negated: g.negated})
				}
			}
		}
		return out
	}
	return nil
}

// commits: verbs whose infinitive complement is an act done, not an intent.
func commits(lemma string) bool {
	switch lemma {
	case "agree", "decide", "vote", "move":
		return true
	}
	return false
}

func dropFirstTarget(elems []elem) []elem {
	for i, e := range elems {
		if e.target {
			out := append([]elem(nil), elems[:i]...)
			return append(out, elems[i+1:]...)
		}
	}
	return elems
}

// byAgent finds "by X" from position k to the end of the clause.
func byAgent(s *sentence, k int) []mention {
	for j := k; j < len(s.toks)-1; j++ {
		t := s.toks[j]
		if t.Text == ";" || isVerb(t) && groupAt(s, j) >= 0 {
			return nil
		}
		if t.Lower == "by" {
			ms, _, _, ok := targetAt(s, j+1)
			if ok && !s.ments[ms[0]].modifier {
				return mentionsOf(s, ms)
			}
			return nil
		}
	}
	return nil
}

// forceActs are the acts whose target a state's people stand for: "killed
// 60 Palestinians" attacked Palestine; "urged Ukrainians" asked no state.
var forceActs = map[string]bool{"attacked": true, "invaded": true, "cyberattacked": true}

// dropPeople leaves out the mentions of a state's people.
func dropPeople(ms []mention) []mention {
	out := ms[:0:0]
	for _, m := range ms {
		if !m.people {
			out = append(out, m)
		}
	}
	return out
}

func mentionsOf(s *sentence, idx []int) []mention {
	out := make([]mention, len(idx))
	for i, k := range idx {
		out[i] = s.ments[k]
	}
	return out
}

func agentIn(ms []mention, agents []string) bool {
	for _, m := range ms {
		for _, a := range agents {
			if m.agent == a || len(m.agent) > len(a) && m.agent[len(m.agent)-len(a):] == a {
				return true
			}
		}
	}
	return false
}

func minf(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

// officeLinks are the standing relations a sentence states in passing:
// "Albanian Prime Minister Edi Rama" (head of government of Albania), "the
// official Islamic Republic News Agency" (a news outlet of Iran).
func (p *Pipeline) officeLinks(s *sentence) []finding {
	var out []finding
	for _, m := range s.ments {
		switch {
		case m.person != nil && m.state != nil && m.personPred != "":
			state := mention{start: m.start, end: m.end, entity: *m.state}
			out = append(out, finding{subj: m, obj: state, predicate: m.personPred, group: -1, conf: 0.9})
		case m.entity.Type == schema.Media && m.entity.Parent != "" && m.start > 0 && stateMediaWord(s, m.start):
			parent, ok := p.gaz.Get(m.entity.Parent)
			if !ok {
				continue
			}
			pm := mention{start: m.start, end: m.end, entity: parent.Entity()}
			out = append(out, finding{subj: m, obj: pm, predicate: "media_of", group: -1, conf: 0.7})
		}
	}
	return out
}

// recognisedClaims are what a state may recognise of another without
// recognising the state: "its territorial integrity", "its sovereignty
// over the region", "its right to self-defence".
var recognisedClaims = map[string]bool{
	"integrity": true, "claim": true, "claims": true, "right": true, "rights": true, "role": true,
	"border": true, "borders": true, "interests": true, "concerns": true, "efforts": true,
	"position": true, "contribution": true, "importance": true, "control": true, "authority": true,
}

// dropClaimHolders leaves out of a recognition the actors whose claim is
// what is recognised ("Azerbaijan's sovereignty over Karabakh",
// "Ukraine's territorial integrity"); "Kosovo's independence" is the
// state's recognition and stays.
func dropClaimHolders(s *sentence, ms []mention) []mention {
	t := s.tree
	if t == nil {
		return ms
	}
	var out []mention
	for _, m := range ms {
		h := -1
		if m.possessive && m.end-1 >= 0 && m.end-1 < len(t.words) {
			h = t.head(m.end - 1)
			for h >= 0 && h < m.end {
				h = t.head(h) // from a word inside the name to what it possesses
			}
		}
		if h >= 0 && (recognisedClaims[t.lemma(h)] || len(t.complements(h, "over")) > 0) {
			continue
		}
		out = append(out, m)
	}
	return out
}

// stateMediaWord reports whether "official", "state-run" … stands just
// before token k.
func stateMediaWord(s *sentence, k int) bool {
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		switch s.toks[j].Lower {
		case "official", "semi-official", "state", "state-run", "state-owned", "state-controlled", "state-affiliated", "state-backed", "government-run":
			return true
		}
	}
	return false
}

// rootCAMEO is an entity's own CAMEO code, without the role an organ adds.
func (p *Pipeline) rootCAMEO(e schema.Entity) string {
	if a, ok := p.gaz.Get(e.IRI); ok {
		return a.CAMEO
	}
	return e.CAMEO
}
