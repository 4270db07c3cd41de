package gazetteer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// ErrMalformed is what every problem Parse reports wraps; test for it with
// errors.Is.
var ErrMalformed = errors.New("malformed gazetteer data")

// LineError is a problem on one line of a gazetteer file. Its message reads
// "file:line: problem".
type LineError struct {
	File string
	Line int
	Msg  string
}

func (e *LineError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// Unwrap returns ErrMalformed.
func (e *LineError) Unwrap() error { return ErrMalformed }

// The columns a gazetteer file may have, as the package documentation lists them.
const (
	colName            = "name"
	colKind            = "kind"
	colISO3            = "iso3"
	colCAMEO           = "cameo"
	colRole            = "role"
	colParent          = "parent"
	colParentPredicate = "parent_predicate"
	colAliases         = "aliases"
	colShort           = "short"
	colDemonyms        = "demonyms"
	colCapitals        = "capitals"
	colNote            = "note"
	colSince           = "since"
	colUntil           = "until"
)

// columns lists the column names a gazetteer file's header may use.
var columns = []string{colName, colKind, colISO3, colCAMEO, colRole, colParent, colParentPredicate, colAliases, colShort, colDemonyms, colCapitals, colNote, colSince, colUntil}

// maxLine is the longest line Parse reads.
const maxLine = 1 << 20

// Parse reads a gazetteer file in the format the package documentation
// describes and returns its actors in file order. A malformed line is
// skipped and reported as a *LineError, "file:line: problem", so one bad
// line never costs the rest; a read error ends the parse and is returned
// last. filename is used in the reports only.
//
// Parse checks each line on its own; whether a parent names a known actor
// and whether two actors share an alias are questions for Gazetteer.Check,
// since a user's file may refer to built-in actors.
func Parse(r io.Reader, filename string) ([]Actor, []error) {
	var (
		actors []Actor
		errs   []error
		cols   []string // column name per field; "" for an ignored column
		seen   = make(map[string]int)
	)
	bad := func(line int, format string, args ...any) {
		errs = append(errs, &LineError{File: filename, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), maxLine)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff") // a byte-order mark
		}
		if t := strings.TrimSpace(line); t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			bad(n, "not valid UTF-8")
			continue
		}
		fields := strings.Split(line, "\t")
		if cols == nil {
			var problems []string
			cols, problems = parseHeader(fields)
			for _, p := range problems {
				bad(n, "%s", p)
			}
			if cols == nil {
				return nil, errs
			}
			continue
		}
		a, err := parseLine(cols, fields)
		if err != "" {
			bad(n, "%s", err)
			continue
		}
		iri := a.IRI()
		if first, dup := seen[iri]; dup {
			bad(n, "actor %q already defined on line %d", a.Name, first)
			continue
		}
		seen[iri] = n
		actors = append(actors, a)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("read %s after line %d: %w", filename, n, err))
	}
	if cols == nil && len(errs) == 0 {
		bad(max(n, 1), "no header line")
	}
	return actors, errs
}

// parseHeader maps the header's fields to column names. It returns nil
// columns when the header lacks name or kind.
func parseHeader(fields []string) (cols []string, problems []string) {
	cols = make([]string, len(fields))
	have := make(map[string]bool)
	for i, f := range fields {
		c := strings.ToLower(strings.TrimSpace(f))
		switch {
		case c == "":
			problems = append(problems, fmt.Sprintf("header: column %d has no name; ignored", i+1))
		case !isColumn(c):
			problems = append(problems, fmt.Sprintf("header: unknown column %q; ignored (known: %s)", c, strings.Join(columns, ", ")))
		case have[c]:
			problems = append(problems, fmt.Sprintf("header: column %q given twice; the second is ignored", c))
		default:
			cols[i] = c
			have[c] = true
		}
	}
	for _, req := range []string{colName, colKind} {
		if !have[req] {
			problems = append(problems, fmt.Sprintf("header: no %q column (a header line names the columns, tab-separated, and needs %q and %q)", req, colName, colKind))
			cols = nil
		}
	}
	return cols, problems
}

func isColumn(c string) bool {
	for _, k := range columns {
		if c == k {
			return true
		}
	}
	return false
}

