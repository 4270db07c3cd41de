//go:build load

package server_test

// The load test, outside the default suite (its synthetic corpus is in
// soak_test.go, which the soak test shares):
//
//	go test -tags load -run TestLoad ./graph/server -v
//
// It fills a bolt store with synthetic articles about the gazetteer's
// states up to at least GEOKG_LOAD_QUADS quads (default 100,000), then
// runs GEOKG_LOAD_CLIENTS clients (default 50) for GEOKG_LOAD_SECONDS
// seconds (default 30) on loopback against the relations endpoint (by IRI
// and by name) and Cayley's /api/v2/query, and reports requests per
// second, latency percentiles and errors, which must be none.

import (
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"sync"
	"testing"
	"time"
)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func TestLoad(t *testing.T) {
	wantQuads := envInt("GEOKG_LOAD_QUADS", 100_000)
	clients := envInt("GEOKG_LOAD_CLIENTS", 50)
	duration := time.Duration(envInt("GEOKG_LOAD_SECONDS", 30)) * time.Second
	ss := fillSynthetic(t, wantQuads)
	pool, preds := ss.pool, ss.preds

	ts := newServer(t, ss.st)
	transport := &http.Transport{MaxIdleConns: clients, MaxIdleConnsPerHost: clients}
	client := &http.Client{Transport: transport, Timeout: time.Minute}
	defer transport.CloseIdleConnections()

	kinds := []string{"relations by IRI", "relations by name", "v2 gizmo query"}
	request := func(r *rand.Rand, kind int) (string, *http.Request) {
		e := pool[r.IntN(len(pool))]
		switch kind {
		case 0:
			req, _ := http.NewRequest("GET", ts.URL+"/api/geokg/v1/entities/"+url.PathEscape(e.IRI)+"/relations", nil)
			return kinds[0], req
		case 1:
			req, _ := http.NewRequest("GET", ts.URL+"/api/geokg/v1/entities/"+url.PathEscape(e.Name)+"/relations", nil)
			return kinds[1], req
		}
		p := preds[r.IntN(len(preds))]
		q := fmt.Sprintf(`g.V("<%s>").Out("<%s>").All()`, e.IRI, p.IRI())
		req, _ := http.NewRequest("GET", ts.URL+"/api/v2/query?lang=gizmo&qu="+url.QueryEscape(q), nil)
		return kinds[2], req
	}

	results := make([]map[string]*latencies, clients)
	deadline := time.Now().Add(duration)
	var wg sync.WaitGroup
	loadStart := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make(map[string]*latencies)
			for _, k := range kinds {
				mine[k] = &latencies{}
			}
			r := rand.New(rand.NewPCG(uint64(c), 7))
			for n := 0; time.Now().Before(deadline); n++ {
				kind, req := request(r, n%len(kinds))
				t0 := time.Now()
				resp, err := client.Do(req)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != http.StatusOK {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				l := mine[kind]
				l.d = append(l.d, time.Since(t0))
				if err != nil {
					l.errors++
					if l.why == nil {
						l.why = make(map[string]int)
					}
					l.why[err.Error()]++
				}
			}
			results[c] = mine
		}()
	}
	wg.Wait()
	elapsed := time.Since(loadStart)

	t.Logf("%d clients for %s against %s", clients, elapsed.Round(time.Millisecond), ts.URL)
	all := logLatencies(t, kinds, results, elapsed)
	if all.errors > 0 {
		t.Errorf("%d requests failed: %v", all.errors, all.why)
	}
}
