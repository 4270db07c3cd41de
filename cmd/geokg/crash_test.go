//go:build unix && integration

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
)

// crashCorpus writes n articles into a new directory: the bundled articles
// again and again, each copy with its own id and a publication date of its
// own, so that every file is a distinct document.
func crashCorpus(t *testing.T, n int) string {
	t.Helper()
	docs, err := source.ReadFile(context.Background(), filepath.Join("..", "..", "testdata", "articles"), source.NewOptions())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	start := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := docs[i%len(docs)]
		date := start.AddDate(0, 0, i).Format(time.DateOnly)
		text := fmt.Sprintf("---\nid: crash-%03d\ntitle: %s (%d)\ndate: %s\n---\n%s\n", i, d.Title, i, date, d.Text)
		writeFile(t, dir, fmt.Sprintf("a%03d.txt", i), text)
	}
	return dir
}

// quadsByDoc reads the quads of the bolt store db, by label, each as its
// N-Quads line.
func quadsByDoc(t *testing.T, db string) map[string]map[string]bool {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, db)
	if err != nil {
		t.Fatalf("reopen the store after the kill: %v", err)
	}
	defer st.Close()
	var buf bytes.Buffer
	if _, err := st.Backup(ctx, &buf); err != nil {
		t.Fatal(err)
	}
	qs, err := graph.ReadBackup(&buf, db)
	if err != nil {
		t.Fatal(err)
	}
	return groupQuads(qs)
}

func groupQuads(qs []quad.Quad) map[string]map[string]bool {
	out := make(map[string]map[string]bool)
	for _, q := range qs {
		l := ""
		if q.Label != nil {
			l = q.Label.String()
		}
		if out[l] == nil {
			out[l] = make(map[string]bool)
		}
		out[l][q.NQuad()] = true
	}
	return out
}

// expected is what a store holds of the corpus's articles, from the quads
// extract gives for them: each article's own quads, by its label, and the
// facts of its entities, which a bolt store keeps once, labelled with the
// entity (graph.Store.AsStored), by article.
type expected struct {
	docs  map[string]map[string]bool // article label → its own quads
	facts map[string][]quad.Quad     // article label → its entities' facts
}

func expect(t *testing.T, qs []quad.Quad) expected {
	t.Helper()
	mem, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	e := expected{docs: make(map[string]map[string]bool), facts: make(map[string][]quad.Quad)}
	for _, q := range qs {
		doc := q.Label.String()
		if e.docs[doc] == nil {
			e.docs[doc] = make(map[string]bool)
		}
		stored := mem.AsStored([]quad.Quad{q})[0]
		if stored.Label.String() == doc {
			e.docs[doc][q.NQuad()] = true
		} else {
			e.facts[doc] = append(e.facts[doc], stored)
		}
	}
	return e
}

// checkWhole fails t unless every document of the store holds every quad
// extract gives for it, and nothing else but bookkeeping of the document
// node itself (its content hash), and the store holds exactly the facts of
// the entities its documents name, each once. It returns the number of
// documents.
func checkWhole(t *testing.T, stored map[string]map[string]bool, want expected) int {
	t.Helper()
	facts := make(map[string]map[string]bool) // entity label → the facts its stored articles state
	docs := 0
	for label := range stored {
		if _, ok := want.docs[label]; !ok {
			continue
		}
		docs++
		for _, q := range want.facts[label] {
			l := q.Label.String()
			if facts[l] == nil {
				facts[l] = make(map[string]bool)
			}
			facts[l][q.NQuad()] = true
		}
	}
	for label, got := range stored {
		exp, doc := want.docs[label]
		if !doc {
			var ok bool
			if exp, ok = facts[label]; !ok {
				t.Errorf("store holds %d quads labelled %s, which is no article of the corpus nor an entity one names", len(got), label)
				continue
			}
		}
		missing := 0
		for q := range exp {
			if !got[q] {
				missing++
			}
		}
		if missing > 0 {
			t.Errorf("%s is torn: %d of its %d quads are missing", label, missing, len(exp))
		}
		for q := range got {
			if !exp[q] && !(doc && strings.HasPrefix(q, label+" ")) {
				t.Errorf("%s holds a quad extract does not give: %s", label, q)
			}
		}
	}
	for label := range facts {
		if stored[label] == nil {
			t.Errorf("the facts of %s, which stored articles name, are missing", label)
		}
	}
	return docs
}

