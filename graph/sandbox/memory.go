package sandbox

import (
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/dop251/goja"
)

// Limits of what one call of a built-in may allocate in the Gizmo
// sandbox. goja checks for an interrupt only between JavaScript
// instructions, so a single call ("x".repeat(2**31)) runs to its end
// whatever the memory watchdog decides.
const (
	// maxBuiltinChars is the longest string one call of a string
	// built-in may make, in UTF-16 code units (at most 128 MiB).
	maxBuiltinChars = 64 << 20
	// maxBuiltinElements is the longest array (or array-like) a built-in
	// of Array.prototype may work on, and the most elements one call may
	// make or pass as arguments (16 Mi values: 256 MiB).
	maxBuiltinElements = 16 << 20
)

// binaryGlobals are the constructors of binary buffers, which Gizmo has
// no use for and which allocate what they are asked for in one call
// (new ArrayBuffer(2**31)); the sandbox removes them.
var binaryGlobals = []string{
	"ArrayBuffer", "SharedArrayBuffer", "DataView",
	"Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array",
	"Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
}

// watchMemory has the Memory's watchdog watch the script about to run:
// when the heap passes the mark, it records a MemoryError and interrupts
// the script. After the function it returns, the script is no longer
// watched.
func (sb *gizmoSandbox) watchMemory() (stop func()) {
	if sb.mem == nil {
		return func() {}
	}
	return sb.mem.watch(func(err *MemoryError) {
		sb.stopped.Store(err)
		sb.vm.Interrupt(err)
	})
}

// checkStopped throws once the watchdog has stopped the script: goja
// does not look for an interrupt while built-ins call one another in Go
// (an array's join calling its elements' toString), but each guarded
// built-in looks here first.
func (sb *gizmoSandbox) checkStopped() {
	if err := sb.stopped.Load(); err != nil {
		sb.tooDeep(err.Error())
	}
}

// tooBig throws a RangeError for a call of a built-in that would make
// more than the sandbox allows in one call.
func (sb *gizmoSandbox) tooBig(what string, n float64, limit int, unit string) {
	sb.tooDeep(fmt.Sprintf("%s: the call would make or go through %.0f %s, more than the %d the Gizmo sandbox allows in one call", what, n, unit, limit))
}

// jsLength is the length of a string value in UTF-16 code units.
func (sb *gizmoSandbox) jsLength(s goja.Value) float64 {
	if gs, ok := sb.toString(s).(goja.String); ok {
		return float64(gs.Length())
	}
	return float64(len(utf16.Encode([]rune(s.String()))))
}

// toString converts v to a string value, as ToString does.
func (sb *gizmoSandbox) toString(v goja.Value) goja.Value {
	s := v.ToString()
	if _, ok := s.(goja.String); ok {
		return s
	}
	return sb.vm.ToValue(s.String())
}

