package coref

import (
	"fmt"
	"slices"
	"strings"
)

// Kind is what an actor mention names, as far as references care.
type Kind int

// The kinds of actor. A state is a place that can act (a country); a
// reference that wants a place takes a state too.
const (
	Other Kind = iota
	Person
	Organization
	Place
	State
)

// Token is one token of a sentence with its place in the dependency tree.
type Token struct {
	Text string
	Tag  string // Penn Treebank tag
	Head int    // token index of the head; -1 for the root or when unknown
	Rel  string // the relation to the head, main part: "nsubj", "obj", "nmod"
}

// Mention is an actor the caller found in a sentence: a name, or a noun
// phrase it knows to name an actor.
type Mention struct {
	Start, End int // token range, End exclusive
	Kind       Kind
	Plural     bool   // several actors ("Ruritania and Borduria") or a plural noun
	ID         string // the actor's identity when the caller knows it ("" when not): a pair is two distinct ones
	// Nouns are the category nouns the actor is known to fit, as the
	// caller knows them ("island", "kingdom"): "the island" then stands
	// only for an actor that is one, when any actor in view is.
	Nouns []string
}

// Sentence is one sentence: its tokens and the actors found in it, in
// text order.
type Sentence struct {
	Tokens   []Token
	Mentions []Mention
}

// At names a mention: the sentence and its index in the sentence's
// Mentions.
type At struct{ Sent, Mention int }

// Form says what kind of reference a Ref is.
type Form int

// The forms of reference.
const (
	Pronoun     Form = iota // he, it, they, its …
	Description             // the kingdom, the group's leader
	Pair                    // the two sides, both countries
	Speaker                 // we, our, I inside a quotation
)

// Ref is a reference resolved: its tokens and the mentions it stands for
// (two for a pair).
type Ref struct {
	Sent, Start, End int
	Form             Form
	To               []At
}

// pronoun is what a pronoun can stand for.
type pronoun struct {
	kinds  []Kind
	plural bool // "they": several people, or an organisation, place or state
	gender byte // 'm', 'f', 0
	first  bool // we, our, I: the speaker, inside a quotation only
}

var pronouns = map[string]pronoun{
	"he": {kinds: []Kind{Person}, gender: 'm'}, "him": {kinds: []Kind{Person}, gender: 'm'},
	"his": {kinds: []Kind{Person}, gender: 'm'}, "himself": {kinds: []Kind{Person}, gender: 'm'},
	"she": {kinds: []Kind{Person}, gender: 'f'}, "her": {kinds: []Kind{Person}, gender: 'f'},
	"hers": {kinds: []Kind{Person}, gender: 'f'}, "herself": {kinds: []Kind{Person}, gender: 'f'},
	"it": {kinds: []Kind{Organization, State, Place}}, "its": {kinds: []Kind{Organization, State, Place}},
	"itself": {kinds: []Kind{Organization, State, Place}},
	"they":   {kinds: []Kind{Organization, State, Person}, plural: true}, "them": {kinds: []Kind{Organization, State, Person}, plural: true},
	"their": {kinds: []Kind{Organization, State, Person}, plural: true}, "theirs": {kinds: []Kind{Organization, State, Person}, plural: true},
	"themselves": {kinds: []Kind{Organization, State, Person}, plural: true},
	"we":         {first: true}, "us": {first: true}, "our": {first: true}, "ours": {first: true}, "ourselves": {first: true},
	"i": {first: true}, "me": {first: true}, "my": {first: true}, "myself": {first: true},
}

// descriptions are the nouns a definite description stands on, with the
// kinds it can stand for, most wanted first.
var descriptions = map[string][]Kind{
	"country": {State, Place}, "nation": {State, Place}, "state": {State, Place}, "kingdom": {State, Place},
	"republic": {State, Place}, "emirate": {State, Place}, "island": {State, Place}, "islands": {State, Place},
	"group": {Organization}, "organisation": {Organization}, "organization": {Organization},
	"movement": {Organization}, "militia": {Organization}, "party": {Organization},
	"company": {Organization}, "firm": {Organization}, "agency": {Organization},
	"alliance": {Organization}, "bloc": {Organization}, "coalition": {Organization},
	"network": {Organization}, "faction": {Organization}, "junta": {Organization},
	"rebels": {Organization}, "militants": {Organization}, "insurgents": {Organization},
	"man": {Person}, "woman": {Person}, "president": {Person}, "minister": {Person},
	"leader": {Person}, "premier": {Person}, "king": {Person}, "queen": {Person},
	"prince": {Person}, "envoy": {Person}, "diplomat": {Person}, "spokesman": {Person},
	"spokeswoman": {Person}, "commander": {Person}, "general": {Person}, "chief": {Person},
	"council": {Organization}, "league": {Organization}, "union": {Organization},
	"commission": {Organization}, "assembly": {Organization}, "court": {Organization},
}

