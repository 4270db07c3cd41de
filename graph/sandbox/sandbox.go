package sandbox

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"reflect"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/gizmo"
	"github.com/dop251/goja"
)

// Limits of the Gizmo sandbox.
const (
	// maxCallDepth is the deepest a script's calls may nest; deeper, it
	// fails with "RangeError: Maximum call stack size exceeded" instead of
	// growing its stack until the query timeout.
	maxCallDepth = 4096
	// maxCayleyDepth is the deepest calls of Cayley's functions may nest
	// (a ForEach callback that runs a ForEach …): goja's own limit does
	// not see these, and each holds Go stack.
	maxCayleyDepth = 64
	// maxValueDepth is the deepest a value a script hands to Cayley (an
	// argument of g.V, g.emit, a path method …) may nest.
	maxValueDepth = 64
	// maxValueNodes is the most objects and array elements such a value
	// may hold.
	maxValueNodes = 1 << 20
	// maxScriptTokens is the most tokens a script (or a string given to
	// eval or Function) may have. goja's parser and compiler recurse, in
	// Go, once for each level a script nests, and a script of a megabyte
	// of "[" or "a<" nests deep enough to overflow the Go stack, which is
	// fatal; nesting cannot exceed the number of tokens, whatever the
	// script's strings and comments hold. 20,000 tokens are a script of
	// about 80 KB of code, and parse within about 130 MB of stack.
	maxScriptTokens = 20_000
	// maxNesting is the deepest goja's built-ins that recurse in Go over
	// a script's data (JSON.parse, JSON.stringify, Array.prototype.join,
	// toString, toLocaleString, flat) may go.
	maxNesting = 1000
	// runnerName is the global through which the sandbox runs a script;
	// it is gone before the script starts.
	runnerName = "__geokg_run"
)

// gizmoSandbox runs Gizmo scripts so that no script can bring the process down.
// Gizmo runs JavaScript in goja, whose environment has no file system,
// network, process, timers or module loader to begin with (the tests
// check); what the sandbox adds is protection of the process itself:
//
//   - a Go panic in Cayley's code, which a bad argument can cause
//     (g.V().Out("<p>", 1)), would end the whole server, because Gizmo runs
//     each script on a goroutine of its own; the sandbox runs the script
//     below a recover, and calls Cayley's functions below one, and turns
//     the panic into an exception;
//
//   - a value nested a million deep, or one that holds itself, overflows
//     the Go stack (which is fatal) wherever Go walks it recursively: when
//     Cayley converts an argument, the script's value or what it throws,
//     and in goja's parser and some of its built-ins; the sandbox copies
//     every argument within depth and size limits, discards the script's
//     value, reports what a script throws without converting it, limits
//     the tokens of the code it compiles and guards the built-ins (see
//     hardenBuiltins);
//
//   - recursion stops at maxCallDepth calls, and at maxCayleyDepth calls
//     of Cayley's functions (a callback that runs itself through a path).
//
//   - while a script runs, a watchdog stops it when the server's heap
//     passes the query memory limit (see watchMemory), and the built-ins
//     that could allocate without bound in one call, where no interrupt
//     reaches, are capped or removed (see hardenMemory).
//
// It does not bound the CPU a single built-in takes. It implements
// query.Session.
type gizmoSandbox struct {
	ses   *gizmo.Session
	vm    *goja.Runtime
	logf  func(format string, args ...any)
	prog  *goja.Program // the script the runner runs next
	depth int           // calls of Cayley's functions under way
	nest  int           // calls of the built-ins that recurse, under way

	rangeError goja.Value // the RangeError constructor, as it was before the script

	mem     *Memory                     // the server's memory limit; nil: none
	stopped atomic.Pointer[MemoryError] // set when the watchdog stops the script
}