// hardenMemory removes the binary buffers and caps the built-ins that
// can allocate, or loop, without bound in one call: the string methods
// that make long strings (repeat, padStart, padEnd, concat, replace,
// replaceAll, split), every method of Array.prototype (on arrays and
// array-likes longer than maxBuiltinElements, and join's result),
// Array.from, Function.prototype.apply, Reflect.apply and
// Reflect.construct (argument lists), and Object.keys and its kin (on
// long strings).
func (sb *gizmoSandbox) hardenMemory() error {
	vm := sb.vm
	glob := vm.GlobalObject()
	for _, name := range binaryGlobals {
		glob.Delete(name)
	}
	object := sb.object
	// wrap replaces on[key] by a function that checks the call first;
	// check may hand on a converted this and arguments.
	wrap := func(on *goja.Object, key string, check func(call goja.FunctionCall) (goja.Value, []goja.Value)) error {
		orig, ok := goja.AssertFunction(on.Get(key))
		if !ok {
			return fmt.Errorf("%s is not a function", key)
		}
		return on.Set(key, sb.native(key, func(call goja.FunctionCall) goja.Value {
			sb.checkStopped()
			this, args := check(call)
			return sb.callOriginal(orig, this, args)
		}))
	}
	gopdObj, err := object("Object.getOwnPropertyDescriptor")
	if err != nil {
		return err
	}
	gopd, ok := goja.AssertFunction(gopdObj)
	if !ok {
		return fmt.Errorf("Object.getOwnPropertyDescriptor is not a function")
	}
	lengthOf := func(what string, v goja.Value) float64 { return sb.lengthOf(what, v, gopd) }

	// Strings.
	strProto, err := object("String.prototype")
	if err != nil {
		return err
	}
	// str converts this to a string once, so a toString cannot show the
	// check one string and the built-in another.
	str := func(this goja.Value) goja.Value {
		if this == nil || goja.IsUndefined(this) || goja.IsNull(this) {
			return this // the built-in throws its TypeError
		}
		return sb.toString(this)
	}
	strArgs := func(args []goja.Value) []goja.Value {
		out := make([]goja.Value, len(args))
		for i, a := range args {
			out[i] = sb.toString(a)
		}
		return out
	}
	strChecks := map[string]func(call goja.FunctionCall) (goja.Value, []goja.Value){
		"repeat": func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			s := str(call.This)
			n := call.Argument(0).ToNumber()
			if s != nil && !goja.IsUndefined(s) && !goja.IsNull(s) {
				if c := math.Trunc(n.ToFloat()); c > 0 && !math.IsInf(c, 0) && sb.jsLength(s)*c > maxBuiltinChars {
					sb.tooBig("String.prototype.repeat", sb.jsLength(s)*c, maxBuiltinChars, "characters")
				}
			}
			return s, []goja.Value{n}
		},
		"concat": func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			s := str(call.This)
			args := strArgs(call.Arguments)
			if s != nil && !goja.IsUndefined(s) && !goja.IsNull(s) {
				total := sb.jsLength(s)
				for _, a := range args {
					total += sb.jsLength(a)
				}
				if total > maxBuiltinChars {
					sb.tooBig("String.prototype.concat", total, maxBuiltinChars, "characters")
				}
			}
			return s, args
		},
		"split": func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			s := str(call.This)
			if s == nil || goja.IsUndefined(s) || goja.IsNull(s) {
				return s, call.Arguments
			}
			sep, limit := call.Argument(0), call.Argument(1)
			n := sb.jsLength(s) + 1 // a pattern may match at every position
			if _, isObj := sep.(*goja.Object); !isObj && !goja.IsUndefined(sep) {
				sep = sb.toString(sep)
				if p := sep.String(); p != "" {
					n = float64(strings.Count(s.String(), p) + 1)
				}
			}
			if !goja.IsUndefined(limit) {
				limit = limit.ToNumber()
				if l := float64(uint32(limit.ToInteger())); l < n {
					n = l
				}
			}
			if n > maxBuiltinElements {
				sb.tooBig("String.prototype.split", n, maxBuiltinElements, "elements")
			}
			return s, []goja.Value{sep, limit}
		},
	}
	for _, name := range []string{"padStart", "padEnd"} {
		strChecks[name] = func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			s := str(call.This)
			n := call.Argument(0).ToNumber()
			if s != nil && !goja.IsUndefined(s) && !goja.IsNull(s) {
				if l := n.ToFloat(); l > maxBuiltinChars && l > sb.jsLength(s) {
					sb.tooBig("String.prototype."+name, l, maxBuiltinChars, "characters")
				}
			}
			return s, append([]goja.Value{n}, call.Arguments[min(1, len(call.Arguments)):]...)
		}
	}
	for _, name := range []string{"replace", "replaceAll"} {
		strChecks[name] = func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			s := str(call.This)
			pattern, repl := call.Argument(0), call.Argument(1)
			if s == nil || goja.IsUndefined(s) || goja.IsNull(s) {
				return s, call.Arguments
			}
			if _, isFn := goja.AssertFunction(repl); isFn {
				return s, call.Arguments // each result comes from script code, which the watchdog sees
			}
			repl = sb.toString(repl)
			n := sb.jsLength(s)
			matches := n + 1 // a pattern may match at every position
			if _, isObj := pattern.(*goja.Object); !isObj {
				pattern = sb.toString(pattern)
				switch p := pattern.String(); {
				case name == "replace":
					matches = 1
				case p != "":
					matches = float64(strings.Count(s.String(), p))
				}
			}
			// "$`" and "$'" insert up to the whole string at each match;
			// "$&" and "$1" … insert matches, which hold at most the
			// whole string between them.
			r := repl.String()
			whole := float64(strings.Count(r, "$`") + strings.Count(r, "$'"))
			parts := float64(strings.Count(r, "$")) - whole
			if est := n + matches*sb.jsLength(repl) + parts*n + matches*whole*n; est > maxBuiltinChars {
				sb.tooBig("String.prototype."+name, est, maxBuiltinChars, "characters")
			}
			return s, []goja.Value{pattern, repl}
		}
	}
	for name, check := range strChecks {
		if err := wrap(strProto, name, check); err != nil {
			return err
		}
	}

	// Arrays: every method of Array.prototype loops in Go over the
	// array's length (holes included), so each is refused on an array
	// or array-like longer than maxBuiltinElements.
	arrayProto, err := object("Array.prototype")
	if err != nil {
		return err
	}
	for _, name := range arrayProto.GetOwnPropertyNames() {
		if name == "constructor" {
			continue
		}
		if _, ok := goja.AssertFunction(arrayProto.Get(name)); !ok {
			continue
		}
		what := "Array.prototype." + name
		if err := wrap(arrayProto, name, func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			n := lengthOf(what, call.This)
			switch name {
			case "join", "toString", "toLocaleString":
				sb.checkJoin(what, call, n)
			case "concat":
				for _, a := range call.Arguments {
					if o, ok := a.(*goja.Object); ok && (o.ClassName() == "Array" || o.ExportType() == proxyType || o.GetSymbol(goja.SymIsConcatSpreadable).ToBoolean()) {
						n += lengthOf(what, o)
					} else {
						n++
					}
				}
			case "flat", "flatMap":
				if this, ok := call.This.(*goja.Object); ok && n <= maxBuiltinElements {
					total := 0.0
					for i := range int64(n) {
						if el, ok := this.Get(strconv.FormatInt(i, 10)).(*goja.Object); ok && el.ClassName() == "Array" {
							total += lengthOf(what, el)
						} else {
							total++
						}
					}
					n = total
				}
			}
			if n > maxBuiltinElements {
				sb.tooBig(what, n, maxBuiltinElements, "elements")
			}
			return call.This, call.Arguments
		}); err != nil {
			return err
		}
	}
	arrayCtor, err := object("Array")
	if err != nil {
		return err
	}
	if err := wrap(arrayCtor, "from", func(call goja.FunctionCall) (goja.Value, []goja.Value) {
		if n := lengthOf("Array.from", call.Argument(0)); n > maxBuiltinElements {
			sb.tooBig("Array.from", n, maxBuiltinElements, "elements")
		}
		return call.This, call.Arguments
	}); err != nil {
		return err
	}

	// Argument lists.
	funcProto, err := object("Function.prototype")
	if err != nil {
		return err
	}
	if err := wrap(funcProto, "apply", func(call goja.FunctionCall) (goja.Value, []goja.Value) {
		if n := lengthOf("Function.prototype.apply", call.Argument(1)); n > maxBuiltinElements {
			sb.tooBig("Function.prototype.apply", n, maxBuiltinElements, "arguments")
		}
		return call.This, call.Arguments
	}); err != nil {
		return err
	}
	reflectObj, err := object("Reflect")
	if err != nil {
		return err
	}
	for _, name := range []string{"apply", "construct"} {
		arg := 2
		if name == "construct" {
			arg = 1
		}
		if err := wrap(reflectObj, name, func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			if n := lengthOf("Reflect."+name, call.Argument(arg)); n > maxBuiltinElements {
				sb.tooBig("Reflect."+name, n, maxBuiltinElements, "arguments")
			}
			return call.This, call.Arguments
		}); err != nil {
			return err
		}
	}

	// The keys of a long string: one string for each character.
	objectCtor, err := object("Object")
	if err != nil {
		return err
	}
	keyed := func(what string, on *goja.Object, key string) error {
		return wrap(on, key, func(call goja.FunctionCall) (goja.Value, []goja.Value) {
			v := call.Argument(0)
			if o, ok := v.(*goja.Object); ok && o.ClassName() == "String" {
				v = o.Get("length")
			} else if _, ok := v.(*goja.Object); ok || v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
				return call.This, call.Arguments
			} else {
				v = vm.ToValue(sb.jsLength(v))
			}
			if n := float64(v.ToInteger()); n > maxBuiltinElements {
				sb.tooBig(what, n, maxBuiltinElements, "keys")
			}
			return call.This, call.Arguments
		})
	}
	for _, name := range []string{"keys", "values", "entries", "getOwnPropertyNames", "getOwnPropertyDescriptors"} {
		if err := keyed("Object."+name, objectCtor, name); err != nil {
			return err
		}
	}
	return keyed("Reflect.ownKeys", reflectObj, "ownKeys")
}

