package server_test

import (
	"context"
	"errors"
	"net/http"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
)

// TestGizmoMemoryAnswer: a Gizmo script the memory watchdog stops is
// answered 503 with Retry-After and the watchdog's reason, a call the
// sandbox refuses 400, and the server goes on answering. (graph/sandbox's
// TestGizmoMemory runs every memory attack and reads the heap's peak.)
func TestGizmoMemoryAnswer(t *testing.T) {
	st := newStoreAt(t, t.TempDir())
	const limit = 1 << 30
	defer debug.SetMemoryLimit(server.SetMemoryLimit(limit))
	ts := newServer(t, st, server.WithQueryMemory(limit), server.WithQueryTimeout(60*time.Second))
	e := &sandboxEnv{ts: ts}

	r := post(t, ts.URL+"/api/v2/query?lang=gizmo", `var s = "x"; while (true) s += s`).want(t, http.StatusServiceUnavailable)
	if msg := r.errorMessage(t); !strings.Contains(msg, "query stopped: the server's heap passed") {
		t.Errorf("error %q", msg)
	}
	if r.header.Get("Retry-After") == "" {
		t.Errorf("503 without Retry-After")
	}
	e.stillAnswers(t)

	r = post(t, ts.URL+"/api/v2/query?lang=gizmo", `"x".repeat(2**31)`).want(t, http.StatusBadRequest)
	if msg := r.errorMessage(t); !strings.Contains(msg, "RangeError: String.prototype.repeat") {
		t.Errorf("error %q", msg)
	}
	e.stillAnswers(t)
}

// TestQueryMemoryOption checks WithQueryMemory's validation.
func TestQueryMemoryOption(t *testing.T) {
	st, err := graph.Open(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	for _, n := range []int64{0, 1 << 20, server.DefaultQueryMemory} {
		if _, err := server.New(st, server.WithQueryMemory(n)); err != nil {
			t.Errorf("WithQueryMemory(%d): %v", n, err)
		}
	}
	if _, err := server.New(st, server.WithQueryMemory(-1)); !errors.Is(err, server.ErrBadOption) {
		t.Errorf("WithQueryMemory(-1): %v, want ErrBadOption", err)
	}
}
