package parse

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestScoreRowKinds checks that the look-up table's four kinds of row (one
// entry, two, sparse, dense) add up to exactly the sums of the rows
// themselves, with weights at both ends of the 16-bit range, for a feature
// list that holds absent keys and more features than one batch.
func TestScoreRowKinds(t *testing.T) {
	const nclass = 103
	rng := rand.New(rand.NewPCG(1, 2))
	w := &weights{nclass: nclass}
	for _, n := range []int{1, 2, 3, 7, denseMin - 1, denseMin, 60, nclass} {
		for range 40 {
			classes := rng.Perm(nclass)[:n]
			slices.Sort(classes)
			w.keys = append(w.keys, rng.Uint64()&keyMask|1<<63)
			w.start = append(w.start, uint32(len(w.ents)))
			for _, c := range classes {
				v := int16(rng.IntN(2*math.MaxInt16+1) - math.MaxInt16)
				if rng.IntN(10) == 0 {
					v = math.MinInt16
				}
				w.ents = append(w.ents, packEntry(c, v))
			}
		}
	}
	// The keys must be sorted with their rows.
	order := make([]int, len(w.keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Compare(w.keys[a], w.keys[b]) })
	var keys []uint64
	var start, ents []uint32
	for _, i := range order {
		keys = append(keys, w.keys[i])
		start = append(start, uint32(len(ents)))
		ents = append(ents, w.ents[w.start[i]:rowEnd(w, i)]...)
	}
	w.keys, w.start, w.ents = keys, append(start, uint32(len(ents))), ents
	w.build()

	for trial := range 50 {
		var feats []uint64
		want := make([]int32, nclass)
		for range 200 {
			if rng.IntN(5) == 0 {
				feats = append(feats, rng.Uint64()|1<<63) // absent
				continue
			}
			i := rng.IntN(len(w.keys))
			feats = append(feats, w.keys[i]|rng.Uint64()&^keyMask)
			for _, e := range w.ents[w.start[i]:w.start[i+1]] {
				want[e>>16] += int32(int16(e))
			}
		}
		got := make([]int32, nclass)
		w.score(feats, got)
		if !slices.Equal(got, want) {
			t.Fatalf("trial %d: score = %v…, want %v…", trial, got[:8], want[:8])
		}
	}
}

func rowEnd(w *weights, i int) uint32 {
	if i+1 < len(w.start) {
		return w.start[i+1]
	}
	return uint32(len(w.ents))
}

// TestRoleScores checks that scoring a state from the per-sentence sums of
// its words' buffer and stack features (roleScores) gives exactly the
// scores of looking up all its features, in every state the parser passes
// through, over sentences of different lengths (one word, and a
// sentence long enough that the stack holds several words).
func TestRoleScores(t *testing.T) {
	m := defaultModelT(t)
	p := &m.parser
	nclass := 1 + 2*len(p.labels)
	for _, text := range []string{
		"Yes.",
		"The ministry said on Monday that it had expelled two diplomats, whom it accused of spying for Moscow.",
		"Albania cut diplomatic ties with Iran on Wednesday after a cyberattack it blamed on Tehran.",
	} {
		forms := strings.Fields(text)
		xpos, alt := m.tagger.tagNamesAlt(forms)
		sent := newSentence(forms, xpos, alt)
		rs := newRoleScores(p.w, sent)
		s := newState(sent)
		got, want := make([]int32, nclass), make([]int32, nclass)
		ok := make([]bool, nclass)
		states := 0
		for !s.done() {
			rs.score(s, nil, got)
			p.w.score(s.features(nil), want)
			if !slices.Equal(got, want) {
				t.Fatalf("%q, state %d (stack %v, buffer from %d): roleScores %v…, all features %v…", text, states, s.stack, s.b, got[:6], want[:6])
			}
			states++
			p.valid(s, ok)
			p.apply(s, best(want, ok))
		}
		rs.free()
		if states < len(forms) {
			t.Errorf("%q: %d states checked, want at least %d", text, states, len(forms))
		}
	}
}
