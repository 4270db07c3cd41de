package extract

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gopkg.in/neurosnap/sentences.v1"
	"gopkg.in/neurosnap/sentences.v1/english"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/extract/parse"
	"github.com/geokg/geokg/schema"
)

// ErrEmptyText is returned for a document with no text to read.
var ErrEmptyText = errors.New("document has no text")

// DefaultMaxSentence is the longest sentence, in bytes, given to the tagger;
// longer runs (tables, lists without punctuation) are skipped.
const DefaultMaxSentence = 2000

// Document is a document as it passes through the stages: the source
// document, then what each stage adds.
type Document struct {
	schema.Document
	Statements []schema.Statement

	date      time.Time
	norm      normalized
	spans     []sentenceSpan
	sentences []*sentence
	findings  [][]finding // per sentence
}

// Stage is one step of the pipeline. It reads what earlier stages added to
// the document and adds its own part.
type Stage interface {
	Name() string
	Run(ctx context.Context, doc *Document) error
}

// Pipeline extracts statements from documents. It holds the prose model,
// the sentence splitter and the gazetteer, loaded once; it is safe for
// concurrent use by many goroutines.
type Pipeline struct {
	gaz         *gazetteer.Gazetteer
	model       *tagger
	parser      *parse.Model
	splitter    *sentences.DefaultSentenceTokenizer
	lemmas      lemmatizer
	byVerb      map[string][]compiledRule
	maxSentence int
	warn        func(Warning) // see WithWarnings; nil drops warnings
	dict        *dictCoder    // see WithDictionaries; nil codes with the built-in lexicon
	stages      []Stage
}

// Option configures a Pipeline.
type Option func(*Pipeline)

// WithGazetteer replaces the built-in gazetteer.
func WithGazetteer(g *gazetteer.Gazetteer) Option { return func(p *Pipeline) { p.gaz = g } }

// WithMaxSentence sets the longest sentence given to the tagger, in bytes.
func WithMaxSentence(n int) Option { return func(p *Pipeline) { p.maxSentence = n } }

// New loads the models and returns a Pipeline.
func New(opts ...Option) (*Pipeline, error) {
	p := &Pipeline{maxSentence: DefaultMaxSentence}
	for _, o := range opts {
		o(p)
	}
	if p.gaz == nil {
		g, err := gazetteer.Builtin()
		if err != nil {
			return nil, fmt.Errorf("load gazetteer: %w", err)
		}
		p.gaz = g
	}
	split, err := english.NewSentenceTokenizer(nil)
	if err != nil {
		return nil, fmt.Errorf("load sentence splitter: %w", err)
	}
	p.splitter = split
	if p.parser, err = parse.Default(); err != nil {
		return nil, fmt.Errorf("load parser: %w", err)
	}
	p.model = newTagger(p.parser)
	p.lemmas = newLemmatizer(ruleVerbs())
	p.byVerb = make(map[string][]compiledRule)
	for _, r := range rules {
		for _, v := range r.verbs {
			p.byVerb[v] = append(p.byVerb[v], compiledRule{rule: r, elems: compileFrame(r.frame)})
		}
	}
	p.stages = []Stage{segmentStage{p}, tagStage{p}, mentionStage{p}, parseStage{p}, corefStage{p}, relationStage{p}, statementStage{p}}
	return p, nil
}

// Gazetteer returns the gazetteer the pipeline matches actors with.
func (p *Pipeline) Gazetteer() *gazetteer.Gazetteer { return p.gaz }

// Extract returns the statements found in doc, in text order.
func (p *Pipeline) Extract(ctx context.Context, doc schema.Document) ([]schema.Statement, error) {
	d := &Document{Document: doc}
	if err := p.Run(ctx, d); err != nil {
		return nil, err
	}
	return d.Statements, nil
}

