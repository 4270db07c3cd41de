package extract

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/schema"
)

// This file codes events with PETRARCH/TABARI dictionaries. It reuses the
// pipeline's reading of a sentence (prose's tags, verb groups with voice
// and mood, coordination, time words) and compiles the dictionary's verb
// patterns into the rule engine's frame elements (frame.go). What differs
// from the built-in lexicon is the dictionaries' convention for who is
// source and target:
//
//   - an actor is a noun phrase holding a dictionary actor; agents in the
//     same phrase add their codes ("Gondor police" GONCOP, "the ambassadors
//     of Arnor" ARNGOV); a phrase with no actor takes one from a phrase
//     after "of", "in", "from" … ("goats of Gondor"), and agents alone code
//     "---" plus the agent;
//   - the source is the verb's subject (shared by coordinated verbs and
//     infinitives), the target the first coded noun phrase after the verb
//     in its clause, or what a pattern's + or $ marks;
//   - the patterns encode negation and mood themselves ("WILL NOT *"), so
//     modal, negated and infinitive verbs are coded like any other;
//   - a verb's event takes in an infinitive complement ("called on Gondor
//     to allow …"), which is then not coded on its own;
//   - a compound subject with no target codes its members to each other.

// dictCoder holds dictionaries compiled for coding.
type dictCoder struct {
	d      *petrarch.Dictionaries
	frames [][]dictFrame // per verb block: its patterns, longest first
}

// dictFrame is a verb pattern compiled to frame elements.
type dictFrame struct {
	upper, lower []dictElem
	verbJoined   bool
	code         petrarch.EventCode
	text         string
	line         int
	block        int
}

func newDictCoder(d *petrarch.Dictionaries) *dictCoder {
	c := &dictCoder{d: d}
	if d.Verbs == nil {
		return c
	}
	c.frames = make([][]dictFrame, len(d.Verbs.Blocks))
	for bi, b := range d.Verbs.Blocks {
		for _, pt := range b.Patterns {
			f := dictFrame{verbJoined: pt.VerbJoined, code: pt.Code, text: b.Name + ": " + pt.Text, line: pt.Line, block: bi}
			f.upper = compileDictElems(pt.Upper, d.Verbs)
			f.lower = compileDictElems(pt.Lower, d.Verbs)
			c.frames[bi] = append(c.frames[bi], f)
		}
		sort.SliceStable(c.frames[bi], func(i, j int) bool {
			return len(c.frames[bi][i].upper)+len(c.frames[bi][i].lower) > len(c.frames[bi][j].upper)+len(c.frames[bi][j].lower)
		})
	}
	return c
}

// dictElem is a pattern element: a frame element, and whether it stands in
// the noun phrase of the element before (inside a {…} or (…) group).
type dictElem struct {
	elem
	phrase bool
}

func compileDictElems(es []petrarch.Elem, v *petrarch.Verbs) []dictElem {
	out := make([]dictElem, 0, len(es))
	for _, e := range es {
		x := dictElem{elem: elem{joined: e.Joined}, phrase: e.Phrase}
		switch e.Kind {
		case petrarch.ElemWord:
			x.words = map[string]bool{strings.ToLower(e.Word): true}
			for _, a := range e.Alts {
				x.words[strings.ToLower(a)] = true
			}
		case petrarch.ElemSynset:
			for _, ph := range v.Synsets[e.Synset] {
				low := make([]string, len(ph))
				for i, w := range ph {
					low[i] = strings.ToLower(w)
				}
				x.phrases = append(x.phrases, low)
			}
		case petrarch.ElemTarget:
			x.target = true
		case petrarch.ElemSource:
			x.source = true
		case petrarch.ElemCompound:
			x.compound = true
		case petrarch.ElemSkip:
			x.skipNP = true
		}
		out = append(out, x)
	}
	return out
}

// dictUnit is a dictionary actor or agent found in a sentence.
type dictUnit struct {
	actor  bool
	codes  []string // actor: its codes on the record's day; nil when none holds
	agent  string   // agent: its code
	prefix bool     // agent: written before the actor's code (NGO~)
}

