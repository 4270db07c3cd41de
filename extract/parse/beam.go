package parse

import (
	"fmt"
	"math/rand/v2"
	"time"
)

// Beam search (Zhang & Clark 2008; Zhang & Nivre 2011) keeps the k
// best-scoring transition sequences at each step instead of one, a
// sequence's score being the sum of its transitions' scores. Every
// arc-hybrid sequence over n words has 2n transitions, so the sequences
// in a beam always end together. A model trained for the beam
// (trainBeam) scores whole sequences; a greedy model decoded with a beam
// gains little.

// copyFrom makes s a copy of o, a state of the same sentence.
func (s *state) copyFrom(o *state) {
	copy(s.ints, o.ints)
	copy(s.sets, o.sets)
	s.stack = append(s.stack[:0], o.stack...)
	s.b = o.b
}

// candidate is one way to extend a beam: item by class, giving score.
type candidate struct {
	item, class int
	score       int64
}

// topK keeps the k best candidates offered, best first; of equal scores
// it keeps the one offered first, so decoding is deterministic.
type topK struct {
	k int
	c []candidate
}

func (t *topK) reset(k int) {
	t.k = k
	t.c = t.c[:0]
}

func (t *topK) offer(c candidate) {
	n := len(t.c)
	switch {
	case n < t.k:
		t.c = append(t.c, c)
	case c.score > t.c[n-1].score:
		t.c[n-1] = c
	default:
		return
	}
	i := len(t.c) - 1
	for i > 0 && t.c[i-1].score < c.score {
		t.c[i] = t.c[i-1]
		i--
	}
	t.c[i] = c
}

// offer offers top the moves allowed by ok from item i of total score
// base. With oneLabel set, only the best-scoring relation of LEFT and of
// RIGHT is offered, so that the beam holds different structures rather
// than one structure with different relations.
func (p *parser) offer(top *topK, i int, base int64, scores []int32, ok []bool) {
	if !p.oneLabel {
		for c, v := range scores {
			if ok[c] {
				top.offer(candidate{i, c, base + int64(v)})
			}
		}
		return
	}
	L := len(p.labels)
	if ok[0] {
		top.offer(candidate{i, 0, base + int64(scores[0])})
	}
	for _, lo := range []int{1, 1 + L} {
		c := -1
		for j := lo; j < lo+L; j++ {
			if ok[j] && (c < 0 || scores[j] > scores[c]) {
				c = j
			}
		}
		if c >= 0 {
			top.offer(candidate{i, c, base + int64(scores[c])})
		}
	}
}

// parseBeam parses sent with a beam of p.beam sequences.
func (p *parser) parseBeam(sent *sentence) (heads, labels []int) {
	k := p.beam
	nclass := 1 + 2*len(p.labels)
	cur, next := make([]*state, 1, k), make([]*state, 0, k)
	spare := make([]*state, 0, 2*k)
	for range 2 * k {
		spare = append(spare, newState(sent))
	}
	cur[0] = spare[0]
	spare = spare[1:]
	score, nextScore := make([]int64, 1, k), make([]int64, 0, k)
	scores := make([]int32, nclass)
	ok := make([]bool, nclass)
	feats := make([]uint64, 0, 160)
	rs := newRoleScores(p.w, sent)
	defer rs.free()
	var top topK
	for !cur[0].done() {
		top.reset(k)
		for i, s := range cur {
			if len(s.stack) == 1 {
				top.offer(candidate{i, 0, score[i]}) // SHIFT is the one move
				continue
			}
			rs.score(s, feats[:0], scores)
			p.valid(s, ok)
			p.offer(&top, i, score[i], scores, ok)
		}
		next, nextScore = next[:0], nextScore[:0]
		for _, c := range top.c {
			s := spare[len(spare)-1]
			spare = spare[:len(spare)-1]
			s.copyFrom(cur[c.item])
			p.apply(s, c.class)
			next = append(next, s)
			nextScore = append(nextScore, c.score)
		}
		spare = append(spare, cur...)
		cur, next = next, cur
		score, nextScore = nextScore, score
	}
	return cur[0].head, cur[0].label
}

// hist is one transition of a sequence under training: the class taken
// and the features of the state it was taken in (nil where it was the
// only move and was not scored).
type hist struct {
	parent *hist
	class  int
	feats  []uint64
}

// beamItem is a sequence under training: its state, total score, total
// cost (gold arcs it lost, by the dynamic oracle's count) and history.
type beamItem struct {
	st    *state
	score int64
	cost  int
	h     *hist
}

// expansion is what a state offers: its features, the scores of its
// classes, which are allowed and what each costs.
type expansion struct {
	feats  []uint64
	scores []int32
	ok     []bool
	cost   []int
	only   bool // only SHIFT is possible; nothing was scored
}

// beamTrainer trains the transition scores globally: it decodes each
// training sentence with the beam under the current weights and, if the
// best sequence at the end is wrong, makes the max-violation update of
// Huang et al. (2012): at the step where the best sequence in the beam
// outscores the gold one by most, the gold prefix's transitions are
// rewarded and the best prefix's penalised. The gold sequence is the
// best-scoring one of least cost (by the dynamic oracle's count, so
// non-projective trees have a best projective approximation to learn):
// the best correct item of the beam while there is one, else the gold
// sequence followed on its own.
type beamTrainer struct {
	p      *parser
	pc     *perceptron
	k      int
	nclass int
	exp    []expansion // one per beam item, and one for the gold item
	arena  []uint64    // features of the sentence's states
	hists  []hist
	top    topK
}

