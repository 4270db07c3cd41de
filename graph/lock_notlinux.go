//go:build !linux

package graph

// processStart would tell when process pid started; outside Linux it does
// not know.
func processStart(pid int) (uint64, bool) { return 0, false }
