//go:build !unix

package graph

import "os"

// processExists reports whether a process of that PID runs; where
// os.FindProcess cannot tell, it says yes.
func processExists(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	p.Release()
	return true
}
