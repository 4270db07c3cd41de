package source

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

var (
	htmlComment    = regexp.MustCompile(`(?s)<!--.*?-->`)
	atxHeading     = regexp.MustCompile(`^#{1,6}(?:[ \t]+|$)`)
	atxClosing     = regexp.MustCompile(`[ \t]+#+[ \t]*$`)
	thematicBreak  = regexp.MustCompile(`^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$`)
	setextEquals   = regexp.MustCompile(`^=+[ \t]*$`)
	tableDelimiter = regexp.MustCompile(`^\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)+\|?$`)
	referenceDef   = regexp.MustCompile(`^\[[^\]^][^\]]*\]:[ \t]*\S+`)
	footnoteDef    = regexp.MustCompile(`^\[\^[^\]]+\]:[ \t]*`)
	listMarker     = regexp.MustCompile(`^(?:[-*+]|\d{1,9}[.)])[ \t]+`)
	fenceOpen      = regexp.MustCompile("^(`{3,}|~{3,})")
	spaceRun       = regexp.MustCompile(`[ \t]{2,}`)
	blankLines     = regexp.MustCompile(`\n{3,}`)
)

// markdownTitle returns the text of s's first line when it is a level-one
// ATX heading ("# Title"), else "".
func markdownTitle(s string) string {
	first, _, _ := strings.Cut(s, "\n")
	if !strings.HasPrefix(first, "# ") {
		return ""
	}
	return collapseSpace(stripInline(atxClosing.ReplaceAllString(first[2:], "")))
}

// stripMarkdown returns the prose of a Markdown text: headings, list items,
// quotes and paragraphs keep their words and line breaks while the syntax
// around them goes. Code blocks, images, HTML comments and tags, link
// reference definitions, thematic breaks and table rules are removed;
// links keep their text.
func stripMarkdown(s string) string {
	s = htmlComment.ReplaceAllString(s, "")
	lines := strings.Split(s, "\n")
	out := make([]string, 0, len(lines))
	fence := "" // the marker of the open code fence
	for _, line := range lines {
		trimmed := strings.TrimLeft(line, " \t")
		indented := len(line)-len(trimmed) >= 4
		if fence != "" {
			if !indented && strings.HasPrefix(trimmed, fence) && strings.Trim(trimmed, fence[:1]+" \t") == "" {
				fence = ""
			}
			out = append(out, "")
			continue
		}
		if !indented {
			if m := fenceOpen.FindString(trimmed); m != "" {
				fence = m
				out = append(out, "")
				continue
			}
		}
		trimmed = strings.TrimRight(trimmed, " \t")
		prevText := len(out) > 0 && out[len(out)-1] != ""
		switch {
		case thematicBreak.MatchString(trimmed),
			prevText && setextEquals.MatchString(trimmed),
			tableDelimiter.MatchString(trimmed),
			referenceDef.MatchString(trimmed):
			out = append(out, "")
			continue
		}
		trimmed = footnoteDef.ReplaceAllString(trimmed, "")
		// Block quote markers, then a heading or list marker.
		for strings.HasPrefix(trimmed, ">") {
			trimmed = strings.TrimLeft(trimmed[1:], " \t")
		}
		if loc := atxHeading.FindStringIndex(trimmed); loc != nil {
			trimmed = atxClosing.ReplaceAllString(trimmed[loc[1]:], "")
		} else {
			trimmed = listMarker.ReplaceAllString(trimmed, "")
		}
		trimmed = stripInline(trimmed)
		trimmed = spaceRun.ReplaceAllString(strings.TrimSpace(trimmed), " ")
		out = append(out, trimmed)
	}
	text := strings.Join(out, "\n")
	return strings.TrimSpace(blankLines.ReplaceAllString(text, "\n\n"))
}

