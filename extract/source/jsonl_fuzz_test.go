package source

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// FuzzJSONL feeds arbitrary bytes to the JSONL reader as the content of a
// .jsonl file, with an arbitrary maximum article size. It must not panic or
// fail the whole read; every document it passes on must hold valid text and
// name its line, in increasing order; every problem must be an *Error that
// names the file and a line of it.
//
// Run it with: go test ./extract/source -run '^$' -fuzz FuzzJSONL -parallel 1
func FuzzJSONL(f *testing.F) {
	for _, s := range []struct {
		b   string
		max uint16
	}{
		{`{"id": "a", "url": "https://example.org/a", "title": "T", "date": "2022-09-07", "text": "Albania cut ties with Iran."}` + "\n", 4096},
		{`{"id": 12, "text": "x"}` + "\r\n\r\n" + `{"text": "y", "date": "7 September 2022"}`, 4096},
		{`{"text": 1}` + "\n" + `[1]` + "\n" + `{"text": "\u0000"}` + "\n" + `{"text": "` + strings.Repeat("a", 100) + `"}`, 40},
		{"{\"text\": \"\xff\"}\n{", 4096},
		{"\n\n  \n", 10},
		{"{\"id\": 1e400, \"text\": \"x\"}\n{\"id\": null, \"text\": \"x\", \"extra\": {}}", 4096},
		{"\x00\x01PK", 4096},
	} {
		f.Add([]byte(s.b), s.max)
	}
	f.Fuzz(func(t *testing.T, b []byte, max uint16) {
		const name = "fuzz.jsonl"
		lines := bytes.Count(b, []byte("\n")) + 1
		lastLine := 0
		var docs, problems int
		r := &reader{
			ctx:     context.Background(),
			opts:    Options{MaxBytes: int64(max) + 1},
			visited: make(map[string]bool),
			emit: func(d schema.Document) error {
				docs++
				if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) || !strings.HasPrefix(d.ID, "doc:") {
					t.Errorf("bad document %+v", d)
				}
				n, err := strconv.Atoi(strings.TrimPrefix(d.Source, name+":"))
				if err != nil || n <= lastLine || n > lines {
					t.Errorf("document source %q after line %d of %d", d.Source, lastLine, lines)
				}
				lastLine = n
				if int64(len(d.Text)) > int64(max)+1 {
					t.Errorf("document of %d bytes read with a maximum of %d", len(d.Text), int64(max)+1)
				}
				return nil
			},
			report: func(err error) {
				problems++
				var e *Error
				if !errors.As(err, &e) || e.Path != name || e.Line < 0 || e.Line > lines {
					t.Errorf("problem %v (%T) does not name a line of %s", err, err, name)
				}
			},
		}
		if err := r.jsonl(bytes.NewReader(b), name); err != nil {
			t.Fatalf("jsonl(%q) = %v, want no fatal error", b, err)
		}
		if docs+problems == 0 || docs+problems > lines {
			t.Errorf("%d documents and %d problems from %d lines", docs, problems, lines)
		}
	})
}
