package extract

import "fmt"

// Warning is a part of a document the pipeline did not read, and went on
// past: a sentence longer than the maximum given to the tagger (see
// WithMaxSentence).
type Warning struct {
	Doc    string // the document's IRI, "doc:…"
	Source string // where the document was read from, if known
	Offset int    // byte offset in the document's text where the skipped part starts
	Length int    // its length in bytes
	Limit  int    // the limit it exceeds, in bytes
}

// String says what was skipped, naming the document and the byte offset.
func (w Warning) String() string {
	name := w.Doc
	if w.Source != "" {
		name = w.Source + " (" + w.Doc + ")"
	}
	return fmt.Sprintf("%s: sentence at byte %d of the text is %d bytes long, over the maximum sentence length of %d bytes; it was not read", name, w.Offset, w.Length, w.Limit)
}

// WithWarnings sets a function that the pipeline calls for every Warning.
// A Pipeline used by several goroutines calls it from each, so fn must be
// safe for concurrent use. Without it warnings are dropped.
func WithWarnings(fn func(Warning)) Option { return func(p *Pipeline) { p.warn = fn } }
