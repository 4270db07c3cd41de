package server_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph/server"
)

// TestMaxResult: a query whose results pass the cap is stopped with 400
// naming the cap, before they are encoded;
// results under it come whole.
func TestMaxResult(t *testing.T) {
	st := newStore(t)
	ts := newServer(t, st, server.WithMaxResult(1<<20))
	gizmo := ts.URL + "/api/v2/query?lang=gizmo"
	for _, tt := range []struct {
		name, url, query string
		want             int
	}{
		{"emits past the cap", gizmo, `var s = "x".repeat(300 << 10); for (var i = 0; i < 10; i++) g.emit(s)`, http.StatusBadRequest},
		{"one emit past the cap", gizmo, `g.emit("x".repeat(2 << 20))`, http.StatusBadRequest},
		{"under the cap", gizmo, `var s = "x".repeat(300 << 10); for (var i = 0; i < 3; i++) g.emit(s)`, http.StatusOK},
		{"an ordinary query", gizmo, gizmoTies, http.StatusOK},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := post(t, tt.url, tt.query).want(t, tt.want)
			if tt.want == http.StatusBadRequest {
				if msg := r.errorMessage(t); !strings.Contains(msg, "pass the server's cap of 1 MiB (--max-result)") {
					t.Errorf("error %q does not name the cap", msg)
				}
				if len(r.body) > 4096 {
					t.Errorf("the refusal is %d bytes", len(r.body))
				}
			} else if len(r.body) > 1<<20+4096 {
				t.Errorf("answer of %d bytes, past the cap", len(r.body))
			}
		})
	}
	if _, err := server.New(st, server.WithMaxResult(0)); err == nil {
		t.Error("New accepted a zero result cap")
	}
}
