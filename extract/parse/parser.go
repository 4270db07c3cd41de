package parse

import (
	"slices"
	"strings"
	"sync"
)

// The parser is arc-hybrid (Kuhlmann et al. 2011) with the root at the
// bottom of the stack. Its transitions are
//
//	SHIFT     move the first buffer word b0 onto the stack
//	LEFT(l)   make b0 the head of the stack top s0, with relation l; pop s0
//	RIGHT(l)  make s1 the head of s0, with relation l; pop s0
//
// RIGHT onto the root is allowed only once the buffer is empty and s0 is
// the last word on the stack, so every tree has exactly one root word.
// Class 0 is SHIFT, 1+l is LEFT(l), 1+L+l is RIGHT(l) for L relations.

// parser holds the trained transition classifier and its relations.
type parser struct {
	labels []string
	root   int // index of "root" in labels
	beam   int // beam width: 1 (or 0) parses greedily
	// oneLabel keeps one relation per move in the beam (see offer)
	oneLabel bool
	w        *weights
}

// state is a parser configuration over words 1..n, word 0 being the root.
type state struct {
	n     int
	stack []int
	b     int // first buffer word; the buffer is b..n
	head  []int
	label []int
	// two leftmost and two rightmost children (-1: none), child counts
	// and the sets of child relations on each side, for features
	l1, l2, r1, r2 []int
	nl, nr         []int
	lset, rset     []uint64
	ints           []int    // backing array of head … nr, for copyFrom
	sets           []uint64 // backing array of lset and rset
	*sentence
}

// sentence holds what features read of each word, 0 being the root:
// hashes of its word, tag, coarse tag and suffix, and a summary of what
// lies ahead of it up to the next punctuation mark.
type sentence struct {
	wh, ph, ch, sh []uint64
	ah             []uint64 // the runner-up tag
	ahead          []uint64
}

// newSentence prepares forms with their tags xpos and runner-up tags alt
// for the parser.
func newSentence(forms, xpos, alt []string) *sentence {
	n := len(forms) + 1
	s := &sentence{}
	all := make([]uint64, 6*n)
	s.wh, all = all[:n], all[n:]
	s.ah, all = all[:n], all[n:]
	s.ph, all = all[:n], all[n:]
	s.ch, all = all[:n], all[n:]
	s.sh, all = all[:n], all[n:]
	s.ahead = all[:n]
	s.wh[0], s.ph[0], s.ch[0], s.sh[0], s.ah[0] = hRoot, hRoot, hRoot, hRoot, hRoot
	for i, f := range forms {
		s.ah[i+1] = hashString(alt[i])
		w := normWord(f)
		s.wh[i+1] = hashString(w)
		s.sh[i+1] = hashString(suffix(w, 3))
		s.ph[i+1] = hashString(xpos[i])
		s.ch[i+1] = coarse(xpos[i])
	}
	// From the end: the distance to the next clause punctuation (capped),
	// whether a verb comes before it, and whether one comes in the stretch
	// after it.
	next, verbHere, verbNext := -1, false, false
	for i := len(forms) - 1; i >= 0; i-- {
		x := xpos[i]
		d := 7
		if next >= 0 {
			d = min(next-i, 6)
		}
		var a uint64 = uint64(d)
		if verbHere {
			a |= 1 << 3
		}
		if verbNext {
			a |= 1 << 4
		}
		s.ahead[i+1] = a
		switch {
		case x == "," || x == "." || x == ":":
			next, verbNext, verbHere = i, verbHere, false
		case strings.HasPrefix(x, "VB") || x == "MD":
			verbHere = true
		}
	}
	return s
}

