package main

import (
	"fmt"
	"io"
	"sync"

	"github.com/geokg/geokg/extract"
)

// limitOptions returns the extractor options for the input limits of
// articleFlags: the longest sentence given to the tagger, and a warning on
// w, one line each, for every sentence skipped for being longer. The
// warnings may come from several goroutines at once.
func (a articleFlags) limitOptions(w io.Writer) []extract.Option {
	var mu sync.Mutex
	return []extract.Option{
		extract.WithMaxSentence(a.MaxSentenceBytes),
		extract.WithWarnings(func(x extract.Warning) {
			mu.Lock()
			defer mu.Unlock()
			fmt.Fprintf(w, "geokg: warning: %s (raise --max-sentence-bytes to read it)\n", x)
		}),
	}
}
