package sandbox

import (
	"context"
	"reflect"
	"testing"

	"github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
)

// TestCayleyInternals checks what cayley_internals.go reaches in Cayley:
// gizmo.Session holds its runtime in a field vm of type *goja.Runtime,
// and that runtime is the one the session runs scripts on (a value set on
// it is what a script reads). It fails on a Cayley upgrade that changes
// either; the sandbox would then refuse every Gizmo query.
func TestCayleyInternals(t *testing.T) {
	f, ok := reflect.TypeFor[gizmo.Session]().FieldByName(vmField)
	if !ok {
		t.Fatalf("gizmo.Session has no field %q any more: the Gizmo sandbox cannot reach its runtime; see cayley_internals.go", vmField)
	}
	if f.Type != reflect.TypeFor[*goja.Runtime]() {
		t.Fatalf("gizmo.Session.%s is a %v, not a *goja.Runtime: the Gizmo sandbox cannot use it; see cayley_internals.go", vmField, f.Type)
	}

	qs, err := graph.NewQuadStore("memstore", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	ses := gizmo.NewSession(qs)
	vm, err := sessionVM(ses)
	if err != nil {
		t.Fatal(err)
	}
	if err := vm.Set("geokgProbe", "reached"); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	it, err := ses.Execute(ctx, `g.emit(geokgProbe)`, query.Options{Collation: query.JSON, Limit: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	if !it.Next(ctx) {
		t.Fatalf("the script emitted nothing: %v", it.Err())
	}
	if got := it.Result(); got != "reached" {
		t.Fatalf("the script read %#v from the runtime sessionVM returned, want \"reached\": it is not the runtime the session runs scripts on", got)
	}
}
