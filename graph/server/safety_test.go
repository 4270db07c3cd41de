package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/server"
)

// vmGoroutines counts the goroutines running a Gizmo script (in goja,
// the JavaScript engine Gizmo runs on).
func vmGoroutines() int {
	buf := make([]byte, 1<<22)
	n := runtime.Stack(buf, true)
	count := 0
	for _, g := range strings.Split(string(buf[:n]), "\n\n") {
		if strings.Contains(g, "github.com/dop251/goja") {
			count++
		}
	}
	return count
}

// settle closes idle connections and waits, up to a generous bound, until
// no Gizmo script runs and at most want goroutines are left (with want < 0:
// until their number stops changing); it returns how many there are.
func settle(ts interface{ CloseClientConnections() }, want int) (goroutines, scripts int) {
	prev := -1
	for range 500 {
		http.DefaultClient.CloseIdleConnections()
		ts.CloseClientConnections()
		goroutines, scripts = runtime.NumGoroutine(), vmGoroutines()
		if scripts == 0 && ((want < 0 && goroutines == prev) || (want >= 0 && goroutines <= want)) {
			break
		}
		prev = goroutines
		time.Sleep(20 * time.Millisecond)
	}
	return goroutines, scripts
}

// TestRunawayQueryStops sends `while(true){}` through every endpoint that
// runs Gizmo: each ends with 504 at the query timeout, the script's
// goroutine ends, and the server goes on answering.
func TestRunawayQueryStops(t *testing.T) {
	const timeout = 400 * time.Millisecond
	ts := newServer(t, newStore(t), server.WithQueryTimeout(timeout))
	post(t, ts.URL+"/api/v2/query?lang=gizmo", gizmoTies).want(t, http.StatusOK)
	before, _ := settle(ts, -1)

	for _, path := range []string{"/api/v2/query?lang=gizmo", "/api/v1/query/gizmo", "/api/v1/shape/gizmo"} {
		t.Run(path, func(t *testing.T) {
			start := time.Now()
			r := post(t, ts.URL+path, `var n = 0; while (true) { n++ }`).want(t, http.StatusGatewayTimeout)
			took := time.Since(start)
			if msg := r.errorMessage(t); !strings.Contains(msg, "query timeout") {
				t.Errorf("error %q does not name the query timeout", msg)
			}
			t.Logf("stopped after %s (timeout %s)", took.Round(time.Millisecond), timeout)
			if took < timeout {
				t.Errorf("answered after %s, before the timeout of %s", took, timeout)
			}
		})
	}
	after, scripts := settle(ts, before)
	t.Logf("goroutines: %d before, %d after; scripts still running: %d", before, after, scripts)
	if scripts != 0 {
		t.Errorf("%d Gizmo scripts still run after their deadline", scripts)
	}
	if after > before {
		t.Errorf("%d goroutines after the runaway queries, %d before", after, before)
	}

	// The server still answers.
	var body struct {
		Result []map[string]any `json:"result"`
	}
	post(t, ts.URL+"/api/v2/query?lang=gizmo", gizmoTies).want(t, http.StatusOK).decode(t, &body)
	if diff := cmp.Diff([]string{"<ent:iran>"}, ids(t, body.Result, "id")); diff != "" {
		t.Errorf("after the runaway queries (-want +got):\n%s", diff)
	}
}

