package graph

import (
	"sort"

	"github.com/geokg/geokg/schema"
)

// MergedRelation is one relation between two entities as the whole corpus
// reports it: the statements of every article that says Subject
// -Predicate-> Object, merged. It is the direct edge that path queries walk
// once, with what its statements add: how many articles support it and
// when. Statements that deny the relation ("did not condemn") merge into a
// MergedRelation of their own, with Negated set; they make no edge.
type MergedRelation struct {
	Subject   schema.Entity `json:"subject"`
	Predicate string        `json:"predicate"`
	Object    schema.Entity `json:"object"`
	Negated   bool          `json:"negated"`
	Modality  string        `json:"modality,omitempty"`
	// Sources is the number of distinct articles (documents) that report
	// the relation; Statements the number of statements, which is larger
	// when an article says it more than once.
	Sources    int `json:"sources"`
	Statements int `json:"statements"`
	// First and Last are the earliest and latest dates the statements give:
	// an event's date, a standing relation's since and until. ISO 8601,
	// partial where the text is; empty when no statement is dated.
	First string `json:"first"`
	Last  string `json:"last"`
	// Documents are the IRIs of the articles, sorted.
	Documents []string `json:"documents"`
}

// MergeStatements merges statements that relate the same subject to the
// same object by the same predicate (and are alike negated or not), in the
// order MergedRelations returns them: most sources first, then by first
// date (undated last), predicate, subject and object. Subject and Object
// are taken from the first statement of each group.
func MergeStatements(stmts []schema.Statement) []MergedRelation {
	type key struct {
		s, p, o  string
		neg      bool
		modality string
	}
	groups := make(map[key]*MergedRelation)
	docs := make(map[key]map[string]bool)
	var order []key
	for _, st := range stmts {
		k := key{st.Subject.IRI, st.Predicate, st.Object.IRI, st.Negated, st.Modality}
		m := groups[k]
		if m == nil {
			m = &MergedRelation{Subject: st.Subject, Predicate: st.Predicate, Object: st.Object, Negated: st.Negated, Modality: st.Modality}
			groups[k] = m
			docs[k] = make(map[string]bool)
			order = append(order, k)
		}
		m.Statements++
		if st.Doc != "" && !docs[k][st.Doc] {
			docs[k][st.Doc] = true
			m.Documents = append(m.Documents, st.Doc)
		}
		for _, d := range []string{st.Date, st.Since} {
			if validDate(d) && (m.First == "" || lowDate(d) < lowDate(m.First)) {
				m.First = d
			}
		}
		for _, d := range []string{st.Date, st.Since, st.Until} {
			if validDate(d) && (m.Last == "" || highDate(d) > highDate(m.Last)) {
				m.Last = d
			}
		}
	}
	out := make([]MergedRelation, 0, len(order))
	for _, k := range order {
		m := groups[k]
		sort.Strings(m.Documents)
		m.Sources = len(m.Documents)
		out = append(out, *m)
	}
	sort.SliceStable(out, func(i, j int) bool { return mergedLess(out[i], out[j]) })
	return out
}

func mergedLess(a, b MergedRelation) bool {
	switch {
	case a.Sources != b.Sources:
		return a.Sources > b.Sources
	case a.First != b.First && a.First == "":
		return false
	case a.First != b.First && b.First == "":
		return true
	case a.First != b.First:
		return lowDate(a.First) < lowDate(b.First)
	case a.Predicate != b.Predicate:
		return a.Predicate < b.Predicate
	case a.Subject.IRI != b.Subject.IRI:
		return a.Subject.IRI < b.Subject.IRI
	case a.Object.IRI != b.Object.IRI:
		return a.Object.IRI < b.Object.IRI
	}
	if a.Negated != b.Negated {
		return !a.Negated
	}
	return a.Modality < b.Modality
}
