package petrarch

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// NullEvent is the code of a verb or pattern that makes no event.
const NullEvent = "---"

// EventCode is what a verb or pattern codes: an event from source to target,
// and, when the dictionary writes two codes ("032:033"), a second event
// from target back to source. ":173" codes only the second: "appeared
// before the court" is the court's act on the subject.
type EventCode struct {
	Code    string // "---" for no event
	Reverse string // "" when there is none
}

// Null reports whether the code makes no event either way.
func (c EventCode) Null() bool { return (c.Code == NullEvent || c.Code == "") && c.Reverse == "" }

// Forward reports whether the code makes an event from source to target.
func (c EventCode) Forward() bool { return c.Code != NullEvent && c.Code != "" }

func (c EventCode) String() string {
	switch {
	case c.Reverse != "" && !c.Forward():
		return ":" + c.Reverse
	case c.Reverse != "":
		return c.Code + ":" + c.Reverse
	}
	return c.Code
}

// eventCodeRE is an event code as the dictionaries write them: two to four
// digits and an optional letter (CAMEO 0874, WEIS 174K, 102b), or ---.
var eventCodeRE = regexp.MustCompile(`^(---|[0-9]{2,4}[A-Za-z]?)$`)

// ParseEventCode reads "064", "031:032", ":173" (target to source only) or
// "---".
func ParseEventCode(s string) (EventCode, error) {
	s = strings.TrimSpace(s)
	c, r, two := strings.Cut(s, ":")
	if two && c == "" && r != NullEvent {
		c = NullEvent
	}
	if !eventCodeRE.MatchString(c) || two && !eventCodeRE.MatchString(r) {
		return EventCode{}, fmt.Errorf("event code %q: want digits with an optional letter (064, 174K), ---, or two such codes joined by : (the first may be left out)", s)
	}
	return EventCode{Code: c, Reverse: r}, nil
}

// ElemKind says what an element of a pattern matches.
type ElemKind int

// The kinds of pattern element.
const (
	ElemWord     ElemKind = iota // a word, as written
	ElemSynset                   // any phrase of a synonym set (&NAME)
	ElemTarget                   // + : the target actor
	ElemSource                   // $ : the source actor
	ElemCompound                 // % : a compound actor, source and target at once
	ElemSkip                     // ^ : a noun phrase to pass over
)

// Elem is one element of a verb pattern. Joined is set when the dictionary
// joins it to the element before (or, for the first element after the verb,
// to the verb) with an underscore: nothing may come between.
type Elem struct {
	Kind   ElemKind
	Word   string   // ElemWord
	Alts   []string // ElemWord: other spellings ("TO/FOR": Word TO, Alts [FOR])
	Synset string   // ElemSynset: "&CURRENCY"
	Joined bool
	// Phrase is set for an element inside a {…} or (…) group after the
	// group's first: only words of a noun phrase may stand between it and
	// the element before ("(TO BORDER)" matches "to the border").
	Phrase bool
}

func (e Elem) String() string {
	switch e.Kind {
	case ElemWord:
		return strings.Join(append([]string{e.Word}, e.Alts...), "/")
	case ElemSynset:
		return e.Synset
	case ElemTarget:
		return "+"
	case ElemSource:
		return "$"
	case ElemCompound:
		return "%"
	default:
		return "^"
	}
}

// Pattern is one pattern line of a verb block: the elements before the verb
// (Upper, in text order, the last one next to the verb) and after it
// (Lower), and the code it gives.
type Pattern struct {
	Upper []Elem
	Lower []Elem
	// VerbJoined is set when the element right before the verb is joined
	// to it ("RECENTLY_*").
	VerbJoined bool
	Code       EventCode
	Line       int
	Text       string // the pattern as written, for explanations
}

// Len is the number of elements, the measure by which longer patterns are
// tried first.
func (p Pattern) Len() int { return len(p.Upper) + len(p.Lower) }

// Verb is one verb of a block: its words (several for "cordon off", "wire
// tap"), which of them is the verb proper, its forms, and its own code if it
// has one.
type Verb struct {
	Words []string // upper case; the base form
	Head  int      // index of the verb proper in Words
	Forms [][]string
	Code  EventCode // zero: the block's code
	Line  int
}

// Block is a verb synonym block: verbs that share patterns, and the code an
// isolated verb gives.
type Block struct {
	Name     string
	Code     EventCode
	Verbs    []Verb
	Patterns []Pattern
	Line     int
}

