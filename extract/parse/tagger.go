package parse

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// tagger is the part-of-speech tagger: a greedy left-to-right averaged
// perceptron over Penn Treebank tags, after Collins (2002) and Honnibal's
// "A good POS tagger in about 200 lines of Python".
type tagger struct {
	tags []string       // the classes
	dict map[string]int // frequent words that always take one tag
	w    *weights
	th   []uint64 // hashes of tags, set by init
}

func (t *tagger) init() {
	t.th = make([]uint64, len(t.tags))
	for i, s := range t.tags {
		t.th[i] = hashString(s)
	}
}

// Tagger feature templates.
const (
	tfBias = iota
	tfWord
	tfSuf3
	tfSuf2
	tfSuf4
	tfPre1
	tfShape
	tfShapeFirst
	tfT1
	tfT2
	tfT1T2
	tfT1Word
	tfT1Suf3
	tfW1
	tfS1
	tfW2
	tfWn1
	tfSn1
	tfWn2
	tfW1W
	tfWWn1
	tfShapeN1
	tfShape1
	tfRaw
	tfPre2
	tfPre3
	tfT1Wn1
	tfRawN1
	tfRaw1
	tfWn1Wn2
	tfSuf1Suf
	tfT1Shape
)

// tokenInfo holds the hashed forms of one token that features use.
type tokenInfo struct {
	raw, word, suf2, suf3, suf4, pre1, pre2, pre3, shape uint64
}

var (
	hStart = hashString("-START-")
	hEnd   = hashString("-END-")
	hRoot  = hashString("-ROOT-")
	hNone  = hashString("-NONE-")
)

// normWord lower-cases a word and folds numbers, URLs and e-mail addresses.
func normWord(s string) string {
	digits, letters := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case unicode.IsLetter(r):
			letters++
		}
	}
	switch {
	case digits == 4 && len(s) == 4:
		return "!YEAR"
	case digits > 0 && letters == 0:
		return "!DIGITS"
	case strings.HasPrefix(s, "http") || strings.HasPrefix(s, "www."):
		return "!URL"
	case strings.Contains(s, "@") && letters > 0:
		return "!EMAIL"
	}
	return strings.ToLower(s)
}

// shape maps a word to a short shape: Xxxx → "Xx", IBM → "X", 1990s → "dx".
func shape(s string) string {
	var b [8]byte
	n := 0
	last := byte(0)
	for _, r := range s {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLower(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r == '-':
			c = '-'
		case r == '.' || r == ',':
			c = '.'
		case r < utf8.RuneSelf:
			c = 'p'
		default:
			c = 'u'
		}
		if c != last && n < len(b) {
			b[n] = c
			n++
			last = c
		}
	}
	return string(b[:n])
}

// suffix returns the last n runes of s (all of s if shorter).
func suffix(s string, n int) string {
	i := len(s)
	for ; n > 0 && i > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:i])
		i -= size
	}
	return s[i:]
}

func prefixN(s string, n int) string {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i]
}

func prefix1(s string) string {
	_, size := utf8.DecodeRuneInString(s)
	return s[:size]
}

func infoOf(form string) tokenInfo {
	w := normWord(form)
	return tokenInfo{
		raw:   hashString(form),
		word:  hashString(w),
		suf2:  hashString(suffix(w, 2)),
		suf3:  hashString(suffix(w, 3)),
		suf4:  hashString(suffix(w, 4)),
		pre1:  hashString(prefix1(w)),
		pre2:  hashString(prefixN(w, 2)),
		pre3:  hashString(prefixN(w, 3)),
		shape: hashString(shape(form)),
	}
}

