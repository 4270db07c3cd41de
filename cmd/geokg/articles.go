package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/internal/quote"
)

// articleFlags are the flags of the commands that read articles.
type articleFlags struct {
	Date           string // --date: publication date of undated articles
	MaxArticleSize int64  // --max-article-size: in bytes
	MaxTextSize    int64  // --max-text-size: in bytes, after reading
	// --max-sentence-bytes: the longest sentence given to the tagger
	MaxSentenceBytes int
	Gazetteer        string // the global --gazetteer: the user's actors
}

func (a *articleFlags) register(f *pflag.FlagSet) {
	f.StringVar(&a.Date, "date", "", "publication date, as `YYYY-MM-DD`, of articles that give none; relative dates (\"on Wednesday\") are resolved against it")
	f.Int64Var(&a.MaxArticleSize, "max-article-size", source.DefaultMaxBytes, "largest article read, in `BYTES` (a file, or one line of a JSONL file)")
	f.Int64Var(&a.MaxTextSize, "max-text-size", source.DefaultMaxText, "longest article text read, in `BYTES`, counted without markup, front matter or Markdown")
	f.IntVar(&a.MaxSentenceBytes, "max-sentence-bytes", extract.DefaultMaxSentence, "longest sentence read, in `BYTES`; a longer one (a table, a list without full stops) is skipped with a warning")
}

// sourceOptions returns the options for source.Read, or a usage error
// naming the flag that is wrong.
func (a articleFlags) sourceOptions() (source.Options, error) {
	o := source.NewOptions()
	o.DefaultDate = a.Date
	o.MaxBytes = a.MaxArticleSize
	if a.MaxArticleSize <= 0 {
		return o, usageErrorf("--max-article-size %d: want a positive number of bytes", a.MaxArticleSize)
	}
	o.MaxText = a.MaxTextSize
	if a.MaxTextSize <= 0 {
		return o, usageErrorf("--max-text-size %d: want a positive number of bytes", a.MaxTextSize)
	}
	if a.MaxSentenceBytes <= 0 {
		return o, usageErrorf("--max-sentence-bytes %d: want a positive number of bytes", a.MaxSentenceBytes)
	}
	if err := o.Validate(); err != nil {
		if errors.Is(err, source.ErrBadDate) {
			return o, usageErrorf("--date %q: want a calendar date written YYYY-MM-DD", a.Date)
		}
		return o, &usageError{err: err}
	}
	return o, nil
}

// newPipeline loads the extractor with the built-in gazetteer, extended
// by the user's file gazFile when one is given; problems in the file are
// reported on warn.
func newPipeline(gazFile string, warn io.Writer, extra ...extract.Option) (*extract.Pipeline, error) {
	opts := append([]extract.Option(nil), extra...)
	if gazFile != "" {
		g, err := loadGazetteer(gazFile, warn)
		if err != nil {
			return nil, err
		}
		opts = append(opts, extract.WithGazetteer(g))
	}
	p, err := extract.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("load extractor: %w", err)
	}
	return p, nil
}

// inputsFailed is the error a batch command returns when some of its inputs
// were bad; each was reported on its own already.
func inputsFailed(n int) error {
	if n == 1 {
		return errors.New("1 input failed")
	}
	return fmt.Errorf("%d inputs failed", n)
}

// maxErrorsPerInput is how many errors inputErrors prints for one input
// (the lines of a JSONL file) before it only counts them.
const maxErrorsPerInput = 10

// inputErrors prints the errors of bad inputs as "geokg: path:line:
// message", the first maxErrorsPerInput of each input, and counts the
// others: a JSONL file whose every line lacks its text makes ten lines
// and a count, not one line per record.
type inputErrors struct {
	w      io.Writer
	shown  map[string]int
	hidden map[string]int
	order  []string // inputs with hidden errors, in the order found
}

func newInputErrors(w io.Writer) *inputErrors {
	return &inputErrors{w: w, shown: make(map[string]int), hidden: make(map[string]int)}
}

// print prints err, or counts it when its input has had its share.
func (p *inputErrors) print(err error) {
	var se *source.Error
	if !errors.As(err, &se) {
		fmt.Fprintf(p.w, "geokg: %v\n", err)
		return
	}
	if p.shown[se.Path] < maxErrorsPerInput {
		p.shown[se.Path]++
		fmt.Fprintf(p.w, "geokg: %v\n", err)
		return
	}
	if p.hidden[se.Path] == 0 {
		p.order = append(p.order, se.Path)
	}
	p.hidden[se.Path]++
}

// flush prints how many errors of each input were counted, not shown.
func (p *inputErrors) flush() {
	for _, path := range p.order {
		n := p.hidden[path]
		fmt.Fprintf(p.w, "geokg: %s: %d more %s not shown\n", quote.Name(path), n, plural(n, "error", "errors"))
	}
	p.order = nil
	clear(p.hidden)
}

// warnTo returns a source.Options.Warn that prints on w.
func warnTo(w io.Writer) func(string) {
	return func(msg string) { fmt.Fprintf(w, "geokg: warning: %s\n", msg) }
}