// Form is one inflected form of a verb as the index keeps it.
type Form struct {
	Block, Verb int
	Words       []string // the form's words, upper case
	Head        int      // index of the inflected verb proper in Words
}

// Code returns the code of the verb the form belongs to: its own, or its
// block's.
func (v *Verbs) Code(f Form) EventCode {
	if c := v.Blocks[f.Block].Verbs[f.Verb].Code; c.Code != "" {
		return c
	}
	return v.Blocks[f.Block].Code
}

// Verbs is a parsed verbs dictionary.
type Verbs struct {
	Blocks          []Block
	Synsets         map[string][][]string // "&CURRENCY" → its phrases, plurals included
	Transformations []Transformation
	forms           map[string][]Form // verb proper (upper case) → forms
}

// AnyVerb, as a transformation's inner verb, matches every verb; as its
// result code it stands for the inner event's code.
const AnyVerb = "Q"

// Transformation is a PETRARCH2 verb transformation: an event reported or
// wanted by another verb's subject becomes one event of that subject.
//
//	~ a (b . ATTACK) SAY = a b 112     a says b attacked (anyone): a accuses b
//	~ a (a b Q) SAY = a b Q            a says a did Q to b: a did Q to b
//	~ a (_ b ATTACK) WANT = a b 138    a wants to attack b: a threatens b
//
// The letters are actors (the same letter, the same actor), "_" is no
// actor of its own (the inner verb is the outer's infinitive), "." any or
// none. A verb is named by its base form or its block's name; Q is any
// verb, and as the result's code the inner event's.
type Transformation struct {
	Source                           string // the outer verb's subject
	InnerSource, InnerTarget, Inner  string // the inner event: its actors and verb
	Verb                             string // the outer verb
	ResultSource, ResultTarget, Code string // the event it becomes; Code may be Q
	Line                             int
	Text                             string
}

var transformRE = regexp.MustCompile(`^~\s*(\S+)\s*\(\s*(\S+)\s+(\S+)\s+(\S+)\s*\)\s*(\S+)\s*=\s*(\S+)\s+(\S+)\s+(\S+)\s*$`)

// Named reports whether form f is of the verb a transformation names: its
// base form (words joined by _), its block's name, or Q.
func (v *Verbs) Named(f Form, name string) bool {
	if name == AnyVerb {
		return true
	}
	b := v.Blocks[f.Block]
	return b.Name == name || strings.Join(b.Verbs[f.Verb].Words, "_") == name
}

// knowsVerb reports whether some block or verb is called name.
func (v *Verbs) knowsVerb(name string) bool {
	if name == AnyVerb {
		return true
	}
	for _, b := range v.Blocks {
		if b.Name == name {
			return true
		}
		for _, vb := range b.Verbs {
			if strings.Join(vb.Words, "_") == name {
				return true
			}
		}
	}
	return false
}

// parseTransformation reads a ~ line.
func parseTransformation(s string) (Transformation, error) {
	t := Transformation{Text: strings.Join(strings.Fields(s), " ")}
	m := transformRE.FindStringSubmatch(s)
	if m == nil {
		return t, fmt.Errorf("transformation %q: want ~ a (b c VERB) VERB = a b CODE", t.Text)
	}
	t.Source, t.InnerSource, t.InnerTarget, t.Inner, t.Verb = m[1], m[2], m[3], strings.ToUpper(m[4]), strings.ToUpper(m[5])
	t.ResultSource, t.ResultTarget, t.Code = m[6], m[7], m[8]
	actor := func(v string, inner bool) bool {
		return len(v) == 1 && v[0] >= 'a' && v[0] <= 'z' || inner && (v == "_" || v == ".")
	}
	if !actor(t.Source, false) || !actor(t.InnerSource, true) || !actor(t.InnerTarget, true) {
		return t, fmt.Errorf("transformation %q: actors are lower-case letters, _ (none) or . (any)", t.Text)
	}
	for _, v := range []string{t.ResultSource, t.ResultTarget} {
		if v != t.Source && v != t.InnerSource && v != t.InnerTarget || !actor(v, false) {
			return t, fmt.Errorf("transformation %q: the result's actor %s is not one of the left side's", t.Text, v)
		}
	}
	if t.Code != AnyVerb {
		if _, err := ParseEventCode(t.Code); err != nil {
			return t, fmt.Errorf("transformation %q: %v", t.Text, err)
		}
	} else if t.Inner != AnyVerb {
		return t, fmt.Errorf("transformation %q: code Q needs the inner verb Q", t.Text)
	}
	return t, nil
}

