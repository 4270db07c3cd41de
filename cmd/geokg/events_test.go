package main

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph/export"
)

func TestEvents(t *testing.T) {
	db, tiesDoc := fixtureStore(t)
	r := mustRun(t, exitOK, "--db", db, "events")
	rows, err := csv.NewReader(strings.NewReader(r.out)).ReadAll()
	if err != nil {
		t.Fatalf("%v\n%s", err, r.out)
	}
	if got := strings.Join(rows[0], ","); got != strings.Join(export.EventColumns(), ",") {
		t.Errorf("header %q", got)
	}
	col := make(map[string]int)
	for i, c := range rows[0] {
		col[c] = i
	}
	var ties []string
	for _, row := range rows[1:] {
		if row[col["predicate"]] == "severed_ties_with" {
			ties = row
		}
	}
	want := map[string]string{
		"date": "2022-09-07", "source_name": "Albania", "source_code": "ALB", "source_country": "ALB",
		"target_name": "Iran", "target_country": "IRN", "cameo_code": "161", "cameo_root": "16", "quad_class": "4", "goldstein": "-4",
		"intended": "false", "evidence": "Albania cut diplomatic ties with Iran on Wednesday.",
		"headline": "Albania breaks with Iran", "published": "2022-09-07", "url": "https://news.example/albania-iran", "doc": tiesDoc,
	}
	if ties == nil {
		t.Fatalf("no row for Albania severing ties with Iran:\n%s", r.out)
	}
	for c, v := range want {
		if ties[col[c]] != v {
			t.Errorf("%s = %q, want %q", c, ties[col[c]], v)
		}
	}

	// Filters and JSONL; the entity by an alias.
	r = mustRun(t, exitOK, "--db", db, "events", "--format", "jsonl", "--entity", "Tehran", "--root", "11,16", "--since", "2023")
	n := 0
	for _, line := range strings.Split(strings.TrimSpace(r.out), "\n") {
		var e export.Event
		if err := json.Unmarshal([]byte(line), &e); err != nil {
			t.Fatalf("%v: %s", err, line)
		}
		n++
		if e.TargetIRI != "ent:iran" && e.SourceIRI != "ent:iran" || e.Date < "2023" || (e.CAMEORoot != "11" && e.CAMEORoot != "16") {
			t.Errorf("filtered event %+v", e)
		}
	}
	if n != 1 {
		t.Errorf("--entity Tehran --root 11,16 --since 2023: %d events, want the United States' accusation", n)
	}

	// --out writes the file, TSV here.
	out := filepath.Join(t.TempDir(), "events.tsv")
	mustRun(t, exitOK, "--db", db, "events", "--format", "tsv", "--country", "alb", "--out", out)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[0], "date\tsource_iri\t") {
		t.Errorf("events.tsv:\n%s", b)
	}

	for _, args := range [][]string{{"--root", "21"}, {"--country", "Albania"}, {"--format", "xlsx"}, {"--since", "soon"}, {"--predicate", "befriended"}} {
		r := geokg(t, "", nil, append([]string{"--db", db, "events"}, args...)...)
		if r.code != exitUsage || r.out != "" {
			t.Errorf("events %s: exit %d, stdout %q; want %d and nothing written", strings.Join(args, " "), r.code, r.out, exitUsage)
		}
	}
}
