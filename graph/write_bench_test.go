package graph_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	hbolt "github.com/hidal-go/hidalgo/kv/bbolt"
	bolt "go.etcd.io/bbolt"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// benchWriters is how many goroutines write articles at once in the write
// benchmarks, as the goroutines of `geokg ingest` do (see
// cmd/geokg/ingest.go): their articles are committed in groups.
const benchWriters = 64

// writeAll writes the articles docs, with their quads, into s from
// benchWriters goroutines, and fails tb at the first error.
func writeAll(tb testing.TB, s *graph.Store, docs []schema.Document, quads [][]quad.Quad) {
	tb.Helper()
	ctx := context.Background()
	next := make(chan int)
	errs := make(chan error, benchWriters)
	var wg sync.WaitGroup
	for range benchWriters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if _, err := s.WriteDocument(ctx, docs[i], quads[i]); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range docs {
		select {
		case next <- i:
		case err := <-errs:
			tb.Fatal(err)
		}
	}
	close(next)
	wg.Wait()
	select {
	case err := <-errs:
		tb.Fatal(err)
	default:
	}
}

// cayleyLoad loads quads into a new bolt store in dir as `cayley load
// --db bolt` does: Cayley's own key-value quad store with its default
// indexes, written through the store's bulk quad writer in batches of
// quad.DefaultBatch (cayley's cmd/cayley/command and internal.Load).
func cayleyLoad(tb testing.TB, dir string, quads []quad.Quad) {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, nil)
	if err != nil {
		tb.Fatal(err)
	}
	kv := hbolt.New(db)
	if err := ckv.Init(kv, nil); err != nil {
		tb.Fatal(err)
	}
	qs, err := ckv.New(kv, cgraph.Options{ckv.OptNoBloom: true})
	if err != nil {
		tb.Fatal(err)
	}
	w, err := qs.NewQuadWriter()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := quad.CopyBatch(w, quad.NewReader(quads), quad.DefaultBatch); err != nil {
		tb.Fatal(err)
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := qs.Close(); err != nil {
		tb.Fatal(err)
	}
}