// parseLine builds an actor from one line's fields. It returns a problem
// description instead when the line is malformed.
func parseLine(cols, fields []string) (Actor, string) {
	if len(fields) > len(cols) {
		return Actor{}, fmt.Sprintf("%d fields, but the header has %d columns (a tab too many?)", len(fields), len(cols))
	}
	var a Actor
	for i, f := range fields {
		f = strings.TrimSpace(f)
		var err string
		switch cols[i] {
		case colName:
			a.Name = f
		case colKind:
			k, ok := schema.ParseKind(f)
			if !ok {
				err = fmt.Sprintf("unknown kind %q (known: %s)", f, kindList())
			}
			a.Kind = k
		case colISO3:
			a.ISO3 = f
			if f != "" && !isCode(f, 3, 3, false) {
				err = fmt.Sprintf("iso3 %q is not three capital letters", f)
			}
		case colCAMEO:
			a.CAMEO = f
			if f != "" && !isCode(f, 3, 15, true) {
				err = fmt.Sprintf("cameo %q is not a code of 3 to 15 capital letters and digits", f)
			}
		case colRole:
			a.Role = f
			if f != "" && !isCode(f, 3, 3, false) {
				err = fmt.Sprintf("role %q is not a CAMEO agent code of three capital letters (GOV, MIL, …)", f)
			}
		case colParent:
			a.Parent = f
		case colParentPredicate:
			a.ParentPredicate = f
			if f != "" {
				p, ok := schema.LookupPredicate(f)
				if !ok || p.Kind != schema.State {
					err = fmt.Sprintf("parent_predicate %q is not a standing relation of the schema (part_of, media_of, head_of_state_of, …)", f)
				}
			}
		case colAliases:
			a.Aliases, err = list(f, colAliases)
		case colShort:
			a.Short, err = list(f, colShort)
		case colDemonyms:
			a.Demonyms, err = list(f, colDemonyms)
		case colCapitals:
			a.Capitals, err = list(f, colCapitals)
		case colNote:
			a.Note = f
		case colSince, colUntil:
			if f != "" && !isISODate(f) {
				err = fmt.Sprintf("%s %q is not an ISO 8601 date (YYYY, YYYY-MM or YYYY-MM-DD)", cols[i], f)
			}
			if cols[i] == colSince {
				a.Since = f
			} else {
				a.Until = f
			}
		}
		if err != "" {
			return Actor{}, err
		}
	}
	switch {
	case a.Name == "":
		return Actor{}, "no name"
	case !hasLetterOrDigit(a.Name):
		return Actor{}, fmt.Sprintf("name %q has no letters or digits", a.Name)
	case a.Kind == "":
		return Actor{}, fmt.Sprintf("%s: no kind", a.Name)
	case a.ParentPredicate != "" && a.Parent == "":
		return Actor{}, fmt.Sprintf("%s: parent_predicate %q without a parent", a.Name, a.ParentPredicate)
	case a.Parent != "" && schema.EntityIRI(a.Parent) == a.IRI():
		return Actor{}, fmt.Sprintf("%s: is its own parent", a.Name)
	case a.Since != "" && a.Until != "" && a.Until < a.Since:
		return Actor{}, fmt.Sprintf("%s: until %s is before since %s", a.Name, a.Until, a.Since)
	}
	return a, ""
}

// isISODate reports whether s is YYYY, YYYY-MM or YYYY-MM-DD with a month
// and day in range.
func isISODate(s string) bool {
	digits := func(t string) bool {
		for _, r := range t {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	parts := strings.Split(s, "-")
	if len(parts) > 3 || len(parts[0]) != 4 || !digits(parts[0]) {
		return false
	}
	for i, p := range parts[1:] {
		if len(p) != 2 || !digits(p) {
			return false
		}
		if n := int(p[0]-'0')*10 + int(p[1]-'0'); n < 1 || i == 0 && n > 12 || i == 1 && n > 31 {
			return false
		}
	}
	return true
}

// list splits a |-separated field. Empty items are dropped; an item with no
// letters or digits is a problem.
func list(f, col string) ([]string, string) {
	var out []string
	for _, s := range strings.Split(f, "|") {
		s = strings.TrimSpace(s)
		if s == "" {
			continue
		}
		if !hasLetterOrDigit(s) {
			return nil, fmt.Sprintf("%s: %q has no letters or digits", col, s)
		}
		out = append(out, s)
	}
	return out, ""
}

func hasLetterOrDigit(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) >= 0
}

// isCode reports whether s is min to max capital ASCII letters (and digits,
// if digits is set).
func isCode(s string, min, max int, digits bool) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for _, r := range s {
		if !('A' <= r && r <= 'Z' || digits && '0' <= r && r <= '9') {
			return false
		}
	}
	return true
}

func kindList() string {
	ks := make([]string, len(schema.Kinds))
	for i, k := range schema.Kinds {
		ks[i] = string(k)
	}
	return strings.Join(ks, ", ")
}
