//go:build integration

package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// This file tests ingest at corpus scale on articles made by the generator
// (testdata/gen): parallel workers, resuming after a kill, precision and
// recall against the generator's gold statements, the same answers from
// every backend, and several processes writing one PostgreSQL database.

// TestIngestWorkersAgree ingests the same generated corpus with one worker
// from a directory tree and with four from a JSONL stream on standard
// input: the stores must hold the same statements and as many quads.
func TestIngestWorkersAgree(t *testing.T) {
	txt := generate(t, 240, 3, "txt")
	jsonl := generate(t, 240, 3, "jsonl")

	one := boltStore(t)
	r := mustRun(t, exitOK, append(storeArgs(one), "ingest", "--workers", "1", filepath.Join(txt, "articles"))...)
	if !strings.Contains(r.err, "ingest: 240 documents (240 new, 0 updated, 0 unchanged), 0 failed") {
		t.Errorf("one worker:\n%s", lastLines(r.err, 4))
	}

	four := boltStore(t)
	feed, err := os.ReadFile(filepath.Join(jsonl, "articles.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	r = geokg(t, string(feed), nil, append(storeArgs(four), "ingest", "--workers", "4", "-")...)
	if r.code != exitOK || !strings.Contains(r.err, "ingest: 240 documents (240 new, 0 updated, 0 unchanged), 0 failed") {
		t.Errorf("four workers, exit %d:\n%s", r.code, lastLines(r.err, 4))
	}
	a, b := takeSnapshot(t, one), takeSnapshot(t, four)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("stores written by one and four workers differ (-one +four):\n%s", diff)
	}
	if a.Stats.Documents != 240 || len(a.Statements) == 0 {
		t.Errorf("store holds %d documents and %d statements, want 240 and some", a.Stats.Documents, len(a.Statements))
	}
}

// TestIngestParallelRace extracts articles with many workers sharing one
// pipeline and one store; run with -race it checks that sharing is safe.
func TestIngestParallelRace(t *testing.T) {
	dir := generate(t, 60, 5, "txt")
	ctx := context.Background()
	p, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var docs []schema.Document
	err = source.Read(ctx, []string{filepath.Join(dir, "articles")}, nil, source.NewOptions(), func(d schema.Document) error {
		docs = append(docs, d)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Each article is extracted by two goroutines at once, and the results
	// must agree with a serial extraction.
	want := make([][]schema.Statement, len(docs))
	for i, d := range docs {
		if want[i], err = p.Extract(ctx, d); err != nil {
			t.Fatal(err)
		}
	}
	got := make([][]schema.Statement, 2*len(docs))
	var wg sync.WaitGroup
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := docs[i/2]
			s, err := p.Extract(ctx, d)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = s
			if _, err := st.Ingest(ctx, d, s); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	for i := range got {
		if diff := cmp.Diff(want[i/2], got[i]); diff != "" {
			t.Errorf("%s extracted concurrently differs (-serial +concurrent):\n%s", docs[i/2].Source, diff)
		}
	}
}

// TestIngestResumeAfterKill kills a real geokg ingest half-way with
// SIGKILL, runs it again, and compares the store with a clean run's.
func TestIngestResumeAfterKill(t *testing.T) {
	dir := generate(t, 400, 11, "txt")
	articles := filepath.Join(dir, "articles")
	bin := filepath.Join(buildTools(t), "geokg")

	killed := boltStore(t)
	cmd := exec.Command(bin, append(storeArgs(killed), "ingest", "--workers", "2", articles)...)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(stderr)
	stored := 0
	for sc.Scan() && stored < 200 {
		if strings.Contains(sc.Text(), " quads") && strings.HasPrefix(sc.Text(), "ingest: ") {
			stored++
		}
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()
	if stored < 200 {
		t.Fatalf("the ingest ended after %d articles, before it could be killed", stored)
	}

	again := mustRun(t, exitOK, append(storeArgs(killed), "ingest", articles)...)
	var skipped, done int
	if _, err := fmt.Sscanf(lastLineWith(again.err, "skipped, already stored (--force"), "ingest: %d documents skipped", &skipped); err != nil {
		t.Fatalf("no skipped count in:\n%s", lastLines(again.err, 5))
	}
	if _, err := fmt.Sscanf(lastLineWith(again.err, " new, "), "ingest: %d documents", &done); err != nil {
		t.Fatalf("no document count in:\n%s", lastLines(again.err, 5))
	}
	t.Logf("killed after %d articles were stored; the second run skipped %d and stored %d", stored, skipped, done)
	if skipped < stored || skipped+done != 400 {
		t.Errorf("second run skipped %d and stored %d articles; want at least the %d stored before the kill, 400 in all", skipped, done, stored)
	}

	clean := boltStore(t)
	mustRun(t, exitOK, append(storeArgs(clean), "ingest", articles)...)
	if diff := cmp.Diff(takeSnapshot(t, clean), takeSnapshot(t, killed)); diff != "" {
		t.Errorf("store after a kill and a resumed run differs from a clean run's (-clean +resumed):\n%s", diff)
	}
}

// goldKey identifies a statement for scoring: document, subject,
// predicate, object, negation and time.
func goldKey(s schema.Statement) string {
	return strings.Join([]string{s.Doc, s.Subject.IRI, s.Predicate, s.Object.IRI, fmt.Sprint(s.Negated), s.Date, s.Since, s.Until}, " ")
}

// TestGeneratedPrecisionRecall ingests 2,000 generated articles and scores
// the stored statements against the generator's gold statements.
func TestGeneratedPrecisionRecall(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: 2,000 articles")
	}
	dir := generate(t, 2000, 2026, "jsonl")
	o := boltStore(t)
	mustRun(t, exitOK, append(storeArgs(o), "ingest", filepath.Join(dir, "articles.jsonl"))...)

	gold := map[string]bool{}
	f, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	for dec.More() {
		var s schema.Statement
		if err := dec.Decode(&s); err != nil {
			t.Fatal(err)
		}
		gold[goldKey(s)] = true
	}
	ctx := context.Background()
	st, err := openStore(ctx, o, true)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	got := map[string]bool{}
	err = st.EachStatement(ctx, graph.Filter{}, func(s schema.Statement) error {
		got[goldKey(s)] = true
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	tp := 0
	var missed, wrong []string
	for k := range got {
		if gold[k] {
			tp++
		} else {
			wrong = append(wrong, k)
		}
	}
	for k := range gold {
		if !got[k] {
			missed = append(missed, k)
		}
	}
	precision, recall := float64(tp)/float64(len(got)), float64(tp)/float64(len(gold))
	t.Logf("2,000 generated articles: %d gold statements, %d stored, precision %.4f, recall %.4f", len(gold), len(got), precision, recall)
	sort.Strings(missed)
	sort.Strings(wrong)
	if precision < 0.95 || recall < 0.95 {
		t.Errorf("precision %.4f, recall %.4f; want both at least 0.95\nmissed (first 10): %s\nwrong (first 10): %s",
			precision, recall, strings.Join(missed[:min(10, len(missed))], "\n  "), strings.Join(wrong[:min(10, len(wrong))], "\n  "))
	}
}

// readDocs reads the articles of paths as ingest would.
func readDocs(t testing.TB, paths ...string) []schema.Document {
	t.Helper()
	var docs []schema.Document
	err := source.Read(context.Background(), paths, nil, source.NewOptions(), func(d schema.Document) error {
		docs = append(docs, d)
		return nil
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return docs
}

// answers are what the end-to-end questions return from one store.
type answers struct {
	Stats     graph.Stats
	Relations map[string][]schema.Statement
	Merged    map[string][]graph.MergedRelation
	Paths     map[string][]string
	Found     []string
	Gizmo     []string
}

func ask(t *testing.T, st *graph.Store) answers {
	t.Helper()
	ctx := context.Background()
	a := answers{Relations: map[string][]schema.Statement{}, Merged: map[string][]graph.MergedRelation{}, Paths: map[string][]string{}}
	var err error
	if a.Stats, err = st.Stats(ctx); err != nil {
		t.Fatal(err)
	}
	for _, e := range []string{"ent:united_states", "ent:iran", "ent:albania", "ent:russia"} {
		if a.Relations[e], err = st.Relations(ctx, e, graph.Filter{}); err != nil {
			t.Fatalf("relations of %s: %v", e, err)
		}
		if a.Merged[e], err = st.MergedRelations(ctx, e, graph.Filter{Since: "2016"}); err != nil {
			t.Fatalf("merged relations of %s: %v", e, err)
		}
	}
	for _, pair := range [][2]string{{"ent:united_states", "ent:iran"}, {"ent:mek", "ent:russia"}, {"ent:albania", "ent:china"}} {
		ps, err := st.Paths(ctx, pair[0], pair[1], 3)
		if err != nil {
			t.Fatalf("paths %v: %v", pair, err)
		}
		for _, p := range ps {
			a.Paths[pair[0]+" "+pair[1]] = append(a.Paths[pair[0]+" "+pair[1]], p.String())
		}
	}
	found, err := st.FindEntities(ctx, "tehran", 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range found {
		a.Found = append(a.Found, e.IRI)
	}
	res, err := st.Query(ctx, graph.Gizmo, `g.V("<ent:iran>").In("<rel:condemned>").Unique().All()`, 1000)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range res {
		a.Gizmo = append(a.Gizmo, fmt.Sprint(r))
	}
	sort.Strings(a.Gizmo)
	return a
}

// TestBackendsAgree ingests the shared articles and a generated corpus
// into a memstore, a bolt and a PostgreSQL store, through the library and
// through the command line, and asks each the same questions: the answers
// must be the same.
func TestBackendsAgree(t *testing.T) {
	gen := filepath.Join(generate(t, 150, 17, "jsonl"), "articles.jsonl")
	shared := filepath.Join("..", "..", "testdata", "articles")
	docs := readDocs(t, shared, gen)
	pg := postgresStore(t)

	ctx := context.Background()
	p, err := extract.New()
	if err != nil {
		t.Fatal(err)
	}
	stmts := make([][]schema.Statement, len(docs))
	for i, d := range docs {
		if stmts[i], err = p.Extract(ctx, d); err != nil {
			t.Fatalf("%s: %v", d.Source, err)
		}
	}
	var want answers
	for i, o := range []storeOptions{{Backend: graph.Memstore}, boltStore(t), pg} {
		t.Run(o.Backend, func(t *testing.T) {
			st, err := graph.Open(ctx, o.DB, graph.WithBackend(o.Backend))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for i, d := range docs {
				if _, err := st.Ingest(ctx, d, stmts[i]); err != nil {
					t.Fatal(err)
				}
			}
			got := ask(t, st)
			if i == 0 {
				want = got
				if len(got.Relations["ent:iran"]) == 0 || len(got.Paths["ent:united_states ent:iran"]) == 0 || len(got.Gizmo) == 0 {
					t.Fatalf("the questions have empty answers, so comparing them shows nothing: %+v", got)
				}
				return
			}
			w := want
			if o.Backend == graph.Postgres {
				// bolt and memstore keep entity facts once, labelled
				// with the entity; PostgreSQL once per article.
				w.Stats.Quads, got.Stats.Quads = 0, 0
			}
			if diff := cmp.Diff(w, got); diff != "" {
				t.Errorf("%s answers differ from memstore's (-memstore +%s):\n%s", o.Backend, o.Backend, diff)
			}
		})
	}

	// The command line gives the same answers from bolt and PostgreSQL.
	cliPG := postgresStore(t)
	cliBolt := boltStore(t)
	questions := [][]string{
		{"relations", "Iran", "--json"},
		{"relations", "US", "--merged", "--json"},
		{"path", "United States", "Iran", "--json", "--max-depth", "3"},
		{"stats", "--json"},
	}
	outs := map[string][]string{}
	for _, o := range []storeOptions{cliBolt, cliPG} {
		mustRun(t, exitOK, append(storeArgs(o), "ingest", shared, gen)...)
		for _, q := range questions {
			// Their quads differ: see above.
			out := quadCount.ReplaceAllString(mustRun(t, exitOK, append(storeArgs(o), q...)...).out, `"quads": N`)
			outs[o.Backend] = append(outs[o.Backend], out)
		}
	}
	if diff := cmp.Diff(outs[graph.Bolt], outs[graph.Postgres]); diff != "" {
		t.Errorf("command line answers (-bolt +postgres):\n%s", diff)
	}
}

// TestConcurrentIngestPostgres runs three geokg ingest processes at once
// on overlapping inputs into one PostgreSQL database: the store must equal
// one that a single clean run wrote, nothing lost and nothing twice.
func TestConcurrentIngestPostgres(t *testing.T) {
	shared := postgresStore(t)
	clean := postgresStore(t)
	dir := filepath.Join(generate(t, 240, 23, "txt"), "articles")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) != 240 {
		t.Fatalf("generated %d files (%v), want 240", len(files), err)
	}
	reversed := make([]string, len(files))
	for i, f := range files {
		reversed[len(files)-1-i] = f
	}
	inputs := [][]string{files[:160], files[80:], reversed}
	bin := filepath.Join(buildTools(t), "geokg")

	var wg sync.WaitGroup
	outs := make([][]byte, len(inputs))
	errs := make([]error, len(inputs))
	for i, in := range inputs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			args := append(storeArgs(shared), append([]string{"ingest", "--workers", "2"}, in...)...)
			outs[i], errs[i] = exec.Command(bin, args...).CombinedOutput()
		}()
	}
	wg.Wait()
	for i := range inputs {
		if errs[i] != nil {
			t.Errorf("ingest %d: %v\n%s", i+1, errs[i], lastLines(string(outs[i]), 10))
		}
	}
	mustRun(t, exitOK, append(storeArgs(clean), "ingest", dir)...)
	want, got := takeSnapshot(t, clean), takeSnapshot(t, shared)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("store written by three concurrent ingests differs from a clean run's (-clean +concurrent):\n%s", diff)
	}
	if want.Stats.Documents != 240 {
		t.Errorf("clean store holds %d documents, want 240", want.Stats.Documents)
	}
	mustRun(t, exitOK, append(storeArgs(shared), "verify")...)
	wantQuads, gotQuads := backendQuads(t, clean), backendQuads(t, shared)
	if len(wantQuads) < 20000 {
		t.Errorf("clean store holds %d quads, too few to compare", len(wantQuads))
	}
	if diff := cmp.Diff(wantQuads, gotQuads); diff != "" {
		t.Errorf("quads written by three concurrent ingests differ from a clean run's (-clean +concurrent):\n%s", diff)
	}
}
