//go:build !unix

package extract_test

import "time"

// cpuTime is unknown here; benchmarks then report wall-clock speed only.
func cpuTime() time.Duration { return 0 }
