package extract

import (
	"strings"
)

// Noun phrases, subjects and targets as the dictionary coder reads them.

// agentRef is an agent of a noun phrase.
type agentRef struct {
	code   string
	prefix bool
}

// npRead is a noun phrase read for its actors.
type npRead struct {
	items  []npItem // the actors it codes, agents composed in
	actor  []string // its own actor's codes, without agents
	name   string   // its own actor's name
	agents []agentRef
	end    int // the token after it
}

// subordinators end a clause: what follows is another clause.
var clauseWords = map[string]bool{
	"after": true, "before": true, "when": true, "while": true, "until": true, "because": true,
	"although": true, "though": true, "whereas": true, "unless": true, "if": true, "whether": true,
	"where": true, "who": true, "whom": true, "whose": true, "which": true, "since": true,
}

// prepositions that attach a phrase to the noun before it.
var npPrepositions = map[string]bool{
	"of": true, "in": true, "from": true, "for": true, "at": true, "on": true, "with": true,
	"between": true, "among": true, "against": true, "by": true, "to": true, "over": true,
	"about": true, "near": true, "into": true, "toward": true, "towards": true, "within": true,
}

// npToken reports whether token k can be inside a noun phrase.
func (ds *dictSentence) npToken(k int) bool {
	if k < 0 || k >= len(ds.toks) {
		return false
	}
	if ds.at[k] >= 0 {
		return true
	}
	if groupAt(ds.sentence, k) >= 0 {
		return false
	}
	t := ds.toks[k]
	switch {
	case t.Tag == "DT" || t.Tag == "PDT" || t.Tag == "PRP$" || t.Tag == "CD" || t.Tag == "POS" || t.Tag == "FW":
		return !clauseWords[t.Lower] && t.Lower != "that"
	case strings.HasPrefix(t.Tag, "JJ") || strings.HasPrefix(t.Tag, "NN"):
		return true
	case t.Tag == "VBN" || t.Tag == "VBG":
		return true // not a verb group: an adjective ("the affected villages")
	}
	return false
}

// npStart reports whether a noun phrase can begin at token k.
func (ds *dictSentence) npStart(k int) bool {
	return ds.npToken(k) && ds.toks[k].Tag != "POS"
}

// readNP reads the noun phrase at st, not past limit: its words, then the
// phrases after "of", "in", "from" … that attach to it.
func (ds *dictSentence) readNP(st, limit, depth int) (npRead, bool) {
	if !ds.npStart(st) || st >= limit {
		return npRead{}, false
	}
	r := npRead{}
	k := st
	var actor *mention
	former := false
	for k < limit && ds.npToken(k) {
		if mi := ds.at[k]; mi >= 0 {
			m := ds.ments[mi]
			switch {
			case m.unit.actor && actor == nil && m.unit.codes != nil:
				actor = &ds.ments[mi]
			case !m.unit.actor:
				a := agentRef{code: m.unit.agent, prefix: m.unit.prefix}
				if former && !a.prefix {
					a.code = "ELI" // a former official is one of the elites
				}
				r.agents = append(r.agents, a)
			}
			k = min(m.end, limit)
			continue
		}
		if ds.toks[k].Lower == "former" {
			former = true
		}
		k++
	}
	r.end = k
	// Phrases attached by a preposition: "ambassadors of Arnor, Osgiliath
	// and Gondor", "soldiers from Gondor", "resumption of ties between …".
	var pp []npItem
	for depth < 4 && k+1 < limit && ds.toks[k].Tag != "," && npPrepositions[ds.toks[k].Lower] &&
		(ds.toks[k].Tag == "IN" || ds.toks[k].Tag == "TO" || ds.toks[k].Tag == "RP") && ds.npStart(k+1) {
		obj, ok := ds.readNPList(k+1, limit, depth+1)
		if !ok {
			break
		}
		if pp == nil && len(obj.items) > 0 {
			pp = obj.items
		}
		k = obj.end
	}
	r.end = k
	switch {
	case actor != nil:
		r.actor, r.name = actor.unit.codes, actor.text
		r.items = compose(actor.unit.codes, actor.text, r.agents)
	case len(r.agents) > 0 && len(pp) > 0:
		for _, it := range pp {
			r.items = append(r.items, compose([]string{it.code}, it.name, r.agents)...)
		}
	case len(r.agents) > 0:
		r.items = compose([]string{NullActor}, joinTokens(ds.toks[st:r.end]), r.agents)
	default:
		r.items = pp
	}
	return r, true
}