func newState(sent *sentence) *state {
	n := len(sent.wh) - 1
	s := &state{n: n, b: 1, sentence: sent}
	ints := make([]int, 8*(n+1))
	s.ints = ints
	s.head, ints = ints[:n+1], ints[n+1:]
	s.label, ints = ints[:n+1], ints[n+1:]
	s.l1, ints = ints[:n+1], ints[n+1:]
	s.l2, ints = ints[:n+1], ints[n+1:]
	s.r1, ints = ints[:n+1], ints[n+1:]
	s.r2, ints = ints[:n+1], ints[n+1:]
	s.nl, ints = ints[:n+1], ints[n+1:]
	s.nr = ints[:n+1]
	for i := range s.head {
		s.head[i], s.label[i] = -1, -1
		s.l1[i], s.l2[i], s.r1[i], s.r2[i] = -1, -1, -1, -1
	}
	sets := make([]uint64, 2*(n+1))
	s.sets = sets
	s.lset, s.rset = sets[:n+1], sets[n+1:]
	s.stack = make([]int, 1, n+1)
	return s
}

func (s *state) done() bool { return s.b > s.n && len(s.stack) == 1 }

// valid marks the classes allowed in s.
func (p *parser) valid(s *state, ok []bool) {
	L := len(p.labels)
	clear(ok)
	buf := s.b <= s.n
	ok[0] = buf
	if buf && len(s.stack) >= 2 {
		for l := 0; l < L; l++ {
			ok[1+l] = l != p.root
		}
	}
	switch {
	case len(s.stack) >= 3:
		for l := 0; l < L; l++ {
			ok[1+L+l] = l != p.root
		}
	case len(s.stack) == 2 && !buf:
		ok[1+L+p.root] = true
	}
}

// apply performs class c on s.
func (p *parser) apply(s *state, c int) {
	L := len(p.labels)
	switch {
	case c == 0:
		s.stack = append(s.stack, s.b)
		s.b++
	case c <= L:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.b, d, c-1)
	default:
		d := s.stack[len(s.stack)-1]
		s.stack = s.stack[:len(s.stack)-1]
		s.attach(s.stack[len(s.stack)-1], d, c-1-L)
	}
}

func (s *state) attach(h, d, l int) {
	s.head[d], s.label[d] = h, l
	bit := uint64(1) << (uint(l) & 63)
	if d < h {
		s.nl[h]++
		s.lset[h] |= bit
		switch {
		case s.l1[h] < 0 || d < s.l1[h]:
			s.l2[h], s.l1[h] = s.l1[h], d
		case s.l2[h] < 0 || d < s.l2[h]:
			s.l2[h] = d
		}
		return
	}
	s.nr[h]++
	s.rset[h] |= bit
	switch {
	case d > s.r1[h]:
		s.r2[h], s.r1[h] = s.r1[h], d
	case d > s.r2[h]:
		s.r2[h] = d
	}
}

