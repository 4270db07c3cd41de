package parse

import "testing"

func TestLemmaRules(t *testing.T) {
	var l lemmatizer // no table: the suffix rules alone
	tests := []struct{ form, xpos, want string }{
		{"expelled", "VBD", "expel"}, {"stopped", "VBN", "stop"}, {"called", "VBD", "call"},
		{"decided", "VBD", "decide"}, {"announced", "VBN", "announce"}, {"freed", "VBN", "free"}, {"guaranteed", "VBD", "guarantee"}, {"needed", "VBD", "need"}, {"imposing", "VBG", "impose"},
		{"sanctions", "NNS", "sanction"}, {"countries", "NNS", "country"}, {"talks", "VBZ", "talk"},
		{"Ankara", "NNP", "Ankara"}, {"larger", "JJR", "large"}, {"Talks", "NN", "talks"}, {"bigger", "JJR", "big"}, {"later", "RBR", "late"}, {"smaller", "JJR", "small"}, {"strongest", "JJS", "strong"},
	}
	for _, tt := range tests {
		if got := l.lemma(tt.form, tt.xpos); got != tt.want {
			t.Errorf("lemma(%s/%s) = %s, want %s", tt.form, tt.xpos, got, tt.want)
		}
	}
}

func TestFixUPOS(t *testing.T) {
	tests := []struct{ upos, lemma, rel, want string }{
		{"VERB", "have", "aux", "AUX"}, {"VERB", "be", "cop", "AUX"}, {"AUX", "have", "root", "VERB"},
		{"AUX", "be", "root", "AUX"}, {"ADP", "because", "mark", "SCONJ"}, {"SCONJ", "after", "case", "ADP"},
		{"NOUN", "talk", "obj", "NOUN"}, {"AUX", "invade", "ccomp", "VERB"}, {"AUX", "will", "aux", "AUX"},
		{"PRON", "that", "mark", "SCONJ"},
	}
	for _, tt := range tests {
		if got := fixUPOS(tt.upos, tt.lemma, tt.rel); got != tt.want {
			t.Errorf("fixUPOS(%s, %s, %s) = %s, want %s", tt.upos, tt.lemma, tt.rel, got, tt.want)
		}
	}
}
