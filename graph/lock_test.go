package graph_test

import (
	"bufio"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
)

// holdEnv names the store directory that TestHelperHoldStore opens when the
// test binary runs as the helper process.
const holdEnv = "GEOKG_GRAPH_TEST_HOLD_STORE"

// TestHelperHoldStore is not a test: run by TestBoltLockedByAnotherProcess
// in a child process, it opens the store, says "ready" and holds the store
// until its standard input closes.
func TestHelperHoldStore(t *testing.T) {
	dir := os.Getenv(holdEnv)
	if dir == "" {
		t.Skip("helper process only")
	}
	s, err := graph.Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	os.Stdout.WriteString("ready\n")
	io.Copy(io.Discard, os.Stdin)
}

func TestBoltLockedByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStore$")
	cmd.Env = append(os.Environ(), holdEnv+"="+dir)
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
	defer func() {
		stdin.Close()
		cmd.Wait()
	}()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || line != "ready\n" {
		t.Fatalf("helper said %q, %v; want ready", line, err)
	}

	s, err := graph.Open(context.Background(), dir, graph.WithLockTimeout(20*time.Millisecond))
	if err == nil {
		s.Close()
		t.Fatal("opened a store another process holds")
	}
	if !errors.Is(err, graph.ErrLocked) {
		t.Errorf("Open = %v, want ErrLocked", err)
	}
}
