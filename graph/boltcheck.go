package graph

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"google.golang.org/protobuf/proto"

	"github.com/geokg/geokg/internal/quote"
)

// ErrDamaged is returned when a bolt store's file is damaged: its pages do
// not hold together, it is shorter than its own header says, or reading it
// failed in Cayley's or bolt's code. The error is a *DamagedError, which
// names the store.
var ErrDamaged = errors.New("damaged")

// DamagedError is a store whose file is damaged.
type DamagedError struct {
	Path   string // the store
	Reason string // what is broken, in words
}

func (e *DamagedError) Error() string {
	return fmt.Sprintf("store %s is damaged: %s; restore from a backup (geokg restore)", quote.Name(e.Path), e.Reason)
}

// Unwrap makes errors.Is(err, ErrDamaged) hold.
func (e *DamagedError) Unwrap() error { return ErrDamaged }

// The bolt file format (go.etcd.io/bbolt, the same as
// github.com/boltdb/bolt), as much as checkBoltFile reads of it. The file is
// a sequence of pages; pages 0 and 1 hold the meta, the newest valid one of
// which names the root bucket, the freelist and the high-water mark: the
// number of pages in use.
const (
	boltMagic          = 0xED0CDAED
	boltVersion        = 2
	boltPageHeaderSize = 16 // id uint64, flags uint16, count uint16, overflow uint32
	boltElementSize    = 16 // branch: pos, ksize uint32, pgid uint64; leaf: flags, pos, ksize, vsize uint32
	boltBucketHeader   = 16 // root pgid uint64, sequence uint64
	boltMetaSize       = 64 // magic, version, page size, flags uint32; root bucket; freelist, pgid, txid, checksum uint64

	boltBranchPage   = 0x01
	boltLeafPage     = 0x02
	boltMetaPage     = 0x04
	boltFreelistPage = 0x10
	boltBucketLeaf   = 0x01 // a leaf element that is a nested bucket

	boltNoFreelist = ^uint64(0)
)

type boltMeta struct {
	pageSize uint32
	root     uint64
	freelist uint64
	pgid     uint64 // the high-water mark
	txid     uint64
}

// readBoltMeta decodes the meta at the start of page b, or says what is
// wrong with it.
func readBoltMeta(b []byte) (boltMeta, error) {
	if len(b) < boltPageHeaderSize+boltMetaSize {
		return boltMeta{}, errors.New("too short")
	}
	m := b[boltPageHeaderSize : boltPageHeaderSize+boltMetaSize]
	le := binary.LittleEndian
	switch {
	case le.Uint32(m[0:]) != boltMagic:
		return boltMeta{}, errors.New("not a bolt meta page")
	case le.Uint32(m[4:]) != boltVersion:
		return boltMeta{}, fmt.Errorf("bolt version %d", le.Uint32(m[4:]))
	}
	h := fnv.New64a()
	h.Write(m[:56])
	if h.Sum64() != le.Uint64(m[56:]) {
		return boltMeta{}, errors.New("meta checksum mismatch")
	}
	return boltMeta{
		pageSize: le.Uint32(m[8:]),
		root:     le.Uint64(m[16:]),
		freelist: le.Uint64(m[32:]),
		pgid:     le.Uint64(m[40:]),
		txid:     le.Uint64(m[48:]),
	}, nil
}

