package sandbox

import (
	"errors"
	"reflect"
	"unsafe"

	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
)

// This file is the one place geokg reaches into Cayley's
// unexported state: the Gizmo sandbox (sandbox.go) needs the JavaScript
// runtime of a Gizmo session, to harden its built-ins and to interrupt
// it, and Cayley keeps it in the session's unexported field vm. A Cayley
// upgrade that renames the field or changes its type makes sessionVM fail
// with errNoSandbox, and Gizmo queries are then refused rather than run
// unguarded; TestCayleyInternals fails on such an upgrade, naming what
// moved.

// errNoSandbox means that Cayley's Gizmo has changed so that the sandbox
// cannot hold its script engine; scripts are then refused rather than run
// unguarded.
var errNoSandbox = errors.New("the Gizmo sandbox cannot reach the script engine of this version of Cayley; Gizmo queries are refused")

// vmField is the field of gizmo.Session that holds its runtime.
const vmField = "vm"

// sessionVM returns the JavaScript runtime of a Gizmo session, which
// Cayley keeps in an unexported field.
func sessionVM(ses *gizmo.Session) (*goja.Runtime, error) {
	f := reflect.ValueOf(ses).Elem().FieldByName(vmField)
	if !f.IsValid() || f.Type() != reflect.TypeFor[*goja.Runtime]() {
		return nil, errNoSandbox
	}
	vm := reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(*goja.Runtime)
	if vm == nil {
		return nil, errNoSandbox
	}
	return vm, nil
}
