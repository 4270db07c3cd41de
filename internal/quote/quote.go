// Package quote prints names from outside (file names, store paths) so
// that they cannot pass for other output: a name of plain printable
// characters is printed as it is, any other in Go's double quotes, with its
// control characters, line breaks, spaces and invalid bytes escaped.
package quote

import (
	"strconv"
	"unicode"
	"unicode/utf8"
)

// Name returns s as it is when every rune of it is printable and none is
// a space, a quote or a backslash, and strconv.Quote(s) otherwise; "" is
// printed as "".
func Name(s string) string {
	if s == "" {
		return `""`
	}
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size == 1 {
				return strconv.Quote(s)
			}
		}
		if !unicode.IsPrint(r) || unicode.IsSpace(r) || r == '"' || r == '\\' || r == '\'' {
			return strconv.Quote(s)
		}
	}
	return s
}
