package extract

import (
	"slices"
	"strings"

	"github.com/geokg/geokg/schema"
)

// discourse is what a document has said so far, for "he", "the group" and
// "the country": actors in the order they were the subject of a sentence,
// and every actor mentioned.
type discourse struct {
	published string    // the publication date, ISO 8601; "" when unknown
	subjects  []mention // most recent last
	mentioned []mention
	lastDate  *timex             // the date of the previous sentence's main event
	fight     []mention          // the attacker and target of the last attack read
	met       []mention          // the states of the two sides of the last meeting read
	parties   []mention          // the two sides of the last deal, talks or fight read
	acts      [][2]mention       // doer and target of the acts read, most recent last: whose "decision" a later sentence judges
	authors   map[string]mention // statement noun ("resolution") → who last adopted or issued one
}

// resolve finds the actor an anaphor points to: first an earlier actor of
// the same sentence, then recent subjects, then anything mentioned.
func (d *discourse) resolve(s *sentence, before int, kinds []schema.Kind, person bool) (mention, bool) {
	return d.search(s, before, func(m mention) bool {
		if person {
			return m.person != nil
		}
		if m.modifier && len(kinds) > 0 && kinds[0] != schema.Country {
			return false
		}
		return slices.Contains(kinds, m.entity.Type)
	})
}

// resolveExcept is resolve for things, skipping people, modifiers and the
// excluded actors.
func (d *discourse) resolveExcept(s *sentence, before int, kinds []schema.Kind, exclude map[string]bool) (mention, bool) {
	return d.search(s, before, func(m mention) bool {
		return !exclude[m.entity.IRI] && m.person == nil && !m.modifier && slices.Contains(kinds, m.entity.Type)
	})
}

// search looks back for the nearest mention ok accepts: in the sentence
// before token before, among the last four subjects, among the last twelve
// mentions.
func (d *discourse) search(s *sentence, before int, ok func(mention) bool) (mention, bool) {
	for k := len(s.ments) - 1; k >= 0; k-- {
		if m := s.ments[k]; m.end <= before && ok(m) {
			return m, true
		}
	}
	for k := len(d.subjects) - 1; k >= 0 && k >= len(d.subjects)-4; k-- {
		if ok(d.subjects[k]) {
			return d.subjects[k], true
		}
	}
	for k := len(d.mentioned) - 1; k >= 0 && k >= len(d.mentioned)-12; k-- {
		if ok(d.mentioned[k]) {
			return d.mentioned[k], true
		}
	}
	return mention{}, false
}

