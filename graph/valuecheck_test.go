package graph_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph"
)

// TestValueDamage changes one byte inside a value of a bolt store
// (Albania's ISO 3166 and CAMEO code "ALB" becomes "ALC"), which bolt's
// page checks cannot see:
// verify names the value as damaged, and reads that meet it fail with
// ErrDamaged instead of answering with the changed name.
func TestValueDamage(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s, err := graph.Open(ctx, dir)
	if err != nil {
		t.Fatal(err)
	}
	write(t, s, docTies, tiesStatements())
	if r, err := s.Verify(ctx); err != nil || !r.OK() {
		t.Fatalf("the whole store: %v, %v", r.Problems, err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "indexes.bolt")
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	// The code is stored once, as the value of its node.
	at := bytes.Index(b, []byte("ALB"))
	if n := bytes.Count(b, []byte("ALB")); n != 1 {
		t.Fatalf("the store holds %q %d times, want once", "ALB", n)
	}
	b[at+2] = 'C'
	if err := os.WriteFile(file, b, 0o644); err != nil {
		t.Fatal(err)
	}

	s, err = graph.Open(ctx, dir)
	if err != nil {
		t.Fatalf("open: %v (the pages are whole; only a value changed)", err)
	}
	defer s.Close()
	r, err := s.Verify(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, p := range r.Problems {
		if p.Kind == graph.ProblemValueDamaged && p.Node == "ALC" && strings.Contains(p.Message, `reads "ALC", which is not the value stored under that node`) {
			found = true
		}
	}
	if !found {
		t.Errorf("verify does not name the damaged value: %v", r.Problems)
	}
	rels, err := s.Relations(ctx, albania.IRI, graph.Filter{})
	if !errors.Is(err, graph.ErrDamaged) {
		t.Errorf("relations of %s: %d statements, %v; want ErrDamaged", albania.IRI, len(rels), err)
	}
	if !errors.Is(s.Damaged(), graph.ErrDamaged) {
		t.Errorf("Damaged: %v, want the damage the read found", s.Damaged())
	}
}