// categoryNouns are description nouns a state fits or not by what it is
// (an island, a kingdom), which the caller may know: Mention.Nouns.
var categoryNouns = map[string]bool{
	"island": true, "kingdom": true, "emirate": true, "archipelago": true,
	"council": true, "league": true, "union": true, "commission": true, "assembly": true, "court": true,
}

// nameNouns are category nouns an organisation fits only by its name,
// which the caller gives in Mention.Nouns: "the council" is the Security
// Council, "the league" the Arab League, and nothing when the caller
// does not say.
var nameNouns = map[string]bool{"council": true, "league": true, "union": true, "commission": true, "assembly": true, "court": true}

// countedWord reports whether w counts what follows: "15-member", "27-nation".
func countedWord(w string) bool {
	i := strings.IndexByte(w, '-')
	return i > 0 && strings.Trim(w[:i], "0123456789") == ""
}

// pairNouns after "both" or "the two" stand for the two actors of the
// story.
var pairNouns = map[string][]Kind{
	"sides": {State, Organization, Person}, "countries": {State}, "nations": {State}, "states": {State},
	"governments": {State, Organization}, "parties": {State, Organization, Person},
	"leaders": {Person}, "men": {Person}, "neighbours": {State}, "neighbors": {State}, "rivals": {State, Organization},
}

// roleWords are the descriptions that name an office: "the president"
// stands for a person the text gave that title.
var roleWords = map[string]bool{
	"president": true, "minister": true, "leader": true, "premier": true, "king": true, "queen": true,
	"prince": true, "envoy": true, "diplomat": true, "spokesman": true, "spokeswoman": true,
	"commander": true, "general": true, "chief": true,
}

// sayVerbs introduce what a speaker said.
var sayVerbs = map[string]bool{
	"said": true, "says": true, "say": true, "told": true, "tells": true, "added": true, "adds": true,
	"stated": true, "wrote": true, "writes": true, "explained": true, "insisted": true, "warned": true,
	"declared": true, "announced": true, "noted": true, "asked": true, "replied": true, "according": true,
	"claimed": true, "argued": true, "continued": true, "urged": true, "stressed": true,
}

// cand is an actor a reference may stand for: a mention, or a reference
// already resolved (which then stands for its antecedent).
type cand struct {
	sent, start int
	head        int // the token heading it in its sentence
	subject     bool
	kind        Kind
	plural      bool
	to          At
	pair        []At // a pair resolved before ("the two nations"), which "they" may stand for
	nouns       []string
}

type resolver struct {
	nouns  bool // some mention has Nouns: the caller knows categories
	doc    []Sentence
	cands  []cand
	gender map[string]byte // an actor's gender, once a pronoun or title said it
	freq   map[string]int  // how often each actor was named or referred to
	refs   []Ref
	quoted bool // inside a quotation that goes on from the sentence before
	lastSp []At // the speaker of the quotation that goes on
}

// Resolve finds the references of a document and the mentions they stand
// for. References it cannot resolve are left out.
func Resolve(doc []Sentence) []Ref {
	r := &resolver{doc: doc, gender: map[string]byte{}, freq: map[string]int{}}
	for _, s := range doc {
		for _, m := range s.Mentions {
			r.nouns = r.nouns || len(m.Nouns) > 0
		}
	}
	for si := range doc {
		r.sentence(si)
	}
	return r.refs
}

func lower(t Token) string { return strings.ToLower(t.Text) }

// mentionAt returns, for each token, the index of the mention covering it,
// or -1.
func mentionAt(s Sentence) []int {
	at := make([]int, len(s.Tokens))
	for i := range at {
		at[i] = -1
	}
	for mi, m := range s.Mentions {
		for k := max(m.Start, 0); k < m.End && k < len(at); k++ {
			at[k] = mi
		}
	}
	return at
}

// headOf returns the token of span [a, b) whose head lies outside it.
func headOf(s Sentence, a, b int) int {
	for k := a; k < b; k++ {
		if h := s.Tokens[k].Head; h < a || h >= b {
			return k
		}
	}
	return b - 1
}

