package petrarch

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// NullActor is the code of an actor the coder recognises but does not
// code: PETRARCH's "---".
const NullActor = "---"

// Date is a calendar day as a number YYYYMMDD; 0 means open.
type Date int

// ParseDate reads a dictionary date: YYYYMMDD, or YYMMDD with years up to 30
// read as 20YY and the others as 19YY (the convention of KEDS, TABARI and
// PETRARCH). The day must exist. A ten-digit 19YYYYMMDD or 20YYYYMMDD,
// which the Phoenix files hold where a converter that took a YYYYMMDD for
// YYMMDD put a century before it, is read as its last eight digits.
func ParseDate(s string) (Date, error) {
	var y, m, d int
	var err error
	if len(s) == 10 && (strings.HasPrefix(s, "19") || strings.HasPrefix(s, "20")) {
		if dd, err := ParseDate(s[2:]); err == nil {
			return dd, nil
		}
	}
	switch len(s) {
	case 8:
		y, err = strconv.Atoi(s[:4])
	case 6:
		y, err = strconv.Atoi(s[:2])
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
	default:
		return 0, fmt.Errorf("date %q: want YYYYMMDD or YYMMDD (%d digits)", s, len(s))
	}
	if err != nil || !allDigits(s) {
		return 0, fmt.Errorf("date %q: want digits only", s)
	}
	m, _ = strconv.Atoi(s[len(s)-4 : len(s)-2])
	d, _ = strconv.Atoi(s[len(s)-2:])
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if m < 1 || m > 12 || d < 1 || t.Day() != d {
		return 0, fmt.Errorf("date %q: no such day", s)
	}
	return Date(y*10000 + m*100 + d), nil
}

// DateOf returns t's calendar day as a Date.
func DateOf(t time.Time) Date {
	if t.IsZero() {
		return 0
	}
	return Date(t.Year()*10000 + int(t.Month())*100 + t.Day())
}

// next returns the day after d.
func (d Date) next() Date {
	t := time.Date(int(d)/10000, time.Month(int(d)/100%100), int(d)%100+1, 0, 0, 0, 0, time.UTC)
	return DateOf(t)
}