// newSandbox returns a Gizmo session on qs in the sandbox; logf logs the
// panics it stops, and mem, unless nil, limits the heap while a script
// runs.
func newSandbox(qs cgraph.QuadStore, logf func(format string, args ...any), mem *Memory) (*gizmoSandbox, error) {
	ses := gizmo.NewSession(qs)
	vm, err := sessionVM(ses)
	if err != nil {
		return nil, err
	}
	vm.SetMaxCallStackSize(maxCallDepth)
	sb := &gizmoSandbox{ses: ses, vm: vm, logf: logf, rangeError: vm.Get("RangeError"), mem: mem}
	if err := sb.hardenBuiltins(); err != nil {
		return nil, fmt.Errorf("gizmo sandbox: %w", err)
	}
	if err := sb.hardenMemory(); err != nil {
		return nil, fmt.Errorf("gizmo sandbox: %w", err)
	}
	// Every global Cayley defines (graph, g, iri, str, lt, regex …) is
	// enumerable; goja's built-ins are not.
	glob := vm.GlobalObject()
	guarded := make(map[*goja.Object]goja.Value)
	for _, name := range glob.Keys() {
		v := glob.Get(name)
		if o, ok := v.(*goja.Object); ok {
			if g, ok := guarded[o]; ok { // g and graph are one object
				v = g
			} else {
				v = sb.guard(name, v)
				guarded[o] = v
			}
		}
		if err := glob.Set(name, v); err != nil {
			return nil, fmt.Errorf("gizmo sandbox: guard %s: %w", name, err)
		}
	}
	return sb, nil
}

// Execute compiles the script and has Cayley run, in its place, the
// runner, which runs the script under the sandbox's guard.
func (sb *gizmoSandbox) Execute(ctx context.Context, text string, opt query.Options) (query.Iterator, error) {
	if err := checkTokens("the script", text); err != nil {
		return nil, err
	}
	p, err := goja.Compile("", text, false)
	if err != nil {
		return nil, err
	}
	sb.prog = p
	if err := sb.vm.Set(runnerName, sb.run); err != nil {
		return nil, fmt.Errorf("gizmo sandbox: %w", err)
	}
	return sb.ses.Execute(ctx, runnerName+"()", opt)
}

// scriptError is how a Gizmo script failed: the exception it threw, or
// a failure of Cayley's code that the sandbox stopped.
type scriptError struct{ msg string }

func (e *scriptError) Error() string { return e.msg }

// run is the runner: it runs the script on Cayley's goroutine for it,
// below a recover, and ends by returning undefined (so Cayley converts no
// value of the script's) or by throwing a Go error with the script's
// failure, which Cayley reports as the query's error. An interrupt (the
// query timeout) and a stack overflow go on up, as goja wants.
func (sb *gizmoSandbox) run(goja.FunctionCall) goja.Value {
	glob := sb.vm.GlobalObject()
	glob.Delete(runnerName) // no second run from within the script
	p := sb.prog
	sb.prog = nil
	if p == nil {
		panic(sb.vm.NewTypeError("no script to run"))
	}
	stop := sb.watchMemory()
	// Gizmo runs the script on a goroutine of its own, which reads the
	// store: a fault reading a bolt file cut short under it becomes a
	// panic the runner stops, not the end of the process.
	prev := debug.SetPanicOnFault(true)
	err, crash := sb.runProgram(p)
	debug.SetPanicOnFault(prev)
	stop()
	if me := sb.stopped.Load(); me != nil {
		// Stopped by the watchdog, which has ended: the interrupt has
		// done its work, and the runner throws the reason instead, which
		// Cayley reports as the query's error.
		sb.vm.ClearInterrupt()
		panic(sb.vm.ToValue(me))
	}
	switch {
	case crash != nil:
		sb.logf("gizmo: a script made Cayley's Gizmo panic: %v\n%s", crash.value, crash.stack)
		panic(sb.vm.ToValue(&scriptError{msg: "Gizmo could not run the query: " + panicMessage(crash.value)}))
	case err == nil:
		return goja.Undefined()
	}
	var so *goja.StackOverflowError
	switch {
	case errors.As(err, &so):
		panic(sb.vm.ToValue(&scriptError{msg: fmt.Sprintf("RangeError: maximum call stack size exceeded: calls nest deeper than %d%s", maxCallDepth, position(so.Stack()))}))
	}
	if ex, ok := err.(*goja.Exception); ok {
		panic(sb.vm.ToValue(&scriptError{msg: sb.describe(ex)}))
	}
	panic(err) // uncatchable: interrupted by the query timeout
}

// crash is a panic the runner stopped.
type crash struct {
	value any
	stack []byte
}

func (sb *gizmoSandbox) runProgram(p *goja.Program) (err error, c *crash) {
	defer func() {
		if v := recover(); v != nil {
			c = &crash{value: v, stack: debug.Stack()}
		}
	}()
	_, err = sb.vm.RunProgram(p)
	return err, nil
}

