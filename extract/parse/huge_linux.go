package parse

import (
	"syscall"
	"unsafe"
)

// hugePages asks the kernel to back the whole 2 MB pages inside b with
// huge pages, where it allows them on request (transparent huge pages in
// "madvise" mode, the usual default). The weight table is read at random,
// and with 4 kB pages nearly every read also misses the processor's
// cache of page translations; the kernel may refuse, which costs only
// speed.
func hugePages(b []byte) {
	const huge = 2 << 20
	if len(b) < 2*huge {
		return
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(b)))
	lo := (start + huge - 1) &^ (huge - 1)
	hi := (start + uintptr(len(b))) &^ (huge - 1)
	if hi > lo {
		_ = syscall.Madvise(b[lo-start:hi-start], syscall.MADV_HUGEPAGE)
	}
}