// checkBoltFile reads the bolt file at path, without mapping it into
// memory, and reports the first way in which it does not hold together: no
// valid meta page; a file shorter than its high-water mark (bolt maps the
// file and would die of SIGBUS reading past its end); a page, reachable
// from the root bucket, that names another page id or has a type, an
// element or a key out of place; a page reached twice (a cycle); a
// freelist naming pages past the high-water mark. A file that does not
// exist or is empty is no damage: bolt creates it. The file's pages are
// read once each, under a shared lock, so no writer changes them
// meanwhile; a file another process holds open for writing is not
// checked (bolt's lock then refuses it anyway).
//
// A file that cannot be read at all (permissions, an I/O error) is a
// *boltReadError, which says nothing of damage.
func checkBoltFile(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return &boltReadError{err}
	}
	defer f.Close()
	if !shareFile(f) {
		return nil // another process writes it; opening will say which
	}
	fi, err := f.Stat()
	if err != nil {
		return &boltReadError{err}
	}
	size := fi.Size()
	if size == 0 {
		return nil
	}
	c := &boltChecker{f: f, size: size, seen: make(map[uint64]bool)}
	if err := c.meta(); err != nil {
		return err
	}
	if uint64(size) < c.m.pgid*uint64(c.m.pageSize) {
		return fmt.Errorf("the file is %d bytes, shorter than the %d pages of %d bytes its header counts: it was cut short", size, c.m.pgid, c.m.pageSize)
	}
	if c.m.root >= c.m.pgid || c.m.root < 2 {
		return fmt.Errorf("root page %d is outside the file's %d pages", c.m.root, c.m.pgid)
	}
	if c.m.freelist != boltNoFreelist {
		if err := c.freelist(); err != nil {
			return err
		}
	}
	return c.tree(c.m.root, 0)
}

// boltReadError is a bolt file checkBoltFile could not read, as opposed
// to one it read and found damaged.
type boltReadError struct{ err error }

func (e *boltReadError) Error() string { return e.err.Error() }
func (e *boltReadError) Unwrap() error { return e.err }

type boltChecker struct {
	f    io.ReaderAt
	size int64
	m    boltMeta
	seen map[uint64]bool // pages reached so far
}

// meta picks the newest valid meta page, as bolt does.
func (c *boltChecker) meta() error {
	first := make([]byte, boltPageHeaderSize+boltMetaSize)
	if _, err := c.f.ReadAt(first, 0); errors.Is(err, io.EOF) {
		return fmt.Errorf("the file is %d bytes, too short to hold a bolt header", c.size)
	} else if err != nil {
		return &boltReadError{err}
	}
	m0, err0 := readBoltMeta(first)
	// The second meta page sits one page further; without a valid first
	// one, try the page sizes bolt uses.
	sizes := []uint32{m0.pageSize}
	if err0 != nil || m0.pageSize < 512 || m0.pageSize > 1<<16 {
		err0 = errors.Join(err0, errors.New("bad page size"))
		sizes = []uint32{4096, 8192, 16384, 65536, 1024, 2048, 32768}
	}
	var m1 boltMeta
	err1 := errors.New("no second meta page")
	for _, ps := range sizes {
		b := make([]byte, boltPageHeaderSize+boltMetaSize)
		if _, err := c.f.ReadAt(b, int64(ps)); err != nil {
			continue
		}
		if m1, err1 = readBoltMeta(b); err1 == nil && m1.pageSize == ps {
			break
		}
		if err1 == nil {
			err1 = errors.New("page size differs from the page's place")
		}
	}
	switch {
	case err0 != nil && err1 != nil:
		return fmt.Errorf("neither meta page is valid (page 0: %v; page 1: %v)", err0, err1)
	case err0 != nil:
		c.m = m1
	case err1 != nil || m0.txid >= m1.txid:
		c.m = m0
	default:
		c.m = m1
	}
	if c.m.pageSize < 512 || c.m.pageSize > 1<<16 || c.m.pgid < 2 {
		return fmt.Errorf("meta page names a page size of %d bytes and %d pages", c.m.pageSize, c.m.pgid)
	}
	return nil
}