// subjectOf finds the subject of group gi: the nearest noun phrase to its
// left that is not the object of a preposition or of another verb, an
// anaphor resolved, or the subject of the verb it is coordinated with.
func (p *Pipeline) subjectOf(s *sentence, d *discourse, gi int) ([]mention, float64, bool) {
	g := s.groups[gi]
	if s.tree != nil {
		// The tree finds a subject wherever it stands: coordinated ("A, B
		// and C have cut ties"), before a relative clause, or shared with
		// the verb this one is coordinated with or controlled by.
		if ms, ok := p.treeSubject(s, g.head); ok {
			return ms, 0.9, true
		}
		if t := s.tree; t.relativeSubject(g.head) || t.rel(g.head) == "amod" {
			// ("visiting Ukrainian officials": a participle used as an
			// adjective states no act.)
			// "a group that once ruled Afghanistan and provided …": the
			// antecedent names no actor, and no other noun is the subject.
			return nil, 0, false
		}
		if t := s.tree; t.dependent(g.head, "nsubj") >= 0 && t.pos(t.dependent(g.head, "nsubj")) == "NOUN" {
			// "The agreement signed by Putin and Pashinyan calls for …": a
			// subject that names no actor is not the actor before the verb.
			return nil, 0, false
		}
		if t := s.tree; t.rel(g.head) == "acl" && t.marker(g.head) == "to" && t.dependent(g.head, "nsubj") < 0 {
			// "the decision to sever ties": only the noun's possessor
			// ("Canada's decision") is the subject.
			if h := t.head(g.head); h >= 0 {
				if poss := t.dependent(h, "nmod:poss"); poss >= 0 {
					ms := p.phraseActors(s, poss)
					return ms, 0.8, len(ms) > 0
				}
			}
			return nil, 0, false
		}
	}
	if g.infinitive || g.participle {
		// "will take action to hold Iran accountable": the subject is the
		// governing verb's.
		if gi > 0 {
			prev := s.groups[gi-1]
			if g.infinitive && controlsObject(prev.lemma) {
				return nil, 0, false
			}
			return p.subjectOf(s, d, gi-1)
		}
		return nil, 0, false
	}
	toks := s.toks
	k := g.start - 1
	depth := 0
	relative := false // past "that", "which", "who": the next noun phrase is the antecedent
	for k >= 0 {
		t := toks[k]
		if s.isTime(k) {
			k--
			continue
		}
		switch {
		case t.Text == ")":
			depth++
			k--
			continue
		case t.Text == "(":
			depth--
			k--
			continue
		case depth > 0:
			k--
			continue
		}
		if s.at[k] >= 0 {
			m := s.ments[s.at[k]]
			b := npStart(s, m.start)
			if m.modifier {
				// "Iranian gas stations were hit": the head is no actor.
				return nil, 0, false
			}
			if relative {
				return []mention{m}, 0.85, true
			}
			// "since Russia invaded": a noun phrase right before its verb is
			// that verb's subject, whatever word comes before it.
			if b > 0 && isGoverned(s, b-1) && !(directlyBefore(s, m.end, g.start) && isSubordinator(toks[b-1].Lower)) {
				if b >= 2 && toks[b-1].Lower == "of" && memberNouns[toks[b-2].Lower] {
					return coordinated(s, m, b-2), 0.8, true
				}
				k = b - 1
				if toks[k].Tag == "IN" || toks[k].Tag == "TO" {
					k--
				}
				continue
			}
			return coordinated(s, m, b), 0.9, true
		}
		if g := groupAt(s, k); g >= 0 {
			// Another verb: coordinated with it ("condemned X and described")
			// when only conjunctions, commas and adverbs stand between.
			if joined(toks, s.groups[g].end, s.groups[gi].start) || s.groups[gi].participle {
				subj, conf, ok := p.subjectOf(s, d, g)
				return subj, conf, ok
			}
			return nil, 0, false
		}
		w := t.Lower
		switch {
		case personPronouns[w] && t.Tag == "PRP":
			if m, ok := d.resolve(s, k, nil, true); ok {
				return []mention{m}, 0.75, true
			}
			return nil, 0, false
		case thingPronouns[w] && t.Tag == "PRP":
			if m, ok := d.resolve(s, k, []schema.Kind{schema.Country, schema.IGO, schema.ArmedGroup, schema.PoliticalGroup}, false); ok {
				return []mention{m}, 0.7, true
			}
			return nil, 0, false
		case strings.HasPrefix(t.Tag, "NN"):
			b := npStart(s, k+1)
			if relative {
				return nil, 0, false
			}
			if kinds, ok := anaphoricNouns[w]; ok && b < k && (toks[b].Lower == "the" || toks[b].Lower == "this") {
				if m, ok := d.resolve(s, b, kinds, false); ok {
					m.anaphor = true
					return []mention{m}, 0.75, true
				}
			}
			if b > 0 && isGoverned(s, b-1) {
				k = b - 1
				if toks[k].Tag == "IN" || toks[k].Tag == "TO" {
					k--
				}
				continue
			}
			return nil, 0, false
		case w == "that" && k > 0 && isVerb(toks[k-1]), w == ";", w == ":", t.Tag == "``":
			return nil, 0, false
		case w == "that" || w == "which" || w == "who":
			// a relative clause: its subject is the noun phrase before
			relative = true
			k--
			if k >= 0 && toks[k].Text == "," {
				k--
			}
			continue
		}
		k--
	}
	return nil, 0, false
}

// directlyBefore reports whether only adverbs stand between end and start.
func directlyBefore(s *sentence, end, start int) bool {
	for k := end; k < start; k++ {
		if s.toks[k].Tag != "RB" && !(s.toks[k].Tag == "POS" && k == end) {
			return false
		}
	}
	return true
}

// isSubordinator: words that are prepositions before a noun and
// conjunctions before a clause.
func isSubordinator(w string) bool {
	switch w {
	case "since", "after", "before", "until", "when", "once", "as", "while", "because", "though", "although", "whereas", "unless", "if":
		return true
	}
	return false
}

// controlsObject: verbs whose infinitive complement has their object, not
// their subject, as its subject ("asked Albania to host").
func controlsObject(lemma string) bool {
	switch lemma {
	case "ask", "urge", "request", "press", "call", "allow", "force", "persuade", "encourage", "invite", "order", "tell", "help", "enable", "accept":
		return true
	}
	return false
}

// isGoverned reports whether token k (just before a noun phrase) makes
// that noun phrase an object: a preposition or a verb.
func isGoverned(s *sentence, k int) bool {
	t := s.toks[k]
	if t.Tag == "IN" && t.Lower != "that" && t.Lower != "because" && t.Lower != "while" && t.Lower != "although" && t.Lower != "if" && t.Lower != "as" {
		return true
	}
	if t.Tag == "TO" {
		return true
	}
	g := groupAt(s, k)
	// After "said", a noun phrase starts the reported clause.
	return g >= 0 && (!s.groups[g].speech || s.groups[g].lemma == "tell")
}

