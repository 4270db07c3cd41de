package server

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"math"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
	"github.com/geokg/geokg/schema"
)

// Defaults of the options.
const (
	// DefaultAddr is where `geokg serve` listens: the loopback interface
	// only, on Cayley's usual port.
	DefaultAddr = "127.0.0.1:64210"
	// DefaultMaxBody is the largest request body accepted, in bytes;
	// larger ones get 413.
	DefaultMaxBody = 10 << 20
	// DefaultQueryTimeout is how long a query or a lookup may run before it
	// is stopped and answered with 504.
	DefaultQueryTimeout = 30 * time.Second
	// DefaultQueryLimit is the largest number of results a query returns,
	// as in Cayley's HTTP API.
	DefaultQueryLimit = graph.DefaultQueryLimit
)

// DefaultMaxConcurrent is the number of queries and lookups that run at
// once unless WithMaxConcurrent says otherwise: eight per CPU the Go
// runtime uses.
func DefaultMaxConcurrent() int { return 8 * runtime.GOMAXPROCS(0) }

// Timeouts of the HTTP server Serve runs, beside the query timeout.
const (
	ReadHeaderTimeout = 10 * time.Second  // to read a request's headers
	ReadTimeout       = 60 * time.Second  // to read a whole request, body included
	IdleTimeout       = 120 * time.Second // a kept-alive connection waiting for its next request
	// ShutdownGrace is how long requests in flight when Serve stops may
	// go on; then their contexts are cancelled, which stops their queries.
	ShutdownGrace = 2 * time.Second
	// ShutdownTimeout is the longest Serve waits, in all, for requests and
	// queries to end once it stops; it then returns whatever still runs.
	ShutdownTimeout = 5 * time.Second
	// writeMargin is added to twice the query timeout (the longest wait for
	// a work slot and the longest run) to give the write timeout: a query
	// that ran its full time still has this long to send its answer.
	writeMargin = 30 * time.Second
)

// Errors New returns for options it cannot work with.
var (
	// ErrNoToken is returned by New when writes are enabled without a
	// bearer token to guard them.
	ErrNoToken = errors.New("writes enabled without a token: every write needs a bearer token")
	// ErrBadOption is returned by New for an option value out of range.
	ErrBadOption = errors.New("bad option")
	// ErrShortToken is returned by New for a write token shorter than
	// MinTokenLength, which could be guessed.
	ErrShortToken = fmt.Errorf("token too short: want at least %d characters, such as the output of openssl rand -hex 16", MinTokenLength)
)

// MinTokenLength is the fewest characters a write token may have.
const MinTokenLength = 16

// Store is what the server needs of a graph store; *graph.Store has it.
type Store interface {
	// QuadStore is the Cayley quad store, for Cayley's own handlers; the
	// server uses it only under View or Update.
	QuadStore() cgraph.QuadStore
	View(ctx context.Context, fn func(qs cgraph.QuadStore) error) error
	Update(ctx context.Context, fn func(qs cgraph.QuadStore) error) error

	Entity(ctx context.Context, iri string) (schema.Entity, error)
	FindEntities(ctx context.Context, q string, limit int) ([]schema.Entity, error)
	Relations(ctx context.Context, iri string, f graph.Filter) ([]schema.Statement, error)
	RelationsPage(ctx context.Context, iri string, f graph.Filter, p graph.Page) (graph.RelationsPage, error)
	Paths(ctx context.Context, from, to string, maxDepth int) ([]graph.Path, error)
	Document(ctx context.Context, iri string) (schema.Document, error)
	Stats(ctx context.Context) (graph.Stats, error)
	AllEntities(ctx context.Context) ([]schema.Entity, error)
	AllStatements(ctx context.Context) ([]schema.Statement, error)
	EachArticle(ctx context.Context, f graph.Filter, fn func(schema.Document, []schema.Statement) error) error
	// Damaged returns the damage a read found in the store, or nil.
	Damaged() error
}

var _ Store = (*graph.Store)(nil)