// panicMessage is what a client learns of a panic: its message, unless
// it could name a source file or hold a trace.
func panicMessage(v any) string {
	msg := fmt.Sprint(v)
	if len(msg) > 300 || strings.Contains(msg, ".go:") || strings.Contains(msg, "goroutine") || strings.Contains(msg, "/") {
		return "an internal error in Cayley's Gizmo"
	}
	return msg
}

// describe tells what a script threw, in goja's words ("Error: boom at
// <eval>:1:7(2)"), without converting the value to Go: a thrown value may
// be nested too deep for that.
func (sb *gizmoSandbox) describe(ex *goja.Exception) string {
	var msg string
	v := ex.Value()
	obj, isObj := v.(*goja.Object)
	switch {
	case v == nil:
		msg = "undefined"
	case isObj && obj.ExportType() != nil && obj.ExportType().Implements(reflect.TypeFor[error]()):
		// A Go error Cayley threw: its message, as Cayley reports it.
		if inner, ok := obj.Export().(*goja.Exception); ok {
			return sb.describe(inner) // a script's exception, passed on by a path's ForEach
		}
		if err, ok := obj.Export().(error); ok {
			return err.Error()
		}
		msg = "an error"
	case isObj && obj.ClassName() == "Error":
		var name, text string
		if ex := sb.vm.Try(func() {
			name, text = primitive(obj.Get("name")), primitive(obj.Get("message"))
		}); ex != nil {
			name, text = "Error", "(its message could not be read)"
		}
		msg = name
		if text != "" {
			msg += ": " + text
		}
	case isObj:
		msg = "uncaught " + obj.ClassName() + " (throw an Error to give a message)"
	default:
		msg = primitive(v)
	}
	return msg + position(ex.Stack())
}

// position is " at <eval>:LINE:COLUMN(PC)", the innermost frame of the
// script in stack, or "" when it has none. Frames of Go functions are
// skipped: they would name the server's code.
func position(stack []goja.StackFrame) string {
	for _, f := range stack {
		if f.SrcName() == "<native>" {
			continue
		}
		var b bytes.Buffer
		b.WriteString(" at ")
		f.Write(&b)
		return b.String()
	}
	return ""
}

// primitive is a primitive value as a string of at most 500 bytes; an
// object is not converted.
func primitive(v goja.Value) string {
	if v == nil {
		return ""
	}
	if _, ok := v.(*goja.Object); ok {
		return "[object]"
	}
	s := v.String()
	if len(s) > 500 {
		s = s[:500] + "…"
	}
	return s
}

// guard returns v as scripts see it in the sandbox: a function of
// Cayley's as one that copies its arguments first (see copier), an object
// of Cayley's (the graph object, a path, a filter) as one whose methods
// do, anything else as it is.
func (sb *gizmoSandbox) guard(name string, v goja.Value) goja.Value {
	obj, ok := v.(*goja.Object)
	if !ok {
		return v
	}
	if fn, ok := goja.AssertFunction(obj); ok {
		return sb.native(name, func(call goja.FunctionCall) goja.Value {
			return sb.call(name, fn, goja.Undefined(), call.Arguments)
		})
	}
	if fromCayley(obj.ExportType()) {
		return sb.vm.NewDynamicObject(&guarded{sb: sb, target: obj})
	}
	return v
}