// tagFeatures appends the features of word i to feats. info has two
// padding tokens on each side: word i is info[i+2]. prev1 and prev2 are
// the hashes of the two previous tags.
func tagFeatures(feats []uint64, info []tokenInfo, i int, prev1, prev2 uint64) []uint64 {
	c := &info[i+2]
	p1, p2, n1, n2 := &info[i+1], &info[i], &info[i+3], &info[i+4]
	first := uint64(0)
	if i == 0 {
		first = 1
	}
	return append(feats,
		k1(tfBias, 0),
		k1(tfWord, c.word),
		k1(tfSuf3, c.suf3),
		k1(tfSuf2, c.suf2),
		k1(tfSuf4, c.suf4),
		k1(tfPre1, c.pre1),
		k1(tfShape, c.shape),
		k2(tfShapeFirst, c.shape, first),
		k1(tfT1, prev1),
		k1(tfT2, prev2),
		k2(tfT1T2, prev1, prev2),
		k2(tfT1Word, prev1, c.word),
		k2(tfT1Suf3, prev1, c.suf3),
		k1(tfW1, p1.word),
		k1(tfS1, p1.suf3),
		k1(tfW2, p2.word),
		k1(tfWn1, n1.word),
		k1(tfSn1, n1.suf3),
		k1(tfWn2, n2.word),
		k2(tfW1W, p1.word, c.word),
		k2(tfWWn1, c.word, n1.word),
		k2(tfShapeN1, c.shape, n1.shape),
		k2(tfShape1, p1.shape, c.shape),
		k1(tfRaw, c.raw),
		k1(tfPre2, c.pre2),
		k1(tfPre3, c.pre3),
		k2(tfT1Wn1, prev1, n1.word),
		k1(tfRawN1, n1.raw),
		k1(tfRaw1, p1.raw),
		k2(tfWn1Wn2, n1.word, n2.word),
		k2(tfSuf1Suf, p1.suf3, c.suf3),
		k2(tfT1Shape, prev1, c.shape),
	)
}

// padInfo returns the token infos of forms with two padding tokens on
// each side.
func padInfo(forms []string) []tokenInfo {
	info := make([]tokenInfo, len(forms)+4)
	pad := tokenInfo{raw: hStart, word: hStart, suf2: hStart, suf3: hStart, suf4: hStart, pre1: hStart, pre2: hStart, pre3: hStart, shape: hStart}
	info[0], info[1] = pad, pad
	for i, f := range forms {
		info[i+2] = infoOf(f)
	}
	pad = tokenInfo{raw: hEnd, word: hEnd, suf2: hEnd, suf3: hEnd, suf4: hEnd, pre1: hEnd, pre2: hEnd, pre3: hEnd, shape: hEnd}
	info[len(forms)+2], info[len(forms)+3] = pad, pad
	return info
}

// tag returns the index of the predicted tag of each form.
func (t *tagger) tag(forms []string) []int {
	best, _ := t.tagAlt(forms)
	return best
}

// tagAlt returns the index of the predicted tag of each form and of the
// runner-up, which the parser reads as a hint of what the tag might be
// instead. Words of the tag dictionary are their own runner-up.
func (t *tagger) tagAlt(forms []string) (best, alt []int) {
	best = make([]int, len(forms))
	alt = make([]int, len(forms))
	if len(forms) == 0 {
		return best, alt
	}
	info := padInfo(forms)
	scores := make([]int32, len(t.tags))
	feats := make([]uint64, 0, 32)
	prev1, prev2 := hStart, hStart
	for i, f := range forms {
		c, ok := t.dict[f]
		a := c
		if !ok {
			feats = tagFeatures(feats[:0], info, i, prev1, prev2)
			t.w.score(feats, scores)
			c, a = top2(scores)
		}
		best[i], alt[i] = c, a
		prev2, prev1 = prev1, t.th[c]
	}
	return best, alt
}

// top2 returns the indexes of the highest and second highest scores.
func top2(s []int32) (first, second int) {
	first, second = 0, -1
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] > s[first]:
			first, second = i, first
		case second < 0 || s[i] > s[second]:
			second = i
		}
	}
	if second < 0 {
		second = first
	}
	return first, second
}

func argmax(s []int32) int {
	best := 0
	for i, v := range s {
		if v > s[best] {
			best = i
		}
	}
	return best
}
