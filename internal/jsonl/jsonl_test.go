package jsonl_test

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/internal/jsonl"
)

func TestReader(t *testing.T) {
	long := strings.Repeat("x", 100)
	tests := []struct {
		name  string
		input string
		max   int64
		want  []string // lines, or "error: …" for an error
	}{
		{"lines", "{\"a\":1}\n{\"b\":2}\n", 16, []string{`{"a":1}`, `{"b":2}`}},
		{"no final line end", "a\nb", 16, []string{"a", "b"}},
		{"CRLF", "a\r\nb\r\n", 16, []string{"a", "b"}},
		{"empty lines kept", "a\n\nb\n", 16, []string{"a", "", "b"}},
		{"as long as the cap", "abcd\n", 4, []string{"abcd"}},
		{"as long as the cap, CRLF", "abcd\r\nx\n", 4, []string{"abcd", "x"}},
		{"one byte over, skipped", "abcde\nx\n", 4, []string{"error: line 1: 5 bytes exceeds the maximum line of 4 bytes", "x"}},
		{"over the buffer", "a\n" + strings.Repeat(long, 1000) + "\nb\n", 1000, []string{"a", "error: line 2: 100000 bytes exceeds the maximum line of 1000 bytes", "b"}},
		{"long last line", "a\n" + long, 10, []string{"a", "error: line 2: 100 bytes exceeds the maximum line of 10 bytes"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := jsonl.NewReader(strings.NewReader(tt.input), tt.max)
			var got []string
			for {
				line, err := r.Next()
				if err == io.EOF {
					break
				}
				if err != nil {
					var le *jsonl.LineTooLongError
					if !errors.Is(err, jsonl.ErrLineTooLong) || !errors.As(err, &le) || le.Line != r.Line() {
						t.Fatalf("error %v (%T) is no LineTooLongError of line %d", err, err, r.Line())
					}
					got = append(got, "error: "+err.Error())
					continue
				}
				got = append(got, string(line))
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("lines (-want +got):\n%s", diff)
			}
		})
	}
}
