package main

import (
	"context"
	"errors"
	"fmt"
	"log"
	"math"
	"net"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/ingest"
	"github.com/geokg/geokg/internal/resolve"
	"github.com/geokg/geokg/schema"
)

// Environment variables serve reads.
const (
	envToken  = "GEOKG_TOKEN"      // the bearer token for writes
	envMonaco = "GEOKG_MONACO_DIR" // the monaco-editor package for the web UI
)

type serveOptions struct {
	streams
	articleFlags
	Store        storeOptions
	Addr         string        // --addr: host:port to listen on
	Ingest       []string      // --ingest: articles stored before serving
	AllowWrites  bool          // --allow-writes
	Token        string        // --token, or $GEOKG_TOKEN
	MaxBody      int64         // --max-body: in bytes
	QueryTimeout time.Duration // --query-timeout
	QueryLimit   int           // --query-limit
	Concurrent   int           // --max-concurrent
	QueryMemory  int64         // --query-memory
	MaxResult    int64         // --max-result: bytes of one query's results
	CORSOrigins  []string      // --cors-origin, repeatable
	AllowedHosts []string      // --allowed-host, repeatable
	MonacoDir    string        // --monaco-dir, or $GEOKG_MONACO_DIR
	RateLimit    float64       // --rate-limit: requests a second per client; 0: none
	RateBurst    int           // --rate-burst: 0: the rate rounded up
}

