//go:build unix

package extract_test

import (
	"syscall"
	"time"
)

// cpuTime is the user and system CPU time the process has used, so that
// benchmarks can report speed per core on a busy machine.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
