package main

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestIngest(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	b := writeFile(t, dir, "mek.txt", articleMEK)
	db := filepath.Join(t.TempDir(), "kg")

	first := mustRun(t, exitOK, "--db", db, "ingest", a, b)
	for _, re := range []string{
		`(?m)^ingest: ` + regexp.QuoteMeta(a) + ` doc:[0-9a-f]+: [1-9]\d* statements, \+[1-9]\d* -0 quads$`,
		`(?m)^ingest: ` + regexp.QuoteMeta(b) + ` doc:[0-9a-f]+: [1-9]\d* statements, \+[1-9]\d* -0 quads$`,
		`(?m)^ingest: 2 documents \(2 new, 0 updated, 0 unchanged\), 0 failed; \d+ statements$`,
		`(?m)^store ` + regexp.QuoteMeta(db) + `: 2 documents, \d+ statements, \d+ entities, [1-9]\d* quads$`,
		`(?m)^elapsed `,
	} {
		if !regexp.MustCompile(re).MatchString(first.err) {
			t.Errorf("stderr does not match %s:\n%s", re, first.err)
		}
	}
	if first.out != "" {
		t.Errorf("stdout = %q, want nothing", first.out)
	}
	before := storeStats(t, db)

	// Ingesting the same articles again skips them: the store holds them.
	second := mustRun(t, exitOK, "--db", db, "ingest", a, b)
	if !strings.Contains(second.err, "ingest: 0 documents (0 new, 0 updated, 0 unchanged), 0 failed") ||
		!strings.Contains(second.err, "ingest: 2 documents skipped, already stored") ||
		strings.Count(second.err, ": skipped, already stored\n") != 2 {
		t.Errorf("second ingest:\n%s", second.err)
	}
	if diff := cmp.Diff(before, storeStats(t, db)); diff != "" {
		t.Errorf("stats after a second ingest (-first +second):\n%s", diff)
	}

	// --force extracts them again, which changes nothing.
	forced := mustRun(t, exitOK, "--db", db, "ingest", "--force", a, b)
	if !strings.Contains(forced.err, "ingest: 2 documents (0 new, 0 updated, 2 unchanged), 0 failed") {
		t.Errorf("forced ingest:\n%s", forced.err)
	}
	if strings.Count(forced.err, "statements, +0 -0 quads\n") != 2 {
		t.Errorf("forced ingest changed quads:\n%s", forced.err)
	}
	if diff := cmp.Diff(before, storeStats(t, db)); diff != "" {
		t.Errorf("stats after a forced ingest (-first +second):\n%s", diff)
	}

	// An article whose text changes, keeping its id, is updated in place.
	c1 := writeFile(t, dir, "c.txt", "---\nid: story-1\ndate: 2022-09-07\n---\nAlbania cut diplomatic ties with Iran on Wednesday.\n")
	mustRun(t, exitOK, "--db", db, "ingest", c1)
	writeFile(t, dir, "c.txt", "---\nid: story-1\ndate: 2023-06-20\n---\nThe United States accused Iran of the cyberattack on Tuesday.\n")
	up := mustRun(t, exitOK, "--db", db, "ingest", c1)
	if !regexp.MustCompile(`ingest: 1 document \(0 new, 1 updated, 0 unchanged\)`).MatchString(up.err) ||
		!regexp.MustCompile(`doc:story_1: \d+ statements, \+\d+ -[1-9]\d* quads`).MatchString(up.err) {
		t.Errorf("changed article:\n%s", up.err)
	}
}

func TestIngestMemstore(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	r := geokg(t, "", map[string]string{envBackend: "memstore"}, "ingest", a)
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if !regexp.MustCompile(`(?m)^store memstore: 1 documents, [1-9]\d* statements, [1-9]\d* entities, [1-9]\d* quads$`).MatchString(r.err) {
		t.Errorf("summary:\n%s", r.err)
	}
	if _, err := os.Stat("geokg.db"); err == nil {
		t.Error("the memstore backend created geokg.db")
	}
}

