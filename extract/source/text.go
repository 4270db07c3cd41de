package source

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"github.com/geokg/geokg/schema"
)

// bom is the UTF-8 byte-order mark, dropped where a text starts with it.
const bom = "\ufeff"

// binaryMagic lists the opening bytes of common binary formats.
var binaryMagic = [][]byte{
	[]byte("\x89PNG\r\n\x1a\n"),
	[]byte("GIF87a"),
	[]byte("GIF89a"),
	[]byte("\xff\xd8\xff"), // JPEG
	[]byte("%PDF-"),
	[]byte("PK\x03\x04"), // ZIP, DOCX, EPUB…
	[]byte("\x1f\x8b"),   // gzip
	[]byte("\x7fELF"),
}

// looksBinary reports whether b is binary content: it starts like a known
// binary format, holds a NUL byte (UTF-16 text does too), or more than one
// byte in ten of its start is a control character that text does not use.
func looksBinary(b []byte) bool {
	for _, m := range binaryMagic {
		if bytes.HasPrefix(b, m) {
			return true
		}
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return true
	}
	head := b[:min(len(b), 8<<10)]
	controls := 0
	for _, c := range head {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b {
			controls++
		}
	}
	return controls*10 > len(head)
}

// invalidUTF8 returns the offset of the first byte of b that is not part of
// valid UTF-8, or -1.
func invalidUTF8(b []byte) int {
	if utf8.Valid(b) {
		return -1
	}
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// checkText rejects content that cannot be an article's text: empty,
// binary, or not UTF-8.
func checkText(b []byte) error {
	if len(b) == 0 {
		return because(ErrEmpty, "empty file")
	}
	if looksBinary(b) {
		return ErrBinary
	}
	if i := invalidUTF8(b); i >= 0 {
		return because(ErrInvalidUTF8, "invalid UTF-8 at byte %d; convert the file to UTF-8", i)
	}
	return nil
}

// normalizeText drops a leading byte-order mark, turns CR LF and lone CR
// line ends into LF, and trims surrounding white space.
func normalizeText(s string) string {
	s = strings.TrimPrefix(s, bom)
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	return strings.TrimSpace(s)
}

// collapseSpace folds runs of white space into one space and trims.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// parseText reads a text or Markdown article, with its optional front
// matter.
func parseText(b []byte, markdown bool) (schema.Document, string, error) {
	if err := checkText(b); err != nil {
		return schema.Document{}, "", err
	}
	fm, body, err := splitFrontMatter(normalizeText(string(b)))
	if err != nil {
		return schema.Document{}, "", err
	}
	if markdown {
		if fm.title == "" {
			fm.title = markdownTitle(body)
		}
		body = stripMarkdown(body)
	}
	if body == "" {
		return schema.Document{}, "", ErrEmpty
	}
	return schema.Document{
		ID:        schema.DocumentIRI(fm.id, body),
		URL:       fm.url,
		Title:     fm.title,
		Published: fm.date,
		Text:      body,
	}, fm.id, nil
}

// frontMatter holds the fields of a front matter block; date is already
// normalised.
type frontMatter struct {
	id, url, title, date string
}

var frontMatterKey = regexp.MustCompile(`^[A-Za-z0-9_.-]+$`)

// splitFrontMatter splits a front matter block from the start of s (already
// normalised): a "---" line, YAML, and a "---" (or "...") line. Of the
// YAML mapping, the keys title, date, url and id are read (in any case;
// a title may run over several lines, folded or quoted, as YAML allows),
// and the others ignored. A block YAML cannot read is read line by line
// as "key: value" lines (writers put "title: Albania: the break" unquoted,
// which YAML refuses). When s does not start with such a block, the whole
// of s is the body. A date that is not a calendar day is an error
// wrapping ErrBadDate.
func splitFrontMatter(s string) (frontMatter, string, error) {
	first, rest, ok := strings.Cut(s, "\n")
	if !ok || strings.TrimRight(first, " \t") != "---" {
		return frontMatter{}, s, nil
	}
	var block, body string
	closed := false
	for off := 0; off < len(rest) && !closed; {
		line, _, _ := strings.Cut(rest[off:], "\n")
		if t := strings.TrimSpace(line); t == "---" || t == "..." {
			block, body, closed = rest[:off], rest[min(len(rest), off+len(line)+1):], true
		}
		off += len(line) + 1
	}
	if !closed {
		return frontMatter{}, s, nil // no closing line: not front matter
	}
	fields, ok := yamlFields(block)
	if !ok {
		if fields, ok = lineFields(block); !ok {
			return frontMatter{}, s, nil // not front matter after all
		}
	}
	fm := frontMatter{id: fields["id"], url: fields["url"], title: collapseSpace(fields["title"])}
	if date := fields["date"]; date != "" {
		d, ok := normalizeDate(date)
		if !ok {
			return fm, "", because(ErrBadDate, "front matter date %q is not a date; want YYYY-MM-DD", date)
		}
		fm.date = d
	}
	return fm, strings.TrimSpace(body), nil
}

// yamlFields reads a front matter block as a YAML mapping and returns its
// scalar values by lower-cased key, as written (a date stays a string).
func yamlFields(block string) (map[string]string, bool) {
	var m map[string]yaml.Node
	if err := yaml.Unmarshal([]byte(block), &m); err != nil {
		return nil, false
	}
	fields := make(map[string]string)
	for k, n := range m {
		k = strings.ToLower(k)
		if _, seen := fields[k]; !seen && n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
			fields[k] = strings.TrimSpace(n.Value)
		}
	}
	return fields, true
}

// lineFields reads a front matter block as "key: value" lines, skipping
// blank lines, comments and indented lines (nested values); ok is false
// when a line is none of these.
func lineFields(block string) (fields map[string]string, ok bool) {
	fields = make(map[string]string)
	for _, line := range strings.Split(block, "\n") {
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "#"):
			continue
		case line[0] == ' ' || line[0] == '\t' || line[0] == '-':
			continue // a nested value or list item of a key we ignore
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || !frontMatterKey.MatchString(key) {
			return nil, false
		}
		fields[strings.ToLower(key)] = unquote(strings.TrimSpace(value))
	}
	return fields, true
}

// unquote removes YAML-style quotes around a value.
func unquote(v string) string {
	if len(v) < 2 {
		return v
	}
	switch {
	case v[0] == '"' && v[len(v)-1] == '"':
		if u, err := strconv.Unquote(v); err == nil {
			return u
		}
		return v[1 : len(v)-1]
	case v[0] == '\'' && v[len(v)-1] == '\'':
		return strings.ReplaceAll(v[1:len(v)-1], "''", "'")
	}
	return v
}
