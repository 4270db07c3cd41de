package parse

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Word is one word of a parsed sentence.
type Word struct {
	Form  string
	Lemma string
	UPOS  string // Universal POS tag: NOUN, VERB, PROPN …
	XPOS  string // Penn Treebank tag: NN, VBD, NNP …
	Head  int    // 1-based index of the head word; 0 for the root
	Rel   string // UD relation to the head, with its subtype: "nsubj:pass"
	Misc  string // the MISC column as written (GUM's Entity= coreference); "" for "_"
}

// Doc is one document of a CoNLL-U file: the sentences after a
// "# newdoc id = …" comment.
type Doc struct {
	ID        string
	Sentences [][]Word
}

// ReadCoNLLUDocs reads a CoNLL-U file as ReadCoNLLU does, grouping its
// sentences by document; sentences before any newdoc comment form a
// document with no ID.
func ReadCoNLLUDocs(r io.Reader) ([]Doc, error) {
	var docs []Doc
	err := readCoNLLU(r, func(doc string, newDoc bool, sent []Word) {
		if newDoc || len(docs) == 0 {
			docs = append(docs, Doc{ID: doc})
		}
		docs[len(docs)-1].Sentences = append(docs[len(docs)-1].Sentences, sent)
	})
	return docs, err
}

// ReadCoNLLU reads the sentences of a CoNLL-U file. It keeps the syntactic
// words (ID an integer) and skips comments, multiword-token range lines
// (1-2) and empty nodes (8.1). A field "_" reads as empty, except a form
// or lemma that is itself an underscore.
func ReadCoNLLU(r io.Reader) ([][]Word, error) {
	var sents [][]Word
	err := readCoNLLU(r, func(_ string, _ bool, sent []Word) { sents = append(sents, sent) })
	if err != nil {
		return nil, err
	}
	return sents, nil
}

// readCoNLLU calls add for each sentence with the document it belongs to,
// and whether a newdoc comment opened that document right before it.
func readCoNLLU(r io.Reader, add func(doc string, newDoc bool, sent []Word)) error {
	var (
		cur    []Word
		doc    string
		newDoc bool
	)
	flush := func() {
		if len(cur) > 0 {
			add(doc, newDoc, cur)
			cur, newDoc = nil, false
		}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16*1024*1024)
	line := 0
	for sc.Scan() {
		line++
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" {
			flush()
			continue
		}
		if s[0] == '#' {
			if id, ok := strings.CutPrefix(s, "# newdoc id = "); ok {
				flush()
				doc, newDoc = strings.TrimSpace(id), true
			}
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != 10 {
			return fmt.Errorf("read conllu line %d: %d fields, want 10", line, len(f))
		}
		if strings.ContainsAny(f[0], "-.") {
			continue
		}
		id, err := strconv.Atoi(f[0])
		if err != nil || id != len(cur)+1 {
			return fmt.Errorf("read conllu line %d: id %q, want %d", line, f[0], len(cur)+1)
		}
		head := 0
		if f[6] != "_" {
			if head, err = strconv.Atoi(f[6]); err != nil {
				return fmt.Errorf("read conllu line %d: head %q: %w", line, f[6], err)
			}
		}
		cur = append(cur, Word{
			Form: f[1], Lemma: f[2], UPOS: blank(f[3]), XPOS: blank(f[4]),
			Head: head, Rel: blank(f[7]), Misc: blank(f[9]),
		})
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("read conllu: %w", err)
	}
	flush()
	return nil
}

func blank(s string) string {
	if s == "_" {
		return ""
	}
	return s
}

func dash(s string) string {
	if s == "" {
		return "_"
	}
	return s
}

// WriteCoNLLU writes one sentence in CoNLL-U, preceded by a "# text = "
// comment when text is not empty, and followed by the blank line that ends
// a sentence. Fields the parser does not fill (FEATS, DEPS, MISC) are "_".
func WriteCoNLLU(w io.Writer, text string, sent []Word) error {
	var b strings.Builder
	if text != "" {
		b.WriteString("# text = ")
		b.WriteString(strings.ReplaceAll(text, "\n", " "))
		b.WriteByte('\n')
	}
	for i, wd := range sent {
		fmt.Fprintf(&b, "%d\t%s\t%s\t%s\t%s\t_\t%d\t%s\t_\t_\n", i+1,
			dash(field(wd.Form)), dash(field(wd.Lemma)), dash(wd.UPOS), dash(wd.XPOS), wd.Head, dash(wd.Rel))
	}
	b.WriteByte('\n')
	_, err := io.WriteString(w, b.String())
	return err
}

// field keeps a form fit for one CoNLL-U column: no tabs or newlines.
func field(s string) string {
	if strings.ContainsAny(s, "\t\n\r") {
		return strings.Map(func(r rune) rune {
			if r == '\t' || r == '\n' || r == '\r' {
				return ' '
			}
			return r
		}, s)
	}
	return s
}

// Eval counts how many words of parsed sentences have the gold head and
// the gold relation. Relations are compared on their main part, before
// ':', as the CoNLL 2018 shared task does; punctuation counts.
type Eval struct {
	Sentences int
	Tokens    int
	Heads     int // words with the gold head
	Labelled  int // words with the gold head and main relation
}

// Add scores one parsed sentence against its gold tree. Words beyond the
// shorter of the two count as wrong.
func (e *Eval) Add(gold, pred []Word) {
	e.Sentences++
	e.Tokens += len(gold)
	for i := range gold {
		if i >= len(pred) || gold[i].Head != pred[i].Head {
			continue
		}
		e.Heads++
		if MainRel(gold[i].Rel) == MainRel(pred[i].Rel) {
			e.Labelled++
		}
	}
}

// UAS is the share of words with the gold head.
func (e *Eval) UAS() float64 { return ratio(e.Heads, e.Tokens) }

// LAS is the share of words with the gold head and main relation.
func (e *Eval) LAS() float64 { return ratio(e.Labelled, e.Tokens) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// MainRel returns a relation without its subtype: "nsubj" for "nsubj:pass".
func MainRel(rel string) string {
	if i := strings.IndexByte(rel, ':'); i >= 0 {
		return rel[:i]
	}
	return rel
}
