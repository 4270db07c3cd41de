package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
)

type queryOptions struct {
	streams
	Store storeOptions
	Lang  string
	Limit int
	Query string // the query text, or "-" for standard input
}

func newQueryCmd(g *rootOptions, runF func(context.Context, *queryOptions) error) *cobra.Command {
	opts := &queryOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "query [flags] QUERY|-",
		Short: "Run a Gizmo, GraphQL or MQL query against the graph",
		Long: `Query runs a query in one of Cayley's query languages against the graph and
prints the results as an indented JSON array. "-" reads the query from
standard input.

IRIs are written in angle brackets: entities <ent:albania>, relations
<rel:severed_ties_with>, statements' properties <geo:date>, <geo:evidence>,
documents <doc:…>. Every quad is labelled with the document it comes from.
A path reaches a relation once per document that reports it; add .Unique()
to see it once. At most --limit results are returned.`,
		Example: `  # whom Albania severed ties with
  geokg query 'g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()'

  # the evidence of every statement about hosting
  geokg query 'g.V().Has("<geo:predicate>", "<rel:hosts>").Out("<geo:evidence>").All()'

  # a longer Gizmo script from a file
  geokg query - < query.js

  # GraphQL
  geokg query --lang graphql '{ nodes(id: "<ent:albania>") { name: <schema:name> } }'`,
		Args: positional(1, 1, "one query, or - to read it from standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Query = args[0]
			opts.Store = g.store()
			if !oneOf(opts.Lang, graph.Languages()) {
				return usageErrorf("--lang %q: choose one of %s", opts.Lang, strings.Join(graph.Languages(), ", "))
			}
			if opts.Limit <= 0 {
				return usageErrorf("--limit %d: want a positive number of results", opts.Limit)
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runQuery(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Lang, "lang", "l", graph.Gizmo, "query `LANGUAGE`: "+strings.Join(graph.Languages(), ", "))
	f.IntVarP(&opts.Limit, "limit", "n", graph.DefaultQueryLimit, "return at most `N` results")
	return cmd
}

func runQuery(ctx context.Context, opts *queryOptions) (err error) {
	q := opts.Query
	if q == "-" {
		b, err := io.ReadAll(opts.In)
		if err != nil {
			return fmt.Errorf("read query from standard input: %w", err)
		}
		q = string(b)
	}
	if strings.TrimSpace(q) == "" {
		return usageErrorf("the query is empty")
	}
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	res, err := st.Query(ctx, opts.Lang, q, opts.Limit)
	if err != nil {
		return err
	}
	return newJSONEncoder(opts.Out, true).Encode(res)
}