// TestIngestBadInput ingests a batch holding one bad input into a store
// that already holds an article. The bad input must be reported by name,
// the rest of the batch stored, the exit status 1, and the store must end
// up exactly as if the bad input had not been there.
func TestIngestBadInput(t *testing.T) {
	const goodLine = `{"id": "wire-1", "date": "2022-09-07", "title": "Ties cut", "text": "Albania cut diplomatic ties with Iran on Wednesday."}`
	const goodLine2 = `{"id": "wire-2", "date": "2023-06-20", "text": "The United States accused Iran of the cyberattack on Tuesday."}`
	tests := []struct {
		name string
		// setup writes the bad input into dir and returns the argument
		// naming it, the arguments that hold only its good part, and what
		// stderr must say.
		setup func(t *testing.T, dir string) (bad string, clean []string, want string)
	}{
		{
			name: "empty file",
			setup: func(t *testing.T, dir string) (string, []string, string) {
				p := writeFile(t, dir, "empty.txt", "")
				return p, nil, "geokg: " + p + ": empty file"
			},
		},
		{
			name: "binary file",
			setup: func(t *testing.T, dir string) (string, []string, string) {
				p := writeFile(t, dir, "photo.txt", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
				return p, nil, "geokg: " + p + ": binary content, not text"
			},
		},
		{
			name: "invalid UTF-8",
			setup: func(t *testing.T, dir string) (string, []string, string) {
				p := writeFile(t, dir, "latin1.txt", "Albania cut ties with Iran in Tiran\xe0 on Wednesday.\n")
				return p, nil, "geokg: " + p + ": invalid UTF-8 at byte 35"
			},
		},
		{
			name: "50 MB file",
			setup: func(t *testing.T, dir string) (string, []string, string) {
				p := filepath.Join(dir, "huge.txt")
				f, err := os.Create(p)
				if err != nil {
					t.Fatal(err)
				}
				w := bufio.NewWriter(f)
				line := strings.Repeat("Albania cut diplomatic ties with Iran on Wednesday. ", 20) + "\n"
				for n := 0; n < 50<<20; n += len(line) {
					w.WriteString(line)
				}
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				if err := f.Close(); err != nil {
					t.Fatal(err)
				}
				info, err := os.Stat(p)
				if err != nil {
					t.Fatal(err)
				}
				return p, nil, fmt.Sprintf("geokg: %s: %d bytes exceeds the maximum article size", p, info.Size())
			},
		},
		{
			name: "unreadable file in a directory",
			setup: func(t *testing.T, dir string) (string, []string, string) {
				d := filepath.Join(dir, "inbox")
				good := writeFile(t, d, "b-good.txt", "---\ndate: 2023-06-20\n---\nThe United States accused Iran of the cyberattack on Tuesday.\n")
				gone := filepath.Join(d, "a-gone.txt")
				if err := os.Symlink(filepath.Join(dir, "nowhere.txt"), gone); err != nil {
					t.Fatal(err)
				}
				return d, []string{good}, "geokg: " + gone + ": stat: no such file or directory"
			},
		},
		{
			name: "JSONL with one broken line",
			setup: func(t *testing.T, dir string) (string, []string, string) {
				p := writeFile(t, dir, "feed.jsonl", goodLine+"\n"+`{"id": "wire-x", "text": "Albania cut`+"\n"+goodLine2+"\n")
				clean := writeFile(t, dir, "clean.jsonl", goodLine+"\n"+goodLine2+"\n")
				return p, []string{clean}, "geokg: " + p + ":2: bad JSON"
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			stored := writeFile(t, dir, "stored.txt", articleTies)
			next := writeFile(t, dir, "next.txt", articleMEK)
			bad, clean, want := tt.setup(t, dir)

			// The store under test: an article, then the batch with the bad input.
			db := filepath.Join(dir, "kg")
			mustRun(t, exitOK, "--db", db, "ingest", stored)
			before := storeStats(t, db)
			r := geokg(t, "", nil, "--db", db, "ingest", bad, next)
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d\n%s", r.code, exitFailure, r.err)
			}
			if !strings.Contains(r.err, want) {
				t.Errorf("stderr does not contain %q:\n%s", want, r.err)
			}
			if !strings.Contains(r.err, "ingest: "+next+" doc:") {
				t.Errorf("the article after the bad input was not stored:\n%s", r.err)
			}
			if !regexp.MustCompile(`, 1 failed; `).MatchString(r.err) || !strings.HasSuffix(r.err, "geokg: 1 input failed\n") {
				t.Errorf("summary does not count one failure:\n%s", r.err)
			}
			after := storeStats(t, db)
			if after.Documents < before.Documents+1 || after.Quads <= before.Quads {
				t.Errorf("stats before %+v, after %+v: want the batch's good articles added", before, after)
			}

			// A store given the same articles without the bad input.
			ref := filepath.Join(dir, "ref")
			mustRun(t, exitOK, "--db", ref, "ingest", stored)
			mustRun(t, exitOK, append(append([]string{"--db", ref, "ingest"}, clean...), next)...)
			if diff := cmp.Diff(storeStats(t, ref), after); diff != "" {
				t.Errorf("store after a batch with a bad input differs from one without it (-without +with):\n%s", diff)
			}
		})
	}
}

