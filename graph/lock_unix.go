//go:build unix

package graph

import (
	"errors"
	"os"
	"syscall"
)

// processExists reports whether a process of that PID runs: signal 0
// checks without sending anything, and a process of another user answers
// EPERM.
func processExists(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// shareFile takes a shared lock on f, the one bolt's read-only opens take,
// unless another process holds the exclusive one: it reports whether it
// got it. The lock goes with f's closing.
func shareFile(f *os.File) bool {
	return syscall.Flock(int(f.Fd()), syscall.LOCK_SH|syscall.LOCK_NB) == nil
}
