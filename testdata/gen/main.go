// Command gen writes a corpus of news-like articles made from templates
// over geokg's built-in gazetteer, with the statements each article says,
// for scale tests and benchmarks:
//
//	go run ./testdata/gen -n 10000 -out /tmp/corpus
//
// DIR/articles/NNN/gen-NNNNNN.txt holds the articles (front matter with
// id, title and date, then the text), a thousand to a directory; with
// -format jsonl they go to DIR/articles.jsonl instead, one per line.
// DIR/gold.jsonl holds the gold statements, one statement JSON per line,
// in the shape `geokg extract --format jsonl` prints.
//
// The text is our own template prose: every relation sentence uses a
// phrasing the extractor reads (active, passive, coordinated subjects and
// objects, negation, reciprocal verbs, dates leading or trailing), among
// distractor sentences that say no relation. It tests geokg's plumbing at
// scale, not its reading of real language. The same -seed gives the same
// corpus.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/schema"
)

func main() {
	var o options
	flag.IntVar(&o.n, "n", 100, "number of articles")
	flag.StringVar(&o.out, "out", "", "output directory (required)")
	flag.Uint64Var(&o.seed, "seed", 1, "random seed: the same seed gives the same corpus")
	flag.StringVar(&o.format, "format", "txt", "article format: txt (one file each) or jsonl (DIR/articles.jsonl)")
	flag.Usage = func() {
		fmt.Fprintf(flag.CommandLine.Output(), "usage: go run ./testdata/gen -n N -out DIR [-seed S] [-format txt|jsonl]\n")
		flag.PrintDefaults()
	}
	flag.Parse()
	if err := run(o); err != nil {
		fmt.Fprintf(os.Stderr, "gen: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	n      int
	out    string
	seed   uint64
	format string
}

func run(o options) error {
	if o.out == "" {
		return errors.New("no output directory: give -out DIR")
	}
	if o.n < 0 {
		return fmt.Errorf("-n %d: want a number of articles", o.n)
	}
	if o.format != "txt" && o.format != "jsonl" {
		return fmt.Errorf("-format %q: choose txt or jsonl", o.format)
	}
	g, err := newGenerator(o.seed)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(o.out, 0o755); err != nil {
		return err
	}
	gold, err := os.Create(filepath.Join(o.out, "gold.jsonl"))
	if err != nil {
		return err
	}
	defer gold.Close()
	gw := bufio.NewWriter(gold)
	genc := json.NewEncoder(gw)
	genc.SetEscapeHTML(false)

	var jw *bufio.Writer
	if o.format == "jsonl" {
		f, err := os.Create(filepath.Join(o.out, "articles.jsonl"))
		if err != nil {
			return err
		}
		defer f.Close()
		jw = bufio.NewWriter(f)
		defer jw.Flush()
	}
	for i := range o.n {
		a := g.article(i + 1)
		if jw != nil {
			if err := writeJSONL(jw, a); err != nil {
				return err
			}
		} else if err := writeText(o.out, a); err != nil {
			return err
		}
		for _, s := range a.gold {
			if err := genc.Encode(s); err != nil {
				return err
			}
		}
	}
	if jw != nil {
		if err := jw.Flush(); err != nil {
			return err
		}
	}
	if err := gw.Flush(); err != nil {
		return err
	}
	return gold.Close()
}

// article is one generated article with its gold statements.
type article struct {
	id, title, date, text string
	gold                  []schema.Statement
}

func writeText(dir string, a article) error {
	sub := filepath.Join(dir, "articles", a.id[len(a.id)-6:len(a.id)-3])
	if err := os.MkdirAll(sub, 0o755); err != nil {
		return err
	}
	body := fmt.Sprintf("---\nid: %s\ntitle: %s\ndate: %s\n---\n%s\n", a.id, a.title, a.date, a.text)
	return os.WriteFile(filepath.Join(sub, a.id+".txt"), []byte(body), 0o644)
}

func writeJSONL(w io.Writer, a article) error {
	b, err := json.Marshal(map[string]string{"id": a.id, "title": a.title, "date": a.date, "text": a.text})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s\n", b)
	return err
}

// actor is a gazetteer actor with the forms the generator writes for it.
type actor struct {
	e      schema.Entity
	forms  []string // surface forms: the canonical name (first), capitals, aliases
	parent string   // IRI of the state a person belongs to
}

type generator struct {
	rnd       *rand.Rand
	states    []actor   // by prominence
	cumStates []float64 // cumulative Zipf weights over states
	igos      []actor
	groups    []actor
	people    []actor // leaders, linked to their state by the gazetteer
}

// prominent states come first in the Zipf order, so a few hubs take a large
// share of the relations, as in real news.
var prominent = []string{"United States", "Russia", "China", "Iran", "Israel", "Ukraine", "Turkey",
	"France", "United Kingdom", "Germany", "India", "Saudi Arabia", "Japan", "North Korea", "Syria"}

// igoNames and groupNames are the organisations and groups the templates use.
var (
	igoNames   = []string{"United Nations", "European Union", "NATO", "African Union", "Arab League", "ASEAN", "International Monetary Fund"}
	groupNames = []string{"Hezbollah", "Hamas", "Houthis", "Taliban", "Islamic State", "al-Shabaab", "Wagner Group", "MEK", "Boko Haram"}
)

func newGenerator(seed uint64) (*generator, error) {
	gaz, err := gazetteer.Builtin()
	if err != nil {
		return nil, fmt.Errorf("load gazetteer: %w", err)
	}
	g := &generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
	lookup := func(name string) (actor, error) {
		a, ok := gaz.Lookup(name)
		if !ok {
			return actor{}, fmt.Errorf("gazetteer has no %q", name)
		}
		return newActor(a), nil
	}
	seen := map[string]bool{}
	for _, n := range prominent {
		a, err := lookup(n)
		if err != nil {
			return nil, err
		}
		seen[a.e.IRI] = true
		g.states = append(g.states, a)
	}
	var rest []gazetteer.Actor
	for _, a := range gaz.Actors() {
		if a.Kind == schema.Country && !seen[a.IRI()] && !strings.Contains(a.Note, "former") && a.Name != "Soviet Union" {
			rest = append(rest, a)
		}
	}
	sort.Slice(rest, func(i, j int) bool { return rest[i].Name < rest[j].Name })
	for _, a := range rest {
		g.states = append(g.states, newActor(a))
	}
	sum := 0.0
	for i := range g.states {
		sum += 1 / math.Pow(float64(i+1), 0.9)
		g.cumStates = append(g.cumStates, sum)
	}
	for _, n := range igoNames {
		a, err := lookup(n)
		if err != nil {
			return nil, err
		}
		g.igos = append(g.igos, a)
	}
	for _, a := range gaz.Actors() {
		if a.Kind == schema.Person && a.Parent != "" && !strings.Contains(strings.ToLower(a.Note), "former") {
			g.people = append(g.people, newActor(a))
		}
	}
	sort.Slice(g.people, func(i, j int) bool { return g.people[i].e.IRI < g.people[j].e.IRI })
	for _, n := range groupNames {
		a, err := lookup(n)
		if err != nil {
			return nil, err
		}
		g.groups = append(g.groups, a)
	}
	return g, nil
}

func newActor(a gazetteer.Actor) actor {
	e := a.Entity()
	parent := e.Parent
	e.Parent, e.ParentPredicate = "", ""
	forms := []string{a.Name}
	forms = append(forms, a.Capitals...)
	return actor{e: e, forms: forms, parent: parent}
}

// name returns how a sentence names the actor: mostly its canonical name,
// sometimes its capital, with "the" where English wants it.
func (g *generator) name(a actor, start bool) string {
	f := a.forms[0]
	if len(a.forms) > 1 && g.rnd.IntN(5) == 0 {
		return capitalise(a.forms[1+g.rnd.IntN(len(a.forms)-1)], start)
	}
	if needsThe(a, f) {
		f = "the " + f
	}
	return capitalise(f, start)
}

func needsThe(a actor, name string) bool {
	switch a.e.Type {
	case schema.IGO, schema.ArmedGroup, schema.PoliticalGroup:
		return strings.Contains(name, " ") || strings.HasSuffix(name, "s") || name == "Taliban" || name == "MEK"
	}
	for _, w := range []string{"United ", "Republic", "Islands", "Holy See", "Netherlands", "Philippines", "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles", "Emirates"} {
		if strings.Contains(name, w) {
			return true
		}
	}
	return false
}

func capitalise(s string, start bool) string {
	if start && s != "" && s[0] >= 'a' && s[0] <= 'z' {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func (g *generator) state() actor {
	x := g.rnd.Float64() * g.cumStates[len(g.cumStates)-1]
	i := sort.SearchFloat64s(g.cumStates, x)
	return g.states[min(i, len(g.states)-1)]
}

// template is one way to say a relation. Its text has the slots {S} and
// {O} (and {S2}, {O2} for a second subject or object), and {D} for a
// trailing date ("on 7 March 2021") or {L} for a leading one ("On 7 March
// 2021,"). kind says which actors fill the slots.
type template struct {
	predicate string
	text      string
	subj, obj slotKind
	negated   bool
	standing  bool // a standing relation dated with "since": {Y} is the year
}

type slotKind int

const (
	state slotKind = iota
	igo
	group
	stateOrIGO
	person
)

var templates = []template{
	{predicate: "condemned", text: "{S} condemned {O} {D}."},
	{predicate: "condemned", text: "{S} denounced {O} {D}."},
	{predicate: "condemned", text: "{S} sharply criticized {O} {D}."},
	{predicate: "condemned", text: "{O} was condemned by {S} {D}."},
	{predicate: "condemned", text: "{L} {S} condemned {O}."},
	{predicate: "condemned", text: "{S} and {S2} condemned {O} {D}."},
	{predicate: "condemned", text: "{S} condemned {O} and {O2} {D}."},
	{predicate: "condemned", text: "{S} did not condemn {O} {D}.", negated: true},
	{predicate: "condemned", text: "{S} condemned {O} {D}.", subj: stateOrIGO, obj: group},
	{predicate: "accused", text: "{S} accused {O} {D}."},
	{predicate: "accused", text: "{L} {S} accused {O} of interference."},
	{predicate: "accused", text: "{O} was accused by {S} {D}."},
	{predicate: "imposed_sanctions_on", text: "{S} imposed new sanctions on {O} {D}."},
	{predicate: "imposed_sanctions_on", text: "{S} announced new sanctions against {O} {D}."},
	{predicate: "imposed_sanctions_on", text: "{O} was sanctioned by {S} {D}."},
	{predicate: "imposed_sanctions_on", text: "{S} and {S2} imposed new sanctions on {O} {D}."},
	{predicate: "imposed_sanctions_on", text: "{S} imposed new sanctions on {O} {D}.", subj: igo},
	{predicate: "lifted_sanctions_on", text: "{S} lifted sanctions on {O} {D}."},
	{predicate: "attacked", text: "{S} attacked {O} {D}."},
	{predicate: "attacked", text: "{S} launched strikes on {O} {D}."},
	{predicate: "attacked", text: "{O} was attacked by {S} {D}."},
	{predicate: "attacked", text: "{S} attacked {O} {D}.", subj: group},
	{predicate: "attacked", text: "{S} did not attack {O} {D}.", negated: true},
	{predicate: "met_with", text: "{S} met with {O} {D}."},
	{predicate: "met_with", text: "{S} held talks with {O} {D}."},
	{predicate: "met_with", text: "{S} and {O} held talks {D}."},
	{predicate: "signed_agreement_with", text: "{S} signed a trade agreement with {O} {D}."},
	{predicate: "signed_agreement_with", text: "{S} and {O} signed an agreement {D}."},
	{predicate: "negotiated_with", text: "{S} negotiated with {O} {D}."},
	{predicate: "visited", text: "{S} visited {O} {D}."},
	{predicate: "visited", text: "{O} was visited by {S} {D}."},
	{predicate: "visited", text: "{S} visited {O} {D}.", subj: person},
	{predicate: "praised", text: "{S} praised {O} {D}."},
	{predicate: "praised", text: "{O} was praised by {S} {D}."},
	{predicate: "praised", text: "{S} praised {O} {D}.", subj: igo},
	{predicate: "praised", text: "{S} praised {O} {D}.", subj: person},
	{predicate: "supported", text: "{S} supported {O} {D}."},
	{predicate: "supported", text: "{S} backed {O} {D}."},
	{predicate: "warned", text: "{S} warned {O} {D}."},
	{predicate: "threatened", text: "{S} threatened {O} {D}."},
	{predicate: "requested", text: "{L} {S} asked {O} to reconsider the plan."},
	{predicate: "requested", text: "{L} {S} urged {O} to act."},
	{predicate: "provided_aid_to", text: "{S} provided aid to {O} {D}."},
	{predicate: "provided_aid_to", text: "{S} sent humanitarian aid to {O} {D}."},
	{predicate: "provided_military_aid_to", text: "{S} sent weapons to {O} {D}."},
	{predicate: "restored_ties_with", text: "{S} restored ties with {O} {D}."},
	{predicate: "severed_ties_with", text: "{S} cut diplomatic ties with {O} {D}."},
	{predicate: "recalled_ambassador_from", text: "{S} recalled its ambassador from {O} {D}."},
	{predicate: "recognized", text: "{S} recognized {O} {D}."},
	{predicate: "joined", text: "{S} joined {O} {D}.", obj: igo},
	{predicate: "mediated", text: "{S} mediated between {O} and {O2} {D}."},
	{predicate: "hosts", text: "{S} has hosted {O} since {Y}.", obj: group, standing: true},
	{predicate: "based_in", text: "Since {Y} {S} has been based in {O}.", subj: group, standing: true},
}

// distractors say no relation; {C} is a capital or a state's name.
var distractors = []string{
	"Markets in the region were calm on Tuesday.",
	"The talks lasted for several hours, officials said.",
	"Analysts expect further developments in the coming weeks.",
	"The statement did not give further details.",
	"Officials in {C} declined to comment.",
	"The economy of {C} grew by 3 percent last year.",
	"Heavy rain fell across the region over the weekend.",
	"Reporters gathered outside the ministry in {C}.",
	"The announcement came after weeks of speculation.",
	"Observers said the move was largely symbolic.",
}

var months = []string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}

// when returns a date phrase for an event shortly before pub, leading or
// trailing, and the ISO date the phrase means.
func (g *generator) when(pub time.Time, leading bool) (string, string) {
	t := pub.AddDate(0, 0, -g.rnd.IntN(700)-1)
	var phrase, iso string
	switch g.rnd.IntN(3) {
	case 0:
		phrase, iso = fmt.Sprintf("on %d %s %d", t.Day(), months[t.Month()-1], t.Year()), t.Format("2006-01-02")
	case 1:
		phrase, iso = fmt.Sprintf("in %s %d", months[t.Month()-1], t.Year()), t.Format("2006-01")
	default:
		phrase, iso = fmt.Sprintf("in %d", t.Year()), t.Format("2006")
	}
	if leading {
		phrase = capitalise(phrase, true) + ","
	}
	return phrase, iso
}

func (g *generator) pick(k slotKind, not map[string]bool) actor {
	for {
		var a actor
		switch k {
		case igo:
			a = g.igos[g.rnd.IntN(len(g.igos))]
		case group:
			a = g.groups[g.rnd.IntN(len(g.groups))]
		case person:
			a = g.people[g.rnd.IntN(len(g.people))]
		case stateOrIGO:
			if g.rnd.IntN(3) == 0 {
				a = g.igos[g.rnd.IntN(len(g.igos))]
			} else {
				a = g.state()
			}
		default:
			a = g.state()
		}
		if !not[a.e.IRI] {
			return a
		}
	}
}

// article builds article number n.
func (g *generator) article(n int) article {
	id := fmt.Sprintf("gen-%06d", n)
	pub := time.Date(2016, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, g.rnd.IntN(9*365))
	a := article{id: id, date: pub.Format("2006-01-02")}
	nrel := 2 + g.rnd.IntN(4)
	ndis := 1 + g.rnd.IntN(3)
	kinds := make([]bool, 0, nrel+ndis) // true: a relation sentence
	for range nrel {
		kinds = append(kinds, true)
	}
	for range ndis {
		kinds = append(kinds, false)
	}
	g.rnd.Shuffle(len(kinds), func(i, j int) { kinds[i], kinds[j] = kinds[j], kinds[i] })
	kinds = append([]bool{true}, kinds...) // the lead sentence says something

	var text strings.Builder
	used := map[string]bool{} // subject, predicate, object of this article
	type pending struct {
		st         schema.Statement
		start, end int
	}
	var gold []pending
	for i, rel := range kinds {
		if i > 0 {
			if i == len(kinds)/2+1 {
				text.WriteString("\n\n")
			} else {
				text.WriteString(" ")
			}
		}
		start := text.Len()
		if !rel {
			d := distractors[g.rnd.IntN(len(distractors))]
			c := g.state()
			d = strings.ReplaceAll(d, "{C}", g.name(c, false))
			text.WriteString(d)
			continue
		}
		sentence, stmts := g.relation(pub, used)
		text.WriteString(sentence)
		for _, s := range stmts {
			gold = append(gold, pending{s, start, text.Len()})
		}
		if a.title == "" && len(stmts) > 0 {
			a.title = headline(stmts[0])
		}
	}
	a.text = text.String()
	doc := schema.DocumentIRI(id, a.text)
	for _, p := range gold {
		p.st.Doc = doc
		p.st.Evidence = a.text[p.start:p.end]
		p.st.Span = [2]int{p.start, p.end}
		a.gold = append(a.gold, p.st)
	}
	return a
}

func headline(s schema.Statement) string {
	p, _ := schema.LookupPredicate(s.Predicate)
	verb := p.Label
	if s.Negated {
		verb = "did not " + verb
	}
	return s.Subject.Name + " " + verb + " " + s.Object.Name
}

// relation writes one relation sentence, retrying templates until one
// gives statements this article has not said yet.
func (g *generator) relation(pub time.Time, used map[string]bool) (string, []schema.Statement) {
	for {
		t := templates[g.rnd.IntN(len(templates))]
		p, _ := schema.LookupPredicate(t.predicate)
		taken := map[string]bool{}
		s := g.pick(t.subj, taken)
		taken[s.e.IRI] = true
		if s.parent != "" {
			taken[s.parent] = true // a leader does not visit their own state
		}
		o := g.pick(t.obj, taken)
		taken[o.e.IRI] = true
		var s2, o2 actor
		if strings.Contains(t.text, "{S2}") {
			s2 = g.pick(t.subj, taken)
			taken[s2.e.IRI] = true
		}
		if strings.Contains(t.text, "{O2}") {
			o2 = g.pick(t.obj, taken)
			taken[o2.e.IRI] = true
		}
		var stmts []schema.Statement
		var date, since string
		text := t.text
		if t.standing {
			y := fmt.Sprint(pub.Year() - 1 - g.rnd.IntN(10))
			text = strings.ReplaceAll(text, "{Y}", y)
			since = y
		} else {
			lead := strings.Contains(text, "{L}")
			phrase, iso := g.when(pub, lead)
			text = strings.ReplaceAll(strings.ReplaceAll(text, "{D}", phrase), "{L}", phrase)
			date = iso
		}
		add := func(subj, obj actor) {
			se, oe := subj.e, obj.e
			if p.Symmetric && oe.IRI < se.IRI {
				se, oe = oe, se
			}
			stmts = append(stmts, schema.Statement{
				Subject: se, Predicate: p.Name, Object: oe,
				Date: date, Since: since, CAMEO: p.CAMEO, Negated: t.negated,
			})
		}
		add(s, o)
		if s2.e.IRI != "" {
			add(s2, o)
		}
		if o2.e.IRI != "" {
			add(s, o2)
		}
		fresh := true
		for _, st := range stmts {
			fresh = fresh && !used[st.Subject.IRI+" "+st.Predicate+" "+st.Object.IRI]
		}
		if !fresh {
			continue
		}
		for _, st := range stmts {
			used[st.Subject.IRI+" "+st.Predicate+" "+st.Object.IRI] = true
		}
		// Fill the names in order of appearance so the sentence start is
		// capitalised.
		for _, slot := range []struct {
			key string
			a   actor
		}{{"{S}", s}, {"{S2}", s2}, {"{O}", o}, {"{O2}", o2}} {
			if i := strings.Index(text, slot.key); i >= 0 {
				text = text[:i] + g.name(slot.a, i == 0) + text[i+len(slot.key):]
			}
		}
		return capitalise(text, true), stmts
	}
}
