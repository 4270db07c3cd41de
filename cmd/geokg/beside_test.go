package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestReadsBesideServer: the read commands work from beside a read-only
// geokg serve of the same bolt store; a write is refused naming the
// server. Beside a server that takes writes, each read command is refused
// with what to do: stop it, restart it read-only, or query its API.
func TestReadsBesideServer(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg")
	mustRun(t, exitOK, "--db", db, "ingest", filepath.Join("..", "..", "testdata", "articles", "albania-iran-2022.txt"))
	out := t.TempDir()

	reads := []struct {
		args []string
		want string // in stdout
	}{
		{[]string{"stats"}, "statements"},
		{[]string{"relations", "Albania"}, "Iran"},
		{[]string{"path", "Albania", "Iran"}, "Iran"},
		{[]string{"export", "--format", "graphml"}, "<graphml"},
		{[]string{"query", `g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`}, "ent:iran"},
		{[]string{"verify"}, ""},
		{[]string{"backup", "-o", filepath.Join(out, "backup.nq.gz")}, ""},
	}

	srv := startServe(t, nil, "--db", db, "serve", "--addr", "127.0.0.1:0")
	base := strings.TrimSuffix(srv.url, "/")
	local := map[string]string{} // stdout of each read beside the read-only server
	for _, r := range reads {
		t.Run("beside a read-only server/"+r.args[0], func(t *testing.T) {
			res := mustRun(t, exitOK, append([]string{"--db", db}, r.args...)...)
			if !strings.Contains(res.out, r.want) {
				t.Errorf("geokg %s: stdout lacks %q:\n%.500s", strings.Join(r.args, " "), r.want, res.out)
			}
			local[strings.Join(r.args, " ")] = res.out
		})
	}
	graphQL := []string{"query", "--lang", "graphql", `{ nodes(id: "<ent:albania>") { name: <schema:name> } }`}
	local[strings.Join(graphQL, " ")] = mustRun(t, exitOK, append([]string{"--db", db}, graphQL...)...).out
	if _, err := os.Stat(filepath.Join(out, "backup.nq.gz")); err != nil {
		t.Errorf("backup beside the server: %v", err)
	}
	// The server still answers, and a writer is told which server to
	// restart with writes.
	var stats map[string]any
	getJSON(t, base+"/api/geokg/v1/stats", 200, &stats)
	w := geokg(t, "", nil, "--db", db, "ingest", filepath.Join("..", "..", "testdata", "articles", "aukus-france-2021.txt"))
	wantW := regexp.MustCompile(`^geokg: open store ` + regexp.QuoteMeta(db) + `: locked by PID \d+ \(\S+( serve)? at ` + regexp.QuoteMeta(base) +
		`, since [-0-9: ]+\); stop it, or restart it with --allow-writes and ingest through it with geokg ingest --server`)
	if w.code != exitFailure || !wantW.MatchString(w.err) {
		t.Errorf("ingest beside a read-only server: exit %d, %q; want %d and a message matching %s", w.code, w.err, exitFailure, wantW)
	}
	if code := srv.shutdown(); code != exitOK {
		t.Fatalf("serve exited %d:\n%s", code, srv.stderr)
	}

	srv = startServe(t, nil, "--db", db, "serve", "--addr", "127.0.0.1:0", "--allow-writes", "--token", concurrentToken+"-0123456789")
	base = strings.TrimSuffix(srv.url, "/")
	wantR := regexp.MustCompile(`^geokg: open store ` + regexp.QuoteMeta(db) + `: locked by PID \d+ \(\S+( serve)? at ` + regexp.QuoteMeta(base) +
		`, since [-0-9: ]+\); it writes to the store: stop it, restart it without --allow-writes \(a read-only server lets other commands read the store beside it\), or query its API at ` +
		regexp.QuoteMeta(base) + "\n$")
	for _, r := range reads {
		t.Run("beside a writing server/"+r.args[0], func(t *testing.T) {
			res := geokg(t, "", nil, append([]string{"--db", db}, r.args...)...)
			if res.code != exitFailure || !wantR.MatchString(res.err) {
				t.Errorf("geokg %s: exit %d, %q; want %d and a message matching %s", strings.Join(r.args, " "), res.code, res.err, exitFailure, wantR)
			}
		})
	}
	// stats and query ask the server with --server, and print what they
	// printed reading the store.
	for _, args := range [][]string{reads[0].args, reads[4].args, graphQL} {
		res := mustRun(t, exitOK, append(append([]string{"--db", db}, args...), "--server", base)...)
		if want := local[strings.Join(args, " ")]; res.out != want || want == "" {
			t.Errorf("geokg %s --server: stdout\n%s\nwant what it printed from the store\n%s", strings.Join(args, " "), res.out, want)
		}
	}
	if code := srv.shutdown(); code != exitOK {
		t.Fatalf("serve --allow-writes exited %d:\n%s", code, srv.stderr)
	}
	// No server there: the error says so.
	if r := geokg(t, "", nil, "stats", "--server", base); r.code != exitFailure || !strings.Contains(r.err, "stats of "+base) || !strings.Contains(r.err, "connection refused") {
		t.Errorf("stats --server with no server: exit %d, %q", r.code, r.err)
	}
	if r := geokg(t, "", nil, "query", "--server", "ftp://x", "g.V().All()"); r.code != exitUsage || !strings.Contains(r.err, "--server") {
		t.Errorf("query --server ftp://x: exit %d, %q", r.code, r.err)
	}
}
