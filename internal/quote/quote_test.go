package quote_test

import (
	"testing"

	"github.com/geokg/geokg/internal/quote"
)

func TestName(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"testdata/articles/a.txt", "testdata/articles/a.txt"},
		{"-", "-"},
		{"kg.db", "kg.db"},
		{"Zürich.txt", "Zürich.txt"},
		{"", `""`},
		{"my file.txt", `"my file.txt"`},
		{"a\nstore kg.db: 0 documents", `"a\nstore kg.db: 0 documents"`},
		{"\x1b[31mred.txt", `"\x1b[31mred.txt"`},
		{"bad\xffbyte", `"bad\xffbyte"`},
		{`q"uote`, `"q\"uote"`},
		{"right\u202eto-left.txt", `"right\u202eto-left.txt"`},
	} {
		if got := quote.Name(tt.in); got != tt.want {
			t.Errorf("Name(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
