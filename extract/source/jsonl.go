package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/geokg/geokg/internal/quote"
	"github.com/geokg/geokg/schema"
)

// record is one line of a JSONL file.
type record struct {
	ID    flexString `json:"id"`
	URL   string     `json:"url"`
	Title string     `json:"title"`
	Date  string     `json:"date"`
	Text  string     `json:"text"`
}

// flexString is a JSON string or number, kept as a string: datasets give
// ids either way.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return errors.New("want a string or a number")
	}
	*f = flexString(n)
	return nil
}

// jsonl reads JSONL records from rd line by line, never holding more than
// one line (of at most MaxBytes) in memory. Each bad line is reported with
// its number and reading goes on.
func (r *reader) jsonl(rd io.Reader, path string) error {
	br, ok := rd.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(rd, 64<<10)
	}
	if head, _ := br.Peek(512); looksBinary(head) {
		return r.bad(path, 0, ErrBinary)
	}
	lines := lineReader{br: br, max: r.opts.MaxBytes}
	records := 0
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, size, err := lines.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return r.bad(path, lines.n+1, err)
		}
		if size > r.opts.MaxBytes {
			records++
			if err := r.bad(path, lines.n, tooLarge(size, r.opts.MaxBytes)); err != nil {
				return err
			}
			continue
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		records++
		doc, id, err := parseRecord(line)
		if err == nil && int64(len(doc.Text)) > r.opts.MaxText {
			err = textTooLarge(int64(len(doc.Text)), r.opts.MaxText)
		}
		if err != nil {
			if err := r.bad(path, lines.n, err); err != nil {
				return err
			}
			continue
		}
		doc.Source = quote.Name(path) + ":" + strconv.Itoa(lines.n)
		if err := r.out(doc, id, path, lines.n); err != nil {
			return err
		}
	}
	if records == 0 {
		return r.bad(path, 0, because(ErrEmpty, "empty file: no records"))
	}
	return nil
}

// parseRecord reads one JSONL line.
func parseRecord(line []byte) (schema.Document, string, error) {
	if i := invalidUTF8(line); i >= 0 {
		return schema.Document{}, "", because(ErrInvalidUTF8, "invalid UTF-8 at byte %d of the line", i)
	}
	trimmed := bytes.TrimSpace(line)
	if trimmed[0] != '{' {
		return schema.Document{}, "", because(ErrBadJSON, "bad JSON: a line must hold one JSON object")
	}
	var rec record
	if err := json.Unmarshal(trimmed, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return schema.Document{}, "", because(ErrBadJSON, "bad JSON: field %q: want a string", te.Field)
		}
		return schema.Document{}, "", fmt.Errorf("%w: %w", ErrBadJSON, err)
	}
	text := normalizeText(rec.Text)
	if text == "" {
		return schema.Document{}, "", ErrEmpty
	}
	doc := schema.Document{
		ID:    schema.DocumentIRI(string(rec.ID), text),
		URL:   collapseSpace(rec.URL),
		Title: collapseSpace(rec.Title),
		Text:  text,
	}
	if rec.Date != "" {
		d, ok := normalizeDate(rec.Date)
		if !ok {
			return schema.Document{}, "", because(ErrBadDate, "date %q is not a date; want YYYY-MM-DD", rec.Date)
		}
		doc.Published = d
	}
	return doc, string(rec.ID), nil
}

// lineReader reads lines of at most max bytes from a stream, and measures
// longer ones without keeping them.
type lineReader struct {
	br  *bufio.Reader
	max int64
	buf []byte
	n   int // number of the line last read
}

// next returns the next line without its line end, and its size. When the
// size is over max, line is nil. At the end of the stream it returns
// io.EOF.
func (lr *lineReader) next() (line []byte, size int64, err error) {
	lr.buf = lr.buf[:0]
	var (
		total int64
		last  []byte
	)
	for {
		chunk, err := lr.br.ReadSlice('\n')
		total += int64(len(chunk))
		if total <= lr.max+2 { // room for "\r\n"
			lr.buf = append(lr.buf, chunk...)
		}
		if len(chunk) > 0 {
			last = chunk
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			if total == 0 {
				return nil, 0, io.EOF
			}
			break
		}
		if err != nil {
			return nil, 0, err
		}
		break
	}
	lr.n++
	eol := 0
	if bytes.HasSuffix(last, []byte("\r\n")) {
		eol = 2
	} else if bytes.HasSuffix(last, []byte("\n")) {
		eol = 1
	}
	size = total - int64(eol)
	if size > lr.max {
		return nil, size, nil
	}
	return lr.buf[:size], size, nil
}