type config struct {
	writes        bool
	token         string
	maxBody       int64
	queryTimeout  time.Duration
	queryLimit    int
	maxResult     int64 // bytes of one query's results, about; see result.go
	maxConcurrent int
	queryMemory   int64 // heap limit while Gizmo scripts run; 0: none
	corsOrigins   []string
	allowedHosts  []string // Host header names beside the address reached and loopback; see origin.go
	monaco        fs.FS
	resolver      Resolver // nil: storeResolver
	errorLog      *log.Logger
	ingest        Ingester // POST /api/geokg/v1/ingest; see WithIngest in ingest.go

	// The rate limit (ratelimit.go).
	ratePerSecond float64          // requests a second per client; 0: no limit
	rateBurst     int              // the most requests in a burst
	now           func() time.Time // its clock; nil: time.Now
}

// Option configures New.
type Option func(*config)

// WithWrites enables the write endpoints (/api/v2/write, /api/v2/delete,
// /api/v1/write, /api/v1/delete), each guarded by the bearer token: a
// request must carry "Authorization: Bearer TOKEN". New fails with
// ErrNoToken when token is empty, and with ErrShortToken when it has fewer
// than MinTokenLength characters.
func WithWrites(token string) Option {
	return func(c *config) { c.writes, c.token = true, token }
}

