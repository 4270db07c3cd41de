package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph/server"
)

// TestHostAndOrigin checks that no web page of another origin reaches the
// API: not by a name rebound to this machine (DNS rebinding), nor by a
// cross-origin request, whatever its method or content type.
func TestHostAndOrigin(t *testing.T) {
	st := newStore(t)
	ts := newServer(t, st, server.WithAllowedHosts("geokg.internal:8080"), server.WithCORS("https://analyst.example"))
	u, err := url.Parse(ts.URL)
	if err != nil {
		t.Fatal(err)
	}
	self := "http://" + u.Host
	query := "/api/v2/query?lang=gizmo&qu=" + url.QueryEscape(gizmoTies)

	send := func(t *testing.T, method, path, host, body string, headers ...string) reply {
		t.Helper()
		req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		if host != "" {
			req.Host = host
		}
		for i := 0; i+1 < len(headers); i += 2 {
			req.Header.Set(headers[i], headers[i+1])
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		return reply{code: resp.StatusCode, header: resp.Header, body: b}
	}

	tests := []struct {
		name    string
		method  string
		path    string
		host    string
		body    string
		headers []string
		want    int
	}{
		{name: "rebound name", method: "GET", path: "/api/geokg/v1/stats", host: "attacker.example:" + u.Port(), want: 421},
		{name: "rebound name, UI", method: "GET", path: "/", host: "attacker.example", want: 421},
		{name: "rebound name, health", method: "GET", path: "/health", host: "attacker.example", want: 421},
		{name: "other address", method: "GET", path: "/api/geokg/v1/stats", host: "10.1.2.3:" + u.Port(), want: 421},
		{name: "no host", method: "GET", path: "/api/geokg/v1/stats", host: " ", want: 421},
		{name: "address reached", method: "GET", path: "/api/geokg/v1/stats", want: 200},
		{name: "localhost", method: "GET", path: "/api/geokg/v1/stats", host: "localhost:" + u.Port(), want: 200},
		{name: "LOCALHOST.", method: "GET", path: "/api/geokg/v1/stats", host: "LOCALHOST.:" + u.Port(), want: 200},
		{name: "allowed host", method: "GET", path: "/api/geokg/v1/stats", host: "geokg.internal", want: 200},

		{name: "cross-origin text/plain POST", method: "POST", path: "/api/v1/query/gizmo", body: gizmoTies,
			headers: []string{"Content-Type", "text/plain", "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, want: 403},
		{name: "cross-origin POST, Origin only", method: "POST", path: "/api/v2/query?lang=gizmo", body: gizmoTies,
			headers: []string{"Origin", "https://evil.example"}, want: 403},
		{name: "sandboxed frame POST", method: "POST", path: "/api/v2/query?lang=gizmo", body: gizmoTies,
			headers: []string{"Origin", "null"}, want: 403},
		{name: "image tag GET query", method: "GET", path: query,
			headers: []string{"Sec-Fetch-Site", "cross-site", "Sec-Fetch-Mode", "no-cors"}, want: 403},
		{name: "same-site GET query", method: "GET", path: query,
			headers: []string{"Sec-Fetch-Site", "same-site"}, want: 403},
		{name: "cross-origin GET lookup", method: "GET", path: "/api/geokg/v1/path?from=Albania&to=Iran",
			headers: []string{"Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site"}, want: 403},
		{name: "cross-origin write", method: "POST", path: "/api/v2/write", body: "[]",
			headers: []string{"Origin", "https://evil.example"}, want: 403},

		{name: "same-origin POST", method: "POST", path: "/api/v1/query/gizmo", body: gizmoTies,
			headers: []string{"Content-Type", "text/plain", "Origin", self, "Sec-Fetch-Site", "same-origin"}, want: 200},
		{name: "same-origin GET query", method: "GET", path: query,
			headers: []string{"Sec-Fetch-Site", "same-origin"}, want: 200},
		{name: "typed in the address bar", method: "GET", path: query,
			headers: []string{"Sec-Fetch-Site", "none"}, want: 200},
		{name: "no browser", method: "GET", path: query, want: 200},
		{name: "CORS origin POST", method: "POST", path: "/api/v2/query?lang=gizmo", body: gizmoTies,
			headers: []string{"Origin", "https://analyst.example", "Sec-Fetch-Site", "cross-site"}, want: 200},
		{name: "cross-site UI page", method: "GET", path: "/",
			headers: []string{"Sec-Fetch-Site", "cross-site"}, want: 200},
		{name: "cross-site health", method: "GET", path: "/health",
			headers: []string{"Sec-Fetch-Site", "cross-site"}, want: 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := send(t, tt.method, tt.path, tt.host, tt.body, tt.headers...)
			if r.code != tt.want {
				t.Fatalf("status %d, want %d; body: %.300s", r.code, tt.want, r.body)
			}
			if tt.want == 200 && strings.Contains(tt.path, "query") && !strings.Contains(string(r.body), "ent:iran") {
				t.Errorf("answer %.300s: want the query's result", r.body)
			}
			if tt.want == 421 || tt.want == 403 {
				if msg := r.errorMessage(t); strings.Contains(string(r.body), "ent:") {
					t.Errorf("refused answer carries graph data: %s", msg)
				}
			}
		})
	}

	if _, err := server.New(st, server.WithAllowedHosts("http://x/")); err == nil {
		t.Error("New accepted an allowed host that is a URL")
	}
}
