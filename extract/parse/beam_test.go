package parse

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestTopK checks the beam's selection: the k best, best first, ties to
// the first offered.
func TestTopK(t *testing.T) {
	var top topK
	top.reset(3)
	for i, s := range []int64{5, 9, 1, 9, 7, 5, 10} {
		top.offer(candidate{item: i, score: s})
	}
	var got []int
	for _, c := range top.c {
		got = append(got, c.item)
	}
	if want := []int{6, 1, 3}; !equalInts(got, want) {
		t.Errorf("top 3 = items %v, want %v", got, want)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestBeamOneIsGreedy checks that a beam of one parses as the greedy
// parser does, and that wider beams still give well-formed trees.
func TestBeamOneIsGreedy(t *testing.T) {
	m := defaultModelT(t)
	gold := readGold(t, "en_ewt-ud-dev.conllu")[:200]
	b1 := m.WithBeam(1)
	for _, s := range gold {
		fs := forms(s)
		xpos, alt := m.tagger.tagNamesAlt(fs)
		sent := newSentence(fs, xpos, alt)
		h1, l1 := m.parser.parse(sent)
		p := b1.parser
		p.beam = 1
		hb, lb := (&p).parseBeam(sent)
		if !equalInts(h1, hb) || !equalInts(l1, lb) {
			t.Fatalf("%q: beam 1 gives heads %v, greedy %v", strings.Join(fs, " "), hb, h1)
		}
		checkTree(t, m.WithBeam(4).Parse(fs))
	}
}

// TestTrainBeamSmall trains the beam parser on 500 sentences for 2 passes:
// quick, and enough to show that the global trainer learns, that it is
// deterministic for a seed and that the beam width travels in the file.
func TestTrainBeamSmall(t *testing.T) {
	train := readGold(t, "en_ewt-ud-train.conllu")[:500]
	dev := readGold(t, "en_ewt-ud-dev.conllu")[:300]
	start := time.Now()
	opts := TrainOptions{Seed: 1, TagIter: 2, ParseIter: 2, Beam: 4}
	m, err := Train(train, opts)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 60*time.Second {
		t.Errorf("training took %s, want < 60s", d)
	}
	if m.Beam() != 4 {
		t.Errorf("Beam() = %d, want 4", m.Beam())
	}
	var e Eval
	for _, s := range dev {
		e.Add(s, m.Parse(forms(s)))
	}
	t.Logf("500 sentences, 2 passes, beam 4: dev UAS %.3f LAS %.3f", e.UAS(), e.LAS())
	if e.UAS() < 0.58 || e.LAS() < 0.50 {
		t.Errorf("dev UAS %.3f LAS %.3f, want at least 0.58 and 0.50", e.UAS(), e.LAS())
	}
	// A second training, which also saves the model after its first
	// pass: the final model is the same, and so is the first pass's
	// model to the one a one-pass training gives.
	var snap bytes.Buffer
	opts2 := opts
	opts2.AfterPass = func(pass int, m *Model) error {
		if pass != 1 {
			t.Errorf("AfterPass(%d), want 1 only (the last pass is Train's result)", pass)
		}
		return m.Save(&snap)
	}
	again, err := Train(train, opts2)
	if err != nil {
		t.Fatal(err)
	}
	opts1 := opts
	opts1.ParseIter = 1
	one, err := Train(train, opts1)
	if err != nil {
		t.Fatal(err)
	}
	var c bytes.Buffer
	if err := one.Save(&c); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(snap.Bytes(), c.Bytes()) {
		t.Error("the model after pass 1 of 2 differs from a one-pass training's")
	}
	var a, b bytes.Buffer
	if err := m.Save(&a); err != nil {
		t.Fatal(err)
	}
	if err := again.Save(&b); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two beam trainings with the same seed gave different models")
	}
	loaded, err := Load(bytes.NewReader(a.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if loaded.Beam() != 4 {
		t.Errorf("loaded Beam() = %d, want 4", loaded.Beam())
	}
	for _, s := range dev[:50] {
		fs := forms(s)
		x, y := m.Parse(fs), loaded.Parse(fs)
		for i := range x {
			if x[i] != y[i] {
				t.Fatalf("%q word %d: %+v after a round trip, want %+v", strings.Join(fs, " "), i+1, y[i], x[i])
			}
		}
	}
}

// TestLoadVersions checks that files of versions 3 (no beam width) and
// 4 (a width, no flags) load as greedy parsers when they say nothing else,
// and that a file of an unknown version is refused with an error that
// names the version.
func TestLoadVersions(t *testing.T) {
	m := defaultModelT(t)
	var buf bytes.Buffer
	if err := m.WithBeam(1).Save(&buf); err != nil {
		t.Fatal(err)
	}
	raw := gunzip(t, buf.Bytes())
	// The beam width and flags are two one-byte uvarints after the root
	// index, which follows the last relation and is one byte too.
	at := bytes.Index(raw, []byte("xcomp"))
	if at < 0 {
		t.Fatal("no relations in the file")
	}
	at += len("xcomp") + 1
	if raw[at] != 1 || raw[at+1] != 0 {
		t.Fatalf("beam width and flags = %d, %d, want 1, 0", raw[at], raw[at+1])
	}
	// version returns the file marked as version v with the width (if
	// width) and without the flags.
	version := func(v byte, width bool) []byte {
		b := append([]byte(magic[:len(magic)-1]), v)
		b = append(b, raw[len(magic):at]...)
		if width {
			b = append(b, raw[at])
		}
		return gzipBytes(t, append(b, raw[at+2:]...))
	}
	forms := strings.Fields("Iran denied the report on Tuesday .")
	want := m.WithBeam(1).Parse(forms)
	for _, tc := range []struct {
		v     byte
		width bool
	}{{3, false}, {4, true}} {
		old, err := Load(bytes.NewReader(version(tc.v, tc.width)))
		if err != nil {
			t.Fatalf("Load of a version %d file: %v", tc.v, err)
		}
		if old.Beam() != 1 || old.parser.oneLabel {
			t.Errorf("version %d: Beam() = %d, oneLabel %v, want 1, false", tc.v, old.Beam(), old.parser.oneLabel)
		}
		got := old.Parse(forms)
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("version %d word %d: %+v, want %+v", tc.v, i+1, got[i], want[i])
			}
		}
	}
	for _, v := range []byte{2, 9} {
		if _, err := Load(bytes.NewReader(version(v, true))); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("version %d,", v)) {
			t.Errorf("Load of a version %d file = %v, want an error naming version %d", v, err, v)
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(zr); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func gzipBytes(t *testing.T, b []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(b); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestOfferOneLabel checks that with oneLabel a sequence offers the beam
// SHIFT and its best LEFT and best RIGHT only, and all allowed moves
// without it.
func TestOfferOneLabel(t *testing.T) {
	p := &parser{labels: []string{"a", "b", "root"}, root: 2}
	// classes: 0 SHIFT, 1-3 LEFT(a, b, root), 4-6 RIGHT(a, b, root)
	scores := []int32{1, 5, 7, 9, 8, 2, 9}
	ok := []bool{true, true, true, false, true, true, false}
	var top topK
	top.reset(10)
	p.offer(&top, 0, 100, scores, ok)
	if len(top.c) != 5 {
		t.Errorf("without oneLabel: %d candidates, want the 5 allowed", len(top.c))
	}
	p.oneLabel = true
	top.reset(10)
	p.offer(&top, 0, 100, scores, ok)
	var got []int
	for _, c := range top.c {
		got = append(got, c.class)
	}
	if want := []int{4, 2, 0}; !equalInts(got, want) || top.c[0].score != 108 {
		t.Errorf("with oneLabel: classes %v (best score %d), want %v (108)", got, top.c[0].score, want)
	}
}

// TestTrainOneLabel trains a tiny one-label beam model and checks that
// the flag survives a save and load, and the model parses the same after.
func TestTrainOneLabel(t *testing.T) {
	train := readGold(t, "en_ewt-ud-train.conllu")[:200]
	m, err := Train(train, TrainOptions{Seed: 1, TagIter: 1, ParseIter: 1, Beam: 2, OneLabel: true})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if !loaded.parser.oneLabel || loaded.Beam() != 2 {
		t.Errorf("loaded oneLabel %v beam %d, want true 2", loaded.parser.oneLabel, loaded.Beam())
	}
	for _, s := range readGold(t, "en_ewt-ud-dev.conllu")[:30] {
		fs := forms(s)
		x, y := m.Parse(fs), loaded.Parse(fs)
		for i := range x {
			if x[i] != y[i] {
				t.Fatalf("%q word %d: %+v after a round trip, want %+v", strings.Join(fs, " "), i+1, y[i], x[i])
			}
		}
	}
}