// compose adds agents' codes to actor codes: after them for a suffix agent
// (GON + COP = GONCOP), before them for a prefix agent (NGO + ARN =
// NGOARN), never twice (USAGOV + GOV = USAGOV).
func compose(codes []string, name string, agents []agentRef) []npItem {
	var out []npItem
	for _, c := range codes {
		code, pre := c, ""
		for _, a := range agents {
			switch {
			case a.prefix:
				if !strings.Contains(pre, a.code) && !strings.HasPrefix(code, a.code) {
					pre += a.code
				}
			case !strings.Contains(code, a.code):
				code += a.code
			}
		}
		if code == NullActor && pre != "" {
			code = ""
		}
		out = append(out, npItem{code: pre + code, name: name})
	}
	return out
}

// npList is a list of noun phrases read together: "Mordor, Rohan, Fornost
// and Bree".
type npList struct {
	items []npItem
	end   int
}

// readNPList reads the noun phrase at st and those coordinated with it: by
// commas that go on to a conjunction, and by one "and", "or" or "nor". An
// agent alone after an actor with agents shares the actor ("Danish media
// and government": DNKMED, DNKGOV).
func (ds *dictSentence) readNPList(st, limit, depth int) (npList, bool) {
	first, ok := ds.readNP(st, limit, depth)
	if !ok {
		return npList{}, false
	}
	l := npList{items: first.items, end: first.end}
	prev := first
	for {
		k := l.end
		j := k
		if j < limit && ds.toks[j].Text == "," {
			j++
		}
		conj := false
		if j < limit && ds.toks[j].Tag == "CC" && (ds.toks[j].Lower == "and" || ds.toks[j].Lower == "or" || ds.toks[j].Lower == "nor") {
			j++
			conj = true
		}
		if j == k || !conj && !ds.listComma(k) {
			break
		}
		next, ok := ds.readNP(j, limit, depth)
		if !ok {
			break
		}
		if next.actor == nil && len(next.agents) > 0 && prev.actor != nil && len(prev.agents) > 0 && allAgentOnly(next.items) {
			next.items = compose(prev.actor, prev.name, next.agents)
			next.actor, next.name = prev.actor, prev.name
		}
		l.items = append(l.items, next.items...)
		l.end = next.end
		prev = next
		if conj {
			break
		}
	}
	return l, true
}

func allAgentOnly(items []npItem) bool {
	for _, it := range items {
		if !strings.HasPrefix(it.code, NullActor) {
			return false
		}
	}
	return true
}

// listComma reports whether the comma at k goes on with a list: a
// conjunction follows, or a noun phrase and then another comma or
// conjunction.
func (ds *dictSentence) listComma(k int) bool {
	if k >= len(ds.toks) || ds.toks[k].Text != "," {
		return false
	}
	j := k + 1
	if j < len(ds.toks) && ds.toks[j].Tag == "CC" {
		return true
	}
	// "complete, full diplomatic ties": adjectives in a row
	if k > 0 && j < len(ds.toks) && strings.HasPrefix(ds.toks[k-1].Tag, "JJ") && strings.HasPrefix(ds.toks[j].Tag, "JJ") {
		return true
	}
	if !ds.npStart(j) {
		return false
	}
	for j < len(ds.toks) && ds.npToken(j) {
		j++
	}
	return j < len(ds.toks) && (ds.toks[j].Text == "," || ds.toks[j].Tag == "CC")
}

