// Package shared finds the project's shared data folder (evaluation
// articles, treebanks, dictionaries), which sits beside the repository as
// ../shared and is never copied into it.
//
// Tests reach it through Path, which skips the test when the folder is
// missing and fails it instead when the CI environment variable is set
// (CI always has the folder). Commands reach it through Dir.
package shared

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Env names an environment variable that, when set, overrides where the
// shared folder is.
const Env = "GEOKG_SHARED"

// Dir returns the shared folder: $GEOKG_SHARED when set, else the folder
// named shared beside the repository root. It reports an error when that
// folder does not exist.
func Dir() (string, error) {
	dir := os.Getenv(Env)
	if dir == "" {
		_, file, _, ok := runtime.Caller(0)
		if !ok {
			return "", fmt.Errorf("shared folder: cannot locate the source tree")
		}
		// file is <repo>/internal/shared/shared.go.
		dir = filepath.Join(filepath.Dir(file), "..", "..", "..", "shared")
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return "", fmt.Errorf("shared folder %s not found: it must sit beside the repository (or set %s)", dir, Env)
	}
	return filepath.Clean(dir), nil
}

// InCI reports whether the tests run in CI, where missing shared data is a
// failure rather than a reason to skip.
func InCI() bool { return os.Getenv("CI") != "" }

// Path returns elem joined under the shared folder. When the folder or the
// file is missing it skips t, or fails it when CI is set.
func Path(t testing.TB, elem ...string) string {
	t.Helper()
	dir, err := Dir()
	if err == nil {
		p := filepath.Join(append([]string{dir}, elem...)...)
		if _, err = os.Stat(p); err == nil {
			return p
		}
	}
	Missing(t, "%v", err)
	return ""
}

// Missing skips t with the one message every test gives for missing shared
// data, or fails it when CI is set.
func Missing(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := "shared data missing: " + fmt.Sprintf(format, args...)
	if InCI() {
		t.Fatal(msg)
	}
	t.Skip(msg)
}
