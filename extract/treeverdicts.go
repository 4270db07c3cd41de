package extract

// This file reads verdicts: an actor calling another's act by a word of
// blame ("described the decision as deeply regrettable", "called the move
// a stab in the back", "termed it unacceptable that X broke off ties"), and
// an actor holding another's misconduct against it ("expressed concern
// about Canadian diplomats' interference", "citing Russia's aggression").

// verdictVerbs pass a judgement on their object: "called X Y",
// "described X as Y".
var verdictVerbs = map[string]bool{
	"call": true, "describe": true, "term": true, "label": true, "brand": true, "deem": true,
	"characterize": true, "characterise": true, "dub": true, "denounce": true, "condemn": true,
}

// blameWords are verdicts of condemnation.
var blameWords = map[string]bool{
	"regrettable": true, "unacceptable": true, "illegal": true, "illegitimate": true, "irresponsible": true,
	"provocative": true, "provocation": true, "betrayal": true, "stab": true, "outrageous": true,
	"shameful": true, "deplorable": true, "reckless": true, "disgraceful": true, "appalling": true,
	"unjustified": true, "unjustifiable": true, "unfriendly": true, "hostile": true, "aggression": true,
	"violation": true, "crime": true, "hijacking": true, "piracy": true, "terrorism": true,
	"blackmail": true, "unlawful": true, "abhorrent": true, "heinous": true,
	"despicable": true, "barbaric": true, "cowardly": true, "absurd": true, "insult": true,
	"aggressive": true, "destabilizing": true, "destabilising": true, "malign": true, "unprovoked": true,
}

// actNounsOfActor are nouns for what an actor did, whose possessor or
// "by" phrase is the one judged: "Honduras's decision", "the move by
// Australia".
var actNounsOfActor = map[string]bool{
	"decision": true, "move": true, "action": true, "actions": true, "step": true, "behavior": true,
	"behaviour": true, "conduct": true, "announcement": true, "policy": true, "choice": true,
}

// readVerdicts reads an actor calling another's act by a word of blame as
// condemnation of that actor.
func (p *Pipeline) readVerdicts(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for v := range t.words {
		if !verdictVerbs[t.lemma(v)] || t.pos(v) != "VERB" || t.negated(v) || t.irrealis(v) {
			continue
		}
		if t.dependent(v, "nsubj:pass") >= 0 || t.dependent(v, "aux:pass") >= 0 {
			continue
		}
		verdict := -1
		t.below(v, 3, func(c int) (bool, bool) {
			if blameWords[t.lemma(c)] || blameWords[lowerForm(t, c)] {
				verdict = c
				return false, true
			}
			switch t.rel(c) {
			case "xcomp", "obl", "advcl", "amod", "advmod", "obj", "ccomp", "nmod":
				return true, false
			}
			return false, false
		})
		if verdict < 0 {
			continue
		}
		judges, ok := p.treeSubject(s, v)
		if !ok {
			continue
		}
		var judged []mention
		if obj := t.dependent(v, "obj"); obj >= 0 && obj != verdict {
			judged = p.judgedIn(s, obj)
		}
		if len(judged) == 0 {
			// "called the incident a hijacking by Belarus"
			for _, c := range t.complements(verdict, "by") {
				judged = append(judged, p.phraseActors(s, c)...)
			}
		}
		if len(judged) == 0 {
			// "described it as regrettable that Honduras broke off ties":
			// the actor of the clause the verdict is about.
			for _, c := range append(t.dependents(v, "ccomp", "csubj"), t.dependents(verdict, "ccomp", "csubj")...) {
				if subj, ok := p.treeSubject(s, c); ok {
					judged = append(judged, subj...)
				}
			}
		}
		out = append(out, eachPair(judges, judged, finding{predicate: "condemned", code: "111", group: groupOf(s, v), conf: 0.7})...)
	}
	return out
}

// judgedIn returns the actors a judged phrase headed by token k names: an
// actor itself ("called Israel a terrorist state"), or the author of an act
// ("Honduras's decision", "the move by Australia").
func (p *Pipeline) judgedIn(s *sentence, k int) []mention {
	t := s.tree
	if !actNounsOfActor[lowerForm(t, k)] {
		if mi := s.at[k]; mi >= 0 && !s.ments[mi].modifier {
			return p.phraseActors(s, k)
		}
		return nil
	}
	var out []mention
	for _, c := range t.dependents(k, "nmod:poss", "amod", "compound") {
		if mi := s.at[c]; mi >= 0 {
			out = append(out, s.ments[mi])
		}
	}
	for _, c := range t.complements(k, "by", "of") {
		out = append(out, p.phraseActors(s, c)...)
	}
	return out
}

