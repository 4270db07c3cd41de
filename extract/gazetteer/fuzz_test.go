package gazetteer

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// FuzzParse feeds arbitrary bytes to Parse as a gazetteer file, builds a
// gazetteer from what it accepts and uses it. Parse must not panic, must
// report every problem as a *LineError (or a read error), and every actor
// it returns must be usable: a name with letters or digits, a known kind,
// and a gazetteer built from the actors must find each by its name, and
// match sentences without panicking.
//
// Run it with: go test ./extract/gazetteer -run '^$' -fuzz FuzzParse -parallel 1
func FuzzParse(f *testing.F) {
	const header = "name\tkind\tiso3\tcameo\trole\tparent\tparent_predicate\taliases\tshort\tdemonyms\tcapitals\tnote\n"
	for _, s := range []string{
		header + "Iran\tCountry\tIRN\t\t\t\t\tIslamic Republic of Iran|the Islamic Republic\t\tIranian|Iranians\tTehran\n" +
			"White House\tGovernment\t\t\tGOV\tUnited States\tpart_of\n" +
			"United States\tCountry\tUSA\t\t\t\t\tU.S.|US\n",
		"\ufeffkind\tname\taliases\r\nigo\t United Nations \tUN| |U.N.|\r\n",
		"# only a comment\n\n",
		"name\tkind\nA\tCountry\nA\tCountry\nB\tPerson\t\n",
		"name\tkind\tparent\nX\tAgency\tY\nY\tAgency\tX\n",
		"name\tkind\tshort\tcapitals\nthe The\tCountry\tthe|The\tthe\n",
		"name\tkind\n\xff\tCountry\n",
	} {
		f.Add([]byte(s))
	}
	files, _ := filepath.Glob(filepath.Join("data", "*.tsv"))
	for _, p := range files {
		// The hand-kept tables seed the corpus; the generated one is too big
		// for a seed (the body below is quadratic in actors) and is checked
		// in data_test.go.
		if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
			f.Add(b)
		}
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		actors, errs := Parse(strings.NewReader(string(b)), "fuzz.tsv")
		for _, err := range errs {
			var le *LineError
			if errors.As(err, &le) {
				if le.File != "fuzz.tsv" || le.Line < 1 || !errors.Is(err, ErrMalformed) {
					t.Errorf("line error %#v", le)
				}
				continue
			}
			if !strings.HasPrefix(err.Error(), "read fuzz.tsv after line ") {
				t.Errorf("problem %q is neither a line error nor a read error", err)
			}
		}
		for _, a := range actors {
			if !hasLetterOrDigit(a.Name) || !utf8.ValidString(a.Name) {
				t.Errorf("actor with name %q", a.Name)
			}
			if _, ok := schema.ParseKind(string(a.Kind)); !ok {
				t.Errorf("actor %q with kind %q", a.Name, a.Kind)
			}
		}
		g := New(actors...)
		_ = g.Check()
		for _, a := range g.Actors() {
			if _, ok := g.Lookup(a.Name); !ok {
				t.Errorf("Lookup(%q) found nothing, though the gazetteer holds it", a.Name)
			}
			if got, ok := g.Get(a.IRI()); !ok || got.Name == "" {
				t.Errorf("Get(%q) = %v, %v", a.IRI(), got, ok)
			}
			g.Match(strings.Fields(a.Name + " said " + strings.Join(a.Aliases, " and ") + " ."))
			g.Suggest(a.Name, 3)
		}
		g.Match(strings.Fields(string(b)))
	})
}
