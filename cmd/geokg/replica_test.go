//go:build unix && integration

package main

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/geokg/geokg/graph/pgtest"
	"github.com/geokg/geokg/graph/server"
)

// TestServeHotStandby serves a PostgreSQL hot standby (a read replica that
// follows its primary by streaming replication) with geokg serve while
// geokg ingest writes to the primary. Two throwaway clusters on loopback:
// the primary, and a standby copied from it with pg_basebackup -R. The
// standby's server must say it is read-only (startup line, /health, the
// write endpoints' answer), answer every read while the primary is
// written, and once the standby has replayed the primary's WAL, answer
// exactly as a server on the primary does.
func TestServeHotStandby(t *testing.T) {
	if testing.Short() {
		t.Skip("two PostgreSQL clusters and separate geokg processes, some 50 s; the run without -short has it")
	}
	primary := pgtest.Start()
	t.Cleanup(primary.Stop)
	primary.Require(t)
	standby := primary.StartStandby()
	t.Cleanup(standby.Stop) // before the primary's: cleanups run last first
	if err := standby.Err(); err != nil {
		t.Fatalf("start a hot standby: %v", err)
	}
	primaryURL := primary.NewDB(t)
	u, err := url.Parse(primaryURL)
	if err != nil {
		t.Fatal(err)
	}
	standbyURL := standby.URL(strings.TrimPrefix(u.Path, "/"))
	onPrimary := []string{"--backend", "postgres", "--db", primaryURL}
	onStandby := []string{"--backend", "postgres", "--db", standbyURL}

	bin := filepath.Join(buildTools(t), "geokg")
	dir := filepath.Join(generate(t, 120, 31, "txt"), "articles")
	files, err := filepath.Glob(filepath.Join(dir, "*", "*.txt"))
	if err != nil || len(files) != 120 {
		t.Fatalf("generated %d files (%v), want 120", len(files), err)
	}
	first, second := files[:60], files[60:]

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	runGeokg(t, bin, append(append(onPrimary, "ingest", "--workers", "2"), first...)...)
	if err := primary.WaitReplayed(ctx, standby); err != nil {
		t.Fatal(err)
	}

	// geokg ingest refuses the standby at once, saying why.
	c := geokgCommand(bin, append(append(onStandby, "ingest"), second[0])...)
	out, err := c.CombinedOutput()
	if err == nil || !strings.Contains(string(out), "read-only PostgreSQL hot standby") || !strings.Contains(string(out), "write to its primary") {
		t.Errorf("geokg ingest into the standby: %v, want a failure naming the hot standby:\n%s", err, out)
	}

	// A server asked to take writes on the standby starts read-only and
	// says so.
	sp, sURL := startServer(t, bin, append(onStandby, "serve", "--allow-writes")...)
	if line := firstLine(sp.Stderr(), "listening on"); !strings.Contains(line, "read-only: the store is a PostgreSQL hot standby") {
		t.Errorf("standby server's startup line does not say it is a read-only standby: %q", line)
	}
	if !strings.Contains(sp.Stderr(), "--allow-writes: the store is a PostgreSQL hot standby") {
		t.Errorf("standby server did not warn that --allow-writes cannot be honoured:\n%s", sp.Stderr())
	}
	_, pURL := startServer(t, bin, append(onPrimary, "serve")...)

	var health server.Health
	getJSON(t, sURL+"/health", http.StatusOK, &health)
	if health.Status != "ok" || !health.ReadOnly || !health.Standby {
		t.Errorf("standby /health = %+v, want ok, read_only and standby", health)
	}
	health = server.Health{}
	getJSON(t, pURL+"/health", http.StatusOK, &health)
	if health.Standby {
		t.Errorf("primary /health = %+v, want standby false", health)
	}
	for _, path := range []string{server.IngestPath, "/api/v2/write"} {
		req, _ := http.NewRequest(http.MethodPost, sURL+path, strings.NewReader(`[]`))
		req.Header.Set("Authorization", "Bearer "+concurrentToken)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(string(body), "hot standby") {
			t.Errorf("POST %s on the standby: %d %s, want 403 naming the hot standby", path, resp.StatusCode, body)
		}
	}

	// The primary takes the second half while the standby's server is read.
	questions := []string{
		"/api/geokg/v1/stats",
		"/api/geokg/v1/entities?q=Iran",
		"/api/geokg/v1/path?from=Albania&to=Russia&max_depth=3",
	}
	for _, name := range []string{"United States", "Russia", "China", "Iran", "Albania", "Israel"} {
		questions = append(questions, "/api/geokg/v1/entities/"+url.PathEscape(name)+"/relations")
	}
	var (
		reads  atomic.Int64
		failed atomic.Value
		stop   = make(chan struct{})
		wg     sync.WaitGroup
	)
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			q := questions[i%len(questions)]
			code, body := httpGet(sURL + q)
			if code != http.StatusOK && code != http.StatusNotFound {
				failed.CompareAndSwap(nil, q+": "+body)
			}
			reads.Add(1)
		}
	}()
	runGeokg(t, bin, append(append(onPrimary, "ingest", "--workers", "2"), second...)...)
	close(stop)
	wg.Wait()
	if f := failed.Load(); f != nil {
		t.Errorf("a read of the standby failed while the primary was written: %s", f)
	}
	if reads.Load() == 0 {
		t.Error("no read of the standby ran while the primary was written")
	}
	if err := primary.WaitReplayed(ctx, standby); err != nil {
		t.Fatal(err)
	}

	// Caught up, the two servers answer alike, byte for byte.
	var stats struct {
		Documents int `json:"documents"`
	}
	getJSON(t, sURL+"/api/geokg/v1/stats", http.StatusOK, &stats)
	if stats.Documents != 120 {
		t.Errorf("standby holds %d documents once caught up, want 120", stats.Documents)
	}
	answered := 0
	for _, q := range questions {
		pc, pb := httpGet(pURL + q)
		sc, sb := httpGet(sURL + q)
		if pc != sc || pb != sb {
			t.Errorf("GET %s: primary %d, standby %d; answers differ:\nprimary: %.300s\nstandby: %.300s", q, pc, sc, pb, sb)
		}
		if pc == http.StatusOK {
			answered++
		}
	}
	if answered < len(questions)-1 {
		t.Errorf("only %d of %d questions answered 200: the comparison says little", answered, len(questions))
	}
	const gizmo = `g.V("<ent:iran>").In("<geo:object>").Out("<geo:document>").Unique().All()`
	pc, pb := httpPost(pURL+"/api/v2/query?lang=gizmo", gizmo)
	sc, sb := httpPost(sURL+"/api/v2/query?lang=gizmo", gizmo)
	if pc != http.StatusOK || pc != sc || pb != sb {
		t.Errorf("Gizmo query: primary %d, standby %d; answers differ:\nprimary: %.300s\nstandby: %.300s", pc, sc, pb, sb)
	}
	pr, _ := runGeokg(t, bin, append(onPrimary, "relations", "Iran", "--merged")...)
	sr, _ := runGeokg(t, bin, append(onStandby, "relations", "Iran", "--merged")...)
	if pr != sr || pr == "" {
		t.Errorf("geokg relations Iran --merged differs between primary and standby:\nprimary:\n%s\nstandby:\n%s", pr, sr)
	}
	t.Logf("%d reads of the standby during the ingest into the primary; %d questions compared", reads.Load(), len(questions)+2)
}

// httpGet returns the status and body of GET u; a failed request is
// status 0 with the error as body.
func httpGet(u string) (int, string) {
	resp, err := http.Get(u)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// httpPost is httpGet for a POST of body.
func httpPost(u, body string) (int, string) {
	resp, err := http.Post(u, "application/javascript", strings.NewReader(body))
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// firstLine returns the first line of s that holds sub, or "".
func firstLine(s, sub string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			return l
		}
	}
	return ""
}
