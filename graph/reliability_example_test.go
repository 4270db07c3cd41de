package graph_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
)

func ExampleStore_Verify() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()

	r, err := s.Verify(ctx)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d documents, %d statements, %d edges: ok %v\n", r.Documents, r.Statements, r.Edges, r.OK())

	// An edge written past WriteDocument, with no statement behind it.
	w, err := cgraph.NewQuadWriter("single", s.QuadStore(), nil)
	if err != nil {
		log.Fatal(err)
	}
	w.AddQuad(quad.Make(quad.IRI("ent:iran"), quad.IRI("rel:invaded"), quad.IRI("ent:albania"), quad.IRI("doc:albania_cuts_ties")))
	w.Close()
	if r, err = s.Verify(ctx); err != nil {
		log.Fatal(err)
	}
	for _, p := range r.Problems {
		fmt.Println(p)
	}
	// Output:
	// 1 documents, 8 statements, 8 edges: ok true
	// edge-without-statement: <ent:iran> <rel:invaded> <ent:albania> <doc:albania_cuts_ties>: no statement in <doc:albania_cuts_ties> says it
}

func ExampleStore_Backup() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()

	var file bytes.Buffer // a file, in real use
	n, err := s.Backup(ctx, &file)
	if err != nil {
		log.Fatal(err)
	}
	quads, err := graph.ReadBackup(&file, "kg.nq.gz")
	if err != nil {
		log.Fatal(err)
	}
	restored, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	defer restored.Close()
	res, err := restored.Restore(ctx, quads, graph.RestoreOptions{})
	if err != nil {
		log.Fatal(err)
	}
	a, _ := s.Stats(ctx)
	b, _ := restored.Stats(ctx)
	fmt.Println(n == len(quads), res.Quads == n, a.Quads == b.Quads && a.Statements == b.Statements)

	// A store that holds quads is not restored into without Force.
	_, err = restored.Restore(ctx, quads, graph.RestoreOptions{})
	fmt.Println(err)
	// Output:
	// true true true
	// restore: store is not empty: restore into a new store, or force it to replace what the store holds
}

func ExampleReadGeokgBackup() {
	ctx := context.Background()
	s := exampleStore(ctx)
	defer s.Close()
	var file bytes.Buffer
	if _, err := s.Backup(ctx, &file); err != nil {
		log.Fatal(err)
	}
	quads, err := graph.ReadGeokgBackup(&file, "kg.nq.gz")
	fmt.Println(len(quads) > 0, err)

	// An empty file is no backup, and restoring it would empty the store.
	_, err = graph.ReadGeokgBackup(bytes.NewReader(nil), "empty.nq.gz")
	fmt.Println(err)
	// Output:
	// true <nil>
	// empty.nq.gz: the file is empty: it holds no geokg backup
}

func ExampleDamagedError() {
	dir, err := os.MkdirTemp("", "geokg-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := graph.Open(ctx, dir)
	if err != nil {
		log.Fatal(err)
	}
	s.Close()
	// Cut the store's file to half, as a full disk or a careless copy
	// does: bolt would die of SIGBUS reading it.
	file := filepath.Join(dir, "indexes.bolt")
	fi, err := os.Stat(file)
	if err != nil {
		log.Fatal(err)
	}
	if err := os.Truncate(file, fi.Size()/2); err != nil {
		log.Fatal(err)
	}
	_, err = graph.Open(ctx, dir)
	var d *graph.DamagedError
	fmt.Println(errors.Is(err, graph.ErrDamaged), errors.As(err, &d) && d.Path == dir)
	fmt.Println(strings.HasSuffix(d.Reason, "it was cut short"))
	// Output:
	// true true
	// true
}
