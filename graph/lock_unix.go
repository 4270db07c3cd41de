//go:build unix

package graph

import (
	"errors"
	"syscall"
)

// processExists reports whether a process of that PID runs: signal 0
// checks without sending anything, and a process of another user answers
// EPERM.
func processExists(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
