package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

type ingestOptions struct {
	streams
	articleFlags
	Store    storeOptions
	Paths    []string
	Progress bool // a live progress line on standard error (a terminal)
}

func newIngestCmd(g *rootOptions, runF func(context.Context, *ingestOptions) error) *cobra.Command {
	opts := &ingestOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "ingest [flags] FILE|DIR|-...",
		Short: "Extract statements from articles and store them in the graph",
		Long: `Ingest reads articles as geokg extract does, finds their statements and
stores each article's quads in the graph in one transaction: the article,
its statements with date, evidence and confidence, the direct relation
edges, and the entities they name.

An article already stored is replaced exactly, so ingesting the same
articles again changes nothing, and an article whose text changed loses the
quads it no longer gives. A bad input, or an article that fails to extract
or to store, is reported on standard error and skipped; articles stored
before it are never touched. The exit status is then 1.

On a terminal, standard error shows a progress line; otherwise it gets one
line per article. A summary ends the run: articles new, updated, unchanged
and failed, statements found, and what the store holds.`,
		Example: `  # the articles shipped with geokg, into ./geokg.db
  geokg ingest testdata/articles

  # into another store, dating undated articles
  geokg --db news.db ingest --date 2024-03-01 notes/*.txt

  # JSONL from another program
  fetch-news | geokg ingest -`,
		Args: positional(1, -1, "input: name files, directories or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Store = g.store()
			opts.Progress = isTerminal(opts.Err)
			if _, err := opts.sourceOptions(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runIngest(cmd.Context(), opts)
		},
	}
	opts.articleFlags.register(cmd.Flags())
	return cmd
}

// ingestCounts tallies a run.
type ingestCounts struct {
	docs, created, updated, unchanged int
	failed                            int
	statements                        int
}

func runIngest(ctx context.Context, opts *ingestOptions) (err error) {
	start := time.Now()
	src, err := opts.sourceOptions()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, opts.Store, false)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	p, err := extract.New()
	if err != nil {
		return fmt.Errorf("load extractor: %w", err)
	}

	var c ingestCounts
	prog := &progress{w: opts.Err, live: opts.Progress, start: start}
	report := func(err error) {
		c.failed++
		prog.clear()
		fmt.Fprintf(opts.Err, "geokg: %v\n", err)
	}
	emit := func(doc schema.Document) error {
		prog.show(c, doc.Source)
		stmts, err := p.Extract(ctx, doc)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			report(fmt.Errorf("%s: extract: %w", doc.Source, err))
			return nil
		}
		res, err := st.WriteDocument(ctx, doc, schema.Quads(doc, stmts))
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			report(fmt.Errorf("%s: %w", doc.Source, err))
			return nil
		}
		c.docs++
		c.statements += len(stmts)
		switch {
		case res.Unchanged == 0 && res.Removed == 0:
			c.created++
		case res.Added == 0 && res.Removed == 0:
			c.unchanged++
		default:
			c.updated++
		}
		if !opts.Progress {
			fmt.Fprintf(opts.Err, "ingest: %s %s: %d statements, +%d -%d quads\n", doc.Source, doc.ID, len(stmts), res.Added, res.Removed)
		}
		prog.show(c, doc.Source)
		return nil
	}
	readErr := source.Read(ctx, opts.Paths, opts.In, src, emit, report)
	prog.clear()
	summarize(ctx, opts.Err, st, opts.Store, c, time.Since(start))
	switch {
	case readErr != nil:
		return readErr
	case c.failed > 0:
		return inputsFailed(c.failed)
	}
	return nil
}

// summarize writes the end-of-run summary.
func summarize(ctx context.Context, w io.Writer, st *graph.Store, o storeOptions, c ingestCounts, elapsed time.Duration) {
	fmt.Fprintf(w, "ingest: %d %s (%d new, %d updated, %d unchanged), %d failed; %d statements\n",
		c.docs, plural(c.docs, "document", "documents"), c.created, c.updated, c.unchanged, c.failed, c.statements)
	if stats, err := st.Stats(ctx); err == nil {
		where := o.DB
		if o.Backend != graph.Bolt {
			where = o.Backend
		}
		fmt.Fprintf(w, "store %s: %d documents, %d statements, %d entities, %d quads\n",
			where, stats.Documents, stats.Statements, stats.Entities, stats.Quads)
	} else if ctx.Err() == nil {
		fmt.Fprintf(w, "geokg: %v\n", err)
	}
	fmt.Fprintf(w, "elapsed %s (%s documents/s)\n", elapsed.Round(time.Millisecond), rate(c.docs, elapsed))
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func rate(n int, d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.1f", float64(n)/d.Seconds())
}

// progress rewrites one line on a terminal with \r; elsewhere it writes
// nothing.
type progress struct {
	w     io.Writer
	live  bool
	start time.Time
	shown bool
}

// maxProgressWidth keeps the line on one row of a common terminal.
const maxProgressWidth = 100

func (p *progress) show(c ingestCounts, current string) {
	if !p.live {
		return
	}
	line := fmt.Sprintf("ingest: %d documents, %d statements, %s docs/s  %s",
		c.docs, c.statements, rate(c.docs, time.Since(p.start)), current)
	fmt.Fprintf(p.w, "\r\x1b[K%s", shorten(line, maxProgressWidth))
	p.shown = true
}

func (p *progress) clear() {
	if p.live && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