// Run runs every stage over d, stopping at the first error.
func (p *Pipeline) Run(ctx context.Context, d *Document) error {
	if strings.TrimSpace(d.Text) == "" {
		return ErrEmptyText
	}
	if d.ID == "" {
		d.ID = schema.DocumentIRI("", d.Text)
	}
	for _, st := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := st.Run(ctx, d); err != nil {
			return fmt.Errorf("%s: %w", st.Name(), err)
		}
	}
	return nil
}

// segmentStage folds the text and splits it into sentences.
type segmentStage struct{ p *Pipeline }

func (segmentStage) Name() string { return "segment" }

func (s segmentStage) Run(_ context.Context, d *Document) error {
	date, err := parseDocDate(d.Published)
	if err != nil {
		return err
	}
	d.date = date
	d.norm = normalize(d.Text)
	d.spans = segment(s.p.splitter, d.norm.text)
	return nil
}

// tagStage splits every sentence into tokens and tags them (see tagger).
type tagStage struct{ p *Pipeline }

func (tagStage) Name() string { return "tag" }

func (t tagStage) Run(ctx context.Context, d *Document) error {
	for _, sp := range d.spans {
		if err := ctx.Err(); err != nil {
			return err
		}
		if sp.end-sp.start > t.p.maxSentence {
			if t.p.warn != nil {
				o := d.norm.span(sp.start, sp.end)
				t.p.warn(Warning{Doc: d.ID, Source: d.Source, Offset: o[0], Length: o[1] - o[0], Limit: t.p.maxSentence})
			}
			continue
		}
		toks, tagged, alt, err := t.p.model.tag(d.norm.text, sp.start, sp.end)
		if err != nil {
			return fmt.Errorf("sentence at byte %d: %w", sp.start, err)
		}
		if len(toks) == 0 {
			continue
		}
		t.p.repairTags(toks)
		s := &sentence{toks: toks, tagged: tagged, alt: alt, start: sp.start, end: sp.end, block: sp.block}
		s.question = toks[len(toks)-1].Text == "?"
		d.sentences = append(d.sentences, s)
	}
	return nil
}

// mentionStage finds actors, verb groups and time expressions.
type mentionStage struct{ p *Pipeline }

func (mentionStage) Name() string { return "mentions" }

func (m mentionStage) Run(_ context.Context, d *Document) error {
	learned := &learning{}
	var names familyNames
	if !d.date.IsZero() {
		learned.date = d.date.Format(time.DateOnly)
	}
	for _, s := range d.sentences {
		s.ments = names.mentions(s.toks, m.p.findMentions(s.toks, learned))
		names.learn(s.toks, s.ments)
		s.at = make([]int, len(s.toks))
		for i := range s.at {
			s.at[i] = -1
		}
		for k, men := range s.ments {
			for i := men.start; i < men.end && i < len(s.at); i++ {
				s.at[i] = k
			}
		}
		s.times = dropDateline(s.toks, findTimexes(s.toks, d.date))
		s.timeTok = make([]bool, len(s.toks))
		for _, tx := range s.times {
			for k := tx.start; k < tx.end && k < len(s.toks); k++ {
				if k >= 0 && s.at[k] < 0 {
					s.timeTok[k] = true
				}
			}
		}
		m.p.findGroups(s)
		assignDates(s)
	}
	return nil
}

// assignDates gives each time expression to the verb group nearest it
// within the same part of the sentence (colons and semicolons divide).
func assignDates(s *sentence) {
	part := make([]int, len(s.toks)+1)
	for i, t := range s.toks {
		part[i+1] = part[i]
		if t.Text == ":" || t.Text == ";" {
			part[i+1]++
		}
	}
	for ti := range s.times {
		tx := &s.times[ti]
		// An adverbial after a verb modifies it ("broke off ties with Taiwan
		// on Thursday and recognised …"); one before every verb ("Since
		// 2016, the group …") modifies the first that follows.
		best := -1
		for gi, g := range s.groups {
			if part[g.head] != part[max(tx.start, 0)] || g.reduced && best >= 0 {
				continue
			}
			if g.end <= tx.start || best < 0 {
				best = gi
			}
		}
		if best >= 0 && s.groups[best].date == nil {
			s.groups[best].date = tx
		}
		// "since 2016, when Albania agreed to …": the when-clause happens
		// at that time too.
		if tx.end+1 < len(s.toks) && s.toks[tx.end].Text == "," && s.toks[tx.end+1].Lower == "when" {
			for gi := range s.groups {
				if s.groups[gi].start > tx.end+1 && s.groups[gi].date == nil {
					s.groups[gi].date = tx
					break
				}
			}
		}
	}
}

