package parse

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// A model file is gzip-compressed binary:
//
//	magic "geokg-parse\x05"
//	tagger: tags (strings), tag dictionary (word → tag index), weights
//	lemma table, UPOS table (key → UPOS), UPOS by tag
//	parser: relations, index of root, beam width, beam flags (1: one
//	        relation per move in the beam), weights
//
// Version 3 files ("geokg-parse\x03") have no beam width and no flags;
// they are read as greedy parsers (width 1). Version 4 files have the
// width and no flags.
//
// Strings are a uvarint length and bytes; maps are a count and sorted
// key-value pairs; weights are the class count, the row count, then the
// row keys (ascending, cut to keyMask, as uvarint differences shifted
// right by keyShift), row lengths (uvarints),
// classes (bytes), the quantisation step (float32 bits) and the weights as
// multiples of it (int16), all little-endian.
const magic = "geokg-parse\x05"

// minVersion is the oldest version Load reads.
const minVersion = 3

// maxBeam is the widest beam a model may ask for.
const maxBeam = 64

// beamOneLabel is the beam flag for parser.oneLabel.
const beamOneLabel = 1

var errFormat = errors.New("not a parse model file")

type encoder struct {
	w   *bufio.Writer
	buf [binary.MaxVarintLen64]byte
}

func (e *encoder) uvarint(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	e.w.Write(e.buf[:n])
}

func (e *encoder) str(s string) {
	e.uvarint(uint64(len(s)))
	e.w.WriteString(s)
}

func (e *encoder) strs(ss []string) {
	e.uvarint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}

func (e *encoder) strMap(m map[string]string) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	e.uvarint(uint64(len(keys)))
	for _, k := range keys {
		e.str(k)
		e.str(m[k])
	}
}

func (e *encoder) weights(w *weights) {
	e.uvarint(uint64(w.nclass))
	e.uvarint(uint64(len(w.keys)))
	prev := uint64(0)
	for _, k := range w.keys {
		e.uvarint((k - prev) >> keyShift)
		prev = k
	}
	for i := range w.keys {
		e.uvarint(uint64(w.start[i+1] - w.start[i]))
	}
	for _, x := range w.ents {
		e.w.WriteByte(byte(x >> 16))
	}
	var b [4]byte
	binary.LittleEndian.PutUint32(b[:], math.Float32bits(w.scale))
	e.w.Write(b[:])
	for _, x := range w.ents {
		binary.LittleEndian.PutUint16(b[:2], uint16(x))
		e.w.Write(b[:2])
	}
}

// Save writes the model in the format Load reads. The same model always
// gives the same bytes.
func (m *Model) Save(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	e := &encoder{w: bufio.NewWriterSize(zw, 1<<20)}
	e.w.WriteString(magic)
	e.strs(m.tagger.tags)
	dict := make(map[string]string, len(m.tagger.dict))
	for k, v := range m.tagger.dict {
		dict[k] = m.tagger.tags[v]
	}
	e.strMap(dict)
	e.weights(m.tagger.w)
	e.strMap(m.lemmas.table)
	e.strMap(m.upos)
	e.strMap(m.uposTag)
	e.strs(m.parser.labels)
	e.uvarint(uint64(m.parser.root))
	e.uvarint(uint64(max(m.parser.beam, 1)))
	var flags uint64
	if m.parser.oneLabel {
		flags |= beamOneLabel
	}
	e.uvarint(flags)
	e.weights(m.parser.w)
	if err := e.w.Flush(); err != nil {
		return fmt.Errorf("save parse model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("save parse model: %w", err)
	}
	return nil
}

// decoder reads from a byte slice, remembering the first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w: truncated or corrupt", errFormat)
	}
	d.b = nil
}

func (d *decoder) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail()
		return 0
	}
	d.b = d.b[n:]
	return v
}

// count reads a length no larger than the bytes left (each item takes at
// least one byte), so a corrupt file cannot ask for a huge allocation.
func (d *decoder) count() int {
	v := d.uvarint()
	if v > uint64(len(d.b)) {
		d.fail()
		return 0
	}
	return int(v)
}