// WithMaxBody caps request bodies at n bytes (DefaultMaxBody); a larger
// body is answered with 413.
func WithMaxBody(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithQueryTimeout sets how long a query, a shape or a lookup may run
// (DefaultQueryTimeout) before it is stopped and answered with 504.
func WithQueryTimeout(d time.Duration) Option { return func(c *config) { c.queryTimeout = d } }

// WithQueryLimit sets the largest number of results a query returns
// (DefaultQueryLimit).
func WithQueryLimit(n int) Option { return func(c *config) { c.queryLimit = n } }

// WithMaxConcurrent sets how many queries, shapes and lookups run at once
// (DefaultMaxConcurrent); the others wait for a slot, up to the query
// timeout, and then get 503. The query timeout counts from when a request
// gets its slot.
func WithMaxConcurrent(n int) Option { return func(c *config) { c.maxConcurrent = n } }

// WithQueryMemory sets the bound, in bytes, on what queries may add to
// the server's heap (DefaultQueryMemory); 0 turns the watchdog off.
// While a Gizmo script, GraphQL or MQL query runs, a watchdog reads the
// heap's size every 200 µs and, when it is past the server's own
// heap (measured while no query runs) by more than an eighth of n, even
// after a garbage collection, interrupts the queries, which are answered
// with 503 and Retry-After. The eighth leaves room for the instruction
// under way, which may double what a script holds (s += s), and for a
// watchdog that gets the CPU late; see sandbox.Memory. Every query
// running at that moment is stopped, whichever took the memory.
// Built-ins that allocate in one call are capped separately, since no
// interrupt reaches them.
func WithQueryMemory(n int64) Option { return func(c *config) { c.queryMemory = n } }

// WithCORS lets web pages from the given origins ("https://example.org",
// or "*" for any) call the API from a browser. Without it the server sends
// no CORS headers, so browsers keep other origins out.
func WithCORS(origins ...string) Option {
	return func(c *config) { c.corsOrigins = append(c.corsOrigins, origins...) }
}

// WithMonaco serves the Monaco editor, which Cayley's web UI uses for its
// query editor, from fsys: the root of the monaco-editor npm package
// (version 0.18, the one the UI was built with), holding min/vs/loader.js.
// Without it the server serves the Monaco 0.18.1 embedded in it (the files
// the UI loads; see web/vendor.sh), so the UI needs no network either way.
func WithMonaco(fsys fs.FS) Option { return func(c *config) { c.monaco = fsys } }

// WithErrorLog logs internal errors, which clients see only as "internal
// error", and panics to l. By default they are dropped.
func WithErrorLog(l *log.Logger) Option { return func(c *config) { c.errorLog = l } }

// Server is geokg's HTTP handler; New builds it.
type Server struct {
	store    Store
	standby  bool // the store is a PostgreSQL hot standby: no writes whatever cfg says
	cfg      config
	tokenSum [sha256.Size]byte
	handler  http.Handler
	cayley   *cayleyhttp.APIv2 // upstream handlers: /api/v2/read, /api/v2/formats
	writer   cgraph.QuadWriter // raw writes, under the store's exclusive lock
	slots    chan struct{}     // one token for each query or lookup running
	running  sync.WaitGroup    // queries run by detached, until they really end
	authFail *authFailures     // wrong tokens by client, for the backoff
	mem      *sandbox.Memory   // the heap bound while queries run; nil: none
	resolver Resolver
	ui       *uiAssets
	answers  answerCache // the read API's answers, per generation of the store (answers.go)
}

// New returns the handler serving st with the given options. It fails when
// an option is out of range, or writes are enabled without a token.
func New(st Store, opts ...Option) (*Server, error) {
	c := config{
		maxBody:       DefaultMaxBody,
		queryTimeout:  DefaultQueryTimeout,
		queryLimit:    DefaultQueryLimit,
		maxResult:     DefaultMaxResult,
		maxConcurrent: DefaultMaxConcurrent(),
		queryMemory:   DefaultQueryMemory,
		errorLog:      log.New(io.Discard, "", 0),
	}
	for _, o := range opts {
		o(&c)
	}
	switch {
	case c.writes && strings.TrimSpace(c.token) == "":
		return nil, fmt.Errorf("new server: %w", ErrNoToken)
	case c.writes && len(strings.TrimSpace(c.token)) < MinTokenLength:
		return nil, fmt.Errorf("new server: %w", ErrShortToken)
	case c.maxBody <= 0:
		return nil, fmt.Errorf("new server: max body %d: %w: want a positive number of bytes", c.maxBody, ErrBadOption)
	case c.queryTimeout <= 0:
		return nil, fmt.Errorf("new server: query timeout %v: %w: want a positive duration", c.queryTimeout, ErrBadOption)
	case c.maxResult <= 0:
		return nil, fmt.Errorf("new server: max result %d: %w: want a positive number of bytes", c.maxResult, ErrBadOption)
	case c.queryLimit <= 0:
		return nil, fmt.Errorf("new server: query limit %d: %w: want a positive number", c.queryLimit, ErrBadOption)
	case c.maxConcurrent <= 0:
		return nil, fmt.Errorf("new server: max concurrent %d: %w: want a positive number", c.maxConcurrent, ErrBadOption)
	case c.queryMemory < 0:
		return nil, fmt.Errorf("new server: query memory %d: %w: want a positive number of bytes, or 0 for no limit", c.queryMemory, ErrBadOption)
	}
	if err := c.checkRateLimit(); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	for _, o := range c.corsOrigins {
		if err := checkOrigin(o); err != nil {
			return nil, fmt.Errorf("new server: CORS origin %q: %w: %v", o, ErrBadOption, err)
		}
	}
	for _, h := range c.allowedHosts {
		if h == "" || strings.ContainsAny(h, "/ @?#") {
			return nil, fmt.Errorf("new server: allowed host %q: %w: want a host name or an IP address", h, ErrBadOption)
		}
	}
	s := &Server{store: st, cfg: c, authFail: newAuthFailures(c.now), tokenSum: sha256.Sum256([]byte(strings.TrimSpace(c.token))), slots: make(chan struct{}, c.maxConcurrent)}
	s.mem = sandbox.NewMemory(c.queryMemory)
	s.standby = standby(st)

	qs := st.QuadStore()
	w, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		return nil, fmt.Errorf("new server: quad writer: %w", err)
	}
	s.writer = w
	s.cayley = cayleyhttp.NewAPIv2(&cgraph.Handle{QuadStore: qs, QuadWriter: w})
	s.cayley.SetReadOnly(true) // only /api/v2/read and /api/v2/formats are Cayley's own

	s.resolver = c.resolver
	if s.resolver == nil {
		s.resolver = storeResolver{st: st}
	}
	if s.ui, err = newUIAssets(c.monaco); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	s.handler = s.routes()
	return s, nil
}