// relationStage applies the rules, sentence by sentence, keeping the
// discourse for anaphora.
type relationStage struct{ p *Pipeline }

func (relationStage) Name() string { return "relations" }

func (r relationStage) Run(_ context.Context, d *Document) error {
	disc := &discourse{}
	if !d.date.IsZero() {
		disc.published = d.date.Format("2006-01-02")
	}
	var carry *timex // the date the paragraph's narrative is at
	r.p.quoteSpeakers(d.sentences, &discourse{published: disc.published})
	for _, s := range d.sentences {
		r.p.resolveAnaphors(s, disc)
		s.pair, s.parties, s.fight, s.met, s.acts, s.authors = disc.lastPair(), disc.parties, disc.fight, disc.met, disc.acts, disc.authors
		s.prior = disc.mentioned
		fs := r.p.readSentence(s, disc)
		fs = append(fs, r.p.readEventNouns(s)...)
		fs = append(fs, r.p.readOffices(s)...)
		fs = append(fs, r.p.readTreeVerbs(s)...)
		fs = append(fs, r.p.readStances(s)...)
		fs = append(fs, r.p.readRoles(s)...)
		fs = append(fs, r.p.readHeadquarters(s)...)
		fs = append(fs, r.p.readCharges(s)...)
		fs = append(fs, r.p.readBlame(s)...)
		fs = append(fs, r.p.readVerdicts(s)...)
		fs = append(fs, r.p.readReportedHarm(s)...)
		fs = append(fs, r.p.readMisconduct(s)...)
		fs = append(fs, r.p.readReactions(s)...)
		fs = append(fs, r.p.readConsequences(s)...)
		fs = append(fs, r.p.readNamedAlliances(s)...)
		fs = append(fs, r.p.readSignatories(s)...)
		fs = append(fs, r.p.officeLinks(s)...)
		r.p.attribute(s, disc, fs)
		for i := range fs {
			r.date(s, disc, &fs[i])
			if fs[i].date == nil && s.quoteWhen != nil && fs[i].modality == "" && saidActs[fs[i].predicate] {
				fs[i].date = s.quoteWhen // a charge made in a quotation is made when it is told
			}
			// A sentence that names no time goes on with the paragraph's
			// story: "Biden met Zelensky at the palace" after "Biden
			// arrived in Kyiv on Monday".
			if fs[i].date == nil && len(s.times) == 0 && carry != nil && fs[i].group >= 0 && !carry.since && r.narrative(s, fs[i]) {
				fs[i].date = carry
				fs[i].conf *= 0.9
			}
		}
		fs = append(fs, presupposedHosting(fs)...)
		d.findings = append(d.findings, fs)
		disc.mentioned = append(disc.mentioned, s.ments...)
		for _, f := range fs {
			if sidesActs[f.predicate] && f.modality == "" && !f.negated && f.subj.person == nil && f.obj.person == nil {
				disc.parties = []mention{f.subj, f.obj} // "the deal" later is theirs
			}
			if a, b, ok := sideStates(f); ok && (f.predicate == "met_with" || f.predicate == "negotiated_with") && f.modality == "" && !f.negated {
				disc.met = []mention{a, b} // "the meeting" later is theirs
			}
			if fightActs[f.predicate] && f.modality == "" && !f.negated && f.subj.person == nil && f.obj.person == nil && !f.obj.people {
				disc.fight = []mention{f.subj, f.obj} // "all parties" to it later
			}
			if f.group >= 0 && f.modality == "" && !f.negated && f.attributedTo == "" && isEvent(f.predicate) && !saidActs[f.predicate] && f.predicate != "supported" && f.subj.person == nil {
				// "the decision" later is the last doer's
				disc.acts = append(disc.acts[max(0, len(disc.acts)-15):], [2]mention{f.subj, f.obj})
			}
		}
		r.p.noteAuthors(s, disc)
		disc.lastDate = nil
		for _, g := range s.groups {
			if g.date != nil && !g.speech && !g.reduced && !g.date.since && !g.date.until {
				// the main clause's, usually first; "since 1941" starts a
				// standing relation, it is no point the story is at
				disc.lastDate = g.date
				break
			}
		}
		for _, g := range s.groups {
			if g.date != nil && g.speech && disc.lastDate == nil {
				disc.lastDate = g.date
			}
		}
		if disc.lastDate != nil {
			carry = disc.lastDate
		} else if len(s.times) > 0 {
			carry = nil // a time we could not place: do not guess past it
		}
	}
	return nil
}