// Forms returns the verb forms whose verb proper is the token word (any
// case).
func (v *Verbs) Forms(word string) []Form { return v.forms[Key(word)] }

// ParseVerbs reads a verbs dictionary in the PETRARCH/TABARI format:
//
//	&CURRENCY                      a synonym set, its phrases on + lines;
//	+DOLLARS                       plurals are added unless the set's name
//	+SWISS FRANCS                  or the phrase ends in _
//
//	--- GRANT [070] ---            a verb block and the code of its verbs alone
//	GRANT                          a verb: regular forms are made (…S, …ED, …ING)
//	GIVE {GAVE GIVEN GIVING}       irregular forms, all of them
//	+CORDON_OFF {+CORDONED_OFF}    a verb of several words, + before the verb proper
//	DOWNPLAY [014]                 a verb with a code of its own
//	- * &CURRENCY [903]            a pattern: words before the verb, *, words after,
//	- + WAS_ * DEAD IN $ [224]     + the target, $ the source, % a compound actor,
//	- * EID AT ^ WITH + [043]      ^ a noun phrase passed over; _ joins words
//	- % * [030:030]                two codes: source→target and target→source
//
// Codes are kept as written. A malformed line is skipped and reported (a
// pattern with a code that is not an event code, an undefined synonym set,
// a verb outside a block); the error returned alone is a read failure.
func ParseVerbs(r io.Reader, name string) (*Verbs, []error, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	v := &Verbs{Synsets: map[string][][]string{}, forms: map[string][]Form{}}
	var errs []error
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &ParseError{File: name, Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	type rawSynset struct {
		line     int
		noPlural bool
		members  []string
	}
	raw := map[string]*rawSynset{}
	var order []string
	var synset *rawSynset // the set whose + lines are being read
	block := -1
	type pendingPattern struct {
		block int
		p     Pattern
		text  string
	}
	var pending []pendingPattern
	for _, l := range lines {
		text := l.text
		if synset != nil && text[0] == '+' {
			synset.members = append(synset.members, strings.TrimSpace(text[1:]))
			continue
		}
		synset = nil
		switch {
		case text[0] == '~':
			t, err := parseTransformation(text)
			if err != nil {
				bad(l.n, "%v; line skipped", err)
				continue
			}
			t.Line = l.n
			v.Transformations = append(v.Transformations, t)
		case strings.HasPrefix(text, "---"):
			b, err := parseBlockHeader(text)
			if err != nil {
				bad(l.n, "%v", err)
			}
			b.Line = l.n
			v.Blocks = append(v.Blocks, b)
			block = len(v.Blocks) - 1
		case text[0] == '&':
			nameField := strings.Fields(text)[0]
			noPlural := strings.HasSuffix(nameField, "_")
			nameField = strings.TrimSuffix(nameField, "_")
			if len(nameField) < 2 {
				bad(l.n, "synonym set with no name")
				continue
			}
			key := strings.ToUpper(nameField)
			if _, dup := raw[key]; dup {
				bad(l.n, "synonym set %s defined again; the new definition replaces the old", key)
			} else {
				order = append(order, key)
			}
			synset = &rawSynset{line: l.n, noPlural: noPlural}
			raw[key] = synset
		case text[0] == '-':
			if block < 0 {
				bad(l.n, "pattern %q before any verb block; skipped", text)
				continue
			}
			p, err := parsePattern(text[1:])
			if err != nil {
				bad(l.n, "%v; pattern skipped", err)
				continue
			}
			p.Line = l.n
			pending = append(pending, pendingPattern{block: block, p: p})
		default:
			if block < 0 {
				bad(l.n, "verb %q before any verb block; skipped", text)
				continue
			}
			vb, err := parseVerbLine(text)
			if err != nil {
				bad(l.n, "%v; verb skipped", err)
				continue
			}
			vb.Line = l.n
			v.Blocks[block].Verbs = append(v.Blocks[block].Verbs, vb)
		}
	}
	// Synonym sets: expand members that name other sets, add plurals.
	var expand func(key string, depth int) [][]string
	expanded := map[string][][]string{}
	expand = func(key string, depth int) [][]string {
		if out, ok := expanded[key]; ok {
			return out
		}
		s := raw[key]
		var out [][]string
		for _, m := range s.members {
			words := splitWords(m)
			if len(words) == 0 {
				continue
			}
			if strings.HasPrefix(words[0], "&") {
				ref := strings.TrimSuffix(words[0], "_")
				if _, ok := raw[ref]; !ok || depth > 8 {
					bad(s.line, "synonym set %s names %s, which is not defined (or nests too deep)", key, ref)
					continue
				}
				out = append(out, expand(ref, depth+1)...)
				continue
			}
			noPlural := s.noPlural || strings.HasSuffix(m, "_")
			out = append(out, words)
			if last := words[len(words)-1]; !noPlural && Plural(last) != last {
				pl := append([]string(nil), words...)
				pl[len(pl)-1] = Plural(last)
				out = append(out, pl)
			}
		}
		expanded[key] = out
		return out
	}
	for _, key := range order {
		v.Synsets[key] = expand(key, 0)
	}
	for _, pp := range pending {
		if undefined := v.undefinedSynset(pp.p); undefined != "" {
			bad(pp.p.Line, "pattern %q uses synonym set %s, which is not defined; pattern skipped", pp.p.Text, undefined)
			continue
		}
		v.Blocks[pp.block].Patterns = append(v.Blocks[pp.block].Patterns, pp.p)
	}
	kept := v.Transformations[:0]
	for _, t := range v.Transformations {
		if !v.knowsVerb(t.Inner) || !v.knowsVerb(t.Verb) {
			bad(t.Line, "transformation %q names a verb no block holds; line skipped", t.Text)
			continue
		}
		kept = append(kept, t)
	}
	v.Transformations = kept
	// Index the forms; drop blocks' verbs that name nothing.
	for bi, b := range v.Blocks {
		for vi, vb := range b.Verbs {
			for _, f := range vb.Forms {
				head := f[vb.Head]
				v.forms[head] = append(v.forms[head], Form{Block: bi, Verb: vi, Words: f, Head: vb.Head})
			}
		}
	}
	return v, errs, nil
}

func (v *Verbs) undefinedSynset(p Pattern) string {
	for _, es := range [][]Elem{p.Upper, p.Lower} {
		for _, e := range es {
			if e.Kind == ElemSynset {
				if _, ok := v.Synsets[e.Synset]; !ok {
					return e.Synset
				}
			}
		}
	}
	return ""
}

// splitWords splits a phrase at spaces and underscores, upper-casing it.
func splitWords(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ' ' || r == '_' || r == '\t' })
}

