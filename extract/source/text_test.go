package source

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestStripMarkdown(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{name: "prose is kept", in: "Albania cut ties with Iran.\nIran objected.", want: "Albania cut ties with Iran.\nIran objected."},
		{name: "atx headings", in: "# Title #\n\n### Section\nText.", want: "Title\n\nSection\nText."},
		{name: "hashtag is not a heading", in: "#Albania trends.", want: "#Albania trends."},
		{name: "setext headings", in: "Title\n=====\n\nSub\n---\nText.", want: "Title\n\nSub\n\nText."},
		{name: "emphasis", in: "**Albania** cut *all* __diplomatic__ _ties_ ~~today~~.", want: "Albania cut all diplomatic ties today."},
		{name: "markers inside words and between spaces stay", in: "snake_case and 5*3 and 2 * 3 and ~5 km", want: "snake_case and 5*3 and 2 * 3 and ~5 km"},
		{name: "links keep their text", in: "Said [Edi Rama](https://example.org/rama \"PM\") and [the UN][un].", want: "Said Edi Rama and the UN."},
		{name: "link text with emphasis and brackets", in: "[**Iran** [IRN]](x(y))", want: "Iran [IRN]"},
		{name: "images go", in: "Before ![a photo of Tirana](tirana.jpg) after.", want: "Before after."},
		{name: "editorial brackets stay", in: "He said [the Iranian government] lied.", want: "He said [the Iranian government] lied."},
		{name: "code", in: "Run `geokg` now.\n\n```sh\ngeokg extract a.txt\n```\n\n~~~\nmore code\n~~~\nAfter.", want: "Run geokg now.\n\nAfter."},
		{name: "html comments and tags", in: "A <!-- hidden\nnote --> text with <span class=\"x\">a tag</span>.<br/>", want: "A text with a tag."},
		{name: "autolinks", in: "See <https://example.org> or <press@example.org>.", want: "See https://example.org or press@example.org."},
		{name: "comparison is not a tag", in: "If a < b and c > d.", want: "If a < b and c > d."},
		{name: "block quotes and lists", in: "> Iran denied it.\n> > Nested.\n\n- one\n* two\n+ three\n12. twelve\n3) three", want: "Iran denied it.\nNested.\n\none\ntwo\nthree\ntwelve\nthree"},
		{name: "thematic breaks", in: "One.\n\n* * *\n\nTwo.\n___\nThree.", want: "One.\n\nTwo.\n\nThree."},
		{name: "reference definitions and footnotes", in: "Text.[^1]\n\n[un]: https://un.org\n[^1]: A note.", want: "Text.\n\nA note."},
		{name: "escapes", in: `A \*literal\* star and a \_.`, want: "A *literal* star and a _."},
		{name: "tables", in: "| Country | Capital |\n|---|:---:|\n| Albania | Tirana |", want: "| Country | Capital |\n\n| Albania | Tirana |"},
		{name: "spaces folded", in: "A  hard   break  \nnext", want: "A hard break\nnext"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, stripMarkdown(tt.in)); diff != "" {
				t.Errorf("stripMarkdown(%q) (-want +got):\n%s", tt.in, diff)
			}
		})
	}
}

