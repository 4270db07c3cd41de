package server_test

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/server"
)

// clientFrom returns an HTTP client whose connections come from the
// loopback address ip, or nil when the system cannot bind it.
func clientFrom(t *testing.T, ip string) *http.Client {
	t.Helper()
	ln, err := net.Listen("tcp", ip+":0")
	if err != nil {
		return nil
	}
	ln.Close()
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	tr := &http.Transport{DialContext: d.DialContext}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

// TestRateLimit: past its burst a client gets 429 with Retry-After, while
// another client and /health are served. The rate, a request every 1000
// seconds, refills nothing while the test runs; refilling is tested with
// a clock of the test's own (ratelimit_internal_test.go).
func TestRateLimit(t *testing.T) {
	ts := newServer(t, newStore(t), server.WithRateLimit(0.001, 3))
	stats := ts.URL + "/api/geokg/v1/stats"

	var codes []int
	for range 3 {
		codes = append(codes, get(t, stats).code)
	}
	codes = append(codes, post(t, ts.URL+"/api/v2/query?lang=gizmo", gizmoTies).code) // every endpoint counts
	over := get(t, stats)
	codes = append(codes, over.code, get(t, ts.URL+"/health").code)
	if diff := cmp.Diff([]int{200, 200, 200, 429, 429, 200}, codes); diff != "" {
		t.Errorf("status codes of 3 stats, a query, stats, health (-want +got):\n%s", diff)
	}

	secs, err := strconv.Atoi(over.header.Get("Retry-After"))
	if err != nil || secs < 1 || secs > 1000 {
		t.Errorf("Retry-After %q, want 1 to 1000 seconds", over.header.Get("Retry-After"))
	}
	msg := over.errorMessage(t)
	for _, want := range []string{"too many requests from 127.0.0.1", "the limit is 0.001 per second, in bursts of up to 3", fmt.Sprintf("retry in %d s", secs)} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q lacks %q", msg, want)
		}
	}
	if got := over.header.Get("X-Content-Type-Options"); got != "nosniff" {
		t.Errorf("the 429 lacks the security headers: X-Content-Type-Options %q", got)
	}

	t.Run("another client", func(t *testing.T) {
		if c := clientFrom(t, "127.0.0.2"); c != nil {
			resp, err := c.Get(stats)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("a client from 127.0.0.2: %d, want 200", resp.StatusCode)
			}
			return
		}
		// 127.0.0.2 cannot be bound here: the same server, another
		// remote address.
		t.Log("127.0.0.2 cannot be bound; calling the handler with another remote address")
		srv, err := server.New(newStore(t), server.WithRateLimit(0.001, 1))
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range []struct {
			remote string
			want   int
		}{{"192.0.2.1:1000", 200}, {"192.0.2.1:1001", 429}, {"192.0.2.2:1000", 200}} {
			rec := httptest.NewRecorder()
			req := httptest.NewRequest("GET", "/api/geokg/v1/stats", nil)
			req.RemoteAddr = c.remote
			srv.ServeHTTP(rec, req)
			if rec.Code != c.want {
				t.Errorf("request %d from %s: %d, want %d", i+1, c.remote, rec.Code, c.want)
			}
		}
	})

	t.Run("off by default", func(t *testing.T) {
		ts := newServer(t, newStore(t))
		for i := range 20 {
			if r := get(t, ts.URL+"/api/geokg/v1/openapi.json"); r.code != http.StatusOK {
				t.Fatalf("request %d: %d without a rate limit", i+1, r.code)
			}
		}
	})
}

func TestRateLimitOptions(t *testing.T) {
	st := newStore(t)
	tests := []struct {
		name      string
		perSecond float64
		burst     int
		wantErr   bool
	}{
		{name: "off", perSecond: 0, burst: 0},
		{name: "rate, default burst", perSecond: 2.5, burst: 0},
		{name: "rate and burst", perSecond: 1, burst: 10},
		{name: "negative rate", perSecond: -1, wantErr: true},
		{name: "NaN rate", perSecond: math.NaN(), burst: 1, wantErr: true},
		{name: "infinite rate", perSecond: math.Inf(1), burst: 1, wantErr: true},
		{name: "negative burst", perSecond: 1, burst: -1, wantErr: true},
		{name: "burst without a rate", perSecond: 0, burst: 5, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := server.New(st, server.WithRateLimit(tt.perSecond, tt.burst))
			if tt.wantErr != (err != nil) || (err != nil && !errors.Is(err, server.ErrBadOption)) {
				t.Errorf("New(WithRateLimit(%v, %d)) = %v, want an ErrBadOption: %v", tt.perSecond, tt.burst, err, tt.wantErr)
			}
		})
	}
}

// BenchmarkRateLimit measures what the rate limit adds to a cheap request
// (compare with -bench 'RateLimit/off').
func BenchmarkRateLimit(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []server.Option
	}{
		{"off", nil},
		{"on", []server.Option{server.WithRateLimit(1e9, 1e9)}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			srv, err := server.New(newStore(b), bc.opts...)
			if err != nil {
				b.Fatal(err)
			}
			req := httptest.NewRequestWithContext(context.Background(), "GET", "/api/geokg/v1/openapi.json", nil)
			for i := 0; b.Loop(); i++ {
				req.RemoteAddr = fmt.Sprintf("192.0.2.%d:1234", i%200)
				srv.ServeHTTP(httptest.NewRecorder(), req)
			}
		})
	}
}
