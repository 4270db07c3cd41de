package parse

import (
	"math"
	"slices"
	"sync/atomic"
	"unsafe"
)

// perceptron is an averaged multiclass perceptron under training. Each
// feature has a sparse row of (class, weight) entries; only the classes a
// feature was ever updated for take space. Averages use the usual trick:
// u accumulates step×delta, and the average is w - u/step.
type perceptron struct {
	nclass int
	index  map[uint64]int32
	rows   [][]entry
	step   int64
}

type entry struct {
	u   int64
	w   int32
	cls uint8
}

func newPerceptron(nclass int) *perceptron {
	return &perceptron{nclass: nclass, index: make(map[uint64]int32, 1<<16)}
}

// score adds the current (not averaged) weights of feats to scores.
func (p *perceptron) score(feats []uint64, scores []int32) {
	clear(scores)
	for _, f := range feats {
		i, ok := p.index[f]
		if !ok {
			continue
		}
		for _, e := range p.rows[i] {
			scores[e.cls] += e.w
		}
	}
}

// tick counts one training decision, the unit of averaging.
func (p *perceptron) tick() { p.step++ }

// update moves the weights of feats towards class good and away from bad.
func (p *perceptron) update(feats []uint64, good, bad int) {
	if good == bad {
		return
	}
	for _, f := range feats {
		i := p.row(f)
		p.add(i, good, 1)
		p.add(i, bad, -1)
	}
}

// row returns the index of feature f's row, adding an empty one for a
// feature not seen before.
func (p *perceptron) row(f uint64) int32 {
	i, ok := p.index[f]
	if !ok {
		i = int32(len(p.rows))
		p.index[f] = i
		p.rows = append(p.rows, nil)
	}
	return i
}

// addAll adds d to the weight of class cls for each of feats.
func (p *perceptron) addAll(feats []uint64, cls, d int) {
	for _, f := range feats {
		p.add(p.row(f), cls, d)
	}
}

func (p *perceptron) add(row int32, cls, d int) {
	r := p.rows[row]
	for j := range r {
		if int(r[j].cls) == cls {
			r[j].w += int32(d)
			r[j].u += p.step * int64(d)
			return
		}
	}
	p.rows[row] = append(r, entry{cls: uint8(cls), w: int32(d), u: p.step * int64(d)})
}

// average returns the averaged weights, dropping those whose magnitude is
// below min, with the rows in key order so the result is deterministic.
// The averages are quantised to 16-bit multiples of one step, the form in
// which they are saved, so a trained model and its saved copy agree.
func (p *perceptron) average(min float64) *weights {
	keys := make([]uint64, 0, len(p.index))
	for k := range p.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	steps := float64(max(p.step, 1))
	avg := func(e entry) float64 { return float64(e.w) - float64(e.u)/steps }
	top := 0.0
	for _, r := range p.rows {
		for _, e := range r {
			top = max(top, math.Abs(avg(e)))
		}
	}
	w := &weights{nclass: p.nclass, scale: 1}
	if top > 0 {
		w.scale = float32(top / math.MaxInt16)
	}
	for _, k := range keys {
		n := 0
		for _, e := range p.rows[p.index[k]] {
			a := avg(e)
			q := math.Round(a / float64(w.scale))
			if math.Abs(a) < min || q == 0 {
				continue
			}
			w.ents = append(w.ents, packEntry(int(e.cls), int16(q)))
			n++
		}
		if n > 0 {
			w.keys = append(w.keys, k)
			w.start = append(w.start, uint32(len(w.ents)-n))
		}
	}
	w.start = append(w.start, uint32(len(w.ents)))
	w.truncate()
	w.build()
	return w
}

// keyMask keeps the top 40 bits of a feature key. Models store and look
// up keys cut to these bits, which makes them a quarter smaller; with a
// few million features, two rarely share a cut key, and truncate merges
// those that do.
const (
	keyShift = 24
	keyMask  = ^uint64(0) >> keyShift << keyShift
)