// checkOrigin accepts "*" or an origin: scheme://host[:port], nothing more.
func checkOrigin(o string) error {
	if o == "*" {
		return nil
	}
	u, err := url.Parse(o)
	if err != nil {
		return err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.User != nil {
		return errors.New(`want "*" or scheme://host[:port]`)
	}
	return nil
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// ReadOnly reports whether the write endpoints are disabled: writes were
// not enabled, or the store is a PostgreSQL hot standby (graph.Store.Standby).
func (s *Server) ReadOnly() bool { return !s.cfg.writes || s.standby }

// standby reports whether st is a PostgreSQL hot standby: a Store that
// says so with a Standby method, as *graph.Store does.
func standby(st Store) bool {
	sb, ok := st.(interface{ Standby() bool })
	return ok && sb.Standby()
}

// errStandby is what the write endpoints answer on a hot standby.
const errStandby = "this server is read-only: its store is a PostgreSQL hot standby (a read replica); write to the primary"

// Serve answers requests on ln until ctx is done, then shuts down: it
// stops accepting connections, lets the requests in flight go on for
// ShutdownGrace, then cancels their contexts, which interrupts their
// queries (Gizmo scripts included), and waits for them and for the
// queries still running after their answer (see detached) until
// ShutdownTimeout from the start, before closing the rest. So a stuck
// query delays the stop by ShutdownTimeout at most. It returns nil after
// a shutdown ctx asked for, ErrQueriesRunning when queries were still
// running at the end (the store must not be closed under them without a
// bound), and the server's error otherwise. The HTTP server has read, write and idle timeouts: the write
// timeout outlasts a wait for a work slot and a query run to its deadline
// (twice the query timeout) by 30 seconds, so such a query still gets its
// answer out.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      2*s.cfg.queryTimeout + writeMargin,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          s.cfg.errorLog,
	}
	reqCtx, stopRequests := context.WithCancel(context.WithoutCancel(ctx))
	defer stopRequests()
	srv.BaseContext = func(net.Listener) context.Context { return reqCtx }
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve %s: %w", ln.Addr(), err)
	case <-ctx.Done():
	}
	grace := time.AfterFunc(ShutdownGrace, stopRequests)
	defer grace.Stop()
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(sctx)
	if err != nil {
		srv.Close()
	}
	stopRequests()
	if serr := <-errc; serr != nil && !errors.Is(serr, http.ErrServerClosed) && err == nil {
		err = serr
	}
	queries := make(chan struct{})
	go func() {
		s.running.Wait()
		close(queries)
	}()
	select {
	case <-queries:
	case <-sctx.Done():
		if err == nil {
			err = ErrQueriesRunning
		}
	}
	if err != nil {
		return fmt.Errorf("shut down %s: %w", ln.Addr(), err)
	}
	return nil
}

// ErrQueriesRunning is returned by Serve when queries were still running
// ShutdownTimeout after it began to stop: interrupted, but inside a long
// call that no interrupt reaches. They hold the store's read lock.
var ErrQueriesRunning = errors.New("queries still running after the shutdown timeout")

// route is one endpoint: the methods it answers and its handler.
type route struct {
	methods []string
	h       http.HandlerFunc
}

// routes registers every endpoint on a mux and wraps it in the middleware
// every request goes through.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	handle := func(pattern string, methods []string, h http.HandlerFunc) {
		mux.Handle(pattern, route{methods: methods, h: h})
	}
	get := []string{http.MethodGet, http.MethodHead}
	getPost := []string{http.MethodGet, http.MethodHead, http.MethodPost}
	post := []string{http.MethodPost}

	// Cayley's API v2.
	handle("/api/v2/query", getPost, s.handleV2Query)
	handle("/api/v2/read", getPost, s.viewing(s.cayley.ServeRead))
	handle("/api/v2/formats", get, s.cayley.ServeFormats)
	handle("/api/v2/write", post, s.writing(s.handleV2Write))
	handle("/api/v2/delete", post, s.writing(s.handleV2Delete))
	// Cayley's API v1, as its UI and older clients use it.
	handle("/api/v1/query/{lang}", post, s.handleV1Query)
	handle("/api/v1/shape/{lang}", post, s.handleV1Shape)
	handle("/api/v1/write", post, s.writing(s.handleV1Write))
	handle("/api/v1/delete", post, s.writing(s.handleV1Delete))
	// geokg's read API.
	handle("/api/geokg/v1/entities", get, s.handleEntities)
	handle("/api/geokg/v1/entities/{name}", get, s.kept(s.handleEntity))
	handle("/api/geokg/v1/entities/{name}/relations", get, s.kept(s.handleRelations))
	handle("/api/geokg/v1/path", get, s.kept(s.handlePath))
	handle("/api/geokg/v1/stats", get, s.kept(s.handleStats))
	handle("/api/geokg/v1/events", get, s.handleEvents)
	handle(IngestPath, post, s.writing(s.handleIngest))
	handle("/api/geokg/v1/openapi.json", get, handleOpenAPI)
	handle("/health", get, s.handleHealth)
	// Gephi's graph streaming.
	handle("/gephi/gs", get, s.handleGephi)
	// Anything else under the API prefixes is an unknown endpoint; the rest
	// is the web UI.
	handle("/api/", nil, notFound)
	handle("/gephi/", nil, notFound)
	handle(ExplorePath, get, s.ui.serveExplore)
	handle("/", get, s.ui.serve)

	var h http.Handler = mux
	h = s.limitBody(h)
	h = s.rateLimit(h)
	h = s.guardOrigin(h)
	h = s.cors(h)
	h = s.checkHost(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	return h
}

