package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/server"
)

func TestNewServeCmd(t *testing.T) {
	t.Setenv(envToken, "")
	t.Setenv(envMonaco, "")
	defaults := serveOptions{
		articleFlags: defaultArticleFlags,
		Store:        storeOptions{DB: "geokg.db", Backend: "bolt"},
		Addr:         "127.0.0.1:64210",
		MaxBody:      10 << 20,
		QueryTimeout: 30 * time.Second,
		QueryLimit:   100,
		Concurrent:   server.DefaultMaxConcurrent(),
		QueryMemory:  server.DefaultQueryMemory,
		MaxResult:    server.DefaultMaxResult,
	}
	with := func(f func(*serveOptions)) serveOptions {
		o := defaults
		f(&o)
		return o
	}
	testParse(t, []parseCase[serveOptions]{
		{name: "defaults", args: []string{"serve"}, want: defaults},
		{
			name: "every flag",
			args: []string{"--backend", "memstore", "serve", "--addr", "0.0.0.0:8080", "--ingest", "a.txt", "--ingest", "dir",
				"--allow-writes", "--token", "t0k-0123456789abcdef", "--max-body", "1000", "--query-timeout", "2s", "--query-limit", "7", "--max-concurrent", "3",
				"--cors-origin", "https://a.example", "--cors-origin", "*", "--monaco-dir", "/opt/m", "--date", "2022-09-07",
				"--rate-limit", "2.5", "--rate-burst", "10", "--allowed-host", "geokg.example"},
			want: with(func(o *serveOptions) {
				o.Store.Backend = "memstore"
				o.Addr, o.Ingest, o.AllowWrites, o.Token = "0.0.0.0:8080", []string{"a.txt", "dir"}, true, "t0k-0123456789abcdef"
				o.MaxBody, o.QueryTimeout, o.QueryLimit, o.Concurrent = 1000, 2*time.Second, 7, 3
				o.CORSOrigins, o.MonacoDir, o.Date = []string{"https://a.example", "*"}, "/opt/m", "2022-09-07"
				o.RateLimit, o.RateBurst = 2.5, 10
				o.AllowedHosts = []string{"geokg.example"}
			}),
		},
		{name: "writes without a token", args: []string{"serve", "--allow-writes"}, wantErr: "--allow-writes needs a token for the writes to carry: set GEOKG_TOKEN (or --token)"},
		{name: "a short token", args: []string{"serve", "--allow-writes", "--token", "s3cret"}, wantErr: "the write token has 6 characters: want at least 16, such as GEOKG_TOKEN=$(openssl rand -hex 16)"},
		{name: "no port", args: []string{"serve", "--addr", "localhost"}, wantErr: `--addr "localhost": want HOST:PORT`},
		{name: "bad port", args: []string{"serve", "--addr", "127.0.0.1:http2x"}, wantErr: `--addr "127.0.0.1:http2x": want HOST:PORT`},
		{name: "zero body", args: []string{"serve", "--max-body", "0"}, wantErr: "--max-body 0: want a positive number of bytes"},
		{name: "zero timeout", args: []string{"serve", "--query-timeout", "0s"}, wantErr: "--query-timeout 0s: want a positive duration"},
		{name: "zero limit", args: []string{"serve", "--query-limit", "0"}, wantErr: "--query-limit 0: want a positive number"},
		{name: "zero concurrency", args: []string{"serve", "--max-concurrent", "0"}, wantErr: "--max-concurrent 0: want a positive number"},
		{name: "negative rate limit", args: []string{"serve", "--rate-limit", "-1"}, wantErr: "--rate-limit -1: want a positive number of requests a second, or 0 for no limit"},
		{name: "NaN rate limit", args: []string{"serve", "--rate-limit", "NaN"}, wantErr: "--rate-limit NaN: want a positive number"},
		{name: "negative burst", args: []string{"serve", "--rate-limit", "1", "--rate-burst", "-2"}, wantErr: "--rate-burst -2: want a positive number of requests"},
		{name: "burst without a rate", args: []string{"serve", "--rate-burst", "5"}, wantErr: "--rate-burst 5 needs --rate-limit"},
		{name: "bad date for the articles", args: []string{"serve", "--ingest", "a.txt", "--date", "today"}, wantErr: `--date "today"`},
		{name: "an argument", args: []string{"serve", "articles"}, wantErr: "serve: want no arguments"},
	}, newServeCmd)

	t.Setenv(envToken, "from-the-env-0123456789")
	t.Setenv(envMonaco, "/opt/geokg-node/node_modules/monaco-editor")
	testParse(t, []parseCase[serveOptions]{
		{
			name: "token and Monaco from the environment",
			args: []string{"serve", "--allow-writes"},
			want: with(func(o *serveOptions) {
				o.AllowWrites, o.Token, o.MonacoDir = true, "from-the-env-0123456789", "/opt/geokg-node/node_modules/monaco-editor"
			}),
		},
		{
			name: "the flag wins over the environment",
			args: []string{"serve", "--token", "flag-0123456789abcdef"},
			want: with(func(o *serveOptions) {
				o.Token, o.MonacoDir = "flag-0123456789abcdef", "/opt/geokg-node/node_modules/monaco-editor"
			}),
		},
	}, newServeCmd)
}