func subject(s Sentence, k int) bool {
	r := s.Tokens[k].Rel
	return r == "nsubj" || r == "nsubj:pass" || r == "csubj"
}

// quotes marks the tokens inside quotation marks, going on from a
// quotation the sentence before left open.
func (r *resolver) quotes(s Sentence) []bool {
	in := make([]bool, len(s.Tokens))
	open := r.quoted
	for k, t := range s.Tokens {
		switch t.Text {
		case "``", "“":
			open = true
			continue
		case "''", "”":
			open = false
			continue
		case `"`:
			open = !open
			continue
		}
		in[k] = open
	}
	r.quoted = open
	return in
}

func (r *resolver) sentence(si int) {
	s := r.doc[si]
	at := mentionAt(s)
	inQuote := r.quotes(s)
	speaker := r.speaker(si, at, inQuote)
	added := 0 // candidates of this sentence added so far
	addMentionsBefore := func(k int) {
		for ; added < len(s.Mentions) && s.Mentions[added].Start < k; added++ {
			m := s.Mentions[added]
			h := headOf(s, m.Start, m.End)
			to := At{si, added}
			r.cands = append(r.cands, cand{sent: si, start: m.Start, head: h, subject: subject(s, h), kind: m.Kind, plural: m.Plural, to: to, nouns: m.Nouns})
			r.freq[r.id(to)]++
			if g := honorific(s, m); g != 0 {
				r.gender[r.id(to)] = g
			}
		}
	}
	for k := 0; k < len(s.Tokens); k++ {
		if at[k] >= 0 {
			continue
		}
		addMentionsBefore(k)
		t := s.Tokens[k]
		w := lower(t)
		if p, ok := pronouns[w]; ok && (t.Tag == "PRP" || t.Tag == "PRP$") {
			if p.first {
				// "we" is the speaker when an organisation or state speaks;
				// "I" when a person does.
				if inQuote[k] && len(speaker) > 0 {
					kind := r.doc[speaker[0].Sent].Mentions[speaker[0].Mention].Kind
					singular := w == "i" || w == "me" || w == "my" || w == "myself"
					if singular == (kind == Person) {
						r.add(Ref{Sent: si, Start: k, End: k + 1, Form: Speaker, To: speaker}, si, k, subject(s, k))
					}
				}
				continue
			}
			if w == "it" && expletive(s, k) {
				continue
			}
			if to, ok := r.pronoun(si, k, p); ok {
				r.add(Ref{Sent: si, Start: k, End: k + 1, Form: Pronoun, To: to}, si, k, subject(s, k))
				if p.gender != 0 {
					r.gender[r.id(to[0])] = p.gender
				}
			}
			continue
		}
		if ref, ok := r.description(si, k, at); ok {
			r.add(ref, si, ref.Start, subject(s, headOf(s, ref.Start, ref.End)))
			k = ref.End - 1
		}
	}
	addMentionsBefore(len(s.Tokens) + 1)
	if r.quoted && len(speaker) > 0 {
		r.lastSp = speaker
	} else if !r.quoted {
		r.lastSp = nil
	}
}

// id is the identity of the actor a mention names: the caller's, else
// the mention itself.
func (r *resolver) id(a At) string {
	if id := r.doc[a.Sent].Mentions[a.Mention].ID; id != "" {
		return id
	}
	return fmt.Sprint(a)
}

// honorific returns the gender a title before or in a name gives: "Mr.
// Tedeschi", "Mrs. Clinton".
func honorific(s Sentence, m Mention) byte {
	for k := max(m.Start-1, 0); k < m.End && k < m.Start+1; k++ {
		switch strings.TrimSuffix(lower(s.Tokens[k]), ".") {
		case "mr", "sir", "lord", "king", "prince", "sheikh":
			return 'm'
		case "mrs", "ms", "miss", "madam", "lady", "queen", "princess", "dame":
			return 'f'
		}
	}
	return 0
}

// add records a resolved reference; a reference to one actor becomes a
// candidate for the references after it.
func (r *resolver) add(ref Ref, si, start int, subj bool) {
	r.refs = append(r.refs, ref)
	if len(ref.To) == 2 {
		h := headOf(r.doc[si], ref.Start, ref.End)
		m := r.doc[ref.To[0].Sent].Mentions[ref.To[0].Mention]
		r.cands = append(r.cands, cand{sent: si, start: start, head: h, subject: subj, kind: m.Kind, plural: true, to: ref.To[0], pair: ref.To})
	}
	if len(ref.To) == 1 {
		to := ref.To[0]
		m := r.doc[to.Sent].Mentions[to.Mention]
		h := headOf(r.doc[si], ref.Start, ref.End)
		r.cands = append(r.cands, cand{sent: si, start: start, head: h, subject: subj, kind: m.Kind, plural: m.Plural, to: to, nouns: m.Nouns})
		r.freq[r.id(to)]++
	}
}

