package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
)

type eventsOptions struct {
	streams
	Store      storeOptions
	Format     export.EventFormat
	File       string   // --out: a file, or "" for standard output
	Since      string   // --since
	Until      string   // --until
	Entity     string   // --entity NAME, resolved as relations does
	Roots      []string // --root, repeatable or comma-separated
	Countries  []string // --country, repeatable or comma-separated
	Predicates []string // --predicate, repeatable
}

func newEventsCmd(g *rootOptions, runF func(context.Context, *eventsOptions) error) *cobra.Command {
	opts := &eventsOptions{streams: g.streams}
	var format string
	cmd := &cobra.Command{
		Use:   "events [flags]",
		Short: "Write the coded events as a table (CSV, TSV, JSONL), GDELT/ICEWS style",
		Long: `Events writes one row per coded event: each statement with a CAMEO event
code, with the columns of the event datasets (GDELT, ICEWS, Phoenix) and
the evidence and article it was read from:

  date, source_iri, source_name, source_code, source_country,
  target_iri, target_name, target_code, target_country,
  cameo_code, cameo_root, quad_class, goldstein, predicate, intended,
  confidence, evidence, attributed_to, headline, published, url, doc,
  statement

source and target are the actor and the one acted upon: code is the CAMEO
actor code, country the ISO3 code of the actor's state. quad_class is 1
(verbal cooperation), 2 (material cooperation), 3 (verbal conflict) or 4
(material conflict); goldstein the Goldstein scale value of the code, -10
to +10. A negated statement ("did not recall") is no event; an announced
one ("will impose sanctions") is, marked intended and coded with CAMEO's
"express intent" (03) or "threaten" (13) code. Standing relations (hosts,
ally_of) have no event code and no row. date is empty when the text gives
none; published is the article's date.

--since and --until keep events dated in the interval (ISO 8601, partial
allowed); --entity NAME keeps the events an entity is the source or target
of; --root keeps CAMEO roots (19, or 14,18,19); --country keeps events
whose source or target belongs to a state (ISO3: IRN); --predicate keeps
predicates. Rows come article by article, in the order of the articles'
IRIs (the same store always gives the same table), and are
written as they are read: memory does not grow with the number of events.

--format csv (default), tsv (tab-separated, as GDELT's files) or jsonl (one
JSON object a line, keyed by the column names). Output goes to standard
output or to the file --out names.`,
		Example: `  geokg events > events.csv
  geokg events --format tsv --since 2022 --root 16 --root 17
  geokg events --entity Iran --format jsonl | jq -r .evidence
  geokg events --country ALB,IRN --out albania-iran.csv`,
		Args: positional(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := export.ParseEventFormat(format)
			if err != nil {
				return usageErrorf("--format: %v", err)
			}
			opts.Format = f
			opts.Store = g.store()
			opts.Roots = splitList(opts.Roots)
			opts.Countries = splitList(opts.Countries)
			if err := checkPredicates(opts.Predicates); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runEvents(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&format, "format", "f", string(export.EventCSV), "output `FORMAT`: csv, tsv or jsonl")
	f.StringVarP(&opts.File, "out", "o", "", "write to `FILE` instead of standard output")
	f.StringVar(&opts.Since, "since", "", "keep events at or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&opts.Until, "until", "", "keep events at or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVarP(&opts.Entity, "entity", "e", "", "keep events whose source or target is the entity `NAME`")
	f.StringSliceVar(&opts.Roots, "root", nil, "keep events of the CAMEO `ROOT`s (01 to 20; repeatable, or comma-separated)")
	f.StringSliceVar(&opts.Countries, "country", nil, "keep events whose source or target belongs to the state `ISO3` (repeatable, or comma-separated)")
	f.StringArrayVarP(&opts.Predicates, "predicate", "p", nil, "keep only events with `PREDICATE` (repeatable)")
	return cmd
}

// splitList trims the values of a list flag and drops empty ones.
func splitList(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func runEvents(ctx context.Context, opts *eventsOptions) (err error) {
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	o := export.EventOptions{Since: opts.Since, Until: opts.Until, Roots: opts.Roots, Countries: opts.Countries, Predicates: opts.Predicates}
	if opts.Entity != "" {
		r, err := newResolverWith(st, opts.Store.Gazetteer, opts.Err)
		if err != nil {
			return err
		}
		ent, err := r.resolve(ctx, opts.Entity)
		if err != nil {
			return err
		}
		o.Entity = ent.IRI
	}
	return writeFileOr(opts.Out, opts.File, func(w io.Writer) error {
		ew := export.NewEventWriter(w, opts.Format)
		err := export.Events(ctx, st, o, ew.Write)
		switch {
		case errors.Is(err, graph.ErrBadDate):
			return &usageError{err: fmt.Errorf("--since/--until: %w", err)}
		case errors.Is(err, export.ErrBadOption):
			return &usageError{err: err}
		case err != nil:
			return err
		}
		return ew.Flush()
	})
}
