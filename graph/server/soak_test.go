package server_test

// The soak test, outside the default suite:
//
//	go test ./graph/server -run TestSoak -soak -soak.duration 2m -v
//
// It fills a bolt store with synthetic articles about the gazetteer's
// states up to -soak.quads quads (300,000), serves it with Serve on a
// loopback port, and runs -soak.clients clients (50) for -soak.duration
// against a mix of endpoints. It reports requests, errors (any answer
// but 2xx, or a failed request; there must be none), latency percentiles
// (the 99th must be under -soak.p99, 200 ms), the CPU time a request
// took, and the heap in use and resident memory after a GC every 10
// seconds, which must stay flat: at the end no more than 1.5 times what
// they were after the first 20 seconds. The clients run in the same
// process, so on a machine of few cores they take their share of it.
//
// This file also holds the synthetic corpus that the load test
// (load_test.go, tag load) shares.

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/geokg/geokg/extract/gazetteer"
	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

var (
	soak         = flag.Bool("soak", false, "run TestSoak, the soak test of the server")
	soakDuration = flag.Duration("soak.duration", 2*time.Minute, "how long TestSoak's clients run")
	soakClients  = flag.Int("soak.clients", 50, "how many clients TestSoak runs at once")
	soakQuads    = flag.Int("soak.quads", 300_000, "the fewest quads of TestSoak's store")
	soakP99      = flag.Duration("soak.p99", 200*time.Millisecond, "the slowest TestSoak's 99th percentile may be; 0: not checked")
)

// synthetic builds article i of the synthetic corpus: perDoc statements
// between entities drawn from the pool, with event predicates and dates.
func synthetic(r *rand.Rand, i, perDoc int, pool []schema.Entity, preds []schema.Predicate) (schema.Document, []schema.Statement) {
	day := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%3000)
	doc := schema.Document{
		ID:        fmt.Sprintf("doc:synthetic_%06d", i),
		URL:       fmt.Sprintf("https://news.example/synthetic/%d", i),
		Title:     fmt.Sprintf("Synthetic report %d", i),
		Published: day.Format("2006-01-02"),
	}
	var stmts []schema.Statement
	for j := range perDoc {
		s := pool[r.IntN(len(pool))]
		o := pool[r.IntN(len(pool))]
		for o.IRI == s.IRI {
			o = pool[r.IntN(len(pool))]
		}
		p := preds[r.IntN(len(preds))]
		stmts = append(stmts, schema.Statement{
			Subject: s, Predicate: p.Name, Object: o, Date: doc.Published, CAMEO: p.CAMEO,
			Confidence: 0.5 + r.Float64()/2,
			Evidence:   fmt.Sprintf("%s %s %s, the report said.", s.Name, p.Label, o.Name),
			Span:       [2]int{j * 100, j*100 + 60}, Doc: doc.ID,
		})
	}
	return doc, stmts
}

// syntheticStore is a store filled with the synthetic corpus: its
// actors (the gazetteer's states, so that names resolve as in real
// articles) and event predicates.
type syntheticStore struct {
	st    *graph.Store
	pool  []schema.Entity
	preds []schema.Predicate
}