func newServeCmd(g *rootOptions, runF func(context.Context, *serveOptions) error) *cobra.Command {
	opts := &serveOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the graph over HTTP: Cayley's API and web UI, geokg's read API, Gephi streaming",
		Long: `Serve makes the graph available over HTTP until it is interrupted (SIGINT or
SIGTERM), then shuts down within 5 seconds: requests in flight get 2
seconds to finish, then their queries are interrupted, and the store is
closed once they end; a query stuck in one long call is left behind, and
the store released as geokg exits. A second signal ends it at once.
Endpoints:

  /explore/                  find an actor; its dated relations, with evidence
                             and sources, on a timeline; its neighbourhood graph
  /                          Cayley's web UI: query, query shape, visualise
  /api/v2/query, /api/v2/read, /api/v2/formats, /api/v2/write, /api/v2/delete
                             Cayley's HTTP API v2
  /api/v1/query/LANG, /api/v1/shape/LANG, /api/v1/write, /api/v1/delete
                             Cayley's v1 endpoints, as its UI and older clients use them
  /api/geokg/v1/entities?q=NAME, /api/geokg/v1/entities/NAME/relations,
  /api/geokg/v1/path?from=&to=, /api/geokg/v1/stats
                             geokg's read API (statement JSON), described by
                             /api/geokg/v1/openapi.json
  /api/geokg/v1/ingest       articles in (POST, JSON or JSONL), extracted and
                             stored as geokg ingest does: geokg ingest --server
  /health                    200 while the store can be read
  /gephi/gs                  Gephi graph streaming of the entity graph

The defaults are safe. The server listens on 127.0.0.1 only; name another
address with --addr to be reachable from elsewhere. It is read-only unless
--allow-writes, and then every write must carry "Authorization: Bearer
TOKEN", the token given by --token or, better (it stays out of the process
list), by $GEOKG_TOKEN; serve refuses to start with writes and no token.
Request bodies are capped by --max-body (413 beyond), every query and lookup
is stopped at --query-timeout (504), even a Gizmo script that loops forever,
at most --max-concurrent of them run at once (the others wait for a slot,
then get 503), and no CORS header is sent unless --cors-origin names the web
origins that may call the API from a browser. No web page of another origin
reaches the API: a request whose Host header names neither the address
listened on, nor localhost, nor a host given with --allowed-host gets 421
(a page whose own name resolves to this machine, DNS rebinding), and a
cross-origin request to the API (any method or content type, a GET query
from an image tag included) gets 403 unless --cors-origin names its origin. --rate-limit N lets each
client (an IP address, or an IPv6 /64) make N requests a second, in bursts
of up to --rate-burst; beyond that it gets 429 with Retry-After (/health is
never limited). Gizmo scripts run in a sandbox: no file system, network,
process or timers, and limits that keep a hostile script from crashing the
server.

--ingest PATH (repeatable) ingests articles, as geokg ingest does, before
serving; with --backend memstore it is the way to fill the in-memory store.

A read-only server (the default) shares a bolt store with the commands
that read it: stats, relations, path, export, query, verify and backup
work beside it from other processes, while a command that writes to the
store (ingest, restore) is refused and told which server to stop. With
--allow-writes the server holds the store alone: another geokg process
cannot open it, and says which process holds it and what to do. Add
articles through such a server instead: geokg ingest --server URL sends them
to /api/geokg/v1/ingest, where they are extracted (with this server's
gazetteer, --max-text-size and --max-sentence-bytes) and each stored in one
transaction, while queries go on; a query sees an article whole or not at
all.

Both web pages work with no network: the server embeds what they load
(Cayley's query editor, Monaco 0.18.1, and icon font; the explore page's
graph library). --monaco-dir or $GEOKG_MONACO_DIR serves another build of
the monaco-editor npm package instead.`,
		Example: `  # the articles shipped with geokg, in memory, at http://127.0.0.1:64210/
  geokg --backend memstore serve --ingest testdata/articles

  # an existing store, with writes for whoever holds the token
  GEOKG_TOKEN=$(openssl rand -hex 16) geokg --db news.db serve --allow-writes

  # reachable from other machines, for a web app on another origin
  geokg serve --addr 0.0.0.0:8080 --allowed-host geokg.example.org --cors-origin https://analyst.example.org

  # each client at most 5 requests a second, in bursts of up to 20
  geokg serve --rate-limit 5 --rate-burst 20

  # then
  curl 'http://127.0.0.1:64210/api/geokg/v1/entities/Albania/relations?predicate=severed_ties_with'`,
		Args: positional(0, 0, "no arguments (name articles to ingest with --ingest)"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Store = g.store()
			opts.Gazetteer = g.Gazetteer
			// Read here, not as flag defaults, so --help never shows the token.
			if opts.Token == "" {
				opts.Token = os.Getenv(envToken)
			}
			if opts.MonacoDir == "" {
				opts.MonacoDir = os.Getenv(envMonaco)
			}
			if err := opts.check(); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runServe(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Addr, "addr", server.DefaultAddr, "listen on `HOST:PORT`")
	f.StringArrayVar(&opts.Ingest, "ingest", nil, "ingest the articles at `PATH` (a file, a directory or -) before serving; repeatable")
	f.BoolVar(&opts.AllowWrites, "allow-writes", false, "enable the write endpoints, each guarded by the bearer token")
	f.StringVar(&opts.Token, "token", "", "bearer `TOKEN` that writes must carry (env "+envToken+", which keeps it out of the process list)")
	f.Int64Var(&opts.MaxBody, "max-body", server.DefaultMaxBody, "largest request body accepted, in `BYTES`")
	f.DurationVar(&opts.QueryTimeout, "query-timeout", server.DefaultQueryTimeout, "longest a query or lookup may run, as a `DURATION` (30s, 2m)")
	f.IntVar(&opts.QueryLimit, "query-limit", server.DefaultQueryLimit, "most results a query returns, `N`")
	f.IntVar(&opts.Concurrent, "max-concurrent", server.DefaultMaxConcurrent(), "most queries and lookups run at once, `N`; the others wait for a slot up to --query-timeout, then get 503")
	f.Int64Var(&opts.MaxResult, "max-result", server.DefaultMaxResult, "stop a query whose results pass about `BYTES` (as JSON), with 400")
	f.Int64Var(&opts.QueryMemory, "query-memory", server.DefaultQueryMemory, "bound what queries may add to the server's heap to `BYTES`: they are stopped, with 503, when they have added an eighth of it; 0: no limit")
	f.StringArrayVar(&opts.CORSOrigins, "cors-origin", nil, "let web pages from `ORIGIN` (https://host[:port], or *) call the API; repeatable")
	f.StringArrayVar(&opts.AllowedHosts, "allowed-host", nil, "accept requests whose Host header names `HOST`, beside the address listened on and localhost (a reverse proxy's or a DNS name); repeatable")
	f.StringVar(&opts.MonacoDir, "monaco-dir", "", "`DIR` of a monaco-editor npm package to serve for the web UI's query editor instead of the embedded one, never a file outside it, symbolic links included (env "+envMonaco+")")
	f.Float64Var(&opts.RateLimit, "rate-limit", 0, "let each client (IP address; IPv6 /64) make `N` requests a second, then answer 429 with Retry-After; 0: no limit")
	f.IntVar(&opts.RateBurst, "rate-burst", 0, "let a client make up to `B` requests at once within --rate-limit; 0: the rate rounded up")
	opts.articleFlags.register(f)
	return cmd
}

// check reports a flag value serve cannot work with as a usage error.
func (o *serveOptions) check() error {
	host, port, err := net.SplitHostPort(o.Addr)
	if err != nil {
		return usageErrorf("--addr %q: want HOST:PORT, such as %s", o.Addr, server.DefaultAddr)
	}
	if _, err := net.LookupPort("tcp", port); err != nil || (host != "" && strings.ContainsAny(host, " /")) {
		return usageErrorf("--addr %q: want HOST:PORT, such as %s", o.Addr, server.DefaultAddr)
	}
	switch {
	case o.AllowWrites && strings.TrimSpace(o.Token) == "":
		return usageErrorf("--allow-writes needs a token for the writes to carry: set %s (or --token)", envToken)
	case o.AllowWrites && len(strings.TrimSpace(o.Token)) < server.MinTokenLength:
		return usageErrorf("the write token has %d characters: want at least %d, such as %s=$(openssl rand -hex 16)", len(strings.TrimSpace(o.Token)), server.MinTokenLength, envToken)
	case o.MaxBody <= 0:
		return usageErrorf("--max-body %d: want a positive number of bytes", o.MaxBody)
	case o.QueryTimeout <= 0:
		return usageErrorf("--query-timeout %s: want a positive duration", o.QueryTimeout)
	case o.QueryLimit <= 0:
		return usageErrorf("--query-limit %d: want a positive number", o.QueryLimit)
	case o.Concurrent <= 0:
		return usageErrorf("--max-concurrent %d: want a positive number", o.Concurrent)
	case o.MaxResult <= 0:
		return usageErrorf("--max-result %d: want a positive number of bytes", o.MaxResult)
	case o.QueryMemory < 0:
		return usageErrorf("--query-memory %d: want a positive number of bytes, or 0 for no limit", o.QueryMemory)
	case o.RateLimit < 0 || math.IsNaN(o.RateLimit) || math.IsInf(o.RateLimit, 0):
		return usageErrorf("--rate-limit %v: want a positive number of requests a second, or 0 for no limit", o.RateLimit)
	case o.RateBurst < 0:
		return usageErrorf("--rate-burst %d: want a positive number of requests", o.RateBurst)
	case o.RateBurst > 0 && o.RateLimit == 0:
		return usageErrorf("--rate-burst %d needs --rate-limit", o.RateBurst)
	}
	if len(o.Ingest) > 0 {
		if _, err := o.sourceOptions(); err != nil {
			return err
		}
	}
	return nil
}

func runServe(ctx context.Context, opts *serveOptions) (err error) {
	// A store kept on disk or in a database is ingested into as geokg
	// ingest does, before serving opens it; the in-memory store lives only
	// in this process, so it is opened first and ingested into here.
	memory := opts.Store.Backend == graph.Memstore
	if len(opts.Ingest) > 0 && !memory {
		err := runIngest(ctx, &ingestOptions{
			streams: opts.streams, articleFlags: opts.articleFlags, Store: opts.Store,
			Paths: opts.Ingest, Workers: runtime.NumCPU(), Progress: isTerminal(opts.Err),
		})
		if err != nil {
			return fmt.Errorf("ingest before serving: %w", err)
		}
	}
	// A read-only server opens a bolt store for reading only, so the
	// read commands of other processes can open it too.
	st, err := openStoreMode(ctx, opts.Store, len(opts.Ingest) == 0, !opts.AllowWrites)
	if err != nil {
		return err
	}
	// A query stuck in a long call may still read the store when the
	// server stops: the store is then left to the process's exit, which
	// releases it, rather than waited for.
	abandon := false
	defer func() {
		if abandon {
			return
		}
		cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), server.ShutdownTimeout)
		defer cancel()
		if cerr := st.CloseContext(cctx); cerr != nil && err == nil {
			err = cerr
		}
	}()
	if len(opts.Ingest) > 0 && memory {
		if err := ingestInto(ctx, opts, st); err != nil {
			return fmt.Errorf("ingest before serving: %w", err)
		}
	}

	gaz, err := loadGazetteer(opts.Store.Gazetteer, opts.Err)
	if err != nil {
		return err
	}
	res, err := resolve.New(st, gaz)
	if err != nil {
		return err
	}
	// The garbage a stopped query leaves is collected before it takes the
	// process past the query memory bound (the tests run this in-process:
	// the previous limit comes back).
	defer debug.SetMemoryLimit(server.SetMemoryLimit(opts.QueryMemory))
	srvOpts := []server.Option{
		server.WithMaxBody(opts.MaxBody),
		server.WithQueryTimeout(opts.QueryTimeout),
		server.WithQueryLimit(opts.QueryLimit),
		server.WithMaxConcurrent(opts.Concurrent),
		server.WithQueryMemory(opts.QueryMemory),
		server.WithMaxResult(opts.MaxResult),
		server.WithResolver(res),
		server.WithErrorLog(log.New(opts.Err, "geokg serve: ", log.LstdFlags)),
	}
	if opts.AllowWrites {
		ingest, err := ingestOption(opts, st, gaz)
		if err != nil {
			return err
		}
		srvOpts = append(srvOpts, server.WithWrites(opts.Token), ingest)
	}
	if len(opts.CORSOrigins) > 0 {
		srvOpts = append(srvOpts, server.WithCORS(opts.CORSOrigins...))
	}
	if len(opts.AllowedHosts) > 0 {
		srvOpts = append(srvOpts, server.WithAllowedHosts(opts.AllowedHosts...))
	}
	if opts.RateLimit > 0 {
		srvOpts = append(srvOpts, server.WithRateLimit(opts.RateLimit, opts.RateBurst))
	}
	if opts.MonacoDir != "" {
		// Served through an os.Root: no path, and no symbolic link in the
		// folder, leads out of it.
		root, err := os.OpenRoot(opts.MonacoDir)
		if err != nil {
			return fmt.Errorf("monaco editor: no min/vs/loader.js in %q (want the root of the monaco-editor npm package): %w", opts.MonacoDir, err)
		}
		defer root.Close()
		srvOpts = append(srvOpts, server.WithMonaco(root.FS()))
	}
	srv, err := server.New(st, srvOpts...)
	if errors.Is(err, server.ErrBadOption) {
		return &usageError{err: err}
	}
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	mode := "read-only"
	switch {
	case st.Standby():
		mode = "read-only: the store is a PostgreSQL hot standby; write to its primary"
		if opts.AllowWrites {
			fmt.Fprintf(opts.Err, "geokg serve: warning: --allow-writes: the store is a PostgreSQL hot standby, which is read-only; the write endpoints answer 403\n")
		}
	case opts.AllowWrites:
		mode = "writes need the bearer token"
	}
	fmt.Fprintf(opts.Err, "geokg serve: store %s; listening on http://%s/ (%s); stop with Ctrl-C\n", opts.Store.where(), ln.Addr(), mode)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(opts.Err, "geokg serve: warning: %s is reachable from other machines; anyone who reaches it can read the graph\n", ln.Addr())
	}
	// A process refused the bolt store's lock names this server, and with
	// writes, where to send its articles.
	if err := st.SetServer(localURL(ln.Addr()), opts.AllowWrites); err != nil {
		fmt.Fprintf(opts.Err, "geokg serve: warning: %v\n", err)
	}
	err = srv.Serve(ctx, ln)
	if errors.Is(err, server.ErrQueriesRunning) {
		abandon = true
		fmt.Fprintf(opts.Err, "geokg serve: stopped, with a query still running (%v); the store is released as geokg exits\n", err)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintln(opts.Err, "geokg serve: stopped")
	return nil
}

