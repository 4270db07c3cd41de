package graph_test

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/geokg/geokg/graph"
)

// Environment of TestHelperHoldStore, when the test binary runs as the
// helper process: the store directory it opens and how.
const (
	holdEnv     = "GEOKG_GRAPH_TEST_HOLD_STORE"
	holdModeEnv = "GEOKG_GRAPH_TEST_HOLD_MODE"
)

// TestHelperHoldStore is not a test: run by the tests below in a child
// process, it opens the store, says "ready" and holds the store until its
// standard input closes. Modes: "open" opens it with graph.Open; "serve"
// also records a server that takes writes; "read" opens it read-only and
// records a read-only server; "bolt" opens the bolt file
// directly, as Cayley or an older geokg would, recording nothing.
func TestHelperHoldStore(t *testing.T) {
	dir := os.Getenv(holdEnv)
	if dir == "" {
		t.Skip("helper process only")
	}
	switch mode := os.Getenv(holdModeEnv); mode {
	case "open", "serve", "":
		s, err := graph.Open(context.Background(), dir, graph.WithCommand("geokg helper"))
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if mode == "serve" {
			if err := s.SetServer("http://127.0.0.1:64999", true); err != nil {
				t.Fatal(err)
			}
		}
	case "read":
		s, err := graph.Open(context.Background(), dir, graph.WithCommand("geokg helper"), graph.WithReadOnly())
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if err := s.SetServer("http://127.0.0.1:64998", false); err != nil {
			t.Fatal(err)
		}
	case "bolt":
		db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
	default:
		t.Fatalf("unknown mode %q", mode)
	}
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
}

// holdStore starts a helper process holding the store in dir and returns
// it once it holds the store; closing its stdin lets it go.
func holdStore(t *testing.T, dir, mode string) (*exec.Cmd, io.WriteCloser) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStore$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir, holdModeEnv+"="+mode)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("helper said %q, %v; want ready", line, err)
	}
	return cmd, stdin
}

// deadPID returns the PID of a process that has ended.
func deadPID(t *testing.T) int {
	t.Helper()
	c := exec.Command(os.Args[0], "-test.run=^$")
	if p, err := exec.LookPath("true"); err == nil {
		c = exec.Command(p) // quicker than the test binary, which starts PostgreSQL
	}
	if err := c.Run(); err != nil {
		t.Fatal(err)
	}
	return c.Process.Pid
}

