package petrarch

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrMalformed is what every *ParseError wraps, for errors.Is.
var ErrMalformed = errors.New("malformed dictionary entry")

// ParseError is one malformed entry: where it is and what is wrong with it.
type ParseError struct {
	File string // the name the parser was given
	Line int    // 1-based
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Unwrap returns ErrMalformed.
func (e *ParseError) Unwrap() error { return ErrMalformed }

// maxLine is the longest line the readers accept.
const maxLine = 1 << 20

// line is one line of a dictionary with comments removed and white space
// trimmed; indent records whether it began with white space.
type line struct {
	n      int
	text   string
	indent bool
}

// readLines returns the non-empty lines of a dictionary file with its
// comments removed: XML-style comments <!-- … --> (also across lines, and a
// line opening with "<!"), and everything from '#' or ';' to the end of a
// line (';' is the comment mark of KEDS and TABARI, which PETRARCH keeps),
// neither of which any name or code in these formats may contain.
func readLines(r io.Reader) ([]line, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	var (
		out       []line
		n         int
		inComment bool
	)
	for sc.Scan() {
		n++
		raw := sc.Text()
		if n == 1 {
			raw = strings.TrimPrefix(raw, "\uFEFF")
		}
		text := raw
		if inComment {
			i := strings.Index(text, "-->")
			if i < 0 {
				continue
			}
			text = text[i+3:]
			inComment = false
		}
		// A line opening with "<!" is a comment, closed on it or later.
		if t := strings.TrimSpace(text); strings.HasPrefix(t, "<!") && !strings.HasPrefix(t, "<!--") {
			if !strings.Contains(t, "-->") {
				inComment = true
			}
			continue
		}
		for {
			i := strings.Index(text, "<!--")
			if i < 0 {
				break
			}
			j := strings.Index(text[i+4:], "-->")
			if j < 0 {
				text = text[:i]
				inComment = true
				break
			}
			text = text[:i] + " " + text[i+4+j+3:]
		}
		if i := strings.IndexAny(text, "#;"); i >= 0 {
			text = text[:i]
		}
		t := strings.TrimSpace(text)
		if t == "" {
			continue
		}
		out = append(out, line{n: n, text: t, indent: text[0] == ' ' || text[0] == '\t'})
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return out, fmt.Errorf("line %d: longer than %d bytes", n+1, maxLine)
		}
		return out, err
	}
	return out, nil
}

// Word is one word of a dictionary phrase, upper case. Joined is set when
// the dictionary wrote it with an underscore after the previous word, so
// that no other word may come between them; words separated by a space may
// have a few words of the same noun phrase between them.
type Word struct {
	Text   string
	Joined bool
}

// Phrase is a dictionary phrase: a name, an agent, a discard.
type Phrase []Word

// String writes the phrase back in dictionary form: GONDOR, MINAS_TIRITH.
func (p Phrase) String() string {
	var b strings.Builder
	for i, w := range p {
		if i > 0 {
			if w.Joined {
				b.WriteByte('_')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(w.Text)
	}
	return b.String()
}

// parsePhrase splits a dictionary phrase at spaces and underscores. A
// trailing underscore (TABARI's mark for "no stemming") is dropped.
func parsePhrase(s string) (Phrase, error) {
	s = strings.TrimSpace(s)
	var p Phrase
	joined := false
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			p = append(p, Word{Text: strings.ToUpper(cur.String()), Joined: joined && len(p) > 0})
			cur.Reset()
			joined = false
		}
	}
	for _, r := range s {
		switch {
		case r == '_':
			flush()
			joined = true
		case r == ' ' || r == '\t':
			flush()
			joined = false
		case r == '[' || r == ']' || r == '{' || r == '}':
			return nil, fmt.Errorf("unexpected %q in phrase %q", r, s)
		default:
			cur.WriteRune(r)
		}
	}
	flush()
	if len(p) == 0 {
		return nil, fmt.Errorf("empty phrase")
	}
	return p, nil
}

// Key returns the form a token is compared in: upper case.
func Key(token string) string { return strings.ToUpper(token) }

// phraseIndex finds phrases in a token sequence: by first word, longest
// match first.
type phraseIndex map[string][]phraseRef

type phraseRef struct {
	entry, phrase int
	words         Phrase
}

// MaxGap is how many tokens may stand between two words of a phrase that
// the dictionary separates by a space ("ITHILEN TELEVISION" matches
// "Ithilen state-run television").
const MaxGap = 2

// match finds the longest phrase starting at token i. skippable says which
// tokens may be skipped between space-separated words. It returns the
// reference and the token after the match.
func (ix phraseIndex) match(keys []string, i int, skippable func(int) bool) (phraseRef, int, bool) {
	if i < 0 || i >= len(keys) {
		return phraseRef{}, 0, false
	}
	var (
		best    phraseRef
		bestEnd = -1
	)
	for _, ref := range ix[keys[i]] {
		end, ok := matchWords(ref.words, keys, i, skippable)
		if !ok {
			continue
		}
		// Longest wins; for equal length, the later entry (a dictionary
		// that defines a phrase twice means the second).
		if end > bestEnd || end == bestEnd && ref.entry >= best.entry {
			best, bestEnd = ref, end
		}
	}
	return best, bestEnd, bestEnd > i
}

func matchWords(words Phrase, keys []string, i int, skippable func(int) bool) (int, bool) {
	k := i
	for wi, w := range words {
		if wi == 0 {
			if keys[k] != w.Text {
				return 0, false
			}
			k++
			continue
		}
		found := false
		for gap := 0; k+gap < len(keys); gap++ {
			if keys[k+gap] == w.Text {
				k += gap + 1
				found = true
				break
			}
			if w.Joined || gap >= MaxGap || skippable == nil || !skippable(k+gap) {
				break
			}
		}
		if !found {
			return 0, false
		}
	}
	return k, true
}
