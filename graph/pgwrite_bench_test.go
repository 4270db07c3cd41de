package graph_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// genArticle is one line of the generator's articles.jsonl.
type genArticle struct {
	ID    string `json:"id"`
	Date  string `json:"date"`
	Title string `json:"title"`
	Text  string `json:"text"`
}

// genCorpus runs the article generator (testdata/gen) for n articles and
// returns each article with the quads Ingest stores for it, made from the
// generator's gold statements: the store's work without the extractor's.
func genCorpus(tb testing.TB, n int) ([]schema.Document, [][]quad.Quad) {
	tb.Helper()
	dir := tb.TempDir()
	out, err := exec.Command("go", "run", "../testdata/gen", "-n", strconv.Itoa(n), "-seed", "42", "-format", "jsonl", "-out", dir).CombinedOutput()
	if err != nil {
		tb.Fatalf("go run ../testdata/gen: %v\n%s", err, out)
	}
	var docs []schema.Document
	index := map[string]int{}
	err = eachJSONLine(filepath.Join(dir, "articles.jsonl"), func(line []byte) error {
		var a genArticle
		if err := json.Unmarshal(line, &a); err != nil {
			return err
		}
		d := schema.Document{ID: schema.DocumentIRI(a.ID, a.Text), Title: a.Title, Published: a.Date, Text: a.Text}
		index[d.ID] = len(docs)
		docs = append(docs, d)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	stmts := make([][]schema.Statement, len(docs))
	err = eachJSONLine(filepath.Join(dir, "gold.jsonl"), func(line []byte) error {
		var s schema.Statement
		if err := json.Unmarshal(line, &s); err != nil {
			return err
		}
		i, ok := index[s.Doc]
		if !ok {
			tb.Fatalf("gold statement of an unknown document %s", s.Doc)
		}
		stmts[i] = append(stmts[i], s)
		return nil
	})
	if err != nil {
		tb.Fatal(err)
	}
	quads := make([][]quad.Quad, len(docs))
	for i, d := range docs {
		quads[i] = quadtest.DocumentQuads(d, stmts[i])
	}
	return docs, quads
}

// eachJSONLine calls fn with each line of the file at path.
func eachJSONLine(path string, fn func([]byte) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		if err := fn(sc.Bytes()); err != nil {
			return err
		}
	}
	return sc.Err()
}

// BenchmarkIngestPostgres writes 200 generated articles (their gold
// statements, as Ingest stores them) into a new PostgreSQL database, one
// article per transaction as `geokg ingest` does, once through Cayley's
// own "postgres" writer (one statement per node and per quad) and once
// through geokg's (a few multi-row statements per article), in turns, so
// that both meet the same load on the machine. It reports the articles per
// second of each and the ratio of their times:
//
//	go test -run '^$' -bench IngestPostgres -benchtime 3x -count 6 ./graph | tee pg.txt
//	benchstat pg.txt
func BenchmarkIngestPostgres(b *testing.B) {
	docs, quads := genCorpus(b, 200)
	ctx := context.Background()
	writers := []struct {
		name string
		opts []graph.Option
	}{
		{"cayley", []graph.Option{graph.WithBackend(graph.Postgres), graph.WithCayleyPostgresWriter()}},
		{"geokg", []graph.Option{graph.WithBackend(graph.Postgres)}},
	}
	elapsed := make([]time.Duration, len(writers))
	b.ResetTimer()
	for n := range b.N {
		for k := range writers {
			w := (n + k) % len(writers) // each goes first in turn
			b.StopTimer()
			s, err := graph.Open(ctx, pgtest.NewDB(b), writers[w].opts...)
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			start := time.Now()
			for i, d := range docs {
				if _, err := s.WriteDocument(ctx, d, quads[i]); err != nil {
					b.Fatal(err)
				}
			}
			elapsed[w] += time.Since(start)
			b.StopTimer()
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
	}
	for w, wr := range writers {
		b.ReportMetric(float64(len(docs)*b.N)/elapsed[w].Seconds(), wr.name+"-docs/s")
	}
	b.ReportMetric(elapsed[0].Seconds()/elapsed[1].Seconds(), "speedup")
}

// BenchmarkConcurrentWritersPostgres has 1, 2 and 4 writers, each a Store
// of its own (its own connections, as a separate geokg ingest process
// has), write 200 generated articles between them into a new PostgreSQL
// database, each writer a different share of the articles, one article per
// transaction. It reports the articles stored per second by all of them
// together: were the writers of different articles serialised by a lock,
// it would not rise with more writers. The machine's CPUs bound it too:
// PostgreSQL's server processes and the writers share them.
//
//	go test -run '^$' -bench ConcurrentWritersPostgres -benchtime 3x -count 6 ./graph
func BenchmarkConcurrentWritersPostgres(b *testing.B) {
	docs, quads := genCorpus(b, 200)
	ctx := context.Background()
	for _, writers := range []int{1, 2, 4} {
		b.Run("writers-"+strconv.Itoa(writers), func(b *testing.B) {
			var elapsed time.Duration
			for range b.N {
				b.StopTimer()
				addr := pgtest.NewDB(b)
				stores := make([]*graph.Store, writers)
				for w := range stores {
					s, err := graph.Open(ctx, addr, graph.WithBackend(graph.Postgres))
					if err != nil {
						b.Fatal(err)
					}
					stores[w] = s
				}
				b.StartTimer()
				start := time.Now()
				var wg sync.WaitGroup
				errs := make([]error, writers)
				for w, s := range stores {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for i := w; i < len(docs); i += writers {
							if _, err := s.WriteDocument(ctx, docs[i], quads[i]); err != nil {
								errs[w] = err
								return
							}
						}
					}()
				}
				wg.Wait()
				elapsed += time.Since(start)
				b.StopTimer()
				for w, s := range stores {
					if errs[w] != nil {
						b.Fatalf("writer %d: %v", w+1, errs[w])
					}
					if err := s.Close(); err != nil {
						b.Fatal(err)
					}
				}
				b.StartTimer()
			}
			b.ReportMetric(float64(len(docs)*b.N)/elapsed.Seconds(), "docs/s")
		})
	}
}
