package sandbox

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/geokg/geokg/graph"
)

// TestBaseline: the baseline is the heap the process holds while no
// query runs. What a query holds while it runs (an attack, however many
// queries end meanwhile) does not raise it; what the process keeps
// between queries (a store's caches growing) does, once no query runs.
func TestBaseline(t *testing.T) {
	const chunk = 200 << 20
	m := NewMemory(1 << 30)
	m.every = 0
	b0 := m.baseline.Load()

	// An attack: a long query holds 200 MiB while short ones come and go.
	long := m.begin()
	attack := make([]byte, chunk)
	for range 5 {
		m.begin()()
		time.Sleep(2 * idleFor)
		runtime.GC()
	}
	time.Sleep(4 * idleFor)
	if b := m.baseline.Load(); b != b0 {
		t.Errorf("while a query held %d MiB the baseline moved from %d to %d MiB", chunk>>20, b0>>20, b>>20)
	}
	runtime.KeepAlive(attack)
	attack = nil
	long()
	b := waitBaseline(t, m, func(b uint64) bool { return b < b0+chunk/2 })
	t.Logf("baseline %d MiB, %d MiB after the attack", b0>>20, b>>20)

	// A cache kept between queries.
	cache := make([]byte, chunk)
	m.begin()()
	b = waitBaseline(t, m, func(b uint64) bool { return b >= b0+chunk*9/10 })
	t.Logf("baseline %d MiB with a cache of %d MiB", b>>20, chunk>>20)
	if at := m.stopAt(); at != b+m.budget {
		t.Errorf("mark %d MiB, want the baseline plus the budget, %d MiB", at>>20, (b+m.budget)>>20)
	}
	runtime.KeepAlive(cache)
}

// waitBaseline waits, at most 10 s, for the baseline to meet ok, and
// returns it.
func waitBaseline(t *testing.T, m *Memory, ok func(uint64) bool) uint64 {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second) // a hang detector
	for {
		b := m.baseline.Load()
		if ok(b) {
			return b
		}
		if time.Now().After(deadline) {
			t.Fatalf("the baseline stays at %d MiB", b>>20)
		}
		time.Sleep(idleFor)
	}
}

// TestWatchContext: GraphQL and MQL queries are stopped, with a
// *MemoryError, when the heap is past the mark, as Gizmo scripts are: here
// another query runs (so the baseline is not measured again) and the
// mark is set below the heap.
func TestWatchContext(t *testing.T) {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	m := NewMemory(1 << 20)
	other := m.begin()
	defer other()
	m.baseline.Store(0)
	for lang, q := range map[string]string{
		graph.GraphQL: `{ nodes(id: "<ent:albania>") { id } }`,
		graph.MQL:     `[{"id": "<ent:albania>"}]`,
	} {
		_, err := Query(context.Background(), st, lang, q, Options{Memory: m})
		var me *MemoryError
		if !errors.As(err, &me) || me.Limit != 1<<20 {
			t.Errorf("%s: %v, want a *MemoryError", lang, err)
		}
	}
	if _, err := Query(context.Background(), st, graph.GraphQL, `{ nodes(id: "<ent:albania>") { id } }`, Options{}); err != nil {
		t.Errorf("without a memory bound: %v", err)
	}
}

// TestOwn: while work of the process's own runs (an ingest), the mark
// follows the live heap that work grows, though queries run all along;
// when it ends, the baseline keeps it.
func TestOwn(t *testing.T) {
	const models = 200 << 20
	m := NewMemory(1 << 30)
	m.every = time.Hour
	query := m.begin() // a query runs all along: no measurement
	defer query()
	b0 := m.baseline.Load()
	done := m.Own()
	held := make([]byte, models)
	runtime.GC()
	if at, want := m.stopAt(), b0+models*9/10+m.budget; at < want {
		t.Errorf("mark %d MiB while the work holds %d MiB, want at least %d MiB", at>>20, models>>20, want>>20)
	}
	done()
	if b := m.baseline.Load(); b < b0+models*9/10 {
		t.Errorf("baseline %d MiB after the work, want at least %d MiB", b>>20, (b0+models*9/10)>>20)
	}
	runtime.KeepAlive(held)
}

// TestOwnCapped: what the live heap holds beside the process's own work
// raises the mark by at most a quarter of the bound, so a query running
// beside an ingest cannot raise its own mark without end.
func TestOwnCapped(t *testing.T) {
	const held = 400 << 20 // more than a quarter of the bound
	m := NewMemory(1 << 30)
	m.every = time.Hour
	query := m.begin()
	defer query()
	b0 := m.baseline.Load()
	done := m.Own()
	hold := make([]byte, held)
	runtime.GC()
	if at, most := m.stopAt(), b0+m.limit/ownShare+m.budget; at > most {
		t.Errorf("mark %d MiB with %d MiB held beside the work, want at most %d MiB", at>>20, held>>20, most>>20)
	}
	done()
	if b, most := m.baseline.Load(), b0+m.limit/ownShare; b > most {
		t.Errorf("baseline %d MiB after the work, want at most %d MiB", b>>20, most>>20)
	}
	runtime.KeepAlive(hold)
}
