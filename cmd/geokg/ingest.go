package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/ingest"
	"github.com/geokg/geokg/schema"
)

type ingestOptions struct {
	streams
	articleFlags
	Store    storeOptions
	Paths    []string
	Workers  int    // --workers: articles extracted at once
	Force    bool   // --force: extract and store articles already stored
	Progress bool   // a live progress line on standard error (a terminal)
	Server   string // --server: the URL of a geokg server to store through
	Token    string // --token, or $GEOKG_TOKEN: the server's bearer token
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

Arguments are files, directories (read recursively) and "-" for standard
input; JSONL files are read a line at a time, so they may hold millions of
articles. --workers articles are extracted at once (default: the number of
CPUs), sharing one extractor. Each article is written whole in one
transaction; articles that are ready at the same time share it, so after
a crash the store holds whole articles only.

Ingest resumes: an article the store already holds with the same content
(the same id, or for articles without one the same text) is skipped without
being read again, so an interrupted ingest run again finishes the rest.
--force extracts and stores every article anyway, replacing exactly what an
earlier ingest stored of it: run it after upgrading geokg or changing the
gazetteer. An article whose content changed is always extracted again and
replaced.

A bad input, or an article that fails to extract or to store, is reported
on standard error and skipped; articles stored before it are never touched.
The exit status is then 1.

--server URL stores the articles through a running geokg serve
--allow-writes instead of opening the store: ingest reads the articles here,
as it always does, and posts them one at a time (--workers at once) to the
server, which extracts them with its own gazetteer and limits and writes
each in one transaction while it goes on answering queries. This is how to
add articles to a bolt store that a server holds open: a second process
cannot open it. The server's bearer token comes from --token or, better
(it stays out of the process list), $GEOKG_TOKEN.

On a terminal, standard error shows a progress line with documents per
second and, when the inputs are files, the time left; otherwise it gets one
line per article. A summary ends the run: documents new, updated, unchanged,
skipped and failed, statements and quads written, what the store holds, and
the time taken.`,
		Example: `  # the articles shipped with geokg, into ./geokg.db
  geokg ingest testdata/articles

  # a large corpus on four cores; run it again to resume after a stop
  geokg --db news.db ingest --workers 4 corpus/ feed.jsonl

  # into another store, dating undated articles
  geokg --db news.db ingest --date 2024-03-01 notes/*.txt

  # into a shared PostgreSQL database
  geokg --backend postgres --db postgres://geokg@db.example/geokg ingest corpus/

  # JSONL from another program
  fetch-news | geokg ingest -

  # through a server that holds the store (geokg serve --allow-writes)
  GEOKG_TOKEN=... geokg ingest --server http://127.0.0.1:64210 corpus/`,
		Args: positional(1, -1, "input: name files, directories or - for standard input"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Paths = args
			opts.Store = g.store()
			opts.Gazetteer = g.Gazetteer
			opts.Progress = isTerminal(opts.Err)
			if opts.Workers < 1 {
				return usageErrorf("--workers %d: want at least 1", opts.Workers)
			}
			if opts.Server != "" {
				// Read here, not as a flag default, so --help never shows it.
				if opts.Token == "" {
					opts.Token = os.Getenv(envToken)
				}
				if err := checkServerFlags(cmd, opts.Server); err != nil {
					return err
				}
			}
			if _, err := opts.sourceOptions(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runIngest(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.IntVarP(&opts.Workers, "workers", "j", runtime.NumCPU(), "articles extracted at once, in `N` goroutines sharing one extractor")
	f.BoolVar(&opts.Force, "force", false, "extract and store articles the store already holds, replacing them")
	f.StringVar(&opts.Server, "server", "", "store through the geokg server at `URL` (geokg serve --allow-writes) instead of opening the store")
	f.StringVar(&opts.Token, "token", "", "bearer `TOKEN` of the --server (env "+envToken+", which keeps it out of the process list)")
	opts.articleFlags.register(f)
	return cmd
}

// ingestCounts tallies a run.
type ingestCounts struct {
	docs, created, updated, unchanged int // documents stored
	skipped                           int // already stored, not extracted
	failed                            int
	statements                        int
	added, removed                    int   // quads
	bytes                             int64 // of text read, for the time left
}

// stored counts a document written to the store: new, updated or
// unchanged, with its statements and quads.
func (c *ingestCounts) stored(r ingest.Result) {
	c.docs++
	c.statements += r.Statements
	c.added += r.Write.Added + r.Write.FactsAdded
	c.removed += r.Write.Removed + r.Write.FactsRemoved
	switch r.Status {
	case ingest.Created:
		c.created++
	case ingest.Unchanged:
		c.unchanged++
	default:
		c.updated++
	}
}

// ingestTarget is where ingest stores articles: a store it opens, or a
// server.
type ingestTarget struct {
	// one stores one article; a non-nil error means the run cannot go on
	// (the server cannot be asked).
	one   func(ctx context.Context, doc schema.Document) (ingest.Result, error)
	stats func(ctx context.Context) (graph.Stats, error)
	where string // "store geokg.db", "server http://…"
	// parallel is how many articles are in hand at once: read, being
	// extracted or waiting to be written.
	parallel int
}

// ingestWriteAhead is how many articles each extracting worker may have
// waiting to be written: the store commits the articles that wait
// together, several whole articles in one transaction (graph's group
// commit), which on bolt costs a fraction of one transaction each.
const ingestWriteAhead = 16

// checkServerFlags reports, as a usage error, a flag that names a store
// or the extractor's settings beside --server: the server has its own.
func checkServerFlags(cmd *cobra.Command, addr string) error {
	for _, name := range []string{"db", "backend", "gazetteer", "max-sentence-bytes"} {
		if f := cmd.Flag(name); f != nil && f.Changed {
			return usageErrorf("--%s cannot go with --server: the server at %s stores the articles, in its own store, with its own gazetteer and limits", name, addr)
		}
	}
	if _, err := server.NewClient(addr, ""); err != nil {
		return &usageError{err: fmt.Errorf("--server: %w", err)}
	}
	return nil
}

func runIngest(ctx context.Context, opts *ingestOptions) (err error) {
	start := time.Now()
	src, err := opts.sourceOptions()
	if err != nil {
		return err
	}
	var target ingestTarget
	if opts.Server != "" {
		target, err = serverTarget(opts)
	} else {
		var st *graph.Store
		st, target, err = storeTarget(ctx, opts)
		if st != nil {
			defer closeStore(st, &err)
		}
	}
	if err != nil {
		return err
	}

	// The workers (internal/ingest's Run) share the pipeline and the
	// store: the pipeline is safe for concurrent use, and the store
	// serialises writes. The first error that stops the run cancels it.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var (
		fatalOnce sync.Once
		fatal     error
	)
	one := func(ctx context.Context, doc schema.Document) ingest.Result {
		r, err := target.one(ctx, doc)
		if err != nil {
			fatalOnce.Do(func() {
				fatal = err
				cancel()
			})
			return ingest.Result{Doc: doc, Status: stopped}
		}
		if r.Err != nil && r.Err.Step == ingest.StepWait && ctx.Err() != nil {
			return ingest.Result{Doc: doc, Status: stopped} // stopped before it was read
		}
		return r
	}

	// The collector: Run calls it from this goroutine alone, which alone
	// counts and writes to stderr.
	var c ingestCounts
	prog := &progress{w: opts.Err, live: opts.Progress, start: start}
	errs := newInputErrors(opts.Err)
	// The reader warns from its own goroutine, when it has read all: the
	// warnings are printed after the run, by this one.
	var warnMu sync.Mutex
	var warnings []string
	src.Warn = func(msg string) {
		warnMu.Lock()
		defer warnMu.Unlock()
		warnings = append(warnings, msg)
	}
	if opts.Progress {
		prog.total = make(chan int64, 1)
		go func() { prog.total <- inputBytes(ctx, opts.Paths) }()
	}
	readErr := ingest.Run(ctx, opts.Paths, opts.In, src, target.parallel, one, func(r ingest.Result) {
		switch r.Status {
		case stopped:
			return
		case ingest.Failed:
			c.failed++
			prog.clear()
			errs.print(r.Err)
		case ingest.Skipped:
			c.skipped++
			if !opts.Progress {
				fmt.Fprintf(opts.Err, "ingest: %s %s: skipped, already stored\n", r.Doc.Source, r.Doc.ID)
			}
		default:
			c.stored(r)
			if !opts.Progress {
				fmt.Fprintf(opts.Err, "ingest: %s %s: %d statements, +%d -%d quads\n", r.Doc.Source, r.Doc.ID, r.Statements, r.Write.Added, r.Write.Removed)
			}
		}
		c.bytes += int64(len(r.Doc.Text))
		prog.show(c, r.Doc.Source)
	})
	prog.clear()
	errs.flush()
	warnMu.Lock()
	for _, w := range warnings {
		warnTo(opts.Err)(w)
	}
	warnMu.Unlock()
	if fatal != nil {
		return fatal
	}
	summarize(ctx, opts.Err, target.stats, target.where, c, time.Since(start))
	switch {
	case readErr != nil:
		return readErr
	case ctx.Err() != nil:
		return ctx.Err()
	case c.failed > 0:
		return inputsFailed(c.failed)
	}
	return nil
}

// stopped marks the result of an article the run did not finish: the
// server could not be asked, and the run stops.
const stopped ingest.Status = "stopped"

// storeTarget opens the store and loads the extractor, which ingest
// stores articles with itself.
func storeTarget(ctx context.Context, opts *ingestOptions) (*graph.Store, ingestTarget, error) {
	// The store first: a store another process holds fails at once,
	// before the models are loaded.
	st, err := openStore(ctx, opts.Store, false)
	if err != nil {
		return nil, ingestTarget{}, err
	}
	p, err := newPipeline(opts.Gazetteer, opts.Err, opts.limitOptions(opts.Err)...)
	if err != nil {
		return st, ingestTarget{}, err
	}
	// opts.Workers extract at once; the other goroutines hold articles
	// extracted and waiting to be written, or read and waiting for a
	// worker.
	in := ingest.New(st, func() (ingest.Extractor, error) { return p, nil }, opts.Workers)
	return st, ingestTarget{
		parallel: opts.Workers * ingestWriteAhead,
		one: func(ctx context.Context, doc schema.Document) (ingest.Result, error) {
			return in.Article(ctx, doc, opts.Force), nil
		},
		stats: st.Stats,
		where: "store " + opts.Store.where(),
	}, nil
}

// serverTarget posts articles to the geokg server of --server, which
// extracts and stores them.
func serverTarget(opts *ingestOptions) (ingestTarget, error) {
	c, err := server.NewClient(opts.Server, opts.Token)
	if err != nil {
		return ingestTarget{}, &usageError{err: fmt.Errorf("--server: %w", err)}
	}
	return ingestTarget{
		one: func(ctx context.Context, doc schema.Document) (ingest.Result, error) {
			r := ingest.Result{Doc: doc}
			res, err := c.Ingest(ctx, doc, opts.Force)
			if err != nil {
				return r, err
			}
			r.Status = ingest.Status(res.Status)
			if r.Status == ingest.Failed {
				r.Err = &ingest.Error{Step: ingest.StepWrite, Source: doc.Source, Err: errors.New(res.Error)}
				return r, nil
			}
			r.Statements = res.Statements
			r.Write = graph.WriteResult{Added: res.Added, Removed: res.Removed, Unchanged: res.Unchanged}
			return r, nil
		},
		stats:    c.Stats,
		where:    "server " + c.URL(),
		parallel: opts.Workers,
	}, nil
}

// summarize writes the end-of-run summary; stats gives the counts of
// where, the store or server the articles went to.
func summarize(ctx context.Context, w io.Writer, stats func(context.Context) (graph.Stats, error), where string, c ingestCounts, elapsed time.Duration) {
	fmt.Fprintf(w, "ingest: %d %s (%d new, %d updated, %d unchanged), %d failed; %d statements\n",
		c.docs, plural(c.docs, "document", "documents"), c.created, c.updated, c.unchanged, c.failed, c.statements)
	if c.skipped > 0 {
		fmt.Fprintf(w, "ingest: %d %s skipped, already stored (--force extracts them again)\n", c.skipped, plural(c.skipped, "document", "documents"))
	}
	if stats, err := stats(ctx); err == nil {
		fmt.Fprintf(w, "%s: %d documents, %d statements, %d entities, %d quads\n",
			where, stats.Documents, stats.Statements, stats.Entities, stats.Quads)
	} else if ctx.Err() == nil {
		fmt.Fprintf(w, "geokg: %v\n", err)
	}
	fmt.Fprintf(w, "elapsed %s (%s documents/s, +%d -%d quads, %s quads/s)\n", elapsed.Round(time.Millisecond),
		rate(c.docs, elapsed), c.added, c.removed, rate(c.added+c.removed, elapsed))
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

// inputBytes adds up the sizes of the input files, walking directories,
// for the time left; 0 when an input is standard input or cannot be
// measured.
func inputBytes(ctx context.Context, paths []string) int64 {
	var total int64
	for _, p := range paths {
		if p == "-" {
			return 0
		}
		err := filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				return nil
			}
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if !d.IsDir() {
				if info, err := d.Info(); err == nil {
					total += info.Size()
				}
			}
			return nil
		})
		if err != nil {
			return 0
		}
	}
	return total
}

// progress rewrites one line on a terminal with \r; elsewhere it writes
// nothing.
type progress struct {
	w     io.Writer
	live  bool
	start time.Time
	shown bool
	total chan int64 // the input size, once measured
	size  int64      // 0 until known
}

// maxProgressWidth keeps the line on one row of a common terminal.
const maxProgressWidth = 100

func (p *progress) show(c ingestCounts, current string) {
	if !p.live {
		return
	}
	if p.size == 0 && p.total != nil {
		select {
		case p.size = <-p.total:
			p.total = nil
		default:
		}
	}
	elapsed := time.Since(p.start)
	line := fmt.Sprintf("ingest: %d documents, %d skipped, %d statements, %s docs/s",
		c.docs, c.skipped, c.statements, rate(c.docs+c.skipped, elapsed))
	if eta, ok := timeLeft(c.bytes, p.size, elapsed); ok {
		line += fmt.Sprintf(", %s left", eta)
	}
	line += "  " + current
	fmt.Fprintf(p.w, "\r\x1b[K%s", shorten(line, maxProgressWidth))
	p.shown = true
}

// timeLeft estimates the time to read the rest of size bytes at the rate
// done bytes took; the text of an article is a little shorter than its
// file, so the estimate errs long.
func timeLeft(done, size int64, elapsed time.Duration) (time.Duration, bool) {
	if size <= 0 || done <= 0 || done > size {
		return 0, false
	}
	left := time.Duration(float64(elapsed) * float64(size-done) / float64(done))
	return left.Round(time.Second), true
}

func (p *progress) clear() {
	if p.live && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
