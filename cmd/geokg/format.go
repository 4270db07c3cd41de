package main

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// evidenceWidth is how many characters of an evidence sentence the
// terminal listings show.
const evidenceWidth = 100

// when says when a statement holds, for people: its date, or "since 2016",
// "until 2020", "since 2016 until 2020" for a standing relation, or "undated".
func when(s schema.Statement) string {
	switch {
	case s.Date != "":
		return s.Date
	case s.Since != "" && s.Until != "":
		return "since " + s.Since + " until " + s.Until
	case s.Since != "":
		return "since " + s.Since
	case s.Until != "":
		return "until " + s.Until
	}
	return "undated"
}

// predicateLabel returns the human label of a predicate name, "not …" for
// a negated statement, "(intended) …" for an announced one.
func predicateLabel(name string, negated bool, modality string) string {
	label := name
	if p, ok := schema.LookupPredicate(name); ok && p.Label != "" {
		label = p.Label
	}
	if modality != "" {
		label = "(" + modality + ") " + label
	}
	if negated {
		return "not " + label
	}
	return label
}

// entityName returns the name to show for an entity: its name, else its IRI.
func entityName(e schema.Entity) string {
	if e.Name != "" {
		return e.Name
	}
	return e.IRI
}

// confidence formats a confidence for people: 0.9, 0.85.
func confidence(c float64) string { return strconv.FormatFloat(c, 'f', -1, 64) }

// shorten returns s with its white space folded, cut at a word boundary to
// at most n characters with "…" appended when it was longer.
func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	cut, count := len(s), 0
	for i := range s {
		if count == n-1 { // keep room for the ellipsis
			cut = i
			break
		}
		count++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > n/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:") + "…"
}

// newJSONEncoder returns an encoder that leaves <, > and & as they are, so
// IRIs such as "<ent:iran>" stay readable.
func newJSONEncoder(w io.Writer, indent bool) *json.Encoder {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if indent {
		enc.SetIndent("", "  ")
	}
	return enc
}
