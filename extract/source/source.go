package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/geokg/geokg/internal/quote"
	"github.com/geokg/geokg/schema"
)

// DefaultMaxBytes is the default maximum article size: 10 MiB, room for
// the markup of a heavy news page.
const DefaultMaxBytes int64 = 10 << 20

// DefaultMaxText is the default maximum text of one article, once markup,
// front matter and Markdown are gone: 1 MiB, some 170,000 words, far more
// than any news story. Extraction keeps about 100 bytes of memory per byte
// of text, so the limit bounds what one article can take.
const DefaultMaxText int64 = 1 << 20

// Options controls how sources are read. NewOptions returns the defaults;
// command-line flags overwrite its fields.
type Options struct {
	// DefaultDate is the publication date, YYYY-MM-DD, given to every
	// document whose source names none. Empty leaves such documents
	// undated.
	DefaultDate string

	// MaxBytes is the largest article read, in bytes: the size of a file,
	// or of one line of a JSONL file. Larger inputs are rejected with
	// ErrTooLarge without being read whole. Zero means DefaultMaxBytes.
	MaxBytes int64

	// MaxText is the largest article text passed on, in bytes, counted
	// after reading (without HTML markup, front matter or Markdown). A
	// longer text is rejected with ErrTooLarge. Zero means DefaultMaxText.
	MaxText int64

	// Warn, when set, is told once at the end of Read of the files a
	// directory walk skipped because their extension names no format
	// source reads, by extension. When nothing at all was read, that is
	// an error instead (ErrNothingRead), reported as bad input.
	Warn func(msg string)
}

// NewOptions returns the default options.
func NewOptions() Options {
	return Options{MaxBytes: DefaultMaxBytes, MaxText: DefaultMaxText}
}

// Validate reports whether the options can be used: DefaultDate must be
// empty or a calendar date written YYYY-MM-DD (an error wrapping ErrBadDate
// otherwise), and MaxBytes must not be negative.
func (o Options) Validate() error {
	if o.DefaultDate != "" {
		if _, err := time.Parse(time.DateOnly, o.DefaultDate); err != nil {
			return fmt.Errorf("default date %q: %w: want a calendar date written YYYY-MM-DD", o.DefaultDate, ErrBadDate)
		}
	}
	if o.MaxBytes < 0 {
		return fmt.Errorf("maximum article size %d: must not be negative", o.MaxBytes)
	}
	if o.MaxText < 0 {
		return fmt.Errorf("maximum article text %d: must not be negative", o.MaxText)
	}
	return nil
}

// The causes of bad input, for errors.Is. Each *Error reported by Read
// wraps one of them, except for I/O errors such as a permission denied,
// which wrap the error from package os.
var (
	// ErrEmpty: a file, stream or record holds no text.
	ErrEmpty = errors.New("no text")
	// ErrBinary: the content is binary (an image, an archive, NUL bytes…).
	ErrBinary = errors.New("binary content, not text")
	// ErrInvalidUTF8: text that is not valid UTF-8 (and, for HTML, declares
	// no other character set).
	ErrInvalidUTF8 = errors.New("invalid UTF-8")
	// ErrTooLarge: an article larger than Options.MaxBytes, or with a text
	// longer than Options.MaxText.
	ErrTooLarge = errors.New("exceeds the maximum article size")
	// ErrBadJSON: a JSONL line that is not one well-formed JSON object of
	// the expected shape.
	ErrBadJSON = errors.New("bad JSON")
	// ErrBadDate: a date that cannot be read as a calendar day.
	ErrBadDate = errors.New("bad date")
	// ErrIDCollision: an article whose id differs from an earlier one's
	// read in the same call but makes the same document IRI; see
	// CollisionError.
	ErrIDCollision = errors.New("article ids collide")
	// ErrURL: a path that is a URL; source reads files, not the web.
	ErrURL = errors.New("is a URL: geokg reads files, not web pages; save the page first (curl -o page.html URL) and give its path")
	// ErrUnsupported: a file named on its own whose extension names a
	// format that holds no article text source can read (a spreadsheet,
	// a PDF, an image, an archive).
	ErrUnsupported = errors.New("unsupported file type")
	// ErrNothingRead: every file of the directories given was skipped for
	// its extension, and nothing else was read.
	ErrNothingRead = errors.New("no article read")
)