// TestClientGoneStopsQuery: a client that hangs up stops its script too.
func TestClientGoneStopsQuery(t *testing.T) {
	ts := newServer(t, newStore(t)) // the default 30 s timeout
	before, _ := settle(ts, -1)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, "POST", ts.URL+"/api/v2/query?lang=gizmo", strings.NewReader(`while(true){}`))
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for i := 0; vmGoroutines() == 0; i++ { // wait for the script to start
		if i == 2000 {
			cancel()
			t.Fatalf("the script did not start: %v", <-done)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err == nil {
		t.Fatal("the cancelled request got an answer")
	}
	after, scripts := settle(ts, before)
	t.Logf("goroutines: %d before, %d after; scripts still running: %d", before, after, scripts)
	if scripts != 0 || after > before {
		t.Errorf("after the client left: %d scripts, %d goroutines (%d before)", scripts, after, before)
	}
}

// unsized hides a reader's length, so the request is sent chunked.
type unsized struct{ io.Reader }

func TestBodyLimit(t *testing.T) {
	const token = "t0ken-0123456789abcdef"
	ts := newServer(t, newStore(t), server.WithWrites(token))
	big := strings.Repeat("// twelve megabytes of comment\n", 12<<20/31+1)
	bigQuads := strings.Repeat("<ent:albania> <rel:ally_of> <ent:canada> <doc:manual> .\n", 12<<20/56+1)
	tests := []struct {
		name    string
		path    string
		body    io.Reader
		headers []string
	}{
		{name: "v2 query", path: "/api/v2/query?lang=gizmo", body: strings.NewReader(big)},
		{name: "v1 query", path: "/api/v1/query/gizmo", body: strings.NewReader(big)},
		{name: "v1 shape", path: "/api/v1/shape/gizmo", body: strings.NewReader(big)},
		{name: "v2 write", path: "/api/v2/write", body: strings.NewReader(bigQuads), headers: []string{"Authorization", "Bearer " + token}},
		{name: "v1 write", path: "/api/v1/write", body: strings.NewReader(big), headers: []string{"Authorization", "Bearer " + token}},
		{name: "v2 query, chunked", path: "/api/v2/query?lang=gizmo", body: unsized{strings.NewReader(big)}},
		{name: "v2 write, chunked", path: "/api/v2/write", body: unsized{strings.NewReader(bigQuads)}, headers: []string{"Authorization", "Bearer " + token}},
		{name: "v1 shape, chunked", path: "/api/v1/shape/gizmo", body: unsized{strings.NewReader(big)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, "POST", ts.URL+tt.path, tt.body, tt.headers...).want(t, http.StatusRequestEntityTooLarge)
			if msg := r.errorMessage(t); !strings.Contains(msg, "10485760 bytes") {
				t.Errorf("error %q does not give the limit", msg)
			}
		})
	}
	t.Run("gzip that inflates past the limit", func(t *testing.T) {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write([]byte(bigQuads))
		zw.Close()
		if b.Len() > 1<<20 {
			t.Fatalf("the compressed body is %d bytes", b.Len())
		}
		do(t, "POST", ts.URL+"/api/v2/write", &b, "Authorization", "Bearer "+token, "Content-Encoding", "gzip").want(t, http.StatusRequestEntityTooLarge)
	})
	t.Run("a body within the limit", func(t *testing.T) {
		small := newServer(t, newStore(t), server.WithMaxBody(1<<20))
		q := strings.Repeat("// padding\n", 900<<10/11) + gizmoTies
		post(t, small.URL+"/api/v2/query?lang=gizmo", q).want(t, http.StatusOK)
		post(t, small.URL+"/api/v2/query?lang=gizmo", q+strings.Repeat(" ", 200<<10)).want(t, http.StatusRequestEntityTooLarge)
	})
}

func TestCORS(t *testing.T) {
	st := newStore(t)
	preflight := func(t *testing.T, base, origin string) reply {
		req, _ := http.NewRequest(http.MethodOptions, base+"/api/v2/query?lang=gizmo", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return reply{code: resp.StatusCode, header: resp.Header, body: b}
	}

	t.Run("off by default", func(t *testing.T) {
		ts := newServer(t, st)
		r := get(t, ts.URL+"/api/geokg/v1/stats", "Origin", "https://evil.example").want(t, http.StatusForbidden)
		if v := r.header.Get("Access-Control-Allow-Origin"); v != "" {
			t.Errorf("Access-Control-Allow-Origin %q without WithCORS", v)
		}
		if r := preflight(t, ts.URL, "https://evil.example"); r.code < 400 || r.header.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("preflight without WithCORS: %d %v", r.code, r.header)
		}
	})

	ts := newServer(t, st, server.WithCORS("https://analyst.example"))
	tests := []struct {
		name       string
		origin     string
		preflight  bool
		wantCode   int
		wantOrigin string
	}{
		{name: "allowed origin", origin: "https://analyst.example", wantCode: 200, wantOrigin: "https://analyst.example"},
		{name: "other origin", origin: "https://evil.example", wantCode: 403},
		{name: "allowed preflight", origin: "https://analyst.example", preflight: true, wantCode: 204, wantOrigin: "https://analyst.example"},
		{name: "other preflight", origin: "https://evil.example", preflight: true, wantCode: 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r reply
			if tt.preflight {
				r = preflight(t, ts.URL, tt.origin)
			} else {
				r = get(t, ts.URL+"/api/geokg/v1/stats", "Origin", tt.origin)
			}
			r.want(t, tt.wantCode)
			if got := r.header.Get("Access-Control-Allow-Origin"); got != tt.wantOrigin {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.wantOrigin)
			}
			if tt.preflight && tt.wantCode == 204 && !strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "Authorization") {
				t.Errorf("preflight allows headers %q", r.header.Get("Access-Control-Allow-Headers"))
			}
		})
	}
	if _, err := server.New(st, server.WithCORS("ftp://files.example/dir")); err == nil {
		t.Error("New accepted a CORS origin that is no origin")
	}
}