// stripInline removes the inline syntax of one line: escapes, code spans'
// backticks, emphasis and strike-through markers, images, link syntax
// (keeping the link text), footnote references and HTML tags. It runs in
// time linear in the line's length, whatever the line holds.
func stripInline(s string) string {
	if !strings.ContainsAny(s, "\\`![<*_~") {
		return s
	}
	var (
		b       strings.Builder
		match   []int       // for each '[' and '(', the offset of its closing bracket
		skip    map[int]int // the ']' ending a link's text → the offset after the link
		noClose = map[int]bool{}
		gt      = -2 // offset of the next '>', -1 when there is none, -2 before looking
	)
	if strings.IndexByte(s, '[') >= 0 {
		match = bracketMatches(s)
		skip = make(map[int]int)
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch c {
		case '\\':
			if i+1 < len(s) && isASCIIPunct(s[i+1]) {
				b.WriteByte(s[i+1])
				i += 2
				continue
			}
		case '`':
			n := runLength(s, i, '`')
			if !noClose[n] {
				if end := strings.Index(s[i+n:], s[i:i+n]); end >= 0 {
					code := s[i+n : i+n+end]
					if len(code) > 2 && code[0] == ' ' && code[len(code)-1] == ' ' {
						code = code[1 : len(code)-1]
					}
					b.WriteString(code)
					i += 2*n + end
					continue
				}
				noClose[n] = true // and none further on either
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		case '!':
			if i+1 < len(s) && s[i+1] == '[' {
				if _, end, ok := linkAt(s, i+1, match); ok {
					i = end // an image: its alt text is not prose
					continue
				}
			}
		case '[':
			if strings.HasPrefix(s[i:], "[^") && match[i] > i+2 {
				i = match[i] + 1 // a footnote reference
				continue
			}
			if rb, end, ok := linkAt(s, i, match); ok {
				skip[rb] = end // keep the text, drop the rest
				i++
				continue
			}
		case ']':
			if end, ok := skip[i]; ok {
				i = end
				continue
			}
		case '<':
			if gt != -1 && gt < i {
				gt = strings.IndexByte(s[i:], '>')
				if gt >= 0 {
					gt += i
				}
			}
			if gt > i+1 && gt-i <= 2048 {
				inner := s[i+1 : gt]
				if isAutolink(inner) {
					b.WriteString(inner)
					i = gt + 1
					continue
				}
				if isTag(inner) {
					i = gt + 1
					continue
				}
			}
		case '*', '_', '~':
			n := runLength(s, i, c)
			if (c != '~' || n >= 2) && flanking(s, i, i+n) {
				i += n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
			continue
		}
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// bracketMatches returns, for each '[' and '(' of s, the offset of the
// bracket closing it, or -1; other offsets hold -1. Escaped brackets do
// not count.
func bracketMatches(s string) []int {
	match := make([]int, len(s))
	var square, round []int // offsets of the open brackets
	for i := 0; i < len(s); i++ {
		match[i] = -1
		switch s[i] {
		case '\\':
			if i+1 < len(s) {
				i++
				match[i] = -1
			}
		case '[':
			square = append(square, i)
		case '(':
			round = append(round, i)
		case ']':
			if n := len(square); n > 0 {
				match[square[n-1]] = i
				square = square[:n-1]
			}
		case ')':
			if n := len(round); n > 0 {
				match[round[n-1]] = i
				round = round[:n-1]
			}
		}
	}
	return match
}

// linkAt reads "[text](destination)" or "[text][label]" at s[i], using the
// bracket matches of s, and returns the offset of the ']' ending the text
// and the offset after the link.
func linkAt(s string, i int, match []int) (rb, end int, ok bool) {
	rb = match[i]
	if rb < 0 || rb+1 >= len(s) {
		return 0, 0, false
	}
	if next := s[rb+1]; (next == '(' || next == '[') && match[rb+1] >= 0 {
		return rb, match[rb+1] + 1, true
	}
	return 0, 0, false
}

// runLength counts the bytes equal to c from s[i].
func runLength(s string, i int, c byte) int {
	n := 0
	for i+n < len(s) && s[i+n] == c {
		n++
	}
	return n
}

// flanking reports whether the delimiter run s[i:j] can open or close
// emphasis: it touches a word on one side and white space, punctuation or
// the line's end on the other. Runs inside a word (snake_case, 5*3) and
// runs between spaces stay.
func flanking(s string, i, j int) bool {
	prev, _ := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[j:])
	hasPrev, hasNext := i > 0, j < len(s)
	open := hasNext && !unicode.IsSpace(next) && (!hasPrev || unicode.IsSpace(prev) || isPunct(prev))
	closing := hasPrev && !unicode.IsSpace(prev) && (!hasNext || unicode.IsSpace(next) || isPunct(next))
	return open || closing
}

func isPunct(r rune) bool { return unicode.IsPunct(r) || unicode.IsSymbol(r) }

func isASCIIPunct(c byte) bool {
	return c < utf8.RuneSelf && (c >= '!' && c <= '/' || c >= ':' && c <= '@' || c >= '[' && c <= '`' || c >= '{' && c <= '~')
}

var (
	autolinkRE = regexp.MustCompile(`^(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[A-Za-z]+)$`)
	tagRE      = regexp.MustCompile(`^(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!\[CDATA\[.*\]\])$`)
)

func isAutolink(s string) bool { return autolinkRE.MatchString(s) }
func isTag(s string) bool      { return tagRE.MatchString(s) }