// misconductNouns name conduct that is a charge in itself: to speak of an
// actor's interference is to accuse it of interfering.
var misconductNouns = map[string]bool{
	"interference": true, "meddling": true, "aggression": true, "provocation": true, "provocations": true,
	"violation": true, "violations": true, "repression": true, "crimes": true, "atrocities": true,
	"hostility": true, "espionage": true, "spying": true, "subversion": true, "sabotage": true,
	"coercion": true, "bullying": true, "intimidation": true, "blackmail": true, "harassment": true,
}

// blamedConduct reports whether noun n names conduct a blaming adjective
// qualifies: "the hostile actions", "illegal … sanctions".
func (t *tree) blamedConduct(n int) bool {
	if l := t.lemma(n); !conductNouns[l] && l != "sanction" && l != "measure" && l != "step" {
		return false
	}
	for _, c := range t.dependents(n, "amod") {
		if blameWords[lowerForm(t, c)] {
			return true
		}
	}
	return false
}

// concernNouns voice their possessor's grievance: "India's concern about
// Canadian diplomats' interference".
var concernNouns = map[string]bool{
	"concern": true, "concerns": true, "anger": true, "outrage": true, "protest": true, "complaint": true,
	"complaints": true, "objection": true, "objections": true, "alarm": true, "displeasure": true,
}

// holdVerbs hold a misconduct against its author when their subject
// speaks of it: "expressed concern about", "citing", "responded to". Verbs
// that condemn or accuse are read as such elsewhere.
var holdVerbs = map[string]bool{
	"express": true, "voice": true, "raise": true, "cite": true, "reject": true, "respond": true,
	"retaliate": true, "complain": true, "say": true, "tell": true, "state": true, "warn": true,
	"summon": true, "punish": true,
}

// readMisconduct reads an actor speaking of another's misconduct as an
// accusation: "India expressed concern about Canadian diplomats'
// interference in its affairs", "Kyiv, citing Russia's aggression, …".
func (p *Pipeline) readMisconduct(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	var out []finding
	for n := range t.words {
		if !misconductNouns[lowerForm(t, n)] && !t.blamedConduct(n) || t.pos(n) != "NOUN" {
			continue
		}
		var authors []mention
		for _, c := range t.dependents(n, "nmod:poss", "amod", "compound") {
			if mi := s.at[c]; mi >= 0 && s.ments[mi].person == nil {
				authors = append(authors, s.ments[mi])
			}
		}
		for _, c := range t.complements(n, "by", "of") {
			authors = append(authors, p.phraseActors(s, c)...)
		}
		if len(authors) == 0 && t.rel(n) == "conj" {
			// "the pressure and coercion of China": the "of" the parser
			// hung on the first of the coordinated nouns is both's.
			for _, c := range t.complements(t.head(n), "by", "of") {
				authors = append(authors, p.phraseActors(s, c)...)
			}
			n = t.head(n)
		}
		if len(authors) == 0 {
			continue
		}
		// The verb that speaks of it, within its clause, or a noun of
		// concern whose possessor does: "India's concern about …".
		v, top := t.head(n), n
		for k := 0; v >= 0 && k < 3 && t.pos(v) != "VERB" && !concernNouns[lowerForm(t, v)]; k++ {
			v, top = t.head(v), v
		}
		if v < 0 && t.head(top) < 0 {
			// A nominal clause: "'This is a response to the hostile
			// actions of X,' the ministry said".
			if speakers, group, speech := p.reportedBy(s, top); speech >= 0 {
				out = append(out, eachPair(speakers, authors, finding{predicate: "accused", code: "112", group: group, conf: 0.65})...)
			}
			continue
		}
		if v >= 0 && concernNouns[lowerForm(t, v)] {
			var holders []mention
			for _, c := range t.dependents(v, "nmod:poss") {
				holders = append(holders, p.phraseActors(s, c)...)
			}
			if len(holders) > 0 {
				group := -1
				if cv, _ := t.clauseOf(v); cv >= 0 {
					group = groupOf(s, cv)
				}
				out = append(out, eachPair(holders, authors, finding{predicate: "accused", code: "112", group: group, conf: 0.7})...)
				continue
			}
			// "expressed concern about …": the verb's subject holds it
			for k := 0; v >= 0 && k < 2 && t.pos(v) != "VERB"; k++ {
				v = t.head(v)
			}
		}
		if v < 0 || t.pos(v) != "VERB" {
			continue
		}
		if !holdVerbs[t.lemma(v)] || t.negated(v) || t.irrealis(v) {
			// Reported: "Taiwan's minister assured that Taiwan will not
			// succumb to China's coercion". Whatever the verb's mood, the
			// speaker holds the misconduct against its author, unless the
			// author is the one the verb speaks of ("Russia showed no
			// aggression").
			speakers, group, speech := p.reportedBy(s, v)
			if speech < 0 || speech == v {
				continue
			}
			if subj, _ := p.treeSubject(s, v); len(withoutActors(subj, authors)) < len(subj) {
				continue
			}
			out = append(out, eachPair(speakers, authors, finding{predicate: "accused", code: "112", group: group, conf: 0.65})...)
			continue
		}
		var judges []mention
		if subj, ok := p.treeSubject(s, v); ok {
			judges = subj
		} else if len(s.quoteBy) > 0 {
			judges = s.quoteBy
		}
		out = append(out, eachPair(judges, authors, finding{predicate: "accused", code: "112", group: groupOf(s, v), conf: 0.7})...)
	}
	return out
}