// fillSynthetic opens a bolt store in a new directory and writes synthetic
// articles to it until it holds at least wantQuads quads.
func fillSynthetic(t testing.TB, wantQuads int) *syntheticStore {
	t.Helper()
	ctx := context.Background()
	st, err := graph.Open(ctx, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	gaz, err := gazetteer.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	s := &syntheticStore{st: st}
	for _, a := range gaz.Actors() {
		if a.Kind == schema.Country {
			s.pool = append(s.pool, a.Entity())
		}
	}
	for _, p := range schema.Predicates() {
		if p.Kind == schema.Event {
			s.preds = append(s.preds, p)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	docs, quads := 0, 0
	for quads < wantQuads {
		doc, stmts := synthetic(r, docs, 10, s.pool, s.preds)
		res, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts))
		if err != nil {
			t.Fatal(err)
		}
		docs++
		quads += res.Added
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("store: bolt, %d states, %d documents, %d statements, %d entities, %d quads, written in %s",
		len(s.pool), stats.Documents, stats.Statements, stats.Entities, stats.Quads, time.Since(start).Round(time.Millisecond))
	if stats.Quads < wantQuads {
		t.Fatalf("the store holds %d quads, want at least %d", stats.Quads, wantQuads)
	}
	return s
}

// latencies are one kind of request's timings and errors.
type latencies struct {
	d      []time.Duration
	errors int
	why    map[string]int // errors by kind: "status 504", …
}

func (l *latencies) add(o *latencies) {
	l.d = append(l.d, o.d...)
	l.errors += o.errors
	for k, n := range o.why {
		if l.why == nil {
			l.why = make(map[string]int)
		}
		l.why[k] += n
	}
}

// record notes one request's time and its error, if any.
func (l *latencies) record(d time.Duration, err error) {
	l.d = append(l.d, d)
	if err != nil {
		l.errors++
		if l.why == nil {
			l.why = make(map[string]int)
		}
		l.why[err.Error()]++
	}
}

// logLatencies logs, for each kind of request and for all of them, how
// many the clients made, how fast, p50, p99 and errors, and returns the
// latencies of all.
func logLatencies(t testing.TB, kinds []string, results []map[string]*latencies, elapsed time.Duration) *latencies {
	t.Helper()
	all := &latencies{}
	line := func(name string, l *latencies) {
		sort.Slice(l.d, func(i, j int) bool { return l.d[i] < l.d[j] })
		t.Logf("%-18s %7d requests  %7.1f req/s  p50 %9s  p99 %9s  errors %d", name, len(l.d),
			float64(len(l.d))/elapsed.Seconds(), l.percentile(0.50).Round(100*time.Microsecond), l.percentile(0.99).Round(100*time.Microsecond), l.errors)
	}
	for _, k := range kinds {
		l := &latencies{}
		for _, m := range results {
			l.add(m[k])
		}
		all.add(l)
		line(k, l)
	}
	line("all", all)
	return all
}

func (l *latencies) percentile(p float64) time.Duration {
	if len(l.d) == 0 {
		return 0
	}
	return l.d[min(len(l.d)-1, int(p*float64(len(l.d))))]
}

// memSample is the memory of the process after a GC.
type memSample struct {
	at                  time.Duration
	heapInUse, sys, rss uint64
}

func sampleMemory(since time.Time) memSample {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return memSample{at: time.Since(since), heapInUse: m.HeapInuse, sys: m.Sys, rss: residentMemory()}
}

// residentMemory is the process's resident memory (VmRSS), or 0 where
// /proc does not tell it.
func residentMemory() uint64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTime is the CPU time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func mib(n uint64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

func TestSoak(t *testing.T) {
	if !*soak {
		t.Skip("the soak test runs with -soak (and -soak.duration, -soak.clients, -soak.quads)")
	}
	const (
		warmUp     = 20 * time.Second
		sampleEach = 10 * time.Second
		maxGrowth  = 1.5
	)
	ss := fillSynthetic(t, *soakQuads)

	srv, err := server.New(ss.st)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	ctx, stop := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ctx, ln) }()

	clients := *soakClients
	transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: transport, Timeout: 2 * time.Minute}
	defer transport.CloseIdleConnections()

	// The mix: each client goes round these, on entities drawn at random.
	kinds := []string{"relations by name", "relations by IRI", "v2 gizmo", "path", "stats", "entity search", "entity"}
	request := func(r *rand.Rand, kind int) string {
		e := ss.pool[r.IntN(len(ss.pool))]
		switch kind {
		case 0:
			return "/api/geokg/v1/entities/" + url.PathEscape(e.Name) + "/relations?since=2016&until=2020-12-31"
		case 1:
			return "/api/geokg/v1/entities/" + url.PathEscape(e.IRI) + "/relations"
		case 2:
			p := ss.preds[r.IntN(len(ss.preds))]
			q := fmt.Sprintf(`g.V("<%s>").Out("<%s>").All()`, e.IRI, p.IRI())
			return "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(q)
		case 3:
			o := ss.pool[r.IntN(len(ss.pool))]
			for o.IRI == e.IRI { // a path needs two entities
				o = ss.pool[r.IntN(len(ss.pool))]
			}
			return "/api/geokg/v1/path?max_depth=2&from=" + url.QueryEscape(e.Name) + "&to=" + url.QueryEscape(o.Name)
		case 4:
			return "/api/geokg/v1/stats"
		case 5:
			return "/api/geokg/v1/entities?limit=5&q=" + url.QueryEscape(e.Name[:min(4, len(e.Name))])
		}
		return "/api/geokg/v1/entities/" + url.PathEscape(e.Name)
	}
	do := func(path string) error {
		resp, err := client.Get(base + path)
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		if _, err := io.Copy(io.Discard, resp.Body); err != nil {
			return err
		}
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			return fmt.Errorf("status %d", resp.StatusCode)
		}
		return nil
	}

	start := time.Now()
	cpuStart := cpuTime()
	samples := []memSample{sampleMemory(start)}
	var mu sync.Mutex
	sampling := make(chan struct{})
	go func() {
		defer close(sampling)
		tick := time.NewTicker(sampleEach)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				s := sampleMemory(start)
				mu.Lock()
				samples = append(samples, s)
				mu.Unlock()
			}
		}
	}()

	results := make([]map[string]*latencies, clients)
	deadline := start.Add(*soakDuration)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			mine := make(map[string]*latencies)
			for _, k := range kinds {
				mine[k] = &latencies{}
			}
			r := rand.New(rand.NewPCG(uint64(c), 11))
			for n := c; time.Now().Before(deadline); n++ {
				kind := n % len(kinds)
				t0 := time.Now()
				err := do(request(r, kind))
				mine[kinds[kind]].record(time.Since(t0), err)
			}
			results[c] = mine
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	cpu := cpuTime() - cpuStart
	end := sampleMemory(start)
	stop()
	<-sampling
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}

	t.Logf("%d clients for %s against %s", clients, elapsed.Round(time.Millisecond), base)
	all := logLatencies(t, kinds, results, elapsed)
	if len(all.d) > 0 {
		// The clients' CPU is counted too: the process runs both sides.
		t.Logf("CPU: %s for %d requests, %s a request (clients and server, on %d cores)",
			cpu.Round(time.Millisecond), len(all.d), (cpu / time.Duration(len(all.d))).Round(time.Microsecond), runtime.NumCPU())
	}

	var warm *memSample
	var peak uint64 // the most heap in use under load, after the warm-up
	for i, s := range samples {
		t.Logf("memory at %6s: heap in use %10s, from the system %10s, resident %10s", s.at.Round(time.Second), mib(s.heapInUse), mib(s.sys), mib(s.rss))
		if warm == nil && s.at >= warmUp {
			warm = &samples[i]
		}
		if warm != nil {
			peak = max(peak, s.heapInUse)
		}
	}
	t.Logf("memory at %6s: heap in use %10s, from the system %10s, resident %10s (the clients done)", end.at.Round(time.Second), mib(end.heapInUse), mib(end.sys), mib(end.rss))
	samples = append(samples, end)
	switch {
	case all.errors > 0:
		t.Errorf("%d requests failed: %v", all.errors, all.why)
	case len(all.d) == 0:
		t.Error("no request was made")
	case *soakP99 > 0 && all.percentile(0.99) > *soakP99:
		t.Errorf("p99 %s, more than -soak.p99 %s", all.percentile(0.99).Round(time.Millisecond), *soakP99)
	}
	if warm == nil || warm == &samples[len(samples)-1] {
		t.Logf("the soak ran %s, too short to compare memory after the %s warm-up", elapsed.Round(time.Second), warmUp)
		return
	}
	growth := float64(end.heapInUse) / float64(warm.heapInUse)
	t.Logf("heap in use: %s after the warm-up (%s), at most %s under load after it, %s at the end: %.2f times",
		mib(warm.heapInUse), warm.at.Round(time.Second), mib(peak), mib(end.heapInUse), growth)
	if growth > maxGrowth {
		t.Errorf("the heap in use grew %.2f times after the warm-up, more than %.1f", growth, maxGrowth)
	}
	if warm.rss > 0 {
		rss := float64(end.rss) / float64(warm.rss)
		t.Logf("resident memory: %s after the warm-up, %s at the end: %.2f times", mib(warm.rss), mib(end.rss), rss)
		if rss > maxGrowth {
			t.Errorf("the resident memory grew %.2f times after the warm-up, more than %.1f", rss, maxGrowth)
		}
	}
}