// truncate cuts the keys to keyMask, merging the rows of keys that
// become equal.
func (w *weights) truncate() {
	var (
		keys  []uint64
		start []uint32
		ents  []uint32
		sum   [256]int32
		used  []int
	)
	for i := 0; i < len(w.keys); {
		k := w.keys[i] & keyMask
		j := i
		for j < len(w.keys) && w.keys[j]&keyMask == k {
			j++
		}
		if j == i+1 {
			keys = append(keys, k)
			start = append(start, uint32(len(ents)))
			ents = append(ents, w.ents[w.start[i]:w.start[i+1]]...)
			i = j
			continue
		}
		used = used[:0]
		for r := i; r < j; r++ {
			for _, e := range w.ents[w.start[r]:w.start[r+1]] {
				c := int(e >> 16)
				if sum[c] == 0 {
					used = append(used, c)
				}
				sum[c] += int32(int16(e))
			}
		}
		slices.Sort(used)
		n := 0
		for _, c := range used {
			if v := max(min(sum[c], math.MaxInt16), math.MinInt16); v != 0 {
				ents = append(ents, packEntry(c, int16(v)))
				n++
			}
			sum[c] = 0
		}
		if n > 0 {
			keys = append(keys, k)
			start = append(start, uint32(len(ents)-n))
		}
		i = j
	}
	w.keys, w.start, w.ents = keys, append(start, uint32(len(ents))), ents
}

// weights are a trained perceptron's averaged weights, frozen for fast
// look-up: an open-addressing table from feature key to a row of entries,
// each a class and a weight in multiples of scale. Scores are sums of
// these integers; only their order matters.
type weights struct {
	nclass int
	scale  float32
	keys   []uint64 // row keys, ascending
	start  []uint32 // row i is ents[start[i]:start[i+1]]
	ents   []uint32 // class<<16 | uint16(weight)

	shift uint
	mask  uint64
	slots []slot
	dense []uint64 // long rows, each laneWords(nclass) words of two lanes
}

// slot is one entry of the look-up table. Keys keep only their top bits
// (keyMask), so their low bits say where the row is:
//
//	rowSparse  ents[lo:hi]
//	rowOne     the one entry is lo itself, saving a second fetch
//	rowTwo     the two entries are lo and hi
//	rowDense   dense[lo:lo+laneWords(nclass)]
type slot struct {
	key    uint64 // 0 marks an empty slot
	lo, hi uint32
}

const (
	rowSparse = iota
	rowOne
	rowTwo
	rowDense

	rowKind = ^keyMask
)

// A dense row holds every class's weight, class 2i in the low 32 bits of
// word i and class 2i+1 in the high 32 bits, each as weight+laneBias, a
// number in [0, 65535]. Adding such words adds both lanes at once: a lane
// cannot carry into the next before 65,536 rows are summed, and every
// dense row adds the same bias to every class, which score takes off
// again, so the sums are exactly those of the sparse rows. Rows of at
// least denseMin entries are stored so; they are the frequent features,
// and most of the additions.
const (
	laneBias = 1 << 15
	denseMin = 24
)

func laneWords(nclass int) int { return (nclass + 1) / 2 }

func packEntry(cls int, w int16) uint32 { return uint32(cls)<<16 | uint32(uint16(w)) }

