package sandbox_test

import (
	"context"
	"errors"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
)

// heapNow is the process's heap: live objects and garbage not yet swept.
func heapNow() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// The ways a memory attack ends: refused by a capped built-in, as the
// query's error (a server answers 400), or stopped by the watchdog (503).
const (
	refused = iota
	stopped
)

// TestGizmoMemory runs scripts that allocate without bound, in one call
// of a built-in or in a loop, with a query memory limit of 1 GiB and the
// soft memory limit set as geokg serve sets it. Each ends with a clear
// error (*sandbox.QueryError for a call the sandbox refuses,
// *sandbox.MemoryError for a script the watchdog stopped), the heap stays
// under the limit while it runs (read every millisecond) and comes back
// down after a garbage collection, and the sandbox goes on answering. The
// peak heap during each script is logged (go test -v -run
// TestGizmoMemory).
func TestGizmoMemory(t *testing.T) {
	const limit = 1 << 30
	defer debug.SetMemoryLimit(sandbox.SetMemoryLimit(limit))
	e := newSandboxEnv(t)
	e.mem = sandbox.NewMemory(limit)

	tests := []struct {
		name    string
		script  string
		ends    int // refused or stopped
		wantErr string
	}{
		{"repeat", `"x".repeat(2**31)`, refused, "RangeError: String.prototype.repeat: the call would make or go through 2147483648 characters, more than the 67108864"},
		{"doubling a string", `var s = "x"; while (true) s += s`, stopped, "query stopped: while it ran, the server's heap grew past its own by more than an eighth of the query memory limit of 1 GiB"},
		{"fill a huge sparse array", `new Array(2**32 - 1).fill(0)`, refused, "RangeError: Array.prototype.fill: the call would make or go through 4294967295 elements"},
		{"Uint8Array", `new Uint8Array(2**31)`, refused, "ReferenceError: Uint8Array is not defined"},
		{"ArrayBuffer", `new ArrayBuffer(2**31)`, refused, "ReferenceError: ArrayBuffer is not defined"},
		{"SharedArrayBuffer", `new SharedArrayBuffer(2**31)`, refused, "ReferenceError: SharedArrayBuffer is not defined"},
		{"join a huge sparse array", `new Array(2**32 - 1).join("x")`, refused, "RangeError: Array.prototype.join"},
		{"join long strings", `new Array(1000).fill("x".repeat(1 << 20)).join()`, refused, "RangeError: Array.prototype.join: the call would make or go through"},
		{"join nested arrays", `var a = new Array(32).fill("x".repeat(1 << 20)); new Array(100000).fill(a).join()`, stopped, "query stopped"},
		{"push forever", `var a = []; while (true) a.push(a.length)`, stopped, "query stopped"},
		{"padEnd", `"x".padEnd(2**31)`, refused, "RangeError: String.prototype.padEnd"},
		{"padStart", `"x".padStart(2**31, "ab")`, refused, "RangeError: String.prototype.padStart"},
		{"concat", `var s = "x".repeat(1 << 25); s.concat(s, s)`, refused, "RangeError: String.prototype.concat"},
		{"replaceAll", `"x".repeat(1 << 20).replaceAll("x", "y".repeat(1000))`, refused, "RangeError: String.prototype.replaceAll"},
		{"replace with $'", "\"x\".repeat(1 << 16).replace(/x/g, \"$'\")", refused, "RangeError: String.prototype.replace"},
		{"split", `"x".repeat(1 << 25).split("")`, refused, "RangeError: String.prototype.split"},
		{"Array.prototype.concat", `var a = []; a.length = 2**31; a.concat(a)`, refused, "RangeError: Array.prototype.concat"},
		{"Array.from", `Array.from({length: 2**32})`, refused, "RangeError: Array.from"},
		{"apply", `Math.max.apply(null, new Array(2**30))`, refused, "RangeError: Function.prototype.apply"},
		{"push.apply", `var a = []; a.length = 2**30; [].push.apply([], a)`, refused, "RangeError: Function.prototype.apply"},
		{"Reflect.apply", `Reflect.apply(Math.max, null, {length: 2**30})`, refused, "RangeError: Reflect.apply"},
		{"Object.keys of a long string", `Object.keys("x".repeat(1 << 25))`, refused, "RangeError: Object.keys"},
		{"a length that changes", `var n = 0; Array.prototype.fill.call({get length() { return n++ ? 2**40 : 0 }}, 0)`, refused, "length is a getter"},
		{"a Proxy's length", `Array.prototype.fill.call(new Proxy({length: 0}, {}), 0)`, refused, "on a Proxy"},
		{"map of a huge sparse array", `var a = []; a.length = 2**32 - 1; a.map(function (x) { return x })`, refused, "RangeError: Array.prototype.map"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var (
				peak uint64
				wg   sync.WaitGroup
			)
			done := make(chan struct{})
			wg.Go(func() {
				tick := time.NewTicker(time.Millisecond)
				defer tick.Stop()
				for {
					peak = max(peak, heapNow())
					select {
					case <-done:
						return
					case <-tick.C:
					}
				}
			})
			// 60 s: a hang detector, not a timing assertion.
			_, err := e.run(t, graph.Gizmo, tt.script, 60*time.Second)
			close(done)
			wg.Wait()
			var (
				qe *sandbox.QueryError
				me *sandbox.MemoryError
			)
			switch {
			case errors.Is(err, context.DeadlineExceeded):
				t.Fatalf("not stopped within 60 s")
			case tt.ends == refused && !errors.As(err, &qe):
				t.Errorf("error %v, want a *sandbox.QueryError", err)
			case tt.ends == stopped && !errors.As(err, &me):
				t.Errorf("error %v, want a *sandbox.MemoryError", err)
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want it to hold %q", err, tt.wantErr)
			}
			runtime.GC()
			after := heapNow()
			t.Logf("peak heap %d MiB during the script, %d MiB after a GC", peak>>20, after>>20)
			if peak >= limit {
				t.Errorf("the heap reached %d MiB during the script, want under the limit, %d MiB", peak>>20, limit>>20)
			}
			if after > 512<<20 {
				t.Errorf("after a GC the heap holds %d MiB, want less than 512 MiB", after>>20)
			}
			e.stillAnswers(t)
		})
	}

	// What Gizmo scripts do with these built-ins still works.
	t.Run("ordinary use", func(t *testing.T) {
		script := `g.emit(["ab".repeat(3), "7".padStart(3, "0"), "x".padEnd(3, "-"), "a".concat("b", 1),
			"a-b-a".replaceAll("a", "[$&]"), "a b".split(" "), [1, [2, 3]].join("+"), String([1, 2]),
			[1, 2].concat([3], 4), [0, 0, 0].fill(7, 1), Array.from("abc"), Math.max.apply(null, [1, 5, 2]),
			Object.keys("ab"), [[1], [2]].flat(), Array.prototype.map.call({length: 2, 0: "p", 1: "q"}, function (x) { return x + x }),
			typeof Uint8Array])`
		res, err := e.run(t, graph.Gizmo, script, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		want := []any{[]any{"ababab", "007", "x--", "ab1", "[a]-b-[a]", []any{"a", "b"}, "1+2,3", "1,2",
			[]any{1.0, 2.0, 3.0, 4.0}, []any{0.0, 7.0, 7.0}, []any{"a", "b", "c"}, 5.0, []any{"0", "1"},
			[]any{1.0, 2.0}, []any{"pp", "qq"}, "undefined"}}
		if diff := cmp.Diff(want, res); diff != "" {
			t.Errorf("results (-want +got):\n%s", diff)
		}
	})
}