// String writes the date as YYYY-MM-DD.
func (d Date) String() string {
	if d == 0 {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", int(d)/10000, int(d)/100%100, int(d)%100)
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// ActorCode is one code of an actor entry, valid from From (inclusive) until
// Until (exclusive); zero bounds are open. A code may name several actors
// joined by '/' ("ELR/GAL"): the entry then stands for all of them.
type ActorCode struct {
	Code        string
	From, Until Date
}

// Restricted reports whether the code holds only between dates.
func (c ActorCode) Restricted() bool { return c.From != 0 || c.Until != 0 }

// Holds reports whether the code holds on day d. A restricted code never
// holds on an unknown day.
func (c ActorCode) Holds(d Date) bool {
	if !c.Restricted() {
		return true
	}
	if d == 0 {
		return false
	}
	return (c.From == 0 || d >= c.From) && (c.Until == 0 || d < c.Until)
}

// Actor is one entry of an actors dictionary: its name, its synonyms and its
// codes.
type Actor struct {
	Names []Phrase // the entry's own name first, then the synonyms (+ lines)
	Codes []ActorCode
	Line  int
}

// CodesOn returns the codes the actor has on day d: the first date-restricted
// code that holds, else the first unrestricted one. A code naming several
// actors ("ELR/GAL") gives each. It reports false when no code holds.
func (a Actor) CodesOn(d Date) ([]string, bool) {
	for _, c := range a.Codes {
		if c.Restricted() && c.Holds(d) {
			return strings.Split(c.Code, "/"), true
		}
	}
	for _, c := range a.Codes {
		if !c.Restricted() {
			return strings.Split(c.Code, "/"), true
		}
	}
	return nil, false
}

// Actors is a parsed actors dictionary.
type Actors struct {
	Entries []Actor
	index   phraseIndex
}

// actorCodeRE is a CAMEO actor code, several joined by '/', or the null code.
var actorCodeRE = regexp.MustCompile(`^(---|[A-Za-z0-9]+(/[A-Za-z0-9]+)*)$`)

// ParseActors reads an actors dictionary in the PETRARCH/TABARI format:
//
//	GONDOR [GON]                          a name and its code
//	+MINAS_TIRITH                         a synonym of the entry above
//	SAM_GAMGEE [HOB]                      a default code …
//	    [HOBGOV 20121109-20130119]        … and codes that hold between dates
//	    [HOBELI >20130119]                (from a day on)
//	    [HOBCIV <20080120]                (before a day)
//	LORIEN [ELR/GAL]                      an entry standing for two actors
//
// Words joined by '_' must be adjacent in the text; words separated by a
// space may have a couple of words of the same noun phrase between them.
// Comments are <!-- … --> and anything after '#'. name is used in the
// errors. A malformed entry is skipped and reported; the error returned
// alone is a read failure.
func ParseActors(r io.Reader, name string) (*Actors, []error, error) {
	lines, err := readLines(r)
	if err != nil {
		return nil, nil, fmt.Errorf("read %s: %w", name, err)
	}
	a := &Actors{index: phraseIndex{}}
	var (
		errs []error
		cur  *Actor
		// what the entry being read has had: code lines, its last line,
		// and whether its name has lower-case letters (a note, not a name)
		curCoded bool
		curLast  int
		curNote  bool
	)
	bad := func(n int, format string, args ...any) {
		errs = append(errs, &ParseError{File: name, Line: n, Msg: fmt.Sprintf(format, args...)})
	}
	finish := func() {
		if cur == nil {
			return
		}
		if len(cur.Codes) == 0 {
			bad(cur.Line, "actor %s has no valid code; entry skipped", cur.Names[0])
		} else {
			a.add(*cur)
		}
		cur = nil
	}
	for _, l := range lines {
		text := l.text
		switch {
		case text[0] == '[':
			if cur == nil {
				bad(l.n, "code %s with no actor before it", text)
				continue
			}
			codes, perrs := parseActorCodes(text)
			for _, e := range perrs {
				bad(l.n, "%v", e)
			}
			cur.Codes = append(cur.Codes, codes...)
			curCoded, curLast = true, l.n
		case text[0] == '+':
			if cur == nil {
				bad(l.n, "synonym %s with no actor before it", text)
				continue
			}
			body, codes, perrs := splitCodes(text[1:])
			for _, e := range perrs {
				bad(l.n, "%v", e)
			}
			p, err := parsePhrase(body)
			if err != nil {
				bad(l.n, "synonym: %v", err)
				continue
			}
			cur.Names = append(cur.Names, p)
			cur.Codes = append(cur.Codes, codes...)
			curCoded, curLast = curCoded || strings.Contains(text, "["), l.n
		default:
			body, codes, perrs := splitCodes(text)
			p, err := parsePhrase(body)
			merge := err == nil && cur != nil && !curCoded && len(cur.Codes) == 0 && !curNote && l.n == curLast+1
			if !merge {
				finish()
			}
			for _, e := range perrs {
				bad(l.n, "%v", e)
			}
			if err != nil {
				bad(l.n, "actor: %v", err)
				continue
			}
			// Names with no code, directly followed by another name, share
			// the codes that come after it: the files list a person's
			// spellings one a line ("LEONID_BREZHNEV_" then
			// "LEONID_ILYICH_BREZHNEV", then the codes).
			if merge {
				cur.Names = append(cur.Names, p)
				cur.Codes = append(cur.Codes, codes...)
				curCoded, curLast = strings.Contains(text, "["), l.n
				continue
			}
			cur = &Actor{Names: []Phrase{p}, Codes: codes, Line: l.n}
			curCoded, curLast, curNote = strings.Contains(text, "["), l.n, strings.ToUpper(body) != body
		}
	}
	finish()
	return a, errs, nil
}

func (a *Actors) add(e Actor) {
	idx := len(a.Entries)
	a.Entries = append(a.Entries, e)
	for pi, p := range e.Names {
		a.index[p[0].Text] = append(a.index[p[0].Text], phraseRef{entry: idx, phrase: pi, words: p})
	}
}

// merge adds the entries of b, as if b's lines followed a's.
func (a *Actors) merge(b *Actors) {
	for _, e := range b.Entries {
		a.add(e)
	}
}

// splitCodes separates "NAME [CODE …] [CODE …]" into the name and the codes.
func splitCodes(s string) (string, []ActorCode, []error) {
	i := strings.IndexByte(s, '[')
	if i < 0 {
		return s, nil, nil
	}
	codes, errs := parseActorCodes(s[i:])
	return s[:i], codes, errs
}

// parseActorCodes reads one or more bracketed codes: [GON], [HOB <950601],
// [HOBGOV 19950601 - 19990815].
func parseActorCodes(s string) ([]ActorCode, []error) {
	var (
		out  []ActorCode
		errs []error
	)
	for {
		s = strings.TrimSpace(s)
		if s == "" {
			return out, errs
		}
		if s[0] != '[' {
			// A note after the codes, which some entries carry without a
			// comment mark ("[MNCMED]	Newspapers/Magazines	$137,000,000").
			return out, errs
		}
		j := strings.IndexByte(s, ']')
		if j < 0 {
			return out, append(errs, fmt.Errorf("code %q has no closing ]", s))
		}
		c, err := parseActorCode(s[1:j])
		if err != nil {
			errs = append(errs, err)
		} else {
			out = append(out, c)
		}
		s = s[j+1:]
	}
}

func parseActorCode(s string) (ActorCode, error) {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ActorCode{}, fmt.Errorf("empty code []")
	}
	c := ActorCode{Code: f[0]}
	if !actorCodeRE.MatchString(c.Code) {
		return ActorCode{}, fmt.Errorf("code %q: want letters and digits (several joined by /) or ---", c.Code)
	}
	restr := strings.Join(f[1:], "")
	var err error
	switch {
	case restr == "":
	case restr[0] == '<':
		c.Until, err = ParseDate(restr[1:])
	case restr[0] == '>':
		c.From, err = ParseDate(restr[1:])
	case allDigits(restr):
		// A date alone ("[USAGOV 19820101] # entered Foreign Service"): from then on.
		c.From, err = ParseDate(restr)
	default:
		from, until, ok := strings.Cut(restr, "-")
		if !ok {
			return ActorCode{}, fmt.Errorf("code %q: date restriction %q: want <DATE, >DATE, DATE or DATE-DATE", c.Code, restr)
		}
		if c.From, err = ParseDate(from); err == nil {
			c.Until, err = ParseDate(until)
		}
		switch {
		case err != nil:
		case c.Until == c.From:
			c.Until = c.Until.next() // one day: the limits are "or equal to"
		case c.Until < c.From:
			err = fmt.Errorf("%s ends before it starts", restr)
		}
	}
	if err != nil {
		return ActorCode{}, fmt.Errorf("code %q: %w", c.Code, err)
	}
	return c, nil
}

// ActorMatch is an actor found in a token sequence.
type ActorMatch struct {
	Entry      int // index into Entries
	Start, End int // token range, End exclusive
}

// Match finds the longest actor name starting at token i of keys (tokens in
// Key form). skippable says which tokens may stand between words that the
// dictionary separates by a space.
func (a *Actors) Match(keys []string, i int, skippable func(int) bool) (ActorMatch, bool) {
	ref, end, ok := a.index.match(keys, i, skippable)
	if !ok {
		return ActorMatch{}, false
	}
	return ActorMatch{Entry: ref.entry, Start: i, End: end}, true
}