// npItem is one actor a noun phrase codes.
type npItem struct {
	code string
	name string
}

// dictSentence is a sentence being coded, with what has been worked out.
type dictSentence struct {
	*sentence
	c        *dictCoder
	p        *Pipeline
	date     petrarch.Date
	subjMemo map[int][]npItem
	subjDone map[int]bool
	prev     []npItem  // the last coded subject of earlier sentences, for "it"
	recent   []unitRef // actors of earlier sentences, oldest first, for "the country"
}

// unitRef is an actor named earlier in a record.
type unitRef struct {
	codes []string
	name  string
	kind  schema.Kind // when the gazetteer says
}

// codeWithDictionaries is Code's dictionary path. With w set it also
// writes how it read each sentence.
func (p *Pipeline) codeWithDictionaries(ctx context.Context, rec Record, opts CodeOptions, w io.Writer) ([]Event, error) {
	text := strings.ReplaceAll(rec.Text, "_", " ")
	d := &Document{Document: schema.Document{ID: schema.DocumentIRI(rec.ID, text), Published: rec.Date, Text: text}}
	for _, st := range []Stage{segmentStage{p}, tagStage{p}} {
		if err := st.Run(ctx, d); err != nil {
			return nil, fmt.Errorf("%s: %w", st.Name(), err)
		}
	}
	day := petrarch.DateOf(d.date)
	var (
		out    []Event
		seen   = map[[3]string]bool{}
		prev   []npItem
		recent []unitRef
	)
	for _, s := range d.sentences {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		s.toks = dropCommaClauses(s.toks, opts)
		if len(s.toks) == 0 {
			continue
		}
		ds := &dictSentence{sentence: s, c: p.dict, p: p, date: day, subjMemo: map[int][]npItem{}, subjDone: map[int]bool{}, prev: prev, recent: recent}
		ds.findUnits()
		for _, m := range ds.ments {
			if m.unit.actor && m.unit.codes != nil {
				recent = append(recent, unitRef{codes: m.unit.codes, name: m.text, kind: m.entity.Type})
			}
		}
		ds.times = findTimexes(s.toks, d.date)
		ds.timeTok = make([]bool, len(s.toks))
		for _, tx := range ds.times {
			for k := max(tx.start, 0); k < tx.end && k < len(s.toks); k++ {
				if s.at[k] < 0 {
					ds.timeTok[k] = true
				}
			}
		}
		ds.retagVerbs()
		p.findGroups(s)
		evs, last := ds.code(opts, w)
		for _, ev := range evs {
			k := [3]string{ev.Source, ev.Target, ev.Code}
			if !seen[k] {
				seen[k] = true
				out = append(out, ev)
			}
		}
		if len(last) > 0 {
			prev = last
		}
	}
	return out, nil
}

// ExplainCode writes, for each sentence of the record, how the dictionary
// coder read it: the tokens left after comma clauses are set aside, the
// actors and agents found, the verbs with their subjects, the pattern that
// matched and the events. Without dictionaries it explains the built-in
// pipeline instead (see Explain).
func (p *Pipeline) ExplainCode(ctx context.Context, rec Record, opts CodeOptions, w io.Writer) error {
	if len(rec.Options) > 0 {
		if err := json.Unmarshal(rec.Options, &opts); err != nil {
			return fmt.Errorf("record %s: options: %w", rec.ID, err)
		}
	}
	if p.dict == nil || p.dict.d.Verbs == nil {
		return p.Explain(ctx, schema.Document{ID: schema.DocumentIRI(rec.ID, rec.Text), Published: rec.Date, Text: rec.Text}, w)
	}
	_, err := p.codeWithDictionaries(ctx, rec, opts, w)
	return err
}

