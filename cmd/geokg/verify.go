package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
)

type verifyOptions struct {
	streams
	Store storeOptions
	JSON  bool
}

func newVerifyCmd(g *rootOptions, runF func(context.Context, *verifyOptions) error) *cobra.Command {
	opts := &verifyOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "verify [flags]",
		Short: "Check that the graph store is consistent",
		Long: `Verify reads every quad of the store and checks that it holds together:

  - every quad is labelled with a stored document (an article node typed
    <schema:NewsArticle>);
  - every direct edge <ent:a> <rel:p> <ent:b> <doc:d> has a statement node
    in document d, not negated, with that subject, predicate and object,
    and every statement node that is not negated has its edge; the links
    of an organ, official or medium to its state (part_of, media_of,
    head_of_state_of, head_of_government_of, minister_of) that entity facts
    carry need no statement;
  - every statement node has one type, subject, predicate, object and
    <geo:document>, all its quads carry one label, and <geo:document> is
    that label;
  - every entity a statement names has its <rdf:type> and <schema:name> in
    the statement's document.

Each problem is printed on its own line, "kind: message", with the IRIs
concerned; a summary line follows. The exit status is 1 when there is a
problem. --json prints the report as one JSON object instead (the keys
quads, documents, statements, edges and problems, each problem with kind,
doc, node and message).`,
		Example: `  geokg verify
  geokg --db news.db verify --json | jq -r '.problems[].message'`,
		Args: positional(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Store = g.store()
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runVerify(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the report as a JSON object")
	return cmd
}

func runVerify(ctx context.Context, opts *verifyOptions) (err error) {
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	r, err := st.Verify(ctx)
	if err != nil {
		return err
	}
	if opts.JSON {
		if r.Problems == nil {
			r.Problems = []graph.Problem{}
		}
		if err := newJSONEncoder(opts.Out, true).Encode(r); err != nil {
			return err
		}
	} else {
		for _, p := range r.Problems {
			if _, err := fmt.Fprintln(opts.Out, p); err != nil {
				return err
			}
		}
		verdict := "OK"
		if !r.OK() {
			verdict = fmt.Sprintf("%d %s", len(r.Problems), plural(len(r.Problems), "problem", "problems"))
		}
		if _, err := fmt.Fprintf(opts.Out, "verify: store %s: %d quads, %d documents, %d statements, %d edges: %s\n",
			where(opts.Store), r.Quads, r.Documents, r.Statements, r.Edges, verdict); err != nil {
			return err
		}
	}
	if !r.OK() {
		return fmt.Errorf("store %s is not consistent: %d %s", where(opts.Store), len(r.Problems), plural(len(r.Problems), "problem", "problems"))
	}
	return nil
}
