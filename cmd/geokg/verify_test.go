package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
)

// ingestArticles returns the path of a new bolt store holding the bundled
// articles.
func ingestArticles(t *testing.T) string {
	t.Helper()
	articlesOnce.Do(func() {
		dir, err := os.MkdirTemp("", "geokg-articles-")
		if err != nil {
			t.Fatal(err)
		}
		articlesDB = filepath.Join(dir, "kg")
		if r := geokg(t, "", nil, "--db", articlesDB, "ingest", filepath.Join("..", "..", "testdata", "articles")); r.code != exitOK {
			articlesErr = fmt.Errorf("ingest testdata/articles: exit %d\n%s", r.code, r.err)
		}
	})
	if articlesErr != nil {
		t.Fatal(articlesErr)
	}
	db := filepath.Join(t.TempDir(), "kg")
	if err := os.CopyFS(db, os.DirFS(articlesDB)); err != nil {
		t.Fatal(err)
	}
	return db
}

// The store of the bundled articles, ingested once by the first
// ingestArticles and copied for each test; TestMain removes it.
var (
	articlesOnce sync.Once
	articlesDB   string
	articlesErr  error
)

// breakStore adds and removes quads of the bolt store db directly, past
// the document bookkeeping.
func breakStore(t *testing.T, db string, add, remove []quad.Quad) {
	t.Helper()
	st, err := graph.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	w, err := cgraph.NewQuadWriter("single", st.QuadStore(), cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, q := range remove {
		if err := w.RemoveQuad(q); err != nil {
			t.Fatalf("remove %s: %v", q.NQuad(), err)
		}
	}
	if err := w.AddQuadSet(add); err != nil {
		t.Fatal(err)
	}
}

// docOf returns the IRI of the document of the bundled article on Albania
// and Iran, as the store holds it.
func docOf(t *testing.T, db, headline string) string {
	t.Helper()
	r := mustRun(t, exitOK, "--db", db, "query", `g.V().Has("<schema:headline>", "`+headline+`").All()`)
	var got []map[string]string
	if err := json.Unmarshal([]byte(r.out), &got); err != nil || len(got) != 1 {
		t.Fatalf("document of %q: %v\n%s", headline, err, r.out)
	}
	return strings.Trim(got[0]["id"], "<>")
}

func TestVerifyCommand(t *testing.T) {
	db := ingestArticles(t)
	r := mustRun(t, exitOK, "--db", db, "verify")
	if want := "verify: store " + db + ": "; !strings.HasPrefix(r.out, want) || !strings.HasSuffix(r.out, " edges: OK\n") {
		t.Errorf("verify of a consistent store printed %q", r.out)
	}

	doc := docOf(t, db, "Albania cuts diplomatic ties with Iran over cyberattack")
	label := quad.IRI(doc)
	breakStore(t, db,
		[]quad.Quad{quad.Make(quad.IRI("ent:iran"), quad.IRI("rel:invaded"), quad.IRI("ent:albania"), label)},
		// Albania's facts are kept once, labelled with the entity.
		[]quad.Quad{quad.Make(quad.IRI("ent:albania"), quad.IRI("schema:name"), quad.String("Albania"), quad.IRI("ent:albania"))})

	r = geokg(t, "", nil, "--db", db, "verify")
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	lines := strings.Split(strings.TrimSpace(r.out), "\n")
	var problems []string
	for _, l := range lines[:len(lines)-1] {
		problems = append(problems, l[:strings.Index(l, ":")])
	}
	// The edge no statement says, and Albania's missing name.
	if !strings.Contains(r.out, "edge-without-statement: <ent:iran> <rel:invaded> <ent:albania> <"+doc+">: no statement in <"+doc+"> says it\n") {
		t.Errorf("the edge without a statement is not reported:\n%s", r.out)
	}
	if !regexp.MustCompile(`(?m)^entity-facts-missing: entity <ent:albania> has no <schema:name> in <` + doc + `>, where \d+ statements \(first <stmt:[0-9a-f]+>\) name it$`).MatchString(r.out) {
		t.Errorf("the missing name is not reported:\n%s", r.out)
	}
	for _, p := range problems {
		if p != "edge-without-statement" && p != "entity-facts-missing" {
			t.Errorf("unexpected problem %q:\n%s", p, r.out)
		}
	}
	if len(problems) != 2 || !strings.HasSuffix(lines[len(lines)-1], " edges: 2 problems") {
		t.Errorf("summary line %q", lines[len(lines)-1])
	}
	if want := "geokg: store " + db + " is not consistent: "; !strings.HasPrefix(r.err, want) {
		t.Errorf("stderr = %q, want it to start with %q", r.err, want)
	}

	r = geokg(t, "", nil, "--db", db, "verify", "--json")
	var rep graph.VerifyReport
	if err := json.Unmarshal([]byte(r.out), &rep); err != nil {
		t.Fatalf("verify --json: %v\n%s", err, r.out)
	}
	if r.code != exitFailure || len(rep.Problems) != len(problems) {
		t.Errorf("verify --json: exit %d, %d problems; want exit 1 and %d problems", r.code, len(rep.Problems), len(problems))
	}
	kinds := map[graph.ProblemKind]bool{}
	for _, p := range rep.Problems {
		kinds[p.Kind] = true
		if p.Doc != doc {
			t.Errorf("problem %+v: doc %q, want %q", p, p.Doc, doc)
		}
	}
	if diff := cmp.Diff(map[graph.ProblemKind]bool{graph.ProblemEdgeWithoutStatement: true, graph.ProblemEntityFacts: true}, kinds); diff != "" {
		t.Errorf("problem kinds (-want +got):\n%s", diff)
	}
}

func TestVerifyUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none")
	r := geokg(t, "", nil, "--db", db, "verify")
	if r.code != exitFailure || !strings.HasPrefix(r.err, "geokg: no store at "+db) {
		t.Errorf("verify of a missing store: exit %d, stderr %q", r.code, r.err)
	}
	r = geokg(t, "", nil, "--db", db, "verify", "extra")
	if r.code != exitUsage {
		t.Errorf("verify with an argument: exit %d, want %d", r.code, exitUsage)
	}
}