// dropCommaClauses sets aside short comma-delimited clauses, as PETRARCH
// does before coding: such clauses are mostly appositions and asides.
func dropCommaClauses(toks []Token, o CodeOptions) []Token {
	var commas []int
	for i, t := range toks {
		if t.Text == "," {
			commas = append(commas, i)
		}
	}
	if len(commas) == 0 {
		return toks
	}
	// count returns the clause's words, and whether it must stay: it holds a
	// conjunction (a list) or, unless it ends the sentence, a finite verb
	// (the main clause).
	count := func(a, b int, final bool) (int, bool) {
		n, keep := 0, false
		for k := a; k < b; k++ {
			if isWordToken(toks[k]) {
				n++
			}
			switch toks[k].Tag {
			case "CC":
				keep = true
			case "VBZ", "VBP", "VBD", "MD":
				keep = keep || !final
			}
		}
		return n, keep
	}
	drop := make([]bool, len(toks))
	mark := func(a, b int) {
		for k := a; k <= b && k < len(toks); k++ {
			drop[k] = true
		}
	}
	if o.CommaBMax > 0 {
		if n, keep := count(0, commas[0], false); !keep && n >= o.CommaBMin && n <= o.CommaBMax {
			mark(0, commas[0])
		}
	}
	if o.CommaMax > 0 {
		for i := 0; i+1 < len(commas); i++ {
			a, b := commas[i]+1, commas[i+1]
			n, keep := count(a, b, false)
			if keep || n < o.CommaMin || n > o.CommaMax || continuesList(toks, b) {
				continue
			}
			mark(commas[i], b)
		}
	}
	if o.CommaEMax > 0 {
		last := commas[len(commas)-1]
		end := len(toks)
		if t := toks[end-1].Text; t == "." || t == "!" || t == "?" {
			end--
		}
		if n, keep := count(last+1, end, true); !keep && n >= o.CommaEMin && n <= o.CommaEMax {
			mark(last, end-1)
		}
	}
	out := make([]Token, 0, len(toks))
	for i, t := range toks {
		if !drop[i] {
			out = append(out, t)
		}
	}
	return out
}

// continuesList reports whether the comma at b is followed by the rest of
// a list: "Mordor, Rohan and Bree" (after "Rohan").
func continuesList(toks []Token, b int) bool {
	for k := b + 1; k < len(toks) && k < b+8; k++ {
		t := toks[k]
		if t.Tag == "CC" {
			return true
		}
		if isVerb(t) || t.Text == "," || !isWordToken(t) {
			return false
		}
	}
	return false
}

func isWordToken(t Token) bool {
	for _, r := range t.Text {
		if r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 {
			return true
		}
	}
	return false
}

// findUnits finds the dictionary actors and agents of the sentence (or,
// where a dictionary is missing, the gazetteer's), as mentions.
func (ds *dictSentence) findUnits() {
	toks := ds.toks
	keys := make([]string, len(toks))
	words := make([]string, len(toks))
	for i, t := range toks {
		keys[i] = petrarch.Key(t.Text)
		words[i] = t.Text
	}
	skippable := func(i int) bool {
		t := toks[i].Tag
		return strings.HasPrefix(t, "JJ") || strings.HasPrefix(t, "NN") || t == "DT" || t == "CD" || t == "VBN" || t == "VBG"
	}
	d := ds.c.d
	var gaz map[int]mention
	if d.Actors == nil {
		gaz = map[int]mention{}
		for _, m := range ds.p.gaz.Match(words) {
			if isMonthModifier(toks, m) {
				continue
			}
			code := m.Actor.CAMEO
			u := &dictUnit{actor: true}
			if code != "" {
				u.codes = []string{code}
			}
			gaz[m.Start] = mention{start: m.Start, end: m.End, entity: m.Actor.Entity(), text: m.Text, unit: u}
		}
	}
	ds.ments = nil
	for i := 0; i < len(toks); {
		var best *mention
		if d.Actors != nil {
			if am, ok := d.Actors.Match(keys, i, skippable); ok {
				a := d.Actors.Entries[am.Entry]
				codes, _ := a.CodesOn(ds.date)
				best = &mention{start: i, end: am.End, text: joinTokens(toks[i:am.End]),
					entity: schema.Entity{Name: a.Names[0].String(), CAMEO: strings.Join(codes, "/")},
					unit:   &dictUnit{actor: true, codes: codes}}
			}
		} else if m, ok := gaz[i]; ok {
			best = &m
		}
		if d.Agents != nil {
			if ag, ok := d.Agents.Match(keys, i, skippable); ok && (best == nil || ag.End > best.end) {
				a := d.Agents.Entries[ag.Entry]
				best = &mention{start: i, end: ag.End, text: joinTokens(toks[i:ag.End]),
					entity: schema.Entity{Name: a.Phrase.String()}, unit: &dictUnit{agent: a.Code, prefix: a.Prefix}}
			}
		} else if ag, end, ok := ds.p.gaz.MatchAgent(words, i); ok && (best == nil || end > best.end) {
			best = &mention{start: i, end: end, text: joinTokens(toks[i:end]),
				entity: schema.Entity{Name: ag.Phrase()}, unit: &dictUnit{agent: ag.Role}}
		}
		if best == nil {
			i++
			continue
		}
		ds.ments = append(ds.ments, *best)
		i = best.end
	}
	ds.index()
	ds.findAnaphors()
}

