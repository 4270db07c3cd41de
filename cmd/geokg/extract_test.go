package main

import (
	"encoding/json"
	"io"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// statementKeys are the keys of the statement JSON DESIGN.md documents.
var statementKeys = []string{"attributed_to", "cameo", "confidence", "date", "doc", "evidence", "negated", "object", "predicate", "since", "span", "subject", "until"}

// decodeStatements reads JSONL statements, checking that every line holds
// exactly the statement JSON's keys, and the extra ones given.
func decodeStatements(t *testing.T, jsonl string, extra ...string) []schema.Statement {
	t.Helper()
	want := append(append([]string(nil), statementKeys...), extra...)
	sort.Strings(want)
	var out []schema.Statement
	for i, line := range strings.Split(strings.TrimSuffix(jsonl, "\n"), "\n") {
		if line == "" {
			continue
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &keys); err != nil {
			t.Fatalf("line %d: %v\n%s", i+1, err, line)
		}
		var got []string
		for k := range keys {
			got = append(got, k)
		}
		sort.Strings(got)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("line %d: keys mismatch (-want +got):\n%s", i+1, diff)
		}
		var s schema.Statement
		if err := json.Unmarshal([]byte(line), &s); err != nil {
			t.Fatalf("line %d: %v", i+1, err)
		}
		out = append(out, s)
	}
	return out
}

// relation is the part of a statement the tests check.
type relation struct {
	Subject, Predicate, Object, Date, Since string
}

func relationsOf(stmts []schema.Statement) []relation {
	var out []relation
	for _, s := range stmts {
		out = append(out, relation{s.Subject.IRI, s.Predicate, s.Object.IRI, s.Date, s.Since})
	}
	return out
}

func hasRelation(rs []relation, want relation) bool {
	for _, r := range rs {
		if r == want {
			return true
		}
	}
	return false
}

var albaniaCutsTies = relation{"ent:albania", "severed_ties_with", "ent:iran", "2022-09-07", ""}

func TestExtractJSONL(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	r := mustRun(t, exitOK, "extract", a)
	stmts := decodeStatements(t, r.out)
	if !hasRelation(relationsOf(stmts), albaniaCutsTies) {
		t.Errorf("statements %+v lack %+v", relationsOf(stmts), albaniaCutsTies)
	}
	for _, s := range stmts {
		if s.Doc == "" || !strings.HasPrefix(s.Doc, "doc:") {
			t.Errorf("statement %+v: doc = %q, want a doc: IRI", s, s.Doc)
		}
		if s.Predicate == "severed_ties_with" && s.Evidence != "Albania cut diplomatic ties with Iran on Wednesday." {
			t.Errorf("evidence = %q", s.Evidence)
		}
	}
	if r.err != "" {
		t.Errorf("stderr = %q, want nothing", r.err)
	}
}

func TestExtractStdin(t *testing.T) {
	r := geokg(t, "Albania cut diplomatic ties with Iran on Wednesday.\n", nil, "extract", "--date", "2022-09-07", "-")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	if got := relationsOf(decodeStatements(t, r.out)); !hasRelation(got, albaniaCutsTies) {
		t.Errorf("statements %+v lack %+v (Wednesday resolved against --date)", got, albaniaCutsTies)
	}
}

func readNQuads(t *testing.T, s string) []quad.Quad {
	t.Helper()
	rd := nquads.NewReader(strings.NewReader(s), false)
	var out []quad.Quad
	for {
		q, err := rd.ReadQuad()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("read N-Quads: %v\n%s", err, s)
		}
		out = append(out, q)
	}
}

func TestExtractNQuads(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	r := mustRun(t, exitOK, "extract", "--format", "nquads", a)
	qs := readNQuads(t, r.out)

	// The same statements through schema.Quads give the same quads.
	stmts := decodeStatements(t, mustRun(t, exitOK, "extract", a).out)
	if len(stmts) == 0 {
		t.Fatal("no statements extracted")
	}
	doc := stmts[0].Doc
	edge := quad.MakeIRI("ent:albania", "rel:severed_ties_with", "ent:iran", doc)
	found := false
	for _, q := range qs {
		if q.Label != quad.IRI(doc) {
			t.Errorf("quad %s: label is not %s", q.NQuad(), doc)
		}
		found = found || q == edge
	}
	if !found {
		t.Errorf("no edge %s in:\n%s", edge.NQuad(), r.out)
	}

	// What ingest stores is exactly this: a fresh store holds as many quads
	// as extract printed.
	db := filepath.Join(t.TempDir(), "kg")
	mustRun(t, exitOK, "--db", db, "ingest", a)
	if got := storeStats(t, db).Quads; got != len(qs) {
		t.Errorf("store holds %d quads after ingest, extract --format nquads printed %d", got, len(qs))
	}
	q := mustRun(t, exitOK, "--db", db, "query", "--limit", "10000", `g.V().LabelContext("<`+doc+`>").OutPredicates().Unique().All()`)
	var preds []map[string]string
	if err := json.Unmarshal([]byte(q.out), &preds); err != nil {
		t.Fatal(err)
	}
	var stored, printed []string
	for _, p := range preds {
		stored = append(stored, p["id"])
	}
	seen := map[string]bool{}
	for _, q := range qs {
		if p := q.Predicate.String(); !seen[p] {
			seen[p] = true
			printed = append(printed, p)
		}
	}
	sort.Strings(stored)
	sort.Strings(printed)
	if diff := cmp.Diff(printed, stored); diff != "" {
		t.Errorf("predicates of the document's quads: printed vs stored (-printed +stored):\n%s", diff)
	}
}

func TestExtractTable(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	b := writeFile(t, dir, "mek.txt", articleMEK)
	r := mustRun(t, exitOK, "extract", "--format", "table", a, b)
	for _, re := range []string{
		`(?m)^` + regexp.QuoteMeta(a) + `  doc:[0-9a-f]+  2022-09-07  "Albania breaks with Iran"  \(\d+ statements?\)$`,
		`(?m)^  2022-09-07\s+Albania\s+severed ties with\s+Iran\s+0\.\d+\s+"Albania cut diplomatic ties with Iran on Wednesday\."$`,
		`(?m)^` + regexp.QuoteMeta(b) + `  doc:[0-9a-f]+  2023-06-20  "The United States and the MEK"`,
		`(?m)^  2012\s+United States\s+removed the terrorist designation of\s+MEK\s+0\.\d+\s+"The United States removed the MEK from its list of…"$`,
	} {
		if !regexp.MustCompile(re).MatchString(r.out) {
			t.Errorf("table output does not match %s:\n%s", re, r.out)
		}
	}
}

func TestExtractBadInput(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, dir, "empty.txt", "")
	good := writeFile(t, dir, "ties.txt", articleTies)
	r := geokg(t, "", nil, "extract", empty, good)
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	if want := "geokg: " + empty + ": empty file\n"; !strings.HasPrefix(r.err, want) {
		t.Errorf("stderr = %q, want it to start with %q", r.err, want)
	}
	if !strings.HasSuffix(r.err, "geokg: 1 input failed\n") {
		t.Errorf("stderr = %q, want it to end with the count of failures", r.err)
	}
	if got := relationsOf(decodeStatements(t, r.out)); !hasRelation(got, albaniaCutsTies) {
		t.Errorf("the good file after the bad one was not read: %+v", got)
	}
}
