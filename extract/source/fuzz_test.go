package source

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/geokg/geokg/schema"
)

// The fuzz targets check that no input makes a reader panic, and that what
// comes out is valid UTF-8 text.

func FuzzStripMarkdown(f *testing.F) {
	for _, s := range []string{
		"# T\n\n**b** [l](u) ![i](j) `c` <x> <!-- c --> > q\n- l\n```\nc\n```",
		"[[[((", "\\", "*_~`<!", "[a](", "<a", "``` \n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if out := stripMarkdown(s); !utf8.ValidString(out) {
			t.Errorf("stripMarkdown(%q) = %q, not UTF-8", s, out)
		}
	})
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte(newsPage))
	f.Add([]byte("<p>x</p><meta charset=latin1>\xeb"))
	f.Add([]byte(`<script type="application/ld+json">[{"headline":1}]</script><p>x`))
	f.Fuzz(func(t *testing.T, b []byte) {
		doc, err := parseHTML(b)
		if err != nil {
			return
		}
		if doc.Text == "" || !utf8.ValidString(doc.Text) || !utf8.ValidString(doc.Title) {
			t.Errorf("parseHTML(%q) = %+v", b, doc)
		}
	})
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("---\ntitle: t\ndate: 2022-01-02\n---\nText."))
	f.Add([]byte(`{"id": 1, "text": "x"}` + "\n" + `{"text": `))
	f.Add([]byte("<p>x</p>"))
	f.Fuzz(func(t *testing.T, b []byte) {
		err := Read(context.Background(), []string{"-"}, bytes.NewReader(b), Options{MaxBytes: 1 << 12},
			func(d schema.Document) error {
				if strings.TrimSpace(d.Text) == "" || !utf8.ValidString(d.Text) || !strings.HasPrefix(d.ID, "doc:") {
					t.Errorf("bad document %+v from %q", d, b)
				}
				return nil
			},
			func(error) {})
		if err != nil {
			t.Errorf("Read(%q) = %v, want no fatal error", b, err)
		}
	})
}