// expletive reports whether "it" at k stands for nothing: "it is likely
// that …", "it seems …".
func expletive(s Sentence, k int) bool {
	h := s.Tokens[k].Head
	if h < 0 || h >= len(s.Tokens) {
		return false
	}
	for _, t := range s.Tokens {
		if t.Head == h && (t.Rel == "ccomp" || t.Rel == "csubj" || t.Rel == "xcomp") {
			tag := s.Tokens[h].Tag
			return strings.HasPrefix(tag, "JJ") || strings.HasPrefix(tag, "NN") || strings.HasPrefix(tag, "VB")
		}
	}
	return false
}

// speaker finds who speaks the quotation of sentence si: the subject of
// its verb of saying outside the quotation ("…," the minister said), or the
// speaker of a quotation going on from before.
func (r *resolver) speaker(si int, at []int, inQuote []bool) []At {
	s := r.doc[si]
	quoted := false
	for _, q := range inQuote {
		quoted = quoted || q
	}
	if !quoted {
		return nil
	}
	for k, t := range s.Tokens {
		if inQuote[k] || !sayVerbs[lower(t)] {
			continue
		}
		for j, d := range s.Tokens {
			if d.Head != k || inQuote[j] || !(d.Rel == "nsubj" || lower(t) == "according" && d.Rel == "obl") {
				continue
			}
			if mi := at[j]; mi >= 0 && s.Mentions[mi].Kind != Other {
				return []At{{si, mi}}
			}
			if mi := knownAs(s, at, j); mi >= 0 {
				return []At{{si, mi}} // "the force known as UNIFIL said"
			}
			// a pronoun already resolved: "he said"
			for _, ref := range r.refs {
				if ref.Sent == si && ref.Start == j && len(ref.To) == 1 {
					return ref.To
				}
			}
			if p, ok := pronouns[lower(d)]; ok && !p.first {
				if to, ok := r.pronoun(si, j, p); ok && len(to) == 1 {
					return to
				}
			}
		}
	}
	return r.lastSp
}

// pronoun resolves a third-person pronoun at token k of sentence si.
// "it" and "its" stand for an organisation or state only when it is a
// subject nearby (news says "it" of things far more often); "they" only
// for several actors, or a plural name ("the Houthis").
func (r *resolver) pronoun(si, k int, p pronoun) ([]At, bool) {
	s := r.doc[si]
	// An object pronoun is not its own verb's subject ("Iran said the
	// deal bound it" is not the deal, and "Rama met him" is not Rama).
	// The verb's subject may stand higher up, shared by control or
	// coordination: "China … has vowed to retake it" is not China.
	var chain []int
	if rel := s.Tokens[k].Rel; (rel == "obj" || rel == "iobj" || rel == "obl") && !strings.HasSuffix(lower(s.Tokens[k]), "self") && !strings.HasSuffix(lower(s.Tokens[k]), "selves") {
		chain = subjectChain(s, s.Tokens[k].Head)
	}
	bound := map[string]bool{} // the verb's subject, wherever else it is named
	for i := len(r.cands) - 1; i >= 0 && len(chain) > 0 && r.cands[i].sent == si; i-- {
		if c := r.cands[i]; c.subject && slices.Contains(chain, s.Tokens[c.head].Head) {
			bound[r.id(c.to)] = true
		}
	}
	thing := !p.plural && p.gender == 0
	ok := func(c cand) bool {
		if bound[r.id(c.to)] || c.pair != nil && !p.plural {
			return false
		}
		if !kindIn(c.kind, p.kinds) || p.plural != c.plural {
			return false
		}
		if thing && !c.subject && !(len(bound) > 0 && c.sent == si && s.Tokens[c.head].Rel == "obj" && slices.Contains(chain, s.Tokens[c.head].Head)) {
			// "it" is a subject nearby, or, when the subject cannot be
			// it, the object of the same subject's verb: "China
			// considers Taiwan its territory and vowed to retake it".
			return false
		}
		if p.gender != 0 {
			if g, known := r.gender[r.id(c.to)]; known && g != p.gender {
				return false
			}
		}
		return true
	}
	window := 3
	if thing {
		window = 1
	}
	return r.search(si, k, window, ok)
}

