package extract

import (
	"strings"
	"testing"

	"github.com/geokg/geokg/extract/parse"
)

// TestRehangRelatives checks that a relative clause after a comma is hung
// on the noun before the comma when the parser hung it across a clause,
// and left where it is when the noun before the comma is part of the
// parser's head's own noun phrase.
func TestRehangRelatives(t *testing.T) {
	// word: form, UPOS, head (1-based), relation
	type w struct {
		form, upos string
		head       int
		rel        string
	}
	for _, tc := range []struct {
		name  string
		words []w
		verb  int // 0-based index of the relative clause's verb
		want  int // its head after the fix, 1-based
	}{
		{"across a clause: on the noun before the comma", []w{
			{"the", "DET", 2, "det"}, {"effort", "NOUN", 0, "root"}, {"to", "PART", 4, "mark"},
			{"disrupt", "VERB", 2, "acl"}, {"the", "DET", 6, "det"}, {"group", "NOUN", 4, "obj"},
			{",", "PUNCT", 9, "punct"}, {"which", "PRON", 9, "nsubj"}, {"grew", "VERB", 2, "acl:relcl"},
		}, 8, 6},
		{"inside one noun phrase: kept", []w{
			{"the", "DET", 2, "det"}, {"leader", "NOUN", 0, "root"}, {"of", "ADP", 5, "case"},
			{"the", "DET", 5, "det"}, {"group", "NOUN", 2, "nmod"},
			{",", "PUNCT", 8, "punct"}, {"who", "PRON", 8, "nsubj"}, {"resigned", "VERB", 2, "acl:relcl"},
		}, 7, 2},
		{"who after a comma read as a clause of its own: on the name", []w{
			{"between", "ADP", 3, "case"}, {"General", "PROPN", 3, "nmod:desc"}, {"Ali", "PROPN", 9, "obl"},
			{"Hassan", "PROPN", 3, "flat"}, {",", "PUNCT", 7, "punct"}, {"who", "PRON", 7, "nsubj"},
			{"controls", "VERB", 9, "conj"}, {"it", "PRON", 7, "obj"}, {"began", "VERB", 0, "root"},
		}, 6, 3},
		{"already on the noun before the comma", []w{
			{"Iran", "PROPN", 2, "nsubj"}, {"backs", "VERB", 0, "root"}, {"Hezbollah", "PROPN", 2, "obj"},
			{",", "PUNCT", 6, "punct"}, {"which", "PRON", 6, "nsubj"}, {"fired", "VERB", 3, "acl:relcl"},
		}, 5, 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ws := make([]parse.Word, len(tc.words))
			lower := make([]string, len(tc.words))
			for i, x := range tc.words {
				ws[i] = parse.Word{Form: x.form, UPOS: x.upos, Head: x.head, Rel: x.rel}
				lower[i] = strings.ToLower(x.form)
			}
			rehangRelatives(ws, lower)
			if got := ws[tc.verb].Head; got != tc.want {
				t.Errorf("head of %q = %d, want %d", tc.words[tc.verb].form, got, tc.want)
			}
		})
	}
}

// TestRehangMarkedArguments checks that a noun with its own preposition
// is never left as a subject or object: it goes to the noun before the
// preposition.
func TestRehangMarkedArguments(t *testing.T) {
	// "a deal with Iran arrived": the parser made Iran the subject.
	ws := []parse.Word{
		{Form: "a", UPOS: "DET", Head: 2, Rel: "det"},
		{Form: "deal", UPOS: "NOUN", Head: 5, Rel: "obl"},
		{Form: "with", UPOS: "ADP", Head: 4, Rel: "case"},
		{Form: "Iran", UPOS: "PROPN", Head: 5, Rel: "nsubj"},
		{Form: "arrived", UPOS: "VERB", Head: 0, Rel: "root"},
	}
	rehangMarkedArguments(ws)
	if ws[3].Head != 2 || ws[3].Rel != "nmod" {
		t.Errorf("Iran: head %d %s, want 2 nmod", ws[3].Head, ws[3].Rel)
	}
	// "Russia, with Iran, …": nothing before the preposition to hang on.
	ws = []parse.Word{
		{Form: "With", UPOS: "ADP", Head: 2, Rel: "case"},
		{Form: "Iran", UPOS: "PROPN", Head: 3, Rel: "nsubj"},
		{Form: "spoke", UPOS: "VERB", Head: 0, Rel: "root"},
	}
	rehangMarkedArguments(ws)
	if ws[1].Head != 3 {
		t.Errorf("Iran: head %d, want 3 (unchanged)", ws[1].Head)
	}
}

// TestRehangFiniteConjuncts checks that a past tense coordinated with an
// infinitive goes to the finite verb above the infinitive.
func TestRehangFiniteConjuncts(t *testing.T) {
	// "Chile refused to recognise the vote and backed the opposition"
	ws := []parse.Word{
		{Form: "Chile", XPOS: "NNP", Head: 2, Rel: "nsubj"},
		{Form: "refused", XPOS: "VBD", Head: 0, Rel: "root"},
		{Form: "to", XPOS: "TO", Head: 4, Rel: "mark"},
		{Form: "recognise", XPOS: "VB", Head: 2, Rel: "xcomp"},
		{Form: "the", XPOS: "DT", Head: 6, Rel: "det"},
		{Form: "vote", XPOS: "NN", Head: 4, Rel: "obj"},
		{Form: "and", XPOS: "CC", Head: 8, Rel: "cc"},
		{Form: "backed", XPOS: "VBD", Head: 4, Rel: "conj"},
	}
	rehangFiniteConjuncts(ws)
	if ws[7].Head != 2 {
		t.Errorf("backed: head %d, want 2 (refused)", ws[7].Head)
	}
	// "agreed to talk and to trade": an infinitive conjunct stays.
	ws[7].XPOS, ws[7].Head = "VB", 4
	rehangFiniteConjuncts(ws)
	if ws[7].Head != 4 {
		t.Errorf("an infinitive conjunct moved to %d", ws[7].Head)
	}
}
