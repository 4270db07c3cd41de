package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// TestInputMistakes: a URL given for a file, a directory of files geokg
// does not read, and a JSONL file whose every line is bad, each with a
// clear message and the right exit status, for extract and ingest.
func TestInputMistakes(t *testing.T) {
	dir := t.TempDir()
	csvOnly := filepath.Join(dir, "csv")
	writeFile(t, csvOnly, "a.csv", "a,b\n")
	writeFile(t, csvOnly, "b.csv", "c,d\n")
	writeFile(t, csvOnly, "notes.pdf", "%PDF\n")
	mixed := filepath.Join(dir, "mixed")
	writeFile(t, mixed, "a.csv", "a,b\n")
	writeFile(t, mixed, "ties.txt", articleTies)
	var lines []string
	for i := range 25 {
		lines = append(lines, fmt.Sprintf(`{"id": "n%d", "title": "a record without text"}`, i))
	}
	bad := writeFile(t, dir, "bad.jsonl", strings.Join(lines, "\n")+"\n")

	for _, cmd := range [][]string{{"extract", "--format", "jsonl"}, {"--backend", "memstore", "ingest"}} {
		name := cmd[len(cmd)-1]
		if name == "jsonl" {
			name = "extract"
		}
		run := func(args ...string) result {
			return geokg(t, "", nil, append(append([]string(nil), cmd...), args...)...)
		}
		t.Run(name, func(t *testing.T) {
			r := run("https://news.example/albania-iran")
			if r.code != exitFailure || !strings.Contains(r.err, "geokg: https://news.example/albania-iran: is a URL: geokg reads files, not web pages; save the page first") {
				t.Errorf("a URL: exit %d, stderr:\n%s", r.code, r.err)
			}

			r = run(csvOnly)
			if r.code != exitFailure || !strings.Contains(r.err, "no article read: skipped 3 files of types geokg does not read (.csv 2, .pdf 1)") {
				t.Errorf("a directory of CSV files: exit %d, stderr:\n%s", r.code, r.err)
			}

			r = run(filepath.Join(csvOnly, "a.csv"))
			if r.code != exitFailure || !strings.Contains(r.err, "a.csv: unsupported file type .csv: geokg reads articles in .txt, .md, .html and .jsonl files") {
				t.Errorf("a CSV file: exit %d, stderr:\n%s", r.code, r.err)
			}

			r = run(mixed)
			if r.code != exitOK || !strings.Contains(r.err, "geokg: warning: "+mixed+": skipped 1 file of types geokg does not read (.csv 1)") {
				t.Errorf("a directory with an article and a CSV file: exit %d, stderr:\n%s", r.code, r.err)
			}

			r = run(bad)
			shown := strings.Count(r.err, ": no text\n")
			if r.code != exitFailure || shown != maxErrorsPerInput || !strings.Contains(r.err, "geokg: "+bad+": 15 more errors not shown\n") {
				t.Errorf("25 bad lines: exit %d, %d shown, stderr:\n%s", r.code, shown, r.err)
			}
		})
	}
}