// parseBlockHeader reads "--- NAME [CODE] ---". A block whose code is not
// an event code is kept, with no code of its own.
func parseBlockHeader(s string) (Block, error) {
	body := strings.TrimSpace(strings.Trim(s, "-"))
	b := Block{Code: EventCode{Code: NullEvent}}
	open := strings.IndexByte(body, '[')
	nameText := body
	if open >= 0 {
		nameText = body[:open]
	}
	if f := strings.Fields(nameText); len(f) > 0 {
		b.Name = strings.ToUpper(f[0])
	}
	if b.Name == "" {
		return b, fmt.Errorf("verb block %q has no name", s)
	}
	if open < 0 {
		return b, nil
	}
	closing := strings.IndexByte(body[open:], ']')
	if closing < 0 {
		return b, fmt.Errorf("verb block %s: code has no closing ]", b.Name)
	}
	c, err := ParseEventCode(body[open+1 : open+closing])
	if err != nil {
		return b, fmt.Errorf("verb block %s: %v; its verbs alone code nothing", b.Name, err)
	}
	b.Code = c
	return b, nil
}

// parseVerbLine reads a verb: ABANDON, BAN {BANS BANNED}, DOWNPLAY [014],
// +CORDON_OFF {+CORDONED_OFF …}, WIRE_+TAP {…}, LASH OUT.
func parseVerbLine(s string) (Verb, error) {
	var vb Verb
	if i := strings.IndexByte(s, '['); i >= 0 {
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return vb, fmt.Errorf("verb %q: code has no closing ]", s)
		}
		c, err := ParseEventCode(s[i+1 : i+j])
		if err != nil {
			return vb, fmt.Errorf("verb %q: %v", strings.TrimSpace(s[:i]), err)
		}
		vb.Code = c
		if rest := strings.TrimSpace(s[i+j+1:]); rest != "" {
			return vb, fmt.Errorf("verb %q: unexpected text %q after the code", strings.TrimSpace(s[:i]), rest)
		}
		s = s[:i]
	}
	var irregular []string
	if i := strings.IndexByte(s, '{'); i >= 0 {
		j := strings.IndexByte(s, '}')
		if j < i {
			return vb, fmt.Errorf("verb %q: missing }", s)
		}
		irregular = strings.FieldsFunc(s[i+1:j], func(r rune) bool { return r == ' ' || r == '\t' || r == ',' })
		if rest := strings.TrimSpace(s[j+1:]); rest != "" {
			return vb, fmt.Errorf("verb %q: unexpected text %q after the forms", strings.TrimSpace(s[:i]), rest)
		}
		s = s[:i]
	}
	base := strings.TrimSpace(s)
	words, head, err := verbWords(base)
	if err != nil {
		return vb, err
	}
	vb.Words, vb.Head = words, head
	vb.Forms = [][]string{words}
	if irregular != nil {
		for _, f := range irregular {
			fw, fh, err := verbWords(f)
			if err != nil {
				return vb, err
			}
			if len(fw) != len(words) || fh != head {
				return vb, fmt.Errorf("verb %s: form %s does not have the base's words with the verb proper in the same place", base, f)
			}
			vb.Forms = append(vb.Forms, fw)
		}
		return vb, nil
	}
	for _, inf := range regularForms(words[head]) {
		f := append([]string(nil), words...)
		f[head] = inf
		vb.Forms = append(vb.Forms, f)
	}
	return vb, nil
}