// native returns f as a JavaScript function called name (rather than by
// its Go name, which would show the server's code to scripts).
func (sb *gizmoSandbox) native(name string, f func(goja.FunctionCall) goja.Value) goja.Value {
	fn := sb.vm.ToValue(f).(*goja.Object)
	fn.DefineDataProperty("name", sb.vm.ToValue(name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
	return fn
}

// fromCayley reports whether t is a type of Cayley's Gizmo (its graph
// object, paths, filters).
func fromCayley(t reflect.Type) bool {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t != nil && strings.HasPrefix(t.PkgPath(), "github.com/cayleygraph/cayley/")
}

// call calls Cayley's function fn with copies of the arguments and
// guards what it returns. An exception fn throws goes on to the script.
func (sb *gizmoSandbox) call(name string, fn goja.Callable, this goja.Value, args []goja.Value) goja.Value {
	if sb.depth >= maxCayleyDepth {
		panic(sb.vm.NewTypeError(fmt.Sprintf("%s: calls of Gizmo's functions nest deeper than %d (a callback that calls itself through a path?)", name, maxCayleyDepth)))
	}
	sb.depth++
	defer func() { sb.depth-- }()
	c := copier{vm: sb.vm, done: make(map[*goja.Object]copied), busy: make(map[*goja.Object]bool)}
	safe := make([]goja.Value, len(args))
	for i, a := range args {
		v, _, err := c.copy(a, 0)
		if err != nil {
			panic(sb.vm.NewTypeError(fmt.Sprintf("%s: argument %d: %v", name, i+1, err)))
		}
		safe[i] = v
	}
	res, err, crash := callCayley(fn, this, safe)
	if crash != nil {
		sb.logf("gizmo: %s made Cayley's Gizmo panic: %v\n%s", name, crash.value, crash.stack)
		panic(sb.vm.NewTypeError(fmt.Sprintf("%s: %s", name, panicMessage(crash.value))))
	}
	if err != nil {
		panic(err) // a *goja.Exception is thrown on to the script; an interrupt goes on up
	}
	return sb.guard(name, res)
}

// callCayley calls fn and stops a panic in it, which goja lets through
// when it is not one of its own.
func callCayley(fn goja.Callable, this goja.Value, args []goja.Value) (res goja.Value, err error, c *crash) {
	defer func() {
		if v := recover(); v != nil {
			if e, ok := v.(error); ok && uncatchable(e) {
				panic(v)
			}
			c = &crash{value: v, stack: debug.Stack()}
		}
	}()
	res, err = fn(this, args...)
	return res, err, nil
}

// uncatchable reports whether err is one of goja's exceptions that
// scripts cannot catch: an interrupt or a stack overflow.
func uncatchable(err error) bool {
	var (
		ie *goja.InterruptedError
		so *goja.StackOverflowError
	)
	return errors.As(err, &ie) || errors.As(err, &so)
}

// guarded is an object of Cayley's as a script sees it: its properties
// are the object's, its methods guarded, and it cannot be changed.
type guarded struct {
	sb     *gizmoSandbox
	target *goja.Object
}

func (g *guarded) Get(key string) goja.Value {
	v := g.target.Get(key)
	if v == nil {
		return nil
	}
	if fn, ok := goja.AssertFunction(v); ok {
		return g.sb.native(key, func(call goja.FunctionCall) goja.Value {
			return g.sb.call(key, fn, g.target, call.Arguments)
		})
	}
	return g.sb.guard(key, v)
}

func (g *guarded) Set(string, goja.Value) bool { return false }
func (g *guarded) Has(key string) bool         { return g.target.Get(key) != nil }
func (g *guarded) Delete(string) bool          { return false }
func (g *guarded) Keys() []string              { return g.target.Keys() }

var (
	guardedType = reflect.TypeFor[*guarded]()
	timeType    = reflect.TypeFor[time.Time]()
)

// Why a value cannot be handed to Cayley.
var (
	errTooDeep  = fmt.Errorf("the value nests deeper than %d levels", maxValueDepth)
	errTooLarge = fmt.Errorf("the value holds more than %d objects and elements", maxValueNodes)
	errCyclic   = errors.New("the value contains itself")
)

// copier copies the values a script hands to Cayley into plain arrays and
// objects of data properties, within maxValueDepth and maxValueNodes.
// Cayley converts its arguments to Go recursively, so a value nested a
// million deep would overflow the Go stack, which no recover stops; and a
// getter or proxy could show a check one value and Cayley another, so
// Cayley gets the copy that was checked. Unguarded objects of Cayley's
// are handed on as they are, and so are functions (callbacks), dates and
// Cayley's quad values, which convert without recursion.
type copier struct {
	vm    *goja.Runtime
	done  map[*goja.Object]copied
	busy  map[*goja.Object]bool
	nodes int
}

// copied is a value already copied, and how deep it nests.
type copied struct {
	v      goja.Value
	height int
}

// copy returns a copy of v, at the given depth, and how deep the copy
// nests.
func (c *copier) copy(v goja.Value, depth int) (goja.Value, int, error) {
	obj, ok := v.(*goja.Object)
	if !ok {
		return v, 0, nil
	}
	if _, ok := goja.AssertFunction(obj); ok {
		return obj, 0, nil
	}
	t := obj.ExportType()
	switch {
	case t == guardedType:
		return obj.Export().(*guarded).target, 0, nil
	case t == timeType, fromCayley(t), t != nil && t.PkgPath() == "github.com/cayleygraph/quad":
		return obj, 0, nil
	}
	if d, ok := c.done[obj]; ok {
		if depth+d.height > maxValueDepth {
			return nil, 0, errTooDeep
		}
		return d.v, d.height, nil
	}
	if depth >= maxValueDepth {
		return nil, 0, errTooDeep
	}
	if c.busy[obj] {
		return nil, 0, errCyclic
	}
	c.busy[obj] = true
	defer delete(c.busy, obj)
	if c.nodes++; c.nodes > maxValueNodes {
		return nil, 0, errTooLarge
	}

	height := 0
	child := func(cv goja.Value) (goja.Value, error) {
		if c.nodes++; c.nodes > maxValueNodes {
			return nil, errTooLarge
		}
		v, h, err := c.copy(cv, depth+1)
		height = max(height, h+1)
		return v, err
	}
	var out goja.Value
	if obj.ClassName() == "Array" {
		n := obj.Get("length").ToInteger()
		if n < 0 || n > int64(maxValueNodes-c.nodes) {
			return nil, 0, errTooLarge
		}
		elems := make([]any, n)
		for i := range n {
			v, err := child(obj.Get(strconv.FormatInt(i, 10)))
			if err != nil {
				return nil, 0, err
			}
			elems[i] = v
		}
		out = c.vm.NewArray(elems...)
	} else {
		keys := obj.Keys()
		if len(keys) > maxValueNodes-c.nodes {
			return nil, 0, errTooLarge
		}
		o := c.vm.NewObject()
		for _, k := range keys {
			v, err := child(obj.Get(k))
			if err != nil {
				return nil, 0, err
			}
			if err := o.Set(k, v); err != nil {
				return nil, 0, err
			}
		}
		out = o
	}
	c.done[obj] = copied{v: out, height: height}
	return out, height, nil
}

// checkTokens fails when src, the script or a string to compile, has more
// than maxScriptTokens tokens.
func checkTokens(what, src string) error {
	if n := scriptTokens(src, maxScriptTokens); n > maxScriptTokens {
		return fmt.Errorf("%s has more than %d tokens, the most the Gizmo sandbox compiles (deeper nesting could crash the server)", what, maxScriptTokens)
	}
	return nil
}

// scriptTokens counts the tokens of a JavaScript text, stopping past
// limit: each run of identifier characters (a name, a keyword, a number)
// and each other character that is not white space. Strings and block
// comments count as if they were code, since telling them apart would
// need the parser this guards; only a line that starts with // and holds
// no "${" (so it is neither code nor within a template's expression) is
// skipped, so that long commented scripts pass.
func scriptTokens(src string, limit int) int {
	n := 0
	for line := range strings.FieldsFuncSeq(src, func(r rune) bool {
		return r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029'
	}) {
		if t := strings.TrimLeft(line, " \t\v\f"); strings.HasPrefix(t, "//") && !strings.Contains(t, "${") {
			continue
		}
		inName := false
		for _, r := range line {
			switch {
			case r == '_' || r == '$' || unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.In(r, unicode.Mn, unicode.Mc, unicode.Pc):
				if !inName {
					n++
				}
				inName = true
				continue
			case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r) || r == '\ufeff':
			default:
				n++
			}
			inName = false
		}
		if n > limit {
			break
		}
	}
	return n
}

// jsonDepth returns how deep the arrays and objects of a JSON text nest,
// stopping past limit.
func jsonDepth(text string, limit int) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '[' || c == '{':
			depth++
			if depth > deepest {
				if deepest = depth; deepest > limit {
					return deepest
				}
			}
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// tooDeep throws a RangeError from a built-in the sandbox guards.
func (sb *gizmoSandbox) tooDeep(msg string) {
	if ctor, ok := goja.AssertConstructor(sb.rangeError); ok {
		if e, err := ctor(nil, sb.vm.ToValue(msg)); err == nil {
			panic(e)
		}
	}
	panic(sb.vm.NewTypeError(msg))
}

// hardenBuiltins replaces the built-ins of goja that recurse in Go over
// what a script gives them, without a bound: the compilers of code given
// as a string (eval, Function and its kin), JSON.parse and
// JSON.stringify, and Array.prototype.join, toString, toLocaleString and
// flat. A nested array joined a million deep, or an array that holds
// itself (a[0] = a; String(a)), overflows the Go stack. Each replacement
// checks what it is given, or counts how deep it is called, and then
// calls the original, which scripts can no longer reach.
func (sb *gizmoSandbox) hardenBuiltins() error {
	vm := sb.vm
	object := sb.object
	replace := func(on *goja.Object, key string, wrap func(orig goja.Callable) goja.Value) error {
		orig, ok := goja.AssertFunction(on.Get(key))
		if !ok {
			return fmt.Errorf("%s is not a function", key)
		}
		return on.Set(key, wrap(orig))
	}

	// Code given as a string. eval becomes an indirect eval: the code
	// runs in the global scope, not the caller's.
	glob := vm.GlobalObject()
	if err := replace(glob, "eval", func(orig goja.Callable) goja.Value {
		return sb.native("eval", func(call goja.FunctionCall) goja.Value {
			src, ok := call.Argument(0).Export().(string)
			if !ok {
				return call.Argument(0) // eval returns what is not a string
			}
			if err := checkTokens("the code given to eval", src); err != nil {
				sb.tooDeep(err.Error())
			}
			return sb.callOriginal(orig, goja.Undefined(), []goja.Value{vm.ToValue(src)})
		})
	}); err != nil {
		return err
	}
	for _, ctor := range []struct{ name, proto string }{
		{"Function", "Function.prototype"},
		{"GeneratorFunction", "Object.getPrototypeOf(function*(){})"},
		{"AsyncFunction", "Object.getPrototypeOf(async function(){})"},
	} {
		proto, err := object(ctor.proto)
		if err != nil {
			return err
		}
		orig, ok := goja.AssertFunction(proto.Get("constructor"))
		if !ok {
			return fmt.Errorf("%s has no constructor", ctor.proto)
		}
		fn := vm.ToValue(func(call goja.ConstructorCall) *goja.Object {
			args := make([]goja.Value, len(call.Arguments))
			var all strings.Builder
			for i, a := range call.Arguments {
				s := a.String()
				all.WriteString(s)
				all.WriteByte('\n')
				args[i] = vm.ToValue(s)
			}
			if err := checkTokens("the code given to "+ctor.name, all.String()); err != nil {
				sb.tooDeep(err.Error())
			}
			res, ok := sb.callOriginal(orig, goja.Undefined(), args).(*goja.Object)
			if !ok {
				panic(vm.NewTypeError(ctor.name + " made no function"))
			}
			return res
		}).(*goja.Object)
		fn.DefineDataProperty("name", vm.ToValue(ctor.name), goja.FLAG_FALSE, goja.FLAG_FALSE, goja.FLAG_TRUE)
		if err := fn.Set("prototype", proto); err != nil {
			return err
		}
		if err := proto.DefineDataProperty("constructor", fn, goja.FLAG_TRUE, goja.FLAG_FALSE, goja.FLAG_TRUE); err != nil {
			return err
		}
		if ctor.name == "Function" {
			if err := glob.Set("Function", fn); err != nil {
				return err
			}
		}
	}

	// JSON.
	jsonObj, err := object("JSON")
	if err != nil {
		return err
	}
	if err := replace(jsonObj, "parse", func(orig goja.Callable) goja.Value {
		return sb.native("parse", func(call goja.FunctionCall) goja.Value {
			text := call.Argument(0).String()
			if d := jsonDepth(text, maxNesting); d > maxNesting {
				sb.tooDeep(fmt.Sprintf("JSON.parse: the text nests deeper than %d levels", maxNesting))
			}
			return sb.callOriginal(orig, call.This, []goja.Value{vm.ToValue(text), call.Argument(1)})
		})
	}); err != nil {
		return err
	}
	if err := replace(jsonObj, "stringify", func(orig goja.Callable) goja.Value {
		return sb.native("stringify", func(call goja.FunctionCall) goja.Value {
			return sb.stringify(orig, call)
		})
	}); err != nil {
		return err
	}

	// Arrays.
	arrayProto, err := object("Array.prototype")
	if err != nil {
		return err
	}
	for _, name := range []string{"join", "toString", "toLocaleString"} {
		if err := replace(arrayProto, name, func(orig goja.Callable) goja.Value {
			return sb.native(name, func(call goja.FunctionCall) goja.Value {
				if sb.nest >= maxNesting {
					sb.tooDeep(fmt.Sprintf("Array.prototype.%s: the array nests deeper than %d levels, or holds itself", name, maxNesting))
				}
				sb.nest++
				defer func() { sb.nest-- }()
				return sb.callOriginal(orig, call.This, call.Arguments)
			})
		}); err != nil {
			return err
		}
	}
	return replace(arrayProto, "flat", func(orig goja.Callable) goja.Value {
		return sb.native("flat", func(call goja.FunctionCall) goja.Value {
			depth := 1.0
			if d := call.Argument(0); !goja.IsUndefined(d) {
				depth = d.ToFloat()
			}
			if arr, ok := call.This.(*goja.Object); ok && depth > 0 && arrayNesting(arr, min(depth, maxNesting+1)) > maxNesting {
				sb.tooDeep(fmt.Sprintf("Array.prototype.flat: the array nests deeper than %d levels, or holds itself", maxNesting))
			}
			return sb.callOriginal(orig, call.This, call.Arguments)
		})
	})
}

// arrayNesting returns how deep the arrays in arr nest, up to limit
// levels (an array that holds itself nests without end).
func arrayNesting(arr *goja.Object, limit float64) float64 {
	type frame struct {
		a    *goja.Object
		i, n int64
	}
	onPath := map[*goja.Object]bool{arr: true}
	stack := []frame{{a: arr, n: arr.Get("length").ToInteger()}}
	deepest := 1.0
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		if f.i >= f.n {
			delete(onPath, f.a)
			stack = stack[:len(stack)-1]
			continue
		}
		el, _ := f.a.Get(strconv.FormatInt(f.i, 10)).(*goja.Object)
		f.i++
		if el == nil || el.ClassName() != "Array" {
			continue
		}
		if onPath[el] {
			return limit + 1
		}
		onPath[el] = true
		stack = append(stack, frame{a: el, n: el.Get("length").ToInteger()})
		if deepest = max(deepest, float64(len(stack))); deepest > limit {
			return deepest
		}
	}
	return deepest
}

