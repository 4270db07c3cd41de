package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

type pathOptions struct {
	streams
	Store    storeOptions
	From, To string
	MaxDepth int
	JSON     bool
	Full     bool // --full: evidence sentences whole
}

func newPathCmd(g *rootOptions, runF func(context.Context, *pathOptions) error) *cobra.Command {
	opts := &pathOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "path [flags] FROM TO",
		Short: "Find the shortest chains of relations between two entities",
		Long: `Path finds the shortest chains of relations that link two entities,
walking relations in either direction, up to --max-depth hops. Each path is
printed hop by hop: "A —accused→ B" when A is the subject of the relation,
"A ←hosts— B" when B is. Under each hop come the statements that support
it (up to 5, by date): when, the sentence that says it (--full prints it
whole) and its source: the document's IRI, publication date, headline and
URL. A hop no statement backs is a link the gazetteer gives (an official
to their state), and says so.

FROM and TO are names as geokg relations takes them: canonical names,
aliases, capitals or IRIs. When no path is found within --max-depth hops the
exit status is 1. --json prints the paths as a JSON array of arrays of hops,
each hop with "statements" (how many support it) and "support" (up to 5
statements in statement JSON).`,
		Example: `  geokg path "United States" Iran
  geokg path MEK ent:iran --max-depth 2
  geokg path Albania Iran --json`,
		Args: positional(2, 2, "two entity names, FROM and TO"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.From, opts.To = args[0], args[1]
			opts.Store = g.store()
			if opts.MaxDepth <= 0 {
				return usageErrorf("--max-depth %d: want a positive number of hops", opts.MaxDepth)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runPath(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.IntVar(&opts.MaxDepth, "max-depth", graph.DefaultMaxDepth, "longest path looked for, in `HOPS`")
	f.BoolVar(&opts.JSON, "json", false, "print the paths as JSON")
	f.BoolVar(&opts.Full, "full", false, "print evidence sentences whole")
	return cmd
}

func runPath(ctx context.Context, opts *pathOptions) (err error) {
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	r, err := newResolverWith(st, opts.Store.Gazetteer, opts.Err)
	if err != nil {
		return err
	}
	from, err := r.resolve(ctx, opts.From)
	if err != nil {
		return err
	}
	to, err := r.resolve(ctx, opts.To)
	if err != nil {
		return err
	}
	if from.IRI == to.IRI {
		return fmt.Errorf("%q and %q are the same entity, %s", opts.From, opts.To, from.IRI)
	}
	paths, err := st.Paths(ctx, from.IRI, to.IRI, opts.MaxDepth)
	if err != nil {
		return err
	}
	if opts.JSON {
		if paths == nil {
			paths = []graph.Path{}
		}
		if err := newJSONEncoder(opts.Out, true).Encode(paths); err != nil {
			return err
		}
	}
	if len(paths) == 0 {
		return fmt.Errorf("no path between %s and %s within %d hops", entityName(from), entityName(to), opts.MaxDepth)
	}
	if opts.JSON {
		return nil
	}
	var support []schema.Statement
	for _, p := range paths {
		for _, h := range p {
			support = append(support, h.Support...)
		}
	}
	docs, err := st.Documents(ctx, documentsOf(support))
	if err != nil {
		return err
	}
	width := evidenceWidth
	if opts.Full {
		width = 0
	}
	return printPaths(opts.Out, entityName(from), entityName(to), paths, docs, width)
}

// printPaths writes each path as a numbered block: a line per hop, and
// under it the statements that support it, each with its date, evidence
// (cut to width characters, whole when width is 0) and source.
func printPaths(w io.Writer, from, to string, paths []graph.Path, docs map[string]schema.Document, width int) error {
	var b strings.Builder
	hops := len(paths[0])
	fmt.Fprintf(&b, "%d shortest %s from %s to %s, %d %s each\n", len(paths), plural(len(paths), "path", "paths"),
		from, to, hops, plural(hops, "hop", "hops"))
	for i, p := range paths {
		fmt.Fprintf(&b, "\n%d.", i+1)
		for j, h := range p {
			if j > 0 {
				b.WriteString("  ")
			}
			label := predicateLabel(h.Predicate, false, "")
			if h.Forward {
				fmt.Fprintf(&b, " %s —%s→ %s\n", entityName(h.From), label, entityName(h.To))
			} else {
				fmt.Fprintf(&b, " %s ←%s— %s\n", entityName(h.From), label, entityName(h.To))
			}
			listItems(&b, "       ", h.Support, when, func(s schema.Statement, indent string) {
				fmt.Fprintf(&b, "%q\n", evidenceText(s.Evidence, width))
				fmt.Fprintf(&b, "%s%s\n", indent, sourceLine(s.Doc, docs[s.Doc]))
			})
			if h.Statements == 0 {
				b.WriteString("       no statement: a link the gazetteer gives\n")
			}
			if more := h.Statements - len(h.Support); more > 0 {
				fmt.Fprintf(&b, "       and %d more %s\n", more, plural(more, "statement", "statements"))
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