// clauseEnd returns where the clause that goes on at k ends: at a
// subordinating word, a relative pronoun, a semicolon or colon, a comma
// that does not go on with a list, or the sentence's end.
func (ds *dictSentence) clauseEnd(k int) int {
	for ; k < len(ds.toks); k++ {
		t := ds.toks[k]
		switch {
		case clauseWords[t.Lower] && (t.Tag == "IN" || t.Tag == "WRB" || t.Tag == "WP" || t.Tag == "WDT" || t.Tag == "WP$"):
			return k
		case t.Tag == "WDT" || t.Tag == "WP":
			return k
		case t.Text == ";" || t.Text == ":" || t.Text == "--":
			return k
		case t.Text == "," && !ds.listComma(k):
			return k
		}
	}
	return len(ds.toks)
}

// hardBoundary reports whether a subject cannot reach back over token k.
func (ds *dictSentence) hardBoundary(k int) bool {
	t := ds.toks[k]
	if ds.at[k] >= 0 {
		return false
	}
	if groupAt(ds.sentence, k) >= 0 {
		return true
	}
	switch {
	case clauseWords[t.Lower] && t.Tag != "DT", t.Lower == "that" && t.Tag != "DT":
		return true
	case t.Tag == "WDT" || t.Tag == "WP" || t.Tag == "``" || t.Tag == "''":
		return true
	case t.Text == ";" || t.Text == ":" || t.Text == "--" || t.Text == "(" || t.Text == ")":
		return true
	}
	return false
}

// reaches reports whether only adverbs and time words stand between end
// and e.
func (ds *dictSentence) reaches(end, e int) bool {
	for k := end; k < e; k++ {
		t := ds.toks[k]
		if !(t.Tag == "RB" || ds.isTime(k) || t.Lower == "n't") || ds.at[k] >= 0 {
			return false
		}
	}
	return end <= e
}

// subject returns the coded subject of group gi, whose verb starts at vs:
// shared with the verb it is coordinated with or governed by, a pronoun's
// antecedent, or the noun phrases that end right before the verb.
func (ds *dictSentence) subject(gi, vs int) ([]npItem, bool) {
	if ds.subjDone[gi] {
		return ds.subjMemo[gi], len(ds.subjMemo[gi]) > 0
	}
	ds.subjDone[gi] = true
	items := ds.findSubject(gi, vs)
	ds.subjMemo[gi] = items
	return items, len(items) > 0
}

func (ds *dictSentence) findSubject(gi, vs int) []npItem {
	g := ds.groups[gi]
	toks := ds.toks
	if g.infinitive || g.participle {
		if gi == 0 {
			return nil
		}
		gov := ds.groups[gi-1]
		if g.infinitive && controlsObject(ds.p.lemmas.lemma(toks[gov.head].Lower)) {
			// "urged Eriador to respond": the object does it.
			if obj := ds.firstCoded(gov.end, g.start-1); len(obj) > 0 {
				return obj
			}
		}
		items, _ := ds.subject(gi-1, gov.start)
		return items
	}
	if gi > 0 && joined(toks, ds.groups[gi-1].end, g.start) {
		items, _ := ds.subject(gi-1, ds.groups[gi-1].start)
		return items
	}
	e := min(g.start, vs)
	for e > 0 && ds.at[e-1] < 0 && (toks[e-1].Tag == "RB" || ds.isTime(e-1) || toks[e-1].Lower == "n't") {
		e--
	}
	if e > 0 && toks[e-1].Tag == "PRP" && ds.at[e-1] < 0 {
		switch toks[e-1].Lower {
		case "it", "they":
			return ds.antecedent(e - 1)
		}
		return nil
	}
	hb := e - 1
	for hb >= 0 && !ds.hardBoundary(hb) {
		hb--
	}
	for st := hb + 1; st < e; st++ {
		// A noun phrase after a preposition is its object, not a subject.
		if !ds.npStart(st) || st-1 > hb && (toks[st-1].Tag == "IN" || toks[st-1].Tag == "TO") {
			continue
		}
		if l, ok := ds.readNPList(st, e, 0); ok && ds.reaches(l.end, e) {
			return l.items
		}
	}
	// The verb is separated from its subject by a relative or participle
	// clause ("A woman believed linked to X who shot at Y was
	// extradited"): the subject of the sentence.
	st := 0
	for st < e && (toks[st].Tag == "CC" || toks[st].Tag == "RB") {
		st++
	}
	if hb >= 0 && ds.npStart(st) {
		if l, ok := ds.readNPList(st, e, 0); ok {
			return l.items
		}
	}
	return nil
}

