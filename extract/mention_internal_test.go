package extract

import (
	"strings"
	"testing"
)

// TestPersonName checks the reading of a run of capitalised names that no
// gazetteer entry or office claims: a person's name, or a place, an
// event, a law or a body.
func TestPersonName(t *testing.T) {
	p, err := New()
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		run  string
		want bool
	}{
		{"Masood Azhar", true},
		{"Ralph Gonsalves", true},
		{"Abdel-Karim Haddad", true},
		{"Kari Lake", true},
		{"Red Sea", false},
		{"Persian Gulf", false},
		{"World Cup", false},
		{"Second World War.", false},
		{"Terrorism Act", false},
		{"Central Bank", false},
		{"Argyle Airport", false},
		{"Eastern Africa", false},
		{"Indian-born Sikh", false},
		{"Dominican Prime Minister", false},
	} {
		var ts []Token
		for _, w := range strings.Fields(c.run) {
			ts = append(ts, Token{Text: w, Lower: strings.ToLower(w), Tag: "NNP"})
		}
		if got := p.personName(ts); got != c.want {
			t.Errorf("personName(%q) = %v, want %v", c.run, got, c.want)
		}
	}
}

func TestTitleCase(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Coach Equates Firing to a Professional Death Sentence", true},
		{"Iranian President Ebrahim Raisi met Russian President Vladimir Putin", false},
		{"Talks Resume", false}, // too short to tell
	} {
		var toks []Token
		for _, w := range strings.Fields(tc.text) {
			toks = append(toks, Token{Text: w, Lower: strings.ToLower(w)})
		}
		if got := titleCase(toks); got != tc.want {
			t.Errorf("titleCase(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}
