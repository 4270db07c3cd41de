package extract

import (
	"strings"
	"sync"
	"unicode"

	"github.com/jdkato/prose/v2"
)

// Token is one word or punctuation mark of a sentence, as prose tagged it.
type Token struct {
	Text  string // as in the (folded) text
	Lower string // lower case, for lexicon look-ups
	Tag   string // Penn Treebank part-of-speech tag
	Start int    // byte offset in the folded document text
	End   int
}

// tagger wraps one prose model, loaded once and shared by every document.
type tagger struct{ model *prose.Model }

func newTagger() *tagger { return &tagger{model: proseModel()} }

// proseModel is prose's bundled English model, loaded on first use and
// shared by every pipeline of the process, as parse.Default shares ours: the
// model is only read once loaded, and loading it takes most of a second.
// ModelFromData with no sources is what prose.NewDocument loads on every
// call when given no model.
var proseModel = sync.OnceValue(func() *prose.Model { return prose.ModelFromData("en-v2.0.0") })

// tag tokenises and tags one sentence, text[start:end] of the document.
// It leaves out prose's named-entity labels, which cost several times the
// tagging itself; persons gives them for the few sentences that need them.
func (t *tagger) tag(text string, start, end int) ([]Token, error) {
	sent := text[start:end]
	doc, err := prose.NewDocument(sent,
		prose.UsingModel(t.model),
		prose.WithSegmentation(false),
		prose.WithExtraction(false))
	if err != nil {
		return nil, err
	}
	ptoks := doc.Tokens()
	toks := make([]Token, 0, len(ptoks))
	pos := 0
	for _, pt := range ptoks {
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
		tag := pt.Tag
		if pt.Text == `"` || pt.Text == "``" || pt.Text == "''" {
			tag = "``"
		}
		toks = append(toks, Token{
			Text: pt.Text, Lower: strings.ToLower(pt.Text), Tag: tag,
			Start: start + s, End: start + e,
		})
	}
	return toks, nil
}

// persons reports, for each token tag gives for text[start:end], whether
// prose's named-entity model labels it part of a PERSON. Tokenisation and
// tagging do not depend on the entity model, so the tokens line up with
// tag's; a sentence tokenised differently (which would be a prose bug)
// gets no person labels rather than misplaced ones.
func (t *tagger) persons(text string, start, end, n int) []bool {
	doc, err := prose.NewDocument(text[start:end],
		prose.UsingModel(t.model),
		prose.WithSegmentation(false))
	if err != nil {
		return make([]bool, n)
	}
	ptoks := doc.Tokens()
	out := make([]bool, n)
	if len(ptoks) != n {
		return out
	}
	for i, pt := range ptoks {
		out[i] = strings.HasSuffix(pt.Label, "PERSON")
	}
	return out
}
