package graph

import (
	"bytes"
	"fmt"
	"os"
	"strconv"
)

// processStart returns when process pid started, in clock ticks after
// boot: field 22 of /proc/PID/stat. Two processes that had the same PID
// one after the other have different start times.
func processStart(pid int) (uint64, bool) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, false
	}
	// The command name, field 2, is in parentheses and may hold spaces and
	// parentheses itself; the fields after it are plain.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	fields := bytes.Fields(b[i+1:])
	// fields[0] is field 3 (the state), so field 22 is fields[19].
	if len(fields) < 20 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(fields[19]), 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}
