package sandbox

import (
	"context"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// DefaultMemory is the usual bound, in bytes, on what queries may add to
// the heap (NewMemory).
const DefaultMemory = 1 << 30

const (
	// budgetShare is the share of the bound the queries running may add
	// to the heap before they are stopped: an eighth (see Memory).
	budgetShare = 8
	// memorySampleEvery is how often the watchdog reads the heap's size:
	// often enough to see the heap pass its mark while the instruction
	// that took it there still runs, and cheap, as reading one runtime
	// metric takes about a microsecond (one watchdog reads it for all
	// the queries running).
	memorySampleEvery = 200 * time.Microsecond
	// heapMetric is the heap's size as the watchdog reads it: the bytes
	// of live objects and of dead ones not yet swept. runtime/metrics
	// reads it without stopping the world, unlike runtime.ReadMemStats.
	heapMetric = "/memory/classes/heap/objects:bytes"
	// liveMetric is the heap's live objects as the last garbage
	// collection found them, and cyclesMetric the collections completed.
	liveMetric   = "/gc/heap/live:bytes"
	cyclesMetric = "/gc/cycles/total:gc-cycles"
	// idleFor is how long no query must have run before the baseline is
	// measured, and measureEvery the least time between two measurements:
	// each is a full garbage collection.
	idleFor      = 20 * time.Millisecond
	measureEvery = 5 * time.Second
)

// MemoryError is why the watchdog stopped a query: the queries running
// took more memory than the bound allows, and every one running was
// stopped, whichever took it (a server answers it with 503 and
// Retry-After). Limit is the bound of the Memory that stopped it.
type MemoryError struct{ Limit uint64 }

func (e *MemoryError) Error() string {
	return fmt.Sprintf("query stopped: while it ran, the server's heap grew past its own by more than an eighth of the query memory limit of %s; try again later, with a query that holds less", formatBytes(e.Limit))
}

// formatBytes is n in the largest binary unit that divides it, or bytes.
func formatBytes(n uint64) string {
	for _, u := range []struct {
		shift uint
		name  string
	}{{40, "TiB"}, {30, "GiB"}, {20, "MiB"}, {10, "KiB"}} {
		if n >= 1<<u.shift && n%(1<<u.shift) == 0 {
			return fmt.Sprintf("%d %s", n>>u.shift, u.name)
		}
	}
	return fmt.Sprintf("%d bytes", n)
}

// Memory is a process's bound on what queries may add to its heap,
// shared by the watchdogs of every query Run runs with it: Gizmo
// scripts and GraphQL and MQL queries alike.
//
// The mark the watchdogs stop queries at is the baseline, the heap the
// process holds of its own (a store's caches, kept reads, the models of
// an ingest running beside the queries), plus the budget, an eighth of
// the bound. The baseline is the live heap found by a garbage collection
// that ran while no query did: when the last query running ends, a
// collection is made after idleFor (at most once every measureEvery), and
// its result kept only if no query started before it ended; and when a
// query starts after a pause in which the runtime completed a collection
// of its own, begun after the last query ended, that collection's
// result is taken, at no cost. So a large store's heap does not stop
// every query,
// and queries, however many run at once and back to back, never raise
// the baseline: what they allocate counts against the budget.
//
// A watchdog cannot stop a script in the middle of one instruction, and
// one instruction can allocate twice what the script holds already
// (s += s): a watchdog that stopped scripts at the bound itself would
// let queries add three times it. The heap passes the mark in the
// instruction that allocates past it, and a watchdog reading the heap
// every 200 µs sees it while that instruction still copies what it
// allocated, so the queries add at most three times the budget, three
// eighths of the bound. The share is an eighth, not a quarter, because
// the watchdog often sees the mark passed one instruction late (a garbage
// collection waiting to stop the world for the copy, which cannot be
// preempted, freezes the watchdog too, and the world restarts with the
// script's next instruction under way), and the script then runs one
// more such instruction, doubling what it adds: six eighths, still
// under the bound (with a quarter, a doubling string then reached 1,021
// MiB of the 1 GiB bound). The process's soft memory limit sits at the
// mark too (SetMemoryLimit), so that garbage is collected before it
// takes the heap there.
type Memory struct {
	limit, budget uint64
	baseline      atomic.Uint64
	own           atomic.Int64  // work of the process's own running (Own)
	ownFrom       atomic.Uint64 // the baseline when that work began
	mu            sync.Mutex    // one confirming garbage collection at a time

	every time.Duration // measureEvery; shorter in tests

	wmu      sync.Mutex
	watchers map[*watcher]bool // the queries the watchdog watches
	watching bool              // the watchdog runs

	state     sync.Mutex
	running   int       // queries running
	gen       uint64    // queries started, ever
	measuring bool      // a measurement is waiting or running
	measured  time.Time // when the baseline was last measured
	idleGC    uint64    // collections completed when the last query ended
}

// NewMemory returns the bound of limit bytes on what queries may add to
// the heap, or nil, no bound, when limit is 0 or less. It measures the
// baseline at once, with a garbage collection.
func NewMemory(limit int64) *Memory {
	if limit <= 0 {
		return nil
	}
	m := &Memory{limit: uint64(limit), budget: uint64(limit) / budgetShare, every: measureEvery}
	m.setBaseline(collectLive())
	return m
}

// Limit is the bound, in bytes.
func (m *Memory) Limit() uint64 { return m.limit }

// stopAt is the heap past which the watchdogs stop the queries running.
func (m *Memory) stopAt() uint64 { return m.base() + m.budget }

// past is the heap, a quarter of the budget over at, that stops the
// queries without a confirming garbage collection: the soft memory limit
// at at keeps garbage from taking the heap so far.
func (m *Memory) past(at uint64) uint64 { return at + m.budget/4 }

// base is the baseline, or, while work of the process's own runs (Own),
// the live heap the last garbage collection found if that is more, up to
// ownShare of the bound over the baseline the work began with.
func (m *Memory) base() uint64 {
	b := m.baseline.Load()
	if m.own.Load() > 0 {
		b = max(b, m.ownLive())
	}
	return b
}

// ownShare is the share of the bound the process's own work (Own) may
// add to the baseline while queries run: what a query holds is counted
// in the live heap too, so without a cap a query running beside an
// ingest could raise its own mark without end.
const ownShare = 4

// ownLive is the live heap the last garbage collection found, capped at
// a quarter of the bound over the baseline the process's own work began
// with.
func (m *Memory) ownLive() uint64 {
	return min(readMetric(liveMetric), m.ownFrom.Load()+m.limit/ownShare)
}

// Own counts work of the process's own that grows its heap while queries
// run (an ingest in the server, with its models and working set); the
// function it returns counts its end. Meanwhile the baseline is at least
// the live heap each garbage collection finds, and it keeps the last one
// found when the work ends, until the next measurement with no query
// running. That live heap counts what the queries running hold too, so
// it is taken only up to a quarter of the bound over the baseline the
// work began with: a query beside an ingest can raise its own mark by
// that much at most, and an ingest that grows the heap by more than that
// while queries run has them stopped. A nil m counts nothing.
func (m *Memory) Own() (done func()) {
	if m == nil {
		return func() {}
	}
	m.state.Lock()
	if m.own.Add(1) == 1 {
		m.ownFrom.Store(m.baseline.Load())
	}
	m.state.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			// What the work leaves (models loaded once) stays the
			// process's own: the baseline keeps the last live heap
			// until a measurement with no query running says otherwise.
			m.state.Lock()
			if live := m.ownLive(); live > m.baseline.Load() {
				m.setBaseline(live)
			}
			m.state.Unlock()
			m.own.Add(-1)
		})
	}
}