// CollisionError is an article whose own id makes the same document IRI
// as the different id of an article read before it: "note 1", "note_1" and
// "NOTE-1" all make doc:note_1. Read reports it as a bad input and passes
// the article on to no one, so the first article is kept and nothing is
// replaced in silence.
type CollisionError struct {
	IRI         string // the document IRI both make: "doc:note_1"
	ID          string // this article's id
	First       string // the earlier article's id
	FirstSource string // where the earlier article was read: path or path:line
}

func (e *CollisionError) Error() string {
	return fmt.Sprintf("%v: id %q makes document IRI %s, as id %q of %s did; give the articles ids that differ in more than case, spaces and punctuation",
		ErrIDCollision, e.ID, e.IRI, e.First, e.FirstSource)
}

// Unwrap makes errors.Is(err, ErrIDCollision) hold.
func (e *CollisionError) Unwrap() error { return ErrIDCollision }

// Error is one bad input: the path it was read from ("-" for standard
// input), the line for a JSONL record (0 otherwise), and the cause.
type Error struct {
	Path string
	Line int
	Err  error
}

// Error returns "path:line: message", or "path: message" when Line is 0;
// a path with spaces or characters that are not printable is quoted.
func (e *Error) Error() string {
	where := quote.Name(e.Path)
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", where, e.Line)
	}
	var pe *fs.PathError
	if errors.As(e.Err, &pe) && pe.Path == e.Path {
		// Say the path once: "a.txt: open: permission denied".
		return fmt.Sprintf("%s: %s: %v", where, pe.Op, pe.Err)
	}
	return where + ": " + e.Err.Error()
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// causeError is a message that wraps one of the sentinel causes without
// repeating its text.
type causeError struct {
	msg   string
	cause error
}

func (e *causeError) Error() string { return e.msg }
func (e *causeError) Unwrap() error { return e.cause }

func because(cause error, format string, args ...any) error {
	return &causeError{msg: fmt.Sprintf(format, args...), cause: cause}
}

func tooLarge(size, max int64) error {
	return because(ErrTooLarge, "%d bytes exceeds the maximum article size of %d bytes; raise --max-article-size", size, max)
}

func tooLargeStream(max int64) error {
	return because(ErrTooLarge, "more than %[1]d bytes exceeds the maximum article size of %[1]d bytes; raise --max-article-size", max)
}

func textTooLarge(size, max int64) error {
	return because(ErrTooLarge, "its text of %d bytes exceeds the maximum article text of %d bytes; raise --max-text-size", size, max)
}

// Read reads the articles named by paths, in order: files, directories
// (walked recursively in lexical order) and "-" for stdin. It calls emit for
// every document and report for every bad input, then goes on with the next
// one. Read returns only a fatal error: invalid options, ctx cancelled, or
// an error returned by emit. If report is nil, the first bad input is fatal
// and Read returns its *Error. With no paths, Read reads nothing; stdin is
// read only for a "-" path.
func Read(ctx context.Context, paths []string, stdin io.Reader, opts Options, emit func(schema.Document) error, report func(error)) error {
	if emit == nil {
		return errors.New("read sources: no emit function")
	}
	if opts.MaxBytes == 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxText == 0 {
		opts.MaxText = DefaultMaxText
	}
	if err := opts.Validate(); err != nil {
		return fmt.Errorf("read sources: %w", err)
	}
	r := &reader{
		ctx:     ctx,
		opts:    opts,
		stdin:   stdin,
		emit:    emit,
		report:  report,
		visited: make(map[string]bool),
		ids:     make(map[string]ownID),
	}
	for _, p := range paths {
		if err := r.path(p); err != nil {
			return err
		}
	}
	return r.skippedReport()
}

// skippedReport tells of the files skipped for their extension: a warning
// when something was read, a bad input when nothing was.
func (r *reader) skippedReport() error {
	if len(r.skipped) == 0 {
		return nil
	}
	exts := make([]string, 0, len(r.skipped))
	n := 0
	for ext, c := range r.skipped {
		exts = append(exts, fmt.Sprintf("%s %d", ext, c))
		n += c
	}
	sort.Strings(exts)
	what := fmt.Sprintf("skipped %d %s of types geokg does not read (%s); it reads .txt, .md, .html and .jsonl",
		n, map[bool]string{true: "file", false: "files"}[n == 1], strings.Join(exts, ", "))
	if r.read == 0 && r.bads == 0 {
		return r.bad(r.skippedIn, 0, fmt.Errorf("%w: %s", ErrNothingRead, what))
	}
	if r.opts.Warn != nil {
		r.opts.Warn(quote.Name(r.skippedIn) + ": " + what)
	}
	return nil
}