// build makes the look-up table from keys. Keys are hashes, so their top
// bits index the table directly; as the keys are sorted, the table fills
// from one end to the other, which keeps building it fast.
func (w *weights) build() {
	bits := 1
	for 1<<bits < len(w.keys)+len(w.keys)/2+1 {
		bits++
	}
	size := uint64(1) << bits
	w.shift = 64 - uint(bits)
	w.mask = size - 1
	w.slots = make([]slot, size)
	hugePages(unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(w.slots))), len(w.slots)*int(unsafe.Sizeof(slot{}))))
	nw := laneWords(w.nclass)
	ndense := 0
	for i := range w.keys {
		if w.start[i+1]-w.start[i] >= denseMin {
			ndense++
		}
	}
	w.dense = make([]uint64, 0, ndense*nw)
	for i, k := range w.keys {
		if k == 0 {
			continue // never produced in practice; unreachable by look-up
		}
		j := k >> w.shift
		for w.slots[j].key != 0 {
			j = (j + 1) & w.mask
		}
		lo, hi := w.start[i], w.start[i+1]
		switch n := hi - lo; {
		case n == 1:
			w.slots[j] = slot{key: k | rowOne, lo: w.ents[lo]}
		case n == 2:
			w.slots[j] = slot{key: k | rowTwo, lo: w.ents[lo], hi: w.ents[lo+1]}
		case n >= denseMin:
			at := len(w.dense)
			var ws [256]int32
			for _, e := range w.ents[lo:hi] {
				ws[e>>16] += int32(int16(e))
			}
			for c := 0; c < nw; c++ {
				w.dense = append(w.dense, uint64(ws[2*c]+laneBias)|uint64(ws[2*c+1]+laneBias)<<32)
			}
			w.slots[j] = slot{key: k | rowDense, lo: uint32(at)}
		default:
			w.slots[j] = slot{key: k | rowSparse, lo: lo, hi: hi}
		}
	}
}

// score sets scores to the sum of the rows of feats.
func (w *weights) score(feats []uint64, scores []int32) {
	clear(scores)
	w.add(feats, scores)
}

// maxBatch is how many features add looks up at a time.
const maxBatch = 160

// add adds the rows of feats to scores.
//
// Scoring is bound by memory: the table is far larger than the caches, so
// nearly every feature's slot and row are a miss. add therefore works in
// passes over a batch of features. The first only reads each feature's
// home slot, with no branch that depends on what it reads, so that the
// processor issues all those reads at once instead of one after another
// (a mispredicted branch throws away the reads issued after it). The
// second finds each feature's row in the slots now cached, and the third
// reads the first and last entries of each sparse row and the start of
// each dense row the same way, before the rows are added up. The sums are
// those of adding the rows one by one.
func (w *weights) add(feats []uint64, scores []int32) {
	var (
		spans [maxBatch][2]uint32
		dense [maxBatch]uint32
		acc   [128]uint64
		touch uint64
	)
	nw := laneWords(w.nclass)
	ndense := 0
	for len(feats) > 0 {
		batch := feats[:min(len(feats), maxBatch)]
		feats = feats[len(batch):]
		for _, f := range batch {
			touch += w.slots[(f&keyMask)>>w.shift].key
		}
		n, nd := 0, 0
		for _, f := range batch {
			f &= keyMask
			j := f >> w.shift
			for {
				sl := &w.slots[j]
				if sl.key == 0 {
					break
				}
				if sl.key&keyMask == f {
					switch sl.key & rowKind {
					case rowSparse:
						spans[n] = [2]uint32{sl.lo, sl.hi}
						n++
					case rowDense:
						dense[nd] = sl.lo
						nd++
					case rowTwo:
						scores[sl.hi>>16] += int32(int16(sl.hi))
						fallthrough
					default:
						scores[sl.lo>>16] += int32(int16(sl.lo))
					}
					break
				}
				j = (j + 1) & w.mask
			}
		}
		for _, sp := range spans[:n] {
			touch += uint64(w.ents[sp[0]]) + uint64(w.ents[sp[1]-1])
		}
		for _, at := range dense[:nd] {
			touch += w.dense[at]
		}
		a := acc[:nw]
		for _, at := range dense[:nd] {
			row := w.dense[at : int(at)+nw]
			for i, v := range row {
				a[i] += v
			}
		}
		ndense += nd
		for _, sp := range spans[:n] {
			for _, e := range w.ents[sp[0]:sp[1]] {
				scores[e>>16] += int32(int16(e))
			}
		}
	}
	if ndense > 0 {
		bias := int32(ndense * laneBias)
		for c := range scores {
			scores[c] += int32(uint32(acc[c/2]>>(32*(c%2)))) - bias
		}
	}
	sink.Store(touch)
}

// sink keeps the reads that only bring memory into the cache from being
// optimised away. It is atomic because parsers run in many goroutines at
// once (ingest's workers): a plain variable would be a data race.
var sink atomic.Uint64

// entries is the number of weights kept.
func (w *weights) entries() int { return len(w.ents) }