// TestCrashSafety kills geokg ingest with SIGKILL at several points of a
// run over 300 articles and checks, each time, that the store opens, holds
// whole articles only and verifies; then that ingest run again ends with
// exactly the quads of a clean run, and that ingesting the corpus once more
// changes nothing, nor does extracting and writing stored articles again
// (--force).
func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("builds geokg and ingests 300 articles several times")
	}
	bin := buildGeokg(t)
	corpus := crashCorpus(t, 300)
	tmp := t.TempDir()
	cleanDB, db := filepath.Join(tmp, "clean"), filepath.Join(tmp, "crashed")

	command := func(args ...string) *exec.Cmd {
		c := exec.Command(bin, args...)
		c.Env = append(os.Environ(), "GEOKG_DB=", "GEOKG_BACKEND=")
		return c
	}
	runOK := func(args ...string) (stdout, stderr string) {
		t.Helper()
		var o, e bytes.Buffer
		c := command(args...)
		c.Stdout, c.Stderr = &o, &e
		if err := c.Run(); err != nil {
			t.Fatalf("geokg %s: %v\n%s", strings.Join(args, " "), err, e.String())
		}
		return o.String(), e.String()
	}
	statsOf := func(db string) graph.Stats {
		t.Helper()
		out, _ := runOK("--db", db, "stats", "--json")
		var s graph.Stats
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatalf("stats --json: %v\n%s", err, out)
		}
		return s
	}

	// The clean run and the expected quads of every article, side by side.
	clean := command("--db", cleanDB, "ingest", "-j", "2", corpus)
	var cleanErr bytes.Buffer
	clean.Stderr = &cleanErr
	if err := clean.Start(); err != nil {
		t.Fatal(err)
	}
	nq, _ := runOK("extract", "--format", "nquads", corpus)
	if err := clean.Wait(); err != nil {
		t.Fatalf("clean ingest: %v\n%s", err, cleanErr.String())
	}
	expQuads, err := graph.ReadBackup(strings.NewReader(nq), "extract output")
	if err != nil {
		t.Fatal(err)
	}
	want := expect(t, expQuads)
	if len(want.docs) != 300 {
		t.Fatalf("extract gave quads of %d documents, want 300", len(want.docs))
	}
	cleanStats := statsOf(cleanDB)
	if cleanStats.Documents != 300 {
		t.Fatalf("clean run stored %d documents, want 300", cleanStats.Documents)
	}

	// Kill points: after a time, and right after an article is reported
	// stored (the next is then being extracted or written).
	storedLine := regexp.MustCompile(`^ingest: \S+ doc:\S+: \d+ statements`)
	points := []struct {
		name  string
		after time.Duration
		lines int
	}{
		{name: "after 0.3 s", after: 300 * time.Millisecond},
		{name: "after 1 s", after: time.Second},
		{name: "after 2 s", after: 2 * time.Second},
		{name: "after 40 more articles", lines: 40},
		{name: "after 3 more articles", lines: 3},
	}
	partial := 0
	for _, p := range points {
		c := command("--db", db, "ingest", "-j", "2", corpus)
		stderr, err := c.StderrPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string)
		go func() {
			defer close(lines)
			sc := bufio.NewScanner(stderr)
			for sc.Scan() {
				lines <- sc.Text()
			}
		}()
		var timer <-chan time.Time
		if p.after > 0 {
			timer = time.After(p.after)
		}
		seen, finished := 0, false
	wait:
		for {
			select {
			case <-timer:
				break wait
			case l, ok := <-lines:
				if !ok {
					finished = true
					break wait
				}
				if storedLine.MatchString(l) {
					seen++
					if p.lines > 0 && seen >= p.lines {
						break wait
					}
				}
			}
		}
		c.Process.Kill() // SIGKILL
		for range lines {
		}
		c.Wait()

		n := checkWhole(t, quadsByDoc(t, db), want)
		t.Logf("%s: killed%s; the store holds %d whole documents", p.name, map[bool]string{true: " (ingest had finished)", false: ""}[finished], n)
		if n > 0 && n < 300 {
			partial++
		}
		if out, errs := runOK("--db", db, "verify"); !strings.Contains(out, ": OK") {
			t.Errorf("verify after the kill %s:\n%s%s", p.name, out, errs)
		}
	}
	if partial == 0 {
		t.Errorf("no kill left the store part-way through the corpus: the test did not test")
	}

	// Resume: the store ends as a clean run leaves it.
	runOK("--db", db, "ingest", corpus)
	if diff := cmp.Diff(cleanStats, statsOf(db)); diff != "" {
		t.Errorf("stats after the crashes and a resumed ingest (-clean +crashed):\n%s", diff)
	}
	cleanQuads := quadsByDoc(t, cleanDB)
	if diff := cmp.Diff(sortedSet(cleanQuads), sortedSet(quadsByDoc(t, db))); diff != "" {
		t.Errorf("quads after the crashes and a resumed ingest (-clean +crashed):\n%s", diff)
	}

	// Ingesting the same corpus again changes nothing: the articles are
	// found stored already; and extracting some of them anew and writing
	// them again (--force) changes nothing either.
	runOK("--db", db, "ingest", corpus)
	if diff := cmp.Diff(sortedSet(cleanQuads), sortedSet(quadsByDoc(t, db))); diff != "" {
		t.Errorf("quads after ingesting the corpus again (-before +after):\n%s", diff)
	}
	again := t.TempDir()
	for i := 0; i < 300; i += 15 {
		name := fmt.Sprintf("a%03d.txt", i)
		b, err := os.ReadFile(filepath.Join(corpus, name))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, again, name, string(b))
	}
	_, errs := runOK("--db", db, "ingest", "--force", again)
	if !regexp.MustCompile(`(?m)^ingest: 20 documents \(0 new, 0 updated, 20 unchanged\)`).MatchString(errs) {
		t.Errorf("ingest --force of 20 stored articles:\n%s", crashTail(errs, 5))
	}
	if diff := cmp.Diff(sortedSet(cleanQuads), sortedSet(quadsByDoc(t, db))); diff != "" {
		t.Errorf("quads after ingest --force of stored articles (-before +after):\n%s", diff)
	}
	if out, errs := runOK("--db", db, "verify"); !strings.Contains(out, ": OK") {
		t.Errorf("verify at the end:\n%s%s", out, errs)
	}
}

func sortedSet(m map[string]map[string]bool) []string {
	var out []string
	for _, qs := range m {
		for q := range qs {
			out = append(out, q)
		}
	}
	sort.Strings(out)
	return out
}

func crashTail(s string, n int) string {
	ls := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(ls[max(0, len(ls)-n):], "\n")
}
