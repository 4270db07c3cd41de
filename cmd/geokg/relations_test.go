package main

import (
	"encoding/json"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/resolve"
)

// fixtureStore ingests the two small articles into a new bolt store and
// returns its path and the IRI of the article on Albania and Iran.
func fixtureStore(t *testing.T) (db, tiesDoc string) {
	t.Helper()
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", articleTies)
	b := writeFile(t, dir, "mek.txt", articleMEK)
	db = filepath.Join(dir, "kg")
	r := mustRun(t, exitOK, "--db", db, "ingest", a, b)
	m := regexp.MustCompile(`ingest: ` + regexp.QuoteMeta(a) + ` (doc:[0-9a-f]+):`).FindStringSubmatch(r.err)
	if m == nil {
		t.Fatalf("no log line for %s:\n%s", a, r.err)
	}
	return db, m[1]
}

func TestRelations(t *testing.T) {
	db, doc := fixtureStore(t)
	albania := []string{
		`(?m)^Albania \(Country, ISO3 ALB, CAMEO ALB\)  ent:albania$`,
		`(?m)^Outgoing \(\d+\)$`,
		`(?m)^  2022-09-07  severed ties with → Iran   \[CAMEO 161, conf 0\.\d+\]\n {14}"Albania cut diplomatic ties with Iran on Wednesday\."\n {14}` + regexp.QuoteMeta(doc) + `  2022-09-07  "Albania breaks with Iran"  https://news\.example/albania-iran$`,
		`(?m)^Incoming \(0\)\n  none$`,
	}
	unitedStates := []string{
		`(?m)^United States \(Country, ISO3 USA, CAMEO USA\)  ent:united_states$`,
		`(?m)^  2012 +removed the terrorist designation of → MEK   \[CAMEO \d+, conf 0\.\d+\]$`,
	}
	tests := []struct {
		name string
		args []string
		want []string // patterns stdout must match
		not  []string // patterns it must not match
	}{
		{name: "canonical name", args: []string{"Albania"}, want: albania},
		{name: "lower case", args: []string{"albania"}, want: albania},
		{name: "IRI", args: []string{"ent:albania"}, want: albania},
		{name: "IRI in brackets", args: []string{"<ent:albania>"}, want: albania},
		{name: "abbreviation", args: []string{"US"}, want: unitedStates},
		{name: "capital", args: []string{"Washington"}, want: unitedStates},
		{name: "IRI of a state", args: []string{"<ent:united_states>"}, want: unitedStates},
		{
			name: "incoming",
			args: []string{"Iran", "--direction", "in"},
			want: []string{
				`(?m)^Iran \(Country, ISO3 IRN, CAMEO IRN\)  ent:iran$`,
				`(?m)^  2022-09-07  Albania severed ties with → Iran   \[CAMEO 161, conf 0\.\d+\]$`,
			},
			not: []string{`Outgoing`},
		},
		{
			name: "group by its long name",
			args: []string{"Mujahedin-e-Khalq"},
			want: []string{`(?m)^  2012 +United States removed the terrorist designation of → MEK   \[CAMEO \d+, conf 0\.\d+\]$`},
		},
		{
			name: "predicate filter",
			args: []string{"US", "--predicate", "accused"},
			want: []string{`accused → Iran`},
			not:  []string{`removed the terrorist designation`},
		},
		{
			name: "since filter",
			args: []string{"Iran", "--since", "2023"},
			want: []string{`United States accused → Iran`},
			not:  []string{`severed ties`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := mustRun(t, exitOK, append([]string{"--db", db, "relations"}, tt.args...)...)
			for _, re := range tt.want {
				if !regexp.MustCompile(re).MatchString(r.out) {
					t.Errorf("stdout does not match %s:\n%s", re, r.out)
				}
			}
			for _, re := range tt.not {
				if regexp.MustCompile(re).MatchString(r.out) {
					t.Errorf("stdout matches %s:\n%s", re, r.out)
				}
			}
		})
	}
}

func TestRelationsJSON(t *testing.T) {
	db, doc := fixtureStore(t)
	r := mustRun(t, exitOK, "--db", db, "relations", "--json", "Albania")
	stmts := decodeStatements(t, r.out, "source")
	var withSource struct {
		Source graph.Source `json:"source"`
	}
	if err := json.Unmarshal([]byte(strings.SplitN(r.out, "\n", 2)[0]), &withSource); err != nil {
		t.Fatal(err)
	}
	want := graph.Source{IRI: doc, URL: "https://news.example/albania-iran", Headline: "Albania breaks with Iran", Published: "2022-09-07"}
	if diff := cmp.Diff(want, withSource.Source); diff != "" {
		t.Errorf("source of the first statement (-want +got):\n%s", diff)
	}
	if !hasRelation(relationsOf(stmts), albaniaCutsTies) {
		t.Fatalf("statements %+v lack %+v", relationsOf(stmts), albaniaCutsTies)
	}
	for _, s := range stmts {
		if s.Predicate == "severed_ties_with" && (s.Doc != doc || s.Evidence != "Albania cut diplomatic ties with Iran on Wednesday." || s.Subject.Name != "Albania") {
			t.Errorf("statement %+v: want doc %s, the evidence sentence and the subject's name", s, doc)
		}
	}
}