// reactVerbs judge a decision, with the predicate their judgement makes.
var reactVerbs = map[string]string{
	"condemn": "condemned", "denounce": "condemned", "criticize": "condemned", "criticise": "condemned",
	"slam": "condemned", "deplore": "condemned", "regret": "condemned", "decry": "condemned",
	"welcome": "praised", "praise": "praised", "commend": "praised", "hail": "praised", "applaud": "praised",
	"support": "supported", "back": "supported", "endorse": "supported",
}

// decisionWords are a bare act a reaction may be to: "the decision".
var decisionWords = map[string]bool{"decision": true, "move": true, "step": true}

// readReactions reads a reaction to "the decision" that names no author as
// one to whoever did the act the article last told: "Solomon Islands cut
// ties with Taiwan. China welcomed the decision." China praised Solomon
// Islands.
// actDecided returns who made the decision whose infinitive c says what
// it is ("the decision to sever diplomatic ties with Taiwan"): the doer
// of the last act read that was done to an actor c names.
func (p *Pipeline) actDecided(s *sentence, c int, judges []mention) (mention, bool) {
	t := s.tree
	if t.marker(c) != "to" {
		return mention{}, false
	}
	named := map[string]bool{}
	for _, j := range judges {
		named[j.entity.IRI] = true // no one judges their own decision here
	}
	t.below(c, 3, func(k int) (bool, bool) {
		if mi := s.at[k]; mi >= 0 {
			named[s.ments[mi].entity.IRI] = true
		}
		return true, false
	})
	for i := len(s.acts) - 1; i >= 0; i-- {
		if named[s.acts[i][1].entity.IRI] && !named[s.acts[i][0].entity.IRI] && s.acts[i][1].entity.IRI != "" {
			return s.acts[i][0], true
		}
	}
	return mention{}, false
}

func (p *Pipeline) readReactions(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question || len(s.acts) == 0 {
		return nil
	}
	var out []finding
	for v := range t.words {
		pred, ok := reactVerbs[t.lemma(v)]
		if !ok || t.pos(v) != "VERB" || t.negated(v) || t.irrealis(v) {
			continue
		}
		obj := t.dependent(v, "obj")
		if obj < 0 || !decisionWords[lowerForm(t, obj)] || len(t.dependents(obj, "nmod:poss", "amod", "compound", "nmod")) > 0 {
			continue
		}
		subj, ok := p.treeSubject(s, v)
		if !ok {
			continue
		}
		doer := s.acts[len(s.acts)-1][0] // the last act's
		if acl := t.dependents(obj, "acl"); len(acl) > 0 {
			if doer, ok = p.actDecided(s, acl[0], subj); !ok {
				continue // "the decision to hold talks": some other decision
			}
		}
		if det := t.dependent(obj, "det"); det < 0 || lowerForm(t, det) != "the" && lowerForm(t, det) != "this" && lowerForm(t, det) != "that" {
			continue
		}
		out = append(out, eachPair(subj, []mention{doer}, finding{predicate: pred, group: groupOf(s, v), conf: 0.65})...)
	}
	return out
}

// eachPair returns f once for each subject and object of two different
// actors, with f's predicate, code, clause and confidence.
func eachPair(subjs, objs []mention, f finding) []finding {
	var out []finding
	for _, a := range subjs {
		for _, b := range objs {
			if a.entity.IRI != "" && b.entity.IRI != "" && a.entity.IRI != b.entity.IRI {
				g := f
				g.subj, g.obj = a, b
				out = append(out, g)
			}
		}
	}
	return out
}

