package extract

import (
	"context"
	"slices"
	"sort"
	"strings"

	"github.com/geokg/geokg/extract/parse"
)

// tree is a sentence's dependency parse: one node per token, in token
// order, with the token indexes of each node's dependents.
type tree struct {
	words []parse.Word
	lower []string // each word's token in lower case, as the tokens hold it
	kids  [][]int
}

// newTree indexes a parse whose words line up with the sentence's tokens.
func newTree(ws []parse.Word, toks []Token) *tree {
	t := &tree{words: ws, lower: make([]string, len(ws)), kids: make([][]int, len(ws))}
	for i := range ws {
		t.lower[i] = toks[i].Lower
	}
	rehangRelatives(ws, t.lower)
	rehangMarkedArguments(ws)
	rehangFiniteConjuncts(ws)
	rehangForSubjects(ws, t.lower)
	rehangQuotedAdjuncts(ws, t.lower)
	for i, w := range ws {
		if h := w.Head - 1; h >= 0 && h < len(ws) && h != i {
			t.kids[h] = append(t.kids[h], i)
		}
	}
	return t
}

// rehangRelatives hangs a relative clause set off by a comma ("…, which
// has continued to grow", "…, who leads …") on the noun just before the
// comma when the parser hung it on a noun further back across a clause
// ("the effort to disrupt the group, which …": on "effort"). A head
// that the noun before the comma belongs to by a noun phrase's own
// relations stays ("the leader of the group, who …": "leader").
func rehangRelatives(ws []parse.Word, lower []string) {
	headOf := func(k int) int {
		if h := ws[k].Head - 1; h >= 0 && h < len(ws) && h != k {
			return h
		}
		return -1
	}
	for r := 2; r < len(ws); r++ {
		if w := lower[r]; w != "which" && w != "who" || lower[r-1] != "," {
			continue
		}
		ante := r - 2
		if u := ws[ante].UPOS; u != "NOUN" && u != "PROPN" {
			continue
		}
		for n := 0; n < 4 && ws[ante].Rel == "flat" && headOf(ante) >= 0 && headOf(ante) < ante; n++ {
			ante = headOf(ante) // "General Abdel-Fattah Burhan, who …": the name's head
		}
		v := headOf(r)
		if v <= r || !strings.HasPrefix(ws[r].Rel, "nsubj") {
			continue
		}
		if ws[v].Rel != "acl:relcl" {
			// "…, who controls the army" read as a clause of its own
			// (conj, parataxis): "who" after a comma opens a relative
			// clause on the noun before it.
			if w := lower[r]; w != "who" || !clauseRels[parse.MainRel(ws[v].Rel)] || below(ws, ante, v) {
				continue
			}
			ws[v].Head, ws[v].Rel = ante+1, "acl:relcl"
			continue
		}
		h := headOf(v)
		if h < 0 || h >= ante {
			continue
		}
		// The way up from the noun before the comma to the parser's head:
		// inside one noun phrase, or across a clause?
		across, k := false, ante
		for n := 0; k >= 0 && k != h && n < len(ws); n++ {
			switch parse.MainRel(ws[k].Rel) {
			case "nmod", "compound", "flat", "appos", "conj", "amod", "det":
			default:
				across = true
			}
			k = headOf(k)
		}
		if k != h || !across {
			continue
		}
		ws[v].Head = ante + 1
	}
}

// rehangMarkedArguments hangs a noun that has a preposition of its own
// and that the parser took for a subject or object ("a deal with/case
// Iran/nsubj arrived …") on the noun just before the preposition, as a
// modifier: a subject or object takes no preposition.
func rehangMarkedArguments(ws []parse.Word) {
	for k := range ws {
		if r := parse.MainRel(ws[k].Rel); r != "nsubj" && r != "obj" {
			continue
		}
		c := -1
		for i := range ws {
			if ws[i].Head == k+1 && ws[i].Rel == "case" && ws[i].UPOS == "ADP" && i < k {
				c = i
			}
		}
		if c < 1 || c != k-1 && !(c == k-2 && ws[k-1].UPOS == "DET") {
			continue
		}
		n := c - 1
		if u := ws[n].UPOS; u != "NOUN" && u != "PROPN" || ws[n].Head == k+1 {
			continue
		}
		if below(ws, n, k) {
			continue // the tree would turn into a cycle
		}
		ws[k].Head, ws[k].Rel = n+1, "nmod"
	}
}