// charges are acts whose "of …"/"for …" complement is another event: a
// month or year inside it dates that event, not the charge ("accusing
// Tehran of a cyberattack in July" was said today), while "on Tuesday"
// still dates the charge, as news writes it.
var charges = map[string]bool{"accused": true, "condemned": true, "denied": true, "praised": true}

// saidActs are acts done by saying them: made inside a quotation, they
// happen when the quotation is told.
var saidActs = map[string]bool{"accused": true, "condemned": true, "denied": true, "praised": true, "threatened": true, "warned": true, "requested": true}

// complementBefore reports whether an "of" or "for" stands between the
// verb group and the time expression.
func complementBefore(s *sentence, g verbGroup, tx *timex) bool {
	for k := g.end; k < tx.start && k < len(s.toks); k++ {
		if w := s.toks[k].Lower; w == "of" || w == "for" {
			return true
		}
	}
	return false
}

// reports tells whether g is in the clause the speech verb introduces:
// "said on Monday that Ukraine had severed …", not "declared war on
// Sunday, a day after the group launched …".
func reports(s *sentence, speech, g verbGroup) bool {
	for k := speech.end; k < g.start; k++ {
		if s.toks[k].Text == "," || isSubordinator(s.toks[k].Lower) && s.toks[k].Lower != "as" {
			return false
		}
	}
	return true
}

// narrative reports whether a finding is a past event told in sequence,
// which may take the date the story is at.
func (relationStage) narrative(s *sentence, f finding) bool {
	pred, _ := schema.LookupPredicate(f.predicate)
	g := s.groups[f.group]
	head := s.toks[g.head]
	return pred.Kind == schema.Event && (head.Tag == "VBD" || head.Tag == "VBN" && (!g.passive || g.reduced) || g.participle)
}