func (ds *dictSentence) index() {
	ds.at = make([]int, len(ds.toks))
	for i := range ds.at {
		ds.at[i] = -1
	}
	for k, m := range ds.ments {
		for i := m.start; i < m.end; i++ {
			ds.at[i] = k
		}
	}
}

// dictAnaphors are the nouns that, after "the" or "this", point back to an
// actor named before: a state, or a group.
var dictAnaphors = map[string]bool{
	"country": true, "nation": true, "state": true, "kingdom": true, "republic": true,
	"group": false, "movement": false, "militia": false, "organization": false, "organisation": false,
	"faction": false, "rebels": false, "militants": false, "insurgents": false,
}

// findAnaphors turns "the country", "the group", "this militant movement"
// into mentions of the actor they point back to: the last suitable actor
// named before, in the sentence (not in its opening subject) or in an
// earlier one.
func (ds *dictSentence) findAnaphors() {
	toks := ds.toks
	added := false
	firstVerb := len(toks)
	for i, t := range toks {
		if isVerb(t) && ds.at[i] < 0 {
			firstVerb = i
			break
		}
	}
	for k := 0; k < len(toks); k++ {
		state, ok := dictAnaphors[toks[k].Lower]
		if !ok || ds.at[k] >= 0 || !strings.HasPrefix(toks[k].Tag, "NN") {
			continue
		}
		b := k
		for b > 0 && ds.at[b-1] < 0 && (strings.HasPrefix(toks[b-1].Tag, "JJ") || toks[b-1].Tag == "NN") {
			b--
		}
		if b == 0 || toks[b-1].Lower != "the" && toks[b-1].Lower != "this" {
			continue
		}
		if k+1 < len(toks) && (toks[k+1].Lower == "of" || toks[k+1].Tag == "POS" && k+2 < len(toks) && ds.at[k+2] >= 0) {
			continue // "the state of Palestine", "the government of Iran"
		}
		var cands []unitRef
		for mi := len(ds.ments) - 1; mi >= 0; mi-- {
			m := ds.ments[mi]
			if m.end <= b-1 && m.start > firstVerb && m.unit.actor && m.unit.codes != nil {
				cands = append(cands, unitRef{codes: m.unit.codes, name: m.text, kind: m.entity.Type})
			}
		}
		for i := len(ds.recent) - 1; i >= 0 && i >= len(ds.recent)-12; i-- {
			cands = append(cands, ds.recent[i])
		}
		for _, c := range cands {
			if codes, ok := anaphorCodes(c, state); ok {
				ds.ments = append(ds.ments, mention{start: b - 1, end: k + 1, text: joinTokens(toks[b-1 : k+1]),
					entity: schema.Entity{Name: c.name, CAMEO: strings.Join(codes, "/")}, unit: &dictUnit{actor: true, codes: codes}, anaphor: true})
				added = true
				break
			}
		}
	}
	if added {
		sortMentions(ds.ments)
		ds.index()
	}
}

