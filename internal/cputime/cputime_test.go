package cputime

import "testing"

func TestUsedGrows(t *testing.T) {
	before := Used()
	x := 0
	for i := range 50_000_000 {
		x += i % 7
	}
	after := Used()
	if before == 0 && after == 0 {
		t.Skip("CPU time is not known on this system")
	}
	if after <= before {
		t.Errorf("CPU time went from %v to %v over a busy loop (%d)", before, after, x)
	}
}
