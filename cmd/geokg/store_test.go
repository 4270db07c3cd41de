package main

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
)

// TestServerBackendURLs checks that the database server backends want a
// database URL in --db, and say so before connecting anywhere.
func TestServerBackendURLs(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"postgres with a path", []string{"--backend", "postgres", "--db", "geokg.db", "stats"},
			`geokg: --backend postgres: --db "geokg.db" is not a database URL; give postgres://user:password@host:port/database`},
		{"cockroach with a path", []string{"--backend", "cockroach", "--db", "geokg.db", "stats"},
			`geokg: --backend cockroach: --db "geokg.db" is not a database URL; give postgresql://user:password@host:26257/database?sslmode=verify-full`},
		{"cockroach with a mysql URL", []string{"--backend", "cockroach", "--db", "mysql://db/kg", "relations", "Iran"},
			`geokg: --backend cockroach: --db "mysql://db/kg" is not a database URL`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", nil, tt.args...)
			if r.code != exitUsage {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, exitUsage, r.err)
			}
			if !strings.HasPrefix(r.err, tt.wantErr) {
				t.Errorf("stderr = %q, want it to start with %q", r.err, tt.wantErr)
			}
		})
	}
	r := mustRun(t, exitOK, "--help")
	if want := "store backend: bolt, memstore, postgres, cockroach"; !strings.Contains(r.out, want) {
		t.Errorf("--help does not list the backends as %q:\n%s", want, r.out)
	}
}

// TestCockroachBackendCLI ingests the shared articles with --backend
// cockroach into the PostgreSQL test cluster, with serializable
// transactions as CockroachDB runs them (no CockroachDB server can run
// here; see docs/scale.md), and into bolt: the commands must answer the
// same.
var quadCount = regexp.MustCompile(`"quads": \d+`)

func TestCockroachBackendCLI(t *testing.T) {
	articles := filepath.Join("..", "..", "testdata", "articles")
	crdb := storeOptions{DB: pgtest.NewDB(t) + "&default_transaction_isolation=serializable", Backend: graph.Cockroach}
	questions := [][]string{
		{"relations", "Iran", "--json"},
		{"relations", "US", "--merged", "--json"},
		{"path", "United States", "Iran", "--json", "--max-depth", "3"},
		{"stats", "--json"},
	}
	outs := map[string][]string{}
	for _, o := range []storeOptions{boltStore(t), crdb} {
		mustRun(t, exitOK, append(storeArgs(o), "ingest", articles)...)
		for _, q := range questions {
			// bolt keeps entity facts once, labelled with the entity;
			// the SQL backends once per article: their quads differ.
			out := quadCount.ReplaceAllString(mustRun(t, exitOK, append(storeArgs(o), q...)...).out, `"quads": N`)
			outs[o.Backend] = append(outs[o.Backend], out)
		}
	}
	if len(outs[graph.Bolt][0]) < 100 {
		t.Fatalf("relations of Iran from bolt: %q, too little to compare", outs[graph.Bolt][0])
	}
	if diff := cmp.Diff(outs[graph.Bolt], outs[graph.Cockroach]); diff != "" {
		t.Errorf("answers (-bolt +cockroach):\n%s", diff)
	}
}
