package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// benchArticlesEnv sets how many generated articles BenchmarkIngest
// ingests (default 1,000; the figures in docs/scale.md use 10,000).
const benchArticlesEnv = "GEOKG_BENCH_ARTICLES"

// benchCorpus returns a generated corpus of n articles, written once into
// the system's temporary directory and reused by later runs.
func benchCorpus(b *testing.B, n int) string {
	b.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("geokg-bench-corpus-%d", n))
	if _, err := os.Stat(filepath.Join(dir, "gold.jsonl")); err == nil {
		return dir
	}
	gen := filepath.Join(buildTools(b), "gen")
	if out, err := exec.Command(gen, "-n", strconv.Itoa(n), "-seed", "42", "-out", dir).CombinedOutput(); err != nil {
		os.RemoveAll(dir)
		b.Fatalf("gen: %v\n%s", err, out)
	}
	return dir
}

// BenchmarkIngest runs `geokg ingest` as a child process on a generated
// corpus into a new bolt store, with as many workers as CPUs and with one,
// and reports documents and quads per second, the CPU time per document
// and the child's peak resident memory:
//
//	GEOKG_BENCH_ARTICLES=10000 go test -run '^$' -bench BenchmarkIngest -benchtime 1x -count 3 ./cmd/geokg
func BenchmarkIngest(b *testing.B) {
	n := 1000
	if v := os.Getenv(benchArticlesEnv); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("%s=%q: want a number of articles", benchArticlesEnv, v)
		}
	}
	corpus := filepath.Join(benchCorpus(b, n), "articles")
	bin := filepath.Join(buildTools(b), "geokg")
	workers := []int{runtime.NumCPU()}
	if runtime.NumCPU() > 1 {
		workers = append(workers, 1)
	}
	for _, w := range workers {
		b.Run(fmt.Sprintf("articles=%d/workers=%d", n, w), func(b *testing.B) {
			var (
				elapsed     time.Duration
				cpu         time.Duration
				docs, quads int
				peak        int64
			)
			for range b.N {
				db := filepath.Join(b.TempDir(), "kg")
				cmd := exec.Command(bin, "--db", db, "ingest", "--workers", strconv.Itoa(w), corpus)
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				start := time.Now()
				err := cmd.Run()
				elapsed += time.Since(start)
				if err != nil {
					b.Fatalf("ingest: %v\n%s", err, lastLines(stderr.String(), 10))
				}
				ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				peak = max(peak, ru.Maxrss) // KiB on Linux
				cpu += time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
				var d, q, removed int
				summary := lastLineWith(stderr.String(), " new, ")
				if _, err := fmt.Sscanf(summary, "ingest: %d documents", &d); err != nil {
					b.Fatalf("no summary in:\n%s", lastLines(stderr.String(), 5))
				}
				if _, err := fmt.Sscanf(lastLineWith(stderr.String(), "elapsed "), "elapsed %s (%s documents/s, +%d -%d quads", new(string), new(string), &q, &removed); err != nil {
					b.Fatalf("no quad count in:\n%s", lastLines(stderr.String(), 5))
				}
				docs += d
				quads += q
			}
			b.ReportMetric(float64(docs)/elapsed.Seconds(), "docs/s")
			b.ReportMetric(float64(quads)/elapsed.Seconds(), "quads/s")
			b.ReportMetric(float64(cpu.Milliseconds())/float64(docs), "cpu-ms/doc")
			b.ReportMetric(float64(peak)/1024, "peak-RSS-MiB")
		})
	}
}