// rehangFiniteConjuncts hangs a finite verb the parser coordinated with an
// infinitive on the finite verb that governs the infinitive: in "refused
// to recognise X and backed Y", "backed" goes with "refused", not with
// "recognise": a past or present tense is no infinitive's conjunct.
func rehangFiniteConjuncts(ws []parse.Word) {
	finite := func(x string) bool { return x == "VBD" || x == "VBZ" || x == "VBP" }
	// A participle with an object and no auxiliary is a past tense too
	// ("and backed/VBN the opposition").
	hasKid := func(k int, rels ...string) bool {
		for i := range ws {
			if ws[i].Head == k+1 && slices.Contains(rels, parse.MainRel(ws[i].Rel)) {
				return true
			}
		}
		return false
	}
	for k := range ws {
		if ws[k].Rel != "conj" || !finite(ws[k].XPOS) && !(ws[k].XPOS == "VBN" && hasKid(k, "obj") && !hasKid(k, "aux")) {
			continue
		}
		h := ws[k].Head - 1
		if h < 0 || h >= len(ws) || ws[h].XPOS != "VB" || parse.MainRel(ws[h].Rel) != "xcomp" {
			continue
		}
		g := ws[h].Head - 1
		for n := 0; g >= 0 && n < 4 && !finite(ws[g].XPOS) && parse.MainRel(ws[g].Rel) == "xcomp"; n++ {
			g = ws[g].Head - 1
		}
		if g < 0 || !finite(ws[g].XPOS) || below(ws, g, k) {
			continue
		}
		ws[k].Head = g + 1
	}
}

// rehangForSubjects makes the noun between "for" and "to" the subject of
// the infinitive after it, as UD has it, when the parser hung the noun on
// what comes before ("a timetable for the United States to withdraw its
// troops": "States" on "timetable", "withdraw" elsewhere). The
// infinitive takes the noun's place, and "for" marks it.
func rehangForSubjects(ws []parse.Word, lower []string) {
	for i := 2; i+1 < len(ws); i++ {
		v := ws[i].Head - 1
		if lower[i] != "to" || ws[i].Rel != "mark" || v != i+1 || ws[v].XPOS != "VB" {
			continue
		}
		h, f := -1, -1
		for j := i - 1; j >= 0 && j >= i-6; j-- {
			if lower[j] == "for" && ws[j].Rel == "case" {
				f, h = j, ws[j].Head-1
				break
			}
		}
		if f < 0 || h <= f || h >= i || ws[h].UPOS != "NOUN" && ws[h].UPOS != "PROPN" && ws[h].UPOS != "PRON" {
			continue
		}
		inside := true // every word from "for" to "to" belongs to the noun
		for j := f + 1; j < i; j++ {
			if j != h && !below(ws, j, h) {
				inside = false
			}
		}
		old := ws[h].Head - 1
		if !inside || old < 0 || old == v || below(ws, old, v) || below(ws, old, h) {
			continue
		}
		rel := "advcl"
		if u := ws[old].UPOS; u == "NOUN" || u == "PROPN" || u == "PRON" {
			rel = "acl"
		}
		ws[v].Head, ws[v].Rel = old+1, rel
		ws[h].Head, ws[h].Rel = v+1, "nsubj"
		ws[f].Head, ws[f].Rel = v+1, "mark"
	}
}

