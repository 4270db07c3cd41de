package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph"
)

// result is what one run of geokg printed and returned.
type result struct {
	out, err string
	code     int
}

// geokg runs the command line args in-process with stdin as standard input
// and env as the environment, and returns what it printed and its exit code.
func geokg(t *testing.T, stdin string, env map[string]string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	s := streams{In: strings.NewReader(stdin), Out: &out, Err: &errb}
	code := run(context.Background(), args, s, func(k string) string { return env[k] })
	return result{out: out.String(), err: errb.String(), code: code}
}

// mustRun runs geokg and fails the test unless it exits with want.
func mustRun(t *testing.T, want int, args ...string) result {
	t.Helper()
	r := geokg(t, "", nil, args...)
	if r.code != want {
		t.Fatalf("geokg %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), r.code, want, r.out, r.err)
	}
	return r
}

// writeFile writes content to dir/name, making directories as needed, and
// returns its path.
func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// Small articles of our own, each a few sentences the extractor reads.
const (
	articleTies = `---
title: Albania breaks with Iran
date: 2022-09-07
url: https://news.example/albania-iran
---
Albania cut diplomatic ties with Iran on Wednesday.
`
	articleMEK = `---
title: The United States and the MEK
date: 2023-06-20
---
The United States removed the MEK from its list of terrorist organisations in 2012. The United States accused Iran of the cyberattack on Tuesday.
`
)

// storeStats runs geokg stats --json on the bolt store db.
func storeStats(t *testing.T, db string) graph.Stats {
	t.Helper()
	r := mustRun(t, exitOK, "--db", db, "stats", "--json")
	var st graph.Stats
	if err := json.Unmarshal([]byte(r.out), &st); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, r.out)
	}
	return st
}

func TestRootUsage(t *testing.T) {
	tests := []struct {
		name     string
		env      map[string]string
		args     []string
		wantCode int
		wantErr  string // in stderr
		wantOut  string // in stdout
	}{
		{name: "no command prints help", args: nil, wantCode: exitOK, wantOut: "Available Commands:"},
		{name: "help flag", args: []string{"--help"}, wantCode: exitOK, wantOut: "geokg ingest testdata/articles"},
		{name: "unknown command", args: []string{"ingets", "x"}, wantCode: exitUsage, wantErr: `geokg: unknown command "ingets"; did you mean ingest?`},
		{name: "unknown flag", args: []string{"stats", "--bogus"}, wantCode: exitUsage, wantErr: "geokg: unknown flag: --bogus"},
		{name: "bad backend flag", args: []string{"--backend", "postgress", "stats"}, wantCode: exitUsage, wantErr: `geokg: --backend "postgress": unknown backend; choose one of bolt, memstore`},
		{name: "bad backend env", env: map[string]string{envBackend: "sqlite"}, args: []string{"stats"}, wantCode: exitUsage, wantErr: `geokg: GEOKG_BACKEND "sqlite": unknown backend`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", tt.env, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstderr: %s", r.code, tt.wantCode, r.err)
			}
			if !strings.Contains(r.err, tt.wantErr) {
				t.Errorf("stderr = %q, want it to contain %q", r.err, tt.wantErr)
			}
			if !strings.Contains(r.out, tt.wantOut) {
				t.Errorf("stdout = %q, want it to contain %q", r.out, tt.wantOut)
			}
		})
	}
}

func TestLockedStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "kg")
	st, err := graph.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r := geokg(t, "", nil, "--db", db, "stats")
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d", r.code, exitFailure)
	}
	if want := "geokg: open store " + db + ": locked by PID " + strconv.Itoa(os.Getpid()) + " ("; !strings.HasPrefix(r.err, want) {
		t.Errorf("stderr = %q, want it to start with %q", r.err, want)
	}
}

func TestMissingStore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "nothing-here")
	for _, args := range [][]string{{"stats"}, {"relations", "Iran"}, {"path", "Iran", "Iraq"}, {"query", "g.V().All()"}} {
		t.Run(args[0], func(t *testing.T) {
			r := geokg(t, "", nil, append([]string{"--db", db}, args...)...)
			if r.code != exitFailure {
				t.Errorf("exit %d, want %d", r.code, exitFailure)
			}
			if want := "geokg: no store at " + db; !strings.HasPrefix(r.err, want) {
				t.Errorf("stderr = %q, want it to start with %q", r.err, want)
			}
			if _, err := os.Stat(db); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a read-only command created the store: stat: %v", err)
			}
		})
	}
}

func TestHelpText(t *testing.T) {
	g := &rootOptions{streams: streams{In: strings.NewReader(""), Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}}
	root := newRootCmd(g, nil)
	addCommands(root, g)
	for _, c := range append(root.Commands(), root) {
		if c.Name() == "help" || c.Name() == "completion" {
			continue // cobra's own
		}
		if c.Long == "" || c.Example == "" || c.Short == "" {
			t.Errorf("%s: Short, Long and Example must all be set", c.CommandPath())
		}
	}
}

func TestIsTerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "out"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// /dev/null is a character device, as a terminal is, but no terminal:
	// table output there would be for nobody.
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	for _, tt := range []struct {
		name string
		w    any
	}{{"buffer", &bytes.Buffer{}}, {"regular file", f}, {"nil file", (*os.File)(nil)}, {"/dev/null", null}} {
		if isTerminal(tt.w) {
			t.Errorf("isTerminal(%s) = true", tt.name)
		}
	}
}