// antecedent resolves "it" or "they" at token k: the last coded noun
// phrase before it in the sentence, else the previous sentence's subject.
func (ds *dictSentence) antecedent(k int) []npItem {
	for mi := len(ds.ments) - 1; mi >= 0; mi-- {
		m := ds.ments[mi]
		if m.end > k || !m.unit.actor || m.unit.codes == nil {
			continue
		}
		st := m.start
		for st > 0 && ds.npToken(st-1) {
			st--
		}
		if r, ok := ds.readNP(st, k, 0); ok && len(r.items) > 0 {
			return r.items
		}
	}
	return ds.prev
}

// firstCoded returns the first coded noun phrases in [from, to).
func (ds *dictSentence) firstCoded(from, to int) []npItem {
	for k := from; k < to; {
		items, next := ds.codedAt(k, to)
		if items != nil {
			return items
		}
		k = next
	}
	return nil
}

// codedAt reads the noun phrases that start at k, before end: their coded
// items when there are any, or else where to look next (past a list of
// uncoded phrases, or the next token).
func (ds *dictSentence) codedAt(k, end int) (items []npItem, next int) {
	if ds.npStart(k) {
		l, ok := ds.readNPList(k, end, 0)
		if ok && len(l.items) > 0 {
			return l.items, k
		}
		if ok && l.end > k {
			return nil, l.end
		}
	}
	return nil, k + 1
}

// defaultTarget returns the verb's target when no pattern marks one: the
// first coded noun phrase after it in its clause; an infinitive complement
// gives its own verb's target ("abandoned efforts to stop an anti-Gondor
// parade").
func (ds *dictSentence) defaultTarget(from, end, depth int) []npItem {
	for k := from; k < end; {
		t := ds.toks[k]
		if t.Lower == "to" && k+1 < end {
			if gi := groupAt(ds.sentence, k+1); gi >= 0 && ds.groups[gi].infinitive {
				if vm, ok := ds.verbOf(ds.groups[gi]); ok && depth < 3 {
					return ds.defaultTarget(vm.end, ds.clauseEnd(vm.end), depth+1)
				}
				return nil
			}
		}
		items, next := ds.codedAt(k, end)
		if items != nil {
			return items
		}
		k = next
	}
	return nil
}

// byPhrase returns the coded agent of a passive verb: "by" and a noun
// phrase in the verb's clause.
func (ds *dictSentence) byPhrase(from, end int) []npItem {
	for k := from; k+1 < end; k++ {
		if ds.toks[k].Lower == "by" && ds.npStart(k+1) {
			if l, ok := ds.readNPList(k+1, end, 0); ok && len(l.items) > 0 {
				return l.items
			}
		}
	}
	return nil
}

// nounComplement reports whether infinitive group g completes a noun
// ("efforts to stop", "the drive to meet demand").
func (ds *dictSentence) nounComplement(g verbGroup) bool {
	k := g.start - 2 // before "to"
	if k < 0 || ds.toks[g.start-1].Lower != "to" {
		return false
	}
	t := ds.toks[k]
	return strings.HasPrefix(t.Tag, "NN") && ds.at[k] < 0 && !ds.isTime(k)
}

