package parse

import (
	"strings"
	"testing"

	"github.com/jdkato/prose/v2"
)

// TestTaggerAccuracy measures our tagger and prose's on the EWT test set,
// each given the gold tokens; prose is scored on the sentences it
// tokenises back into the same tokens, as in the treebank README.
func TestTaggerAccuracy(t *testing.T) {
	if testing.Short() {
		t.Skip("tags the EWT test set twice")
	}
	m := defaultModelT(t)
	gold := readGold(t, "en_ewt-ud-test.conllu")
	pm := prose.ModelFromData("en-v2.0.0")
	var ours, theirs, alike, oursAlike, n, nAlike int
	for _, s := range gold {
		fs := forms(s)
		tags := m.Tag(fs)
		for i, w := range s {
			if tags[i] == w.XPOS {
				ours++
			}
		}
		n += len(s)
		doc, err := prose.NewDocument(strings.Join(fs, " "), prose.UsingModel(pm),
			prose.WithSegmentation(false), prose.WithExtraction(false))
		if err != nil {
			t.Fatal(err)
		}
		toks := doc.Tokens()
		if len(toks) != len(s) {
			continue
		}
		same := true
		for i, tk := range toks {
			if tk.Text != fs[i] {
				same = false
				break
			}
		}
		if !same {
			continue
		}
		alike++
		nAlike += len(s)
		for i, tk := range toks {
			if tk.Tag == s[i].XPOS {
				theirs++
			}
			if tags[i] == s[i].XPOS {
				oursAlike++
			}
		}
	}
	acc := float64(ours) / float64(n)
	t.Logf("EWT test XPOS: ours %.4f on all %d tokens, %.4f on the %d sentences prose tokenises alike; prose %.4f on those",
		acc, n, float64(oursAlike)/float64(nAlike), alike, float64(theirs)/float64(nAlike))
	if acc < 0.93 || oursAlike <= theirs {
		t.Errorf("our tagger: %.4f, want at least 0.93 and better than prose", acc)
	}
}