// anaphorCodes returns the codes an anaphor takes from an earlier actor:
// "the country" a state (IRNGOV gives IRN), "the group" an armed or
// political group.
func anaphorCodes(c unitRef, state bool) ([]string, bool) {
	var out []string
	for _, code := range c.codes {
		root, roles := schema.SplitActorCode(code)
		switch {
		case c.kind != "":
			if state && (c.kind == schema.Country || c.kind == schema.Government || c.kind == schema.Agency) && len(root) == 3 {
				out = append(out, root)
			}
			if !state && (c.kind == schema.ArmedGroup || c.kind == schema.PoliticalGroup) {
				out = append(out, code)
			}
		case state:
			if len(root) == 3 && root != NullActor && !groupRole(roles) {
				out = append(out, root)
			}
		default:
			if len(root) > 3 || groupRole(roles) {
				out = append(out, code)
			}
		}
	}
	return out, len(out) > 0
}

func groupRole(roles []string) bool {
	for _, r := range roles {
		switch r {
		case "REB", "INS", "SEP", "UAF", "OPP", "PTY", "RAD":
			return true
		}
	}
	return false
}

// retagVerbs reads as verbs the dictionary verbs the tagger took for nouns
// or prepositions where a verb belongs: after an adverb, a modal or "to"
// ("will not wire tap", "did not ever clash"), or between an actor and a
// preposition ("Ethiopia departs from Libya").
func (ds *dictSentence) retagVerbs() {
	toks := ds.toks
	for i := 1; i < len(toks); i++ {
		t := toks[i]
		if isVerb(t) || ds.at[i] >= 0 || len(ds.c.d.Verbs.Forms(t.Text)) == 0 {
			continue
		}
		prev := toks[i-1]
		next := ""
		if i+1 < len(toks) {
			next = toks[i+1].Tag
		}
		switch {
		case prev.Tag == "MD" || prev.Tag == "TO" || prev.Lower == "n't" || prev.Tag == "RB" && i > 1 && (isVerb(toks[i-2]) || toks[i-2].Tag == "RB"):
			toks[i].Tag = "VB"
		case isVerb(prev) && ds.completesVerb(i):
			toks[i].Tag = "VB"
		case (ds.at[i-1] >= 0 && ds.ments[ds.at[i-1]].unit.actor || prev.Tag == "PRP") && (next == "IN" || next == "TO" || next == "DT" || next == "PRP$"):
			toks[i].Tag = "VBZ"
		}
	}
}

// completesVerb reports whether token i ends a verb of several words whose
// other words come right before it ("wire tap").
func (ds *dictSentence) completesVerb(i int) bool {
	for _, f := range ds.c.d.Verbs.Forms(ds.toks[i].Text) {
		if f.Head > 0 && ds.formAt(f, i) {
			return true
		}
	}
	return false
}

// formAt reports whether verb form f matches with its verb proper at token h.
func (ds *dictSentence) formAt(f petrarch.Form, h int) bool {
	start := h - f.Head
	if start < 0 || start+len(f.Words) > len(ds.toks) {
		return false
	}
	for k, w := range f.Words {
		if petrarch.Key(ds.toks[start+k].Text) != w {
			return false
		}
	}
	return true
}

// verbMatch is a dictionary verb found in a verb group.
type verbMatch struct {
	forms      []petrarch.Form
	start, end int // the verb's words
}