func TestSplitFrontMatter(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     frontMatter
		wantBody string
		wantIs   error
	}{
		{
			name:     "all keys",
			in:       "---\nTitle: 'Albania''s move'\ndate: \"2022-09-07T09:00:00Z\"\nurl: https://example.org/a?b=c:d\nid: 123\n---\nBody.",
			want:     frontMatter{title: "Albania's move", date: "2022-09-07", url: "https://example.org/a?b=c:d", id: "123"},
			wantBody: "Body.",
		},
		{
			name:     "other keys, lists, comments and blank lines ignored",
			in:       "---\n# comment\nauthor: X\n\ntags:\n  - a\n- b\ntitle: T\n...\n\nBody.",
			want:     frontMatter{title: "T"},
			wantBody: "Body.",
		},
		{
			name:     "a title over two lines, plain",
			in:       "---\ntitle: Albania cuts diplomatic ties\n  with Iran over a cyberattack\ndate: 2022-09-07\n---\nBody.",
			want:     frontMatter{title: "Albania cuts diplomatic ties with Iran over a cyberattack", date: "2022-09-07"},
			wantBody: "Body.",
		},
		{
			name:     "a folded title",
			in:       "---\ntitle: >\n  Albania cuts ties\n  with Iran\nid: wire-7\n---\nBody.",
			want:     frontMatter{title: "Albania cuts ties with Iran", id: "wire-7"},
			wantBody: "Body.",
		},
		{
			name:     "a quoted title over two lines",
			in:       "---\ntitle: \"Albania: the break\n  with Iran\"\n---\nBody.",
			want:     frontMatter{title: "Albania: the break with Iran"},
			wantBody: "Body.",
		},
		{
			name:     "a colon in an unquoted title, which YAML refuses",
			in:       "---\ntitle: Albania: the break\ndate: 2022-09-07\n---\nBody.",
			want:     frontMatter{title: "Albania: the break", date: "2022-09-07"},
			wantBody: "Body.",
		},
		{
			name:     "no front matter",
			in:       "Body.\n---\ntitle: x\n---",
			wantBody: "Body.\n---\ntitle: x\n---",
		},
		{
			name:     "a horizontal rule, not front matter",
			in:       "---\nAlbania cut ties.\n---\nMore.",
			wantBody: "---\nAlbania cut ties.\n---\nMore.",
		},
		{
			name:     "not closed",
			in:       "---\ntitle: x\nBody.",
			wantBody: "---\ntitle: x\nBody.",
		},
		{
			name:   "bad date",
			in:     "---\ndate: 2022-13-01\n---\nBody.",
			wantIs: ErrBadDate,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fm, body, err := splitFrontMatter(tt.in)
			if !errors.Is(err, tt.wantIs) {
				t.Fatalf("error = %v, want %v", err, tt.wantIs)
			}
			if err != nil {
				return
			}
			if diff := cmp.Diff(tt.want, fm, cmp.AllowUnexported(frontMatter{})); diff != "" {
				t.Errorf("front matter (-want +got):\n%s", diff)
			}
			if body != tt.wantBody {
				t.Errorf("body = %q, want %q", body, tt.wantBody)
			}
		})
	}
}

func TestNormalizeDate(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"2022-09-07", "2022-09-07", true},
		{" 2022-09-07T23:30:00-05:00 ", "2022-09-07", true},
		{"2022-09-07 08:00", "2022-09-07", true},
		{"2022/09/07", "2022-09-07", true},
		{"Wed, 07 Sep 2022 10:00:00 +0200", "2022-09-07", true},
		{"Wed, 7 Sep 2022 10:00:00 GMT", "2022-09-07", true},
		{"September 7, 2022", "2022-09-07", true},
		{"Sep. 7, 2022", "2022-09-07", true},
		{"7 September 2022", "2022-09-07", true},
		{"20220907", "2022-09-07", true},
		{"2022-02-29", "", false},
		{"2022-09", "", false},
		{"2022", "", false},
		{"2022-09-07x", "", false},
		{"yesterday", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := normalizeDate(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("normalizeDate(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

func TestLooksBinary(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"text", "Albania cut ties.\n\tIndented.\f", false},
		{"UTF-8", "Tiranë, Тирана, طهران", false},
		{"NUL", "a\x00b", true},
		{"UTF-16", "\xff\xfeA\x00l\x00", true},
		{"PNG", "\x89PNG\r\n\x1a\n", true},
		{"gzip", "\x1f\x8b\x08", true},
		{"control characters", "\x01\x02\x03\x04abc", true},
		{"one stray control character", "Albania cut ties with Iran.\x1a", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := looksBinary([]byte(tt.in)); got != tt.want {
				t.Errorf("looksBinary(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}