// syncBuffer is a buffer written by the command and read by the test at
// the same time.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// serving is a geokg serve running in the test.
type serving struct {
	url    string
	stderr *syncBuffer
	stop   context.CancelFunc
	code   chan int
}

var listening = regexp.MustCompile(`listening on (http://[^ ]+/) `)

// startServe runs geokg with args (which should include serve --addr
// 127.0.0.1:0) until the test stops it, and returns once it listens.
func startServe(t *testing.T, env map[string]string, args ...string) *serving {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	s := &serving{stderr: &syncBuffer{}, stop: cancel, code: make(chan int, 1)}
	go func() {
		s.code <- run(ctx, args, streams{In: strings.NewReader(""), Out: io.Discard, Err: s.stderr}, func(k string) string { return env[k] })
	}()
	t.Cleanup(cancel)
	for range 1200 { // ingesting may take a while
		if m := listening.FindStringSubmatch(s.stderr.String()); m != nil {
			s.url = m[1]
			return s
		}
		select {
		case code := <-s.code:
			t.Fatalf("geokg %s exited with %d before listening:\n%s", strings.Join(args, " "), code, s.stderr)
		case <-time.After(50 * time.Millisecond):
		}
	}
	t.Fatalf("geokg %s did not listen:\n%s", strings.Join(args, " "), s.stderr)
	return nil
}

// shutdown stops the server as SIGINT does and returns its exit code.
func (s *serving) shutdown() int {
	s.stop()
	return <-s.code
}

func getJSON(t *testing.T, url string, want int, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		t.Fatalf("GET %s: %d, want %d: %s", url, resp.StatusCode, want, b)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v: %s", url, err, b)
	}
}

func TestServe(t *testing.T) {
	dir := t.TempDir()
	a := writeFile(t, dir, "ties.txt", "---\ntitle: Albania breaks with Iran\ndate: 2022-09-07\n---\nAlbania cut diplomatic ties with Iran on Wednesday.\n")
	tests := []struct {
		name string
		args []string
	}{
		{name: "bolt store", args: []string{"--db", filepath.Join(dir, "kg"), "serve", "--addr", "127.0.0.1:0", "--ingest", a}},
		{name: "memstore", args: []string{"--backend", "memstore", "serve", "--addr", "127.0.0.1:0", "--ingest", a}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := startServe(t, nil, tt.args...)
			var h server.Health
			getJSON(t, s.url+"health", 200, &h)
			if h.Status != "ok" || !h.ReadOnly {
				t.Errorf("health %+v, want ok and read-only", h)
			}
			var rel server.RelationsResponse
			getJSON(t, s.url+"api/geokg/v1/entities/Albania/relations", 200, &rel)
			if len(rel.Relations) == 0 || rel.Relations[0].Predicate != "severed_ties_with" || rel.Relations[0].Object.IRI != "ent:iran" {
				t.Errorf("relations of Albania: %+v", rel.Relations)
			}
			if code := s.shutdown(); code != exitOK {
				t.Errorf("exit %d after the interrupt, want 0:\n%s", code, s.stderr)
			}
			for _, want := range []string{"ingest: 1 document (1 new", "(read-only)", "geokg serve: stopped"} {
				if !strings.Contains(s.stderr.String(), want) {
					t.Errorf("stderr lacks %q:\n%s", want, s.stderr)
				}
			}
			if _, err := http.Get(s.url + "health"); err == nil {
				t.Error("the server still answers after the shutdown")
			}
		})
	}

	t.Run("rate limit", func(t *testing.T) {
		s := startServe(t, nil, "--backend", "memstore", "serve", "--addr", "127.0.0.1:0", "--rate-limit", "0.001", "--rate-burst", "2")
		var codes []int
		for _, path := range []string{"api/geokg/v1/stats", "api/geokg/v1/stats", "api/geokg/v1/stats", "health"} {
			resp, err := http.Get(s.url + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			codes = append(codes, resp.StatusCode)
			if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
				t.Error("429 without Retry-After")
			}
		}
		if diff := cmp.Diff([]int{200, 200, 429, 200}, codes); diff != "" {
			t.Errorf("stats three times, then health (-want +got):\n%s", diff)
		}
		if code := s.shutdown(); code != exitOK {
			t.Errorf("exit %d", code)
		}
	})

	t.Run("writes with the token from the environment", func(t *testing.T) {
		t.Setenv(envToken, "s3cret-0123456789abcdef")
		s := startServe(t, nil, "--db", filepath.Join(dir, "kg"), "serve", "--addr", "127.0.0.1:0", "--allow-writes")
		req, _ := http.NewRequest("POST", s.url+"api/v2/write", strings.NewReader("<ent:albania> <rel:ally_of> <ent:canada> <doc:manual> .\n"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("write without the token: %d, want 401", resp.StatusCode)
		}
		req, _ = http.NewRequest("POST", s.url+"api/v2/write", strings.NewReader("<ent:albania> <rel:ally_of> <ent:canada> <doc:manual> .\n"))
		req.Header.Set("Authorization", "Bearer s3cret-0123456789abcdef")
		resp, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("write with the token: %d, want 200", resp.StatusCode)
		}
		if !strings.Contains(s.stderr.String(), "(writes need the bearer token)") {
			t.Errorf("stderr does not say writes are on:\n%s", s.stderr)
		}
		if strings.Contains(s.stderr.String(), "s3cret-0123456789abcdef") {
			t.Errorf("the token is in the log:\n%s", s.stderr)
		}
		if code := s.shutdown(); code != exitOK {
			t.Errorf("exit %d", code)
		}
	})
}