// heapBytes is the heap's size now: live objects and garbage not yet
// swept.
func heapBytes() uint64 { return readMetric(heapMetric) }

// readMetric reads a runtime metric of bytes, 0 when it is unknown.
func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}

// collectLive collects the garbage and returns the live heap it found.
func collectLive() uint64 {
	runtime.GC()
	if live := readMetric(liveMetric); live > 0 {
		return live
	}
	return heapBytes()
}

// setBaseline records the baseline and moves a soft memory limit the
// process set (SetMemoryLimit) to the mark.
func (m *Memory) setBaseline(live uint64) {
	m.baseline.Store(live)
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	want := int64(min(live+m.budget, math.MaxInt64))
	if cur := debug.SetMemoryLimit(-1); cur != math.MaxInt64 && (cur > want+1<<20 || cur < want-1<<20) {
		debug.SetMemoryLimit(want)
	}
}

// begin counts a query that starts; the function it returns counts its
// end, after which, when no other query runs, the baseline is measured
// again.
func (m *Memory) begin() (end func()) {
	if m == nil {
		return func() {}
	}
	m.state.Lock()
	m.running++
	m.gen++
	if m.running == 1 && readMetric(cyclesMetric) >= m.idleGC+2 {
		// A collection (the runtime's own) started and ended while no
		// query ran: what it found live is the process's own, free.
		m.setBaseline(readMetric(liveMetric))
	}
	if m.running == 1 && heapBytes() > m.stopAt() && time.Since(m.measured) >= m.every {
		// The first query after a pause finds the heap over the mark:
		// garbage (of a query just stopped) or a heap the process grew
		// since the last measurement. A collection tells which, and
		// no query runs yet whose memory it could count as the
		// process's own. (At most once every m.every; otherwise the
		// watchdog's confirming collection sorts out the garbage.)
		m.setBaseline(collectLive())
		m.measured = time.Now()
	}
	m.state.Unlock()
	var once sync.Once
	return func() { once.Do(m.end) }
}

func (m *Memory) end() {
	m.state.Lock()
	defer m.state.Unlock()
	m.running--
	if m.running == 0 {
		m.idleGC = readMetric(cyclesMetric)
	}
	if m.running == 0 && !m.measuring {
		m.measuring = true
		go m.measure()
	}
}

