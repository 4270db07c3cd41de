package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
	"github.com/geokg/geokg/graph/server"
)

type queryOptions struct {
	streams
	Store   storeOptions
	Lang    string
	Limit   int
	Timeout time.Duration // --timeout
	Memory  int64         // --query-memory
	Result  int64         // --max-result
	Query   string        // the query text, or "-" for standard input
	Server  string        // --server: run the query on this geokg server
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
to see it once. At most --limit results are returned.

The query runs as geokg serve runs it: a Gizmo script in the same sandbox
(no script can crash geokg: a bad argument or a value that holds itself
is an error), stopped at --timeout, when it adds to the heap more than
--query-memory allows, and when its results pass --max-result.

--server URL runs the query on a running geokg serve instead, within that
server's limits (its --query-timeout, --query-limit, --max-result), and
prints the results the same way: the way to query a bolt store that a
server with --allow-writes holds.`,
		Example: `  # whom Albania severed ties with
  geokg query 'g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()'

  # the evidence of every statement about hosting
  geokg query 'g.V().Has("<geo:predicate>", "<rel:hosts>").Out("<geo:evidence>").All()'

  # a longer Gizmo script from a file
  geokg query - < query.js

  # GraphQL
  geokg query --lang graphql '{ nodes(id: "<ent:albania>") { name: <schema:name> } }'

  # on a running server
  geokg query --server http://127.0.0.1:64210 'g.V("<ent:iran>").In().All()'`,
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
			if opts.Timeout <= 0 {
				return usageErrorf("--timeout %s: want a positive duration", opts.Timeout)
			}
			if opts.Result <= 0 {
				return usageErrorf("--max-result %d: want a positive number of bytes", opts.Result)
			}
			if opts.Memory < 0 {
				return usageErrorf("--query-memory %d: want a positive number of bytes, or 0 for no limit", opts.Memory)
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
	f.DurationVar(&opts.Timeout, "timeout", server.DefaultQueryTimeout, "stop the query after `DURATION` (30s, 2m)")
	f.Int64Var(&opts.Result, "max-result", sandbox.DefaultMaxResult, "stop a query whose results pass about `BYTES` (as JSON)")
	f.StringVar(&opts.Server, "server", "", "run the query on the geokg server at `URL`, within its limits, instead of opening the store")
	f.Int64Var(&opts.Memory, "query-memory", sandbox.DefaultMemory, "bound what the query may add to the heap to `BYTES`: it is stopped when it has added an eighth of it; 0: no limit")
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
	if opts.Server != "" {
		c, err := server.NewClient(opts.Server, "")
		if err != nil {
			return &usageError{err: fmt.Errorf("--server: %w", err)}
		}
		res, err := c.Query(ctx, opts.Lang, q)
		if err != nil {
			return err
		}
		if len(res) > opts.Limit {
			res = res[:opts.Limit]
		}
		return newJSONEncoder(opts.Out, true).Encode(res)
	}
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	// A query stopped at its deadline may go on reading for a while (see
	// sandbox.Run): the store's close waits for it a bounded time.
	defer func() {
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), server.ShutdownTimeout)
		defer cancel()
		if cerr := st.CloseContext(cctx); cerr != nil && err == nil {
			err = cerr
		}
	}()
	// The query runs as the server runs it: in the sandbox, within the
	// timeout, the limit, the result cap and the memory limit.
	defer debug.SetMemoryLimit(sandbox.SetMemoryLimit(opts.Memory))
	qctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	type answer struct {
		res []any
		err error
	}
	// On a goroutine of its own, so that a script inside one long call of
	// a built-in, which no interrupt reaches, is answered at the deadline.
	done := make(chan answer, 1)
	go func() {
		res, err := sandbox.Query(qctx, st, opts.Lang, q, sandbox.Options{
			Limit: opts.Limit, MaxResult: opts.Result, Memory: sandbox.NewMemory(opts.Memory)})
		done <- answer{res, err}
	}()
	var res []any
	select {
	case a := <-done:
		res, err = a.res, a.err
	case <-qctx.Done():
		select {
		case a := <-done: // it ended too; its own answer wins
			res, err = a.res, a.err
		default:
			err = qctx.Err()
		}
	}
	switch {
	case errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil:
		return fmt.Errorf("query %s: stopped after %s (--timeout)", opts.Lang, opts.Timeout)
	case err != nil:
		return fmt.Errorf("query %s: %w", opts.Lang, err)
	}
	// Results as plain JSON values, as the store gives them.
	b, err := json.Marshal(res)
	if err != nil {
		return fmt.Errorf("query %s: result: %w", opts.Lang, err)
	}
	var plain []any
	if err := json.Unmarshal(b, &plain); err != nil {
		return fmt.Errorf("query %s: result: %w", opts.Lang, err)
	}
	if plain == nil {
		plain = []any{}
	}
	return newJSONEncoder(opts.Out, true).Encode(plain)
}
