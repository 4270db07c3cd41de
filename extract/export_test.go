package extract

// SentenceCount is the number of sentences the segment stage found in d,
// for the benchmarks' sentences/s.
func SentenceCount(d *Document) int { return len(d.spans) }
