package parse

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// TrainOptions control Train. The zero value of a field means its default.
type TrainOptions struct {
	Seed      uint64  // shuffles the sentences and the oracle's exploration
	TagIter   int     // passes of the tagger over the data (default 8)
	ParseIter int     // passes of the parser over the data (default 15)
	Jackknife int     // folds for tagging the parser's data (0: tag it with the final tagger)
	Explore   float64 // chance of following the parser's own wrong move after the first pass (default 0.9; <0: never)
	MinWeight float64 // averaged weights smaller than this are dropped (default 1)
	Beam      int     // beam width: above 1, the parser is trained globally for beam search and parses with it (default 1: greedy)
	OneLabel  bool    // with a beam, keep only the best relation of each move of a sequence in it
	Log       io.Writer
	// AfterPass, if set, is called after each pass of the parser with the
	// model as it would be if training stopped there (the same model as
	// training with ParseIter set to pass); an error stops training.
	AfterPass func(pass int, m *Model) error
}

// ErrNoData is returned by Train when it has no sentence to learn from.
var ErrNoData = errors.New("parse: no training sentences")

func (o *TrainOptions) defaults() {
	if o.TagIter <= 0 {
		o.TagIter = 8
	}
	if o.ParseIter <= 0 {
		o.ParseIter = 15
	}
	if o.Explore == 0 {
		o.Explore = 0.9
	}
	if o.MinWeight == 0 {
		o.MinWeight = 1
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Beam <= 0 {
		o.Beam = 1
	}
}

// Train learns a model from gold sentences (tokens with XPOS, UPOS,
// lemmas, heads and relations, as ReadCoNLLU gives them). The same
// sentences and options always give the same model.
func Train(sents [][]Word, opts TrainOptions) (*Model, error) {
	opts.defaults()
	sents = slices.DeleteFunc(slices.Clone(sents), func(s []Word) bool { return len(s) == 0 })
	if len(sents) == 0 {
		return nil, ErrNoData
	}
	m := &Model{}
	m.tagger.tags = sortedSet(sents, func(w Word) string { return w.XPOS })
	m.parser.labels = sortedSet(sents, func(w Word) string { return w.Rel })
	if !slices.Contains(m.parser.labels, "root") {
		m.parser.labels = append(m.parser.labels, "root")
		slices.Sort(m.parser.labels)
	}
	m.parser.root = slices.Index(m.parser.labels, "root")
	if opts.Beam > maxBeam {
		return nil, fmt.Errorf("train parser: beam %d, at most %d", opts.Beam, maxBeam)
	}
	m.parser.beam = opts.Beam
	m.parser.oneLabel = opts.OneLabel && opts.Beam > 1
	if 1+2*len(m.parser.labels) > 256 {
		return nil, fmt.Errorf("train parser: %d relations, at most 127", len(m.parser.labels))
	}
	if len(m.tagger.tags) > 256 {
		return nil, fmt.Errorf("train tagger: %d tags, at most 256", len(m.tagger.tags))
	}
	m.lemmas.table, m.upos, m.uposTag = wordTables(sents)

	start := time.Now()
	tg := trainTagger(sents, m.tagger.tags, opts, opts.Seed, "tagger")
	m.tagger = *tg
	fmt.Fprintf(opts.Log, "tagger: %d weights, %s\n", m.tagger.w.entries(), time.Since(start).Round(time.Millisecond))

	// The parser learns from the tags the tagger gives at run time.
	xpos := make([][]string, len(sents))
	alt := make([][]string, len(sents))
	if opts.Jackknife > 1 {
		k := opts.Jackknife
		for f := range k {
			var train [][]Word
			for i, s := range sents {
				if i%k != f {
					train = append(train, s)
				}
			}
			t := trainTagger(train, m.tagger.tags, opts, opts.Seed+uint64(f)+1, fmt.Sprintf("tagger fold %d/%d", f+1, k))
			for i, s := range sents {
				if i%k == f {
					xpos[i], alt[i] = t.tagNamesAlt(forms(s))
				}
			}
		}
	} else {
		for i, s := range sents {
			xpos[i], alt[i] = m.tagger.tagNamesAlt(forms(s))
		}
	}
	correct, total := 0, 0
	for i, s := range sents {
		for j, w := range s {
			total++
			if xpos[i][j] == w.XPOS {
				correct++
			}
		}
	}
	fmt.Fprintf(opts.Log, "parser training tags: %.4f accurate\n", float64(correct)/float64(total))

	start = time.Now()
	var afterPass func(int, *weights) error
	if opts.AfterPass != nil {
		afterPass = func(pass int, w *weights) error {
			snap := *m
			snap.parser.w = w
			return opts.AfterPass(pass, &snap)
		}
	}
	w, err := trainParser(sents, xpos, alt, &m.parser, opts, afterPass)
	if err != nil {
		return nil, err
	}
	m.parser.w = w
	fmt.Fprintf(opts.Log, "parser: %d weights, %s\n", m.parser.w.entries(), time.Since(start).Round(time.Millisecond))
	return m, nil
}

func forms(s []Word) []string {
	out := make([]string, len(s))
	for i, w := range s {
		out[i] = w.Form
	}
	return out
}

func (t *tagger) tagNames(forms []string) []string {
	out, _ := t.tagNamesAlt(forms)
	return out
}

// tagNamesAlt returns the predicted tags of forms and their runners-up.
func (t *tagger) tagNamesAlt(forms []string) (best, alt []string) {
	b, a := t.tagAlt(forms)
	best, alt = make([]string, len(forms)), make([]string, len(forms))
	for i := range b {
		best[i], alt[i] = t.tags[b[i]], t.tags[a[i]]
	}
	return best, alt
}

func sortedSet(sents [][]Word, f func(Word) string) []string {
	seen := map[string]bool{}
	for _, s := range sents {
		for _, w := range s {
			seen[f(w)] = true
		}
	}
	out := make([]string, 0, len(seen))
	for k := range seen {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// mostFrequent returns, for each key, its most frequent value; ties go to
// the value first in sort order.
func mostFrequent(counts map[string]map[string]int) map[string]string {
	out := make(map[string]string, len(counts))
	for k, vs := range counts {
		best, n := "", -1
		for v, c := range vs {
			if c > n || (c == n && v < best) {
				best, n = v, c
			}
		}
		out[k] = best
	}
	return out
}

func count(m map[string]map[string]int, k, v string) {
	if m[k] == nil {
		m[k] = map[string]int{}
	}
	m[k][v]++
}

// wordTables learns the lemma and UPOS of each (tag, lower-cased form),
// and the usual UPOS of each tag. Lemmas the suffix rules already give
// are left out of the table.
func wordTables(sents [][]Word) (lemmas, upos, uposTag map[string]string) {
	lc, uc, tc := map[string]map[string]int{}, map[string]map[string]int{}, map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			k := lemmaKey(w.XPOS, strings.ToLower(w.Form))
			if w.Lemma != "" {
				count(lc, k, w.Lemma)
			}
			count(uc, k, w.UPOS)
			count(tc, w.XPOS, w.UPOS)
		}
	}
	lemmas, upos, uposTag = mostFrequent(lc), mostFrequent(uc), mostFrequent(tc)
	rules := lemmatizer{}
	for k, lm := range lemmas {
		xpos, lower, _ := strings.Cut(k, "\x00")
		if rules.lemma(lower, xpos) == lm || (xpos == "NNP" || xpos == "NNPS") && strings.EqualFold(lm, lower) {
			delete(lemmas, k)
		}
	}
	for k, u := range upos {
		xpos, _, _ := strings.Cut(k, "\x00")
		if uposTag[xpos] == u {
			delete(upos, k)
		}
	}
	return lemmas, upos, uposTag
}

// trainTagger trains a tagger on sents.
func trainTagger(sents [][]Word, tags []string, opts TrainOptions, seed uint64, name string) *tagger {
	index := make(map[string]int, len(tags))
	for i, t := range tags {
		index[t] = i
	}
	t := &tagger{tags: tags, dict: tagDict(sents, index)}
	t.init()
	p := newPerceptron(len(tags))
	rng := rand.New(rand.NewPCG(seed, 0x7a66))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	scores := make([]int32, len(tags))
	feats := make([]uint64, 0, 32)
	for it := range opts.TagIter {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, si := range order {
			s := sents[si]
			fs := forms(s)
			info := padInfo(fs)
			prev1, prev2 := hStart, hStart
			for i, w := range s {
				gold := index[w.XPOS]
				guess, ok := t.dict[w.Form]
				if !ok {
					feats = tagFeatures(feats[:0], info, i, prev1, prev2)
					p.score(feats, scores)
					guess = argmax(scores)
					p.tick()
					p.update(feats, gold, guess)
				}
				if guess == gold {
					correct++
				}
				total++
				prev2, prev1 = prev1, t.th[guess]
			}
		}
		fmt.Fprintf(opts.Log, "%s pass %d: %.4f\n", name, it+1, float64(correct)/float64(total))
	}
	t.w = p.average(tagMinWeight)
	return t
}

// tagDict lists the words seen at least 20 times with one tag at least
// 97% of the time; the tagger gives them that tag without scoring.
func tagDict(sents [][]Word, index map[string]int) map[string]int {
	counts := map[string]map[string]int{}
	for _, s := range sents {
		for _, w := range s {
			count(counts, w.Form, w.XPOS)
		}
	}
	dict := map[string]int{}
	for form, tags := range counts {
		n, best, bestN := 0, "", 0
		for t, c := range tags {
			n += c
			if c > bestN || (c == bestN && t < best) {
				best, bestN = t, c
			}
		}
		if n >= 20 && float64(bestN)/float64(n) >= 0.97 {
			dict[form] = index[best]
		}
	}
	return dict
}

// example is a training sentence for the parser with its gold heads and
// relation indexes, word 0 being the root.
type example struct {
	sent   *sentence
	gh, gl []int
}

// trainParser trains the transition classifier with the dynamic oracle of
// Goldberg & Nivre (2013) for the arc-hybrid system: at each step the
// classifier is updated towards the best-scoring transition that loses
// the fewest gold arcs, and, after the first pass, it mostly follows its
// own prediction, so it learns to recover from its mistakes.
func trainParser(sents [][]Word, xpos, alt [][]string, p *parser, opts TrainOptions, afterPass func(int, *weights) error) (*weights, error) {
	L := len(p.labels)
	nclass := 1 + 2*L
	lindex := make(map[string]int, L)
	for i, l := range p.labels {
		lindex[l] = i
	}
	data := make([]example, len(sents))
	for i, s := range sents {
		ex := example{sent: newSentence(forms(s), xpos[i], alt[i]), gh: make([]int, len(s)+1), gl: make([]int, len(s)+1)}
		for j, w := range s {
			ex.gh[j+1] = w.Head
			if w.Head < 0 || w.Head > len(s) {
				ex.gh[j+1] = -1
			}
			ex.gl[j+1] = lindex[w.Rel]
		}
		ex.gh[0] = -1
		data[i] = ex
	}
	pc := newPerceptron(nclass)
	p.w = nil
	if opts.Beam > 1 {
		if err := trainBeam(data, p, pc, opts, afterPass); err != nil {
			return nil, err
		}
		return pc.average(opts.MinWeight), nil
	}
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9a25))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	scores := make([]int32, nclass)
	ok := make([]bool, nclass)
	cost := make([]int, nclass)
	feats := make([]uint64, 0, 160)
	for it := range opts.ParseIter {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, di := range order {
			ex := &data[di]
			s := newState(ex.sent)
			for !s.done() {
				feats = s.features(feats[:0])
				pc.score(feats, scores)
				p.valid(s, ok)
				pred := best(scores, ok)
				s.costs(ex.gh, ex.gl, p, ok, cost)
				minCost := -1
				for c := range cost {
					if ok[c] && (minCost < 0 || cost[c] < minCost) {
						minCost = cost[c]
					}
				}
				gold := -1
				for c := range cost {
					if ok[c] && cost[c] == minCost && (gold < 0 || scores[c] > scores[gold]) {
						gold = c
					}
				}
				pc.tick()
				next := pred
				total++
				if cost[pred] > minCost {
					pc.update(feats, gold, pred)
					if it == 0 || opts.Explore < 0 || rng.Float64() >= opts.Explore {
						next = gold
					}
				} else {
					correct++
				}
				p.apply(s, next)
			}
		}
		fmt.Fprintf(opts.Log, "parser pass %d: %.4f of transitions right, %d features, %s\n",
			it+1, float64(correct)/float64(total), len(pc.rows), time.Since(start).Round(time.Millisecond))
		if afterPass != nil && it+1 < opts.ParseIter {
			if err := afterPass(it+1, pc.average(opts.MinWeight)); err != nil {
				return nil, err
			}
		}
	}
	return pc.average(opts.MinWeight), nil
}