// date finds the time of a finding: its own verb group's, a coordinated
// group's, the reporting verb's for an ongoing act ("announced that it was
// severing ties"), or the previous sentence's when the subject is a pronoun
// continuing it.
func (relationStage) date(s *sentence, disc *discourse, f *finding) {
	if f.group < 0 {
		return
	}
	g := s.groups[f.group]
	if g.date != nil && !(charges[f.predicate] && !g.date.deictic && complementBefore(s, g, g.date)) {
		f.date = g.date
		return
	}
	if f.modality != "" {
		// An announced act with no date of its own is dated by its
		// announcement: "Macron has said France will withdraw its troops".
		f.date = announced(s, g, disc)
		return
	}
	for k := f.group - 1; k >= 0; k-- {
		prev := s.groups[k]
		if prev.date != nil && (joined(s.toks, prev.end, s.groups[k+1].start) || g.infinitive || g.participle || prev.speech && reports(s, prev, g)) {
			f.date = prev.date
			return
		}
	}
	// "…, the ministry said on Wednesday": the report dates what it reports.
	for k := f.group + 1; k < len(s.groups); k++ {
		if next := s.groups[k]; next.speech && next.date != nil {
			f.date = next.date
			return
		}
	}
	if t := s.tree; t != nil {
		// "hit Russia with sanctions yesterday after Moscow invaded
		// Ukraine": a day named from publication carries into the clauses
		// under the verb it dates.
		v := g.head
		for n := 0; n < 3 && v >= 0; n++ {
			if t.rel(v) == "acl" && t.dependent(v, "nsubj") < 0 && !(t.words[v].XPOS == "VBN" && t.rel(t.head(v)) == "nsubj") {
				// (A past participle on the subject tells what was done to
				// it before: "Britons freed in a swap arrived on Monday".)
				// "signed an executive order imposing sanctions": the
				// participle acts when the verb its noun depends on does.
				if h, _ := t.clauseOf(t.head(v)); h >= 0 {
					if hg := groupAt(s, h); hg >= 0 && hg != f.group && s.groups[hg].date != nil {
						f.date = s.groups[hg].date
						return
					}
				}
				break
			}
			if r := t.rel(v); r != "advcl" && r != "ccomp" && r != "conj" && r != "xcomp" {
				break
			}
			if x := t.words[v].XPOS; t.rel(v) == "advcl" && (x == "VBN" || x == "VBD") && t.dependent(v, "nsubj", "nsubj:pass", "mark") < 0 {
				break // a past participle with no subject, done before: "Britons freed in a swap arrived on Monday"
			}
			h := t.head(v)
			// A report dates the act it announces as under way: "announced
			// on September 17 that it is recalling its ambassadors".
			ongoing := (t.rel(v) == "ccomp" || t.rel(v) == "advcl") && (g.progressive || s.toks[g.head].Tag == "VBZ" || s.toks[g.head].Tag == "VBP")
			if hg := groupAt(s, h); hg >= 0 && hg != f.group && s.groups[hg].date != nil && (s.groups[hg].date.deictic || ongoing && s.groups[hg].speech) {
				f.date = s.groups[hg].date
				return
			}
			v = h
		}
	}
	perfect := presentPerfect(s, g) || g.infinitive && f.group > 0 && presentPerfect(s, s.groups[f.group-1]) || presentSimple(s, g) && isEvent(f.predicate)
	if perfect && disc.published != "" {
		// "have agreed to restore ties": news reports in the present
		// perfect what happened by the day of publication. An inference,
		// so a date the text states elsewhere for the same act wins.
		f.date = &timex{value: disc.published, deictic: true, inferred: true}
		f.conf *= 0.9
		return
	}
	if f.subj.anaphor || f.conf < 0.7 {
		return
	}
	if g.start > 0 && personPronouns[s.toks[g.start-1].Lower] && disc.lastDate != nil {
		f.date = disc.lastDate
	}
}

// announced returns the date of the report or announcement that governs
// group g in the tree: its own time, or the publication date for one in
// the present perfect or present ("has said", "says"); nil when none.
func announced(s *sentence, g verbGroup, disc *discourse) *timex {
	t := s.tree
	if t == nil {
		return nil
	}
	v := g.head
	for n := 0; n < 4 && v >= 0; n++ {
		switch t.rel(v) {
		case "ccomp", "xcomp", "conj", "advcl":
			v = t.head(v)
		case "parataxis", "root":
			// "France will withdraw …, Macron said on Sunday": the
			// report hangs on the act, or beside it.
			rep := -1
			for _, c := range t.kids[v] {
				if r := t.rel(c); (r == "parataxis" || r == "ccomp" || r == "advcl") && groupAt(s, c) >= 0 && s.groups[groupAt(s, c)].speech {
					rep = c
				}
			}
			if rep < 0 && t.rel(v) == "parataxis" {
				rep = t.head(v)
			}
			if rep < 0 {
				return nil
			}
			v = rep
		default:
			return nil
		}
		hg := groupAt(s, v)
		if hg < 0 {
			continue
		}
		h := s.groups[hg]
		if !h.speech && !planWords[h.lemma] && !intentVerbs[h.lemma] {
			continue
		}
		if h.date != nil {
			return h.date
		}
		perfect := false
		for k := h.start; k < h.head; k++ {
			w := s.toks[k].Lower
			perfect = perfect || w == "has" || w == "have" || w == "'ve" // "has said", whatever the tagger made of "said"
		}
		if tag := s.toks[h.head].Tag; (perfect || tag == "VBZ" || tag == "VBP") && disc.published != "" {
			return &timex{value: disc.published, deictic: true, inferred: true}
		}
		return nil
	}
	return nil
}