func TestBoltLockedByAnotherProcess(t *testing.T) {
	const since = `since [-0-9: ]+`
	tests := []struct {
		name string
		mode string
		// record, when set, is written as the holder file before the
		// helper starts: a record some killed process left.
		record func(t *testing.T) graph.Holder
		want   string // a regular expression; {pid} stands for the helper's PID
		stale  bool
		linux  bool // only Linux tells when a process started
	}{
		{
			name: "a geokg command",
			mode: "open",
			want: `locked by PID {pid} \(geokg helper, ` + since + `\); wait until it has finished, or stop it`,
		},
		{
			name: "a geokg server that takes writes",
			mode: "serve",
			want: `locked by PID {pid} \(geokg helper at http://127\.0\.0\.1:64999, ` + since +
				`\); stop it, or ingest through it with geokg ingest --server http://127\.0\.0\.1:64999`,
		},
		{
			name: "a process that records nothing",
			mode: "bolt",
			want: `locked by another process; wait until it has finished, or stop it`,
		},
		{
			name: "a process that records nothing, after a killed server",
			mode: "bolt",
			record: func(t *testing.T) graph.Holder {
				return graph.Holder{PID: deadPID(t), Command: "geokg serve", Since: time.Now(), Server: "http://127.0.0.1:64210", Writes: true}
			},
			want:  `locked by PID \d+ \(geokg serve at http://127\.0\.0\.1:64210, ` + since + `; may be stale: that process is not running, so another process holds the lock without saying which\)`,
			stale: true,
		},
		{
			name: "a process that records nothing, after one whose PID went to another process",
			mode: "bolt",
			record: func(t *testing.T) graph.Holder {
				// This test process runs, but started long after
				// the record says.
				return graph.Holder{PID: os.Getpid(), Command: "geokg ingest", Since: time.Now(), Start: 1}
			},
			want:  `locked by PID \d+ \(geokg ingest, ` + since + `; may be stale: `,
			stale: true,
			linux: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.linux && runtime.GOOS != "linux" {
				t.Skip("only Linux tells when a process started")
			}
			dir := t.TempDir()
			if tt.record != nil {
				b, err := json.Marshal(tt.record(t))
				if err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(filepath.Join(dir, "geokg.lock"), b, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			helper, stdin := holdStore(t, dir, tt.mode)

			// The second Open gives up after its lock timeout instead of
			// waiting for the holder.
			s, err := graph.Open(context.Background(), dir, graph.WithLockTimeout(20*time.Millisecond))
			if err == nil {
				s.Close()
				t.Fatal("opened a store another process holds")
			}
			if !errors.Is(err, graph.ErrLocked) {
				t.Fatalf("Open = %v, want ErrLocked", err)
			}
			want := regexp.MustCompile("^open store " + regexp.QuoteMeta(dir) + ": " +
				strings.ReplaceAll(tt.want, "{pid}", strconv.Itoa(helper.Process.Pid)))
			if !want.MatchString(err.Error()) {
				t.Errorf("Open = %q\nwant it to match %s", err, want)
			}
			var le *graph.LockedError
			if !errors.As(err, &le) {
				t.Fatalf("Open = %T, want a *graph.LockedError", err)
			}
			if le.Stale != tt.stale {
				t.Errorf("Stale = %v, want %v", le.Stale, tt.stale)
			}

			// Once the holder lets go, the store opens, and the holder
			// file names this process.
			stdin.Close()
			helper.Wait()
			s, err = graph.Open(context.Background(), dir, graph.WithLockTimeout(time.Second), graph.WithCommand("geokg test"))
			if err != nil {
				t.Fatalf("Open after the holder ended: %v", err)
			}
			defer s.Close()
			got := readHolder(t, dir)
			if got.PID != os.Getpid() || got.Command != "geokg test" || got.Server != "" {
				t.Errorf("holder file after reopening = %+v, want this process (%d, geokg test), no server", got, os.Getpid())
			}
		})
	}
}

func readHolder(t *testing.T, dir string) graph.Holder {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "geokg.lock"))
	if err != nil {
		t.Fatal(err)
	}
	var h graph.Holder
	if err := json.Unmarshal(b, &h); err != nil {
		t.Fatalf("holder file: %v\n%s", err, b)
	}
	return h
}

// TestHolderFileLifecycle: Open records the holder, SetServer adds the
// server, Close removes the record; a killed holder leaves its record,
// which the next Open replaces.
func TestHolderFileLifecycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := graph.Open(ctx, dir, graph.WithCommand("geokg serve"))
	if err != nil {
		t.Fatal(err)
	}
	if h := readHolder(t, dir); h.PID != os.Getpid() || h.Command != "geokg serve" || h.Since.IsZero() {
		t.Errorf("holder after Open = %+v", h)
	}
	if err := s.SetServer("http://127.0.0.1:64210", false); err != nil {
		t.Fatal(err)
	}
	if h := readHolder(t, dir); h.Server != "http://127.0.0.1:64210" || h.Writes {
		t.Errorf("holder after SetServer = %+v", h)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "geokg.lock")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("holder file after Close: stat = %v, want it gone", err)
	}

	// A holder killed with SIGKILL leaves its record; it does not stop
	// the next Open, which records itself instead.
	helper, _ := holdStore(t, dir, "serve")
	if h := readHolder(t, dir); h.PID != helper.Process.Pid {
		t.Fatalf("holder = %+v, want the helper's PID %d", h, helper.Process.Pid)
	}
	helper.Process.Kill()
	helper.Wait()
	s, err = graph.Open(ctx, dir, graph.WithLockTimeout(time.Second), graph.WithCommand("geokg ingest"))
	if err != nil {
		t.Fatalf("Open after the holder was killed: %v", err)
	}
	defer s.Close()
	if h := readHolder(t, dir); h.PID != os.Getpid() || h.Command != "geokg ingest" || h.Server != "" {
		t.Errorf("holder after the killed holder = %+v, want this process, no server", h)
	}

	// Other backends have no holder file; SetServer does nothing there.
	m, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	if err := m.SetServer("http://127.0.0.1:1", true); err != nil {
		t.Errorf("SetServer on memstore = %v", err)
	}
}