func newBeamTrainer(p *parser, pc *perceptron, k int) *beamTrainer {
	t := &beamTrainer{p: p, pc: pc, k: k, nclass: 1 + 2*len(p.labels)}
	t.exp = make([]expansion, k+1)
	for i := range t.exp {
		t.exp[i] = expansion{scores: make([]int32, t.nclass), ok: make([]bool, t.nclass), cost: make([]int, t.nclass)}
	}
	return t
}

// expand fills e for the state s.
func (t *beamTrainer) expand(e *expansion, s *state, gh, gl []int) {
	e.only = len(s.stack) == 1
	if e.only {
		e.feats = nil
		clear(e.ok)
		e.ok[0] = true
		clear(e.cost)
		s.costs(gh, gl, t.p, e.ok, e.cost)
		clear(e.scores)
		return
	}
	used := len(t.arena)
	f := s.features(t.arena[used:used:cap(t.arena)])
	if len(f) <= cap(t.arena)-used {
		t.arena = t.arena[:used+len(f)]
	}
	e.feats = f
	t.pc.score(f, e.scores)
	t.p.valid(s, e.ok)
	s.costs(gh, gl, t.p, e.ok, e.cost)
}

func (t *beamTrainer) hist(parent *hist, class int, feats []uint64) *hist {
	if len(t.hists) == cap(t.hists) {
		return &hist{parent, class, feats}
	}
	t.hists = append(t.hists, hist{parent, class, feats})
	return &t.hists[len(t.hists)-1]
}

// train decodes one sentence and updates the weights; it reports whether
// the best sequence was right.
func (t *beamTrainer) train(sent *sentence, gh, gl []int) bool {
	n := len(gh) - 1
	k := t.k
	if need := 2 * n * (k + 1) * 160; cap(t.arena) < need {
		t.arena = make([]uint64, 0, need)
	}
	t.arena = t.arena[:0]
	if need := 2*n*(k+1) + 1; cap(t.hists) < need {
		t.hists = make([]hist, 0, need)
	}
	clear(t.hists[:cap(t.hists)]) // drop the last sentence's pointers
	t.hists = t.hists[:0]

	states := make([]*state, 2*k+2)
	for i := range states {
		states[i] = newState(sent)
	}
	spare := states[:2*k]
	goldStates := [2]*state{states[2*k], states[2*k+1]}
	cur := []beamItem{{st: spare[len(spare)-1]}}
	spare = spare[:len(spare)-1]
	next := make([]beamItem, 0, k)
	gold := cur[0]
	goldIn := 0 // index of the gold item in cur, -1 when it fell out
	var maxV int64 = -1
	var maxPred, maxGold *hist
	for step := 0; !cur[0].st.done(); step++ {
		t.top.reset(k)
		for i := range cur {
			e := &t.exp[i]
			t.expand(e, cur[i].st, gh, gl)
			t.p.offer(&t.top, i, cur[i].score, e.scores, e.ok)
		}
		ge := &t.exp[k]
		if goldIn >= 0 {
			ge = &t.exp[goldIn]
		} else {
			t.expand(ge, gold.st, gh, gl)
		}
		// The gold item's next move: of the least costly, the best scored.
		gc := -1
		for c := range ge.cost {
			if ge.ok[c] && (gc < 0 || ge.cost[c] < ge.cost[gc] || ge.cost[c] == ge.cost[gc] && ge.scores[c] > ge.scores[gc]) {
				gc = c
			}
		}
		gs := goldStates[step%2]
		gs.copyFrom(gold.st)
		t.p.apply(gs, gc)
		gold = beamItem{st: gs, score: gold.score + int64(ge.scores[gc]), cost: gold.cost + ge.cost[gc], h: t.hist(gold.h, gc, ge.feats)}

		next = next[:0]
		for _, c := range t.top.c {
			s := spare[len(spare)-1]
			spare = spare[:len(spare)-1]
			it := &cur[c.item]
			e := &t.exp[c.item]
			s.copyFrom(it.st)
			t.p.apply(s, c.class)
			next = append(next, beamItem{st: s, score: c.score, cost: it.cost + e.cost[c.class], h: t.hist(it.h, c.class, e.feats)})
		}
		for _, it := range cur {
			spare = append(spare, it.st)
		}
		cur, next = next, cur[:0]
		goldIn = -1
		for i := range cur {
			if cur[i].cost <= gold.cost {
				goldIn = i
				gold = cur[i]
				break
			}
		}
		if cur[0].cost > gold.cost {
			if v := cur[0].score - gold.score; v >= maxV {
				maxV, maxPred, maxGold = v, cur[0].h, gold.h
			}
		}
	}
	t.pc.tick()
	if cur[0].cost <= gold.cost {
		return true
	}
	for g, q := maxGold, maxPred; g != q; g, q = g.parent, q.parent {
		t.pc.addAll(g.feats, g.class, 1)
		t.pc.addAll(q.feats, q.class, -1)
	}
	return false
}

// trainBeam runs opts.ParseIter passes of beam training over data.
func trainBeam(data []example, p *parser, pc *perceptron, opts TrainOptions, afterPass func(int, *weights) error) error {
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9a25))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	t := newBeamTrainer(p, pc, opts.Beam)
	for it := range opts.ParseIter {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		right := 0
		for _, di := range order {
			ex := &data[di]
			if t.train(ex.sent, ex.gh, ex.gl) {
				right++
			}
		}
		fmt.Fprintf(opts.Log, "parser pass %d (beam %d): %.4f of sentences right, %d features, %s\n",
			it+1, opts.Beam, float64(right)/float64(len(data)), len(pc.rows), time.Since(start).Round(time.Millisecond))
		if afterPass != nil && it+1 < opts.ParseIter {
			if err := afterPass(it+1, pc.average(opts.MinWeight)); err != nil {
				return err
			}
		}
	}
	return nil
}
