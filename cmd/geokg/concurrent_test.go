//go:build unix

package main

import (
	"context"
	"io"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/ingest"
)

// concurrentToken is the write token of the servers these tests start.
const concurrentToken = "concurrent-test-token"

// TestIngestServerFlags: what geokg ingest --server refuses before it
// sends anything, and how it ends when the server cannot be asked.
func TestIngestServerFlags(t *testing.T) {
	file := writeFile(t, t.TempDir(), "ties.txt", articleTies)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"a store beside the server", []string{"--db", "kg", "ingest", "--server", "http://127.0.0.1:1", file}, exitUsage,
			"geokg: --db cannot go with --server: the server at http://127.0.0.1:1 stores the articles"},
		{"a gazetteer beside the server", []string{"--gazetteer", "g.tsv", "ingest", "--server", "http://127.0.0.1:1", file}, exitUsage,
			"geokg: --gazetteer cannot go with --server"},
		{"no scheme", []string{"ingest", "--server", "127.0.0.1:64210", file}, exitUsage,
			`geokg: --server: server URL "127.0.0.1:64210": want http://HOST:PORT or https://HOST:PORT`},
		{"nobody listening", []string{"ingest", "--server", "http://127.0.0.1:1", "--token", "t", file}, exitFailure,
			"geokg: ingest through http://127.0.0.1:1: Post \"http://127.0.0.1:1/api/geokg/v1/ingest\": dial tcp 127.0.0.1:1: connect: connection refused"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", nil, tt.args...)
			if r.code != tt.wantCode || !strings.Contains(r.err, tt.wantErr) {
				t.Errorf("exit %d, stderr:\n%s\nwant exit %d and %q", r.code, r.err, tt.wantCode, tt.wantErr)
			}
		})
	}
}

// TestIngestThroughServer runs geokg ingest --server in-process against a
// real server on a loopback port over an in-memory store.
func TestIngestThroughServer(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := server.New(st, server.WithWrites(concurrentToken), server.WithIngest(ingest.Server{
		In:  ingest.New(st, func() (ingest.Extractor, error) { return newPipeline("", io.Discard) }, 1),
		Src: source.NewOptions(),
	}))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	dir := t.TempDir()
	writeFile(t, dir, "ties.txt", articleTies)
	writeFile(t, dir, "mek.txt", articleMEK)
	writeFile(t, dir, "empty.txt", "   \n")

	// What a local ingest of the same articles says.
	db := filepath.Join(t.TempDir(), "kg")
	local := geokg(t, "", nil, "--db", db, "ingest", dir)
	runLine := regexp.MustCompile(`(?m)^ingest: \d+ documents? .*$`).FindString(local.err)
	storeLine := regexp.MustCompile(`(?m)^store ` + regexp.QuoteMeta(db) + `: (.*)$`).FindStringSubmatch(local.err)
	if local.code != exitFailure || runLine == "" || storeLine == nil {
		t.Fatalf("local ingest: exit %d\n%s", local.code, local.err)
	}

	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // lines stderr must hold
	}{
		{"first, as a local ingest", []string{"ingest", "--server", ts.URL, "--token", concurrentToken, "-j", "2", dir}, exitFailure, []string{
			runLine,
			"server " + ts.URL + ": " + storeLine[1],
			"geokg: " + filepath.Join(dir, "empty.txt") + ": no text",
		}},
		{"again: stored already", []string{"ingest", "--server", ts.URL, "--token", concurrentToken, filepath.Join(dir, "ties.txt")}, exitOK, []string{
			"ingest: 0 documents (0 new, 0 updated, 0 unchanged), 0 failed; 0 statements",
			"ingest: 1 document skipped, already stored (--force extracts them again)",
		}},
		{"forced", []string{"ingest", "--server", ts.URL, "--token", concurrentToken, "--force", filepath.Join(dir, "ties.txt")}, exitOK, []string{
			"ingest: 1 document (0 new, 0 updated, 1 unchanged), 0 failed; ",
		}},
		{"wrong token", []string{"ingest", "--server", ts.URL, "--token", "nope", filepath.Join(dir, "ties.txt")}, exitFailure, []string{
			"geokg: ingest through " + ts.URL + ": 401 Unauthorized: writes need an Authorization: Bearer header with the server's token (give the server's token with --token or $GEOKG_TOKEN)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := geokg(t, "", nil, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s", r.code, tt.wantCode, r.err)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.err, w) {
					t.Errorf("stderr:\n%s\nwant it to hold %q", r.err, w)
				}
			}
		})
	}
}