func TestServeFailures(t *testing.T) {
	dir := t.TempDir()
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{name: "no store", args: []string{"--db", filepath.Join(dir, "missing"), "serve", "--addr", "127.0.0.1:0"}, wantCode: exitFailure, wantErr: "no store at"},
		{name: "writes without a token", args: []string{"--backend", "memstore", "serve", "--allow-writes"}, wantCode: exitUsage, wantErr: "--allow-writes needs a token"},
		{name: "bad CORS origin", args: []string{"--backend", "memstore", "serve", "--addr", "127.0.0.1:0", "--cors-origin", "ftp://x.example/files"}, wantCode: exitUsage, wantErr: `CORS origin "ftp://x.example/files"`},
		{name: "Monaco not there", args: []string{"--backend", "memstore", "serve", "--addr", "127.0.0.1:0", "--monaco-dir", filepath.Join(dir, "none")}, wantCode: exitFailure, wantErr: "monaco editor: no min/vs/loader.js"},
		{name: "address in use", args: []string{"--backend", "memstore", "serve", "--addr", busy.Addr().String()}, wantCode: exitFailure, wantErr: "listen on " + busy.Addr().String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(envToken, "")
			// Bounded, so that a server that starts by mistake stops.
			ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
			defer cancel()
			var errb bytes.Buffer
			code := run(ctx, tt.args, streams{In: strings.NewReader(""), Out: io.Discard, Err: &errb}, func(string) string { return "" })
			if code != tt.wantCode || !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", code, tt.wantCode, errb.String(), tt.wantErr)
			}
		})
	}
}

// TestServeMonacoConfined serves a --monaco-dir holding symbolic links:
// one to a file outside it, one to a directory outside it, one inside it.
// Only the files of the folder are served.
func TestServeMonacoConfined(t *testing.T) {
	t.Setenv(envToken, "")
	outside := t.TempDir()
	secret := writeFile(t, outside, "secret.txt", "not for the web\n")
	dir := t.TempDir()
	writeFile(t, dir, "min/vs/loader.js", "// loader\n")
	for link, target := range map[string]string{
		"min/vs/secret.js": secret,
		"min/vs/out":       outside,
		"min/vs/again.js":  "loader.js", // relative, and inside
	} {
		if err := os.Symlink(target, filepath.Join(dir, link)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	s := startServe(t, nil, "--backend", "memstore", "serve", "--addr", "127.0.0.1:0", "--monaco-dir", dir)
	for path, want := range map[string]int{
		"monaco-editor/min/vs/loader.js":      200,
		"monaco-editor/min/vs/again.js":       200,
		"monaco-editor/min/vs/secret.js":      404,
		"monaco-editor/min/vs/out/secret.txt": 404,
	} {
		resp, err := http.Get(s.url + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want || strings.Contains(string(b), "not for the web") {
			t.Errorf("GET /%s: %d, want %d; body %.100q", path, resp.StatusCode, want, b)
		}
	}
	if code := s.shutdown(); code != exitOK {
		t.Errorf("exit %d", code)
	}
}