// ingestOption enables the server's ingest endpoint, which extracts with
// the gazetteer and input limits serve was given; the extractor is loaded
// on the first article posted.
func ingestOption(opts *serveOptions, st *graph.Store, gaz *gazetteer.Gazetteer) (server.Option, error) {
	src, err := opts.sourceOptions()
	if err != nil {
		return nil, err
	}
	limits := opts.limitOptions(opts.Err)
	newEx := func() (ingest.Extractor, error) {
		p, err := extract.New(append([]extract.Option{extract.WithGazetteer(gaz)}, limits...)...)
		if err != nil {
			return nil, fmt.Errorf("load extractor: %w", err)
		}
		return p, nil
	}
	// One extraction a CPU keeps a burst of ingests from taking every CPU
	// from the readers for long.
	return server.WithIngest(ingest.Server{In: ingest.New(st, newEx, runtime.GOMAXPROCS(0)), Src: src}), nil
}

// localURL is the URL at which a client on this machine reaches a server
// listening on addr: a server listening on every interface is reached on
// the loopback one.
func localURL(addr net.Addr) string {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://" + addr.String()
	}
	host := tcp.IP
	switch {
	case host.IsUnspecified() && host.To4() != nil:
		host = net.IPv4(127, 0, 0, 1)
	case host.IsUnspecified():
		host = net.IPv6loopback
	}
	return "http://" + net.JoinHostPort(host.String(), strconv.Itoa(tcp.Port))
}

