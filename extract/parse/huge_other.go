//go:build !linux

package parse

// hugePages does nothing where the kernel has no huge pages to ask for.
func hugePages([]byte) {}
