//go:build unix

package source

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A named pipe found in a directory is reported, not opened: opening it
// would wait for a writer forever.
func TestReadDirectoryFIFO(t *testing.T) {
	dir := writeFiles(t, t.TempDir(), map[string]string{"b.txt": "Text b."})
	fifo := filepath.Join(dir, "a.txt")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	docs, errs := readAll(t, []string{dir}, nil, NewOptions())
	if diff := cmp.Diff([]string{fifo + ": not a regular file; skipped"}, errStrings(errs)); diff != "" {
		t.Errorf("errors (-want +got):\n%s", diff)
	}
	var e *Error
	if len(errs) > 0 && (!errors.As(errs[0], &e) || e.Path != fifo) {
		t.Errorf("error %v does not name %s", errs[0], fifo)
	}
	if len(docs) != 1 || docs[0].Source != filepath.Join(dir, "b.txt") {
		t.Errorf("documents: got %+v, want b.txt", docs)
	}
}

// A named pipe given by name is read, as with `geokg extract <(cmd)`.
func TestReadExplicitFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	go func() {
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err != nil {
			return
		}
		f.WriteString("Albania cut ties with Iran.")
		f.Close()
	}()
	docs, errs := readAll(t, []string{fifo}, nil, NewOptions())
	if len(errs) > 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if len(docs) != 1 || docs[0].Text != "Albania cut ties with Iran." {
		t.Errorf("documents: got %+v", docs)
	}
}