// presentPerfect reports whether a verb group is in the present perfect
// ("has cut", "have agreed"), not the past perfect or a modal perfect.
// isEvent reports whether a predicate names a dated act, not a standing
// relation ("hosts", "is based in").
func isEvent(predicate string) bool {
	p, ok := schema.LookupPredicate(predicate)
	return ok && p.Kind == schema.Event
}

// presentSimple reports whether group g is a lone present-tense verb
// ("India expels a diplomat", "the decision reflects India's concern"),
// which news uses for what is happening on the day it reports.
func presentSimple(s *sentence, g verbGroup) bool {
	if g.modal || g.infinitive || g.conditional || g.progressive || g.passive || g.head != g.start || g.head >= len(s.toks) {
		return false
	}
	tag := s.toks[g.head].Tag
	return tag == "VBZ" || tag == "VBP"
}

func presentPerfect(s *sentence, g verbGroup) bool {
	if g.modal || g.infinitive || g.conditional || g.progressive {
		return false
	}
	for k := g.start; k < g.head && k < len(s.toks); k++ {
		switch s.toks[k].Lower {
		case "has", "have", "'ve":
			return s.toks[g.head].Tag == "VBN"
		}
	}
	return false
}

// statementStage turns findings into statements and merges what the
// document says twice: one statement per relation and date, the undated
// copy dropped when a dated one exists.
type statementStage struct{ p *Pipeline }

func (statementStage) Name() string { return "statements" }

// sidesActs have two sides that a later "the deal", "the talks" or "the
// ceasefire" refers to.
var sidesActs = map[string]bool{"signed_agreement_with": true, "met_with": true, "negotiated_with": true, "at_war_with": true}

// presupposedHosting returns what a withdrawal of forces takes for
// granted: the forces were in the host. "France withdrew its troops from
// Mali in August" says Mali hosted France until August; "the US will
// withdraw its troops from Afghanistan" that Afghanistan hosts the US now.
func presupposedHosting(fs []finding) []finding {
	var out []finding
	for _, f := range fs {
		if f.predicate != "withdrew_forces_from" || f.negated || f.attributedTo != "" && f.modality == "" {
			continue
		}
		h := finding{subj: f.obj, obj: f.subj, predicate: "hosts", group: -1, conf: f.conf * 0.9}
		if f.modality == "" {
			if f.date == nil || f.date.since || f.date.until {
				continue // ended, but when is not known
			}
			end := *f.date
			end.until, end.inferred = true, false
			h.date = &end
		}
		out = append(out, h)
	}
	return out
}

// sideStates returns the two sides of a finding as states or groups: a
// leader stands for the state his office serves ("Maduro met Ali": the
// meeting is Venezuela's and Guyana's).
func sideStates(f finding) (a, b mention, ok bool) {
	side := func(m mention) (mention, bool) {
		if m.person == nil {
			return m, true
		}
		if m.state == nil || m.state.IRI == "" {
			return mention{}, false
		}
		return mention{start: m.start, end: m.end, entity: *m.state, anaphor: true, text: m.text}, true
	}
	a, okA := side(f.subj)
	b, okB := side(f.obj)
	return a, b, okA && okB && a.entity.IRI != b.entity.IRI
}

