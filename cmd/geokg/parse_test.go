package main

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/geokg/geokg/internal/shared"
)

func TestNewParseCmd(t *testing.T) {
	testParse(t, []parseCase[parseOptions]{
		{name: "standard input by default", args: []string{"parse"}, want: parseOptions{Path: "-"}},
		{name: "a file", args: []string{"parse", "a.txt"}, want: parseOptions{Path: "a.txt"}},
		{name: "eval", args: []string{"parse", "--eval", "gold.conllu"}, want: parseOptions{Path: "-", Eval: "gold.conllu"}},
		{name: "model", args: []string{"parse", "--model", "m.gz", "-"}, want: parseOptions{Path: "-", Model: "m.gz"}},
		{name: "beam", args: []string{"parse", "--beam", "4"}, want: parseOptions{Path: "-", Beam: 4}},
		{name: "negative beam", args: []string{"parse", "--beam", "-1"}, wantErr: "--beam -1"},
		{name: "eval and a file", args: []string{"parse", "--eval", "gold.conllu", "a.txt"}, wantErr: "give no FILE"},
		{name: "two files", args: []string{"parse", "a.txt", "b.txt"}, wantErr: "want text"},
	}, newParseCmd)
}

func TestParseText(t *testing.T) {
	r := geokg(t, "The ministry said on Monday that it had expelled two diplomats. Iran protested.", nil, "parse")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.err)
	}
	blocks := strings.Split(strings.TrimSpace(r.out), "\n\n")
	if len(blocks) != 2 {
		t.Fatalf("%d sentences, want 2:\n%s", len(blocks), r.out)
	}
	lines := strings.Split(blocks[0], "\n")
	if lines[0] != "# text = The ministry said on Monday that it had expelled two diplomats." {
		t.Errorf("first line %q", lines[0])
	}
	want := map[string]string{ // form → lemma, head's form and relation
		"ministry": "ministry said nsubj", "said": "say ROOT root", "expelled": "expel said ccomp", "diplomats": "diplomat expelled obj",
	}
	words := lines[1:]
	if len(words) != 12 {
		t.Fatalf("%d words, want 12:\n%s", len(words), blocks[0])
	}
	for _, l := range words {
		f := strings.Split(l, "\t")
		if len(f) != 10 {
			t.Fatalf("%d fields in %q", len(f), l)
		}
		w, ok := want[f[1]]
		if !ok {
			continue
		}
		head := "ROOT"
		if h, err := strconv.Atoi(f[6]); err != nil {
			t.Fatal(err)
		} else if h > 0 {
			head = strings.Split(words[h-1], "\t")[1]
		}
		if got := f[2] + " " + head + " " + f[7]; got != w {
			t.Errorf("%s: %s, want %s", f[1], got, w)
		}
	}
}

var evalLine = regexp.MustCompile(`^parse: uas=(0\.\d{3}|1\.000) las=(0\.\d{3}|1\.000) sentences=(\d+) tokens=(\d+) tokens_per_s=(\d+)$`)

func TestParseEval(t *testing.T) {
	// Two sentences of our own, annotated by hand.
	gold := `# text = Albania cut ties with Iran.
1	Albania	Albania	PROPN	NNP	_	2	nsubj	_	_
2	cut	cut	VERB	VBD	_	0	root	_	_
3	ties	tie	NOUN	NNS	_	2	obj	_	_
4	with	with	ADP	IN	_	5	case	_	_
5	Iran	Iran	PROPN	NNP	_	2	obl	_	_
6	.	.	PUNCT	.	_	2	punct	_	_

# text = Two diplomats were expelled.
1-2	Two diplomats	_	_	_	_	_	_	_	_
1	Two	two	NUM	CD	_	2	nummod	_	_
2	diplomats	diplomat	NOUN	NNS	_	4	nsubj:pass	_	_
3	were	be	AUX	VBD	_	4	aux:pass	_	_
4	expelled	expel	VERB	VBN	_	0	root	_	_
4.1	expelled	expel	VERB	VBN	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_
`
	path := writeFile(t, t.TempDir(), "gold.conllu", gold)
	r := mustRun(t, exitOK, "parse", "--eval", path)
	lines := strings.Split(strings.TrimRight(r.out, "\n"), "\n")
	m := evalLine.FindStringSubmatch(lines[len(lines)-1])
	if m == nil {
		t.Fatalf("last line %q does not match %s", lines[len(lines)-1], evalLine)
	}
	if m[3] != "2" || m[4] != "11" {
		t.Errorf("sentences=%s tokens=%s, want 2 and 11", m[3], m[4])
	}
	if uas, _ := strconv.ParseFloat(m[1], 64); uas < 0.9 {
		t.Errorf("uas=%s on two easy sentences, want at least 0.9", m[1])
	}
	if las, _ := strconv.ParseFloat(m[2], 64); las < 0.9 {
		t.Errorf("las=%s on two easy sentences, want at least 0.9", m[2])
	}
	if r := geokg(t, "", nil, "parse", "--eval", path+".missing"); r.code != exitFailure {
		t.Errorf("a missing gold file: exit %d, want %d", r.code, exitFailure)
	}
}

// TestParseEvalEWT checks the figures docs/parser.md reports for EWT test.
func TestParseEvalEWT(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the EWT test set")
	}
	path := shared.Path(t, "nlp", "ud-english", "en_ewt-ud-test.conllu")
	r := mustRun(t, exitOK, "parse", "--eval", path)
	m := evalLine.FindStringSubmatch(strings.TrimSpace(r.out))
	if m == nil {
		t.Fatalf("output %q does not match %s", r.out, evalLine)
	}
	if m[3] != "2077" || m[4] != "25094" {
		t.Errorf("sentences=%s tokens=%s, want 2077 and 25094", m[3], m[4])
	}
	uas, _ := strconv.ParseFloat(m[1], 64)
	las, _ := strconv.ParseFloat(m[2], 64)
	t.Logf("EWT test: uas=%.3f las=%.3f", uas, las)
	if uas < 0.85 || las < 0.82 {
		t.Errorf("EWT test uas=%.3f las=%.3f, want at least 0.85 and 0.82", uas, las)
	}
}
