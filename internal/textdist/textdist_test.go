package textdist

import "testing"

func TestLevenshtein(t *testing.T) {
	for _, tc := range []struct {
		a, b  string
		limit int
		want  int
	}{
		{"iran", "iran", -1, 0},
		{"irann", "iran", -1, 1},
		{"albanai", "albania", -1, 2},
		{"", "abc", -1, 3},
		{"côte", "cote", -1, 1},
		{"kitten", "sitting", -1, 3},
		{"kitten", "sitting", 1, 2},  // stops past the limit
		{"a", "abcdefgh", 2, 3},      // length difference alone exceeds it
		{"albanai", "albania", 2, 2}, // within the limit: exact
	} {
		if got := Levenshtein(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("Levenshtein(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}