// proxyType is the type goja exports a Proxy as.
var proxyType = reflect.TypeFor[goja.Proxy]()

// lengthOf is the length a built-in of Array.prototype would read from
// v: a string's, or an object's "length" as an integer. It refuses a
// Proxy, and an object whose length is a getter, anywhere on its
// prototype chain: either could report one length to the check and
// another to the built-in. gopd is Object.getOwnPropertyDescriptor as it
// was before the script ran.
func (sb *gizmoSandbox) lengthOf(what string, v goja.Value, gopd goja.Callable) float64 {
	if v == nil || goja.IsUndefined(v) || goja.IsNull(v) {
		return 0
	}
	obj, ok := v.(*goja.Object)
	if !ok {
		if s, isStr := v.(goja.String); isStr {
			return float64(s.Length())
		}
		return 0
	}
	if obj.ExportType() == proxyType {
		sb.tooDeep(what + ": the Gizmo sandbox does not run this built-in on a Proxy")
	}
	if obj.ClassName() != "Array" {
		for p := obj; p != nil; p = p.Prototype() {
			if p.ExportType() == proxyType {
				sb.tooDeep(what + ": the Gizmo sandbox does not run this built-in on an object with a Proxy as its prototype")
			}
			d, err := gopd(goja.Undefined(), p, sb.vm.ToValue("length"))
			if err != nil {
				panic(err)
			}
			if desc, ok := d.(*goja.Object); ok {
				if defined(desc.Get("get")) || defined(desc.Get("set")) {
					sb.tooDeep(what + ": the Gizmo sandbox does not run this built-in on an object whose length is a getter")
				}
				break
			}
		}
	}
	n := obj.Get("length")
	if n == nil {
		return 0
	}
	f := n.ToNumber().ToFloat()
	if math.IsNaN(f) || f < 0 {
		return 0
	}
	return math.Trunc(f)
}

// checkJoin refuses a join (or toString, toLocaleString) of n elements
// whose result would be longer than maxBuiltinChars, counting the
// separators and the elements that are strings; an element that is an
// object is counted when its own join or toString runs.
func (sb *gizmoSandbox) checkJoin(what string, call goja.FunctionCall, n float64) {
	if n > maxBuiltinElements || n == 0 {
		return // refused for its length, or nothing to join
	}
	sepLen := 1.0
	if what == "Array.prototype.join" {
		if sep := call.Argument(0); !goja.IsUndefined(sep) {
			sepLen = sb.jsLength(sep)
		}
	}
	total := (n - 1) * sepLen
	if total > maxBuiltinChars {
		sb.tooBig(what, total, maxBuiltinChars, "characters")
	}
	this, ok := call.This.(*goja.Object)
	if !ok {
		return
	}
	for i := range int64(n) {
		if el, ok := this.Get(strconv.FormatInt(i, 10)).(goja.String); ok {
			total += float64(el.Length())
		}
		if total > maxBuiltinChars {
			sb.tooBig(what, total, maxBuiltinChars, "characters")
		}
	}
}

// defined reports whether v is a value other than undefined.
func defined(v goja.Value) bool { return v != nil && !goja.IsUndefined(v) }
