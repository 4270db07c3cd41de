// Command gen writes geokg's generated gazetteer tables from the Phoenix
// dictionaries that PETRARCH2 codes with (Open Event Data Alliance, MIT):
// from the actor dictionaries, the organs of states, international and
// non-governmental organisations, armed and political groups, and officials
// with the dates they held office, in the gazetteer's TSV format; from the
// agents dictionary, the role nouns of states' organs and officials, as Go
// source. Names, codes and dates are facts; the tables are geokg's own.
//
//	go run ./extract/gazetteer/gen -phoenix ../shared/dicts/phoenix \
//	    -common ../shared/nlp/ud-english/en_ewt-ud-train.conllu \
//	    -out extract/gazetteer/data/05-phoenix.tsv \
//	    -agents extract/gazetteer/agents_phoenix.go
//
// The hand-kept tables beside the output (-data, every *.tsv but the output)
// win: an actor they name and every form they use is left out of the
// generated table. To keep precision, a form is left out when it is a single
// word that a general English corpus (-common, CoNLL-U) writes in lower
// case, when it is shorter than four letters, when two generated actors
// share it, or when it holds an office title ("President …"); a person needs
// a name of two words or more and a dated office with a state.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"go/format"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/schema"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// options are the command's flags.
type options struct {
	phoenix string   // directory of the Phoenix dictionaries
	data    string   // directory of the hand-kept tables
	common  []string // CoNLL-U files whose lower-case words are common words
	out     string   // the table to write; "-" for standard output
	agents  string   // the Go file of role nouns to write; "" for none
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var opts options
	var common string
	fs.StringVar(&opts.phoenix, "phoenix", "../shared/dicts/phoenix", "directory of the Phoenix dictionaries")
	fs.StringVar(&opts.data, "data", "extract/gazetteer/data", "directory of the hand-kept tables, which win")
	fs.StringVar(&common, "common", "../shared/nlp/ud-english/en_ewt-ud-train.conllu", "comma-separated CoNLL-U files; a word they write in lower case is a common word")
	fs.StringVar(&opts.out, "out", "extract/gazetteer/data/05-phoenix.tsv", `the table to write ("-" for standard output)`)
	fs.StringVar(&opts.agents, "agents", "extract/gazetteer/agents_phoenix.go", `the Go file of role nouns to write ("" for none)`)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if common != "" {
		opts.common = strings.Split(common, ",")
	}
	if err := generate(opts, stdout, stderr); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	return 0
}

// phoenixFiles are the actor dictionaries read, in order.
var phoenixFiles = []string{"Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"}

