package petrarch

import (
	"fmt"
	"io"
	"regexp"
	"strings"
)

// Agent is one entry of an agents dictionary: a role noun and the code it
// adds to an actor's. A suffix agent ("~GOV") is written after the actor
// code (GON → GONGOV); a prefix agent ("NGO~") before it (ARN → NGOARN).
type Agent struct {
	Phrase Phrase
	Code   string // without the ~
	Prefix bool
	Line   int
}

// Agents is a parsed agents dictionary.
type Agents struct {
	Entries []Agent
	index   phraseIndex
}

var agentCodeRE = regexp.MustCompile(`^[A-Za-z0-9]+$`)

// ParseAgents reads an agents dictionary in the PETRARCH format:
//
//	!PERSON! = MAN, MEN, WOMAN          a substitution set …
//	CONGRESS!PERSON! [~LEG]             … used in a phrase: CONGRESSMAN, …
//	!MINIST!_OF_!PERSON! [~GOV]         several markers: every combination
//	AD!MINIST!RATION                    inside a word: the word as written
//	FOREIGN_MINISTER [~GOVFRM]          a role; its plural is made (…S, …IES, …ES)
//	POLICE {} [~COP]                    no plural
//	GOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]  an irregular plural
//	HUMAN_RIGHTS_BODY [NGO~]            a code written before the actor's
//
// Each line needs a code. A malformed line is skipped and reported; the
// error returned alone is a read failure.
func ParseAgents(r io.Reader, name string) (*Agents, []error, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	a := &Agents{index: phraseIndex{}}
	var errs []error
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &ParseError{File: name, Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	subst := map[string][]string{}
	for _, l := range lines {
		text := l.text
		if strings.Contains(text, "!") && strings.Contains(text, "=") && !strings.Contains(text, "[") {
			marker, list, err := parseMarker(text)
			if err != nil {
				bad(l.n, "%v; line skipped", err)
				continue
			}
			subst[marker] = list
			continue
		}
		open := strings.IndexByte(text, '[')
		closing := strings.LastIndexByte(text, ']')
		if closing < open && strings.HasSuffix(text, "}") {
			closing = len(text) - 1 // "CONGRESS!PERSON! [~LEG}", as PETRARCH's own documentation writes it
		}
		if open < 0 || closing < open {
			bad(l.n, "agent %q has no [code]; line skipped", text)
			continue
		}
		if rest := strings.TrimSpace(text[closing+1:]); rest != "" {
			bad(l.n, "unexpected text %q after the code; line skipped", rest)
			continue
		}
		code := strings.TrimSpace(text[open+1 : closing])
		ag := Agent{Line: l.n}
		switch {
		case strings.HasPrefix(code, "~"):
			ag.Code = strings.TrimSpace(code[1:])
		case strings.HasSuffix(code, "~"):
			ag.Code, ag.Prefix = strings.TrimSpace(code[:len(code)-1]), true
		default:
			bad(l.n, "agent code %q: want ~CODE (added after the actor's) or CODE~ (before it); line skipped", code)
			continue
		}
		if !agentCodeRE.MatchString(ag.Code) {
			bad(l.n, "agent code %q: want letters and digits; line skipped", code)
			continue
		}
		head := text[:open]
		var forms []string
		plural, explicit := "", false
		if b := strings.IndexByte(head, '{'); b >= 0 {
			e := strings.IndexByte(head, '}')
			if e < b {
				bad(l.n, "missing } in %q; line skipped", head)
				continue
			}
			if rest := strings.TrimSpace(head[e+1:]); rest != "" {
				bad(l.n, "unexpected text %q after the plural; line skipped", rest)
				continue
			}
			plural, explicit = strings.TrimSpace(head[b+1:e]), true
			head = head[:b]
		}
		switch {
		case strings.Contains(head, "!"):
			// Every item of the set replaces the marker, with no plural made.
			fs, err := substitute(head, subst)
			if err != nil {
				bad(l.n, "%v; line skipped", err)
				continue
			}
			forms = fs
		default:
			forms = []string{head}
			if !explicit {
				if pl := pluralPhrase(strings.TrimSpace(head)); !strings.EqualFold(pl, strings.TrimSpace(head)) {
					forms = append(forms, pl)
				}
			}
		}
		if plural != "" {
			fs, err := substitute(plural, subst)
			if err != nil {
				bad(l.n, "%v; line skipped", err)
				continue
			}
			forms = append(forms, fs...)
		}
		ok := true
		var phrases []Phrase
		for _, f := range forms {
			p, err := parsePhrase(f)
			if err != nil {
				bad(l.n, "agent: %v; line skipped", err)
				ok = false
				break
			}
			phrases = append(phrases, p)
		}
		if !ok {
			continue
		}
		for _, p := range phrases {
			e := ag
			e.Phrase = p
			a.add(e)
		}
	}
	return a, errs, nil
}

func (a *Agents) add(e Agent) {
	a.Entries = append(a.Entries, e)
	a.index[e.Phrase[0].Text] = append(a.index[e.Phrase[0].Text], phraseRef{entry: len(a.Entries) - 1, words: e.Phrase})
}

// parseMarker reads "!NAME! = A, B, C".
func parseMarker(s string) (string, []string, error) {
	lhs, rhs, _ := strings.Cut(s, "=")
	lhs = strings.TrimSpace(lhs)
	if len(lhs) < 3 || lhs[0] != '!' || lhs[len(lhs)-1] != '!' || strings.Count(lhs, "!") != 2 {
		return "", nil, fmt.Errorf("substitution marker %q: want !NAME! = A, B, …", lhs)
	}
	var list []string
	for _, item := range strings.Split(rhs, ",") {
		if item = strings.TrimSpace(item); item != "" {
			list = append(list, item)
		}
	}
	if len(list) == 0 {
		return "", nil, fmt.Errorf("substitution marker %s has an empty list", lhs)
	}
	return lhs[1 : len(lhs)-1], list, nil
}

// substitute expands the substitution markers in head: CONGRESS!PERSON! →
// CONGRESSMAN, CONGRESSMEN, …; with several markers, every combination of
// their items. A head without markers is returned as it is.
func substitute(head string, subst map[string][]string) ([]string, error) {
	i := strings.IndexByte(head, '!')
	if i < 0 {
		return []string{head}, nil
	}
	j := strings.IndexByte(head[i+1:], '!')
	if j < 0 {
		return nil, fmt.Errorf("substitution marker in %q is not closed", strings.TrimSpace(head))
	}
	marker := head[i+1 : i+1+j]
	list, ok := subst[marker]
	if !ok {
		return nil, fmt.Errorf("substitution marker !%s! is not defined", marker)
	}
	rests, err := substitute(head[i+1+j+1:], subst)
	if err != nil {
		return nil, err
	}
	if after := head[i+1+j+1:]; i > 0 && isLetter(head[i-1]) && after != "" && isLetter(after[0]) {
		// A marker inside a word, letters on both sides, is the word as
		// written: AD!MINIST!RATION, where a global replacement of MINIST
		// reached into ADMINISTRATION.
		list = []string{marker}
	}
	var out []string
	for _, item := range list {
		for _, rest := range rests {
			out = append(out, head[:i]+item+rest)
		}
	}
	return out, nil
}

func isLetter(b byte) bool { return b >= 'A' && b <= 'Z' || b >= 'a' && b <= 'z' }

// pluralPhrase makes the regular plural of a phrase's last word.
func pluralPhrase(s string) string {
	i := strings.LastIndexAny(s, " _")
	return s[:i+1] + Plural(s[i+1:])
}

// Plural returns the regular English plural of an upper-case noun: Y after
// a consonant → IES; SS, X, Z, CH, SH → +ES; a word already ending in S
// (a plural, as in "SECURITY_OFFICIALS") stays as it is; else +S.
func Plural(w string) string {
	u := strings.ToUpper(w)
	switch {
	case u == "":
		return w
	case strings.HasSuffix(u, "Y") && len(u) > 1 && !strings.ContainsRune("AEIOU", rune(u[len(u)-2])):
		return w[:len(w)-1] + "IES"
	case strings.HasSuffix(u, "SS") || strings.HasSuffix(u, "X") || strings.HasSuffix(u, "Z") ||
		strings.HasSuffix(u, "CH") || strings.HasSuffix(u, "SH"):
		return w + "ES"
	case strings.HasSuffix(u, "S"):
		return w
	}
	return w + "S"
}

// AgentMatch is an agent found in a token sequence.
type AgentMatch struct {
	Entry      int
	Start, End int
}

// Match finds the longest agent phrase starting at token i of keys (tokens
// in Key form).
func (a *Agents) Match(keys []string, i int, skippable func(int) bool) (AgentMatch, bool) {
	ref, end, ok := a.index.match(keys, i, skippable)
	if !ok {
		return AgentMatch{}, false
	}
	return AgentMatch{Entry: ref.entry, Start: i, End: end}, true
}