// binding is what a pattern's markers picked out.
type binding struct {
	sources, targets, compound        []npItem
	hasSource, hasTarget, hasCompound bool
	regionEnd                         int // where the verb's clause ends, as the pattern read it
}

// matchPatterns tries the patterns of the verb's blocks, longest first, and
// returns the first that matches.
func (ds *dictSentence) matchPatterns(vm verbMatch, regionEnd int, subj []npItem) (dictFrame, binding, bool) {
	var frames []dictFrame
	seen := map[int]bool{}
	for _, f := range vm.forms {
		if !seen[f.Block] {
			seen[f.Block] = true
			frames = append(frames, ds.c.frames[f.Block]...)
		}
	}
	if len(seen) > 1 {
		sortFramesByLength(frames)
	}
	for _, f := range frames {
		if b, ok := ds.matchFrame(f, vm, regionEnd, subj); ok {
			return f, b, true
		}
	}
	return dictFrame{}, binding{}, false
}

func sortFramesByLength(fs []dictFrame) {
	for i := 1; i < len(fs); i++ {
		for j := i; j > 0 && len(fs[j].upper)+len(fs[j].lower) > len(fs[j-1].upper)+len(fs[j-1].lower); j-- {
			fs[j], fs[j-1] = fs[j-1], fs[j]
		}
	}
}

// matchFrame matches a compiled pattern around the verb: the elements
// before it from right to left, those after it from left to right within
// its clause. An element joined to the one before must follow it directly;
// one inside a group (phrase) may have only noun-phrase words between.
func (ds *dictSentence) matchFrame(f dictFrame, vm verbMatch, regionEnd int, subj []npItem) (binding, bool) {
	var b binding
	p := vm.start - 1
	for i := len(f.upper) - 1; i >= 0; i-- {
		e := f.upper[i]
		adjacent := i == len(f.upper)-1 && f.verbJoined || i+1 < len(f.upper) && f.upper[i+1].joined
		phrase := i+1 < len(f.upper) && f.upper[i+1].phrase
		switch {
		case e.words != nil || e.phrases != nil:
			start, ok := ds.findBack(e.elem, p, adjacent, phrase)
			if !ok {
				return b, false
			}
			p = start - 1
		case e.target || e.source:
			r, start, ok := ds.actorBack(p, adjacent || phrase)
			if !ok {
				return b, false
			}
			if e.target {
				b.targets, b.hasTarget = r, true
			} else {
				b.sources, b.hasSource = r, true
			}
			p = start - 1
		case e.compound:
			if len(subj) < 2 || !distinct(subj) {
				return b, false
			}
			b.compound, b.hasCompound = subj, true
			_, start, ok := ds.actorBack(p, adjacent || phrase)
			if !ok {
				return b, false
			}
			p = start - 1
		case e.skipNP:
			k := p
			for k >= 0 && !ds.npToken(k) {
				k--
			}
			if k < 0 || (adjacent || phrase) && k != p {
				return b, false
			}
			for k >= 0 && ds.npToken(k) {
				k--
			}
			p = k
		}
	}
	q := vm.end
	for _, e := range f.lower {
		switch {
		case e.words != nil || e.phrases != nil:
			end, ok := ds.findFwd(e.elem, q, regionEnd, e.joined, e.phrase)
			if !ok && regionEnd < len(ds.toks) && e.words[ds.toks[regionEnd].Lower] {
				// The pattern names the word that ends the clause ("appeared
				// (BEFORE COURT)"): a preposition here, and the clause goes on.
				if end, ok = ds.findFwd(e.elem, q, regionEnd+1, e.joined, e.phrase); ok {
					regionEnd = ds.clauseEnd(end)
				}
			}
			if !ok {
				return b, false
			}
			q = end
		case e.target || e.source || e.compound:
			l, ok := ds.actorFwd(q, regionEnd, e.joined || e.phrase)
			if !ok {
				return b, false
			}
			switch {
			case e.target:
				b.targets, b.hasTarget = l.items, true
			case e.source:
				b.sources, b.hasSource = l.items, true
			default:
				b.targets, b.hasTarget = l.items, true
			}
			q = l.end
		case e.skipNP:
			k := q
			for k < regionEnd && !ds.npStart(k) {
				k++
			}
			if k >= regionEnd || (e.joined || e.phrase) && k != q {
				return b, false
			}
			for k < regionEnd && ds.npToken(k) {
				if mi := ds.at[k]; mi >= 0 {
					k = ds.ments[mi].end
					continue
				}
				k++
			}
			q = k
		}
	}
	b.regionEnd = regionEnd
	return b, true
}

