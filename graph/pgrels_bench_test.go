package graph_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/pgtest"
)

// BenchmarkRelationsPagePostgres measures pages of relations on
// PostgreSQL from the relations index (pgrels.go) and, on the same store in
// the same run, as before it (every statement of the entity read, the
// page cut from them: what the store does while the index is marked
// stale), in turns, so that both meet the same load. The store holds
// GEOKG_PGBENCH_N generated articles (default 2000; their gold
// statements, written as Ingest writes them, by four writers at once)
// in a new database of the test cluster, or the store at
// GEOKG_PGBENCH_URL, written first when empty and reused after. The
// questions: the first page (50, newest first) of the hub (the entity
// with the most statements), of a minor entity (the fewest, at least 5),
// and the hub's merged relations. It logs p50 and p99 of each and reports
// them as metrics:
//
//	GEOKG_PGBENCH_N=10000 go test -run '^$' -bench RelationsPagePostgres -benchtime 1x -timeout 2h -v ./graph
func BenchmarkRelationsPagePostgres(b *testing.B) {
	ctx := context.Background()
	n := 2000
	if v := os.Getenv("GEOKG_PGBENCH_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			b.Fatalf("GEOKG_PGBENCH_N=%q: %v", v, err)
		}
	}
	addr := os.Getenv("GEOKG_PGBENCH_URL")
	if addr == "" {
		addr = pgtest.NewDB(b)
	}
	s, err := graph.Open(ctx, addr, graph.WithBackend(graph.Postgres))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if st.Documents == 0 {
		writeGenerated(b, addr, n)
		if st, err = s.Stats(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("store: %d documents, %d statements, %d quads", st.Documents, st.Statements, st.Quads)
	db, err := sql.Open("postgres", addr)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var hub, minor string
	var hubN, minorN int
	if err := db.QueryRowContext(ctx, `SELECT entity, count(*) FROM geokg_rels GROUP BY entity ORDER BY count(*) DESC, entity LIMIT 1`).Scan(&hub, &hubN); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT entity, count(*) FROM geokg_rels GROUP BY entity HAVING count(*) >= 5 ORDER BY count(*), entity LIMIT 1`).Scan(&minor, &minorN); err != nil {
		b.Fatal(err)
	}
	b.Logf("hub %s: %d statements; minor %s: %d", hub, hubN, minor, minorN)

	type question struct {
		name string
		ask  func() error
	}
	page := func(ent string) func() error {
		return func() error {
			p, err := s.RelationsPage(ctx, ent, graph.Filter{}, graph.Page{})
			if err == nil && len(p.Relations) == 0 {
				err = fmt.Errorf("no relations of %s", ent)
			}
			return err
		}
	}
	questions := []question{
		{"hub-page", page(hub)},
		{"minor-page", page(minor)},
		{"hub-merged", func() error { _, err := s.MergedRelations(ctx, hub, graph.Filter{}); return err }},
	}
	modes := []struct {
		name  string
		set   string
		times int // requests of each question a round
	}{
		{"index", `INSERT INTO geokg_meta (key, value) VALUES ('rels', 'ready') ON CONFLICT (key) DO UPDATE SET value = 'ready'`, 100},
		{"full", `DELETE FROM geokg_meta WHERE key = 'rels'`, 10},
	}
	defer db.ExecContext(ctx, modes[0].set)
	took := map[string][]time.Duration{}
	b.ResetTimer()
	for round := range 3 * b.N {
		for k := range modes {
			m := modes[(round+k)%len(modes)]
			if _, err := db.ExecContext(ctx, m.set); err != nil {
				b.Fatal(err)
			}
			for _, q := range questions {
				for range m.times {
					start := time.Now()
					if err := q.ask(); err != nil {
						b.Fatalf("%s %s: %v", m.name, q.name, err)
					}
					took[m.name+"/"+q.name] = append(took[m.name+"/"+q.name], time.Since(start))
				}
			}
		}
	}
	b.StopTimer()
	for _, m := range modes {
		for _, q := range questions {
			d := took[m.name+"/"+q.name]
			slices.Sort(d)
			p50, p99 := d[len(d)/2], d[min(len(d)-1, len(d)*99/100)]
			b.Logf("%-6s %-10s n=%-4d p50 %8.2f ms  p99 %8.2f ms", m.name, q.name, len(d), ms(p50), ms(p99))
			b.ReportMetric(ms(p50), m.name+"-"+q.name+"-p50-ms")
			b.ReportMetric(ms(p99), m.name+"-"+q.name+"-p99-ms")
		}
	}
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// writeGenerated writes n generated articles into the store at addr with
// four writers at once, each its own Store, and logs the rate.
func writeGenerated(b *testing.B, addr string, n int) {
	ctx := context.Background()
	docs, quads := genCorpus(b, n)
	const writers = 4
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := graph.Open(ctx, addr, graph.WithBackend(graph.Postgres))
			if err != nil {
				errs[w] = err
				return
			}
			defer s.Close()
			for i := w; i < len(docs); i += writers {
				if _, err := s.WriteDocument(ctx, docs[i], quads[i]); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for w, err := range errs {
		if err != nil {
			b.Fatalf("writer %d: %v", w+1, err)
		}
	}
	el := time.Since(start)
	b.Logf("wrote %d articles with %d writers in %s (%.1f documents/s)", n, writers, el.Round(time.Second), float64(n)/el.Seconds())
}
