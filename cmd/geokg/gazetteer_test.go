package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ourActors is a user's gazetteer: a state of our own with an alias and a
// capital, and Hezbollah overridden with an extra alias.
const ourActors = "# our actors\n" +
	"name\tkind\tiso3\taliases\tcapitals\n" +
	"Ruritania\tCountry\tRUR\tKingdom of Ruritania\tStrelsau\n" +
	"Hezbollah\tArmedGroup\t\tHizbollah|the Resistance Party\n"

const ruritaniaArticle = `---
id: ruritania-1
date: 2023-05-10
---
Ruritania condemned Iran on 3 May 2023. Strelsau accused Albania in 2022. The Resistance Party attacked Israel in 2021.
`

func TestGazetteerFlag(t *testing.T) {
	dir := t.TempDir()
	gaz := writeFile(t, dir, "ours.tsv", ourActors)
	art := writeFile(t, dir, "ruritania.txt", ruritaniaArticle)

	t.Run("extract without it", func(t *testing.T) {
		r := mustRun(t, exitOK, "extract", art)
		if strings.Contains(r.out, "ent:ruritania") || strings.Contains(r.out, `"predicate":"attacked"`) {
			t.Errorf("the built-in gazetteer knows our actors:\n%s", r.out)
		}
	})
	t.Run("extract with it", func(t *testing.T) {
		r := mustRun(t, exitOK, "--gazetteer", gaz, "extract", art)
		var got []string
		for _, s := range decodeStatements(t, r.out) {
			got = append(got, s.Subject.IRI+" "+s.Predicate+" "+s.Object.IRI+" "+s.Date)
		}
		want := []string{
			"ent:ruritania condemned ent:iran 2023-05-03",
			"ent:ruritania accused ent:albania 2022",
			"ent:hezbollah attacked ent:israel 2021",
		}
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("statements:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})

	db := filepath.Join(t.TempDir(), "kg")
	env := map[string]string{envGazetteer: gaz}
	if r := geokg(t, "", env, "--db", db, "ingest", art); r.code != exitOK {
		t.Fatalf("ingest with $%s: exit %d\n%s", envGazetteer, r.code, r.err)
	}
	for _, name := range []string{"Ruritania", "Strelsau", "kingdom of ruritania", "ent:ruritania"} {
		t.Run("relations "+name, func(t *testing.T) {
			r := mustRun(t, exitOK, "--gazetteer", gaz, "--db", db, "relations", name)
			if !regexp.MustCompile(`(?m)^Ruritania \(Country, ISO3 RUR, CAMEO RUR\)  ent:ruritania$`).MatchString(r.out) ||
				!strings.Contains(r.out, "accused → Albania") {
				t.Errorf("relations %q:\n%s", name, r.out)
			}
		})
	}
	t.Run("path", func(t *testing.T) {
		r := mustRun(t, exitOK, "--gazetteer", gaz, "--db", db, "path", "Strelsau", "Iran")
		if !strings.Contains(r.out, "1. Ruritania —condemned→ Iran") {
			t.Errorf("path:\n%s", r.out)
		}
	})
	t.Run("bad line", func(t *testing.T) {
		bad := writeFile(t, dir, "bad.tsv", ourActors+"Atlantis\tContinent\n")
		r := mustRun(t, exitOK, "--gazetteer", bad, "extract", art)
		if !strings.Contains(r.err, "geokg: warning: "+bad+":5: unknown kind") || !strings.Contains(r.out, "ent:ruritania") {
			t.Errorf("a bad line: stderr %q, stdout:\n%s", r.err, r.out)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		r := geokg(t, "", nil, "--gazetteer", filepath.Join(dir, "nowhere.tsv"), "extract", art)
		if r.code != exitFailure || !strings.Contains(r.err, "--gazetteer: open "+filepath.Join(dir, "nowhere.tsv")+": no such file or directory") {
			t.Errorf("exit %d, stderr %q", r.code, r.err)
		}
	})
	t.Run("no actors", func(t *testing.T) {
		empty := writeFile(t, dir, "empty.tsv", "# nothing\n")
		r := geokg(t, "", nil, "--gazetteer", empty, "extract", art)
		if r.code != exitFailure || !strings.Contains(r.err, "no actors in the file") {
			t.Errorf("exit %d, stderr %q", r.code, r.err)
		}
	})
}