// verbWords splits a verb of one or several words and finds the verb
// proper: the word marked with +, else the first.
func verbWords(s string) ([]string, int, error) {
	parts := strings.FieldsFunc(strings.ToUpper(s), func(r rune) bool { return r == ' ' || r == '_' || r == '\t' })
	if len(parts) == 0 {
		return nil, 0, fmt.Errorf("empty verb")
	}
	head := -1
	for i, p := range parts {
		if strings.HasPrefix(p, "+") {
			if head >= 0 {
				return nil, 0, fmt.Errorf("verb %q marks two words with +", s)
			}
			head = i
			parts[i] = p[1:]
		}
		if parts[i] == "" || strings.ContainsAny(parts[i], "+$%^&*{}[]") {
			return nil, 0, fmt.Errorf("verb %q: bad word %q", s, p)
		}
	}
	if head < 0 {
		head = 0
	}
	return parts, head, nil
}

// regularForms returns the forms PETRARCH makes of a regular verb: …S (…ES
// after S, X, Z), …ED (…D after E), …ING (dropping a final E), and, for a
// final Y after a consonant, …IES and …IED as English writes them.
func regularForms(base string) []string {
	var out []string
	if strings.HasSuffix(base, "S") || strings.HasSuffix(base, "X") || strings.HasSuffix(base, "Z") {
		out = append(out, base+"ES")
	} else {
		out = append(out, base+"S")
	}
	if strings.HasSuffix(base, "E") {
		out = append(out, base+"D", base[:len(base)-1]+"ING")
	} else {
		out = append(out, base+"ED", base+"ING")
	}
	if n := len(base); n > 1 && base[n-1] == 'Y' && !strings.ContainsRune("AEIOU", rune(base[n-2])) {
		out = append(out, base[:n-1]+"IES", base[:n-1]+"IED")
	}
	return out
}

