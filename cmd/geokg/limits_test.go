package main

import (
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestInputLimits runs extract and ingest on an article that is too large
// and on one with a sentence too long for the tagger, and checks what they
// say and do.
func TestInputLimits(t *testing.T) {
	dir := t.TempDir()
	long := "Albania, " + strings.Repeat("Iran and Iraq and ", 10) + "cut diplomatic ties with Iran."
	text := "---\ntitle: Limits\ndate: 2022-09-07\n---\nAlbania cut diplomatic ties with Iran on Wednesday. " + long + " Iran condemned Albania.\n"
	article := writeFile(t, dir, "limits.txt", text)
	offset := strings.Index(text[strings.Index(text, "\n---\n")+5:], long)
	size := len(text)

	for _, cmd := range []string{"extract", "ingest"} {
		t.Run(cmd, func(t *testing.T) {
			args := func(extra ...string) []string {
				a := []string{"--db", filepath.Join(t.TempDir(), "kg"), cmd}
				return append(append(a, extra...), article)
			}
			t.Run("article too large", func(t *testing.T) {
				r := geokg(t, "", nil, args("--max-article-size", "100")...)
				want := fmt.Sprintf("geokg: %s: %d bytes exceeds the maximum article size of 100 bytes; raise --max-article-size\n", article, size)
				if r.code != exitFailure || !strings.HasPrefix(r.err, want) {
					t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.err, want)
				}
			})
			t.Run("article text too long", func(t *testing.T) {
				textSize := len(strings.TrimSpace(text[strings.Index(text, "\n---\n")+5:])) // the reader trims the text
				r := geokg(t, "", nil, args("--max-text-size", "100")...)
				want := fmt.Sprintf("geokg: %s: its text of %d bytes exceeds the maximum article text of 100 bytes; raise --max-text-size\n", article, textSize)
				if r.code != exitFailure || !strings.HasPrefix(r.err, want) {
					t.Errorf("exit %d, stderr %q; want exit 1 and %q", r.code, r.err, want)
				}
			})
			t.Run("article as large as allowed", func(t *testing.T) {
				r := geokg(t, "", nil, args("--max-article-size", fmt.Sprint(size))...)
				if r.code != exitOK || strings.Contains(r.err, "maximum") {
					t.Errorf("exit %d, stderr %q", r.code, r.err)
				}
			})
			t.Run("sentence too long", func(t *testing.T) {
				r := geokg(t, "", nil, args("--max-sentence-bytes", "100")...)
				re := regexp.MustCompile(fmt.Sprintf(`(?m)^geokg: warning: %s \(doc:[0-9a-f]+\): sentence at byte %d of the text is %d bytes long, over the maximum sentence length of 100 bytes; it was not read \(raise --max-sentence-bytes to read it\)$`,
					regexp.QuoteMeta(article), offset, len(long)))
				if r.code != exitOK || !re.MatchString(r.err) || strings.Count(r.err, "warning:") != 1 {
					t.Errorf("exit %d, stderr:\n%s\nwant exit 0 and one warning matching %s", r.code, r.err, re)
				}
				// The other sentences are still read.
				if cmd == "extract" && (!strings.Contains(r.out, `"predicate":"severed_ties_with"`) || !strings.Contains(r.out, `"predicate":"condemned"`)) {
					t.Errorf("statements of the other sentences missing:\n%s", r.out)
				}
			})
			t.Run("default limits read it all", func(t *testing.T) {
				r := geokg(t, "", nil, args()...)
				if r.code != exitOK || strings.Contains(r.err, "warning") {
					t.Errorf("exit %d, stderr %q", r.code, r.err)
				}
			})
		})
	}
}