// subjectChain returns verb v and the verbs above it that share its
// subject: v has none of its own, and is their infinitive complement or
// conjunct ("has vowed to retake", "considers … and has vowed").
func subjectChain(s Sentence, v int) []int {
	chain := []int{v}
	for n := 0; v >= 0 && n < 4; n++ {
		if r := s.Tokens[v].Rel; r != "xcomp" && r != "conj" {
			break
		}
		for j, t := range s.Tokens {
			if t.Head == v && (t.Rel == "nsubj" || t.Rel == "nsubj:pass") && j != v {
				return chain
			}
		}
		v = s.Tokens[v].Head
		if v >= 0 {
			chain = append(chain, v)
		}
	}
	return chain
}

// knownAs returns the mention a noun at j is named by through "known as"
// or "called" ("the force known as UNIFIL"), or -1.
func knownAs(s Sentence, at []int, j int) int {
	for c, t := range s.Tokens {
		if t.Head != j || t.Rel != "acl" || t.Tag != "VBN" {
			continue
		}
		switch lower(t) {
		case "known", "called", "named", "dubbed":
		default:
			continue
		}
		for m, u := range s.Tokens {
			if u.Head == c && (u.Rel == "obl" || u.Rel == "xcomp" || u.Rel == "obj") && at[m] >= 0 && s.Mentions[at[m]].Kind != Other {
				return at[m]
			}
		}
	}
	return -1
}

func kindIn(k Kind, ks []Kind) bool {
	for _, x := range ks {
		if x == k || x == Place && k == State {
			return true
		}
	}
	return false
}

// search looks back from token k of sentence si for the candidate ok
// accepts: in the sentence, nearest first; else in up to window sentences
// before, the most salient: recent, a subject, often named.
func (r *resolver) search(si, k, window int, ok func(cand) bool) ([]At, bool) {
	for i := len(r.cands) - 1; i >= 0; i-- {
		c := r.cands[i]
		if c.sent < si {
			break
		}
		if c.start < k && ok(c) {
			return c.refers(), true
		}
	}
	var best []At
	bestScore := -1
	for i := len(r.cands) - 1; i >= 0; i-- {
		c := r.cands[i]
		if c.sent >= si {
			continue
		}
		if c.sent < si-window {
			break
		}
		if !ok(c) {
			continue
		}
		score := 100/(si-c.sent) + 10*min(r.freq[r.id(c.to)], 6)
		if c.subject {
			score += 60
		}
		if score > bestScore {
			best, bestScore = c.refers(), score
		}
	}
	return best, bestScore >= 0
}

// refers returns what a candidate stands for: its actor, or its pair.
func (c cand) refers() []At {
	if c.pair != nil {
		return c.pair
	}
	return []At{c.to}
}

