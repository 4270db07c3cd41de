package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/neurosnap/sentences.v1"
)

// normalized is a document's text with typographic punctuation folded to
// ASCII for the tagger, and a map from each byte of the folded text back to
// the original, so evidence and spans quote the document as it was.
type normalized struct {
	text string
	orig []int // orig[i] is the original byte offset of text[i]; len(text)+1 entries
}

var foldRunes = map[rune]string{
	'\u2018': "'", '\u2019': "'", '\u201A': "'", '\u2032': "'", '\u02BC': "'",
	'\u201C': `"`, '\u201D': `"`, '\u201E': `"`, '\u2033': `"`,
	'\u2013': "-", '\u2014': " - ", '\u2012': "-", '\u2010': "-", '\u2011': "-",
	'\u00A0': " ", '\u2009': " ", '\u202F': " ", '\u2026': "...",
}

func normalize(s string) normalized {
	var b strings.Builder
	orig := make([]int, 0, len(s)+1)
	for i, r := range s {
		rep, ok := foldRunes[r]
		if !ok {
			if r == utf8.RuneError || (unicode.IsControl(r) && r != '\n' && r != '\t') {
				rep = " "
			} else {
				rep = string(r)
			}
		}
		if r == '\r' {
			rep = "\n"
		}
		if rep == "'" && openingQuote(s, i) {
			rep = `"` // "demands that China 'back off'": a quote, not an apostrophe
		}
		b.WriteString(rep)
		for range len(rep) {
			orig = append(orig, i)
		}
	}
	orig = append(orig, len(s))
	return normalized{text: b.String(), orig: orig}
}

// openingQuote reports whether the single quote at s[i] opens a quotation:
// after a space or an opening bracket and before a letter ("'back off'"),
// never an elision ("'90s", "rock 'n' roll" aside, which is rare in news).
func openingQuote(s string, i int) bool {
	if i > 0 && !strings.ContainsRune(" \n\t([", rune(s[i-1])) {
		return false
	}
	_, size := utf8.DecodeRuneInString(s[i:])
	next, _ := utf8.DecodeRuneInString(s[i+size:])
	return unicode.IsLetter(next) && !strings.HasPrefix(s[i+size:], "n'")
}

// span maps a byte range of the folded text to the original text.
func (n normalized) span(start, end int) [2]int {
	if end > len(n.text) {
		end = len(n.text)
	}
	if start < 0 {
		start = 0
	}
	return [2]int{n.orig[start], n.orig[end]}
}

// block is a run of text that a sentence may not cross: a paragraph, a
// headline, a menu item.
type block struct{ start, end int }

// blocks splits text at blank lines, and at single line breaks where the
// line before does not read on into the next (the next starts with a capital,
// a bullet or a digit): headlines, captions and page chrome stay apart from
// the prose around them.
func blocks(text string) []block {
	var out []block
	start := -1
	flush := func(end int) {
		if start >= 0 && strings.TrimSpace(text[start:end]) != "" {
			out = append(out, block{start, end})
		}
		start = -1
	}
	lineStart := 0
	for lineStart <= len(text) {
		nl := strings.IndexByte(text[lineStart:], '\n')
		lineEnd := len(text)
		if nl >= 0 {
			lineEnd = lineStart + nl
		}
		line := strings.TrimSpace(text[lineStart:lineEnd])
		switch {
		case line == "":
			flush(lineStart)
		case start < 0:
			start = lineStart
		default:
			first, _ := utf8.DecodeRuneInString(line)
			if !unicode.IsLower(first) {
				flush(lineStart)
				start = lineStart
			}
		}
		if nl < 0 {
			break
		}
		lineStart = lineEnd + 1
	}
	flush(len(text))
	return out
}

// sentenceSpan is one sentence as byte offsets into the folded text, with
// the index of the block (paragraph) it is in.
type sentenceSpan struct{ start, end, block int }

// segment splits every block into sentences with the Punkt tokenizer.
func segment(tok *sentences.DefaultSentenceTokenizer, text string) []sentenceSpan {
	var out []sentenceSpan
	for bi, b := range blocks(text) {
		chunk := text[b.start:b.end]
		for _, s := range tok.Tokenize(chunk) {
			start, end := b.start+s.Start, b.start+s.End
			for start < end && isSpace(text[start]) {
				start++
			}
			for end > start && isSpace(text[end-1]) {
				end--
			}
			if start >= end {
				continue
			}
			if n := len(out); n > 0 && out[n-1].block == bi && continues(text[out[n-1].start:out[n-1].end], text[start:end]) {
				out[n-1].end = end
				continue
			}
			out = append(out, sentenceSpan{start, end, bi})
		}
	}
	return out
}

// continues reports whether next goes on with the sentence prev, which the
// splitter cut at an abbreviation: "… withdrew the U." + "S. from the
// accord …", or any cut before a word in lower case.
func continues(prev, next string) bool {
	if next == "" {
		return false
	}
	if c := next[0]; 'a' <= c && c <= 'z' {
		return true
	}
	if i := strings.LastIndexByte(prev, ' '); titleAbbrevs[prev[i+1:]] {
		return true // "said Lt." + "Col. Amnon Shefler": a title never ends a sentence
	}
	initial := func(s string) bool { // "U." or " U." at the end
		n := len(s)
		return n >= 2 && s[n-1] == '.' && 'A' <= s[n-2] && s[n-2] <= 'Z' && (n == 2 || s[n-3] == ' ' || s[n-3] == '.')
	}
	return initial(prev) && len(next) >= 2 && 'A' <= next[0] && next[0] <= 'Z' && next[1] == '.'
}

// titleAbbrevs are abbreviated titles, which stand before a name.
var titleAbbrevs = map[string]bool{
	"Mr.": true, "Mrs.": true, "Ms.": true, "Dr.": true, "Prof.": true, "Sen.": true, "Rep.": true, "Gov.": true,
	"Gen.": true, "Lt.": true, "Col.": true, "Maj.": true, "Capt.": true, "Sgt.": true, "Adm.": true, "Brig.": true,
	"Cmdr.": true, "Lt.-Col.": true, "Rev.": true, "Amb.": true, "Pres.": true, "Sheikh.": true,
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\t' || c == '\r' }
