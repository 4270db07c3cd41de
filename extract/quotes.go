package extract

// This file finds who speaks a quotation that runs over several
// sentences: "“The acts … are illegal. China has no rights here,” Locsin
// said." The sentences before the one that names the speaker say what he
// said, and so does a sentence that goes on with the quotation of the
// sentence before.

// isQuote reports whether token t is a double quotation mark.
func isQuote(t Token) bool { return t.Text == `"` || t.Tag == "``" || t.Tag == "''" }

// quoteSpeakers gives each sentence spoken inside a quotation whose
// speaker another sentence of the same paragraph names its speaker
// (sentence.quoteBy): a quotation opened in one sentence and closed with
// "…,” X said" in a later one, or a quotation that opens right after a
// sentence that ended with one X said, to the sentence that closes it.
func (p *Pipeline) quoteSpeakers(sents []*sentence, d *discourse) {
	// open[i]: the quotation is still open at the end of sentence i.
	open := make([]bool, len(sents))
	starts := make([]bool, len(sents))
	inside := false
	for i, s := range sents {
		if i > 0 && s.block != sents[i-1].block {
			inside = false
		}
		for k, t := range s.toks {
			if isQuote(t) {
				if k == 0 && !inside {
					starts[i] = true
				}
				inside = !inside
			}
		}
		open[i] = inside
	}
	speaker := func(s *sentence) ([]mention, *timex) {
		for gi, g := range s.groups {
			if !g.speech {
				continue
			}
			if subj, _, ok := p.subjectOf(s, d, gi); ok {
				return subj, g.date
			}
		}
		return nil, nil
	}
	for i, s := range sents {
		if who, _ := speaker(s); !starts[i] || !open[i] || who != nil {
			continue
		}
		// Opened here and still open: the sentence that closes it names
		// the speaker.
		for j := i + 1; j < len(sents) && sents[j].block == s.block; j++ {
			if !open[j] {
				if who, when := speaker(sents[j]); who != nil {
					for k := i; k < j; k++ {
						sents[k].quoteBy, sents[k].quoteWhen = who, when
					}
				}
				break
			}
		}
	}
	for i := 1; i < len(sents); i++ {
		s, prev := sents[i], sents[i-1]
		if who, _ := speaker(s); s.quoteBy != nil || !starts[i] || s.block != prev.block || open[i-1] || who != nil {
			continue
		}
		// "“These actions …,” Kirby said. “Our message … is this: …”"
		last := prev.toks[len(prev.toks)-1]
		quoted := false
		for _, t := range prev.toks {
			quoted = quoted || isQuote(t)
		}
		if quoted && last.Text == "." {
			if who, when := speaker(prev); who != nil {
				// The whole quotation, to the sentence that closes it:
				// "“Putin is the aggressor. Putin chose this war.”"
				for k := i; k < len(sents) && sents[k].block == s.block; k++ {
					sents[k].quoteBy, sents[k].quoteWhen = who, when
					if !open[k] {
						break
					}
				}
			}
		}
	}
}
