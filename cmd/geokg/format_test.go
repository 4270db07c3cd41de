package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

func TestShorten(t *testing.T) {
	tests := []struct {
		in   string
		n    int
		want string
	}{
		{"short  enough\n", 20, "short enough"},
		{"exactly ten", 11, "exactly ten"},
		{"Albania cut diplomatic ties with Iran on Wednesday.", 30, "Albania cut diplomatic ties…"},
		{"Albanië, Irán — ties cut", 10, "Albanië…"},
		{"abcdefghijklmnopqrstuvwxyz", 10, "abcdefghi…"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := shorten(tt.in, tt.n)
			if got != tt.want {
				t.Errorf("shorten(%q, %d) = %q, want %q", tt.in, tt.n, got, tt.want)
			}
			if utf8.RuneCountInString(got) > tt.n {
				t.Errorf("shorten(%q, %d) = %q: longer than %d", tt.in, tt.n, got, tt.n)
			}
		})
	}
}

func TestWhen(t *testing.T) {
	tests := []struct {
		s    schema.Statement
		want string
	}{
		{schema.Statement{Date: "2022-09-07"}, "2022-09-07"},
		{schema.Statement{Since: "2016"}, "since 2016"},
		{schema.Statement{Until: "2012-09"}, "until 2012-09"},
		{schema.Statement{Since: "2003", Until: "2016"}, "since 2003 until 2016"},
		{schema.Statement{}, "undated"},
	}
	for _, tt := range tests {
		if got := when(tt.s); got != tt.want {
			t.Errorf("when(%+v) = %q, want %q", tt.s, got, tt.want)
		}
	}
}

func TestInterrupted(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var out, errb strings.Builder
	code := run(ctx, []string{"--db", filepath.Join(dir, "kg"), "ingest", a}, streams{In: strings.NewReader(""), Out: &out, Err: &errb}, nil)
	if code != exitFailure || errb.String() != "geokg: interrupted\n" {
		t.Errorf("exit %d, stderr %q; want exit 1 and geokg: interrupted", code, errb.String())
	}
}
