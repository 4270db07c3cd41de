package gazetteer

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Names and tokens are compared word by word. A word is a run of characters
// between white space, hyphens, apostrophes, slashes and underscores; dots
// are dropped, so "U.S." is the word "US". Accents are removed. The key of
// a word is its lower-case form; its spelling (accents removed, case kept)
// is what the case rules look at. So "Mujahedin-e-Khalq" (one token) and
// "Mujahedin-e Khalq" (two) are both the words Mujahedin e Khalq, and
// "Iran 's" is Iran s, as is "Iran's".

// isSep reports whether r separates words inside a token.
func isSep(r rune) bool {
	switch r {
	case '-', '\'', '/', '_', '`',
		'\u2010', '\u2011', '\u2012', '\u2013', '\u2014', // hyphens and dashes
		'\u2018', '\u2019', '\u02bc': // quotation marks used as apostrophes
		return true
	}
	return unicode.IsSpace(r)
}

// plain removes accents and dots from s.
func plain(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) || r == '.' {
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// words splits s into words, each spelled as in s without accents or dots.
func words(s string) []string {
	return strings.FieldsFunc(plain(s), isSep)
}

// keyOf is the comparison form of one word.
func keyOf(word string) string { return strings.ToLower(word) }

// keys returns the keys of the words of s.
func keys(s string) []string {
	ws := words(s)
	for i, w := range ws {
		ws[i] = keyOf(w)
	}
	return ws
}

// lookupKey is the key a whole name is looked up by: its word keys joined by
// spaces, without a leading "the".
func lookupKey(s string) string {
	ks := keys(s)
	if len(ks) > 1 && ks[0] == "the" {
		ks = ks[1:]
	}
	return strings.Join(ks, " ")
}

// transparent reports whether a token holding no words may sit inside a
// name: a lone apostrophe or hyphen ("Workers ' Party"). Any other token
// without words (a comma, a full stop) ends a name.
func transparent(tok string) bool {
	if tok == "" {
		return false
	}
	for _, r := range tok {
		if r == '.' || !isSep(r) || unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// hasLower reports whether s holds a lower-case letter.
func hasLower(s string) bool { return strings.IndexFunc(s, unicode.IsLower) >= 0 }

// hasUpper reports whether s holds an upper-case letter.
func hasUpper(s string) bool { return strings.IndexFunc(s, unicode.IsUpper) >= 0 }

// isAbbrev reports whether a name is an abbreviation: letters in it, none
// lower case ("US", "U.S.", "OPEC+", "G7").
func isAbbrev(s string) bool { return hasUpper(s) && !hasLower(s) }

// letterCount counts the letters of s.
func letterCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// startsUpper reports whether the first letter of s is upper case.
func startsUpper(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return unicode.IsUpper(r)
		}
	}
	return false
}

// upperFirst returns s with its first rune in upper case.
func upperFirst(s string) string {
	for i, r := range s {
		return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
	}
	return s
}

// joinTokens joins tokens with spaces, but none before a token that starts
// with an apostrophe ("Iran 's" → "Iran's").
func joinTokens(toks []string) string {
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && !strings.HasPrefix(t, "'") && !strings.HasPrefix(t, "\u2019") {
			b.WriteByte(' ')
		}
		b.WriteString(t)
	}
	return b.String()
}
