package source

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// writeFiles creates files (name → content) under dir, making parent
// directories, and returns dir.
func writeFiles(t *testing.T, dir string, files map[string]string) string {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// readAll runs Read and returns what it emitted and reported.
func readAll(t *testing.T, paths []string, stdin io.Reader, opts Options) ([]schema.Document, []error) {
	t.Helper()
	var (
		docs []schema.Document
		errs []error
	)
	err := Read(context.Background(), paths, stdin, opts,
		func(d schema.Document) error { docs = append(docs, d); return nil },
		func(err error) { errs = append(errs, err) })
	if err != nil {
		t.Fatalf("Read returned a fatal error: %v", err)
	}
	return docs, errs
}

func errStrings(errs []error) []string {
	var out []string
	for _, e := range errs {
		out = append(out, e.Error())
	}
	return out
}

const frontMatterArticle = `---
title: "Albania cuts diplomatic ties with Iran"
date: 2022-09-07
url: https://example.org/albania-iran
id: albania-iran-2022
author: A. Reporter
tags:
  - iran
---

Albania has cut diplomatic ties with Iran over a cyberattack.
`

func TestReadFormats(t *testing.T) {
	const prose = "Albania has cut diplomatic ties with Iran over a cyberattack."
	tests := []struct {
		name    string
		file    string
		content string
		want    []schema.Document // Source relative to the test directory
	}{
		{
			name:    "plain text",
			file:    "a.txt",
			content: "\ufeff  Albania has cut diplomatic ties with Iran.\r\nIran condemned the decision.\r\n\r\n",
			want: []schema.Document{{
				ID:     schema.DocumentIRI("", "Albania has cut diplomatic ties with Iran.\nIran condemned the decision."),
				Source: "a.txt",
				Text:   "Albania has cut diplomatic ties with Iran.\nIran condemned the decision.",
			}},
		},
		{
			name:    "text with front matter",
			file:    "fm.txt",
			content: frontMatterArticle,
			want: []schema.Document{{
				ID:        "doc:albania_iran_2022",
				URL:       "https://example.org/albania-iran",
				Title:     "Albania cuts diplomatic ties with Iran",
				Published: "2022-09-07",
				Source:    "fm.txt",
				Text:      prose,
			}},
		},
		{
			name:    "front matter without closing line is text",
			file:    "open.txt",
			content: "---\ntitle: x\n" + prose,
			want: []schema.Document{{
				ID:     schema.DocumentIRI("", "---\ntitle: x\n"+prose),
				Source: "open.txt",
				Text:   "---\ntitle: x\n" + prose,
			}},
		},
		{
			name:    "markdown",
			file:    "a.md",
			content: "---\ndate: '2022-09-07T09:30:00+02:00'\n---\n# Albania and *Iran*\n\nAlbania has cut **diplomatic ties** with [Iran](https://example.org/iran).\n",
			want: []schema.Document{{
				ID:        schema.DocumentIRI("", "Albania and Iran\n\nAlbania has cut diplomatic ties with Iran."),
				Title:     "Albania and Iran",
				Published: "2022-09-07",
				Source:    "a.md",
				Text:      "Albania and Iran\n\nAlbania has cut diplomatic ties with Iran.",
			}},
		},
		{
			name:    "html",
			file:    "a.HTML",
			content: `<html><head><title>Ties cut</title></head><body><p>` + prose + `</p></body></html>`,
			want: []schema.Document{{
				ID:     schema.DocumentIRI("", prose),
				Title:  "Ties cut",
				Source: "a.HTML",
				Text:   prose,
			}},
		},
		{
			name:    "htm",
			file:    "a.htm",
			content: `<p>` + prose + `</p>`,
			want: []schema.Document{{
				ID:     schema.DocumentIRI("", prose),
				Source: "a.htm",
				Text:   prose,
			}},
		},
		{
			name: "jsonl",
			file: "a.jsonl",
			content: `{"id": "r1", "url": "https://example.org/1", "title": "One", "date": "2022-09-07", "text": "` + prose + `"}` + "\n\n" +
				`{"id": 42, "text": "Iran condemned the decision.", "extra": [1, 2]}` + "\r\n",
			want: []schema.Document{
				{ID: "doc:r1", URL: "https://example.org/1", Title: "One", Published: "2022-09-07", Source: "a.jsonl:1", Text: prose},
				{ID: "doc:42", Source: "a.jsonl:3", Text: "Iran condemned the decision."},
			},
		},
		{
			name:    "ndjson without final newline",
			file:    "a.ndjson",
			content: `{"text": "` + prose + `"}`,
			want: []schema.Document{
				{ID: schema.DocumentIRI("", prose), Source: "a.ndjson:1", Text: prose},
			},
		},
		{
			name:    "unknown extension read as text",
			file:    "README",
			content: prose,
			want: []schema.Document{
				{ID: schema.DocumentIRI("", prose), Source: "README", Text: prose},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{tt.file: tt.content})
			docs, errs := readAll(t, []string{filepath.Join(dir, tt.file)}, nil, NewOptions())
			if len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			for i := range docs {
				docs[i].Source = strings.TrimPrefix(docs[i].Source, dir+string(filepath.Separator))
			}
			if diff := cmp.Diff(tt.want, docs); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadBadInput(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		content  string
		opts     Options
		wantErrs []string // with "DIR/" for the test directory
		wantIs   error
		wantDocs []string // Sources of the documents still emitted
	}{
		{
			name:     "empty file",
			file:     "empty.txt",
			wantErrs: []string{"DIR/empty.txt: empty file"},
			wantIs:   ErrEmpty,
		},
		{
			name:     "only white space",
			file:     "blank.md",
			content:  " \n\t\n",
			wantErrs: []string{"DIR/blank.md: no text"},
			wantIs:   ErrEmpty,
		},
		{
			name:     "front matter and nothing else",
			file:     "fm.txt",
			content:  "---\ntitle: Nothing\n---\n",
			wantErrs: []string{"DIR/fm.txt: no text"},
			wantIs:   ErrEmpty,
		},
		{
			name:     "png header",
			file:     "image.txt",
			content:  "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
			wantErrs: []string{"DIR/image.txt: binary content, not text"},
			wantIs:   ErrBinary,
		},
		{
			name:     "NUL bytes in an unknown extension",
			file:     "data.bin",
			content:  "Albania\x00\x00\x01Iran",
			wantErrs: []string{"DIR/data.bin: binary content, not text"},
			wantIs:   ErrBinary,
		},
		{
			name:     "binary html",
			file:     "page.html",
			content:  "GIF89a\x01\x00",
			wantErrs: []string{"DIR/page.html: binary content, not text"},
			wantIs:   ErrBinary,
		},
		{
			name:     "invalid UTF-8",
			file:     "latin1.txt",
			content:  "Tiran\xeb is the capital.",
			wantErrs: []string{"DIR/latin1.txt: invalid UTF-8 at byte 5; convert the file to UTF-8"},
			wantIs:   ErrInvalidUTF8,
		},
		{
			name:     "invalid UTF-8 in html without a charset",
			file:     "latin1.html",
			content:  "<p>Tiran\xeb is the capital.</p>",
			wantErrs: []string{"DIR/latin1.html: invalid UTF-8 at byte 8, and the page declares no other character set"},
			wantIs:   ErrInvalidUTF8,
		},
		{
			name:     "bad front matter date",
			file:     "date.txt",
			content:  "---\ndate: last Tuesday\n---\nText.",
			wantErrs: []string{`DIR/date.txt: front matter date "last Tuesday" is not a date; want YYYY-MM-DD`},
			wantIs:   ErrBadDate,
		},
		{
			name:     "file over the maximum size",
			file:     "big.txt",
			content:  strings.Repeat("word ", 30),
			opts:     Options{MaxBytes: 100},
			wantErrs: []string{"DIR/big.txt: 150 bytes exceeds the maximum article size of 100 bytes; raise --max-article-size"},
			wantIs:   ErrTooLarge,
		},
		{
			name:     "html page whose text is over the maximum text",
			file:     "page.html",
			content:  "<html><head><script>" + strings.Repeat("var x = 1; ", 40) + "</script></head><body><p>" + strings.Repeat("word ", 30) + "</p></body></html>",
			opts:     Options{MaxBytes: 1000, MaxText: 100},
			wantErrs: []string{"DIR/page.html: its text of 149 bytes exceeds the maximum article text of 100 bytes; raise --max-text-size"},
			wantIs:   ErrTooLarge,
		},
		{
			name:     "html page under the maximum text though its markup is over it",
			file:     "page.html",
			content:  "<html><head><script>" + strings.Repeat("var x = 1; ", 40) + "</script></head><body><p>Albania cut ties with Iran.</p></body></html>",
			opts:     Options{MaxBytes: 1000, MaxText: 100},
			wantDocs: []string{"DIR/page.html"},
		},
		{
			name:     "jsonl record whose text is over the maximum text",
			file:     "feed.jsonl",
			content:  `{"text": "` + strings.Repeat("x", 120) + `"}` + "\n" + `{"text": "Fine."}`,
			opts:     Options{MaxBytes: 1000, MaxText: 100},
			wantErrs: []string{"DIR/feed.jsonl:1: its text of 120 bytes exceeds the maximum article text of 100 bytes; raise --max-text-size"},
			wantIs:   ErrTooLarge,
			wantDocs: []string{"DIR/feed.jsonl:2"},
		},
		{
			name: "jsonl with a broken line in the middle",
			file: "feed.jsonl",
			content: `{"id": "a", "text": "First."}` + "\n" +
				`{"id": "b", "text": "Second.` + "\n" +
				`{"id": "c", "text": "Third."}` + "\n",
			wantErrs: []string{"DIR/feed.jsonl:2: bad JSON: unexpected end of JSON input"},
			wantIs:   ErrBadJSON,
			wantDocs: []string{"DIR/feed.jsonl:1", "DIR/feed.jsonl:3"},
		},
		{
			name:     "jsonl line not an object",
			file:     "feed.jsonl",
			content:  `["text"]` + "\n" + `{"text": "Fine."}`,
			wantErrs: []string{"DIR/feed.jsonl:1: bad JSON: a line must hold one JSON object"},
			wantIs:   ErrBadJSON,
			wantDocs: []string{"DIR/feed.jsonl:2"},
		},
		{
			name:     "jsonl field of the wrong type",
			file:     "feed.jsonl",
			content:  `{"text": ["a"]}`,
			wantErrs: []string{`DIR/feed.jsonl:1: bad JSON: field "text": want a string`},
			wantIs:   ErrBadJSON,
		},
		{
			name:     "jsonl record without text",
			file:     "feed.jsonl",
			content:  `{"id": "a", "text": "  "}` + "\n" + `{"id": "b", "title": "No text"}` + "\n" + `{"text": "Fine."}`,
			wantErrs: []string{"DIR/feed.jsonl:1: no text", "DIR/feed.jsonl:2: no text"},
			wantIs:   ErrEmpty,
			wantDocs: []string{"DIR/feed.jsonl:3"},
		},
		{
			name:     "jsonl bad date",
			file:     "feed.jsonl",
			content:  `{"date": "2022-02-30", "text": "Albania."}`,
			wantErrs: []string{`DIR/feed.jsonl:1: date "2022-02-30" is not a date; want YYYY-MM-DD`},
			wantIs:   ErrBadDate,
		},
		{
			name:     "jsonl invalid UTF-8",
			file:     "feed.jsonl",
			content:  "{\"text\": \"Tiran\xeb\"}\n{\"text\": \"Fine.\"}",
			wantErrs: []string{"DIR/feed.jsonl:1: invalid UTF-8 at byte 15 of the line"},
			wantIs:   ErrInvalidUTF8,
			wantDocs: []string{"DIR/feed.jsonl:2"},
		},
		{
			name:     "jsonl line over the maximum size",
			file:     "feed.jsonl",
			content:  `{"text": "` + strings.Repeat("x", 200) + `"}` + "\n" + `{"text": "Fine."}`,
			opts:     Options{MaxBytes: 100},
			wantErrs: []string{"DIR/feed.jsonl:1: 212 bytes exceeds the maximum article size of 100 bytes; raise --max-article-size"},
			wantIs:   ErrTooLarge,
			wantDocs: []string{"DIR/feed.jsonl:2"},
		},
		{
			name:     "jsonl without records",
			file:     "feed.jsonl",
			content:  "\n\n  \n",
			wantErrs: []string{"DIR/feed.jsonl: empty file: no records"},
			wantIs:   ErrEmpty,
		},
		{
			name:     "binary jsonl",
			file:     "feed.jsonl",
			content:  "PK\x03\x04\x14\x00\x00\x00",
			wantErrs: []string{"DIR/feed.jsonl: binary content, not text"},
			wantIs:   ErrBinary,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{tt.file: tt.content})
			opts := tt.opts
			if opts.MaxBytes == 0 {
				opts = NewOptions()
			}
			docs, errs := readAll(t, []string{filepath.Join(dir, tt.file)}, nil, opts)
			var wantErrs, wantDocs []string
			for _, s := range tt.wantErrs {
				wantErrs = append(wantErrs, strings.ReplaceAll(s, "DIR", dir))
			}
			for _, s := range tt.wantDocs {
				wantDocs = append(wantDocs, strings.ReplaceAll(s, "DIR", dir))
			}
			if diff := cmp.Diff(wantErrs, errStrings(errs)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
			var gotDocs []string
			for _, d := range docs {
				gotDocs = append(gotDocs, d.Source)
			}
			if diff := cmp.Diff(wantDocs, gotDocs); diff != "" {
				t.Errorf("documents emitted (-want +got):\n%s", diff)
			}
			for _, err := range errs {
				if !errors.Is(err, tt.wantIs) {
					t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
				}
				var e *Error
				if !errors.As(err, &e) || e.Path != filepath.Join(dir, tt.file) {
					t.Errorf("error %v is not an *Error for %s", err, tt.file)
				}
			}
		})
	}
}

func TestReadHugeFile(t *testing.T) {
	// A 50 MB sparse file: rejected from its size, without being read.
	dir := t.TempDir()
	path := filepath.Join(dir, "huge.txt")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(50 << 20); err != nil {
		t.Fatal(err)
	}
	f.Close()
	writeFiles(t, dir, map[string]string{"small.txt": "Albania cut ties with Iran."})

	docs, errs := readAll(t, []string{path, filepath.Join(dir, "small.txt")}, nil, NewOptions())
	want := []string{path + ": 52428800 bytes exceeds the maximum article size of 10485760 bytes; raise --max-article-size"}
	if diff := cmp.Diff(want, errStrings(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(errs) == 1 && !errors.Is(errs[0], ErrTooLarge) {
		t.Errorf("errors.Is(%v, ErrTooLarge) = false", errs[0])
	}
	if len(docs) != 1 || docs[0].Text != "Albania cut ties with Iran." {
		t.Errorf("the file after the huge one: got %+v", docs)
	}
}

// endless is an io.Reader of endless text.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = "Albania cut ties. "[i%18]
	}
	return len(p), nil
}

func TestReadStreamOverLimit(t *testing.T) {
	// A stream has no size to check first: Read stops after MaxBytes+1.
	_, errs := readAll(t, []string{"-"}, endless{}, Options{MaxBytes: 1 << 20})
	want := []string{"-: more than 1048576 bytes exceeds the maximum article size of 1048576 bytes; raise --max-article-size"}
	if diff := cmp.Diff(want, errStrings(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestReadLongJSONLLine(t *testing.T) {
	// Lines longer than the read buffer are put together.
	long := strings.Repeat("Albania cut ties with Iran. ", 10000) // 280,000 bytes
	content := `{"text": "` + long + `"}` + "\n" + `{"text": "Short."}` + "\n"
	dir := writeFiles(t, t.TempDir(), map[string]string{"long.jsonl": content})
	docs, errs := readAll(t, []string{filepath.Join(dir, "long.jsonl")}, nil, NewOptions())
	if len(errs) > 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	var got []string
	for _, d := range docs {
		got = append(got, d.Text)
	}
	if diff := cmp.Diff([]string{strings.TrimSpace(long), "Short."}, got); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
}

func TestReadDirectory(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"b.txt":              "Text b.",
		"a.md":               "Text *a*.",
		"c/d.html":           "<p>Text d.</p>",
		"c/e.jsonl":          `{"text": "Text e."}`,
		"c/notes.docx":       "PK\x03\x04 skipped for its extension",
		"c/image.png":        "\x89PNG skipped",
		".hidden.txt":        "skipped: hidden",
		".git/config.txt":    "skipped: hidden directory",
		"z/deeper/f.txt":     "Text f.",
		"z/deeper/empty.txt": "",
	})
	// A symbolic link loop, a link to a directory already read and a
	// dangling link with a text extension, which is reported.
	for link, target := range map[string]string{
		"z/deeper/loop":  "..",
		"z/again":        filepath.Join(dir, "c"),
		"z/dangling.txt": filepath.Join(dir, "nowhere.txt"),
	} {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(link))); err != nil {
			t.Skipf("symbolic links not supported: %v", err)
		}
	}

	docs, errs := readAll(t, []string{dir}, nil, NewOptions())
	var got []string
	for _, d := range docs {
		rel, _ := filepath.Rel(dir, d.Source)
		got = append(got, filepath.ToSlash(rel)+" "+d.Text)
	}
	want := []string{
		"a.md Text a.",
		"b.txt Text b.",
		"c/d.html Text d.",
		"c/e.jsonl:1 Text e.",
		"z/deeper/f.txt Text f.",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
	dangling := filepath.Join(dir, "z", "dangling.txt")
	wantErrs := []string{
		dangling + ": stat: no such file or directory",
		filepath.Join(dir, "z", "deeper", "empty.txt") + ": empty file",
	}
	if diff := cmp.Diff(wantErrs, errStrings(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	if len(errs) > 0 && !errors.Is(errs[0], fs.ErrNotExist) {
		t.Errorf("errors.Is(%v, fs.ErrNotExist) = false", errs[0])
	}
}

func TestReadUnreadable(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, dir string) (path string)
		is    error
	}{
		{
			name: "permission denied",
			setup: func(t *testing.T, dir string) string {
				if os.Geteuid() == 0 {
					t.Skip("running as root, which can read a file with mode 000; the dangling link case covers unreadable files")
				}
				p := filepath.Join(dir, "secret.txt")
				writeFiles(t, dir, map[string]string{"secret.txt": "Hidden text."})
				if err := os.Chmod(p, 0); err != nil {
					t.Fatal(err)
				}
				return p
			},
			is: fs.ErrPermission,
		},
		{
			name: "dangling link",
			setup: func(t *testing.T, dir string) string {
				p := filepath.Join(dir, "gone.txt")
				if err := os.Symlink(filepath.Join(dir, "missing"), p); err != nil {
					t.Skipf("symbolic links not supported: %v", err)
				}
				return p
			},
			is: fs.ErrNotExist,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			bad := tt.setup(t, dir)
			writeFiles(t, dir, map[string]string{"ok.txt": "Readable text."})
			docs, errs := readAll(t, []string{dir}, nil, NewOptions())
			if len(docs) != 1 || docs[0].Text != "Readable text." {
				t.Errorf("documents: got %+v, want only ok.txt", docs)
			}
			if len(errs) != 1 {
				t.Fatalf("errors: got %v, want one for %s", errs, bad)
			}
			var e *Error
			if !errors.As(errs[0], &e) || e.Path != bad {
				t.Errorf("error %v does not name %s", errs[0], bad)
			}
			if !errors.Is(errs[0], tt.is) {
				t.Errorf("errors.Is(%v, %v) = false", errs[0], tt.is)
			}
			if !strings.HasPrefix(errs[0].Error(), bad+": ") {
				t.Errorf("message %q does not start with the path", errs[0])
			}
		})
	}
}

func TestReadMissingPath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nope.txt")
	_, errs := readAll(t, []string{path}, nil, NewOptions())
	want := []string{path + ": stat: no such file or directory"}
	if diff := cmp.Diff(want, errStrings(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
}

func TestReadStdin(t *testing.T) {
	tests := []struct {
		name  string
		stdin string
		want  []schema.Document
	}{
		{
			name:  "jsonl",
			stdin: "\n  " + `{"id": "x", "text": "Albania cut ties."}` + "\n" + `{"text": "Iran objected."}`,
			want: []schema.Document{
				{ID: "doc:x", Source: "-:2", Text: "Albania cut ties."},
				{ID: schema.DocumentIRI("", "Iran objected."), Source: "-:3", Text: "Iran objected."},
			},
		},
		{
			name:  "html",
			stdin: "\ufeff\n<!doctype html><title>T</title><nav>Menu</nav><p>Albania cut ties.</p>",
			want: []schema.Document{
				{ID: schema.DocumentIRI("", "Albania cut ties."), Title: "T", Source: "-", Text: "Albania cut ties."},
			},
		},
		{
			name:  "text with front matter",
			stdin: "---\ntitle: T\ndate: 2022-09-07\n---\nAlbania cut ties.\n",
			want: []schema.Document{
				{ID: schema.DocumentIRI("", "Albania cut ties."), Title: "T", Published: "2022-09-07", Source: "-", Text: "Albania cut ties."},
			},
		},
		{
			name:  "text",
			stdin: "Albania cut ties <with> Iran.",
			want: []schema.Document{
				{ID: schema.DocumentIRI("", "Albania cut ties <with> Iran."), Source: "-", Text: "Albania cut ties <with> Iran."},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			docs, errs := readAll(t, []string{"-"}, strings.NewReader(tt.stdin), NewOptions())
			if len(errs) > 0 {
				t.Fatalf("unexpected errors: %v", errs)
			}
			if diff := cmp.Diff(tt.want, docs); diff != "" {
				t.Errorf("documents (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadStdinProblems(t *testing.T) {
	tests := []struct {
		name  string
		stdin io.Reader
		want  []string
	}{
		{name: "no stdin", stdin: nil, want: []string{"-: no standard input"}},
		{name: "empty", stdin: strings.NewReader(""), want: []string{"-: empty file"}},
		{name: "blank", stdin: strings.NewReader(" \n\n "), want: []string{"-: no text"}},
		{name: "binary", stdin: strings.NewReader("\x7fELF\x02\x01\x01"), want: []string{"-: binary content, not text"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := readAll(t, []string{"-"}, tt.stdin, NewOptions())
			if diff := cmp.Diff(tt.want, errStrings(errs)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadDefaultDate(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"dated.txt":   "---\ndate: 2021-01-02\n---\nDated.",
		"undated.txt": "Undated.",
		"feed.jsonl":  `{"date": "Tue, 06 Sep 2022 10:00:00 GMT", "text": "Dated record."}` + "\n" + `{"text": "Undated record."}`,
		"page.html":   `<meta property="article:published_time" content="2020-05-06T01:02:03Z"><p>Dated page.</p>`,
	})
	opts := NewOptions()
	opts.DefaultDate = "2022-09-07"
	docs, errs := readAll(t, []string{dir}, nil, opts)
	if len(errs) > 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	got := map[string]string{}
	for _, d := range docs {
		got[d.Text] = d.Published
	}
	want := map[string]string{
		"Dated.":          "2021-01-02",
		"Undated.":        "2022-09-07",
		"Dated record.":   "2022-09-06",
		"Undated record.": "2022-09-07",
		"Dated page.":     "2020-05-06",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("dates by text (-want +got):\n%s", diff)
	}
}

func TestReadBadOptions(t *testing.T) {
	tests := []struct {
		name   string
		opts   Options
		wantIs error
	}{
		{name: "words", opts: Options{DefaultDate: "yesterday"}, wantIs: ErrBadDate},
		{name: "no such day", opts: Options{DefaultDate: "2022-02-30"}, wantIs: ErrBadDate},
		{name: "not zero-padded", opts: Options{DefaultDate: "2022-9-7"}, wantIs: ErrBadDate},
		{name: "with a time", opts: Options{DefaultDate: "2022-09-07T10:00:00Z"}, wantIs: ErrBadDate},
		{name: "negative size", opts: Options{MaxBytes: -1}},
		{name: "negative text size", opts: Options{MaxText: -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, t.TempDir(), map[string]string{"a.txt": "Text."})
			emitted := 0
			err := Read(context.Background(), []string{dir}, nil, tt.opts,
				func(schema.Document) error { emitted++; return nil },
				func(error) {})
			if err == nil {
				t.Fatal("Read accepted bad options")
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
			if emitted != 0 {
				t.Errorf("emitted %d documents with bad options", emitted)
			}
			if err := tt.opts.Validate(); err == nil {
				t.Error("Validate accepted bad options")
			}
		})
	}
	if err := NewOptions().Validate(); err != nil {
		t.Errorf("NewOptions().Validate() = %v", err)
	}
}

func TestReadFatal(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"a.txt": "",
		"b.txt": "Text b.",
		"c.txt": "Text c.",
	})
	errStop := errors.New("stop")
	tests := []struct {
		name     string
		ctx      func() context.Context
		emit     func(schema.Document) error
		report   func(error)
		wantIs   error
		wantEmit int
	}{
		{
			name:   "emit error",
			ctx:    context.Background,
			emit:   func(schema.Document) error { return errStop },
			report: func(error) {},
			wantIs: errStop, wantEmit: 1,
		},
		{
			name:   "cancelled",
			ctx:    func() context.Context { ctx, cancel := context.WithCancel(context.Background()); cancel(); return ctx },
			emit:   func(schema.Document) error { return nil },
			report: func(error) {},
			wantIs: context.Canceled,
		},
		{
			name:   "no report: the first bad input is fatal",
			ctx:    context.Background,
			emit:   func(schema.Document) error { return nil },
			wantIs: ErrEmpty,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emitted := 0
			emit := func(d schema.Document) error { emitted++; return tt.emit(d) }
			err := Read(tt.ctx(), []string{dir}, nil, NewOptions(), emit, tt.report)
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("Read() = %v, want an error wrapping %v", err, tt.wantIs)
			}
			if emitted != tt.wantEmit {
				t.Errorf("emitted %d documents, want %d", emitted, tt.wantEmit)
			}
		})
	}
}

func TestReadFile(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{
		"feed.jsonl": `{"text": "One."}` + "\n" + `{"text": ` + "\n" + `{"text": "Three."}` + "\n" + `{}` + "\n",
	})
	path := filepath.Join(dir, "feed.jsonl")
	docs, err := ReadFile(context.Background(), path, NewOptions())
	var got []string
	for _, d := range docs {
		got = append(got, d.Text)
	}
	if diff := cmp.Diff([]string{"One.", "Three."}, got); diff != "" {
		t.Errorf("texts (-want +got):\n%s", diff)
	}
	want := path + ":2: bad JSON: unexpected end of JSON input\n" + path + ":4: no text"
	if err == nil || err.Error() != want {
		t.Errorf("ReadFile error = %v, want %q", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Line != 2 || !errors.Is(err, ErrBadJSON) || !errors.Is(err, ErrEmpty) {
		t.Errorf("ReadFile error %v does not hold the line errors", err)
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *Error
		want string
	}{
		{name: "path", err: &Error{Path: "a.txt", Err: ErrBinary}, want: "a.txt: binary content, not text"},
		{name: "line", err: &Error{Path: "a.jsonl", Line: 7, Err: ErrEmpty}, want: "a.jsonl:7: no text"},
		{
			name: "os error names its path once",
			err:  &Error{Path: "a.txt", Err: &fs.PathError{Op: "open", Path: "a.txt", Err: fs.ErrPermission}},
			want: "a.txt: open: permission denied",
		},
		{
			name: "os error on another path",
			err:  &Error{Path: "dir", Err: &fs.PathError{Op: "open", Path: "dir/x", Err: fs.ErrPermission}},
			want: "dir: open dir/x: permission denied",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
			if !errors.Is(tt.err, errors.Unwrap(tt.err)) {
				t.Error("Unwrap does not return the cause")
			}
		})
	}
}

func TestReadSkippedAndURL(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	write := func(name, content string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.csv", "a,b\n")
	write("b.CSV", "a,b\n")
	write("README", "notes\n")
	var warnings []string
	var errs []error
	opts := NewOptions()
	opts.Warn = func(m string) { warnings = append(warnings, m) }
	read := func(paths ...string) int {
		warnings, errs = nil, nil
		n := 0
		err := Read(ctx, paths, nil, opts, func(schema.Document) error { n++; return nil }, func(err error) { errs = append(errs, err) })
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	// Nothing read: an error naming the extensions skipped.
	if n := read(dir); n != 0 || len(errs) != 1 || !errors.Is(errs[0], ErrNothingRead) || len(warnings) != 0 ||
		!strings.Contains(errs[0].Error(), "skipped 3 files of types geokg does not read (.csv 2, no extension 1)") {
		t.Errorf("a directory of CSV files: %d read, errors %v, warnings %v", n, errs, warnings)
	}
	// Something read: a warning.
	write("ok.txt", "Albania cut diplomatic ties with Iran.\n")
	if n := read(dir); n != 1 || len(errs) != 0 || len(warnings) != 1 || !strings.Contains(warnings[0], "skipped 3 files") {
		t.Errorf("a directory with an article: %d read, errors %v, warnings %v", n, errs, warnings)
	}
	// A URL.
	if n := read("https://news.example/a", "www.news.example/b"); n != 0 || len(errs) != 2 || !errors.Is(errs[0], ErrURL) || !errors.Is(errs[1], ErrURL) {
		t.Errorf("URLs: %d read, errors %v", n, errs)
	}
	// A spreadsheet named on its own is refused, a file with no extension
	// read as text.
	if n := read(filepath.Join(dir, "a.csv"), filepath.Join(dir, "README")); n != 1 || len(errs) != 1 || !errors.Is(errs[0], ErrUnsupported) ||
		!strings.Contains(errs[0].Error(), "a.csv: unsupported file type .csv: geokg reads articles in .txt, .md, .html and .jsonl files") {
		t.Errorf("a.csv and README: %d read, errors %v", n, errs)
	}
}
