package source

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/geokg/geokg/internal/jsonl"
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
	lines := jsonl.NewReader(br, r.opts.MaxBytes)
	records := 0
	for {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		line, err := lines.Next()
		if err == io.EOF {
			break
		}
		var long *jsonl.LineTooLongError
		if errors.As(err, &long) {
			records++
			if err := r.bad(path, long.Line, tooLarge(long.Size, long.Max)); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return r.bad(path, lines.Line()+1, err)
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
			if err := r.bad(path, lines.Line(), err); err != nil {
				return err
			}
			continue
		}
		doc.Source = quote.Name(path) + ":" + strconv.Itoa(lines.Line())
		if err := r.out(doc, id, path, lines.Line()); err != nil {
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
