//go:build integration && linux

package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// rssBound is the peak resident memory geokg serve keeps under, with its
// defaults, whatever a query does (docs/reliability.md).
const rssBound = 1 << 30

// TestServeMemoryBound runs the memory attacks against a geokg serve
// with its default limits (the query timeout cut to 5 s, so that the
// test ends sooner) and reads the server's peak resident memory (VmHWM)
// after each: it must stay under rssBound, each attack must end with its
// error, and /health must answer, 200 within 5 s, all the while.
func TestServeMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("the memory bound is measured without -short (go test -tags integration ./cmd/geokg -run TestServeMemoryBound -v)")
	}
	bin := buildGeokg(t)
	db := filepath.Join(t.TempDir(), "kg")
	mustRun(t, exitOK, "--db", db, "ingest", filepath.Join("..", "..", "testdata", "articles"))

	cmd := exec.Command(bin, "--db", db, "serve", "--addr", "127.0.0.1:0", "--query-timeout", "5s")
	cmd.Env = append(os.Environ(), "GOMEMLIMIT=") // the server sets its own
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	url := listeningURL(t, stderr)
	go io.Copy(io.Discard, stderr)
	status := fmt.Sprintf("/proc/%d/status", cmd.Process.Pid)
	clearRefs := fmt.Sprintf("/proc/%d/clear_refs", cmd.Process.Pid)

	tests := []struct {
		name   string
		script string
		// The script is stopped for its results (400), its memory (503)
		// or, on a machine slow enough, its time first (504): whichever
		// comes first, the memory stays bounded.
		codes []int
	}{
		{"doubling a string", `var s = "x"; while (true) s += s`, []int{http.StatusServiceUnavailable, http.StatusGatewayTimeout}},
		{"long strings added up", `var s = "x".repeat(1 << 26); var t = s + s; var u = t + t; var v = u + u; v.length`, []int{http.StatusServiceUnavailable, http.StatusGatewayTimeout}},
		{"emitting a long string", `var s = "x".repeat(20 << 20); for (var i = 0; i < 100; i++) g.emit(s)`, []int{http.StatusBadRequest, http.StatusServiceUnavailable}},
		{"push forever", `var a = []; while (true) a.push(a.length)`, []int{http.StatusServiceUnavailable, http.StatusGatewayTimeout}},
		{"spreading a sparse array", `var a = []; a.length = 2**30; [...a]`, []int{http.StatusGatewayTimeout}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// Peak memory counts from here (Linux: "5" resets VmHWM).
			if err := os.WriteFile(clearRefs, []byte("5"), 0); err != nil {
				t.Fatal(err)
			}
			health := pollHealth(url)
			resp, err := (&http.Client{Timeout: 2 * time.Minute}).Post(url+"api/v2/query?lang=gizmo", "application/javascript", strings.NewReader(tt.script))
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			failures, answered := health()
			peak := peakRSS(t, status)
			t.Logf("%d %s; peak RSS %d MiB; /health answered %d times", resp.StatusCode, strings.TrimSpace(string(body)), peak>>20, answered)
			if !slices.Contains(tt.codes, resp.StatusCode) {
				t.Errorf("status %d, want one of %v: %s", resp.StatusCode, tt.codes, body)
			}
			if peak >= rssBound {
				t.Errorf("peak RSS %d MiB, want under %d MiB", peak>>20, rssBound>>20)
			}
			if len(failures) > 0 {
				t.Errorf("/health failed during the attack: %s", strings.Join(failures, "; "))
			}
			if answered == 0 {
				t.Error("/health was not asked during the attack")
			}
		})
	}
}

// pollHealth asks url's /health at once and then every 100 ms until the function it
// returns is called, which returns the failures (not 200 within 5 s) and
// the number of answers.
func pollHealth(url string) (stop func() (failures []string, answered int)) {
	client := &http.Client{Timeout: 5 * time.Second}
	done := make(chan struct{})
	var (
		mu       sync.Mutex
		wg       sync.WaitGroup
		failures []string
		answered int
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			// Ask at once, then every 100 ms: an attack the server ends
			// within 100 ms is still asked about once.
			start := time.Now()
			resp, err := client.Get(url + "health")
			mu.Lock()
			switch {
			case err != nil:
				failures = append(failures, err.Error())
			case resp.StatusCode != http.StatusOK:
				failures = append(failures, fmt.Sprintf("status %d after %s", resp.StatusCode, time.Since(start)))
			default:
				answered++
			}
			mu.Unlock()
			if resp != nil {
				resp.Body.Close()
			}
			select {
			case <-done:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	return func() ([]string, int) {
		close(done)
		wg.Wait()
		return failures, answered
	}
}

// peakRSS reads VmHWM, the peak resident memory, from a /proc status file.
func peakRSS(t *testing.T, status string) uint64 {
	t.Helper()
	b, err := os.ReadFile(status)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			if err != nil {
				t.Fatalf("%s: %q: %v", status, line, err)
			}
			return kb << 10
		}
	}
	t.Fatalf("%s has no VmHWM", status)
	return 0
}
