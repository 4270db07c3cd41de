package parse

import (
	"math"
	"slices"
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
func (p *perceptron) score(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		i, ok := p.index[f]
		if !ok {
			continue
		}
		for _, e := range p.rows[i] {
			scores[e.cls] += float32(e.w)
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
		i, ok := p.index[f]
		if !ok {
			i = int32(len(p.rows))
			p.index[f] = i
			p.rows = append(p.rows, nil)
		}
		p.add(i, good, 1)
		p.add(i, bad, -1)
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
func (p *perceptron) average(min float64) *weights {
	keys := make([]uint64, 0, len(p.index))
	for k := range p.index {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	steps := float64(max(p.step, 1))
	w := &weights{nclass: p.nclass}
	for _, k := range keys {
		n := 0
		for _, e := range p.rows[p.index[k]] {
			avg := float64(e.w) - float64(e.u)/steps
			if math.Abs(avg) < min {
				continue
			}
			w.cls = append(w.cls, e.cls)
			w.w = append(w.w, float32(avg))
			n++
		}
		if n > 0 {
			w.keys = append(w.keys, k)
			w.start = append(w.start, uint32(len(w.cls)-n))
		}
	}
	w.start = append(w.start, uint32(len(w.cls)))
	w.build()
	return w
}

// weights are a trained perceptron's averaged weights, frozen for fast
// look-up: an open-addressing table from feature key to a row of
// (class, weight) entries.
type weights struct {
	nclass int
	keys   []uint64 // row keys, ascending
	start  []uint32 // row i is entries start[i]:start[i+1]
	cls    []uint8
	w      []float32

	mask  uint64
	slots []uint64 // keys; 0 marks an empty slot
	row   []uint32
}

// build makes the look-up table from keys. Keys are hashes, so their low
// bits index the table directly.
func (w *weights) build() {
	size := 1
	for size < 2*len(w.keys)+1 {
		size <<= 1
	}
	w.mask = uint64(size - 1)
	w.slots = make([]uint64, size)
	w.row = make([]uint32, size)
	for i, k := range w.keys {
		if k == 0 {
			continue // never produced in practice; unreachable by look-up
		}
		j := k & w.mask
		for w.slots[j] != 0 {
			j = (j + 1) & w.mask
		}
		w.slots[j] = k
		w.row[j] = uint32(i)
	}
}

// score sets scores to the sum of the rows of feats.
func (w *weights) score(feats []uint64, scores []float32) {
	clear(scores)
	for _, f := range feats {
		j := f & w.mask
		for {
			k := w.slots[j]
			if k == 0 {
				break
			}
			if k == f {
				r := w.row[j]
				lo, hi := w.start[r], w.start[r+1]
				cls, ws := w.cls[lo:hi], w.w[lo:hi]
				for i, c := range cls {
					scores[c] += ws[i]
				}
				break
			}
			j = (j + 1) & w.mask
		}
	}
}

// entries is the number of weights kept.
func (w *weights) entries() int { return len(w.w) }

// prune returns the weights with entries below min dropped, and rows left
// empty removed.
func (w *weights) prune(min float32) *weights {
	out := &weights{nclass: w.nclass}
	for r, k := range w.keys {
		n := 0
		for i := w.start[r]; i < w.start[r+1]; i++ {
			if x := w.w[i]; x >= min || x <= -min {
				out.cls = append(out.cls, w.cls[i])
				out.w = append(out.w, x)
				n++
			}
		}
		if n > 0 {
			out.keys = append(out.keys, k)
			out.start = append(out.start, uint32(len(out.cls)-n))
		}
	}
	out.start = append(out.start, uint32(len(out.cls)))
	out.build()
	return out
}
