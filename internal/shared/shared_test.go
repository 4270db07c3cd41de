package shared

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDirFromEnv(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x.txt"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(Env, dir)
	got, err := Dir()
	if err != nil || got != filepath.Clean(dir) {
		t.Fatalf("Dir() = %q, %v; want %q", got, err, dir)
	}
	if p := Path(t, "x.txt"); p != filepath.Join(dir, "x.txt") {
		t.Errorf("Path = %q", p)
	}
}

func TestDirMissing(t *testing.T) {
	t.Setenv(Env, filepath.Join(t.TempDir(), "absent"))
	if _, err := Dir(); err == nil {
		t.Fatal("Dir() found a folder that does not exist")
	}
}
