package parse

// TagAlt tags one tokenised sentence as Parse does and returns, for each
// form, its Penn Treebank tag and the tagger's runner-up. A caller that
// reads the tags before parsing, and may correct some, thus tags once: it
// hands both back to ParseAlt.
func (m *Model) TagAlt(forms []string) (xpos, alt []string) {
	best, second := m.tagger.tagAlt(forms)
	xpos, alt = make([]string, len(forms)), make([]string, len(forms))
	for i := range best {
		xpos[i], alt[i] = m.tagger.tags[best[i]], m.tagger.tags[second[i]]
	}
	return xpos, alt
}

// ParseAlt parses one tokenised sentence with the Penn Treebank tags
// given and, for each word, what else its tag might be (as Parse tells the
// parser: the tagger's runner-up, or the tagger's own tag where the caller
// changed it), without tagging again. When xpos or alt is not as long as
// forms, the sentence is parsed as by Parse.
func (m *Model) ParseAlt(forms, xpos, alt []string) []Word {
	if len(xpos) != len(forms) || len(alt) != len(forms) {
		return m.Parse(forms)
	}
	if len(forms) == 0 {
		return nil
	}
	return m.parseTagged(forms, xpos, alt)
}
