package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/cayleygraph/quad/nquads"
	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// The output formats of geokg extract.
const (
	formatJSONL  = "jsonl"
	formatNQuads = "nquads"
	formatTable  = "table"
)

var extractFormats = []string{formatJSONL, formatNQuads, formatTable}

type extractOptions struct {
	streams
	articleFlags
	Paths  []string
	Format string // jsonl, nquads or table; "" chooses by the terminal
	Full   bool   // --full: evidence whole in the table
}

func newExtractCmd(g *rootOptions, runF func(context.Context, *extractOptions) error) *cobra.Command {
	opts := &extractOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "extract [flags] FILE|DIR|-...",
		Short: "Print the statements found in articles, without storing them",
		Long: `Extract reads articles and prints the statements found in them: who did
what to whom, when, with the sentence that says it. Nothing is stored.

Arguments are files, directories (read recursively, files with a known
extension only) and "-" for standard input. Formats are chosen by extension:
.txt (with optional front matter: title, date, url, id), .md, .html and
.jsonl (one article per line: id, url, title, date, text).

--format jsonl prints one statement JSON per line, the shape geokg's other
tools share; --format nquads prints exactly the quads geokg ingest would
store; --format table prints a listing for people, grouped by article, with
each evidence sentence cut at 60 characters (--full prints it whole). The
default is table on a terminal and jsonl otherwise.

A bad input (unreadable, empty, binary, not UTF-8, too large, a broken
JSONL line) is reported on standard error as "geokg: path:line: message"
and the others are still read; the exit status is then 1.`,
		Example: `  # statements of one article, as a table
  geokg extract --format table article.txt

  # a directory of articles as statement JSON, for jq
  geokg extract testdata/articles | jq -r .predicate | sort | uniq -c

  # text from standard input, published on a given day
  echo "Albania cut diplomatic ties with Iran on Wednesday." | geokg extract --date 2022-09-07 -

  # the quads ingest would write
  geokg extract --format nquads article.txt`,
		Args: positional(1, -1, "input: name files, directories or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Gazetteer = g.Gazetteer
			if opts.Format == "" {
				opts.Format = formatJSONL
				if isTerminal(opts.Out) {
					opts.Format = formatTable
				}
			}
			if !oneOf(opts.Format, extractFormats) {
				return usageErrorf("--format %q: choose one of %s", opts.Format, strings.Join(extractFormats, ", "))
			}
			if _, err := opts.sourceOptions(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExtract(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Format, "format", "f", "", "output `FORMAT`: jsonl, nquads or table (default table on a terminal, else jsonl)")
	f.BoolVar(&opts.Full, "full", false, "print evidence sentences whole in the table")
	opts.articleFlags.register(f)
	return cmd
}

func runExtract(ctx context.Context, opts *extractOptions) error {
	src, err := opts.sourceOptions()
	if err != nil {
		return err
	}
	p, err := newPipeline(opts.Gazetteer, opts.Err, opts.limitOptions(opts.Err)...)
	if err != nil {
		return err
	}
	out := newStatementPrinter(opts.Format, opts.Out)
	if opts.Full {
		out.width = 0
	}
	failed := 0
	errs := newInputErrors(opts.Err)
	defer errs.flush()
	report := func(err error) {
		failed++
		errs.print(err)
	}
	src.Warn = warnTo(opts.Err)
	emit := func(doc schema.Document) error {
		stmts, err := p.Extract(ctx, doc)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			report(fmt.Errorf("%s: extract: %w", doc.Source, err))
			return nil
		}
		return out.print(doc, stmts)
	}
	if err := source.Read(ctx, opts.Paths, opts.In, src, emit, report); err != nil {
		return err
	}
	if failed > 0 {
		return inputsFailed(failed)
	}
	return nil
}

// statementPrinter writes a document's statements in one of the formats.
type statementPrinter struct {
	format string
	w      io.Writer
	docs   int
	width  int // characters of evidence the table shows; 0: all
}

// tableEvidenceWidth is how many characters of evidence the extract table
// shows unless --full is given.
const tableEvidenceWidth = 60

func newStatementPrinter(format string, w io.Writer) *statementPrinter {
	return &statementPrinter{format: format, w: w, width: tableEvidenceWidth}
}

func (p *statementPrinter) print(doc schema.Document, stmts []schema.Statement) error {
	defer func() { p.docs++ }()
	switch p.format {
	case formatNQuads:
		quads, err := graph.DocumentQuads(doc, stmts)
		if err != nil {
			return fmt.Errorf("quads of %s: %w", doc.Source, err)
		}
		nw := nquads.NewWriter(p.w)
		if _, err := nw.WriteQuads(quads); err != nil {
			return fmt.Errorf("write quads of %s: %w", doc.Source, err)
		}
		if err := nw.Close(); err != nil {
			return fmt.Errorf("write quads of %s: %w", doc.Source, err)
		}
		return nil
	case formatTable:
		return p.table(doc, stmts)
	}
	enc := newJSONEncoder(p.w, false)
	for _, s := range stmts {
		if err := enc.Encode(s); err != nil {
			return fmt.Errorf("write statements of %s: %w", doc.Source, err)
		}
	}
	return nil
}

// table prints a header naming the document, then one aligned line per
// statement.
func (p *statementPrinter) table(doc schema.Document, stmts []schema.Statement) error {
	var b strings.Builder
	if p.docs > 0 {
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s  %s", doc.Source, doc.ID)
	if doc.Published != "" {
		fmt.Fprintf(&b, "  %s", doc.Published)
	}
	if doc.Title != "" {
		fmt.Fprintf(&b, "  %q", doc.Title)
	}
	fmt.Fprintf(&b, "  (%d %s)\n", len(stmts), plural(len(stmts), "statement", "statements"))
	if _, err := io.WriteString(p.w, b.String()); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(p.w, 0, 0, 2, ' ', 0)
	for _, s := range stmts {
		evidence := fmt.Sprintf("%q", evidenceText(s.Evidence, p.width))
		if s.AttributedTo != "" {
			evidence += " (according to " + s.AttributedTo + ")"
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n",
			when(s), entityName(s.Subject), predicateLabel(s.Predicate, s.Negated, s.Modality), entityName(s.Object),
			confidence(s.Confidence), evidence)
	}
	return tw.Flush()
}

func oneOf(s string, list []string) bool {
	for _, l := range list {
		if s == l {
			return true
		}
	}
	return false
}
