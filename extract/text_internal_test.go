package extract

import "testing"

// TestNormalizeQuotes checks that a single quote opening a quotation is
// folded to a double quote, so the tokenizer splits it from its word,
// while apostrophes and elisions stay, and every byte keeps its offset.
func TestNormalizeQuotes(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"demands that China 'back off.'", `demands that China "back off.'`},
		{"Iran's 'red line'", `Iran's "red line'`},
		{"in the '90s", "in the '90s"},
		{"rock 'n' roll", "rock 'n' roll"},
		{"Borrellʼs office", "Borrell's office"},
	} {
		n := normalize(tc.in)
		if n.text != tc.want {
			t.Errorf("normalize(%q) = %q, want %q", tc.in, n.text, tc.want)
		}
		if got := n.span(0, len(n.text)); got != [2]int{0, len(tc.in)} {
			t.Errorf("normalize(%q) maps the whole text to %v", tc.in, got)
		}
	}
}