// rehangQuotedAdjuncts reads a quoted prepositional phrase between a verb
// and its object ('condemns "in the strongest terms" North Korea's test')
// as the verb's adjunct, and the noun after it as the verb's object, when
// the parser took the phrase for the verb's complement and hung the
// object on it (as appos or any nominal relation).
func rehangQuotedAdjuncts(ws []parse.Word, lower []string) {
	quote := func(w string) bool { return w == "\"" || w == "“" || w == "”" || w == "''" || w == "``" }
	for k := range ws {
		h := ws[k].Head - 1
		if h < 0 || h >= k || ws[k].UPOS != "NOUN" && ws[k].UPOS != "PROPN" {
			continue
		}
		if r := parse.MainRel(ws[h].Rel); r != "ccomp" && r != "obj" && r != "xcomp" && r != "obl" {
			continue
		}
		v := ws[h].Head - 1
		if v < 0 || ws[v].UPOS != "VERB" {
			continue
		}
		marked := false // the phrase has its own preposition right after an opening quote
		for i := v + 1; i < h; i++ {
			if quote(lower[i]) && i+1 < len(ws) && ws[i+1].UPOS == "ADP" && ws[i+1].Head-1 == h {
				marked = true
			}
		}
		closed := false // a closing quote between the phrase and the noun
		for i := h + 1; i < k; i++ {
			closed = closed || quote(lower[i])
		}
		if !marked || !closed || below(ws, v, k) {
			continue
		}
		ws[h].Rel = "obl"
		ws[k].Head, ws[k].Rel = v+1, "obj"
	}
}

// clauseRels are the relations a relative clause the parser did not see
// as one may hang by.
var clauseRels = map[string]bool{"conj": true, "parataxis": true, "dep": true, "advcl": true, "ccomp": true}

// below reports whether word a (0-based) lies in the subtree of word b.
func below(ws []parse.Word, a, b int) bool {
	for h, n := ws[a].Head-1, 0; h >= 0 && n < len(ws); h, n = ws[h].Head-1, n+1 {
		if h == b {
			return true
		}
	}
	return false
}

// head returns the token index of k's head, -1 for the root.
func (t *tree) head(k int) int {
	h := t.words[k].Head - 1
	if h < 0 || h >= len(t.words) || h == k {
		return -1
	}
	return h
}

// rel returns k's relation to its head without its subtype ("nsubj" for
// "nsubj:pass").
func (t *tree) rel(k int) string { return parse.MainRel(t.words[k].Rel) }

// lemma returns k's lemma, lower case.
func (t *tree) lemma(k int) string { return strings.ToLower(t.words[k].Lemma) }

// pos returns k's universal part of speech.
func (t *tree) pos(k int) string { return t.words[k].UPOS }