// description resolves a definite description or a pair that ends at or
// after token k: "the kingdom", "the island nation", "the group's leader",
// "both countries", "the two sides".
func (r *resolver) description(si, k int, at []int) (Ref, bool) {
	s := r.doc[si]
	t := s.Tokens[k]
	if !strings.HasPrefix(t.Tag, "NN") || strings.HasPrefix(t.Tag, "NNP") {
		return Ref{}, false
	}
	w := lower(t)
	if k+1 < len(s.Tokens) {
		next := s.Tokens[k+1]
		// "the state of Palestine", "the president Emmanuel Macron": the
		// phrase names its actor.
		if lower(next) == "of" || strings.HasPrefix(next.Tag, "NN") || at[k+1] >= 0 && next.Tag != "POS" {
			return Ref{}, false
		}
	}
	if kinds, ok := pairNouns[w]; ok && k > 0 {
		b := k - 1
		for b > 0 && strings.HasPrefix(s.Tokens[b].Tag, "JJ") {
			b--
		}
		both := lower(s.Tokens[b]) == "both"
		two := lower(s.Tokens[b]) == "two" && b > 0 && lower(s.Tokens[b-1]) == "the"
		if both || two {
			start := b
			if two {
				start = b - 1
			}
			if to, ok := r.pair(si, start, kinds); ok {
				return Ref{Sent: si, Start: start, End: k + 1, Form: Pair, To: to}, true
			}
			return Ref{}, false
		}
	}
	kinds, ok := descriptions[w]
	if !ok {
		return Ref{}, false
	}
	b := k
	for b > 0 && at[b-1] < 0 && (strings.HasPrefix(s.Tokens[b-1].Tag, "JJ") || s.Tokens[b-1].Tag == "NN" || s.Tokens[b-1].Tag == "VBN" || countedWord(s.Tokens[b-1].Text)) {
		b--
	}
	if b == 0 {
		return Ref{}, false
	}
	det := lower(s.Tokens[b-1])
	possessed := s.Tokens[b-1].Tag == "POS" || s.Tokens[b-1].Tag == "PRP$"
	if det != "the" && det != "this" && !possessed {
		return Ref{}, false
	}
	start := b - 1
	if k+2 < len(s.Tokens) && s.Tokens[k+1].Text == "," && at[k+2] >= 0 {
		return Ref{}, false // "the country's president, Gustavo Petro": named after it
	}
	if s.Tokens[b-1].Tag == "POS" && (b < 2 || at[b-2] >= 0) {
		return Ref{}, false // "Colombia's president": the possessor is named
	}
	if s.Tokens[b-1].Tag == "POS" {
		// "the group's leader": the possessor is a description or name
		// of its own; the whole phrase stands for a person.
		if kinds[0] != Person {
			return Ref{}, false
		}
		for start > 0 && at[start-1] < 0 && s.Tokens[start-1].Tag != "DT" && start > b-4 {
			start--
		}
		if start > 0 && lower(s.Tokens[start-1]) == "the" {
			start--
		}
	}
	// Like an object pronoun, a description is not its own verb's subject:
	// "China condemned the island" is not China.
	bound := map[string]bool{}
	if h := s.Tokens[k].Head; h >= 0 && s.Tokens[k].Rel != "nsubj" {
		for i := len(r.cands) - 1; i >= 0 && r.cands[i].sent == si; i-- {
			if c := r.cands[i]; c.subject && s.Tokens[c.head].Head == h {
				bound[r.id(c.to)] = true
			}
		}
	}
	ok2 := func(c cand) bool { return kindIn(c.kind, kinds) && !c.plural && !bound[r.id(c.to)] }
	if categoryNouns[w] && (r.nouns || nameNouns[w]) {
		// "the island", "the kingdom": only an actor known to be one
		// ("Honduras broke off relations with the island" is Taiwan), when
		// the caller says which are.
		fits := func(c cand) bool { return ok2(c) && slices.Contains(c.nouns, w) }
		if to, ok := r.search(si, start, 8, fits); ok {
			return Ref{Sent: si, Start: start, End: k + 1, Form: Description, To: to}, true
		}
		return Ref{}, false
	}
	if kinds[0] == Person && roleWords[w] {
		// "the president": a person the text gave that title, near the name.
		titled := func(c cand) bool { return ok2(c) && r.titled(c, w) }
		if to, ok := r.search(si, start, 8, titled); ok {
			return Ref{Sent: si, Start: start, End: k + 1, Form: Description, To: to}, true
		}
		return Ref{}, false
	}
	// A state first where the noun wants one, nearer places after.
	for _, kind := range kinds {
		one := func(c cand) bool { return ok2(c) && (c.kind == kind || kind == Place && c.kind == State) }
		if to, ok := r.search(si, start, 8, one); ok {
			return Ref{Sent: si, Start: start, End: k + 1, Form: Description, To: to}, true
		}
	}
	return Ref{}, false
}

// titled reports whether the text gave candidate c's person the title
// word: within three tokens before or after the name, where it was
// mentioned.
func (r *resolver) titled(c cand, word string) bool {
	s := r.doc[c.to.Sent]
	m := s.Mentions[c.to.Mention]
	for k := max(m.Start-3, 0); k < min(m.End+4, len(s.Tokens)); k++ {
		if w := lower(s.Tokens[k]); w == word || w == word+"s" {
			return true
		}
	}
	return false
}

// pair finds the two actors "both countries" stands for: the two most
// recent distinct actors of its kinds.
func (r *resolver) pair(si, k int, kinds []Kind) ([]At, bool) {
	var out []At
	seen := map[string]bool{}
	for i := len(r.cands) - 1; i >= 0 && len(out) < 2; i-- {
		c := r.cands[i]
		if c.sent < si-8 {
			break
		}
		id := r.doc[c.to.Sent].Mentions[c.to.Mention].ID
		if id == "" {
			id = fmt.Sprint(c.to)
		}
		if c.sent == si && c.start >= k || !kindIn(c.kind, kinds) || c.plural || seen[id] {
			continue
		}
		seen[id] = true
		out = append(out, c.to)
	}
	return out, len(out) == 2
}