// page reads page id, overflow included, and checks its header.
func (c *boltChecker) page(id uint64, parent string) ([]byte, uint16, error) {
	if id < 2 || id >= c.m.pgid {
		return nil, 0, fmt.Errorf("%s names page %d, outside the file's %d pages", parent, id, c.m.pgid)
	}
	ps := int64(c.m.pageSize)
	head := make([]byte, boltPageHeaderSize)
	if _, err := c.f.ReadAt(head, int64(id)*ps); err != nil {
		return nil, 0, &boltReadError{err}
	}
	le := binary.LittleEndian
	if got := le.Uint64(head); got != id {
		return nil, 0, fmt.Errorf("page %d (named by %s) calls itself page %d", id, parent, got)
	}
	flags := le.Uint16(head[8:])
	overflow := uint64(le.Uint32(head[12:]))
	if id+overflow >= c.m.pgid {
		return nil, 0, fmt.Errorf("page %d runs over %d more pages, past the file's %d", id, overflow, c.m.pgid)
	}
	for i := uint64(0); i <= overflow; i++ {
		if c.seen[id+i] {
			return nil, 0, fmt.Errorf("page %d is reached twice (from %s)", id+i, parent)
		}
		c.seen[id+i] = true
	}
	b := make([]byte, int64(overflow+1)*ps)
	if _, err := c.f.ReadAt(b, int64(id)*ps); err != nil {
		return nil, 0, &boltReadError{err}
	}
	return b, flags, nil
}

func (c *boltChecker) freelist() error {
	b, flags, err := c.page(c.m.freelist, "the meta page's freelist")
	if err != nil {
		return err
	}
	if flags != boltFreelistPage {
		return fmt.Errorf("freelist page %d has type %#x", c.m.freelist, flags)
	}
	le := binary.LittleEndian
	n, at := uint64(le.Uint16(b[10:])), uint64(boltPageHeaderSize)
	if n == 0xFFFF {
		n, at = le.Uint64(b[at:]), at+8
	}
	if at+8*n > uint64(len(b)) {
		return fmt.Errorf("freelist page %d counts %d pages, more than it holds", c.m.freelist, n)
	}
	for i := uint64(0); i < n; i++ {
		if id := le.Uint64(b[at+8*i:]); id < 2 || id >= c.m.pgid {
			return fmt.Errorf("freelist page %d names page %d, outside the file's %d pages", c.m.freelist, id, c.m.pgid)
		}
	}
	return nil
}

// maxBoltDepth bounds the nesting of buckets and tree levels checked; bolt's
// trees are a few levels deep.
const maxBoltDepth = 64

// tree checks the bucket tree under page id.
func (c *boltChecker) tree(id uint64, depth int) error {
	if depth > maxBoltDepth {
		return fmt.Errorf("page %d lies %d levels deep", id, depth)
	}
	b, flags, err := c.page(id, "a bucket")
	if err != nil {
		return err
	}
	return c.elements(id, b, flags, depth)
}