// fightActs have an attacker and a target that a later "all parties" or
// a call for a ceasefire addresses.
var fightActs = map[string]bool{"attacked": true, "invaded": true, "at_war_with": true}

// threatened is the predicate an announced coercive act is stored with.
var threatened, _ = schema.LookupPredicate("threatened")

func (st statementStage) Run(_ context.Context, d *Document) error {
	type key struct{ s, p, o, modality string }
	var out []schema.Statement
	var inferred []bool // per statement: dated by inference only
	for si, fs := range d.findings {
		s := d.sentences[si]
		for _, f := range fs {
			pred, ok := schema.LookupPredicate(f.predicate)
			if !ok {
				return fmt.Errorf("rule names unknown predicate %q", f.predicate)
			}
			code := pred.CAMEO
			if f.code != "" {
				code = f.code
			}
			if f.modality != "" {
				code = pred.IntentCAMEO()
				if f.modality == modalityThreat {
					f.modality = schema.ModalityIntended
					if strings.HasPrefix(code, "13") {
						// A coercive act threatened ("threatened to impose
						// sanctions on", "vowed to retake") is a threat,
						// and the threat is made: CAMEO's 13x, dated when it
						// is made, not when the act would be.
						pred, f.modality = threatened, ""
						if f.date != nil && !d.date.IsZero() && f.date.value > d.date.Format(time.DateOnly) {
							f.date = nil
						}
					}
				}
			}
			f.subj, f.obj = actingState(f.subj, pred.Name), actingState(f.obj, pred.Name)
			f.obj = st.p.listedOrgan(f.obj, pred.Name)
			if f.subj.entity.IRI == f.obj.entity.IRI {
				continue // no actor acts on itself here: a misread coordination
			}
			if stateActs[pred.Name] && f.subj.entity.Type == schema.Person && f.subj.entity.Parent == "" {
				// Only a state severs ties or expels diplomats: a person who
				// serves none that we know of is a misread subject.
				continue
			}
			stmt := schema.Statement{
				Subject:      f.subj.entity,
				Predicate:    pred.Name,
				Object:       f.obj.entity,
				CAMEO:        code,
				Confidence:   round2(f.conf),
				Negated:      f.negated,
				Modality:     f.modality,
				Doc:          d.ID,
				AttributedTo: f.attributedTo,
			}
			if pred.Symmetric && stmt.Subject.IRI > stmt.Object.IRI {
				stmt.Subject, stmt.Object = stmt.Object, stmt.Subject
			}
			if f.date != nil {
				switch {
				case f.date.since:
					stmt.Since = f.date.value
				case f.date.until:
					stmt.Until = f.date.value
				default:
					stmt.Date = f.date.value
				}
			}
			sp := d.norm.span(s.start, s.end)
			stmt.Span = sp
			stmt.Evidence = strings.Join(strings.Fields(d.Text[sp[0]:sp[1]]), " ")
			out = append(out, stmt)
			inferred = append(inferred, f.date != nil && f.date.inferred)
		}
	}
	// Merge: the same relation said again keeps its first, most dated form.
	// A date the text states beats one inferred from a present perfect.
	dated, explicit, dropped := map[key]bool{}, map[key]bool{}, map[key]bool{}
	for i, s := range out {
		if s.Date != "" || s.Since != "" || s.Until != "" {
			k := key{s.Subject.IRI, s.Predicate, s.Object.IRI, s.Modality}
			dated[k] = true
			explicit[k] = explicit[k] || !inferred[i]
		}
	}
	// A relation said both ways round ("Albania hosts the MEK", "the MEK
	// is based in Albania") is one relation: the dated wording stays, or
	// the first.
	stated := map[key]bool{}
	for _, s := range out {
		k := key{s.Subject.IRI, s.Predicate, s.Object.IRI, s.Modality}
		pred, ok := schema.LookupPredicate(s.Predicate)
		if !ok || pred.Inverse == "" {
			continue
		}
		inv := key{s.Object.IRI, pred.Inverse, s.Subject.IRI, s.Modality}
		switch {
		case !stated[inv] || dropped[inv]:
			stated[k] = true
		case dated[k] && !dated[inv]:
			dropped[inv] = true
			stated[k] = true
		default:
			dropped[k] = true
		}
	}
	// A person the article names but ties to no state, organisation or
	// group, and no table knows, is no actor of a relation with another
	// such person: "Taylor Swift accused Big Machine", "Nelson attacked
	// Murray" are not geopolitics.
	tied := map[string]bool{}
	for _, s := range out {
		if s.Subject.Type == schema.Person && s.Object.Type != schema.Person {
			tied[s.Subject.IRI] = true
		}
		if s.Object.Type == schema.Person && s.Subject.Type != schema.Person {
			tied[s.Object.IRI] = true
		}
	}
	unknown := func(e schema.Entity) bool { return e.Type == schema.Person && e.Learned && !tied[e.IRI] }
	seen := map[string]bool{}
	var merged []schema.Statement
	for i, s := range out {
		k := key{s.Subject.IRI, s.Predicate, s.Object.IRI, s.Modality}
		if dropped[k] || dated[k] && s.Date == "" && s.Since == "" && s.Until == "" || inferred[i] && explicit[k] {
			continue
		}
		if unknown(s.Subject) && (unknown(s.Object) || s.Object.Learned && s.Object.Type != schema.Person) {
			continue
		}
		full := fmt.Sprint(k, s.Date, s.Since, s.Until, s.Negated)
		if seen[full] {
			continue
		}
		seen[full] = true
		merged = append(merged, s)
	}
	sort.SliceStable(merged, func(i, j int) bool { return merged[i].Span[0] < merged[j].Span[0] })
	d.Statements = merged
	return nil
}

