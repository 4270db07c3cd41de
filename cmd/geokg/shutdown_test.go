//go:build unix && integration

package main

import (
	"bufio"
	"errors"
	"io"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// stuckQuery is a Gizmo script that an interrupt does not stop at once:
// its time goes into one long call of Cayley's, building and running ten
// thousand nested iterators.
const stuckQuery = `var p = g.V(); for (var i = 0; i < 10000; i++) p = p.Out(); p.All()`

// TestServeStopsOnSIGTERM sends SIGTERM to a geokg serve whose query has
// timed out but still runs: the server must exit, and release the bolt
// store, rather than wait for the query for ever.
func TestServeStopsOnSIGTERM(t *testing.T) {
	bin := buildGeokg(t)
	db := filepath.Join(t.TempDir(), "kg")
	mustRun(t, exitOK, "--db", db, "ingest", filepath.Join("..", "..", "testdata", "articles"))

	// A deadline well under the stuck query's time on any machine, idle or
	// loaded, so that the query is always still running when it passes.
	cmd := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0", "--query-timeout", "200ms")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill() })
	url := listeningURL(t, stderr)
	rest := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(stderr)
		rest <- string(b)
	}()

	resp, err := http.Post(url+"api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(stuckQuery))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusGatewayTimeout {
		t.Fatalf("the stuck query: %d, want 504", resp.StatusCode)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	// Read stderr to its end (the process's exit closes it) before Wait,
	// which closes the pipe: a Wait first can cut the read short.
	var out string
	select {
	case out = <-rest:
	case <-time.After(2 * time.Minute): // a hang, not a slow stop
		t.Fatalf("geokg serve did not exit after SIGTERM")
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		t.Fatalf("geokg serve exited with %v after SIGTERM:\n%s", err, out)
	}
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "geokg serve: stopped") {
		t.Errorf("stderr does not say the server stopped:\n%s", out)
	}
	// The store is released: another process opens it.
	mustRun(t, exitOK, "--db", db, "stats")
}

// listeningURL reads geokg serve's stderr up to its "listening on" line
// and returns the address it names.
func listeningURL(t *testing.T, stderr io.Reader) string {
	t.Helper()
	lines := bufio.NewScanner(stderr)
	for lines.Scan() {
		if m := listening.FindStringSubmatch(lines.Text()); m != nil {
			return m[1]
		}
	}
	t.Fatal("geokg serve did not listen")
	return ""
}
