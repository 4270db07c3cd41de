package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"testing"
)

// TestEndToEnd ingests the shared articles in testdata/articles and asks
// the questions the project was designed to answer.
func TestEndToEnd(t *testing.T) {
	articles := filepath.Join("..", "..", "testdata", "articles")
	db := filepath.Join(t.TempDir(), "kg")
	ing := mustRun(t, exitOK, "--db", db, "ingest", articles)
	if !regexp.MustCompile(`(?m)^ingest: \d+ documents \(\d+ new, 0 updated, 0 unchanged\), 0 failed; [1-9]\d* statements$`).MatchString(ing.err) {
		t.Errorf("ingest summary:\n%s", ing.err)
	}

	t.Run("relations Albania", func(t *testing.T) {
		r := mustRun(t, exitOK, "--db", db, "relations", "Albania")
		re := `(?m)^  2022-09-07 +severed ties with → Iran   \[CAMEO 161, conf 0\.\d+\]\n +"[^"\n]*Albania on Wednesday cut diplomatic ties with Iran[^"\n]*"\n +doc:[0-9a-f]+  2022-09-07  "Albania cuts diplomatic ties with Iran over cyberattack"$`
		if !regexp.MustCompile(re).MatchString(r.out) {
			t.Errorf("no dated severed_ties_with → Iran with its evidence and its article (IRI, date, headline):\n%s", r.out)
		}
	})

	t.Run("relations MEK", func(t *testing.T) {
		r := mustRun(t, exitOK, "--db", db, "relations", "MEK")
		for _, re := range []string{
			`(?m)^  2012 +United States removed the terrorist designation of → MEK   \[`,
			`(?m)^  since 2016 +(Albania hosts → MEK|is based in → Albania)   \[`,
		} {
			if !regexp.MustCompile(re).MatchString(r.out) {
				t.Errorf("stdout does not match %s:\n%s", re, r.out)
			}
		}
	})

	t.Run("path United States Iran", func(t *testing.T) {
		r := mustRun(t, exitOK, "--db", db, "path", "United States", "Iran")
		if !regexp.MustCompile(`(?m)^1\. United States [—←]`).MatchString(r.out) {
			t.Errorf("no path printed:\n%s", r.out)
		}
	})

	t.Run("query", func(t *testing.T) {
		r := mustRun(t, exitOK, "--db", db, "query", tiesQuery)
		var got []map[string]string
		if err := json.Unmarshal([]byte(r.out), &got); err != nil {
			t.Fatalf("%v\n%s", err, r.out)
		}
		found := false
		for _, g := range got {
			found = found || g["id"] == "<ent:iran>"
		}
		if !found {
			t.Errorf("results %v lack <ent:iran>", got)
		}
	})
}