// Parser feature templates.
const (
	pfS0w = iota
	pfS0p
	pfS0wp
	pfS1w
	pfS1p
	pfS1wp
	pfS2w
	pfS2p
	pfB0w
	pfB0p
	pfB0wp
	pfB1w
	pfB1p
	pfB1wp
	pfB2w
	pfB2p
	pfS0lw
	pfS0lp
	pfS0ll
	pfS0rw
	pfS0rp
	pfS0rl
	pfS1lp
	pfS1ll
	pfS1rw
	pfS1rp
	pfS1rl
	pfB0lw
	pfB0lp
	pfB0ll
	pfS0l2p
	pfS0l2l
	pfS0r2p
	pfS0r2l
	pfB0l2p
	pfB0l2l
	pfS1r2p
	pfS1r2l
	pfS0wpB0wp
	pfS0wpB0w
	pfS0wB0wp
	pfS0wpB0p
	pfS0pB0wp
	pfS0wB0w
	pfS0pB0p
	pfB0pB1p
	pfS1wpS0wp
	pfS1wpS0w
	pfS1wS0wp
	pfS1wpS0p
	pfS1pS0wp
	pfS1wS0w
	pfS1pS0p
	pfB0pB1pB2p
	pfS0pB0pB1p
	pfS1pS0pB0p
	pfS0pS0lpB0p
	pfS0pS0rpB0p
	pfS0pB0pB0lp
	pfS1pS1lpS0p
	pfS1pS1rpS0p
	pfS1pS0pS0lp
	pfS1pS0pS0rp
	pfS2pS1pS0p
	pfS0pS0lpS0l2p
	pfS0pS0rpS0r2p
	pfB0pB0lpB0l2p
	pfS1pS1rpS1r2p
	pfS0wD0
	pfS0pD0
	pfB0wD0
	pfB0pD0
	pfS0wB0wD0
	pfS0pB0pD0
	pfS1wD1
	pfS1pD1
	pfS0wD1
	pfS0pD1
	pfS1wS0wD1
	pfS1pS0pD1
	pfS0wVl
	pfS0pVl
	pfS0wVr
	pfS0pVr
	pfS1wVr
	pfS1pVr
	pfS1pVl
	pfB0wVl
	pfB0pVl
	pfS0wLset
	pfS0pLset
	pfS0wRset
	pfS0pRset
	pfB0wLset
	pfB0pLset
	pfS1wRset
	pfS1pRset
	pfS1pS0pB0pB1p
	pfS0wS0rlB0p
	pfS0pS1pB0pB1p
	pfBufLen
	pfS0c
	pfB0c
	pfS1c
	pfS0cB0c
	pfS1cS0c
	pfS1cS0cB0c
	pfS0cB0cB1c
	pfS0cS0rcB0c
	pfS1cS1rcS0c
	pfB0cB0lcS0c
	pfS0s
	pfB0s
	pfS1s
	pfB1s
	pfS0sB0p
	pfS0pB0s
	pfS1sS0p
	pfS1pS0s
	pfB0pAhead
	pfS0pB0pAhead
	pfS1pS0pB0Ahead
	pfB3p
	pfB1pB2pB3p
	pfB0pAlt
	pfS0pAlt
	pfB1pAlt
	pfS0pAltB0p
	pfS0pB0pAlt
	pfS1pS0pAlt
)

// What features read of word i of a sentence, or of no word (i < 0).
func (s *sentence) word(i int) uint64      { return at(s.wh, i, hNone) }
func (s *sentence) tag(i int) uint64       { return at(s.ph, i, hNone) }
func (s *sentence) coarseTag(i int) uint64 { return at(s.ch, i, hNone) }
func (s *sentence) altTag(i int) uint64    { return at(s.ah, i, hNone) }
func (s *sentence) suffix(i int) uint64    { return at(s.sh, i, hNone) }
func (s *sentence) lookAhead(i int) uint64 { return at(s.ahead, i, 99) }

// at returns a[i], or none for i < 0.
func at(a []uint64, i int, none uint64) uint64 {
	if i < 0 {
		return none
	}
	return a[i]
}

// The features of a state fall into five groups: those of the buffer
// words alone (bufFeatures), of the stack words s0, s1 and s2 alone
// (stackFeatures), and the rest (stateFeatures), which read two places at
// once or what the parse has built. The first four do not change while
// their words stay where they are, so the parser scores each group once
// per word and place (see roleScores) and only the rest per transition.