// stringify is JSON.stringify with a replacer of its own, called for
// every value the original serializes, that tracks how deep the value
// nests and stops past maxNesting (the original recurses in Go, and
// checks for cycles in time that grows with the square of the depth). The
// script's replacer, a function or an array of property names, still
// applies; with an array, properties come in the object's order rather
// than the array's.
func (sb *gizmoSandbox) stringify(orig goja.Callable, call goja.FunctionCall) goja.Value {
	value, replacer, space := call.Argument(0), call.Argument(1), call.Argument(2)
	userFn, hasFn := goja.AssertFunction(replacer)
	var allow map[string]bool
	if r, ok := replacer.(*goja.Object); ok && !hasFn && r.ClassName() == "Array" {
		allow = make(map[string]bool)
		for i := range r.Get("length").ToInteger() {
			allow[r.Get(strconv.FormatInt(i, 10)).String()] = true
		}
	}
	depth := make(map[*goja.Object]int)
	root := true
	own := sb.native("replacer", func(c goja.FunctionCall) goja.Value {
		holder, _ := c.This.(*goja.Object)
		key, v := c.Argument(0), c.Argument(1)
		if hasFn {
			v = sb.callOriginal(userFn, c.This, []goja.Value{key, v})
		}
		if allow != nil && !root && holder != nil && holder.ClassName() != "Array" && !allow[key.String()] {
			return goja.Undefined()
		}
		root = false
		if o, ok := v.(*goja.Object); ok {
			d := depth[holder] + 1
			if d > maxNesting {
				sb.tooDeep(fmt.Sprintf("JSON.stringify: the value nests deeper than %d levels", maxNesting))
			}
			depth[o] = d
		}
		return v
	})
	return sb.callOriginal(orig, call.This, []goja.Value{value, own, space})
}

// callOriginal calls one of goja's built-ins and throws on what it
// throws.
func (sb *gizmoSandbox) callOriginal(fn goja.Callable, this goja.Value, args []goja.Value) goja.Value {
	res, err := fn(this, args...)
	if err != nil {
		panic(err)
	}
	return res
}

// object evaluates expr, a built-in such as "Array.prototype", in the
// sandbox's runtime before any script runs, and returns the object.
func (sb *gizmoSandbox) object(expr string) (*goja.Object, error) {
	v, err := sb.vm.RunString(expr)
	if err != nil {
		return nil, err
	}
	o, ok := v.(*goja.Object)
	if !ok {
		return nil, fmt.Errorf("%s is not an object", expr)
	}
	return o, nil
}
