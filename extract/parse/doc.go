// Package parse tags, lemmatises and parses English sentences into
// Universal Dependencies trees, with models trained in this repository.
//
// A Model holds three parts, trained together by Train (and by the command
// in extract/parse/train) on the UD English treebanks:
//
//   - an averaged-perceptron part-of-speech tagger predicting Penn
//     Treebank tags (XPOS), with the UD tag (UPOS) looked up from the word
//     and its XPOS;
//   - a lemma table learned from the treebanks, with suffix rules for
//     unseen words;
//   - a greedy arc-hybrid transition-based dependency parser, an averaged
//     perceptron over hashed Zhang & Nivre-style features, trained with a
//     dynamic oracle, producing full UD relations (nsubj:pass, obl:tmod …).
//
// Default returns the model embedded in the binary (model/en.model.gz);
// Load reads another model file, written by Model.Save. A Model is
// read-only once loaded and safe for concurrent use.
//
// Around the model the package reads and writes CoNLL-U (ReadCoNLLU,
// WriteCoNLLU), scores parses against gold trees (Eval), and splits raw
// text into tokenised sentences (Tokenize) with the prose tokenizer the
// extract package uses.
package parse
