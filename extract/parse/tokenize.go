package parse

import (
	"strings"

	"github.com/jdkato/prose/v2"
)

// Sentence is one sentence of a text, split into tokens.
type Sentence struct {
	Text   string
	Tokens []string
}

// Tokenize splits text into sentences and tokens with prose's Punkt
// segmenter and tokenizer, the ones the extract package reads text with.
func Tokenize(text string) ([]Sentence, error) {
	doc, err := prose.NewDocument(text, prose.WithTagging(false), prose.WithExtraction(false), prose.WithTokenization(false))
	if err != nil {
		return nil, err
	}
	var out []Sentence
	for _, s := range doc.Sentences() {
		st := strings.TrimSpace(s.Text)
		if st == "" {
			continue
		}
		sd, err := prose.NewDocument(st, prose.WithSegmentation(false), prose.WithTagging(false), prose.WithExtraction(false))
		if err != nil {
			return nil, err
		}
		toks := sd.Tokens()
		if len(toks) == 0 {
			continue
		}
		forms := make([]string, len(toks))
		for i, t := range toks {
			forms[i] = t.Text
		}
		out = append(out, Sentence{Text: st, Tokens: forms})
	}
	return out, nil
}