// ingestInto ingests the --ingest articles into the open store st, one at a
// time, as geokg ingest does for each article.
func ingestInto(ctx context.Context, opts *serveOptions, st *graph.Store) error {
	start := time.Now()
	src, err := opts.sourceOptions()
	if err != nil {
		return err
	}
	p, err := newPipeline(opts.Gazetteer, opts.Err, opts.limitOptions(opts.Err)...)
	if err != nil {
		return err
	}
	var c ingestCounts
	in := ingest.New(st, func() (ingest.Extractor, error) { return p, nil }, 0)
	readErr := ingest.Run(ctx, opts.Ingest, opts.In, src, 1, func(ctx context.Context, doc schema.Document) ingest.Result {
		return in.Article(ctx, doc, false)
	}, func(r ingest.Result) {
		switch r.Status {
		case ingest.Failed:
			c.failed++
			fmt.Fprintf(opts.Err, "geokg: %v\n", r.Err)
		case ingest.Skipped:
			c.skipped++
		default:
			c.stored(r)
		}
	})
	summarize(ctx, opts.Err, st.Stats, "store "+opts.Store.where(), c, time.Since(start))
	switch {
	case readErr != nil:
		return readErr
	case c.failed > 0:
		return inputsFailed(c.failed)
	}
	return nil
}
