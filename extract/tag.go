package extract

import (
	"strings"
	"unicode"

	"github.com/jdkato/prose/v2"
)

// Token is one word or punctuation mark of a sentence, as prose tagged it.
type Token struct {
	Text  string // as in the (folded) text
	Lower string // lower case, for lexicon look-ups
	Tag   string // Penn Treebank part-of-speech tag
	NER   string // prose's entity label: B-PERSON, I-GPE, O …
	Start int    // byte offset in the folded document text
	End   int
}

// tagger wraps one prose model, loaded once and shared by every document.
type tagger struct{ model *prose.Model }

func newTagger() *tagger {
	// ModelFromData with no sources is prose's bundled English model; loading
	// it is what prose.NewDocument does on every call when given no model.
	return &tagger{model: prose.ModelFromData("en-v2.0.0")}
}

// tag tokenises and tags one sentence, text[start:end] of the document.
func (t *tagger) tag(text string, start, end int) ([]Token, error) {
	sent := text[start:end]
	doc, err := prose.NewDocument(sent,
		prose.UsingModel(t.model),
		prose.WithSegmentation(false))
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
			Text: pt.Text, Lower: strings.ToLower(pt.Text), Tag: tag, NER: pt.Label,
			Start: start + s, End: start + e,
		})
	}
	return toks, nil
}
