package server_test

import (
	"context"
	"errors"
	"net/http"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
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
	if msg := r.errorMessage(t); !strings.Contains(msg, "query stopped: while it ran, the server's heap grew past its own") {
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

// TestLargeLiveHeap: a server whose own live heap is larger than the
// query memory mark's budget (an eighth of --query-memory), as a large
// store's caches make it, still answers ordinary queries, and still stops
// a script that takes memory. A ballast of 320 MiB, kept live for the
// whole test, stands in for the store: with the mark on the whole heap
// (256 MiB for the default 1 GiB), every query was answered 503.
func TestLargeLiveHeap(t *testing.T) {
	const ballastSize = 320 << 20
	ballast := make([]byte, ballastSize)
	for i := range ballast { // resident, as a store's caches are
		ballast[i] = byte(i)
	}
	defer runtime.KeepAlive(ballast)
	runtime.GC()
	if h := heapNow(); h < ballastSize {
		t.Fatalf("the heap holds %d MiB, less than the ballast", h>>20)
	}
	defer debug.SetMemoryLimit(server.SetMemoryLimit(server.DefaultQueryMemory))
	st := newStore(t)
	ts := newServer(t, st, server.WithQueryMemory(server.DefaultQueryMemory), server.WithQueryTimeout(60*time.Second))
	e := &sandboxEnv{ts: ts}
	for range 3 {
		e.stillAnswers(t)
		// A script that runs for some milliseconds, past the
		// watchdog's first look at the heap.
		post(t, ts.URL+"/api/v2/query?lang=gizmo", `var n = 0; for (var i = 0; i < 1e6; i++) n += i % 7; g.emit(n)`).want(t, http.StatusOK)
		post(t, ts.URL+"/api/v2/query?lang=graphql", `{ nodes(id: "<ent:albania>") { id } }`).want(t, http.StatusOK)
		post(t, ts.URL+"/api/v2/query?lang=mql", `[{"id": "<ent:albania>"}]`).want(t, http.StatusOK)
	}
	r := post(t, ts.URL+"/api/v2/query?lang=gizmo", `var s = "x"; while (true) s += s`).want(t, http.StatusServiceUnavailable)
	if msg := r.errorMessage(t); !strings.Contains(msg, "query stopped") {
		t.Errorf("error %q", msg)
	}
	e.stillAnswers(t)
}

// heapNow is the process's heap: live objects and garbage not yet swept.
func heapNow() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
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