// storedQuads returns every quad of s.
func storedQuads(tb testing.TB, s *graph.Store) []quad.Quad {
	tb.Helper()
	var out []quad.Quad
	err := s.EachQuadBatch(context.Background(), func(_ string, qs []quad.Quad) error {
		out = append(out, qs...)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

// fileSize is the size of the bolt file of the store in dir.
func fileSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	fi, err := os.Stat(filepath.Join(dir, "indexes.bolt"))
	if err != nil {
		tb.Fatal(err)
	}
	return fi.Size()
}

// usedSize is the size of the pages the bolt store in dir uses: the pages
// up to its high-water mark less the free ones. The file itself grows in
// steps (doubling up to 1 GB), so its size says little of a small store.
func usedSize(tb testing.TB, dir string) int64 {
	tb.Helper()
	db, err := bolt.Open(filepath.Join(dir, "indexes.bolt"), 0o644, &bolt.Options{ReadOnly: true})
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var size int64
	err = db.View(func(tx *bolt.Tx) error {
		size = tx.Size()
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	st := db.Stats()
	return size - int64(st.FreePageN+st.PendingPageN)*int64(db.Info().PageSize)
}

// written returns the bytes this process has passed to write calls so far
// (wchar of /proc/self/io), or -1 where the kernel does not say.
func written() int64 {
	data, err := os.ReadFile("/proc/self/io")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "wchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				return -1
			}
			return n
		}
	}
	return -1
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkWriteVsCayleyLoad writes generated articles (their gold
// statements, as Ingest stores them; GEOKG_BENCH_ARTICLES, default 2,000)
// into a new bolt store through geokg's write path (WriteDocument from
// benchWriters goroutines, as `geokg ingest` does), and loads the quads
// that store then holds, the same quads, into a new bolt store with
// Cayley's own loader (cayleyLoad), in turns. It reports the quads per
// second of each, their ratio (speedup, geokg's over Cayley's), the size
// of the pages each store uses (usedSize) and the bytes each passed to
// write calls, per quad:
//
//	go test -run '^$' -bench WriteVsCayleyLoad -benchtime 3x -count 3 ./graph
func BenchmarkWriteVsCayleyLoad(b *testing.B) {
	n := 2000
	if v := os.Getenv("GEOKG_BENCH_ARTICLES"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("GEOKG_BENCH_ARTICLES=%q: %v", v, err)
		}
	}
	docs, quads := genCorpus(b, n)
	ctx := context.Background()

	// The quads geokg's store holds, for Cayley's loader.
	s, err := graph.Open(ctx, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	writeAll(b, s, docs, quads)
	same := storedQuads(b, s)
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}

	type result struct {
		elapsed       time.Duration
		size, written int64
	}
	var ours, theirs result
	runOurs := func(dir string) {
		start, w0 := time.Now(), written()
		s, err := graph.Open(ctx, dir)
		if err != nil {
			b.Fatal(err)
		}
		writeAll(b, s, docs, quads)
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		ours.elapsed += time.Since(start)
		ours.written += written() - w0
		ours.size += usedSize(b, dir)
	}
	runCayley := func(dir string) {
		start, w0 := time.Now(), written()
		cayleyLoad(b, dir, same)
		theirs.elapsed += time.Since(start)
		theirs.written += written() - w0
		theirs.size += usedSize(b, dir)
	}
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		dirs := [2]string{b.TempDir(), b.TempDir()}
		b.StartTimer()
		if i%2 == 0 {
			runOurs(dirs[0])
			runCayley(dirs[1])
		} else {
			runCayley(dirs[1])
			runOurs(dirs[0])
		}
		b.StopTimer()
		for _, d := range dirs {
			os.RemoveAll(d)
		}
		b.StartTimer()
	}
	total := float64(len(same) * b.N)
	b.ReportMetric(total/ours.elapsed.Seconds(), "geokg-quads/s")
	b.ReportMetric(total/theirs.elapsed.Seconds(), "cayley-quads/s")
	b.ReportMetric(theirs.elapsed.Seconds()/ours.elapsed.Seconds(), "speedup")
	b.ReportMetric(float64(ours.size)/total, "geokg-B/quad")
	b.ReportMetric(float64(theirs.size)/total, "cayley-B/quad")
	b.ReportMetric(float64(ours.written)/total, "geokg-written-B/quad")
	b.ReportMetric(float64(theirs.written)/total, "cayley-written-B/quad")
}

// BenchmarkWriteGrowth measures what writing an article costs as the
// store grows. It reads a corpus the generator made
// (GEOKG_BENCH_CORPUS=DIR, from `go run ./testdata/gen -format jsonl -out
// DIR`), and writes its articles in order (their gold statements, as
// Ingest stores them: extraction's cost does not depend on the store)
// into a new bolt store through WriteDocument, from benchWriters
// goroutines. After every GEOKG_BENCH_STEP articles (default 10,000) it
// prints one row: the articles stored, the store's quads and size, and for
// the articles of that step, per article, the bytes passed to write
// calls, the CPU time and the wall time. With GEOKG_BENCH_OUT=FILE the
// rows go to FILE too, tab-separated, for testdata/scaleplot.
//
//	go run ./testdata/gen -n 100000 -seed 42 -format jsonl -out /tmp/c100k
//	GEOKG_BENCH_CORPUS=/tmp/c100k GEOKG_BENCH_OUT=growth.tsv \
//	  go test -run '^$' -bench WriteGrowth -benchtime 1x -timeout 4h ./graph
func BenchmarkWriteGrowth(b *testing.B) {
	dir := os.Getenv("GEOKG_BENCH_CORPUS")
	if dir == "" {
		b.Skip("set GEOKG_BENCH_CORPUS to a directory the generator wrote (go run ./testdata/gen -format jsonl -out DIR)")
	}
	step := 10000
	if v := os.Getenv("GEOKG_BENCH_STEP"); v != "" {
		var err error
		if step, err = strconv.Atoi(v); err != nil || step <= 0 {
			b.Fatalf("GEOKG_BENCH_STEP=%q: want a positive number", v)
		}
	}
	var out *os.File
	if path := os.Getenv("GEOKG_BENCH_OUT"); path != "" {
		var err error
		if out, err = os.Create(path); err != nil {
			b.Fatal(err)
		}
		defer out.Close()
	}
	header := "articles\tquads\tstore_bytes\twritten_bytes_per_article\tcpu_ms_per_article\twall_ms_per_article"
	fmt.Println(header)
	if out != nil {
		fmt.Fprintln(out, header)
	}
	ctx := context.Background()
	for range b.N {
		store := b.TempDir()
		s, err := graph.Open(ctx, store)
		if err != nil {
			b.Fatal(err)
		}
		stored := 0
		var docs []schema.Document
		var quads [][]quad.Quad
		start, w0, c0 := time.Now(), written(), cpuTime()
		flush := func() {
			if len(docs) == 0 {
				return
			}
			writeAll(b, s, docs, quads)
			stored += len(docs)
			docs, quads = docs[:0], quads[:0]
			if stored%step != 0 {
				return
			}
			elapsed, w, c := time.Since(start), written()-w0, cpuTime()-c0
			st, err := s.Stats(ctx)
			if err != nil {
				b.Fatal(err)
			}
			row := fmt.Sprintf("%d\t%d\t%d\t%.0f\t%.3f\t%.3f", stored, st.Quads, fileSize(b, store),
				float64(w)/float64(step), float64(c.Microseconds())/1000/float64(step), float64(elapsed.Microseconds())/1000/float64(step))
			fmt.Println(row)
			if out != nil {
				fmt.Fprintln(out, row)
			}
			start, w0, c0 = time.Now(), written(), cpuTime()
		}
		err = eachGenArticle(dir, func(d schema.Document, q []quad.Quad) {
			docs, quads = append(docs, d), append(quads, q)
			if len(docs) == 1000 || (stored+len(docs))%step == 0 {
				flush()
			}
		})
		if err != nil {
			b.Fatal(err)
		}
		flush()
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}

// eachGenArticle calls fn with each article of the generator's corpus in
// dir and the quads Ingest stores for it, made from its gold statements,
// reading articles.jsonl and gold.jsonl side by side (the generator writes
// an article's gold statements in the article's order).
func eachGenArticle(dir string, fn func(schema.Document, []quad.Quad)) error {
	gold, err := os.Open(filepath.Join(dir, "gold.jsonl"))
	if err != nil {
		return err
	}
	defer gold.Close()
	gs := bufio.NewScanner(gold)
	gs.Buffer(make([]byte, 0, 1<<20), 16<<20)
	var next *schema.Statement // the first gold statement not yet used
	readGold := func() error {
		next = nil
		if !gs.Scan() {
			return gs.Err()
		}
		var s schema.Statement
		if err := json.Unmarshal(gs.Bytes(), &s); err != nil {
			return fmt.Errorf("gold.jsonl: %w", err)
		}
		next = &s
		return nil
	}
	if err := readGold(); err != nil {
		return err
	}
	err = eachJSONLine(filepath.Join(dir, "articles.jsonl"), func(line []byte) error {
		var a genArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return fmt.Errorf("articles.jsonl: %w", err)
		}
		d := schema.Document{ID: schema.DocumentIRI(a.ID, a.Text), Title: a.Title, Published: a.Date, Text: a.Text}
		var stmts []schema.Statement
		for next != nil && next.Doc == d.ID {
			stmts = append(stmts, *next)
			if err := readGold(); err != nil {
				return err
			}
		}
		fn(d, quadtest.DocumentQuads(d, stmts))
		return nil
	})
	if err != nil {
		return err
	}
	if next != nil {
		return fmt.Errorf("gold.jsonl: statement of %s, not in articles.jsonl's order", next.Doc)
	}
	return nil
}
