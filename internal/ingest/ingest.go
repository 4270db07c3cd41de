package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Extractor finds the statements of an article; *extract.Pipeline is one.
// It must be safe for concurrent use: articles are extracted several at
// once.
type Extractor interface {
	Extract(ctx context.Context, doc schema.Document) ([]schema.Statement, error)
}

// Store is what ingesting needs of a store: the resume check and the
// write of one article in one transaction. *graph.Store has it.
type Store interface {
	DocumentStatus(ctx context.Context, doc schema.Document) (graph.DocumentStatus, error)
	Ingest(ctx context.Context, doc schema.Document, stmts []schema.Statement) (graph.WriteResult, error)
}

var _ Store = (*graph.Store)(nil)

// Status is what became of one article.
type Status string

// The statuses of an article.
const (
	Created   Status = "new"       // the store did not hold it
	Updated   Status = "updated"   // it held another version, now replaced
	Unchanged Status = "unchanged" // extracted again (force), and the store already held exactly that
	Skipped   Status = "skipped"   // the store holds it with the same content; not extracted again
	Failed    Status = "failed"    // bad input, or the resume check, extraction or write failed: see Err
)

// Step is where an article failed.
type Step string

// The steps of one article.
const (
	StepRead    Step = "read"    // the input: not an article (a *source.Error)
	StepStatus  Step = "status"  // the resume check: the store could not be read
	StepWait    Step = "wait"    // waiting for an extraction slot: cancelled
	StepExtract Step = "extract" // the extractor refused it
	StepWrite   Step = "write"   // the store did not write it
)

// Error is why one article failed: at which step, the article's source
// ("file.txt", "-:12") and the cause.
type Error struct {
	Step   Step
	Source string
	Err    error
}

// Error reads as geokg ingest reports it: the input's own error for a
// bad input, "SOURCE: extract: CAUSE" for an extraction, else
// "SOURCE: CAUSE".
func (e *Error) Error() string {
	switch e.Step {
	case StepRead:
		return e.Err.Error()
	case StepExtract:
		return fmt.Sprintf("%s: extract: %v", e.Source, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Source, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// Result is what became of one article, or of one input that was none.
type Result struct {
	Doc        schema.Document
	Status     Status
	Statements int               // statements extracted
	Write      graph.WriteResult // quads added, removed, already stored
	Err        *Error            // why it failed (Status Failed)
}

// Line is the article's line in the input it was read from, from 1 (a
// JSONL file, or standard input, "-:12"), or 0.
func (r Result) Line() int {
	var se *source.Error
	if r.Err != nil && errors.As(r.Err.Err, &se) {
		return se.Line
	}
	src := r.Doc.Source
	n, err := strconv.Atoi(src[strings.LastIndexByte(src, ':')+1:])
	if err != nil {
		return 0
	}
	return n
}

// failed returns the Result of an input that is no article.
func failed(err error) Result {
	return Result{Status: Failed, Err: &Error{Step: StepRead, Err: err}}
}

// Ingester stores articles in a store with an extractor. It is safe for
// concurrent use.
type Ingester struct {
	store        Store
	newExtractor func() (Extractor, error)
	slots        chan struct{} // nil: no bound on the extractions at once

	once sync.Once
	ex   Extractor
	err  error
}

// New returns an Ingester that stores articles in st, extracting them
// with the Extractor newExtractor returns, called once, when it is first
// needed (loading the models takes a while, and a server that never
// ingests need not). maxExtracting bounds the extractions running at
// once (a server keeps a burst of ingests from taking every CPU from its
// readers); 0 leaves them unbounded.
func New(st Store, newExtractor func() (Extractor, error), maxExtracting int) *Ingester {
	in := &Ingester{store: st, newExtractor: newExtractor}
	if maxExtracting > 0 {
		in.slots = make(chan struct{}, maxExtracting)
	}
	return in
}

// Extractor returns the extractor, loading it on first use.
func (in *Ingester) Extractor() (Extractor, error) {
	in.once.Do(func() {
		if in.newExtractor != nil {
			in.ex, in.err = in.newExtractor()
		}
		if in.err == nil && in.ex == nil {
			in.err = errors.New("no extractor given")
		}
	})
	return in.ex, in.err
}

// Article stores one article: skipped when the store holds it with the
// same content (unless force), else extracted and written in one
// transaction.
func (in *Ingester) Article(ctx context.Context, doc schema.Document, force bool) Result {
	r := Result{Doc: doc}
	fail := func(step Step, err error) Result {
		r.Status, r.Err = Failed, &Error{Step: step, Source: doc.Source, Err: err}
		return r
	}
	if !force {
		status, err := in.store.DocumentStatus(ctx, doc)
		if err != nil {
			return fail(StepStatus, err)
		}
		if status == graph.DocumentCurrent {
			r.Status = Skipped
			return r
		}
	}
	ex, err := in.Extractor()
	if err != nil {
		return fail(StepExtract, err)
	}
	if in.slots != nil {
		select {
		case in.slots <- struct{}{}:
		case <-ctx.Done():
			return fail(StepWait, ctx.Err())
		}
	}
	stmts, err := ex.Extract(ctx, doc)
	if in.slots != nil {
		<-in.slots
	}
	if err != nil {
		return fail(StepExtract, err)
	}
	w, err := in.store.Ingest(ctx, doc, stmts)
	if err != nil {
		return fail(StepWrite, err)
	}
	r.Statements, r.Write = len(stmts), w
	switch {
	case w.Unchanged == 0 && w.Removed == 0:
		r.Status = Created
	case w.Added == 0 && w.Removed == 0:
		r.Status = Unchanged
	default:
		r.Status = Updated
	}
	return r
}

// ReadJSONL stores the articles of body, JSONL as geokg ingest reads it
// from standard input, one at a time and in order, calling emit with what
// became of each (and of each line that is no article). It stops when ctx
// is done, returning ctx's error, or when body cannot be read.
func (in *Ingester) ReadJSONL(ctx context.Context, body io.Reader, src source.Options, force bool, emit func(Result)) error {
	return source.Read(ctx, []string{"-"}, body, src, func(doc schema.Document) error {
		r := in.Article(ctx, doc, force)
		if err := ctx.Err(); err != nil {
			return err
		}
		emit(r)
		return nil
	}, func(err error) { emit(failed(err)) })
}

// Run reads the articles at paths (files, directories, "-" for stdin) and
// hands them to workers goroutines, each calling one for an article; it
// calls collect with every result, and with every input that is no
// article, from the goroutine that called Run, one at a time, in the
// order they end. It returns the error that stopped the reading, or nil;
// cancelling ctx stops it (collect can cancel it).
func Run(ctx context.Context, paths []string, stdin io.Reader, src source.Options, workers int, one func(context.Context, schema.Document) Result, collect func(Result)) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	workers = max(workers, 1)
	jobs := make(chan schema.Document, 2*workers)
	results := make(chan Result, 2*workers)

	// The reader: one goroutine walks the inputs in order and hands
	// articles to the workers, waiting when they are all busy.
	var readErr error
	readDone := make(chan struct{})
	go func() {
		defer close(readDone)
		defer close(jobs)
		emit := func(doc schema.Document) error {
			select {
			case jobs <- doc:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		report := func(err error) {
			select {
			case results <- failed(err):
			case <-ctx.Done():
			}
		}
		readErr = source.Read(ctx, paths, stdin, src, emit, report)
	}()

	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for doc := range jobs {
				r := one(ctx, doc)
				select {
				case results <- r:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	go func() {
		<-readDone
		wg.Wait()
		close(results)
	}()
	for r := range results {
		collect(r)
	}
	return readErr
}