// verbOf finds the dictionary verb of group g: its head, or another verb of
// the group that is not an auxiliary ("believed linked"); the longest form
// wins ("broken down" over "broken").
func (ds *dictSentence) verbOf(g verbGroup) (verbMatch, bool) {
	cands := []int{g.head}
	for k := g.head - 1; k >= g.start; k-- {
		if isVerb(ds.toks[k]) && ds.toks[k].Tag != "MD" && !auxiliary(ds.toks[k].Lower) {
			cands = append(cands, k)
		}
	}
	for _, h := range cands {
		var best verbMatch
		for _, f := range ds.c.d.Verbs.Forms(ds.toks[h].Text) {
			if !ds.formAt(f, h) {
				continue
			}
			start, end := h-f.Head, h-f.Head+len(f.Words)
			switch {
			case len(best.forms) == 0 || end-start > best.end-best.start:
				best = verbMatch{forms: []petrarch.Form{f}, start: start, end: end}
			case end-start == best.end-best.start:
				best.forms = append(best.forms, f)
			}
		}
		if len(best.forms) > 0 {
			return best, true
		}
	}
	return verbMatch{}, false
}

func auxiliary(w string) bool {
	return beForms[w] || w == "have" || w == "has" || w == "had" || w == "having" || w == "do" || w == "does" || w == "did"
}

// code codes the sentence's verbs; it returns the events and the subject to
// carry to the next sentence.
func (ds *dictSentence) code(opts CodeOptions, w io.Writer) ([]Event, []npItem) {
	var last []npItem
	coded := make([]bool, len(ds.groups))   // the group made an event (or took its complement in)
	skipped := make([]bool, len(ds.groups)) // folded into its governor
	read := make([]verbReading, len(ds.groups))
	if w != nil {
		ds.explainHead(w)
	}
	for gi, g := range ds.groups {
		vm, ok := ds.verbOf(g)
		if !ok {
			continue
		}
		r := &read[gi]
		r.vm, r.ok = vm, true
		if g.infinitive && ds.nounComplement(g) {
			ds.note(w, gi, "infinitive of a noun (\"efforts to stop\"): its event belongs to the noun phrase")
			r.ok = false
			continue
		}
		if g.infinitive && gi > 0 && (coded[gi-1] || skipped[gi-1]) {
			skipped[gi] = true
			r.folded = true
			ds.note(w, gi, "infinitive complement of a coded verb: folded into it")
			continue
		}
		regionEnd := ds.clauseEnd(vm.end)
		r.regionEnd = regionEnd
		subj, _ := ds.subject(gi, vm.start)
		r.subj = subj
		frame, b, matched := ds.matchPatterns(vm, regionEnd, subj)
		code := ds.baseCode(vm)
		pattern := ""
		if matched {
			code = frame.code
			pattern = frame.text
			regionEnd = max(regionEnd, b.regionEnd)
			r.regionEnd = regionEnd
		}
		r.code = code
		if code.Null() {
			ds.note(w, gi, fmt.Sprintf("verb %q: no event (code ---%s)", joinTokens(ds.toks[vm.start:vm.end]), patternNote(pattern)))
			continue
		}
		coded[gi] = true
		sources, targets := subj, b.targets
		if b.hasSource {
			sources = b.sources
		}
		explicit := b.hasSource || b.hasTarget || b.hasCompound
		switch {
		case b.hasCompound:
			sources, targets = b.compound, nil
		case !b.hasTarget:
			targets = nil
			if g.passive && !explicit {
				if by := ds.byPhrase(vm.end, regionEnd); len(by) > 0 {
					sources, targets = by, subj
					break
				}
			}
			targets = ds.defaultTarget(vm.end, regionEnd, 0)
		}
		r.sources, r.targets = sources, targets
		evs := makeEvents(sources, targets, code, opts.RequireDyad)
		verb := joinTokens(ds.toks[vm.start:vm.end])
		for i := range evs {
			evs[i].Verb, evs[i].Pattern = verb, pattern
		}
		if w != nil {
			fmt.Fprintf(w, "   verb %q code=%s%s source=%v target=%v\n", verb, code, patternNote(pattern), itemCodes(sources), itemCodes(targets))
			for _, ev := range evs {
				fmt.Fprintf(w, "   ⇒ %s %s %s\n", ev.Source, ev.Code, ev.Target)
			}
		}
		r.events = evs
		if len(subj) > 0 {
			last = subj
		}
	}
	ds.transform(read, opts, w)
	var out []Event
	for _, r := range read {
		out = append(out, r.events...)
	}
	return out, last
}