// ReadFile reads the documents of one file (or directory, or "-" for
// os.Stdin). It returns the documents read well together with the problems
// found, joined (use errors.As to get each *Error); a document in the
// result is good even when the error is not nil.
func ReadFile(ctx context.Context, path string, opts Options) ([]schema.Document, error) {
	var (
		docs []schema.Document
		errs []error
	)
	err := Read(ctx, []string{path}, os.Stdin, opts,
		func(d schema.Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil {
		return docs, err
	}
	return docs, errors.Join(errs...)
}

// The formats a file can hold.
type format int

const (
	formatUnknown format = iota
	formatText
	formatMarkdown
	formatHTML
	formatJSONL
)

// formatOf returns the format that a file's extension names.
func formatOf(path string) format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".txt":
		return formatText
	case ".md", ".markdown":
		return formatMarkdown
	case ".html", ".htm", ".xhtml":
		return formatHTML
	case ".jsonl", ".ndjson":
		return formatJSONL
	}
	return formatUnknown
}

// reader holds the state of one Read call.
type reader struct {
	ctx     context.Context
	opts    Options
	stdin   io.Reader
	emit    func(schema.Document) error
	report  func(error)
	visited map[string]bool  // directories walked, by resolved path
	ids     map[string]ownID // document IRI → the first own id that made it

	read, bads int            // documents passed on, bad inputs reported
	skipped    map[string]int // files a walk skipped, by extension
	skippedIn  string         // the directory where the first was found
}

// ownID is an article's own id and where it was read.
type ownID struct{ id, source string }

// bad reports a bad input; it returns an error only when there is no
// report function, making the first bad input fatal.
func (r *reader) bad(path string, line int, err error) error {
	e := &Error{Path: path, Line: line, Err: err}
	r.bads++
	if r.report == nil {
		return e
	}
	r.report(e)
	return nil
}

// out passes a good document on: id is the article's own id, "" when it
// has none, read at path and line. An article whose id differs from an
// earlier one's but makes the same document IRI (ids differing only in
// case, spaces or punctuation) is a bad input, not passed on: storing it
// would replace the earlier article.
func (r *reader) out(doc schema.Document, id, path string, line int) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if id != "" {
		if first, ok := r.ids[doc.ID]; ok && first.id != id {
			return r.bad(path, line, &CollisionError{IRI: doc.ID, ID: id, First: first.id, FirstSource: first.source})
		} else if !ok {
			r.ids[doc.ID] = ownID{id: id, source: doc.Source}
		}
	}
	if doc.Published == "" {
		doc.Published = r.opts.DefaultDate
	}
	r.read++
	if err := r.emit(doc); err != nil {
		return fmt.Errorf("emit %s: %w", doc.Source, err)
	}
	return nil
}

// path reads one path given by the caller.
func (r *reader) path(p string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	if p == "-" {
		return r.readStdin()
	}
	info, err := os.Stat(p)
	if err != nil && isURL(p) {
		return r.bad(p, 0, ErrURL)
	}
	if err != nil {
		return r.bad(p, 0, err)
	}
	if info.IsDir() {
		return r.walk(p)
	}
	return r.file(p, info, true)
}

// walk reads the files beneath dir. A directory reached a second time
// (through a symbolic link, or a link loop) is skipped.
func (r *reader) walk(dir string) error {
	if err := r.ctx.Err(); err != nil {
		return err
	}
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return r.bad(dir, 0, err)
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if r.visited[real] {
		return nil
	}
	r.visited[real] = true

	entries, err := os.ReadDir(dir)
	if err != nil {
		// ReadDir returns what it read before the error; report and go on.
		if err := r.bad(dir, 0, err); err != nil {
			return err
		}
	}
	for _, e := range entries {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		full := filepath.Join(dir, name)
		known := formatOf(name) != formatUnknown
		var info fs.FileInfo
		if e.Type()&fs.ModeSymlink != 0 {
			info, err = os.Stat(full)
			if err != nil {
				if !known {
					continue
				}
				if err := r.bad(full, 0, err); err != nil {
					return err
				}
				continue
			}
		} else {
			info, err = e.Info()
			if err != nil {
				if err := r.bad(full, 0, err); err != nil {
					return err
				}
				continue
			}
		}
		if info.IsDir() {
			if err := r.walk(full); err != nil {
				return err
			}
			continue
		}
		if !known {
			r.skip(dir, name)
			continue
		}
		if err := r.file(full, info, false); err != nil {
			return err
		}
	}
	return nil
}