func generate(opts options, stdout, stderr io.Writer) error {
	hand, err := handKept(opts.data, opts.out)
	if err != nil {
		return err
	}
	common, err := commonWords(opts.common)
	if err != nil {
		return err
	}
	b := newBuilder(hand, common)
	if err := b.readDir(opts.phoenix, stderr); err != nil {
		return err
	}
	actors := b.actors()
	w := stdout
	if opts.out != "-" {
		f, err := os.Create(opts.out)
		if err != nil {
			return fmt.Errorf("create table: %w", err)
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriter(w)
	if err := write(bw, actors); err != nil {
		return fmt.Errorf("write %s: %w", opts.out, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", opts.out, err)
	}
	if opts.agents != "" {
		if err := writeAgentsFile(opts.phoenix, opts.agents, stderr); err != nil {
			return err
		}
	}
	counts := map[schema.Kind]int{}
	for _, a := range actors {
		counts[a.Kind]++
	}
	fmt.Fprintf(stderr, "wrote %d actors:", len(actors))
	for _, k := range schema.Kinds {
		if counts[k] > 0 {
			fmt.Fprintf(stderr, " %s %d", k, counts[k])
		}
	}
	fmt.Fprintln(stderr)
	return nil
}

// handKept reads the hand-kept tables: every *.tsv in dir but out.
func handKept(dir, out string) (*gazetteer.Gazetteer, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*.tsv"))
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", dir, err)
	}
	outAbs, _ := filepath.Abs(out)
	var all []gazetteer.Actor
	for _, name := range names {
		if abs, _ := filepath.Abs(name); abs == outAbs {
			continue
		}
		f, err := os.Open(name)
		if err != nil {
			return nil, fmt.Errorf("open hand-kept table: %w", err)
		}
		actors, errs := gazetteer.Parse(f, filepath.Base(name))
		f.Close()
		if len(errs) > 0 {
			return nil, fmt.Errorf("hand-kept table %s: %w", name, errors.Join(errs...))
		}
		all = append(all, actors...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("hand-kept tables: no actors in %s", dir)
	}
	return gazetteer.New(all...), nil
}

// commonWords returns the words the CoNLL-U files write in lower case.
func commonWords(paths []string) (map[string]bool, error) {
	words := make(map[string]bool)
	for _, path := range paths {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("open common-word corpus: %w", err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			if line == "" || line[0] == '#' {
				continue
			}
			fields := strings.SplitN(line, "\t", 3)
			if len(fields) < 2 {
				continue
			}
			if w := fields[1]; w == strings.ToLower(w) && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
				words[w] = true
			}
		}
		err = sc.Err()
		f.Close()
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
	}
	return words, nil
}

// write prints the table with its header and the note on its source.
func write(w io.Writer, actors []gazetteer.Actor) error {
	fmt.Fprint(w, `# Generated by extract/gazetteer/gen from the Phoenix actor dictionaries of
# PETRARCH2 (Open Event Data Alliance, MIT licence; see NOTICE): organs of
# states, IGOs and NGOs, armed and political groups, officials with their
# tenure. Do not edit: change the generator or a hand-kept table, which wins.
name	kind	iso3	cameo	role	parent	aliases	since	until	note
`)
	for _, a := range actors {
		fields := []string{a.Name, string(a.Kind), a.ISO3, a.CAMEO, a.Role, a.Parent, strings.Join(a.Aliases, "|"), a.Since, a.Until, a.Note}
		for len(fields) > 2 && fields[len(fields)-1] == "" {
			fields = fields[:len(fields)-1]
		}
		if _, err := fmt.Fprintln(w, strings.Join(fields, "\t")); err != nil {
			return err
		}
	}
	return nil
}

// stateRoles are the CAMEO agent codes of a state's own organs and officials.
var stateRoles = map[string]bool{"GOV": true, "MIL": true, "COP": true, "JUD": true, "LEG": true, "SPY": true}

// groupKinds maps the CAMEO codes of non-state actors to the kind of a group
// named by them.
var groupKinds = map[string]schema.Kind{
	"REB": schema.ArmedGroup, "INS": schema.ArmedGroup, "IMG": schema.ArmedGroup, "UAF": schema.ArmedGroup,
	"SEP": schema.ArmedGroup, "PTY": schema.PoliticalGroup, "OPP": schema.PoliticalGroup,
}

// orgWords mark a name as an organisation's: an entry of the IGO and NGO
// dictionary without one may be a person.
var orgWords = map[string]bool{
	"organization": true, "organisation": true, "union": true, "council": true, "commission": true,
	"agency": true, "bank": true, "fund": true, "court": true, "committee": true, "league": true,
	"association": true, "alliance": true, "forum": true, "community": true, "conference": true,
	"programme": true, "program": true, "office": true, "tribunal": true, "institute": true,
	"mission": true, "federation": true, "cooperation": true, "partnership": true,
	"secretariat": true, "parliament": true, "assembly": true, "movement": true, "group": true,
	"society": true, "foundation": true, "network": true, "centre": true, "center": true,
	"international": true, "watch": true, "crescent": true, "cross": true, "authority": true,
	"initiative": true, "board": true, "force": true, "treaty": true, "pact": true,
}

// organWords mark a name as an institution's: the source lists people
// ("Masoud Barzani") and places ("West Point") among a state's organs, and
// an organ's form needs one of these.
var organWords = map[string]bool{
	"ministry": true, "department": true, "army": true, "forces": true, "force": true,
	"police": true, "service": true, "services": true, "intelligence": true, "guard": true,
	"guards": true, "corps": true, "navy": true, "command": true, "bureau": true,
	"directorate": true, "gendarmerie": true, "militia": true, "rifles": true, "military": true,
	"government": true, "cabinet": true, "regime": true, "palace": true, "administration": true,
	"secretariat": true, "agency": true, "legion": true, "brigade": true, "brigades": true,
}

// sharesWord reports whether two forms have a word in common that is not an
// organisation word or a particle.
func sharesWord(a, b string) bool {
	for _, w := range strings.FieldsFunc(strings.ToLower(a), isSep) {
		if orgWords[w] || organWords[w] || groupWords[w] || particles[w] {
			continue
		}
		if slices.Contains(strings.FieldsFunc(strings.ToLower(b), isSep), w) {
			return true
		}
	}
	return false
}

// clipped reports whether a one-word alias is made of the name's letters in
// order, starting with its first: "Caricom" for "Caribbean Community".
func clipped(name, alias string) bool {
	a := []rune(strings.ToLower(alias))
	if strings.ContainsAny(alias, " ") || len(a) == 0 {
		return false
	}
	n := []rune(strings.ToLower(name))
	if n[0] != a[0] {
		return false
	}
	k := 0
	for _, r := range n {
		if k < len(a) && r == a[k] {
			k++
		}
	}
	return k == len(a)
}

// groupWords mark a name as a group's: the source lists leaders among
// groups, and a group's form needs one of these or an organisation word.
var groupWords = map[string]bool{
	"army": true, "front": true, "brigade": true, "brigades": true, "party": true,
	"liberation": true, "forces": true, "militia": true, "militias": true, "jihad": true,
	"faction": true, "resistance": true, "revolutionary": true, "cells": true, "cell": true,
	"commandos": true, "battalion": true, "battalions": true, "mujahideen": true,
	"mujahedin": true, "tigers": true, "guerrillas": true, "rebels": true, "fighters": true,
	"martyrs": true, "islamic": true, "jamaat": true, "jemaah": true, "lashkar": true,
	"jaish": true, "harakat": true, "hizb": true, "ansar": true, "squad": true, "squads": true,
	"nuclei": true, "command": true, "guard": true, "guards": true, "underground": true,
	"democratic": true, "national": true, "people's": true, "peoples": true, "popular": true,
	"socialist": true, "communist": true, "workers": true, "youth": true, "solidarity": true,
}

// grouplike reports whether a form names a group.
func grouplike(ws []string) bool {
	for _, w := range ws {
		if k := strings.ToLower(w); orgWords[k] || groupWords[k] {
			return true
		}
	}
	return false
}

// institutional reports whether a form names an institution.
func institutional(ws []string) bool {
	for _, w := range ws {
		if k := strings.ToLower(w); orgWords[k] || organWords[k] {
			return true
		}
	}
	return false
}

// particles stay in lower case inside a name: "Jaish-e-Mohammed", "bin Laden".
var particles = map[string]bool{
	"al": true, "el": true, "bin": true, "ibn": true, "de": true, "del": true, "da": true,
	"do": true, "dos": true, "du": true, "des": true, "van": true, "von": true, "der": true,
	"la": true, "le": true, "e": true, "i": true, "ul": true, "ud": true, "y": true,
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "to": true,
}

// builder collects generated actors and their forms.
type builder struct {
	hand   *gazetteer.Gazetteer
	common map[string]bool
	states map[string]gazetteer.Actor // CAMEO state code → hand-kept country
	gen    []gazetteer.Actor
	byIRI  map[string]int
	byCode map[string]int          // specific CAMEO code → generated actor
	owners map[string]map[int]bool // lookup key of a form → generated actors using it
}

func newBuilder(hand *gazetteer.Gazetteer, common map[string]bool) *builder {
	b := &builder{hand: hand, common: common, states: make(map[string]gazetteer.Actor), byIRI: make(map[string]int), byCode: make(map[string]int), owners: make(map[string]map[int]bool)}
	for _, a := range hand.Actors() {
		if a.Kind == schema.Country && a.CAMEO != "" {
			b.states[a.CAMEO] = a
		}
	}
	return b
}

// readDir reads the actor dictionaries in dir, reporting each file's
// entries and problems to log.
func (b *builder) readDir(dir string, log io.Writer) error {
	for _, name := range phoenixFiles {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return fmt.Errorf("open dictionary: %w", err)
		}
		d, problems, err := petrarch.ParseActors(f, name)
		f.Close()
		if err != nil {
			return err
		}
		fmt.Fprintf(log, "%s: %d entries, %d problems skipped\n", name, len(d.Entries), len(problems))
		b.read(name, d.Entries)
	}
	return nil
}

// read classifies a dictionary's entries.
func (b *builder) read(file string, entries []petrarch.Actor) {
	for _, e := range entries {
		if restricted(e) {
			b.person(file, e)
			continue
		}
		code := e.Codes[0].Code
		if len(e.Codes) != 1 || code == petrarch.NullActor || strings.Contains(code, "/") {
			continue
		}
		switch {
		case len(code) == 3:
			// a state's own entry: the hand-kept table has every state
		case strings.HasPrefix(code, "IGO") || strings.HasPrefix(code, "NGO"):
			b.organisation(file, e, code)
		default:
			b.organOrGroup(file, e, code)
		}
	}
}

func restricted(e petrarch.Actor) bool {
	for _, c := range e.Codes {
		if c.Restricted() {
			return true
		}
	}
	return false
}

// person adds an official: a name of two words or more with a dated code of
// a state's organ. The latest such tenure gives the state, the role and the
// dates.
func (b *builder) person(file string, e petrarch.Actor) {
	var best petrarch.ActorCode
	var state gazetteer.Actor
	for _, c := range e.Codes {
		if len(c.Code) < 6 || !c.Restricted() {
			continue
		}
		st, ok := b.states[c.Code[:3]]
		if !ok || !stateRoles[c.Code[3:6]] {
			continue
		}
		if best.Code == "" || c.From > best.From {
			best, state = c, st
		}
	}
	if best.Code == "" {
		return
	}
	a := gazetteer.Actor{
		Kind:   schema.Person,
		Parent: state.Name,
		Role:   best.Code[3:6],
		CAMEO:  best.Code[:6],
		Since:  best.From.String(),
		Until:  best.Until.String(),
		Note:   fmt.Sprintf("Phoenix %s:%d, %s", file, e.Line, best.Code),
	}
	b.add(a, e.Names, func(ws []string) bool {
		return len(ws) >= 2 && !b.titled(ws) && !institutional(ws) && !grouplike(ws)
	})
}

// organisation adds an IGO or NGO whose name says it is an organisation.
func (b *builder) organisation(file string, e petrarch.Actor, code string) {
	isOrg := false
	for _, n := range e.Names {
		for _, w := range n {
			if orgWords[strings.ToLower(w.Text)] {
				isOrg = true
			}
		}
	}
	if !isOrg {
		return
	}
	kind := schema.IGO
	if strings.HasPrefix(code, "NGO") {
		kind = schema.Organization
	}
	a := gazetteer.Actor{Kind: kind, CAMEO: code, Note: fmt.Sprintf("Phoenix %s:%d", file, e.Line)}
	b.add(a, e.Names, func(ws []string) bool { return !b.titled(ws) })
}

// organOrGroup adds a state's named organ (code STATE+role) or a group
// (code with a rebel, militant, party or opposition role).
func (b *builder) organOrGroup(file string, e petrarch.Actor, code string) {
	note := fmt.Sprintf("Phoenix %s:%d, %s", file, e.Line, code)
	for i := 0; i+3 <= len(code); i += 3 {
		if k, ok := groupKinds[code[i:i+3]]; ok {
			b.add(gazetteer.Actor{Kind: k, Note: note}, e.Names, func(ws []string) bool {
				return !b.titled(ws) && (len(ws) == 1 && isAbbrev(ws[0]) || grouplike(ws))
			})
			return
		}
	}
	st, ok := b.states[code[:3]]
	if !ok {
		return
	}
	role := ""
	for i := 3; i+3 <= len(code); i += 3 {
		if stateRoles[code[i:i+3]] {
			role = code[i : i+3]
		} else {
			return // a state's business, church, media …: not an organ
		}
	}
	if role == "" {
		return
	}
	kind := schema.Agency
	if role == "GOV" {
		kind = schema.Government
	}
	a := gazetteer.Actor{Kind: kind, Parent: st.Name, Role: role, Note: note}
	b.add(a, e.Names, func(ws []string) bool { return len(ws) >= 2 && !b.titled(ws) && institutional(ws) })
}

// titled reports whether a form holds an office title ("President …",
// "Foreign Minister …") or is a generic organ ("National Security
// Council"), which the extractor reads by itself with the state named
// beside it.
func (b *builder) titled(ws []string) bool {
	for i := range ws {
		if ag, end, ok := b.hand.MatchAgent(ws, i); ok && (ag.Official || i == 0 && end == len(ws)) {
			return true
		}
	}
	// "the National Security Council", "White House National Security
	// Council": a known actor or nothing, then a generic organ
	for _, m := range append(b.hand.Match(ws), gazetteer.Match{}) {
		if m.Start > 1 || m.Start == 1 && !strings.EqualFold(ws[0], "the") {
			continue
		}
		if _, end, ok := b.hand.MatchAgent(ws, m.End); ok && end == len(ws) {
			return true
		}
	}
	if strings.EqualFold(ws[0], "the") {
		if _, end, ok := b.hand.MatchAgent(ws, 1); ok && end == len(ws) {
			return true
		}
	}
	return false
}

// add adds an actor named by the first usable of names, with the other
// usable names as aliases. ok says whether a form's words suit the actor.
func (b *builder) add(a gazetteer.Actor, names []petrarch.Phrase, ok func([]string) bool) {
	var forms []string
	for _, n := range bracketed(names) {
		for _, f := range spellings(n) {
			ws := strings.Fields(f)
			if !ok(ws) || !b.usable(f, ws) || slices.Contains(forms, f) {
				continue
			}
			forms = append(forms, f)
		}
	}
	if len(forms) == 0 {
		return
	}
	// The source lumps actors with one code under one entry ("Real IRA"
	// with "Italian Red Brigade"): an alias must share a distinctive word
	// with the name, or be an abbreviation.
	aliases := forms[:1]
	for _, f := range forms[1:] {
		if isAbbrev(f) || sharesWord(forms[0], f) || clipped(forms[0], f) {
			aliases = append(aliases, f)
		}
	}
	forms = aliases
	for _, f := range forms {
		if _, known := b.hand.Lookup(f); known {
			return // a hand-kept actor, or one the source conflates with it
		}
	}
	a.Name, a.Aliases = forms[0], forms[1:]
	if i, dup := b.byIRI[a.IRI()]; dup {
		// the same name twice: keep the first entry
		b.own(i, forms)
		return
	}
	if i, dup := b.byCode[a.CAMEO]; dup && len(a.CAMEO) >= 9 && a.Kind != schema.Person {
		// another entry of one organisation (a specific IGO code)
		for _, f := range forms {
			if !slices.Contains(b.gen[i].Aliases, f) && f != b.gen[i].Name {
				b.gen[i].Aliases = append(b.gen[i].Aliases, f)
			}
		}
		b.own(i, forms)
		return
	}
	if a.CAMEO != "" {
		b.byCode[a.CAMEO] = len(b.gen)
	}
	b.byIRI[a.IRI()] = len(b.gen)
	b.gen = append(b.gen, a)
	b.own(len(b.gen)-1, forms)
}

// key is the form as the gazetteer's Lookup compares it: lower case,
// without dots, a hyphen for a space, without a leading "the".
func key(f string) string {
	ws := strings.FieldsFunc(strings.ToLower(strings.ReplaceAll(f, ".", "")), isSep)
	if len(ws) > 1 && ws[0] == "the" {
		ws = ws[1:]
	}
	return strings.Join(ws, " ")
}

func (b *builder) own(i int, forms []string) {
	for _, f := range forms {
		k := key(f)
		if b.owners[k] == nil {
			b.owners[k] = make(map[int]bool)
		}
		b.owners[k][i] = true
	}
}

func isSep(r rune) bool { return r == ' ' || r == '-' || r == '.' }

// usable reports whether a form may name a generated actor: not a form of a
// common word, not too short, no digits or brackets.
func (b *builder) usable(f string, ws []string) bool {
	letters := 0
	for _, r := range f {
		if unicode.IsLetter(r) {
			letters++
		} else if !strings.ContainsRune(" -.'&", r) {
			return false // digits, brackets, slashes: codes and notes, not names
		}
	}
	if letters < 4 {
		return false
	}
	if len(ws) == 1 {
		w := strings.ToLower(strings.Trim(f, "."))
		if b.common[w] {
			return false
		}
		for _, p := range strings.FieldsFunc(w, isSep) {
			if b.common[p] && len(strings.FieldsFunc(w, isSep)) == 1 {
				return false
			}
		}
	}
	return true
}

// actors returns the generated actors, each form kept only where one
// generated actor has it, sorted by kind and name.
func (b *builder) actors() []gazetteer.Actor {
	// df counts the generated names (people apart from the rest) each word
	// is in: a name of one or two words that are all frequent ("Islamic
	// Group", "Mohammad Hassan") is too generic to name one actor.
	df := map[bool]map[string]int{true: {}, false: {}}
	for _, a := range b.gen {
		person := a.Kind == schema.Person
		for _, w := range distinctWords(a.Name) {
			df[person][w]++
		}
	}
	generic := func(a gazetteer.Actor, f string) bool {
		ws := strings.FieldsFunc(strings.ToLower(f), isSep)
		if len(ws) > 2 || isAbbrev(f) {
			return false
		}
		for _, w := range ws {
			if df[a.Kind == schema.Person][w] < genericCount {
				return false
			}
		}
		return true
	}
	var out []gazetteer.Actor
	for i, a := range b.gen {
		var keep []string
		for _, f := range append([]string{a.Name}, a.Aliases...) {
			k := key(f)
			if len(b.owners[k]) == 1 && b.owners[k][i] && !generic(a, f) {
				keep = append(keep, f)
			}
		}
		if len(keep) == 0 || keep[0] != a.Name {
			continue // its own name is shared: too ambiguous to keep
		}
		a.Aliases = keep[1:]
		out = append(out, a)
	}
	slices.SortFunc(out, func(x, y gazetteer.Actor) int {
		if c := strings.Compare(string(x.Kind), string(y.Kind)); c != 0 {
			return c
		}
		return strings.Compare(x.Name, y.Name)
	})
	return out
}

// bracketed takes an abbreviation in brackets out of a name and adds it as
// a name of its own: JAISH-E-MOHAMMAD_(JEM) → JAISH-E-MOHAMMAD, JEM.
func bracketed(names []petrarch.Phrase) []petrarch.Phrase {
	var out, abbrevs []petrarch.Phrase
	for _, n := range names {
		var kept petrarch.Phrase
		for _, w := range n {
			if t := strings.TrimSuffix(strings.TrimPrefix(w.Text, "("), ")"); len(t)+2 == len(w.Text) && t != "" {
				if isAbbrev(t) {
					abbrevs = append(abbrevs, petrarch.Phrase{{Text: t}})
				}
				continue
			}
			kept = append(kept, w)
		}
		if len(kept) > 0 {
			out = append(out, kept)
		}
	}
	return append(out, abbrevs...)
}

// genericCount is how many generated names a word must be in to be
// frequent.
const genericCount = 5

// distinctWords returns the lower-case words of a name, once each.
func distinctWords(name string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(name), isSep) {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// spellings turns a dictionary phrase into the spellings the text may use:
// words capitalised, particles in lower case, and an abbreviation (one word
// of at most five letters, or with dots) in capitals. A hyphenated word is
// given both ways, "Ki-Moon" and "Ki-moon".
func spellings(p petrarch.Phrase) []string {
	if len(p) == 1 && isAbbrev(p[0].Text) {
		return []string{p[0].Text}
	}
	var all, first []string
	for i, w := range p {
		var a, f []string
		for j, part := range strings.Split(w.Text, "-") {
			lower := strings.ToLower(part)
			switch {
			case particles[lower] && (i > 0 || j > 0):
				a, f = append(a, lower), append(f, lower)
			case j == 0 || particles[strings.ToLower(strings.Split(w.Text, "-")[j-1])]:
				a, f = append(a, capitalise(lower)), append(f, capitalise(lower))
			default:
				a, f = append(a, capitalise(lower)), append(f, lower)
			}
		}
		all, first = append(all, strings.Join(a, "-")), append(first, strings.Join(f, "-"))
	}
	out := []string{strings.Join(all, " ")}
	if s := strings.Join(first, " "); s != out[0] {
		out = append(out, s)
	}
	return out
}

func isAbbrev(w string) bool {
	letters := 0
	for _, r := range w {
		switch {
		case unicode.IsLetter(r):
			letters++
		case r != '.':
			return false
		}
	}
	return letters <= 5 || strings.Contains(w, ".")
}

func capitalise(s string) string {
	r := []rune(s)
	if len(r) == 0 {
		return s
	}
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

// notOrgans are role nouns the agents dictionary gives a state's code but
// that name people in private practice or at large, not the state:
// "Pakistani lawyers" are not Pakistan.
var notOrgans = map[string]bool{
	"lawyer": true, "lawyers": true, "attorney": true, "attorneys": true, "advocate": true,
	"advocates": true, "barrister": true, "barristers": true, "counsel": true, "counsels": true,
	"counselor": true, "counselors": true, "counsellor": true, "counsellors": true,
	"conveyancer": true, "conveyancers": true, "pleader": true, "pleaders": true,
	"firefighter": true, "firefighters": true, "deputy": true, "deputies": true,
	"privateer": true, "privateers": true, "delegate": true, "delegates": true,
	"prison": true, "prisons": true, "carrier": true, "carriers": true, "chamber": true,
	"chambers": true, "echelon": true, "echelons": true, "semi-official": true,
	// a national team's, in news more often than a ship's or a rank:
	// "England captain Harry Kane", "Pakistani captain Babar Azam"
	"captain": true, "captains": true,
}

// personNouns end the phrase of an office or of people acting for the
// state, as against an organ: "police chief", "army officers".
var personNouns = map[string]bool{
	"minister": true, "ministers": true, "secretary": true, "secretaries": true,
	"officer": true, "officers": true, "official": true, "officials": true, "chief": true,
	"chiefs": true, "commander": true, "commanders": true, "general": true, "generals": true,
	"spokesman": true, "spokesmen": true, "spokeswoman": true, "spokesperson": true,
	"envoy": true, "envoys": true, "ambassador": true, "ambassadors": true, "diplomat": true,
	"diplomats": true, "judge": true, "judges": true, "justice": true, "justices": true,
	"prosecutor": true, "prosecutors": true, "admiral": true, "admirals": true, "captain": true,
	"colonel": true, "lieutenant": true, "marshal": true, "sergeant": true, "governor": true,
	"governors": true, "mayor": true, "mayors": true, "director": true, "directors": true,
	"adviser": true, "advisers": true, "advisor": true, "advisors": true, "aide": true,
	"aides": true, "agent": true, "agents": true, "constable": true, "sheriff": true,
	"detective": true, "inspector": true, "lawmaker": true, "lawmakers": true,
	"legislator": true, "legislators": true, "senator": true, "senators": true, "soldier": true,
	"soldiers": true, "king": true, "prince": true, "emperor": true, "monarch": true,
	"ruler": true, "rulers": true, "dictator": true, "president": true, "premier": true,
	"chancellor": true, "consul": true, "bureaucrat": true, "bureaucrats": true,
	"magistrate": true, "magistrates": true, "operative": true, "operatives": true, "spy": true,
	"spies": true, "head": true, "heads": true, "leader": true, "leaders": true,
	"undersecretary": true, "airman": true, "seaman": true, "corporal": true, "ensign": true,
	"commandant": true, "mp": true, "mps": true, "parliamentarian": true,
	"parliamentarians": true, "emissary": true, "legate": true, "staff": true,
}

// agentRow is one role noun for the generated Go table.
type agentRow struct {
	phrase, role string
	official     bool
	pred         string
}

// phoenixAgents reads the agents dictionary and keeps the role nouns of a
// state's organs and officials (codes made of GOV, MIL, COP, JUD, LEG, SPY),
// without digits or dots (aircraft models, abbreviated ranks), without
// nouns of private professions. The gazetteer loads them after its
// hand-kept agent table, which wins where both have a phrase.
func phoenixAgents(dir string, log io.Writer) ([]agentRow, error) {
	f, err := os.Open(filepath.Join(dir, "Phoenix.agents.txt"))
	if err != nil {
		return nil, fmt.Errorf("open dictionary: %w", err)
	}
	defer f.Close()
	d, problems, err := petrarch.ParseAgents(f, "Phoenix.agents.txt")
	if err != nil {
		return nil, err
	}
	seen := make(map[string]bool)
	var rows []agentRow
	for _, a := range d.Entries {
		if a.Prefix || len(a.Code)%3 != 0 {
			continue
		}
		role := ""
		for i := 0; i < len(a.Code); i += 3 {
			if !stateRoles[a.Code[i:i+3]] {
				role = ""
				break
			}
			role = a.Code[i : i+3]
		}
		if role == "" {
			continue
		}
		var ws []string
		for _, w := range a.Phrase {
			ws = append(ws, strings.ToLower(w.Text))
		}
		phrase := strings.Join(ws, " ")
		if seen[phrase] || strings.ContainsFunc(phrase, func(r rune) bool { return unicode.IsDigit(r) || r == '.' || r == '/' || r == '\'' }) {
			continue
		}
		seen[phrase] = true
		if len(ws) == 1 && notOrgans[ws[0]] {
			continue
		}
		if slices.ContainsFunc(ws, func(w string) bool {
			return strings.HasPrefix(w, "minist") && !slices.Contains([]string{"minister", "ministers", "ministry", "ministries"}, w)
		}) {
			continue // a stem the dictionary matches by prefix ("MINIST")
		}
		last := ws[len(ws)-1]
		official := personNouns[last] || personNouns[strings.TrimSuffix(last, "s")] || personNouns[strings.TrimSuffix(last, "es")]
		row := agentRow{phrase: phrase, role: role, official: official}
		if row.official && (last == "minister" || last == "ministers") {
			row.pred = "minister_of"
		}
		rows = append(rows, row)
	}
	fmt.Fprintf(log, "Phoenix.agents.txt: %d entries, %d problems skipped, %d role nouns kept\n", len(d.Entries), len(problems), len(rows))
	slices.SortFunc(rows, func(x, y agentRow) int { return strings.Compare(x.phrase, y.phrase) })
	return rows, nil
}

// writeAgentsFile writes the role nouns as Go source for the gazetteer
// package.
func writeAgentsFile(dir, out string, log io.Writer) error {
	rows, err := phoenixAgents(dir, log)
	if err != nil {
		return err
	}
	src, err := agentsSource(rows)
	if err != nil {
		return err
	}
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("write agents: %w", err)
	}
	return nil
}

// agentsSource renders rows as a gofmt-ed Go file.
func agentsSource(rows []agentRow) ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(`// Code generated by extract/gazetteer/gen from Phoenix.agents.txt of PETRARCH2 (Open Event Data Alliance, MIT; see NOTICE). DO NOT EDIT.

package gazetteer

// phoenixAgents are the role nouns of states' organs and officials from the
// Phoenix agents dictionary that agentTable lacks; agentTable wins.
var phoenixAgents = []agentDef{
`)
	for _, r := range rows {
		fmt.Fprintf(&b, "\t{%q, %q, %v, %q},\n", r.phrase, r.role, r.official, r.pred)
	}
	b.WriteString("}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return nil, fmt.Errorf("format agents: %w", err)
	}
	return src, nil
}