// verbReading is how the coder read one verb group.
type verbReading struct {
	ok               bool // a dictionary verb the coder read
	vm               verbMatch
	folded           bool // an infinitive folded into the verb before
	subj             []npItem
	sources, targets []npItem
	code             petrarch.EventCode
	regionEnd        int
	events           []Event
}

// transform applies the verbs dictionary's transformations: a verb whose
// clause holds another coded verb ("Gondor said Mordor attacked Rohan",
// "Gondor wants to attack Mordor") may, as the dictionary says, make one
// event of the two ("~ a (b . ATTACK) SAY = a b 112": Gondor accuses
// Mordor), which then stands for both.
func (ds *dictSentence) transform(read []verbReading, opts CodeOptions, w io.Writer) {
	v := ds.c.d.Verbs
	if len(v.Transformations) == 0 {
		return
	}
	named := func(vm verbMatch, name string) bool {
		for _, f := range vm.forms {
			if v.Named(f, name) {
				return true
			}
		}
		return false
	}
	for oi := range read {
		o := &read[oi]
		if !o.ok || o.folded || len(o.subj) == 0 {
			continue
		}
		for _, t := range v.Transformations {
			if !named(o.vm, t.Verb) {
				continue
			}
			ii := ds.innerVerb(read, oi, t.InnerSource == "_")
			if ii < 0 || !named(read[ii].vm, t.Inner) {
				continue
			}
			in := &read[ii]
			innerSubj, innerTargets, innerCode := in.sources, in.targets, in.code
			if in.folded {
				innerSubj, innerTargets, innerCode = nil, o.targets, o.code
			}
			if in.code.Null() && !in.folded || t.Code == petrarch.AnyVerb && innerCode.Null() {
				continue
			}
			env := map[string][]npItem{t.Source: o.subj}
			bind := func(name string, items []npItem) bool {
				if name == "_" || name == "." {
					return true // none (an infinitive: innerVerb made sure) or any
				}
				if len(items) == 0 {
					return false
				}
				if had, ok := env[name]; ok {
					return sameItems(had, items)
				}
				for _, other := range env {
					if sameItems(other, items) {
						return false // another letter: another actor
					}
				}
				env[name] = items
				return true
			}
			if !bind(t.InnerSource, innerSubj) || !bind(t.InnerTarget, innerTargets) {
				continue
			}
			code := innerCode
			if t.Code != petrarch.AnyVerb {
				code, _ = petrarch.ParseEventCode(t.Code)
			}
			evs := makeEvents(env[t.ResultSource], env[t.ResultTarget], code, opts.RequireDyad)
			verb := joinTokens(ds.toks[o.vm.start:o.vm.end]) + " … " + joinTokens(ds.toks[in.vm.start:in.vm.end])
			for i := range evs {
				evs[i].Verb, evs[i].Pattern = verb, t.Text
			}
			if w != nil {
				fmt.Fprintf(w, "   transformation %s (line %d): %q\n", t.Text, t.Line, verb)
				for _, ev := range evs {
					fmt.Fprintf(w, "   ⇒ %s %s %s (instead of the events above of these verbs)\n", ev.Source, ev.Code, ev.Target)
				}
			}
			o.events, in.events = evs, nil
			break
		}
	}
}

// innerVerb returns the verb a transformation takes as the inner one of
// read[oi]: its infinitive (the next verb, "wants to attack"), or the
// next verb with its own subject in its clause ("said Mordor attacked").
func (ds *dictSentence) innerVerb(read []verbReading, oi int, infinitive bool) int {
	o := read[oi]
	for i := oi + 1; i < len(read); i++ {
		if !read[i].ok {
			continue
		}
		g := ds.groups[i]
		if infinitive {
			if g.infinitive && i == oi+1 {
				return i
			}
			return -1
		}
		if g.infinitive || read[i].folded {
			continue
		}
		if o.regionEnd > 0 && read[i].vm.start >= o.regionEnd {
			return -1
		}
		return i
	}
	return -1
}