func groupAt(s *sentence, k int) int {
	for i, g := range s.groups {
		if k >= g.start && k < g.end {
			return i
		}
	}
	return -1
}

// joined reports whether a conjunction or comma links two verb groups whose
// span between holds only the first one's objects: "condemned X's decision,
// and described …".
func joined(toks []Token, from, to int) bool {
	for k := to - 1; k >= from; k-- {
		t := toks[k]
		switch {
		case t.Tag == "CC" || t.Text == ",":
			return true
		case t.Tag == "RB":
			continue
		}
		return false
	}
	return false
}

// coordinated collects "Spain, Ireland and Norway": the actors joined to m
// on its left by commas and "and".
func coordinated(s *sentence, m mention, b int) []mention {
	out := []mention{m}
	k := b - 1
	for k >= 1 && (s.toks[k].Lower == "and" || s.toks[k].Text == ",") && s.at[k-1] >= 0 {
		prev := s.ments[s.at[k-1]]
		if b := npStart(s, prev.start); prev.modifier || b > 0 && isGoverned(s, b-1) {
			break // "In Dublin, Taoiseach …": not a list
		}
		out = append([]mention{prev}, out...)
		k = npStart(s, prev.start) - 1
	}
	return out
}

// resolveAnaphors turns "the country", "the group", "the militant group"
// into mentions of the actor they point back to, so rules can take them as
// subject or target. The subject of the verb before an object anaphor is
// never its antecedent: "Russia invaded the country" is not Russia.
func (p *Pipeline) resolveAnaphors(s *sentence, d *discourse) {
	added := false
	for k := 0; k < len(s.toks); k++ {
		if w := s.toks[k].Lower; (w == "them" || w == "it") && s.at[k] < 0 && k > 0 && isVerb(s.toks[k-1]) {
			// an object pronoun: "agreed to take them in"
			kinds := []schema.Kind{schema.ArmedGroup, schema.PoliticalGroup}
			if w == "it" {
				kinds = []schema.Kind{schema.Country, schema.IGO, schema.ArmedGroup, schema.PoliticalGroup}
			}
			if m, ok := p.antecedent(s, d, k, kinds); ok {
				m.start, m.end, m.text = k, k+1, s.toks[k].Text
				s.ments = append(s.ments, m)
				added = true
			}
			continue
		}
		kinds, ok := anaphoricNouns[s.toks[k].Lower]
		if !ok || s.at[k] >= 0 || !strings.HasPrefix(s.toks[k].Tag, "NN") {
			continue
		}
		b := k
		for b > 0 && s.at[b-1] < 0 && (strings.HasPrefix(s.toks[b-1].Tag, "JJ") || s.toks[b-1].Tag == "NN" || s.toks[b-1].Tag == "VBN") {
			b--
		}
		if b == 0 || (s.toks[b-1].Lower != "the" && s.toks[b-1].Lower != "this") {
			continue
		}
		if k+1 < len(s.toks) && (s.toks[k+1].Lower == "of" || s.toks[k+1].Tag == "POS" && k+2 < len(s.toks) && s.at[k+2] >= 0) {
			continue // "the state of Palestine", "the government of Iran"
		}
		m, ok := p.antecedent(s, d, b-1, kinds)
		if !ok {
			continue
		}
		m.start, m.end, m.anaphor, m.modifier, m.possessive = b-1, k+1, true, false, false
		m.text = joinTokens(s.toks[b-1 : k+1])
		s.ments = append(s.ments, m)
		added = true
	}
	if added {
		sortMentions(s.ments)
		for i := range s.at {
			s.at[i] = -1
		}
		for mi, m := range s.ments {
			for i := m.start; i < m.end; i++ {
				s.at[i] = mi
			}
		}
	}
}

// antecedent resolves an anaphor at token k, never to the subject of the
// verb before it.
func (p *Pipeline) antecedent(s *sentence, d *discourse, k int, kinds []schema.Kind) (mention, bool) {
	exclude := map[string]bool{}
	for gi := len(s.groups) - 1; gi >= 0; gi-- {
		if s.groups[gi].end <= k {
			if subj, _, ok := p.subjectOf(s, d, gi); ok {
				for _, m := range subj {
					exclude[m.entity.IRI] = true
				}
			}
			break
		}
	}
	m, ok := d.resolveExcept(s, k, kinds, exclude)
	if ok {
		m.anaphor, m.modifier, m.possessive = true, false, false
	}
	return m, ok
}