// consequenceVerbs take a price or consequences as their object: "X will
// pay a heavy price", "will bear the consequences", "will face
// retribution".
var (
	consequenceVerbs = map[string]bool{"pay": true, "bear": true, "face": true, "suffer": true}
	consequenceNouns = map[string]bool{"price": true, "consequence": true, "consequences": true, "cost": true, "costs": true, "retribution": true, "retaliation": true}
)

// readConsequences reads a warning that another will pay for what it
// does: "Russia will pay a heavy price, the minister said", "'now he and
// his country will bear the consequences'". The speaker threatens the one
// who is to pay (CAMEO 130); a price foretold without a speaker is no
// threat.
func (p *Pipeline) readConsequences(s *sentence) []finding {
	t := s.tree
	if t == nil || s.question {
		return nil
	}
	out := p.readWarnings(s)
	for v := range t.words {
		if !consequenceVerbs[t.lemma(v)] || t.negated(v) {
			continue
		}
		obj := t.dependent(v, "obj")
		if obj < 0 || !consequenceNouns[t.lemma(obj)] && !consequenceNouns[lowerForm(t, obj)] {
			continue
		}
		future := false
		for _, c := range t.dependents(v, "aux") {
			future = future || futureModals[lowerForm(t, c)] || futureModals[t.lemma(c)]
		}
		subj := t.dependent(v, "nsubj")
		if !future || subj < 0 {
			continue
		}
		targets := p.phraseActors(s, subj)
		speakers, group := s.quoteBy, -1
		if sp, g, speech := p.reportedBy(s, v); speech >= 0 {
			speakers, group = sp, g
		}
		for _, a := range speakers {
			for _, b := range targets {
				if a.entity.IRI != b.entity.IRI {
					out = append(out, finding{subj: a, obj: b, predicate: "threatened", code: "130", group: group, conf: 0.7})
				}
			}
		}
	}
	return out
}

// provocationNouns are acts a warning says will be answered; replyNouns
// the answer: "any attack will be met with a decisive response".
var (
	provocationNouns = map[string]bool{"provocation": true, "attack": true, "aggression": true, "violation": true, "incursion": true, "act": true, "attempt": true, "escalation": true}
	replyNouns       = map[string]bool{"response": true, "retaliation": true, "reply": true, "force": true}
)

// readWarnings reads a warning that an act will be answered in kind:
// "every provocation will be met with a strong response", said by one
// side of a fight. The speaker threatens the act's author, or else the
// other side of the fight the article last told of (CAMEO 130).
func (p *Pipeline) readWarnings(s *sentence) []finding {
	t := s.tree
	var out []finding
	for v := range t.words {
		if t.lemma(v) != "meet" || t.negated(v) {
			continue
		}
		act := t.dependent(v, "nsubj:pass")
		if act < 0 || !provocationNouns[t.lemma(act)] {
			continue
		}
		answered := false
		for _, c := range t.complements(v, "with", "by") {
			answered = answered || replyNouns[t.lemma(c)]
		}
		future := false
		for _, c := range t.dependents(v, "aux") {
			future = future || futureModals[lowerForm(t, c)]
		}
		if !answered || !future {
			continue
		}
		speakers, group := s.quoteBy, -1
		for k, n := v, 0; k >= 0 && n < 3; k, n = t.head(k), n+1 {
			if sp, g, speech := p.reportedBy(s, k); speech >= 0 {
				speakers, group = sp, g
				break
			}
			if t.rel(k) != "conj" {
				break
			}
		}
		var targets []mention
		for _, c := range t.dependents(act, "nmod:poss") {
			targets = append(targets, p.phraseActors(s, c)...)
		}
		for _, c := range t.complements(act, "by", "of", "from") {
			targets = append(targets, p.phraseActors(s, c)...)
		}
		for _, a := range speakers {
			ts := targets
			if len(ts) == 0 {
				ts = otherSide(s.fight, a)
			}
			for _, b := range ts {
				if a.entity.IRI != b.entity.IRI {
					out = append(out, finding{subj: a, obj: b, predicate: "threatened", code: "130", group: group, conf: 0.65})
				}
			}
		}
	}
	return out
}

// otherSide returns the side of a fight that a is not on: a state, or a
// leader whose state is one side.
func otherSide(sides []mention, a mention) []mention {
	if len(sides) != 2 {
		return nil
	}
	iri := a.entity.IRI
	if a.person != nil && a.state != nil {
		iri = a.state.IRI
	}
	switch iri {
	case sides[0].entity.IRI:
		return sides[1:]
	case sides[1].entity.IRI:
		return sides[:1]
	}
	return nil
}
