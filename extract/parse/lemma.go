package parse

import "strings"

// lemmatizer gives a word's lemma: from a table learned from the
// treebanks (the most frequent lemma of a lower-cased form with its
// tag), else by suffix rules for the tag.
type lemmatizer struct {
	table map[string]string // xpos + "\x00" + lower-cased form → lemma
}

func lemmaKey(xpos, lower string) string { return xpos + "\x00" + lower }

func (l *lemmatizer) lemma(form, xpos string) string {
	lower := strings.ToLower(form)
	if lm, ok := l.table[lemmaKey(xpos, lower)]; ok {
		if xpos == "NNP" || xpos == "NNPS" {
			if strings.EqualFold(lm, form) {
				return form
			}
		}
		return lm
	}
	switch xpos {
	case "NNP", "NNPS":
		return form
	case "NNS":
		return nounBase(lower)
	case "VBZ":
		return verbS(lower)
	case "VBD", "VBN":
		return verbEd(lower)
	case "VBG":
		return verbIng(lower)
	case "JJR", "RBR":
		return compBase(lower, "er")
	case "JJS", "RBS":
		return compBase(lower, "est")
	}
	return lower
}

func nounBase(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zzes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "ss"), strings.HasSuffix(w, "us"), strings.HasSuffix(w, "is"):
		return w
	case strings.HasSuffix(w, "s") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

func verbS(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"), strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s") && len(w) > 2:
		return w[:len(w)-1]
	}
	return w
}

func verbEd(w string) string {
	switch {
	case strings.HasSuffix(w, "ied") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "eed") && len(w) > 3:
		// freed → free, agreed → agree: a verb in -eed takes -eded
		// ("needed"), so a past in -eed is a stem in -ee and a d.
		return w[:len(w)-1]
	case strings.HasSuffix(w, "ed") && len(w) > 4:
		stem := w[:len(w)-2]
		n := len(stem)
		if undouble(stem) {
			return stem[:n-1] // stopped → stop, expelled → expel
		}
		if needsE(stem) {
			return stem + "e"
		}
		return stem
	}
	return w
}

func verbIng(w string) string {
	if !strings.HasSuffix(w, "ing") || len(w) < 6 {
		return w
	}
	stem := w[:len(w)-3]
	n := len(stem)
	if undouble(stem) {
		return stem[:n-1]
	}
	if needsE(stem) {
		return stem + "e"
	}
	return stem
}

func compBase(w, suf string) string {
	if !strings.HasSuffix(w, suf) || len(w) < len(suf)+3 {
		return w
	}
	stem := w[:len(w)-len(suf)]
	if strings.HasSuffix(stem, "i") {
		return stem[:len(stem)-1] + "y"
	}
	n := len(stem)
	last := stem[n-1]
	switch {
	case last == stem[n-2] && isConsonant(last) && last != 'l' && last != 's':
		return stem[:n-1] // bigger → big
	case strings.HasSuffix(stem, "rg"), last == 'c', last == 'v', last == 's' && stem[n-2] != 's':
		return stem + "e" // larger → large, nicer → nice
	case isConsonant(last) && !strings.ContainsRune("wxy", rune(last)) && !isConsonant(stem[n-2]) &&
		isConsonant(stem[n-3]) && vowelGroups(stem) == 1:
		return stem + "e" // later → late, safer → safe
	}
	return stem
}

// undouble reports whether a stem ends in a consonant doubled before -ed
// or -ing: "stopp", "expell", but not "call", "pass" or "buzz".
func undouble(stem string) bool {
	n := len(stem)
	if n < 3 || stem[n-1] != stem[n-2] || !isConsonant(stem[n-1]) {
		return false
	}
	switch stem[n-1] {
	case 's', 'z', 'f':
		return false
	case 'l':
		return vowelGroups(stem[:n-2]) >= 2 // travell, expell; not call, fill
	}
	return true
}

func vowelGroups(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte("aeiouy", s[i]) >= 0
		if v && !in {
			n++
		}
		in = v
	}
	return n
}

func isConsonant(c byte) bool { return c >= 'a' && c <= 'z' && !strings.ContainsRune("aeiou", rune(c)) }

// needsE guesses whether a stem lost a final e: "decid" (decided),
// "announc" (announced), "us" (used).
func needsE(stem string) bool {
	n := len(stem)
	if n < 2 {
		return false
	}
	for _, s := range []string{"c", "v", "z", "iat", "at", "ut", "id", "ir", "os", "us", "ur"} {
		if strings.HasSuffix(stem, s) {
			return !strings.HasSuffix(stem, "ett")
		}
	}
	// consonant-vowel-consonant with a single vowel before it: "hop(e)d"
	return n >= 3 && isConsonant(stem[n-1]) && !isConsonant(stem[n-2]) && isConsonant(stem[n-3]) &&
		strings.ContainsRune("bgkmnpt", rune(stem[n-1])) && n <= 4
}
