package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/petrarch"
)

type codeOptions struct {
	streams
	Path      string         // the records: a JSONL file, or "-" for standard input
	Dicts     petrarch.Paths // --actors, --agents, --verbs, --discards
	NoDyad    bool           // --no-require-dyad
	Strict    bool           // --strict: malformed dictionary entries are an error
	Explain   bool           // --explain: how each record was read, on standard error
	Gazetteer string         // the global --gazetteer
	MaxBytes  int            // --max-sentence-bytes
}

func newCodeCmd(g *rootOptions, runF func(context.Context, *codeOptions) error) *cobra.Command {
	opts := &codeOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "code [flags] [FILE|-]",
		Short: "Code the events of JSONL records in CAMEO, with built-in or PETRARCH/TABARI dictionaries",
		Long: `Code reads records, one JSON object a line with "id", "date" (YYYY-MM-DD)
and "text", and prints one line per record:

  {"id": "…", "events": [{"source": "ALB", "target": "IRN", "code": "161", …}]}

Each event is a source actor, a target actor and an event code. By default
the codes are CAMEO's, from geokg's built-in lexicon and gazetteer: the
events are the statements geokg extract finds that have an event code.

--verbs FILE codes with a PETRARCH/TABARI verbs dictionary instead: its
verb blocks, synonym sets and patterns, and the codes it gives (CAMEO, or
the older WEIS codes some dictionaries carry, reported as written).
--actors FILE and --agents FILE replace the gazetteer's actors and its
organs and offices (they need --verbs; --actors may be repeated, and the
files are read as one dictionary: Phoenix's states, international and
non-state actors); --discards FILE drops records
that hold a discard phrase. A malformed dictionary entry is reported on
standard error as "geokg: warning: file:line: problem" and skipped, unless
--strict makes it an error.

A record may carry an "options" object with PETRARCH's coder options
(require_dyad, comma_min, comma_max, …), which then apply to it; see
docs/cameo.md. A line that is not a record is reported with its line
number, and the others are still coded; the exit status is then 1.`,
		Example: `  # CAMEO events of records, with the built-in dictionaries
  echo '{"id":"1","date":"2022-09-07","text":"Albania cut diplomatic ties with Iran."}' | geokg code

  # the PETRARCH validation suite, scored
  D=../shared/eval/petrarch-unit
  geokg code --actors $D/dicts/PETR.Validate.actors.txt --agents $D/dicts/PETR.Validate.agents.txt \
    --verbs $D/dicts/PETR.Validate.verbs.txt --discards $D/dicts/PETR.Validate.discards.txt \
    $D/dev.jsonl > pred.jsonl
  python3 ../shared/eval/score.py $D/dev.jsonl pred.jsonl`,
		Args: positional(0, 1, "records: a JSONL file, or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Path = "-"
			if len(args) == 1 {
				opts.Path = args[0]
			}
			opts.Gazetteer = g.Gazetteer
			if (len(opts.Dicts.Actors) > 0 || opts.Dicts.Agents != "") && opts.Dicts.Verbs == "" {
				return usageErrorf("--actors and --agents need --verbs: the built-in lexicon codes with the built-in gazetteer")
			}
			if opts.MaxBytes <= 0 {
				return usageErrorf("--max-sentence-bytes %d: want a positive number of bytes", opts.MaxBytes)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runCode(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVar(&opts.Dicts.Actors, "actors", nil, "PETRARCH/TABARI actors dictionary `FILE` (needs --verbs; repeat the flag for several files, read as one)")
	f.StringVar(&opts.Dicts.Agents, "agents", "", "PETRARCH agents dictionary `FILE` (needs --verbs)")
	f.StringVar(&opts.Dicts.Verbs, "verbs", "", "PETRARCH/TABARI verbs dictionary `FILE`, instead of the built-in lexicon")
	f.StringVar(&opts.Dicts.Discards, "discards", "", "discards dictionary `FILE`: records holding one of its phrases are not coded")
	f.BoolVar(&opts.NoDyad, "no-require-dyad", false, "code events with one side missing, with the null actor --- there")
	f.BoolVar(&opts.Strict, "strict", false, "stop on a malformed dictionary entry instead of skipping it")
	f.BoolVar(&opts.Explain, "explain", false, "write how each record was read (tokens, actors, verbs, patterns) to standard error")
	f.IntVar(&opts.MaxBytes, "max-sentence-bytes", extract.DefaultMaxSentence, "longest sentence read, in `BYTES`")
	return cmd
}

// codeLine is one line of geokg code's output.
type codeLine struct {
	ID     string          `json:"id"`
	Events []extract.Event `json:"events"`
}

func runCode(ctx context.Context, opts *codeOptions) error {
	dicts, problems, err := petrarch.Load(opts.Dicts)
	for _, p := range problems {
		fmt.Fprintf(opts.Err, "geokg: warning: %v\n", p)
	}
	if err != nil {
		return err
	}
	if opts.Strict && len(problems) > 0 {
		return fmt.Errorf("%d malformed dictionary %s (--strict)", len(problems), plural(len(problems), "entry", "entries"))
	}
	extra := []extract.Option{extract.WithMaxSentence(opts.MaxBytes), extract.WithDictionaries(dicts)}
	p, err := newPipeline(opts.Gazetteer, opts.Err, extra...)
	if err != nil {
		return err
	}
	in, name := opts.In, "stdin"
	if opts.Path != "-" {
		f, err := os.Open(opts.Path)
		if err != nil {
			return fmt.Errorf("open records: %w", err)
		}
		defer f.Close()
		in, name = f, opts.Path
	}
	copts := extract.DefaultCodeOptions()
	copts.RequireDyad = !opts.NoDyad
	enc := newJSONEncoder(opts.Out, false)
	failed := 0
	report := func(err error) {
		failed++
		fmt.Fprintf(opts.Err, "geokg: %v\n", err)
	}
	err = extract.ReadRecords(ctx, in, name, func(rec extract.Record) error {
		if opts.Explain {
			if err := p.ExplainCode(ctx, rec, copts, opts.Err); err != nil && !errors.Is(err, extract.ErrEmptyText) {
				if ctx.Err() != nil {
					return ctx.Err()
				}
				report(fmt.Errorf("%s: record %s: %w", name, rec.ID, err))
			}
		}
		evs, err := p.Code(ctx, rec, copts)
		switch {
		case err == nil, errors.Is(err, extract.ErrEmptyText):
		case ctx.Err() != nil:
			return ctx.Err()
		default:
			report(fmt.Errorf("%s: record %s: %w", name, rec.ID, err))
		}
		if evs == nil {
			evs = []extract.Event{}
		}
		if err := enc.Encode(codeLine{ID: rec.ID, Events: evs}); err != nil {
			return fmt.Errorf("write events: %w", err)
		}
		return nil
	}, report)
	if err != nil {
		return err
	}
	if failed > 0 {
		return inputsFailed(failed)
	}
	return nil
}