// bufFeatures appends the features of the buffer beginning at word b
// (the buffer is empty for b past the last word).
func (s *sentence) bufFeatures(feats []uint64, b int) []uint64 {
	n := len(s.wh) - 1
	word := func(i int) int {
		if i > n {
			return -1
		}
		return i
	}
	b0, b1, b2, b3 := word(b), word(b+1), word(b+2), word(b+3)
	b0w, b0p, b1w, b1p, b2p := s.word(b0), s.tag(b0), s.word(b1), s.tag(b1), s.tag(b2)
	return append(feats,
		k1(pfB0w, b0w),
		k1(pfB0p, b0p),
		k2(pfB0wp, b0w, b0p),
		k1(pfB1w, b1w),
		k1(pfB1p, b1p),
		k2(pfB1wp, b1w, b1p),
		k1(pfB2w, s.word(b2)),
		k1(pfB2p, b2p),
		k2(pfB0pB1p, b0p, b1p),
		k3(pfB0pB1pB2p, b0p, b1p, b2p),
		k1(pfB0c, s.coarseTag(b0)),
		k1(pfB0s, s.suffix(b0)),
		k1(pfB1s, s.suffix(b1)),
		k2(pfB0pAhead, b0p, s.lookAhead(b0)),
		k1(pfB3p, s.tag(b3)),
		k3(pfB1pB2pB3p, b1p, b2p, s.tag(b3)),
		k2(pfB0pAlt, b0p, s.altTag(b0)),
		k2(pfB1pAlt, b1p, s.altTag(b1)),
	)
}

// Places on the stack, for stackFeatures.
const (
	atS0 = iota
	atS1
	atS2
	stackPlaces
)

// stackFeatures appends the features of word i (or of none, i < 0) as
// the stack word at place.
func (s *sentence) stackFeatures(feats []uint64, place, i int) []uint64 {
	w, p := s.word(i), s.tag(i)
	switch place {
	case atS0:
		return append(feats,
			k1(pfS0w, w),
			k1(pfS0p, p),
			k2(pfS0wp, w, p),
			k1(pfS0c, s.coarseTag(i)),
			k1(pfS0s, s.suffix(i)),
			k2(pfS0pAlt, p, s.altTag(i)),
		)
	case atS1:
		return append(feats,
			k1(pfS1w, w),
			k1(pfS1p, p),
			k2(pfS1wp, w, p),
			k1(pfS1c, s.coarseTag(i)),
			k1(pfS1s, s.suffix(i)),
		)
	default:
		return append(feats,
			k1(pfS2w, w),
			k1(pfS2p, p),
		)
	}
}

// top returns the stack words s0, s1 and s2 (-1: none).
func (s *state) top() (s0, s1, s2 int) {
	s0, s1, s2 = -1, -1, -1
	k := len(s.stack)
	if k >= 1 {
		s0 = s.stack[k-1]
	}
	if k >= 2 {
		s1 = s.stack[k-2]
	}
	if k >= 3 {
		s2 = s.stack[k-3]
	}
	return s0, s1, s2
}

// features appends all the features of s to feats.
func (s *state) features(feats []uint64) []uint64 {
	s0, s1, s2 := s.top()
	feats = s.bufFeatures(feats, s.b)
	feats = s.stackFeatures(feats, atS0, s0)
	feats = s.stackFeatures(feats, atS1, s1)
	feats = s.stackFeatures(feats, atS2, s2)
	return s.stateFeatures(feats)
}

