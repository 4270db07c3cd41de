package parse

import (
	"slices"
	"strings"
	"testing"
)

// TestParseAlt checks that tagging with TagAlt and parsing with ParseAlt
// gives Parse's parse, and that a changed tag reaches the parse with the
// tagger's own as its alternative, as ParseTagged gives it.
func TestParseAlt(t *testing.T) {
	m := defaultModelT(t)
	for _, text := range []string{
		"Albania cut diplomatic ties with Iran on Wednesday .",
		"The president , who took office in 2019 , met the foreign minister in Paris .",
		"Lebanon condemned Israeli airstrikes on Syria .",
	} {
		forms := strings.Fields(text)
		xpos, alt := m.TagAlt(forms)
		if !slices.Equal(xpos, m.Tag(forms)) {
			t.Errorf("%q: TagAlt tags %v, Tag %v", text, xpos, m.Tag(forms))
		}
		if got, want := m.ParseAlt(forms, xpos, alt), m.Parse(forms); !slices.Equal(got, want) {
			t.Errorf("%q: ParseAlt\n%v\nParse\n%v", text, got, want)
		}
		changed := slices.Clone(xpos)
		changed[0] = "NN"
		alt2 := slices.Clone(alt)
		if xpos[0] != "NN" {
			alt2[0] = xpos[0]
		}
		if got, want := m.ParseAlt(forms, changed, alt2), m.ParseTagged(forms, changed); !slices.Equal(got, want) {
			t.Errorf("%q with a changed tag: ParseAlt\n%v\nParseTagged\n%v", text, got, want)
		}
	}
	if got := m.ParseAlt([]string{"Iran", "protested"}, []string{"NNP"}, nil); len(got) != 2 {
		t.Errorf("ParseAlt with too few tags: %d words, want 2 (parsed as by Parse)", len(got))
	}
}