// findBack finds a word or phrase element ending at or before token p
// (exactly at p when adjacent; with only noun-phrase words after it when
// phrase) and returns where it starts.
func (ds *dictSentence) findBack(e elem, p int, adjacent, phrase bool) (int, bool) {
	for k := p; k >= 0; k-- {
		if start, ok := ds.elemEndsAt(e, k); ok {
			return start, true
		}
		if adjacent || phrase && !ds.npToken(k) {
			break
		}
	}
	return 0, false
}

func (ds *dictSentence) elemEndsAt(e elem, k int) (int, bool) {
	if e.words != nil {
		return k, e.words[ds.toks[k].Lower]
	}
	best := -1
	for _, ph := range e.phrases {
		st := k - len(ph) + 1
		if st < 0 || st <= best && best >= 0 {
			continue
		}
		if ds.wordsAt(ph, st) && (best < 0 || st < best) {
			best = st
		}
	}
	return best, best >= 0
}

// findFwd finds a word or phrase element starting at or after q (exactly
// at q when adjacent; with only noun-phrase words before it when phrase),
// before end, and returns the token after it.
func (ds *dictSentence) findFwd(e elem, q, end int, adjacent, phrase bool) (int, bool) {
	for k := q; k < end; k++ {
		if e.words != nil && e.words[ds.toks[k].Lower] {
			return k + 1, true
		}
		longest := 0
		for _, ph := range e.phrases {
			if len(ph) > longest && k+len(ph) <= end && ds.wordsAt(ph, k) {
				longest = len(ph)
			}
		}
		if longest > 0 {
			return k + longest, true
		}
		if adjacent || phrase && !ds.npToken(k) {
			break
		}
	}
	return 0, false
}

func (ds *dictSentence) wordsAt(ph []string, st int) bool {
	if st+len(ph) > len(ds.toks) {
		return false
	}
	for i, w := range ph {
		if ds.toks[st+i].Lower != w {
			return false
		}
	}
	return true
}

// actorBack finds the nearest coded noun phrase ending at or before p and
// returns its actors and where it starts.
func (ds *dictSentence) actorBack(p int, adjacent bool) ([]npItem, int, bool) {
	for k := p; k >= 0; k-- {
		if mi := ds.at[k]; mi >= 0 {
			m := ds.ments[mi]
			if m.unit.actor && m.unit.codes == nil {
				continue
			}
			st := m.start
			for st > 0 && ds.npToken(st-1) {
				st--
			}
			if r, ok := ds.readNP(st, p+1, 0); ok && len(r.items) > 0 {
				return r.items, st, true
			}
		}
		if adjacent && !ds.npToken(k) {
			break
		}
	}
	return nil, 0, false
}

// actorFwd finds the first coded noun phrases at or after q, before end.
func (ds *dictSentence) actorFwd(q, end int, adjacent bool) (npList, bool) {
	for k := q; k < end; {
		if ds.npStart(k) {
			l, ok := ds.readNPList(k, end, 0)
			if ok && len(l.items) > 0 {
				return l, true
			}
			if adjacent {
				break
			}
			if ok && l.end > k {
				k = l.end
				continue
			}
		}
		if adjacent {
			break
		}
		k++
	}
	return npList{}, false
}