func TestRelationsNotFound(t *testing.T) {
	db, _ := fixtureStore(t)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // in stderr
	}{
		{
			name:     "misspelt",
			args:     []string{"Albanja"},
			wantCode: exitFailure,
			want:     []string{`geokg: no entity called "Albanja" in the store`, "\n  Albania (ent:albania, Country)\n"},
		},
		{
			name:     "unknown IRI",
			args:     []string{"ent:atlantis"},
			wantCode: exitFailure,
			want:     []string{`geokg: no entity called "ent:atlantis" in the store`},
		},
		{
			name:     "known but not stored",
			args:     []string{"France"},
			wantCode: exitFailure,
			want:     []string{`geokg: "France" is France (ent:france, Country), which is not in the store`},
		},
		{
			name:     "bad date",
			args:     []string{"Iran", "--since", "last year"},
			wantCode: exitUsage,
			want:     []string{"geokg: --since/--until: ", "not an ISO 8601 date"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", nil, append([]string{"--db", db, "relations"}, tt.args...)...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d", r.code, tt.wantCode)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr does not contain %q:\n%s", w, r.err)
				}
			}
			if r.out != "" {
				t.Errorf("stdout = %q, want nothing", r.out)
			}
			if n := strings.Count(r.err, "\n  "); n > resolve.MaxSuggestions {
				t.Errorf("%d suggestions, want at most %d", n, resolve.MaxSuggestions)
			}
		})
	}
}

// TestRelationsProvenance checks that relations, plain and --merged, name
// each relation's articles (IRI, date, headline, URL), once per article
// however many statements it gives, and that --full prints a long
// evidence sentence whole where the listing cuts it.
func TestRelationsProvenance(t *testing.T) {
	dir := t.TempDir()
	long := "Albania cut diplomatic ties with Iran on Wednesday after an investigation found that a cyberattack on its government websites in July had been carried out by groups working for Tehran."
	a := writeFile(t, dir, "a.txt", "---\ntitle: Albania breaks with Iran\ndate: 2022-09-07\nurl: https://news.example/a\n---\n"+long+"\n")
	b := writeFile(t, dir, "b.txt", "---\ntitle: Tirana expels Iranian envoys\ndate: 2022-09-08\nurl: https://news.example/b\n---\nAlbania severed diplomatic ties with Iran on Thursday.\n")
	db := filepath.Join(dir, "kg")
	mustRun(t, exitOK, "--db", db, "ingest", a, b)

	r := mustRun(t, exitOK, "--db", db, "relations", "Albania", "--predicate", "severed_ties_with")
	for _, want := range []string{`"Albania breaks with Iran"  https://news.example/a`, `2022-09-08  "Tirana expels Iranian envoys"  https://news.example/b`} {
		if !strings.Contains(r.out, want) {
			t.Errorf("relations lacks %q:\n%s", want, r.out)
		}
	}
	if strings.Contains(r.out, long) || !strings.Contains(r.out, "…") {
		t.Errorf("relations printed the long evidence whole without --full:\n%s", r.out)
	}
	r = mustRun(t, exitOK, "--db", db, "relations", "Albania", "--predicate", "severed_ties_with", "--full")
	if !strings.Contains(r.out, strconv.Quote(long)) {
		t.Errorf("relations --full does not print the evidence whole:\n%s", r.out)
	}

	r = mustRun(t, exitOK, "--db", db, "relations", "Albania", "--predicate", "severed_ties_with", "--merged")
	if !regexp.MustCompile(`(?m)^  2022-09-07 … 2022-09-08  severed ties with → Iran   \[2 sources, 2 statements\]\n {27}doc:\w+  2022-09-07  "Albania breaks with Iran"  https://news\.example/a\n {27}doc:\w+  2022-09-08  "Tirana expels Iranian envoys"  https://news\.example/b$`).MatchString(r.out) {
		t.Errorf("relations --merged does not list both articles under the relation:\n%s", r.out)
	}

	r = mustRun(t, exitOK, "--db", db, "relations", "Albania", "--predicate", "severed_ties_with", "--merged", "--json")
	var m struct {
		Sources  int            `json:"sources"`
		Articles []graph.Source `json:"articles"`
	}
	if err := json.Unmarshal([]byte(r.out), &m); err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	var urls []string
	for _, s := range m.Articles {
		urls = append(urls, s.Published+" "+s.URL+" "+s.Headline)
	}
	want := []string{"2022-09-07 https://news.example/a Albania breaks with Iran", "2022-09-08 https://news.example/b Tirana expels Iranian envoys"}
	sort.Strings(urls)
	if diff := cmp.Diff(want, urls); diff != "" || m.Sources != 2 {
		t.Errorf("--merged --json: %d sources, articles (-want +got):\n%s", m.Sources, diff)
	}
}