func TestLockedErrorMessage(t *testing.T) {
	since := time.Date(2024, 3, 1, 18, 2, 11, 0, time.Local)
	tests := []struct {
		name string
		err  graph.LockedError
		want string
	}{
		{"unknown holder", graph.LockedError{Path: "geokg.db"},
			"open store geokg.db: locked by another process; wait until it has finished, or stop it"},
		{"ingest", graph.LockedError{Path: "geokg.db", Holder: &graph.Holder{PID: 1234, Command: "geokg ingest", Since: since}},
			"open store geokg.db: locked by PID 1234 (geokg ingest, since 2024-03-01 18:02:11); wait until it has finished, or stop it"},
		{"server taking writes", graph.LockedError{Path: "geokg.db", Holder: &graph.Holder{PID: 1234, Command: "geokg serve", Since: since, Server: "http://127.0.0.1:64210", Writes: true}},
			"open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 2024-03-01 18:02:11); stop it, or ingest through it with geokg ingest --server http://127.0.0.1:64210"},
		{"read-only server", graph.LockedError{Path: "geokg.db", Holder: &graph.Holder{PID: 1234, Command: "geokg serve", Since: since, Server: "http://127.0.0.1:64210"}},
			"open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 2024-03-01 18:02:11); stop it, or restart it with --allow-writes and ingest through it with geokg ingest --server"},
		{"a reader, by a server taking writes", graph.LockedError{Path: "geokg.db", Reader: true, Holder: &graph.Holder{PID: 1234, Command: "geokg serve", Since: since, Server: "http://127.0.0.1:64210", Writes: true}},
			"open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 2024-03-01 18:02:11); it writes to the store: stop it, restart it without --allow-writes (a read-only server lets other commands read the store beside it), or query its API at http://127.0.0.1:64210"},
		{"a reader, by ingest", graph.LockedError{Path: "geokg.db", Reader: true, Holder: &graph.Holder{PID: 1234, Command: "geokg ingest", Since: since}},
			"open store geokg.db: locked by PID 1234 (geokg ingest, since 2024-03-01 18:02:11); it writes to the store: wait until it has finished, or stop it"},
		{"stale", graph.LockedError{Path: "geokg.db", Holder: &graph.Holder{PID: 1234, Command: "geokg serve", Since: since, Server: "http://127.0.0.1:64210", Writes: true}, Stale: true},
			"open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 2024-03-01 18:02:11; may be stale: that process is not running, so another process holds the lock without saying which)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() =\n%s\nwant\n%s", got, tt.want)
			}
			if !errors.Is(&tt.err, graph.ErrLocked) {
				t.Error("errors.Is(err, ErrLocked) = false")
			}
		})
	}
}

func ExampleLockedError() {
	err := error(&graph.LockedError{Path: "geokg.db", Holder: &graph.Holder{
		PID: 1234, Command: "geokg serve", Since: time.Date(2024, 3, 1, 18, 2, 11, 0, time.Local),
		Server: "http://127.0.0.1:64210", Writes: true,
	}})
	fmt.Println(errors.Is(err, graph.ErrLocked))
	fmt.Println(err)
	// Output:
	// true
	// open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 2024-03-01 18:02:11); stop it, or ingest through it with geokg ingest --server http://127.0.0.1:64210
}