func (d *decoder) bytes(n int) []byte {
	if n < 0 || n > len(d.b) {
		d.fail()
		return nil
	}
	b := d.b[:n]
	d.b = d.b[n:]
	return b
}

func (d *decoder) str() string { return string(d.bytes(d.count())) }

func (d *decoder) strs() []string {
	n := d.count()
	ss := make([]string, n)
	for i := range ss {
		ss[i] = d.str()
	}
	return ss
}

func (d *decoder) strMap() map[string]string {
	n := d.count()
	m := make(map[string]string, n)
	for range n {
		k := d.str()
		m[k] = d.str()
	}
	return m
}

func (d *decoder) weights() *weights {
	w := &weights{nclass: int(d.uvarint())}
	if w.nclass <= 0 || w.nclass > 256 || d.err != nil {
		d.fail()
		return &weights{nclass: 1, start: []uint32{0}, slots: make([]slot, 1)}
	}
	n := d.count()
	w.keys = make([]uint64, n)
	prev := uint64(0)
	for i := range w.keys {
		prev += d.uvarint() << keyShift
		w.keys[i] = prev
	}
	w.start = make([]uint32, n+1)
	total := 0
	for i := range n {
		total += d.count()
		w.start[i+1] = uint32(total)
	}
	cls := d.bytes(total)
	sb := d.bytes(4)
	fb := d.bytes(2 * total)
	w.ents = make([]uint32, total)
	if cls != nil && sb != nil && fb != nil {
		w.scale = math.Float32frombits(binary.LittleEndian.Uint32(sb))
		for i := range w.ents {
			if int(cls[i]) >= w.nclass {
				d.fail()
				break
			}
			w.ents[i] = uint32(cls[i])<<16 | uint32(binary.LittleEndian.Uint16(fb[2*i:]))
		}
	}
	w.build()
	return w
}

func decodeModel(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errFormat, err)
	}
	if len(data) < len(magic) {
		return nil, errFormat
	}
	version := data[len(magic)-1]
	if string(data[:len(magic)-1]) != magic[:len(magic)-1] {
		return nil, errFormat
	}
	if version < minVersion || version > magic[len(magic)-1] {
		return nil, fmt.Errorf("%w: version %d, this build reads versions %d to %d", errFormat, version, minVersion, magic[len(magic)-1])
	}
	d := &decoder{b: data[len(magic):]}
	m := &Model{}
	m.tagger.tags = d.strs()
	dict := d.strMap()
	m.tagger.w = d.weights()
	m.lemmas.table = d.strMap()
	m.upos = d.strMap()
	m.uposTag = d.strMap()
	m.parser.labels = d.strs()
	m.parser.root = int(d.uvarint())
	m.parser.beam = 1
	if version >= 4 {
		b := d.uvarint()
		if d.err == nil && (b < 1 || b > maxBeam) {
			return nil, fmt.Errorf("%w: beam width %d, want 1 to %d", errFormat, b, maxBeam)
		}
		m.parser.beam = int(b)
	}
	if version >= 5 {
		flags := d.uvarint()
		if d.err == nil && flags&^beamOneLabel != 0 {
			return nil, fmt.Errorf("%w: unknown beam flags %#x", errFormat, flags)
		}
		m.parser.oneLabel = flags&beamOneLabel != 0
	}
	m.parser.w = d.weights()
	if d.err != nil {
		return nil, d.err
	}
	if len(m.tagger.tags) == 0 || m.tagger.w.nclass != len(m.tagger.tags) ||
		m.parser.root >= len(m.parser.labels) || m.parser.w.nclass != 1+2*len(m.parser.labels) {
		return nil, fmt.Errorf("%w: inconsistent sizes", errFormat)
	}
	index := make(map[string]int, len(m.tagger.tags))
	for i, t := range m.tagger.tags {
		index[t] = i
	}
	m.tagger.dict = make(map[string]int, len(dict))
	for k, v := range dict {
		i, ok := index[v]
		if !ok {
			return nil, fmt.Errorf("%w: unknown tag %q", errFormat, v)
		}
		m.tagger.dict[k] = i
	}
	m.tagger.init()
	return m, nil
}