// measure measures the baseline once no query has run for idleFor, and
// measureEvery after the last measurement, unless a query starts before
// it is done: a query running during the collection would have its
// memory counted as the process's own.
func (m *Memory) measure() {
	for {
		m.state.Lock()
		gen := m.gen
		wait := max(idleFor, time.Until(m.measured.Add(m.every)))
		m.state.Unlock()
		time.Sleep(wait)

		m.state.Lock()
		switch {
		case m.running > 0: // the query that ends last measures again
			m.measuring = false
			m.state.Unlock()
			return
		case m.gen != gen: // queries came and went: wait again
			m.state.Unlock()
			continue
		}
		m.state.Unlock()
		live := collectLive()
		m.state.Lock()
		if m.running == 0 && m.gen == gen {
			m.setBaseline(live)
			m.measured = time.Now()
			m.measuring = false
			m.state.Unlock()
			return
		}
		if m.running > 0 {
			m.measuring = false
			m.state.Unlock()
			return
		}
		m.state.Unlock()
	}
}

// over reports whether the heap is over the mark. The size read counts
// garbage, so a reading a little over it is confirmed after a garbage
// collection (otherwise the garbage a stopped script left would stop the
// next scripts too, until the collector next ran), unless the heap is
// past the mark, before or during that collection: a garbage collection
// cannot start while an instruction copies a long string, so a script
// growing fast would run one more instruction while it waited.
func (m *Memory) over() bool {
	at := m.stopAt()
	if heapBytes() <= at {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	switch h := heapBytes(); {
	case h <= at: // another watchdog's collection freed it
		return false
	case h > m.past(at):
		return true
	}
	gcDone := make(chan struct{})
	go func() {
		runtime.GC()
		close(gcDone)
	}()
	tick := time.NewTicker(memorySampleEvery)
	defer tick.Stop()
	for {
		select {
		case <-gcDone:
			return heapBytes() > at
		case <-tick.C:
			if heapBytes() > m.past(at) {
				return true
			}
		}
	}
}

// SetMemoryLimit sets the Go runtime's soft memory limit
// (runtime/debug.SetMemoryLimit) to where the watchdogs of a query
// memory bound of n bytes stop queries: the live heap now plus an
// eighth of n, unless n is 0 or the GOMEMLIMIT environment variable set one.
// Near it the garbage collector runs more often, so that garbage does not
// take the heap past the mark the watchdogs read; each Memory moves it
// with the baseline it measures. A process serving queries calls it once,
// before serving; it returns the previous limit.
func SetMemoryLimit(n int64) int64 {
	if n <= 0 || os.Getenv("GOMEMLIMIT") != "" {
		return debug.SetMemoryLimit(-1)
	}
	live := readMetric(liveMetric)
	if live == 0 {
		live = heapBytes()
	}
	return debug.SetMemoryLimit(int64(live) + n/budgetShare)
}

// watch calls stop, once, when the heap passes the mark at one of the
// checks made every memorySampleEvery. The function it returns ends the
// watching: stop is not called after it returns.
//
// One watchdog goroutine watches for every query of m, while any runs:
// it reads the heap often (a garbage collection that waits to stop the
// world for a script copying a long string freezes it, so it must look
// in the few milliseconds between), at a cost that does not grow with
// the queries running.
func (m *Memory) watch(stop func(*MemoryError)) (end func()) {
	w := &watcher{stop: stop}
	m.wmu.Lock()
	if m.watchers == nil {
		m.watchers = make(map[*watcher]bool)
	}
	m.watchers[w] = true
	if !m.watching {
		m.watching = true
		go m.watchdog()
	}
	m.wmu.Unlock()
	return func() {
		m.wmu.Lock()
		delete(m.watchers, w)
		m.wmu.Unlock()
	}
}

// watcher is a query the watchdog watches.
type watcher struct{ stop func(*MemoryError) }

// watchdog reads the heap every memorySampleEvery while queries run and,
// past the mark, stops every query running.
func (m *Memory) watchdog() {
	tick := time.NewTicker(memorySampleEvery)
	defer tick.Stop()
	for {
		m.wmu.Lock()
		if len(m.watchers) == 0 {
			m.watching = false
			m.wmu.Unlock()
			return
		}
		m.wmu.Unlock()
		if m.over() {
			err := &MemoryError{Limit: m.limit}
			m.wmu.Lock()
			for w := range m.watchers {
				w.stop(err)
				delete(m.watchers, w)
			}
			m.wmu.Unlock()
		}
		<-tick.C
	}
}

// watchContext stops a GraphQL or MQL query when the heap passes m's
// mark, as the sandbox stops a Gizmo script: it returns a context that
// is cancelled, with a *MemoryError as its cause, when the heap is past
// the mark now or at any check while the query runs, and the function
// that stops watching. A nil m watches nothing.
func (m *Memory) watchContext(ctx context.Context) (context.Context, func()) {
	if m == nil {
		return ctx, func() {}
	}
	ctx, cancel := context.WithCancelCause(ctx)
	if m.over() {
		cancel(&MemoryError{Limit: m.limit})
		return ctx, func() {}
	}
	end := m.watch(func(err *MemoryError) { cancel(err) })
	return ctx, func() {
		end()
		cancel(nil)
	}
}
