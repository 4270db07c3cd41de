package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/geokg/geokg/graph"
)

// Exit codes.
const (
	exitOK      = 0 // done
	exitFailure = 1 // something failed: an input in a batch, an unknown entity, a query
	exitUsage   = 2 // the command line is wrong
)

// Defaults of the global flags and the environment variables that
// override them.
const (
	defaultDB    = "geokg.db"
	envDB        = "GEOKG_DB"
	envBackend   = "GEOKG_BACKEND"
	envGazetteer = "GEOKG_GAZETTEER"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// The first signal asks the command to stop cleanly; a second one,
	// handled as if geokg caught none, ends it at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, os.Args[1:], streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}, os.Getenv)
	stop()
	os.Exit(code)
}

// streams are the standard streams a command reads and writes.
type streams struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
}

// rootOptions holds the global flags every command shares.
type rootOptions struct {
	streams
	DB        string // --db: the store's path, or a postgres:// URL
	Backend   string // --backend: bolt, memstore or postgres
	Gazetteer string // --gazetteer: a file of the user's own actors
}

// storeOptions says which store a command opens; commands copy it from the
// global flags once they are parsed.
type storeOptions struct {
	DB        string
	Backend   string
	Gazetteer string // the user's gazetteer file, for resolving names
}

func (g *rootOptions) store() storeOptions {
	return storeOptions{DB: g.DB, Backend: g.Backend, Gazetteer: g.Gazetteer}
}

// run runs geokg with args and returns the exit code. getenv reads the
// environment (os.Getenv, or a map in tests).
func run(ctx context.Context, args []string, s streams, getenv func(string) string) int {
	g := &rootOptions{streams: s}
	root := newRootCmd(g, getenv)
	addCommands(root, g)
	root.SetArgs(args)
	cmd, err := root.ExecuteContextC(ctx)
	if err == nil {
		return exitOK
	}
	if cmd == nil {
		cmd = root
	}
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(s.Err, "geokg: %v\nRun '%s --help' for usage.\n", ue.err, cmd.CommandPath())
		return exitUsage
	case ctx.Err() != nil && errors.Is(err, ctx.Err()):
		fmt.Fprintln(s.Err, "geokg: interrupted")
		return exitFailure
	}
	fmt.Fprintf(s.Err, "geokg: %v\n", err)
	return exitFailure
}

// newRootCmd returns the root command with the global flags and no
// subcommands; addCommands adds them.
func newRootCmd(g *rootOptions, getenv func(string) string) *cobra.Command {
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	db := getenv(envDB)
	if db == "" {
		db = defaultDB
	}
	backend := getenv(envBackend)
	if backend == "" {
		backend = graph.Bolt
	}
	root := &cobra.Command{
		Use:   "geokg",
		Short: "Turn news articles into a knowledge graph of geopolitical relations",
		Long: `geokg reads news articles, finds who did what to whom in them (states,
governments, international organisations, armed and political groups,
people), with dates and the sentence that says it, and stores these
relations in a Cayley graph that can be asked questions.

The graph lives in a bolt store, a directory named by --db (default
geokg.db, or $GEOKG_DB). --backend memstore keeps it in memory for the
duration of one command, which is useful for trying things out.
--backend postgres --db postgres://user@host/database keeps it in a
PostgreSQL database that several geokg processes and people can share.

--gazetteer FILE (or $GEOKG_GAZETTEER) adds the actors of FILE to the
built-in ones, or replaces built-in actors of the same name: a tab-separated
table with the columns name, kind, aliases, … (see the gazetteer's README).
Extract and ingest find these actors in text; relations and path accept
their names.

Exit status: 0 when all went well, 1 when something failed (a bad input in
a batch, an unknown entity, a query error), 2 for a usage error.`,
		Example: `  geokg extract article.txt
  geokg ingest testdata/articles
  geokg relations Albania
  geokg path "United States" Iran
  geokg query 'g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()'
  geokg stats`,
		Version:                    buildVersion(),
		SilenceUsage:               true,
		SilenceErrors:              true,
		SuggestionsMinimumDistance: 2,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return nil
			}
			msg := fmt.Sprintf("unknown command %q", args[0])
			if s := cmd.SuggestionsFor(args[0]); len(s) > 0 {
				msg += fmt.Sprintf("; did you mean %s?", strings.Join(s, " or "))
			}
			return usageErrorf("%s", msg)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			return cmd.Help()
		},
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			return checkBackend(cmd, g.Backend)
		},
	}
	root.SetVersionTemplate("geokg {{.Version}}\n")
	root.SetIn(g.In)
	root.SetOut(g.Out)
	root.SetErr(g.Err)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err: err} })
	f := root.PersistentFlags()
	f.StringVar(&g.DB, "db", db, "path of the graph store, or a postgres:// URL with --backend postgres (env "+envDB+")")
	f.StringVar(&g.Backend, "backend", backend, "store backend: "+strings.Join(backends(), ", ")+" (env "+envBackend+")")
	f.StringVar(&g.Gazetteer, "gazetteer", getenv(envGazetteer), "`FILE` of actors (TSV) adding to or overriding the built-in gazetteer (env "+envGazetteer+")")
	return root
}

// addCommands adds every subcommand to root.
func addCommands(root *cobra.Command, g *rootOptions) {
	root.AddCommand(
		newExtractCmd(g, nil),
		newIngestCmd(g, nil),
		newRelationsCmd(g, nil),
		newPathCmd(g, nil),
		newQueryCmd(g, nil),
		newStatsCmd(g, nil),
		newCodeCmd(g, nil),
		newExportCmd(g, nil),
		newEventsCmd(g, nil),
		newVerifyCmd(g, nil),
		newBackupCmd(g, nil),
		newRestoreCmd(g, nil),
		newServeCmd(g, nil),
		newParseCmd(g, nil),
	)
	addCompletions(root, g)
}

// checkBackend reports a backend graph.Open does not know as a usage error
// naming where the value came from.
func checkBackend(cmd *cobra.Command, backend string) error {
	for _, b := range backends() {
		if backend == b {
			return nil
		}
	}
	from := "--backend"
	if f := cmd.Flag("backend"); f != nil && !f.Changed {
		from = envBackend
	}
	return usageErrorf("%s %q: unknown backend; choose one of %s", from, backend, strings.Join(backends(), ", "))
}

// backends lists every backend graph.Open accepts: the embedded ones and
// the database servers.
func backends() []string { return append(graph.Backends(), graph.ServerBackends()...) }

// usageError is a mistake on the command line; geokg exits with status 2.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usageErrorf(format string, args ...any) error {
	return &usageError{err: fmt.Errorf(format, args...)}
}

// positional returns a cobra argument check that reports a wrong number of
// arguments as a usage error: at least min and at most max (max < 0: no
// limit), with what telling what the arguments are.
func positional(min, max int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		switch {
		case len(args) < min && len(args) == 0:
			return usageErrorf("%s: missing %s", cmd.Name(), what)
		case len(args) < min:
			return usageErrorf("%s: want %s, got %d argument(s)", cmd.Name(), what, len(args))
		case max >= 0 && len(args) > max:
			return usageErrorf("%s: want %s, got %d arguments: %s", cmd.Name(), what, len(args), strings.Join(args, " "))
		}
		return nil
	}
}

// isTerminal reports whether w is a terminal; buffers, pipes, files and
// other character devices such as /dev/null are not.
func isTerminal(w any) bool {
	f, ok := w.(*os.File)
	if !ok || f == nil {
		return false
	}
	return term.IsTerminal(int(f.Fd()))
}
