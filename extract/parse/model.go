package parse

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// Model tags, lemmatises and parses sentences. It is read-only once loaded
// and safe for concurrent use.
type Model struct {
	tagger  tagger
	lemmas  lemmatizer
	upos    map[string]string // xpos + "\x00" + lower-cased form → UPOS
	uposTag map[string]string // xpos → its most frequent UPOS
	parser  parser
}

// ErrNoModel is returned by Default when the binary was built without a
// trained model (the embedded file is empty).
var ErrNoModel = errors.New("parse: no embedded model")

//go:embed model/en.model.gz
var embedded []byte

var defaultModel = sync.OnceValues(func() (*Model, error) {
	if len(embedded) == 0 {
		return nil, ErrNoModel
	}
	m, err := Load(bytes.NewReader(embedded))
	if err != nil {
		return nil, fmt.Errorf("load embedded model: %w", err)
	}
	return m, nil
})

// Default returns the model embedded in the binary, trained on UD English
// EWT and GUM. It is loaded once, on the first call.
func Default() (*Model, error) { return defaultModel() }

// Parse tags and parses one tokenised sentence. It returns one Word per
// form, nil for no forms.
func (m *Model) Parse(forms []string) []Word { return m.ParseAdjusted(forms, nil) }

// ParseAdjusted tags one tokenised sentence, lets adjust change the Penn
// Treebank tags where the caller knows better (a name a gazetteer knows
// that opens the sentence), and parses with them: one tagging pass. The
// parser is also told what else each tag might be: the tagger's choice
// where adjust changed it, else its runner-up.
func (m *Model) ParseAdjusted(forms []string, adjust func(xpos []string)) []Word {
	if len(forms) == 0 {
		return nil
	}
	best, alt := m.tagger.tagAlt(forms)
	xpos := make([]string, len(forms))
	for i := range best {
		xpos[i] = m.tagger.tags[best[i]]
	}
	if adjust != nil {
		adjust(xpos)
	}
	return m.parseTagged(forms, xpos, m.alternatives(best, alt, xpos))
}

// ParseTagged parses one tokenised sentence whose Penn Treebank tags are
// given, one per form; UPOS tags and lemmas are derived from the forms and
// these tags. Our tagger still runs, to tell the parser what else each tag
// might be, so ParseTagged is no faster than Parse. When xpos is not as
// long as forms, the sentence is tagged as by Parse.
func (m *Model) ParseTagged(forms, xpos []string) []Word {
	if len(xpos) != len(forms) {
		return m.Parse(forms)
	}
	if len(forms) == 0 {
		return nil
	}
	best, alt := m.tagger.tagAlt(forms)
	return m.parseTagged(forms, xpos, m.alternatives(best, alt, xpos))
}

// alternatives returns, for each word tagged xpos, what else its tag might
// be: the tagger's best tag where xpos differs from it, else its runner-up.
func (m *Model) alternatives(best, alt []int, xpos []string) []string {
	xalt := make([]string, len(best))
	for i := range best {
		a := best[i]
		if m.tagger.tags[a] == xpos[i] {
			a = alt[i]
		}
		xalt[i] = m.tagger.tags[a]
	}
	return xalt
}

func (m *Model) parseTagged(forms, xpos, alt []string) []Word {
	heads, labels := m.parser.parse(newSentence(forms, xpos, alt))
	out := make([]Word, len(forms))
	for i, f := range forms {
		rel := ""
		if l := labels[i+1]; l >= 0 && l < len(m.parser.labels) {
			rel = m.parser.labels[l]
		}
		lemma := m.lemmas.lemma(f, xpos[i])
		out[i] = Word{
			Form:  f,
			Lemma: lemma,
			UPOS:  fixUPOS(m.uposOf(f, xpos[i]), lemma, rel),
			XPOS:  xpos[i],
			Head:  max(heads[i+1], 0),
			Rel:   rel,
		}
	}
	return out
}

// auxLemmas are the lemmas UD English tags AUX.
var auxLemmas = map[string]bool{
	"be": true, "have": true, "do": true, "get": true, "will": true, "would": true, "shall": true, "should": true,
	"can": true, "could": true, "may": true, "might": true, "must": true, "ought": true,
}

// fixUPOS settles the UPOS tags that UD gives by function: auxiliaries and
// copulas are AUX and "have", "do" and "get" otherwise VERB, as is any
// verb not among auxLemmas (an unseen VBZ word is not AUX, though most
// VBZ words are "is" and "has"); a subordinator is SCONJ and a
// preposition ADP.
func fixUPOS(upos, lemma, rel string) string {
	switch {
	case upos == "AUX" && !auxLemmas[strings.ToLower(lemma)]:
		return "VERB"
	case rel == "aux" || rel == "aux:pass" || rel == "cop":
		if upos == "VERB" {
			return "AUX"
		}
	case upos == "AUX" && (lemma == "have" || lemma == "do" || lemma == "get"):
		return "VERB"
	case rel == "mark" && (upos == "ADP" || upos == "PRON" || upos == "DET"):
		return "SCONJ"
	case rel == "case" && upos == "SCONJ":
		return "ADP"
	}
	return upos
}

// Tag returns the Penn Treebank tag of each form, without parsing.
func (m *Model) Tag(forms []string) []string {
	tags := m.tagger.tag(forms)
	out := make([]string, len(forms))
	for i, t := range tags {
		out[i] = m.tagger.tags[t]
	}
	return out
}

func (m *Model) uposOf(form, xpos string) string {
	if u, ok := m.upos[lemmaKey(xpos, strings.ToLower(form))]; ok {
		return u
	}
	if u, ok := m.uposTag[xpos]; ok {
		return u
	}
	return "X"
}

// Beam returns the model's beam width: 1 for a greedy parser.
func (m *Model) Beam() int { return max(m.parser.beam, 1) }

// WithBeam returns a copy of m that parses with a beam of k sequences (1:
// greedily), sharing m's weights. A model scores best with the width it
// was trained for; other widths are for measuring.
func (m *Model) WithBeam(k int) *Model {
	c := *m
	c.parser.beam = min(max(k, 1), maxBeam)
	return &c
}

// Labels returns the relations the parser can give, in its own order.
func (m *Model) Labels() []string { return append([]string(nil), m.parser.labels...) }

// Size reports how many weights the tagger and the parser keep.
func (m *Model) Size() (tagger, parser int) { return m.tagger.w.entries(), m.parser.w.entries() }

// Load reads a model file written by Save.
func Load(r io.Reader) (*Model, error) {
	m, err := decodeModel(r)
	if err != nil {
		return nil, fmt.Errorf("load parse model: %w", err)
	}
	return m, nil
}
