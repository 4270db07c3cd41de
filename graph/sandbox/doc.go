// Package sandbox runs Cayley queries (Gizmo, GraphQL, MQL) from people
// who may be hostile, so that no query can bring the process down, for
// geokg serve and geokg query alike.
//
// Run (or Query, on a store under its shared lock) runs one query within
// Options: a result count and a result size cap (*ResultTooLargeError),
// and a Memory (NewMemory), a bound on what the queries running may add
// to the process's own heap, shared by every query of the process, whose
// watchdog stops them when the heap passes its mark (*MemoryError); work
// of the process's own that grows its heap while queries run (an ingest)
// says so with Memory.Own. SetMemoryLimit keeps Go's soft memory limit at
// the mark. The caller's context carries the deadline. What the package
// guards against:
//
//   - a Gizmo script reaching the file system, the network or the process:
//     Gizmo's JavaScript engine (goja) has none of these, and the tests
//     check it, walking everything reachable from the global object;
//   - a script ending the process: a Go panic in Cayley's code (a bad
//     argument), a Go stack overflow (a value that holds itself or nests a
//     million deep, handed to Cayley, joined, flattened, written as JSON,
//     or a megabyte of "[[[[" to parse), recursion through Cayley's
//     callbacks; each becomes the query's error (*QueryError);
//   - a script or query taking the machine's memory: a watchdog reads the
//     heap every 200 µs and interrupts the queries past the mark (see
//     Memory), and the built-ins that allocate without bound in one call,
//     where no interrupt reaches, are capped or removed;
//   - a GraphQL query nested deep enough to overflow the parser's stack or
//     to traverse the graph thousands of times over.
//
// It does not bound the CPU one call of a built-in takes; the caller's
// deadline interrupts the script after it.
//
// The sandbox needs the JavaScript runtime of a Gizmo session, which
// Cayley keeps in an unexported field: cayley_internals.go is the one
// file that reaches it, and TestCayleyInternals fails, naming what moved,
// on a Cayley upgrade that changes it; Gizmo queries are then refused,
// never run unguarded.
package sandbox
