package parse

import (
	"bytes"
	"compress/gzip"
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
	again, err := Train(train, opts)
	if err != nil {
		t.Fatal(err)
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

// TestLoadVersions checks that a version 3 file (no beam width) loads as
// a greedy parser and that a file of an unknown version is refused with
// an error that names the version.
func TestLoadVersions(t *testing.T) {
	m := defaultModelT(t)
	var buf bytes.Buffer
	if err := m.WithBeam(1).Save(&buf); err != nil {
		t.Fatal(err)
	}
	raw := gunzip(t, buf.Bytes())
	// Version 3: the same bytes without the beam width (one uvarint byte
	// after the root index, which is one byte too).
	v3 := append([]byte(magicV3), raw[len(magic):]...)
	at := bytes.Index(v3, []byte("xcomp"))
	if at < 0 {
		t.Fatal("no relations in the file")
	}
	at += len("xcomp") + 1 // the root index follows the last relation
	v3 = append(v3[:at:at], v3[at+1:]...)
	old, err := Load(bytes.NewReader(gzipBytes(t, v3)))
	if err != nil {
		t.Fatalf("Load of a version 3 file: %v", err)
	}
	if old.Beam() != 1 {
		t.Errorf("version 3 Beam() = %d, want 1", old.Beam())
	}
	forms := strings.Fields("Iran denied the report on Tuesday .")
	a, b := m.WithBeam(1).Parse(forms), old.Parse(forms)
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("word %d: %+v from version 3, want %+v", i+1, b[i], a[i])
		}
	}
	v9 := append([]byte(magic[:len(magic)-1]+"\x09"), raw[len(magic):]...)
	if _, err := Load(bytes.NewReader(gzipBytes(t, v9))); err == nil || !strings.Contains(err.Error(), "version 9") {
		t.Errorf("Load of a version 9 file = %v, want an error naming version 9", err)
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