// costs sets cost[c], for each class c allowed by ok, to the number of
// gold arcs (and gold relations) that taking c makes unreachable.
func (s *state) costs(gh, gl []int, p *parser, ok []bool, cost []int) {
	L := len(p.labels)
	k := len(s.stack)
	s0 := s.stack[k-1]
	s1 := -1
	if k >= 2 {
		s1 = s.stack[k-2]
	}
	b := s.b
	clear(cost)
	if ok[0] {
		c := 0
		for i, x := range s.stack {
			if x != 0 && gh[x] == b {
				c++
			}
			if i < k-1 && gh[b] == x {
				c++
			}
		}
		cost[0] = c
	}
	if s0 == 0 {
		return
	}
	ch := 0
	for d := b; d <= s.n; d++ {
		if gh[d] == s0 {
			ch++
		}
	}
	h := gh[s0]
	left := ch
	if h != b && (h == s1 || h > b) {
		left++
	}
	right := ch
	if h >= b {
		right++
	}
	for l := range L {
		if ok[1+l] {
			cost[1+l] = left
			if h == b && l != gl[s0] {
				cost[1+l]++
			}
		}
		if ok[1+L+l] {
			cost[1+L+l] = right
			if h == s1 && l != gl[s0] {
				cost[1+L+l]++
			}
		}
	}
}

// tagMinWeight prunes the tagger's weights: it is small, so it keeps
// nearly all of them.
const tagMinWeight = 0.05
