// Package cputime reads the CPU time the process has used, so that
// benchmarks can report speed per core on a busy machine, where
// wall-clock figures drop with other work.
package cputime

import "time"

// Used is the user and system CPU time the process has used so far, or 0
// where the system does not tell.
func Used() time.Duration { return used() }