func TestOptions(t *testing.T) {
	st := newStore(t)
	for _, tt := range []struct {
		name string
		opt  server.Option
	}{
		{"zero body", server.WithMaxBody(0)},
		{"negative timeout", server.WithQueryTimeout(-time.Second)},
		{"zero limit", server.WithQueryLimit(0)},
		{"zero concurrency", server.WithMaxConcurrent(0)},
	} {
		if _, err := server.New(st, tt.opt); err == nil {
			t.Errorf("%s: New accepted it", tt.name)
		}
	}
}

// TestQueryLimit: a query returns at most the limit of results.
func TestQueryLimit(t *testing.T) {
	ts := newServer(t, newStore(t), server.WithQueryLimit(3))
	var body struct {
		Result []map[string]any `json:"result"`
	}
	post(t, ts.URL+"/api/v2/query?lang=gizmo", `g.V().All()`).want(t, http.StatusOK).decode(t, &body)
	if len(body.Result) != 3 {
		t.Errorf("%d results, want the limit of 3", len(body.Result))
	}
}

// TestInternalErrors: what goes wrong inside is logged, and the client
// sees neither the detail nor a path.
func TestInternalErrors(t *testing.T) {
	st := newStore(t)
	ts, logs := newServerLog(t, st)
	st.Close()
	r := get(t, ts.URL+"/api/geokg/v1/stats").want(t, http.StatusInternalServerError)
	if diff := cmp.Diff(`{"error":"internal error"}`, strings.TrimSpace(string(r.body))); diff != "" {
		t.Errorf("500 answer (-want +got):\n%s", diff)
	}
	if !strings.Contains(logs.String(), "GET /api/geokg/v1/stats: ") || !strings.Contains(logs.String(), "closed") {
		t.Errorf("the error log lacks the detail: %q", logs.String())
	}
	h := get(t, ts.URL+"/health").want(t, http.StatusServiceUnavailable)
	var health server.Health
	h.decode(t, &health)
	if health.Status != "unavailable" {
		t.Errorf("health of a closed store: %+v", health)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ts := newServer(t, newStore(t))
	for _, p := range []string{"/", "/health", "/api/geokg/v1/stats", "/nothing-here"} {
		r := get(t, ts.URL+p)
		for h, want := range map[string]string{"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY"} {
			if got := r.header.Get(h); got != want {
				t.Errorf("%s: %s %q, want %q", p, h, got, want)
			}
		}
	}
}

// TestConcurrentReadsAndWrites reads through every kind of endpoint while
// writes go on, on the in-memory store, which has no locking of its own:
// the server's use of the store's lock keeps them apart (run with -race).
func TestConcurrentReadsAndWrites(t *testing.T) {
	const token = "t-0123456789abcdef"
	ts := newServer(t, newStore(t), server.WithWrites(token))
	type req struct{ method, path, body string }
	reads := []req{
		{"POST", "/api/v2/query?lang=gizmo", gizmoTies},
		{"POST", "/api/v1/shape/gizmo", gizmoTies},
		{"GET", "/api/geokg/v1/entities/Albania/relations", ""},
		{"GET", "/api/v2/read?sub=%3Cent:albania%3E", ""},
		{"GET", "/gephi/gs?limit=20", ""},
	}
	errc := make(chan string, 1000)
	send := func(r req, headers ...string) bool {
		got, err := try(r.method, ts.URL+r.path, strings.NewReader(r.body), headers...)
		switch {
		case err != nil:
			errc <- err.Error()
		case got.code != http.StatusOK:
			errc <- fmt.Sprintf("%s %s: %d %.200s", r.method, r.path, got.code, got.body)
		default:
			return true
		}
		return false
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 40 {
			path := "/api/v2/write"
			if i%3 == 2 {
				path = "/api/v2/delete"
			}
			send(req{"POST", path, fmt.Sprintf("<ent:albania> <rel:ally_of> <ent:state_%d> <doc:concurrent> .\n", i)}, "Authorization", "Bearer "+token)
		}
	}()
	var wg sync.WaitGroup
	for _, read := range reads {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				if !send(read) {
					return // one failure a reader is enough
				}
			}
		}()
	}
	wg.Wait()
	<-done
	close(errc)
	for e := range errc {
		t.Error(e)
	}
}
