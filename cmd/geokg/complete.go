package main

import (
	"context"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/schema"
)

// completionTimeout bounds what completing an entity name may take: the
// store is opened, its entities read, and it is closed again.
const completionTimeout = 2 * time.Second

// maxCompletions caps the entity names offered at once.
const maxCompletions = 200

// addCompletions teaches the shell completion (geokg completion bash|zsh|
// fish|powershell) the values of arguments and flags: entity names from
// the store for relations, path and --entity; predicates for --predicate;
// the formats of extract, export and events for --format; CAMEO roots for
// --root.
func addCompletions(root *cobra.Command, g *rootOptions) {
	entities := func(max int) cobra.CompletionFunc {
		return func(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			if max >= 0 && len(args) >= max {
				return nil, cobra.ShellCompDirectiveNoFileComp
			}
			return entityNames(cmd.Context(), g.store(), toComplete), cobra.ShellCompDirectiveNoFileComp
		}
	}
	fixed := func(values ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(values, cobra.ShellCompDirectiveNoFileComp)
	}
	var eventFormats, exportFormats, roots []string
	for _, f := range export.EventFormats() {
		eventFormats = append(eventFormats, string(f))
	}
	for _, f := range export.Formats() {
		exportFormats = append(exportFormats, string(f))
	}
	for _, c := range schema.CAMEOCodes() {
		if len(c.Code) == 2 {
			roots = append(roots, c.Code+"\t"+c.Name)
		}
	}
	var predicates []string
	for _, p := range schema.Predicates() {
		predicates = append(predicates, p.Name+"\t"+p.Label)
	}
	for _, c := range root.Commands() {
		switch c.Name() {
		case "relations":
			c.ValidArgsFunction = entities(1)
		case "path":
			c.ValidArgsFunction = entities(2)
		}
		flag := func(name string, f cobra.CompletionFunc) {
			if c.Flags().Lookup(name) != nil {
				// Registering twice is the only error; each flag is registered once.
				_ = c.RegisterFlagCompletionFunc(name, f)
			}
		}
		flag("entity", entities(-1))
		flag("predicate", fixed(predicates...))
		flag("root", fixed(roots...))
		flag("direction", fixed("both", "out", "in"))
		switch c.Name() {
		case "extract":
			flag("format", fixed(extractFormats...))
		case "export":
			flag("format", fixed(exportFormats...))
		case "events":
			flag("format", fixed(eventFormats...))
		}
	}
}

// entityNames returns the names and aliases of the store's entities that
// start with prefix (case does not matter), or their IRIs when prefix
// starts with "ent:"; none when the store cannot be opened at once (a
// server holds it, there is none).
func entityNames(ctx context.Context, o storeOptions, prefix string) []string {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, completionTimeout)
	defer cancel()
	if o.Backend == graph.Memstore {
		return nil // an empty store
	}
	st, err := openStoreQuick(ctx, o)
	if err != nil {
		return nil
	}
	defer st.Close()
	all, err := st.AllEntities(ctx)
	if err != nil {
		return nil
	}
	lower := strings.ToLower(prefix)
	seen := make(map[string]bool)
	var out []string
	add := func(s string) {
		if s != "" && !seen[s] && strings.HasPrefix(strings.ToLower(s), lower) {
			seen[s] = true
			out = append(out, s)
		}
	}
	for _, e := range all {
		if strings.HasPrefix(lower, schema.EntityPrefix) {
			add(e.IRI)
			continue
		}
		add(e.Name)
		for _, a := range e.Aliases {
			add(a)
		}
	}
	sort.Strings(out)
	if len(out) > maxCompletions {
		out = out[:maxCompletions]
	}
	return out
}

// openStoreQuick opens an existing store for completion, waiting little
// for a bolt store another process holds.
func openStoreQuick(ctx context.Context, o storeOptions) (*graph.Store, error) {
	if o.Backend == graph.Bolt {
		if _, err := os.Stat(o.DB); err != nil {
			return nil, err
		}
	}
	return graph.Open(ctx, o.DB, graph.WithBackend(o.Backend), graph.WithLockTimeout(100*time.Millisecond))
}
