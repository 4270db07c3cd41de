package server

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
)

// clock is a clock the test moves.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// TestRateLimitRefill: on a real loopback server, with a clock the test
// moves, a client's tokens come back at the rate and up to the burst.
func TestRateLimitRefill(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	clk := &clock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	s, err := New(st, WithRateLimit(2, 2), func(c *config) { c.now = clk.now })
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	// request answers one request as "code retry-after".
	request := func() string {
		resp, err := http.Get(ts.URL + "/api/geokg/v1/openapi.json")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return http.StatusText(resp.StatusCode) + " " + resp.Header.Get("Retry-After")
	}
	var got []string
	step := func(d time.Duration, n int) {
		clk.advance(d)
		for range n {
			got = append(got, request())
		}
	}
	step(0, 3)                    // the burst of 2, then none left; a token in 0.5 s
	step(499*time.Millisecond, 1) // not yet
	step(time.Millisecond, 2)     // one token back
	step(10*time.Second, 3)       // back to the burst, not beyond
	want := []string{
		"OK ", "OK ", "Too Many Requests 1",
		"Too Many Requests 1",
		"OK ", "Too Many Requests 1",
		"OK ", "OK ", "Too Many Requests 1",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}
}

// TestLimiterForgets: a bucket that has had time to fill is forgotten,
// and at most the cap of clients is tracked, the one seen least recently
// going first.
func TestLimiterForgets(t *testing.T) {
	clk := &clock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	l := newLimiter(1, 2, 3, clk.now) // fills from empty in 2 s
	take := func(clients ...string) (got []bool) {
		for _, c := range clients {
			ok, _ := l.take(c)
			got = append(got, ok)
		}
		return got
	}
	if diff := cmp.Diff([]bool{true, true, false, true, true}, take("a", "a", "a", "b", "c")); diff != "" {
		t.Errorf("a, a, a, b, c (-want +got):\n%s", diff)
	}
	if n := l.tracked(); n != 3 {
		t.Errorf("%d clients tracked, want 3", n)
	}
	// A fourth client pushes out a, seen least recently, which is then
	// new again: its debt is forgiven.
	if diff := cmp.Diff([]bool{true, true}, take("d", "a")); diff != "" {
		t.Errorf("d, a (-want +got):\n%s", diff)
	}
	if n := l.tracked(); n != 3 {
		t.Errorf("%d clients tracked after d, want the cap of 3", n)
	}
	// Once their buckets have had 2 s to fill, all are forgotten.
	clk.advance(2 * time.Second)
	take("e")
	if n := l.tracked(); n != 1 {
		t.Errorf("%d clients tracked 2 s later, want only e", n)
	}
}

func TestClientOf(t *testing.T) {
	for _, tt := range []struct{ remote, want string }{
		{"192.0.2.1:1234", "192.0.2.1"},
		{"[::ffff:192.0.2.1]:1234", "192.0.2.1"},
		{"[2001:db8:1:2:3:4:5:6]:443", "2001:db8:1:2::/64"},
		{"[2001:db8:1:2:ffff::1]:443", "2001:db8:1:2::/64"},
		{"[fe80::1%eth0]:80", "fe80::/64"},
		{"@", "@"},
		{"", ""},
	} {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = tt.remote
		if got := clientOf(r); got != tt.want {
			t.Errorf("clientOf(%q) = %q, want %q", tt.remote, got, tt.want)
		}
	}
}

// TestWrongTokenBackoff: on a real loopback server, with a clock the test
// moves, a client that sent too many wrong tokens waits, longer each time,
// even with the right token; a right token after the wait clears it, and
// other clients are not held up.
func TestWrongTokenBackoff(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	const token = "right-token-0123456789"
	clk := &clock{t: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	s, err := New(st, WithWrites(token), func(c *config) { c.now = clk.now })
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()
	write := func(tok string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/api/v2/write", strings.NewReader("<ent:a> <rel:ally_of> <ent:b> <doc:manual> .\n"))
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode, resp.Header.Get("Retry-After")
	}
	var got []string
	step := func(tok string) {
		code, after := write(tok)
		got = append(got, fmt.Sprintf("%d %s", code, after))
	}
	for range authFreeTries {
		step("wrong")
	}
	step("wrong") // the sixth: 401, and a wait of 1 s starts
	step(token)   // waiting: even the right token is refused
	clk.advance(time.Second)
	step("wrong") // the seventh wrong: 2 s
	clk.advance(time.Second)
	step(token) // 1 s still to wait
	clk.advance(time.Second)
	step(token)   // the wait is over: the right token goes through and clears the count
	step("wrong") // a free try again
	want := []string{"401 ", "401 ", "401 ", "401 ", "401 ", "401 ", "429 1", "401 ", "429 1", "200 ", "401 "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("status and Retry-After of each write (-want +got):\n%s", diff)
	}

	if got := s.authFail.wait("203.0.113.9"); got != 0 {
		t.Errorf("another client waits %v", got)
	}
}
