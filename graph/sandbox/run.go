package sandbox

import (
	"context"
	"errors"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"

	"github.com/geokg/geokg/graph"
)

// DefaultMaxResult is the most bytes, about, a query's results may take
// unless Options.MaxResult says otherwise.
const DefaultMaxResult = 64 << 20

// Options bound one query Run or Query runs.
type Options struct {
	// Limit is the most results returned (graph.DefaultQueryLimit when 0).
	Limit int
	// MaxResult is the most bytes, about, the results may take as JSON
	// (DefaultMaxResult when 0); past it the query stops with
	// *ResultTooLargeError.
	MaxResult int64
	// Memory, unless nil, stops the query with *MemoryError when the heap
	// passes its mark while the query runs.
	Memory *Memory
	// JSONLD asks for results collated as JSON-LD (query.JSONLD), where
	// the language has it, rather than plain JSON.
	JSONLD bool
	// Logf, unless nil, logs the panics of Cayley's code the sandbox
	// stops, with their stacks.
	Logf func(format string, args ...any)
}

// QueryError is an error the query language reported: a syntax error, a
// wrong argument, an exception the script threw, a failure of Cayley's
// code the sandbox stopped, or a query the sandbox refuses to run. It is
// the query's own fault (a server answers it with 400).
type QueryError struct{ Err error }

func (e *QueryError) Error() string { return e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

// Viewer is a store a query reads under its shared lock; *graph.Store is
// one.
type Viewer interface {
	View(ctx context.Context, fn func(qs cgraph.QuadStore) error) error
}

// Query runs text in the query language lang (graph.Languages) on st's
// quad store, under its shared lock, as Run does.
func Query(ctx context.Context, st Viewer, lang, text string, o Options) ([]any, error) {
	var out []any
	err := st.View(ctx, func(qs cgraph.QuadStore) error {
		var err error
		out, err = Run(ctx, qs, lang, text, o)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// Run runs text in the query language lang (graph.Languages) on qs and
// returns its results: a Gizmo script in the sandbox, a GraphQL query
// within its nesting caps, an MQL query as Cayley runs it, each stopped
// when ctx is done, when o.Memory's watchdog finds the heap past its
// mark (*MemoryError), and when its results pass o.MaxResult
// (*ResultTooLargeError). The query's own failures come back as
// *QueryError, an unknown language as graph.ErrUnknownLanguage, a done
// ctx as ctx's error. Run returns only when the query has ended: a Gizmo
// script interrupted inside one long call of a built-in (which no
// interrupt reaches) is waited for, so a caller that must answer at a
// deadline runs Run on a goroutine of its own.
func Run(ctx context.Context, qs cgraph.QuadStore, lang, text string, o Options) ([]any, error) {
	l, err := language(lang)
	if err != nil {
		return nil, err
	}
	if o.Limit <= 0 {
		o.Limit = graph.DefaultQueryLimit
	}
	if o.MaxResult <= 0 {
		o.MaxResult = DefaultMaxResult
	}
	if o.Logf == nil {
		o.Logf = func(string, ...any) {}
	}
	defer o.Memory.begin()()
	if l.Name != gizmo.Name { // the Gizmo sandbox watches its memory itself
		var stop func()
		ctx, stop = o.Memory.watchContext(ctx)
		defer stop()
	}
	ses, err := session(l, qs, o)
	if err != nil {
		return nil, err
	}
	out, err := collect(ctx, ses, text, o)
	var me *MemoryError
	if cause := context.Cause(ctx); err != nil && errors.As(cause, &me) {
		return nil, me
	}
	return out, err
}

// language returns the query language lang, one of graph.Languages.
func language(lang string) (*query.Language, error) {
	for _, l := range graph.Languages() {
		if l == lang {
			if ql := query.GetLanguage(lang); ql != nil && ql.Session != nil {
				return ql, nil
			}
		}
	}
	return nil, fmt.Errorf("query language %q: %w (choose one of %s)", lang, graph.ErrUnknownLanguage, strings.Join(graph.Languages(), ", "))
}

// session returns a session of the query language l on qs: for Gizmo,
// one in the sandbox; for GraphQL, one that refuses queries with more
// than maxGraphQLNesting brackets. (MQL is JSON, which encoding/json reads
// to a depth of 10,000 at most.)
func session(l *query.Language, qs cgraph.QuadStore, o Options) (query.Session, error) {
	switch l.Name {
	case gizmo.Name:
		return newSandbox(qs, o.Logf, o.Memory)
	case graph.GraphQL:
		return graphQLSession{l.Session(qs)}, nil
	}
	return l.Session(qs), nil
}

// collect executes text in the session and gathers at most o.Limit
// results, of about o.MaxResult bytes in all (else *ResultTooLargeError).
// Errors of the query itself come back as *QueryError; a done ctx as its
// own error.
func collect(ctx context.Context, ses query.Session, text string, o Options) ([]any, error) {
	col := query.JSON
	if o.JSONLD {
		col = query.JSONLD
	}
	it, err := ses.Execute(ctx, text, query.Options{Collation: col, Limit: o.Limit})
	var uc *query.ErrUnsupportedCollation
	if errors.As(err, &uc) && col != query.JSON {
		it, err = ses.Execute(ctx, text, query.Options{Collation: query.JSON, Limit: o.Limit})
	}
	if err != nil {
		return nil, &QueryError{Err: err}
	}
	defer func() {
		it.Close()
		if _, ok := ses.(*gizmoSandbox); ok {
			// Gizmo runs the script on a goroutine of its own, which an
			// interrupt stops only when the script next runs JavaScript:
			// wait for that, so the caller's slot and read lock last as
			// long as the script does. The script can send nothing more.
			for it.Next(context.Background()) {
			}
		}
	}()
	var (
		out  []any
		size int64
	)
	for len(out) < o.Limit && it.Next(ctx) {
		if r := it.Result(); r != nil { // nil: the end-of-script marker of Gizmo
			if size += resultSize(r); size > o.MaxResult {
				return nil, &ResultTooLargeError{Max: o.MaxResult}
			}
			out = append(out, r)
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err := it.Err(); err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) {
			return nil, err
		}
		return nil, &QueryError{Err: err}
	}
	return out, nil
}
