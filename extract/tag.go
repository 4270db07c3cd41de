package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/jdkato/prose/v2"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/extract/parse"
)

// Token is one word or punctuation mark of a sentence: prose's token,
// with our tagger's tag (see tagger.tag).
type Token struct {
	Text  string // as in the (folded) text
	Lower string // lower case, for lexicon look-ups
	Tag   string // Penn Treebank part-of-speech tag
	Start int    // byte offset in the folded document text
	End   int
}

// tagger splits sentences into tokens with prose's tokenizer and tags them
// with our own tagger, the parser's (extract/parse), so that a sentence is
// tagged once for the readings and the parse. prose's own models (tagger,
// named entities) are not loaded.
type tagger struct{ parser *parse.Model }

func newTagger(parser *parse.Model) *tagger { return &tagger{parser: parser} }

// tag tokenises and tags one sentence, text[start:end] of the document,
// with prose's tokenizer and our tagger (0.94 on UD English against
// prose's 0.86, and faster). The readings' conventions and the tagger's
// common slips in news are then settled by Pipeline.repairTags.
//
// Beside the tokens it returns, for the parse, the tagger's own tag of
// each token and its runner-up (see parse.Model.TagAlt).
func (t *tagger) tag(text string, start, end int) (toks []Token, tagged, alt []string, err error) {
	sent := text[start:end]
	doc, err := prose.NewDocument(sent,
		prose.WithSegmentation(false),
		prose.WithTagging(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil, nil, nil, err
	}
	ptoks := doc.Tokens()
	forms := make([]string, len(ptoks))
	for i, pt := range ptoks {
		forms[i] = pt.Text
	}
	tags, alt := t.parser.TagAlt(forms)
	toks = make([]Token, 0, len(ptoks))
	pos := 0
	for k, pt := range ptoks {
		i := strings.Index(sent[pos:], pt.Text)
		var s, e int
		if i >= 0 && i < 8 {
			s, e = pos+i, pos+i+len(pt.Text)
		} else {
			// prose rewrote the token (quotes); keep its place approximately.
			s, e = pos, pos
			for e < len(sent) && !unicode.IsSpace(rune(sent[e])) {
				e++
			}
		}
		pos = e
		tag := tags[k]
		if pt.Text == `"` || pt.Text == "``" || pt.Text == "''" {
			tag = "``"
		}
		toks = append(toks, Token{
			Text: pt.Text, Lower: strings.ToLower(pt.Text), Tag: tag,
			Start: start + s, End: start + e,
		})
	}
	return toks, tags, alt, nil
}

// repairTags settles, from the words around them, the tags our tagger
// most often gets wrong in news, and writes brackets as the readings
// expect them. Each rule is a constraint of English syntax that one
// tagging pass cannot see: two finite verbs in one clause, a relative
// clause's own subject and verb, a possessive after a plural.
func (p *Pipeline) repairTags(toks []Token) {
	for k := range toks {
		switch t := &toks[k]; t.Tag {
		case "-LRB-":
			t.Tag = "("
		case "-RRB-":
			t.Tag = ")"
		case "RBR":
			if k+1 == len(toks) || toks[k+1].Lower != "than" {
				t.Tag = "RB" // "later", "earlier": an adverb of time, not a comparison
			}
		case "UH", "NN", "JJ":
			if (t.Tag == "UH" || k == 0) && len(t.Text) > 2 && strings.ToUpper(t.Text) == t.Text && unicode.IsUpper(rune(t.Text[0])) {
				t.Tag = "NNP" // a dateline's "HANOI", "TVER"
			}
		case "IN":
			if t.Lower == "to" && k+1 < len(toks) && toks[k+1].Tag == "VB" {
				t.Tag = "TO" // "were to halt"
			}
		}
	}
	tag := func(k int) string {
		if k < 0 || k >= len(toks) {
			return ""
		}
		return toks[k].Tag
	}
	for k := range toks {
		t := &toks[k]
		if !capitalised(t.Text) || len(t.Text) < 2 {
			continue // a letter alone ("(3rd L)") names nothing
		}
		lowerNext := k+1 < len(toks) && !capitalised(toks[k+1].Text) && (strings.HasPrefix(tag(k+1), "NN") || tag(k+1) == "JJ")
		nameNext := k+1 < len(toks) && capitalised(toks[k+1].Text) && strings.HasPrefix(tag(k+1), "NNP")
		opens := k == 0 || tag(k-1) == "``" || tag(k-1) == ":" || tag(k-1) == "(" || tag(k-1) == "."
		switch {
		case strings.IndexByte(t.Text, '-') > 0 && participleEnd(t.Lower):
			t.Tag = "JJ" // "Moscow-backed", "Soviet-drawn": a name joined to a participle
		case t.Tag == "JJ" && p.knownName(t.Text):
			t.Tag = "NNP" // "Pashinyan": a name the gazetteer knows
		case (t.Tag == "NNP" || t.Tag == "NN") && lowerNext && p.demonym(t.Text):
			t.Tag = "JJ" // "Bordurian envoys"
		case t.Tag == "JJ" && nameNext:
			// "the Northern Shield Forces", "Afghan President Ashraf
			// Ghani": a capitalised word before a name is part of it
			if !titleAdjectives[t.Lower] && !qualifierWords[t.Lower] {
				t.Tag = "NNP"
			}
		case t.Tag == "NN" && (!opens || nameNext):
			// "the Government of National Unity", "Masood Azhar": a
			// capitalised noun inside a sentence, or before a name, is a
			// name's
			if !p.demonym(t.Text) && !titleAdjectives[t.Lower] && !qualifierWords[t.Lower] {
				t.Tag = "NNP"
			}
		}
	}
	for k := range toks {
		t := &toks[k]
		if t.Tag != "VBZ" && t.Tag != "VBP" || t.Lower == "is" || t.Lower == "has" || t.Lower == "does" {
			continue
		}
		switch {
		case t.Tag == "VBZ" && finiteTag(tag(k+1)):
			t.Tag = "NNS" // "Clashes broke out": a clause's subject, before its verb
		case strings.HasSuffix(t.Lower, "s") && p.verbBefore(toks, k):
			// "condemned Israeli airstrikes", "hosted US-Iran talks",
			// "strikes on Hamas targets": the head of an object
			t.Tag = "NNS"
		}
	}
	for k := range toks {
		t := &toks[k]
		switch {
		case (t.Tag == "NNS" || t.Tag == "VBZ") && k > 1 && toks[k-1].Text == "," && p.coordinatedVerb(toks, k):
			// "calls the seizure illegal, demands that China …": a verb
			// sharing its subject with the verb before
			t.Tag = "VBZ"
			if toks[k+1].Lower == "that" {
				toks[k+1].Tag = "IN"
			}
		case t.Tag == "NNS" && (tag(k-1) == "NNP" || tag(k-1) == "NNPS" || tag(k-1) == "PRP") && !anyFinite(toks) && p.lexiconVerb(t.Lower):
			// "The agreement signed by … and Pashinyan calls for …": a
			// sentence needs a finite verb
			t.Tag = "VBZ"
		case t.Text == "'" && k > 0 && toks[k-1].End == t.Start && (tag(k-1) == "NNS" || tag(k-1) == "NNPS") &&
			(strings.HasPrefix(tag(k+1), "NN") || tag(k+1) == "JJ" || tag(k+1) == "VBG" || tag(k+1) == "CD"):
			// "the Israeli forces' killing": the possessive of a plural
			t.Tag = "POS"
		case t.Tag == "VBG" && tag(k-1) == "POS" && (tag(k+1) == "IN" || tag(k+1) == "." || tag(k+1) == "," || tag(k+1) == "CC"):
			t.Tag = "NN" // "Israel's killing of …": what a possessive owns is a noun
		case t.Tag == "VBG" && (tag(k+1) == "JJ" || nounTag(tag(k+1)) && (tag(k-1) == "DT" || tag(k-1) == "PRP$")) &&
			(finiteTag(tag(k-1)) || tag(k-1) == "DT" || tag(k-1) == "PRP$" || tag(k-1) == "POS"):
			t.Tag = "JJ" // "imposed sweeping new sanctions", "the warring sides"
		case (t.Tag == "NN" || t.Tag == "JJ") && k > 0 && subjectTag(tag(k-1)) && !anyFinite(toks) && p.pastForm(t.Lower):
			// "Israel struck back with …", "The United States and Britain
			// struck dozens of …": a subject's verb, where the sentence
			// has none
			t.Tag = "VBD"
		case t.Tag == "VBD" && k+1 < len(toks) && toks[k+1].Lower == "by" && k > 0 && strings.HasPrefix(tag(k-1), "NN"):
			t.Tag = "VBN" // "the council led by …": a participle after its noun
		case t.Tag == "VBN" && (tag(k-1) == "NNP" || tag(k-1) == "NNPS" || tag(k-1) == "PRP") && (k+1 == len(toks) || toks[k+1].Lower != "by") && !finiteBefore(toks, k):
			// "Prime Minister Nikol Pashinyan of Armenia signed on Monday
			// …": a named subject's verb, where the clause has none
			t.Tag = "VBD"
		case t.Tag == "VBN" && relativeSubjectBefore(toks, k):
			t.Tag = "VBD" // "a tanker that his country blamed on …"
		}
	}
}

// treebankTag writes a tag as the treebank the parser learnt from does:
// brackets as -LRB- and -RRB-, which repairTags wrote as the readings
// expect them.
func treebankTag(tag string) string {
	switch tag {
	case "(":
		return "-LRB-"
	case ")":
		return "-RRB-"
	}
	return tag
}

// finiteTag reports whether a tag is a finite verb's.
func finiteTag(tag string) bool {
	return tag == "VBD" || tag == "VBZ" || tag == "VBP" || tag == "MD"
}

// nounPhraseTags may stand inside a noun phrase between a verb and its
// object's head.
var nounPhraseTags = map[string]bool{"DT": true, "JJ": true, "NNP": true, "NNPS": true, "NN": true, "POS": true, "CD": true, "PRP$": true, "HYPH": true, "VBN": true}

// verbBefore reports whether token k follows, with only a noun phrase's
// words between, a preposition or a finite verb of its own clause that
// does not take a clause: k is then the head of its object ("condemned
// Israeli airstrikes", "on Hamas targets"), not a verb ("said Israel
// strikes").
func (p *Pipeline) verbBefore(toks []Token, k int) bool {
	j := k - 1
	for j >= 0 && nounPhraseTags[toks[j].Tag] {
		j--
	}
	if j < 0 || j == k-1 {
		return false
	}
	if toks[j].Tag == "IN" && toks[j].Lower != "that" && !isSubordinator(toks[j].Lower) {
		// "struck back with air strikes on Hamas targets": a
		// preposition's object, once the clause has its verb ("Russia's
		// alliance with Iran worries Israel" has not)
		for _, t := range toks[:j] {
			if finiteTag(t.Tag) || p.pastForm(t.Lower) {
				return true
			}
		}
		return false
	}
	if !finiteTag(toks[j].Tag) || toks[j].Tag == "MD" {
		return false
	}
	base := p.lemmas.lemma(toks[j].Lower)
	return !clauseVerbs[base]
}

// relativeSubjectBefore reports whether the participle at k follows a
// relative pronoun and a subject of its own ("that his country blamed"):
// the clause's verb, which must be finite.
func relativeSubjectBefore(toks []Token, k int) bool {
	j := k - 1
	noun := false
	for j >= 0 {
		switch toks[j].Tag {
		case "NN", "NNS", "NNP", "NNPS", "PRP":
			noun = true
			j--
			continue
		case "DT", "PRP$", "JJ", "POS", "CD":
			j--
			continue
		}
		break
	}
	return noun && j >= 0 && j < k-1 && (toks[j].Tag == "WDT" || toks[j].Lower == "whom")
}

// clauseVerbs take a clause as their object ("said Israel strikes …"),
// after which a verb's -s form stays a verb.
var clauseVerbs = func() map[string]bool {
	m := map[string]bool{}
	for _, v := range append(v("think believe fear hope know expect warn argue suggest show mean feel understand estimate insist"), speechVerbs...) {
		m[v] = true
	}
	return m
}()

// capitalised reports whether a word starts with a capital letter.
func capitalised(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// demonym reports whether a capitalised word names a people or qualifies
// by one ("Iranian", "Bordurian"): the gazetteer's, or one of a people
// it does not know by its ending.
func (p *Pipeline) demonym(w string) bool {
	if ms := p.gaz.Match([]string{w}); len(ms) == 1 {
		return ms[0].Form == gazetteer.Demonym
	}
	lw := strings.ToLower(w)
	for _, suf := range []string{"ian", "ean", "ese", "ish"} {
		if strings.HasSuffix(lw, suf) && len(lw) > len(suf)+2 {
			return true
		}
	}
	return false
}

// coordinatedVerb reports whether the -s word at k, after a comma, is a
// known verb coordinated with a present-tense verb before it, taking an
// object or a clause: "calls the seizure illegal, demands that …".
func (p *Pipeline) coordinatedVerb(toks []Token, k int) bool {
	base := p.lemmas.lemma(toks[k].Lower)
	if base == toks[k].Lower || !strings.HasSuffix(toks[k].Lower, "s") || len(p.byVerb[base]) == 0 && !clauseVerbs[base] || k+1 >= len(toks) {
		return false
	}
	switch n := toks[k+1]; {
	case n.Lower == "that", n.Tag == "DT", n.Tag == "NNP", n.Tag == "PRP", n.Tag == "PRP$":
	default:
		return false
	}
	for j := k - 2; j >= 0; j-- {
		switch toks[j].Tag {
		case "VBZ":
			return true
		case "VBD", "VBP", "MD", "CC", "WDT", "WP":
			return false
		}
	}
	return false
}

// knownName reports whether the gazetteer knows a word alone as a name,
// not a demonym.
func (p *Pipeline) knownName(w string) bool {
	ms := p.gaz.Match([]string{w})
	return len(ms) == 1 && ms[0].Form != gazetteer.Demonym
}

// lexiconVerb reports whether a word's -s form is a verb the readings know.
func (p *Pipeline) lexiconVerb(w string) bool {
	base := p.lemmas.lemma(w)
	return base != w && strings.HasSuffix(w, "s") && (len(p.byVerb[base]) > 0 || clauseVerbs[base] || intentVerbs[base])
}

// anyFinite reports whether a sentence has a finite verb.
func anyFinite(toks []Token) bool {
	for _, t := range toks {
		if finiteTag(t.Tag) {
			return true
		}
	}
	return false
}

// participleEnd reports whether a hyphenated word ends in a participle:
// "Iran-backed", "Soviet-drawn".
func participleEnd(w string) bool {
	last := w[strings.LastIndexByte(w, '-')+1:]
	return len(last) > 3 && (strings.HasSuffix(last, "ed") || strings.HasSuffix(last, "en") || strings.HasSuffix(last, "wn"))
}

// finiteBefore reports whether a finite verb, an auxiliary or another
// participle comes before token k: then a participle at k may be a
// reduced clause.
func finiteBefore(toks []Token, k int) bool {
	for _, t := range toks[:k] {
		if finiteTag(t.Tag) || t.Tag == "VBN" || t.Tag == "VBG" {
			return true
		}
	}
	return false
}

// nounTag reports whether a tag is a common noun's.
func nounTag(tag string) bool { return tag == "NN" || tag == "NNS" }

// subjectTag reports whether a tag may end a clause's subject.
func subjectTag(tag string) bool {
	return tag == "NNP" || tag == "NNPS" || tag == "PRP" || tag == "NNS"
}

// pastForm reports whether a word is the past form of a verb the readings
// know ("struck", "imposed").
func (p *Pipeline) pastForm(w string) bool {
	base, known := p.lemmas[w]
	return known && base != w && !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ing")
}