// stateFeatures appends the features of s that bufFeatures and
// stackFeatures leave out.
func (s *state) stateFeatures(feats []uint64) []uint64 {
	w, p, c, alt, suf := s.word, s.tag, s.coarseTag, s.altTag, s.suffix
	lab := func(i int) uint64 {
		if i < 0 {
			return 0
		}
		return uint64(s.label[i] + 2)
	}
	get := func(a []int, i int) int {
		if i < 0 {
			return -1
		}
		return a[i]
	}
	k := len(s.stack)
	s0, s1, s2 := s.top()
	b0, b1 := -1, -1
	if s.b <= s.n {
		b0 = s.b
	}
	if s.b+1 <= s.n {
		b1 = s.b + 1
	}
	s0l, s0l2, s0r, s0r2 := get(s.l1, s0), get(s.l2, s0), get(s.r1, s0), get(s.r2, s0)
	s1l, s1r, s1r2 := get(s.l1, s1), get(s.r1, s1), get(s.r2, s1)
	b0l, b0l2 := get(s.l1, b0), get(s.l2, b0)

	s0w, s0p, s1w, s1p, s2p := w(s0), p(s0), w(s1), p(s1), p(s2)
	b0w, b0p, b1p := w(b0), p(b0), p(b1)
	s0lp, s0rp, s1lp, s1rp, b0lp := p(s0l), p(s0r), p(s1l), p(s1r), p(b0l)

	dist := func(a, b int) uint64 {
		if a < 0 || b < 0 {
			return 0
		}
		d := b - a
		if d > 10 {
			d = 10 + min((d-10)/5, 4)
		}
		return uint64(d)
	}
	d0, d1 := dist(s0, b0), dist(s1, s0)
	val := func(a []int, i int) uint64 {
		if i < 0 {
			return 99
		}
		return uint64(min(a[i], 6))
	}
	set := func(a []uint64, i int) uint64 {
		if i < 0 {
			return 1
		}
		return a[i]
	}
	bufLen := uint64(min(s.n-s.b+1, 5))
	if b0 < 0 {
		bufLen = 0
	}

	return append(feats,
		k1(pfS0lw, w(s0l)),
		k1(pfS0lp, s0lp),
		k1(pfS0ll, lab(s0l)),
		k1(pfS0rw, w(s0r)),
		k1(pfS0rp, s0rp),
		k1(pfS0rl, lab(s0r)),
		k1(pfS1lp, s1lp),
		k1(pfS1ll, lab(s1l)),
		k1(pfS1rw, w(s1r)),
		k1(pfS1rp, s1rp),
		k1(pfS1rl, lab(s1r)),
		k1(pfB0lw, w(b0l)),
		k1(pfB0lp, b0lp),
		k1(pfB0ll, lab(b0l)),
		k1(pfS0l2p, p(s0l2)),
		k1(pfS0l2l, lab(s0l2)),
		k1(pfS0r2p, p(s0r2)),
		k1(pfS0r2l, lab(s0r2)),
		k1(pfB0l2p, p(b0l2)),
		k1(pfB0l2l, lab(b0l2)),
		k1(pfS1r2p, p(s1r2)),
		k1(pfS1r2l, lab(s1r2)),
		k3(pfS0wpB0wp, k2(0, s0w, s0p), b0w, b0p),
		k3(pfS0wpB0w, s0w, s0p, b0w),
		k3(pfS0wB0wp, s0w, b0w, b0p),
		k3(pfS0wpB0p, s0w, s0p, b0p),
		k3(pfS0pB0wp, s0p, b0w, b0p),
		k2(pfS0wB0w, s0w, b0w),
		k2(pfS0pB0p, s0p, b0p),
		k3(pfS1wpS0wp, k2(0, s1w, s1p), s0w, s0p),
		k3(pfS1wpS0w, s1w, s1p, s0w),
		k3(pfS1wS0wp, s1w, s0w, s0p),
		k3(pfS1wpS0p, s1w, s1p, s0p),
		k3(pfS1pS0wp, s1p, s0w, s0p),
		k2(pfS1wS0w, s1w, s0w),
		k2(pfS1pS0p, s1p, s0p),
		k3(pfS0pB0pB1p, s0p, b0p, b1p),
		k3(pfS1pS0pB0p, s1p, s0p, b0p),
		k3(pfS0pS0lpB0p, s0p, s0lp, b0p),
		k3(pfS0pS0rpB0p, s0p, s0rp, b0p),
		k3(pfS0pB0pB0lp, s0p, b0p, b0lp),
		k3(pfS1pS1lpS0p, s1p, s1lp, s0p),
		k3(pfS1pS1rpS0p, s1p, s1rp, s0p),
		k3(pfS1pS0pS0lp, s1p, s0p, s0lp),
		k3(pfS1pS0pS0rp, s1p, s0p, s0rp),
		k3(pfS2pS1pS0p, s2p, s1p, s0p),
		k3(pfS0pS0lpS0l2p, s0p, s0lp, p(s0l2)),
		k3(pfS0pS0rpS0r2p, s0p, s0rp, p(s0r2)),
		k3(pfB0pB0lpB0l2p, b0p, b0lp, p(b0l2)),
		k3(pfS1pS1rpS1r2p, s1p, s1rp, p(s1r2)),
		k2(pfS0wD0, s0w, d0),
		k2(pfS0pD0, s0p, d0),
		k2(pfB0wD0, b0w, d0),
		k2(pfB0pD0, b0p, d0),
		k3(pfS0wB0wD0, s0w, b0w, d0),
		k3(pfS0pB0pD0, s0p, b0p, d0),
		k2(pfS1wD1, s1w, d1),
		k2(pfS1pD1, s1p, d1),
		k2(pfS0wD1, s0w, d1),
		k2(pfS0pD1, s0p, d1),
		k3(pfS1wS0wD1, s1w, s0w, d1),
		k3(pfS1pS0pD1, s1p, s0p, d1),
		k2(pfS0wVl, s0w, val(s.nl, s0)),
		k2(pfS0pVl, s0p, val(s.nl, s0)),
		k2(pfS0wVr, s0w, val(s.nr, s0)),
		k2(pfS0pVr, s0p, val(s.nr, s0)),
		k2(pfS1wVr, s1w, val(s.nr, s1)),
		k2(pfS1pVr, s1p, val(s.nr, s1)),
		k2(pfS1pVl, s1p, val(s.nl, s1)),
		k2(pfB0wVl, b0w, val(s.nl, b0)),
		k2(pfB0pVl, b0p, val(s.nl, b0)),
		k2(pfS0wLset, s0w, set(s.lset, s0)),
		k2(pfS0pLset, s0p, set(s.lset, s0)),
		k2(pfS0wRset, s0w, set(s.rset, s0)),
		k2(pfS0pRset, s0p, set(s.rset, s0)),
		k2(pfB0wLset, b0w, set(s.lset, b0)),
		k2(pfB0pLset, b0p, set(s.lset, b0)),
		k2(pfS1wRset, s1w, set(s.rset, s1)),
		k2(pfS1pRset, s1p, set(s.rset, s1)),
		k3(pfS1pS0pB0pB1p, k2(0, s1p, s0p), b0p, b1p),
		k3(pfS0wS0rlB0p, s0w, lab(s0r), b0p),
		k3(pfS0pS1pB0pB1p, k2(1, s0p, s1p), lab(s1r), b0p),
		k2(pfBufLen, bufLen, uint64(min(k, 5))),
		k2(pfS0cB0c, c(s0), c(b0)),
		k2(pfS1cS0c, c(s1), c(s0)),
		k3(pfS1cS0cB0c, c(s1), c(s0), c(b0)),
		k3(pfS0cB0cB1c, c(s0), c(b0), c(b1)),
		k3(pfS0cS0rcB0c, c(s0), c(s0r), c(b0)),
		k3(pfS1cS1rcS0c, c(s1), c(s1r), c(s0)),
		k3(pfB0cB0lcS0c, c(b0), c(b0l), c(s0)),
		k2(pfS0sB0p, suf(s0), b0p),
		k2(pfS0pB0s, s0p, suf(b0)),
		k2(pfS1sS0p, suf(s1), s0p),
		k2(pfS1pS0s, s1p, suf(s0)),
		k3(pfS0pB0pAhead, s0p, b0p, s.lookAhead(b0)),
		k3(pfS1pS0pB0Ahead, s1p, s0p, s.lookAhead(b0)),
		k3(pfS0pAltB0p, k2(0, s0p, alt(s0)), b0p, 0),
		k3(pfS0pB0pAlt, s0p, b0p, alt(b0)),
		k3(pfS1pS0pAlt, s1p, s0p, alt(s0)),
	)
}