// parsePattern reads a pattern line after its "-": words before *, words
// after, and the [code]. Besides words, synonym sets and the actor markers,
// a pattern may hold PETRARCH2's groups, which say where in the sentence
// their words stand:
//
//	{OLIVE BRANCH}             a noun phrase: its words in one noun phrase
//	(AGAINST {BANNED PARTIES}) a prepositional phrase: the preposition, then
//	                           its object (words, a set, a {…}, +, $ or ^)
//	(TO/FOR PROTEST)           / separates spellings of one word
//
// A group's first element is placed as a word outside would be; its other
// elements have Phrase set: only words of a noun phrase may stand between
// them and the element before.
func parsePattern(s string) (Pattern, error) {
	p := Pattern{Text: strings.Join(strings.Fields(s), " ")}
	open := strings.LastIndexByte(s, '[')
	closing := strings.LastIndexByte(s, ']')
	if open < 0 || closing < open {
		if open >= 0 {
			return p, fmt.Errorf("pattern %q: its [code] is not closed (# starts a comment, so ### cannot be a code)", p.Text)
		}
		return p, fmt.Errorf("pattern %q has no [code]", p.Text)
	}
	if rest := strings.TrimSpace(s[closing+1:]); rest != "" {
		return p, fmt.Errorf("pattern %q: unexpected text after the code", p.Text)
	}
	c, err := ParseEventCode(s[open+1 : closing])
	if err != nil {
		return p, fmt.Errorf("pattern %q: %v", p.Text, err)
	}
	p.Code = c
	body := s[:open]
	p.Text = strings.Join(strings.Fields(body), " ") + " [" + c.String() + "]"
	if strings.ContainsAny(body, "[]") {
		return p, fmt.Errorf("pattern %q: [ or ] outside the code", p.Text)
	}
	// "_ " is TABARI's ambiguous open connector: a space.
	body = strings.ReplaceAll(body, "_ ", " ")
	body = strings.TrimRight(strings.TrimSpace(body), "_")
	if strings.Count(body, "*") != 1 {
		return p, fmt.Errorf("pattern %q: want exactly one * for the verb", p.Text)
	}
	upper, lower, _ := strings.Cut(body, "*")
	if strings.Count(upper, "(") != strings.Count(upper, ")") || strings.Count(upper, "{") != strings.Count(upper, "}") {
		return p, fmt.Errorf("pattern %q: the * stands inside a (…) or {…} group", p.Text)
	}
	p.VerbJoined = strings.HasSuffix(upper, "_")
	if p.Upper, err = patternElems(strings.TrimSuffix(upper, "_"), false); err != nil {
		return p, fmt.Errorf("pattern %q: %v", p.Text, err)
	}
	if p.Lower, err = patternElems(lower, true); err != nil {
		return p, fmt.Errorf("pattern %q: %v", p.Text, err)
	}
	return p, nil
}

// patternElems splits one side of a pattern. On the lower side a leading
// underscore joins the first element to the verb.
func patternElems(s string, lower bool) ([]Elem, error) {
	var out []Elem
	joined := false
	if lower && strings.HasPrefix(s, "_") {
		joined = true
		s = s[1:]
	}
	var (
		cur    strings.Builder
		groups []rune // the groups open at this point, innermost last
		inside int    // elements read since the outermost group opened
	)
	flush := func(next bool) error {
		if cur.Len() == 0 {
			joined = joined || next
			return nil
		}
		tok := strings.ToUpper(cur.String())
		cur.Reset()
		e := Elem{Joined: joined && (len(out) > 0 || lower), Phrase: len(groups) > 0 && inside > 0}
		switch {
		case tok == "+":
			e.Kind = ElemTarget
		case tok == "$":
			e.Kind = ElemSource
		case tok == "%":
			e.Kind = ElemCompound
		case tok == "^":
			e.Kind = ElemSkip
		case strings.HasPrefix(tok, "&"):
			if len(tok) < 2 {
				return fmt.Errorf("synonym set with no name")
			}
			e.Kind, e.Synset = ElemSynset, tok
		case strings.ContainsAny(tok, "+$%^&*"):
			return fmt.Errorf("bad element %q", tok)
		default:
			alts := strings.Split(tok, "/")
			for _, a := range alts {
				if a == "" {
					return fmt.Errorf("bad element %q: an empty spelling between /", tok)
				}
			}
			e.Kind, e.Word, e.Alts = ElemWord, alts[0], alts[1:]
		}
		if len(groups) > 0 {
			inside++
		}
		out = append(out, e)
		joined = next
		return nil
	}
	for _, r := range s {
		switch r {
		case '_':
			if err := flush(true); err != nil {
				return nil, err
			}
		case ' ', '\t':
			if err := flush(false); err != nil {
				return nil, err
			}
		case '{', '(':
			if err := flush(false); err != nil {
				return nil, err
			}
			if len(groups) > 0 && (groups[len(groups)-1] == '{' || r == '(') {
				return nil, fmt.Errorf("a %c group inside a %c group", r, groups[len(groups)-1])
			}
			if len(groups) == 0 {
				inside = 0
			}
			groups = append(groups, r)
		case '}', ')':
			if err := flush(false); err != nil {
				return nil, err
			}
			want := map[rune]rune{'}': '{', ')': '('}[r]
			if len(groups) == 0 || groups[len(groups)-1] != want {
				return nil, fmt.Errorf("%c closes no %c group", r, want)
			}
			groups = groups[:len(groups)-1]
		default:
			cur.WriteRune(r)
		}
	}
	if err := flush(false); err != nil {
		return nil, err
	}
	if len(groups) > 0 {
		return nil, fmt.Errorf("a %c group is not closed", groups[len(groups)-1])
	}
	return out, nil
}