// sameItems reports whether two actor lists code the same actors.
func sameItems(a, b []npItem) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].code != b[i].code {
			return false
		}
	}
	return true
}

func patternNote(p string) string {
	if p == "" {
		return ""
	}
	return " pattern " + p
}

func itemCodes(items []npItem) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.code)
	}
	return out
}

func (ds *dictSentence) note(w io.Writer, gi int, msg string) {
	if w != nil {
		g := ds.groups[gi]
		fmt.Fprintf(w, "   verb %q: %s\n", joinTokens(ds.toks[g.start:g.end]), msg)
	}
}

func (ds *dictSentence) explainHead(w io.Writer) {
	var b strings.Builder
	fmt.Fprintf(&b, "── %s\n   tokens:", joinTokens(ds.toks))
	for _, t := range ds.toks {
		fmt.Fprintf(&b, " %s/%s", t.Text, t.Tag)
	}
	b.WriteString("\n")
	for _, m := range ds.ments {
		if m.unit.actor {
			fmt.Fprintf(&b, "   actor %q → %s %v\n", m.text, m.entity.Name, m.unit.codes)
		} else {
			pre := "~" + m.unit.agent
			if m.unit.prefix {
				pre = m.unit.agent + "~"
			}
			fmt.Fprintf(&b, "   agent %q → %s\n", m.text, pre)
		}
	}
	io.WriteString(w, b.String())
}

// baseCode is the code of the verb alone: the first of its forms' codes
// that makes an event.
func (ds *dictSentence) baseCode(vm verbMatch) petrarch.EventCode {
	for _, f := range vm.forms {
		if c := ds.c.d.Verbs.Code(f); !c.Null() {
			return c
		}
	}
	return petrarch.EventCode{Code: petrarch.NullEvent}
}

// makeEvents pairs every source with every target. A code with a second
// part ("032:033") also codes target to source. With no target, the
// members of a compound source code each other; with requireDyad off, an
// event with one side missing is coded with the null actor there.
func makeEvents(sources, targets []npItem, code petrarch.EventCode, requireDyad bool) []Event {
	var out []Event
	add := func(a, b npItem, c string) {
		if a.code == b.code && a.code != NullActor {
			return
		}
		if requireDyad && (a.code == NullActor || b.code == NullActor) {
			return
		}
		out = append(out, Event{Source: a.code, Target: b.code, Code: c, SourceName: a.name, TargetName: b.name})
	}
	reverse := code.Reverse
	forward := code.Forward()
	null := npItem{code: NullActor}
	switch {
	case len(sources) > 0 && len(targets) > 0:
		for _, s := range sources {
			for _, t := range targets {
				if forward {
					add(s, t, code.Code)
				}
				if reverse != "" {
					add(t, s, reverse)
				}
			}
		}
	case len(sources) > 1 && distinct(sources):
		fwd := code.Code
		if !forward {
			fwd = reverse
		}
		if reverse == "" {
			reverse = fwd
		}
		for i := range sources {
			for j := i + 1; j < len(sources); j++ {
				add(sources[i], sources[j], fwd)
				add(sources[j], sources[i], reverse)
			}
		}
	case len(sources) > 0 && !requireDyad:
		for _, s := range sources {
			if forward {
				add(s, null, code.Code)
			} else {
				add(null, s, reverse)
			}
		}
	case len(targets) > 0 && !requireDyad:
		for _, t := range targets {
			if forward {
				add(null, t, code.Code)
			} else {
				add(t, null, reverse)
			}
		}
	}
	return out
}

func distinct(items []npItem) bool {
	for i := 1; i < len(items); i++ {
		if items[i].code != items[0].code {
			return true
		}
	}
	return false
}