// coarse returns the hash of a tag's first two letters: NN for NNS and
// NNP, VB for VBD, and so on.
func coarse(xpos string) uint64 {
	if len(xpos) > 2 {
		xpos = xpos[:2]
	}
	return hashString("c:" + xpos)
}

// best returns the highest-scoring class allowed by ok.
func best(scores []int32, ok []bool) int {
	c := -1
	for i, v := range scores {
		if ok[i] && (c < 0 || v > scores[c]) {
			c = i
		}
	}
	return c
}

// parse returns the head and relation index of each word given the hashed
// words and tags, wh[0] and ph[0] being the root's.
func (p *parser) parse(sent *sentence) (heads, labels []int) {
	if p.beam > 1 {
		return p.parseBeam(sent)
	}
	s := newState(sent)
	nclass := 1 + 2*len(p.labels)
	scores := make([]int32, nclass)
	ok := make([]bool, nclass)
	feats := make([]uint64, 0, 160)
	rs := newRoleScores(p.w, sent)
	defer rs.free()
	for !s.done() {
		if len(s.stack) == 1 {
			p.apply(s, 0) // only the root is on the stack: SHIFT is the one move
			continue
		}
		rs.score(s, feats[:0], scores)
		p.valid(s, ok)
		p.apply(s, best(scores, ok))
	}
	return s.head, s.label
}