// stateActs are acts only a state performs: an official named doing one
// acts for the state ("Prime Minister Edi Rama gave Iranian diplomats 24
// hours to leave" expels Iran's diplomats from Albania).
var stateActs = map[string]bool{
	"severed_ties_with": true, "restored_ties_with": true, "expelled_diplomats_of": true,
	"recalled_ambassador_from": true, "recognized": true, "imposed_sanctions_on": true,
	"lifted_sanctions_on": true, "designated_terrorist": true, "delisted_terrorist": true,
	"invaded": true, "joined": true, "provided_aid_to": true, "provided_military_aid_to": true,
	"signed_agreement_with": true, "withdrew_from_agreement_with": true, "closed_border_with": true,
}

func actingState(m mention, predicate string) mention {
	if m.person == nil || m.state == nil || !stateActs[predicate] {
		return m
	}
	st := *m.state
	st.Role = "GOV"
	if st.CAMEO != "" {
		st.CAMEO += "GOV"
	}
	st.Aliases = nil
	if !m.anaphor {
		st.Aliases = []string{m.text} // "Albanian Edi Rama", never "he"
	}
	m.entity = st
	return m
}

// organTargets are acts aimed at a named state organ itself, not at its
// state: sanctions, listings.
var organTargets = map[string]bool{
	"imposed_sanctions_on": true, "lifted_sanctions_on": true, "designated_terrorist": true,
	"designated_criminal": true, "delisted_terrorist": true,
}

// listedOrgan returns, for the target of a sanction or a listing that
// names a state organ the gazetteer knows by name ("sanctions against
// Iran's Islamic Revolutionary Guard Corps"), the organ itself; an organ
// that acts stands for its state.
func (p *Pipeline) listedOrgan(m mention, predicate string) mention {
	if !organTargets[predicate] || m.agent == "" || m.person != nil || m.anaphor {
		return m
	}
	a, ok := p.gaz.Lookup(m.agent)
	if !ok || a.Kind != schema.Agency || a.Parent != m.entity.Name {
		return m
	}
	e := a.Entity()
	e.Aliases = []string{m.text}
	m.entity = e
	return m
}

func round2(f float64) float64 { return float64(int(f*100+0.5)) / 100 }
