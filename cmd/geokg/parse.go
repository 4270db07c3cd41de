package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract/parse"
)

type parseOptions struct {
	streams
	Path  string // the text: a file, or "-" for standard input
	Eval  string // --eval: a gold CoNLL-U file to parse and score
	Model string // --model: a model file instead of the embedded model
	Beam  int    // --beam: parse with this beam width instead of the model's (0: the model's)
}

func newParseCmd(g *rootOptions, runF func(context.Context, *parseOptions) error) *cobra.Command {
	opts := &parseOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "parse [flags] [FILE|-]",
		Short: "Print the dependency parse of text in CoNLL-U, or score the parser on a treebank",
		Long: `Parse splits text into sentences and tokens, tags, lemmatises and parses
each sentence with geokg's own dependency parser, and prints the trees in
CoNLL-U: one line a word with its lemma, UPOS and Penn tags, the number of
its head word (0 for the root) and its Universal Dependencies relation.

--eval GOLD.conllu parses the gold file's own tokens instead (multiword
token ranges and empty nodes are skipped) and prints one line:

  parse: uas=0.xxx las=0.xxx sentences=N tokens=N tokens_per_s=N

UAS is the share of words given their gold head, LAS the share given their
gold head and relation, compared before any ':' (nsubj:pass counts as
nsubj); punctuation counts. tokens_per_s is the speed of tagging and
parsing together, on one core.

The model is the one built into geokg, trained on UD English EWT and GUM
(see docs/parser.md); --model FILE uses a model written by
extract/parse/train instead. --beam N parses with a beam of N sequences
instead of the width the model was trained for (1: greedily); a model
parses best with its own width, so this is for measuring.`,
		Example: `  echo "The ministry said on Monday that it had expelled two diplomats." | geokg parse
  geokg parse article.txt
  geokg parse --eval ../shared/nlp/ud-english/en_ewt-ud-test.conllu`,
		Args: positional(0, 1, "text: a file, or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "-"
			if len(args) == 1 {
				opts.Path = args[0]
			}
			if opts.Beam < 0 {
				return usageErrorf("parse: --beam %d: want 1 or more, or 0 for the model's own width", opts.Beam)
			}
			if opts.Eval != "" && len(args) > 0 {
				return usageErrorf("parse: --eval parses the gold file's tokens; give no FILE with it")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runParse(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Eval, "eval", "", "parse the tokens of gold CoNLL-U `FILE` and print UAS, LAS and speed")
	f.StringVar(&opts.Model, "model", "", "model `FILE` to use instead of the built-in one")
	f.IntVar(&opts.Beam, "beam", 0, "parse with a beam of `N` sequences instead of the model's own width (1: greedily)")
	return cmd
}

func runParse(ctx context.Context, opts *parseOptions) error {
	m, err := loadParseModel(opts.Model)
	if err != nil {
		return err
	}
	if opts.Beam > 0 {
		m = m.WithBeam(opts.Beam)
	}
	if opts.Eval != "" {
		return evalParse(ctx, m, opts)
	}
	in := opts.In
	if opts.Path != "-" {
		f, err := os.Open(opts.Path)
		if err != nil {
			return fmt.Errorf("open text: %w", err)
		}
		defer f.Close()
		in = f
	}
	text, err := io.ReadAll(in)
	if err != nil {
		return fmt.Errorf("read text: %w", err)
	}
	sents, err := parse.Tokenize(string(text))
	if err != nil {
		return fmt.Errorf("tokenize %s: %w", opts.Path, err)
	}
	for _, s := range sents {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := parse.WriteCoNLLU(opts.Out, s.Text, m.Parse(s.Tokens)); err != nil {
			return fmt.Errorf("write parse: %w", err)
		}
	}
	return nil
}

func loadParseModel(path string) (*parse.Model, error) {
	if path == "" {
		return parse.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open model: %w", err)
	}
	defer f.Close()
	m, err := parse.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// evalParse parses the gold file's tokens and prints the scores line.
func evalParse(ctx context.Context, m *parse.Model, opts *parseOptions) error {
	f, err := os.Open(opts.Eval)
	if err != nil {
		return fmt.Errorf("open gold: %w", err)
	}
	gold, err := parse.ReadCoNLLU(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", opts.Eval, err)
	}
	var (
		e       parse.Eval
		elapsed time.Duration
	)
	for _, s := range gold {
		if err := ctx.Err(); err != nil {
			return err
		}
		forms := make([]string, len(s))
		for i, w := range s {
			forms[i] = w.Form
		}
		start := time.Now()
		pred := m.Parse(forms)
		elapsed += time.Since(start)
		e.Add(s, pred)
	}
	speed := 0
	if elapsed > 0 {
		speed = int(float64(e.Tokens) / elapsed.Seconds())
	}
	_, err = fmt.Fprintf(opts.Out, "parse: uas=%.3f las=%.3f sentences=%d tokens=%d tokens_per_s=%d\n",
		e.UAS(), e.LAS(), e.Sentences, e.Tokens, speed)
	return err
}