// roleScores holds, for one sentence, the summed weights of the features
// of each buffer position (bufFeatures) and of each word at each place on
// the stack (stackFeatures), each computed the first time a state needs
// it. A word is at the same place in about two transitions, so this
// saves looking up a quarter of the features, and the most frequent ones,
// whose rows are the longest. The scores are exactly those of looking up
// every feature each time.
type roleScores struct {
	w     *weights
	sent  *sentence
	nrow  int     // rows of each kind: one per word, plus the root and none
	rows  []int32 // nclass values a row: buffer rows, then the stack places' rows
	have  []bool  // which rows are computed
	feats []uint64
}

var roleScoresPool sync.Pool

func newRoleScores(w *weights, sent *sentence) *roleScores {
	r, _ := roleScoresPool.Get().(*roleScores)
	if r == nil {
		r = &roleScores{}
	}
	r.w, r.sent = w, sent
	r.nrow = len(sent.wh) + 1
	n := (1 + stackPlaces) * r.nrow
	r.have = slices.Grow(r.have[:0], n)[:n]
	clear(r.have)
	r.rows = slices.Grow(r.rows[:0], n*w.nclass)[:n*w.nclass]
	return r
}

// free returns r to the pool; r must not be used after.
func (r *roleScores) free() {
	r.w, r.sent = nil, nil
	roleScoresPool.Put(r)
}

// row returns row i of kind k (0: buffer, 1+place: the stack place),
// computing it on first use.
func (r *roleScores) row(k, i int) []int32 {
	at := k*r.nrow + i
	nc := r.w.nclass
	row := r.rows[at*nc : (at+1)*nc]
	if r.have[at] {
		return row
	}
	if k == 0 {
		r.feats = r.sent.bufFeatures(r.feats[:0], i)
	} else {
		r.feats = r.sent.stackFeatures(r.feats[:0], k-1, i-1)
	}
	r.w.score(r.feats, row)
	r.have[at] = true
	return row
}

// score sets scores to the scores of the transitions from s, using feats
// for the features of s that change with every transition.
func (r *roleScores) score(s *state, feats []uint64, scores []int32) {
	feats = s.stateFeatures(feats)
	r.w.score(feats, scores)
	s0, s1, s2 := s.top()
	buf := r.row(0, min(s.b, s.n+1))
	r0, r1, r2 := r.row(1+atS0, s0+1), r.row(1+atS1, s1+1), r.row(1+atS2, s2+1)
	scores = scores[:len(buf)]
	for c := range scores {
		scores[c] += buf[c] + r0[c] + r1[c] + r2[c]
	}
}
