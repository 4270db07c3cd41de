package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestRelationsPages pages through an entity's relations with --limit and
// --cursor, in date order and in JSON, and checks that the pages give the
// lines of one `relations --json` in the same order; and that a page ends
// with the counts and the next page's flags.
func TestRelationsPages(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg")
	mustRun(t, exitOK, "--db", db, "ingest", filepath.Join("..", "..", "testdata", "articles"))
	all := mustRun(t, exitOK, "--db", db, "relations", "United States", "--json").out
	want := strings.Split(strings.TrimSpace(all), "\n")
	if len(want) < 5 {
		t.Fatalf("the United States has %d relations, want 5 or more to page", len(want))
	}
	next := regexp.MustCompile(`--limit 2 --cursor (\S+)`)
	var got []string
	args := []string{"--db", db, "relations", "United States", "--json", "--limit", "2", "--order", "oldest"}
	for pages := 0; pages < 100; pages++ {
		r := mustRun(t, exitOK, args...)
		got = append(got, strings.Split(strings.TrimSpace(r.out), "\n")...)
		m := next.FindStringSubmatch(r.err)
		if m == nil {
			break
		}
		args = append(args[:9:9], "--cursor", m[1])
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("pages of relations --json (-all +pages):\n%s", diff)
	}

	r := mustRun(t, exitOK, "--db", db, "relations", "United States", "--limit", "1")
	for _, w := range []string{
		`(?m)^The newest 1 of \d+ relations; by predicate: \w+ \d+`,
		`(?m)^Next page: the same command with --limit 1 --cursor \S+ \(or --all for every relation\)$`,
	} {
		if !regexp.MustCompile(w).MatchString(r.out) {
			t.Errorf("relations --limit 1 does not match %s:\n%s", w, r.out)
		}
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--cursor", "abc"}, "--cursor needs --limit"},
		{[]string{"--limit", "2", "--cursor", "abc"}, "not a cursor of these relations"},
		{[]string{"--limit", "2000"}, "--limit 2000"},
		{[]string{"--order", "up"}, `--order "up"`},
		{[]string{"--merged", "--limit", "2"}, "not --merged"},
	} {
		r := mustRun(t, exitUsage, append([]string{"--db", db, "relations", "Iran"}, c.args...)...)
		if !strings.Contains(r.err, c.want) {
			t.Errorf("%v: stderr %q, want %q", c.args, r.err, c.want)
		}
	}
}