// skip notes a file of a directory walk skipped for its extension.
func (r *reader) skip(dir, name string) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext == "" {
		ext = "no extension"
	}
	if r.skipped == nil {
		r.skipped = make(map[string]int)
		r.skippedIn = dir
	}
	r.skipped[ext]++
}

// unsupported are the extensions of files that hold no article text
// source can read; other unknown extensions of a file named on its own
// are read as text.
var unsupported = map[string]bool{
	".csv": true, ".tsv": true, ".xls": true, ".xlsx": true, ".ods": true,
	".pdf": true, ".doc": true, ".docx": true, ".odt": true, ".rtf": true, ".epub": true,
	".json": true, ".xml": true, ".zip": true, ".gz": true, ".tgz": true, ".tar": true, ".7z": true,
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".svg": true,
}

// isURL reports whether p is a web address rather than a path.
func isURL(p string) bool {
	l := strings.ToLower(p)
	for _, scheme := range []string{"http://", "https://", "ftp://", "www."} {
		if strings.HasPrefix(l, scheme) {
			return true
		}
	}
	return false
}

// file reads one file. explicit says whether the caller named it (rather
// than a directory walk finding it): only then are a file of unknown
// extension (read as text) and a file that is not a regular file, such as
// a named pipe, read.
func (r *reader) file(path string, info fs.FileInfo, explicit bool) error {
	if ext := strings.ToLower(filepath.Ext(path)); unsupported[ext] {
		return r.bad(path, 0, because(ErrUnsupported, "unsupported file type %s: geokg reads articles in .txt, .md, .html and .jsonl files; save the text as one of them", ext))
	}
	fmtOf := formatOf(path)
	if fmtOf == formatUnknown {
		fmtOf = formatText
	}
	regular := info.Mode().IsRegular()
	if !regular && !explicit {
		return r.bad(path, 0, errors.New("not a regular file; skipped"))
	}
	if fmtOf != formatJSONL && regular && info.Size() > r.opts.MaxBytes {
		return r.bad(path, 0, tooLarge(info.Size(), r.opts.MaxBytes))
	}
	f, err := os.Open(path)
	if err != nil {
		return r.bad(path, 0, err)
	}
	defer f.Close()
	if fmtOf == formatJSONL {
		return r.jsonl(f, path)
	}
	b, err := readLimited(f, r.opts.MaxBytes)
	if err != nil {
		return r.bad(path, 0, err)
	}
	return r.document(path, fmtOf, b)
}

// readLimited reads all of rd, failing with ErrTooLarge rather than reading
// more than max bytes.
func readLimited(rd io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(rd, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, tooLargeStream(max)
	}
	return b, nil
}

// document parses a whole file's content and passes it on.
func (r *reader) document(path string, f format, b []byte) error {
	var (
		doc schema.Document
		id  string // the article's own id; HTML gives none
		err error
	)
	switch f {
	case formatHTML:
		doc, err = parseHTML(b)
	case formatMarkdown:
		doc, id, err = parseText(b, true)
	default:
		doc, id, err = parseText(b, false)
	}
	if err != nil {
		return r.bad(path, 0, err)
	}
	if n := int64(len(doc.Text)); n > r.opts.MaxText {
		return r.bad(path, 0, textTooLarge(n, r.opts.MaxText))
	}
	doc.Source = quote.Name(path)
	return r.out(doc, id, path, 0)
}

// readStdin reads standard input, guessing its format from the first byte
// that is not white space: '{' for JSONL, '<' for HTML, else text.
func (r *reader) readStdin() error {
	if r.stdin == nil {
		return r.bad("-", 0, errors.New("no standard input"))
	}
	br := bufio.NewReaderSize(r.stdin, 64<<10)
	switch sniff(br) {
	case '{':
		return r.jsonl(br, "-")
	case '<':
		b, err := readLimited(br, r.opts.MaxBytes)
		if err != nil {
			return r.bad("-", 0, err)
		}
		return r.document("-", formatHTML, b)
	default:
		b, err := readLimited(br, r.opts.MaxBytes)
		if err != nil {
			return r.bad("-", 0, err)
		}
		return r.document("-", formatText, b)
	}
}

// sniff returns the first byte of br that is not white space or a
// byte-order mark, without consuming anything; 0 when there is none in the
// buffer's reach.
func sniff(br *bufio.Reader) byte {
	for n := 512; ; n *= 2 {
		buf, err := br.Peek(n)
		rest := strings.TrimLeft(strings.TrimPrefix(string(buf), bom), " \t\r\n\f\v")
		if rest != "" {
			return rest[0]
		}
		if err != nil {
			return 0
		}
	}
}