// elements checks the elements of page id (b is the page, or an inline
// bucket's page) and the pages and buckets they lead to.
func (c *boltChecker) elements(id uint64, b []byte, flags uint16, depth int) error {
	le := binary.LittleEndian
	n := int(le.Uint16(b[10:]))
	if boltPageHeaderSize+n*boltElementSize > len(b) {
		return fmt.Errorf("page %d counts %d elements, more than it holds", id, n)
	}
	var prev []byte
	for i := 0; i < n; i++ {
		off := boltPageHeaderSize + i*boltElementSize
		e := b[off : off+boltElementSize]
		var pos, ksize, vsize uint64
		switch flags {
		case boltBranchPage:
			pos, ksize = uint64(le.Uint32(e[0:])), uint64(le.Uint32(e[4:]))
		case boltLeafPage:
			pos, ksize, vsize = uint64(le.Uint32(e[4:])), uint64(le.Uint32(e[8:])), uint64(le.Uint32(e[12:]))
		default:
			return fmt.Errorf("page %d has type %#x where a branch or a leaf belongs", id, flags)
		}
		start := uint64(off) + pos
		if start+ksize+vsize > uint64(len(b)) {
			return fmt.Errorf("page %d: element %d runs past the page's end", id, i)
		}
		key := b[start : start+ksize]
		if i > 0 && bytes.Compare(prev, key) >= 0 {
			return fmt.Errorf("page %d: key %d is out of order", id, i)
		}
		prev = key
		switch {
		case flags == boltBranchPage:
			if err := c.tree(le.Uint64(e[8:]), depth+1); err != nil {
				return err
			}
		case le.Uint32(e[0:])&boltBucketLeaf != 0:
			v := b[start+ksize : start+ksize+vsize]
			if len(v) < boltBucketHeader {
				return fmt.Errorf("page %d: bucket %d has a %d-byte header", id, i, len(v))
			}
			if root := le.Uint64(v); root != 0 {
				if err := c.tree(root, depth+1); err != nil {
					return err
				}
				continue
			}
			// An inline bucket: its one leaf page follows the header.
			inline := v[boltBucketHeader:]
			if len(inline) < boltPageHeaderSize {
				return fmt.Errorf("page %d: inline bucket %d is cut short", id, i)
			}
			if f := le.Uint16(inline[8:]); f != boltLeafPage {
				return fmt.Errorf("page %d: inline bucket %d has type %#x", id, i, f)
			}
			if err := c.elements(id, inline, boltLeafPage, depth+1); err != nil {
				return err
			}
		}
	}
	return nil
}

// catchDamage, deferred by a function reading a bolt store, turns a panic
// (bolt's assertions, Cayley's decoding, a fault reading the mapped file)
// into a *DamagedError in *err.
func catchDamage(path string, err *error) {
	if v := recover(); v != nil {
		*err = &DamagedError{Path: path, Reason: fmt.Sprintf("reading it failed: %v", v)}
	}
}

// guard, deferred by a Store method after it takes its lock, turns a
// panic while reading a bolt store into a *DamagedError in *err and
// remembers it for Damaged; a read error that says the data cannot be
// decoded becomes one too. Other backends' panics go on: they are bugs.
func (s *Store) guard(err *error) {
	if s.backend != Bolt {
		return
	}
	if v := recover(); v != nil {
		if !fromStorage(v) {
			panic(v)
		}
		d := &DamagedError{Path: s.path, Reason: fmt.Sprintf("reading it failed: %v", v)}
		s.damage.CompareAndSwap(nil, d)
		*err = d
		return
	}
	if *err != nil && !errors.Is(*err, ErrDamaged) && undecodable(*err) {
		d := &DamagedError{Path: s.path, Reason: fmt.Sprintf("reading it failed: %v", *err)}
		s.damage.CompareAndSwap(nil, d)
		*err = d
	}
}

// fromStorage reports whether the panic being recovered, v, comes from
// reading the store: a memory fault (the mapped file), or a panic raised
// in bolt's code or in Cayley's key-value store. Others, such as a
// handler's, are not damage.
func fromStorage(v any) bool {
	if _, ok := v.(interface{ Addr() uintptr }); ok {
		return true
	}
	stack := debug.Stack()
	for _, pkg := range []string{"go.etcd.io/bbolt.", "github.com/cayleygraph/cayley/graph/kv.", "github.com/hidal-go/hidalgo/kv/"} {
		if bytes.Contains(stack, []byte(pkg)) {
			return true
		}
	}
	return false
}

// Damaged returns the damage a read of the store has found, or nil: a
// store that was whole when opened can turn out damaged in a page the
// open's check could not judge (a value's bytes).
func (s *Store) Damaged() error {
	if d := s.damage.Load(); d != nil {
		return d
	}
	return nil
}

// undecodable reports whether err says stored data could not be decoded:
// Cayley's bolt store keeps quads and values as protocol buffers, and its
// errors do not always wrap the decoder's, so the message is read too.
func undecodable(err error) bool {
	return errors.Is(err, proto.Error) || strings.Contains(err.Error(), "proto: ")
}
