package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/spf13/pflag"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
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
