package petrarch

import (
	"fmt"
	"io"
	"strings"
	"unicode"
)

// Discard is a phrase that keeps a sentence (or, with Story, the whole
// story) from being coded: sports, entertainment, history. Its last word
// matches as a stem ("BASEBALL" matches "baseballs") unless the dictionary
// ends it with _.
type Discard struct {
	Words []string // upper case
	Story bool
	Exact bool
	Line  int
}

// Discards is a parsed discards dictionary.
type Discards struct {
	Entries []Discard
}

// ParseDiscards reads a discards dictionary: one phrase per line, a leading
// + for a phrase that discards the whole story, a trailing _ for an exact
// last word. The error returned alone is a read failure.
func ParseDiscards(r io.Reader, name string) (*Discards, []error, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	d := &Discards{}
	var errs []error
	for _, l := range lines {
		text := l.text
		e := Discard{Line: l.n}
		if strings.HasPrefix(text, "+") {
			e.Story = true
			text = text[1:]
		}
		text = strings.TrimSpace(text)
		if strings.HasSuffix(text, "_") {
			e.Exact = true
			text = strings.TrimRight(text, "_")
		}
		e.Words = discardWords(text)
		if len(e.Words) == 0 {
			errs = append(errs, &ParseError{File: name, Line: l.n, Msg: fmt.Sprintf("discard %q has no words; line skipped", l.text)})
			continue
		}
		d.Entries = append(d.Entries, e)
	}
	return d, errs, nil
}

// discardWords splits text into upper-case words of letters and digits
// (apostrophes, hyphens and dots inside a word are kept).
func discardWords(s string) []string {
	return strings.FieldsFunc(strings.ToUpper(strings.ReplaceAll(s, "_", " ")), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '-' || r == '.' || r == '&')
	})
}

// Find returns the first discard phrase that text contains, compared
// without regard to case, on word boundaries.
func (d *Discards) Find(text string) (Discard, bool) {
	if d == nil {
		return Discard{}, false
	}
	words := discardWords(text)
	for i := range words {
		words[i] = strings.Trim(words[i], ".'-")
	}
	for _, e := range d.Entries {
		n := len(e.Words)
		for i := 0; i+n <= len(words); i++ {
			ok := true
			for k, w := range e.Words {
				t := words[i+k]
				if k == n-1 && !e.Exact {
					ok = ok && strings.HasPrefix(t, w)
				} else {
					ok = ok && t == w
				}
			}
			if ok {
				return e, true
			}
		}
	}
	return Discard{}, false
}