func TestProgress(t *testing.T) {
	var b strings.Builder
	p := &progress{w: &b, live: true}
	p.show(ingestCounts{docs: 3, statements: 12}, "articles/a.txt")
	p.clear()
	p.clear() // nothing shown: writes nothing
	if !regexp.MustCompile(`^\r\x1b\[Kingest: 3 documents, 0 skipped, 12 statements, [0-9.]+ docs/s articles/a\.txt\r\x1b\[K$`).MatchString(b.String()) {
		t.Errorf("progress wrote %q", b.String())
	}

	var quiet strings.Builder
	p = &progress{w: &quiet}
	p.show(ingestCounts{docs: 1}, "a.txt")
	p.clear()
	if quiet.Len() != 0 {
		t.Errorf("progress off a terminal wrote %q", quiet.String())
	}
}

func TestTimeLeft(t *testing.T) {
	tests := []struct {
		name       string
		done, size int64
		elapsed    time.Duration
		want       time.Duration
		ok         bool
	}{
		{"a quarter in 10s", 250, 1000, 10 * time.Second, 30 * time.Second, true},
		{"half", 500, 1000, time.Minute, time.Minute, true},
		{"size unknown (stdin)", 500, 0, time.Minute, 0, false},
		{"nothing read yet", 0, 1000, time.Second, 0, false},
		{"more read than measured", 2000, 1000, time.Second, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := timeLeft(tt.done, tt.size, tt.elapsed)
			if got != tt.want || ok != tt.ok {
				t.Errorf("timeLeft(%d, %d, %s) = %s, %v; want %s, %v", tt.done, tt.size, tt.elapsed, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// TestIngestIDCollision checks that articles whose ids differ but make the
// same document IRI are refused, naming both, rather than one replacing
// the other in silence.
func TestIngestIDCollision(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "a.jsonl", `{"id": "note 1", "date": "2022-09-07", "text": "Albania cut diplomatic ties with Iran on Wednesday."}`+"\n"+
		`{"id": "note_1", "date": "2023-06-20", "text": "The United States accused Iran of the cyberattack on Tuesday."}`+"\n")
	b := writeFile(t, dir, "b.txt", "---\nid: NOTE-1\ndate: 2023-06-21\n---\nFrance condemned Iran on Wednesday.\n")
	db := filepath.Join(dir, "kg")
	for range 2 { // the same answer every run
		r := geokg(t, "", nil, "--db", db, "ingest", a, b)
		if r.code != exitFailure {
			t.Fatalf("exit %d, want %d\n%s", r.code, exitFailure, r.err)
		}
		for _, want := range []string{
			a + `:2: article ids collide: id "note_1" makes document IRI doc:note_1, as id "note 1" of ` + a + `:1 did`,
			b + `: article ids collide: id "NOTE-1" makes document IRI doc:note_1, as id "note 1" of ` + a + `:1 did`,
		} {
			if !strings.Contains(r.err, want) {
				t.Errorf("stderr lacks %q:\n%s", want, r.err)
			}
		}
		if st := storeStats(t, db); st.Documents != 1 {
			t.Errorf("%d documents stored, want 1", st.Documents)
		}
		rel := mustRun(t, exitOK, "--db", db, "relations", "Albania").out
		if !strings.Contains(rel, "severed ties with") {
			t.Errorf("the first article (note 1) is not the one kept:\n%s", rel)
		}
	}
	// The same id twice is the same article, read again: no collision.
	c := writeFile(t, dir, "c.jsonl", `{"id": "note 1", "date": "2022-09-07", "text": "Albania cut diplomatic ties with Iran on Wednesday."}`+"\n")
	mustRun(t, exitOK, "--db", filepath.Join(dir, "kg2"), "ingest", c, c)
}

// TestFileNamesQuoted ingests files whose names hold a line break and a
// terminal escape: every message names them quoted, so no name can pass
// for a line of geokg's own or colour the terminal.
func TestFileNamesQuoted(t *testing.T) {
	dir := t.TempDir()
	name := "ok.txt\nstore kg: 0 documents\x1b[2K.txt"
	good := writeFile(t, dir, name, articleTies)
	bad := writeFile(t, dir, "empty \x1b[31mred.txt", "")
	db := filepath.Join(dir, "kg")
	r := geokg(t, "", nil, "--db", db, "ingest", good, bad)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want %d\n%s", r.code, exitFailure, r.err)
	}
	if strings.ContainsRune(r.err, '\x1b') || strings.Contains(r.err, "\nstore kg: 0 documents") {
		t.Errorf("stderr carries a file name unquoted:\n%q", r.err)
	}
	for _, want := range []string{
		"ingest: " + strconv.Quote(good) + " doc:",
		"geokg: " + strconv.Quote(bad) + ": ",
	} {
		if !strings.Contains(r.err, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.err)
		}
	}
}