// dependents returns k's dependents whose relation is one of rels (full
// relations such as "nsubj:pass" match their main relation too).
func (t *tree) dependents(k int, rels ...string) []int {
	var out []int
	for _, c := range t.kids[k] {
		for _, r := range rels {
			if t.words[c].Rel == r || t.rel(c) == r {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

// dependent returns k's first dependent with one of rels, or -1.
func (t *tree) dependent(k int, rels ...string) int {
	if ds := t.dependents(k, rels...); len(ds) > 0 {
		return ds[0]
	}
	return -1
}

// marker returns the lemma of k's case or mark dependent ("with" in "with
// Iran", "to" in "to leave"), "" when it has none.
func (t *tree) marker(k int) string {
	for _, c := range t.kids[k] {
		if r := t.rel(c); r == "case" || r == "mark" {
			return t.lemma(c)
		}
	}
	return ""
}

// conjuncts returns k and the words coordinated with it ("Russia, Turkey
// and Ukraine": each of the three). A word joined by another conjunction
// ("…, while Egypt believes …", "but") is a contrast, not a conjunct.
func (t *tree) conjuncts(k int) []int {
	out := []int{k}
	for i := 0; i < len(out) && len(out) < 16; i++ {
		for _, c := range t.dependents(out[i], "conj") {
			if cc := t.dependent(c, "cc", "mark"); cc >= 0 {
				if w := lowerForm(t, cc); w != "and" && w != "or" && w != "nor" && w != "&" {
					continue
				}
			}
			out = append(out, c)
		}
	}
	return out
}

// governs reports whether a is b or one of b's ancestors.
func (t *tree) governs(a, b int) bool {
	for n := 0; b >= 0 && n < len(t.words); n++ {
		if b == a {
			return true
		}
		b = t.head(b)
	}
	return false
}

// parseStage parses every sentence with the embedded dependency model,
// after the actors are found.
type parseStage struct{ p *Pipeline }

func (parseStage) Name() string { return "parse" }

func (ps parseStage) Run(ctx context.Context, d *Document) error {
	for _, s := range d.sentences {
		if err := ctx.Err(); err != nil {
			return err
		}
		forms, tags := make([]string, len(s.toks)), make([]string, len(s.toks))
		for i, t := range s.toks {
			forms[i], tags[i] = t.Text, treebankTag(t.Tag)
			if t.Tag == "``" {
				forms[i] = `"`
			}
		}
		s.fixTags(tags)
		forced := ps.p.fixVerbTags(s, tags)
		alts := s.alternatives(tags)
		for _, k := range forced {
			if k < len(alts) {
				alts[k] = tags[k] // no second guess
			}
		}
		if ws := ps.p.parser.ParseAlt(forms, tags, alts); len(ws) == len(forms) {
			// The lexicon's verbs have their forms listed: trust those over
			// the parser's guess for a word it never saw ("battled").
			for i := range ws {
				if ws[i].UPOS == "VERB" {
					if b, ok := ps.p.lemmas[s.toks[i].Lower]; ok {
						ws[i].Lemma = b
					}
				}
			}
			s.tree = newTree(ws, s.toks)
			ps.p.treeGroups(s)
			s.dateFromTree()
		}
	}
	return nil
}

// treeGroups adds the verb groups that word order missed and the tree
// shows: a participle that says what a statement or an act does, whose
// subject the tree finds ("issued a statement on Sunday condemning …",
// "Canada's expulsion of a diplomat blaming India …").
func (p *Pipeline) treeGroups(s *sentence) {
	t := s.tree
	for k := range t.words {
		if s.at[k] >= 0 || groupAt(s, k) >= 0 || t.pos(k) != "VERB" {
			continue
		}
		participle := t.rel(k) == "acl" && s.toks[k].Tag == "VBG"
		// "the group that the EU accuses/NNS of …": a finite verb the
		// word tagger took for a noun, with its own subject.
		x := t.words[k].XPOS
		finite := (x == "VBZ" || x == "VBP" || x == "VBD") && !isVerb(s.toks[k]) && t.dependent(k, "nsubj") >= 0
		if !participle && !finite {
			continue
		}
		document := finite && statementNouns[t.lemma(t.dependent(k, "nsubj"))] // whose author the relations stage knows
		if _, ok := p.treeSubject(s, k); !ok && !document {
			continue
		}
		if finite {
			s.toks[k].Tag = t.words[k].XPOS
		}
		g := verbGroup{start: k, end: k + 1, head: k, participle: participle}
		p.readGroup(s, &g)
		i := sort.Search(len(s.groups), func(i int) bool { return s.groups[i].start > k })
		s.groups = slices.Insert(s.groups, i, g)
	}
}

// timeOf returns the time expression the tree attaches to word v, which
// heads a clause no verb group stands for (a gerund), or nil.
func (s *sentence) timeOf(v int) *timex {
	t := s.tree
	for i := range s.times {
		tx := &s.times[i]
		if h := spanHead(t, max(tx.start, 0), min(tx.end, len(t.words))); h >= 0 && t.head(h) == v {
			return tx
		}
	}
	return nil
}

// adjunctTime returns the time of the clause a gerund adjunct with no
// subject of its own belongs to, which is its time too: "withdrew from
// the accord on Tuesday, restoring sanctions". Above that clause, as for
// any subordinate clause, only a day named from publication carries down
// ("withdrew … Tuesday, declaring he was making the world safer in
// restoring sanctions"). Nil for any other v.
func (s *sentence) adjunctTime(v int) *timex {
	t := s.tree
	if t.words[v].XPOS != "VBG" || t.dependent(v, "nsubj", "nsubj:pass") >= 0 {
		return nil
	}
	for n := 0; v >= 0 && n < 4; n++ {
		r := t.rel(v)
		if r != "advcl" && r != "xcomp" && r != "ccomp" {
			return nil
		}
		h := t.head(v)
		if h >= 0 && r == "advcl" && t.pos(h) == "ADJ" && t.rel(h) == "xcomp" {
			h = t.head(h) // "making the world safer in restoring": the verb's
		}
		if h < 0 {
			return nil
		}
		tx := s.timeOf(h)
		if g := groupAt(s, h); g >= 0 && s.groups[g].date != nil {
			tx = s.groups[g].date
		}
		if tx != nil && (n == 0 || tx.deictic) {
			return tx
		}
		v = h
	}
	return nil
}

// dateFromTree gives each time expression to the clause the tree attaches
// it to: a time that modifies a verb dates that verb's group ("Qatar on
// Wednesday announced", even after a dateline), and one inside a noun
// phrase dates only that noun ("sanctions over its nuclear test in
// September"), never the verb. Where the tree attaches a time nowhere
// useful, the word-order assignment stands.
func (s *sentence) dateFromTree() {
	t := s.tree
	best := map[int]int{} // group → distance of the time given it
	for ti := range s.times {
		tx := &s.times[ti]
		h := spanHead(t, max(tx.start, 0), min(tx.end, len(t.words)))
		if h < 0 {
			continue
		}
		v := t.head(h)
		if v < 0 {
			continue
		}
		if p := t.pos(v); p == "NOUN" || p == "PROPN" {
			// A month or year inside a noun phrase dates that noun ("its
			// nuclear test in September"), no verb group. A day named from
			// publication ("on Monday") dates the verb, however the parser
			// attached it.
			if !tx.deictic && datedNoun(t, v) && (t.rel(h) == "nmod" || t.rel(h) == "nmod:tmod" || t.rel(h) == "obl") {
				for gi := range s.groups {
					if s.groups[gi].date == tx {
						s.groups[gi].date = nil
					}
				}
			}
			continue
		}
		gi := groupAt(s, v)
		if gi < 0 {
			continue
		}
		d := abs(v - h)
		if prev, ok := best[gi]; ok && prev <= d {
			continue
		}
		best[gi] = d
		for gj := range s.groups {
			if gj != gi && s.groups[gj].date == tx {
				s.groups[gj].date = nil
			}
		}
		s.groups[gi].date = tx
	}
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// datedNouns name events of their own, which a time inside their phrase
// dates: "its nuclear test in September".
var datedNouns = map[string]bool{"test": true, "tests": true, "election": true, "elections": true, "war": true, "coup": true, "referendum": true, "crisis": true, "incident": true, "visit": true, "meeting": true, "attack": true, "attacks": true, "cyberattack": true, "invasion": true, "launch": true, "explosion": true, "bombing": true, "massacre": true, "protests": true, "uprising": true, "revolution": true, "clashes": true, "summit": true, "agreement": true, "deal": true, "treaty": true, "strike": true, "strikes": true}

// datedNoun reports whether token k is a noun naming an event of its own.
func datedNoun(t *tree, k int) bool {
	return datedNouns[lowerForm(t, k)] || datedNouns[t.lemma(k)]
}

// relativeSubject reports whether verb v's subject, or that of the verb it
// is coordinated with, is a relative pronoun ("that", "who", "which").
func (t *tree) relativeSubject(v int) bool {
	for n := 0; v >= 0 && n < 4; n++ {
		if subj := t.dependent(v, "nsubj"); subj >= 0 {
			w := lowerForm(t, subj)
			return w == "that" || w == "who" || w == "which" || w == "whom"
		}
		if t.rel(v) != "conj" {
			return false
		}
		v = t.head(v)
	}
	return false
}

// below visits the dependents of v breadth first, at most depth levels
// down. visit says whether to go on below a dependent; a visit that
// returns stop ends the walk.
func (t *tree) below(v, depth int, visit func(c int) (descend, stop bool)) {
	frontier := []int{v}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []int
		for _, h := range frontier {
			for _, c := range t.kids[h] {
				descend, stop := visit(c)
				if stop {
					return
				}
				if descend {
					next = append(next, c)
				}
			}
		}
		frontier = next
	}
}

// alternatives tells the parser what else each tag might be, as
// parse.Model.Parse does: the tagger's own tag where the sentence's tag
// differs from it, else the tagger's runner-up.
func (s *sentence) alternatives(tags []string) []string {
	if len(s.tagged) != len(tags) || len(s.alt) != len(tags) {
		return nil
	}
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = s.alt[i]
		if t != s.tagged[i] {
			out[i] = s.tagged[i]
		}
	}
	return out
}

// fixTags corrects, for the parse only, the tags where the sentence's
// readings know better (Pipeline.repairTags has settled what holds for
// the readings too).
func (s *sentence) fixTags(tags []string) {
	// The gazetteer knows better than the tagger that "Turkey" or
	// "Chad" opening a sentence is a name: actors are proper nouns,
	// demonyms adjectives.
	for _, m := range s.ments {
		for k := m.start; k < m.end && k < len(tags); k++ {
			switch {
			case !isNameToken(s.toks[k]) && strings.HasPrefix(s.toks[k].Tag, "NN"):
				tags[k] = s.toks[k].Tag // an organ's noun: "Israeli airstrikes"
			case tags[k] == "POS" || !isNameToken(s.toks[k]):
			case m.modifier || s.toks[k].Tag == "JJ":
				tags[k] = "JJ"
			case strings.HasSuffix(s.toks[k].Lower, "s") && tags[k] == "NNPS":
			default:
				tags[k] = "NNP"
			}
		}
	}
	// "the coast guard's reported firing", "Iran's alleged role": a
	// participle between a possessive and its noun qualifies the noun.
	for k := 1; k+1 < len(s.toks); k++ {
		if s.toks[k-1].Tag == "POS" && (tags[k] == "VBN" || tags[k] == "VBD") && (strings.HasPrefix(tags[k+1], "NN") || tags[k+1] == "VBG") {
			tags[k] = "JJ"
		}
	}
	// "a group that once/IN ruled Afghanistan": "once" before a verb is
	// an adverb ("once" before a clause, "once the deal is signed", is
	// the subordinator).
	for k := 1; k+1 < len(s.toks); k++ {
		if s.toks[k].Lower == "once" && tags[k] == "IN" && (tags[k+1] == "VBD" || tags[k+1] == "VBN" || tags[k+1] == "VBZ" || tags[k+1] == "VBP") {
			tags[k] = "RB"
		}
	}
	// "persona non grata", which the treebanks never show, is one
	// predicate noun, not a verb "grata".
	for k := 0; k+2 < len(s.toks); k++ {
		if s.toks[k].Lower == "persona" && s.toks[k+1].Lower == "non" && s.toks[k+2].Lower == "grata" {
			tags[k], tags[k+1], tags[k+2] = "NN", "NN", "NN"
		}
	}
}

// fixVerbTags makes a verb of a lexicon verb (base, -s or past form) that
// the tagger took for a preposition, noun or adjective right after the actors
// that are its subject, or after a time following them, and before its
// object: "Saudi Arabia and the US urge/IN both parties to …", "Canada on
// Monday imposed/JJ sanctions".
func (p *Pipeline) fixVerbTags(s *sentence, tags []string) (forced []int) {
	for k := 1; k+1 < len(s.toks); k++ {
		w := s.toks[k].Lower
		base := p.lemmas.lemma(w)
		third := base != w && strings.HasSuffix(w, "s") // "the EU accuses/NNS of"
		if s.at[k] >= 0 || len(p.byVerb[base]) == 0 || base != w && !strings.HasSuffix(w, "ed") && !third {
			continue
		}
		// the subject just before, or before a time: "Canada on Monday
		// imposed/JJ sanctions"
		j := k - 1
		for j > 0 && s.isTime(j) {
			j--
		}
		document := statementNouns[s.toks[j].Lower] && tags[j] == "NN" // "the resolution condemns/NNS …"
		if !document && (s.at[j] < 0 || s.ments[s.at[j]].modifier) {
			continue
		}
		if document && third && (tags[k] == "NNS" || tags[k] == "VBZ") {
			tags[k] = "VBZ" // "the resolution condemns …": a document's verb, whatever follows
			forced = append(forced, k)
			continue
		}
		switch tags[k] {
		case "IN", "NN", "JJ":
		case "NNS":
			if !third {
				continue
			}
		default:
			continue
		}
		next := s.toks[k+1].Lower
		if third && (next == "of" || next == "that") {
			tags[k] = "VBZ" // "which the EU accuses of …", "demands that China …"
			continue
		}
		nextTag := tags[k+1]
		if next == "both" || next == "all" || next == "each" {
			nextTag = "DT" // "the US urge both/CC parties"
		}
		switch nextTag {
		case "DT", "NNP", "NNS", "PRP", "PRP$", "PDT":
			switch {
			case third && tags[k+1] != "NNS":
				tags[k] = "VBZ" // "US sanctions/NNS" before a noun stays a noun
			case third:
			case base == w:
				tags[k] = "VBP"
			default:
				tags[k] = "VBD"
			}
		}
	}
	return forced
}