func (rt route) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if rt.methods == nil { // a catch-all
		rt.h(w, r)
		return
	}
	for _, m := range rt.methods {
		if r.Method == m {
			rt.h(w, r)
			return
		}
	}
	allow := strings.Join(rt.methods, ", ")
	w.Header().Set("Allow", allow)
	writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s; use %s", r.Method, r.URL.Path, allow))
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, fmt.Sprintf("no endpoint %s", r.URL.Path))
}

// viewing runs h in a work slot under the store's shared lock, for
// Cayley's handlers that read the quad store directly.
func (s *Server) viewing(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		_, done, err := s.work(r.Context())
		if err != nil {
			s.fail(w, r, err)
			return
		}
		defer done()
		// Cayley's handlers send their status before they read: a store
		// known to be damaged is refused first, rather than streamed
		// until the damage cuts the answer short.
		if err := s.store.Damaged(); err != nil {
			s.fail(w, r, err)
			return
		}
		err = s.store.View(r.Context(), func(cgraph.QuadStore) error {
			h(w, r)
			return nil
		})
		if err != nil {
			s.fail(w, r, err)
		}
	}
}

// errBusy is a request that found no free work slot within the query
// timeout; it gets 503.
var errBusy = errors.New("the server is busy: every work slot stayed taken for the query timeout; try again later")

// work waits for a free work slot, at most the query timeout, and returns
// a context bounded by the query timeout from then on and the function
// that frees the slot. So the timeout bounds the work, not the wait behind
// other requests, and at most MaxConcurrent queries and lookups run at
// once, however many clients call.
func (s *Server) work(ctx context.Context) (context.Context, func(), error) {
	wait := time.NewTimer(s.cfg.queryTimeout)
	defer wait.Stop()
	select {
	case s.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	case <-wait.C:
		return nil, nil, errBusy
	}
	wctx, cancel := context.WithTimeout(ctx, s.cfg.queryTimeout)
	return wctx, func() {
		cancel()
		<-s.slots
	}, nil
}

// writing guards a write endpoint: it answers 403 when writes are
// disabled, 401 without the bearer token, and 429 to a client that sent
// too many wrong tokens, for a while (authfail.go).
func (s *Server) writing(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if s.standby {
			writeError(w, http.StatusForbidden, errStandby)
			return
		}
		if !s.cfg.writes {
			writeError(w, http.StatusForbidden, "this server is read-only: writes are disabled")
			return
		}
		client := clientOf(r)
		if wait := s.authFail.wait(client); wait > 0 {
			secs := int(math.Ceil(wait.Seconds()))
			w.Header().Set("Retry-After", strconv.Itoa(secs))
			writeError(w, http.StatusTooManyRequests, fmt.Sprintf("too many wrong tokens from %s: try again in %d s", client, secs))
			return
		}
		if !s.authorized(r) {
			s.authFail.failed(client)
			w.Header().Set("WWW-Authenticate", `Bearer realm="geokg"`)
			writeError(w, http.StatusUnauthorized, "writes need an Authorization: Bearer header with the server's token")
			return
		}
		s.authFail.succeeded(client)
		h(w, r)
	}
}
