package server

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
)

// TestWorkSlots: with every slot taken, a request waits the query timeout
// and gets 503; once a slot is free, requests run again.
func TestWorkSlots(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, WithMaxConcurrent(1), WithQueryTimeout(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(s)
	defer ts.Close()

	_, done, err := s.work(context.Background()) // take the only slot
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.work(context.Background()); !errors.Is(err, errBusy) {
		t.Fatalf("second slot: %v, want errBusy", err)
	}
	resp, err := http.Get(ts.URL + "/api/geokg/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(b), `"error":"the server is busy`) {
		t.Errorf("with no free slot: %d %q %s", resp.StatusCode, resp.Header.Get("Retry-After"), b)
	}
	// Health needs no slot.
	if resp, err := http.Get(ts.URL + "/health"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("health with no free slot: %v %v", resp, err)
	}

	done()
	resp, err = http.Get(ts.URL + "/api/geokg/v1/stats")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("with the slot free again: %d", resp.StatusCode)
	}
	if len(s.slots) != 0 {
		t.Errorf("%d slots still taken after the requests", len(s.slots))
	}
}

// TestDetachedKeepsSlot: a query that goes on after its deadline (a Gizmo
// script inside a long call no interrupt reaches) has its answer sent at
// the deadline but keeps its work slot until it really ends, so no more
// than MaxConcurrent queries ever run.
func TestDetachedKeepsSlot(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(st, WithMaxConcurrent(1), WithQueryTimeout(50*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	release := make(chan struct{})
	err = s.detached(context.Background(), func(ctx context.Context) error {
		<-release // deaf to ctx, as a stuck script is
		return nil
	})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("detached: %v, want the deadline", err)
	}
	if len(s.slots) != 1 {
		t.Errorf("%d slots taken while the query still runs, want 1", len(s.slots))
	}
	if _, _, err := s.work(context.Background()); !errors.Is(err, errBusy) {
		t.Errorf("another query while the stuck one runs: %v, want errBusy", err)
	}
	close(release)
	s.running.Wait()
	if len(s.slots) != 0 {
		t.Errorf("%d slots taken after the query ended, want 0", len(s.slots))
	}
}

// TestMemoryErrorAnswer: a query the memory watchdog stopped is answered
// 503 with Retry-After, in GraphQL's error shape for GraphQL.
// (graph/sandbox's TestWatchContext stops GraphQL and MQL queries.)
func TestMemoryErrorAnswer(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	s, err := New(st)
	if err != nil {
		t.Fatal(err)
	}
	merr := &sandbox.MemoryError{Limit: 1 << 30}
	for _, graphQL := range []bool{false, true} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest(http.MethodPost, "/api/v2/query", nil)
		if graphQL {
			s.failGraphQL(w, r, merr)
		} else {
			s.fail(w, r, merr)
		}
		body := w.Body.String()
		if w.Code != http.StatusServiceUnavailable || w.Header().Get("Retry-After") == "" || !strings.Contains(body, "query memory limit of 1 GiB") {
			t.Errorf("GraphQL %v: %d %q %s", graphQL, w.Code, w.Header().Get("Retry-After"), body)
		}
		if graphQL != strings.Contains(body, `"errors":[{"message":`) {
			t.Errorf("GraphQL %v: the error's shape: %s", graphQL, body)
		}
	}
}
