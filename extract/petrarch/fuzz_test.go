package petrarch_test

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/internal/shared"
)

// The fuzz targets feed each parser arbitrary text. Whatever the input, a
// parser must not panic, must report every problem as a *ParseError on a
// line the input has, and must return only entries that hold what the
// format allows. Run one with, for example:
//
//	go test ./extract/petrarch -run '^$' -fuzz FuzzParseVerbs

// seed adds own and a few awkward inputs to the corpus and, when the shared
// folder is beside the repository, the PETRARCH validation dictionary
// named dict.
func seed(f *testing.F, own string, dict string) {
	f.Add(own)
	f.Add("")
	f.Add("<!--")
	f.Add("[")
	f.Add("+\n[\n---\n-*[\n&\n")
	if dir, err := shared.Dir(); err == nil {
		if b, err := os.ReadFile(filepath.Join(dir, "eval", "petrarch-unit", "dicts", dict)); err == nil {
			f.Add(string(b))
		}
	}
}

// checkProblems checks that every problem is a ParseError naming file and
// a line of the input.
func checkProblems(t *testing.T, input, name string, problems []error) {
	t.Helper()
	lines := strings.Count(input, "\n") + 1
	for _, p := range problems {
		var pe *petrarch.ParseError
		if !errors.As(p, &pe) || !errors.Is(p, petrarch.ErrMalformed) {
			t.Fatalf("problem %v is not a *ParseError", p)
		}
		if pe.File != name || pe.Line < 1 || pe.Line > lines {
			t.Fatalf("problem %v: names %s:%d, input has %d lines", p, pe.File, pe.Line, lines)
		}
	}
}

var (
	actorCode = regexp.MustCompile(`^(---|[A-Za-z0-9]+(/[A-Za-z0-9]+)*)$`)
	agentCode = regexp.MustCompile(`^[A-Za-z0-9]+$`)
	eventCode = regexp.MustCompile(`^(---|[0-9]{2,4}[A-Za-z]?)$`)
)

func checkPhrase(t *testing.T, p petrarch.Phrase) {
	t.Helper()
	if len(p) == 0 {
		t.Fatal("empty phrase")
	}
	for _, w := range p {
		if w.Text == "" || strings.ContainsAny(w.Text, " \t_[]{}") {
			t.Fatalf("phrase %v holds word %q", p, w.Text)
		}
	}
}

func FuzzParseActors(f *testing.F) {
	seed(f, testActors, "PETR.Validate.actors.txt")
	f.Fuzz(func(t *testing.T, input string) {
		a, problems, err := petrarch.ParseActors(strings.NewReader(input), "fuzz.actors")
		if err != nil {
			return // a line too long to read
		}
		checkProblems(t, input, "fuzz.actors", problems)
		for _, e := range a.Entries {
			if len(e.Names) == 0 || len(e.Codes) == 0 {
				t.Fatalf("entry at line %d has %d names and %d codes", e.Line, len(e.Names), len(e.Codes))
			}
			for _, n := range e.Names {
				checkPhrase(t, n)
			}
			for _, c := range e.Codes {
				if !actorCode.MatchString(c.Code) || c.From != 0 && c.Until != 0 && c.Until <= c.From {
					t.Fatalf("entry at line %d has code %+v", e.Line, c)
				}
			}
			if codes, ok := e.CodesOn(0); ok && len(codes) == 0 {
				t.Fatalf("entry at line %d: CodesOn gave no code", e.Line)
			}
		}
		keys := strings.Fields(strings.ToUpper(input))
		for i := range keys {
			if m, ok := a.Match(keys, i, func(int) bool { return true }); ok && (m.End <= i || m.End > len(keys)) {
				t.Fatalf("match at %d ends at %d of %d", i, m.End, len(keys))
			}
		}
	})
}

func FuzzParseAgents(f *testing.F) {
	seed(f, testAgents, "PETR.Validate.agents.txt")
	f.Fuzz(func(t *testing.T, input string) {
		a, problems, err := petrarch.ParseAgents(strings.NewReader(input), "fuzz.agents")
		if err != nil {
			return
		}
		checkProblems(t, input, "fuzz.agents", problems)
		for _, e := range a.Entries {
			checkPhrase(t, e.Phrase)
			if !agentCode.MatchString(e.Code) {
				t.Fatalf("agent at line %d has code %q", e.Line, e.Code)
			}
		}
	})
}

func FuzzParseVerbs(f *testing.F) {
	seed(f, testVerbs, "PETR.Validate.verbs.txt")
	f.Fuzz(func(t *testing.T, input string) {
		v, problems, err := petrarch.ParseVerbs(strings.NewReader(input), "fuzz.verbs")
		if err != nil {
			return
		}
		checkProblems(t, input, "fuzz.verbs", problems)
		for _, b := range v.Blocks {
			if !eventCode.MatchString(b.Code.Code) {
				t.Fatalf("block %s has code %q", b.Name, b.Code)
			}
			for _, vb := range b.Verbs {
				for _, form := range vb.Forms {
					if len(form) != len(vb.Words) || vb.Head >= len(form) {
						t.Fatalf("verb %v: form %v, verb proper at %d", vb.Words, form, vb.Head)
					}
					for _, ref := range v.Forms(form[vb.Head]) {
						if ref.Block >= len(v.Blocks) || ref.Head >= len(ref.Words) {
							t.Fatalf("form %v points outside the dictionary", ref)
						}
						v.Code(ref)
					}
				}
			}
			for _, p := range b.Patterns {
				if !eventCode.MatchString(p.Code.Code) || p.Code.Reverse != "" && !eventCode.MatchString(p.Code.Reverse) {
					t.Fatalf("pattern at line %d: %+v", p.Line, p)
				}
				for _, e := range append(append([]petrarch.Elem(nil), p.Upper...), p.Lower...) {
					if e.Kind == petrarch.ElemSynset {
						if _, ok := v.Synsets[e.Synset]; !ok {
							t.Fatalf("pattern at line %d uses undefined %s", p.Line, e.Synset)
						}
					}
					if e.Kind == petrarch.ElemWord && e.Word == "" {
						t.Fatalf("pattern at line %d has an empty word", p.Line)
					}
				}
			}
		}
		for _, tr := range v.Transformations {
			if tr.Inner == "" || tr.Verb == "" || tr.Code == "" {
				t.Fatalf("transformation at line %d: %+v", tr.Line, tr)
			}
		}
	})
}

func FuzzParseDiscards(f *testing.F) {
	seed(f, testDiscards, "PETR.Validate.discards.txt")
	f.Fuzz(func(t *testing.T, input string) {
		d, problems, err := petrarch.ParseDiscards(strings.NewReader(input), "fuzz.discards")
		if err != nil {
			return
		}
		checkProblems(t, input, "fuzz.discards", problems)
		for _, e := range d.Entries {
			if len(e.Words) == 0 {
				t.Fatalf("discard at line %d has no words", e.Line)
			}
		}
		d.Find(input)
	})
}
