package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
)

type statsOptions struct {
	streams
	Store  storeOptions
	JSON   bool
	Server string // --server: ask this geokg server instead of opening the store
}

func newStatsCmd(g *rootOptions, runF func(context.Context, *statsOptions) error) *cobra.Command {
	opts := &statsOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "stats [flags]",
		Short: "Count what the graph holds",
		Long: `Stats counts the documents, statements, entities and quads in the graph,
the entities by kind and the statements by predicate.

--json prints the counts as one JSON object with the keys documents,
statements, entities, quads, by_kind and by_predicate.

--server URL asks a running geokg serve for its store's counts instead of
opening a store: the way to read a bolt store that a server with
--allow-writes holds.`,
		Example: `  geokg stats
  geokg --db news.db stats --json | jq .by_predicate
  geokg stats --server http://127.0.0.1:64210`,
		Args: positional(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Store = g.store()
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runStats(cmd.Context(), opts)
		},
	}
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print the counts as a JSON object")
	cmd.Flags().StringVar(&opts.Server, "server", "", "ask the geokg server at `URL` instead of opening the store")
	return cmd
}

func runStats(ctx context.Context, opts *statsOptions) (err error) {
	var s graph.Stats
	if opts.Server != "" {
		c, err := server.NewClient(opts.Server, "")
		if err != nil {
			return &usageError{err: fmt.Errorf("--server: %w", err)}
		}
		if s, err = c.Stats(ctx); err != nil {
			return err
		}
	} else {
		st, err := openStore(ctx, opts.Store, true)
		if err != nil {
			return err
		}
		defer closeStore(st, &err)
		if s, err = st.Stats(ctx); err != nil {
			return err
		}
	}
	if opts.JSON {
		return newJSONEncoder(opts.Out, true).Encode(s)
	}
	return printStats(opts.Out, s)
}

// printStats writes the counts as aligned columns, the breakdowns largest
// first.
func printStats(w io.Writer, s graph.Stats) error {
	total := []struct {
		name string
		n    int
	}{{"documents", s.Documents}, {"statements", s.Statements}, {"entities", s.Entities}, {"quads", s.Quads}}
	width := len(strconv.Itoa(s.Quads))
	for _, t := range total {
		width = max(width, len(strconv.Itoa(t.n)))
	}
	for _, t := range total {
		if _, err := fmt.Fprintf(w, "%-12s%*d\n", t.name, width, t.n); err != nil {
			return err
		}
	}
	for _, part := range []struct {
		title  string
		counts map[string]int
	}{{"entities by kind", s.ByKind}, {"statements by predicate", s.ByPredicate}} {
		if len(part.counts) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n%s\n", part.title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		for _, k := range byCount(part.counts) {
			fmt.Fprintf(tw, "  %s\t%6d\n", k, part.counts[k])
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return nil
}

// byCount returns the keys of m, largest count first, then by name.
func byCount(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if m[keys[i]] != m[keys[j]] {
			return m[keys[i]] > m[keys[j]]
		}
		return keys[i] < keys[j]
	})
	return keys
}
