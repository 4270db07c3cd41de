package extract

import "strings"

// irregular lists the irregular past and participle forms of the verbs the
// rules use: base → past, participle.
var irregular = map[string][2]string{
	"break": {"broke", "broken"}, "cut": {"cut", "cut"}, "give": {"gave", "given"},
	"hold": {"held", "held"}, "meet": {"met", "met"}, "fight": {"fought", "fought"},
	"strike": {"struck", "struck"}, "send": {"sent", "sent"}, "take": {"took", "taken"},
	"say": {"said", "said"}, "tell": {"told", "told"}, "be": {"was", "been"},
	"have": {"had", "had"}, "do": {"did", "done"}, "lead": {"led", "led"},
	"seek": {"sought", "sought"}, "shoot": {"shot", "shot"}, "put": {"put", "put"},
	"set": {"set", "set"}, "win": {"won", "won"}, "write": {"wrote", "written"},
	"speak": {"spoke", "spoken"}, "bring": {"brought", "brought"}, "throw": {"threw", "thrown"},
	"shut": {"shut", "shut"}, "kick": {"kicked", "kicked"}, "become": {"became", "become"},
	"begin": {"began", "begun"}, "withdraw": {"withdrew", "withdrawn"}, "read": {"read", "read"},
	"lay": {"laid", "laid"}, "pay": {"paid", "paid"}, "spend": {"spent", "spent"},
	"make": {"made", "made"}, "keep": {"kept", "kept"}, "leave": {"left", "left"},
	"undertake": {"undertook", "undertaken"}, "forbid": {"forbade", "forbidden"}, "freeze": {"froze", "frozen"}, "sell": {"sold", "sold"},
	"overthrow": {"overthrew", "overthrown"}, "slay": {"slew", "slain"},
	"fly": {"flew", "flown"},
}

// beForms are the forms of "be", which mark the passive and progressive.
var beForms = map[string]bool{"be": true, "is": true, "are": true, "was": true, "were": true, "been": true, "being": true, "'s": true, "'re": true, "am": true}

// verbForms returns the inflected forms of a regular or listed verb.
func verbForms(base string) []string {
	forms := []string{base}
	if irr, ok := irregular[base]; ok {
		forms = append(forms, irr[0], irr[1])
	} else {
		forms = append(forms, pastOf(base))
	}
	forms = append(forms, thirdPerson(base), gerund(base))
	if strings.HasSuffix(base, "el") && longDoubling[base] {
		// American spelling keeps one l: labeled, traveling
		forms = append(forms, base+"ed", base+"ing")
	}
	if base == "be" {
		forms = append(forms, "is", "are", "were", "am")
	}
	if base == "have" {
		forms = append(forms, "has")
	}
	return forms
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }

// doubles reports whether a final consonant doubles before -ed/-ing: a
// short stressed syllable ending consonant-vowel-consonant (ban → banned).
func doubles(base string) bool {
	if longDoubling[base] {
		return true
	}
	n := len(base)
	if n < 3 || n > 4 {
		return false
	}
	c := base[n-1]
	return !isVowel(c) && isVowel(base[n-2]) && !isVowel(base[n-3]) && strings.IndexByte("wxy", c) < 0
}

// longDoubling lists longer verbs stressed on a final short syllable, which
// double their last consonant: expel → expelled.
var longDoubling = map[string]bool{
	"expel": true, "compel": true, "propel": true, "repel": true, "control": true, "commit": true,
	"admit": true, "submit": true, "permit": true, "refer": true, "prefer": true, "occur": true,
	"deter": true, "regret": true, "patrol": true, "equip": true, "transfer": true, "confer": true,
	"cancel": true, "label": true, "travel": true, "signal": true, "fuel": true, "model": true, "level": true,
	"rebel": true, "embed": true, "omit": true, "outstrip": true, "annul": true, "compel ": true,
}

func pastOf(base string) string {
	switch {
	case strings.HasSuffix(base, "e"):
		return base + "d"
	case strings.HasSuffix(base, "y") && len(base) > 1 && !isVowel(base[len(base)-2]):
		return base[:len(base)-1] + "ied"
	case doubles(base):
		return base + base[len(base)-1:] + "ed"
	}
	return base + "ed"
}

func thirdPerson(base string) string {
	switch {
	case strings.HasSuffix(base, "y") && len(base) > 1 && !isVowel(base[len(base)-2]):
		return base[:len(base)-1] + "ies"
	case strings.HasSuffix(base, "s"), strings.HasSuffix(base, "sh"), strings.HasSuffix(base, "ch"),
		strings.HasSuffix(base, "x"), strings.HasSuffix(base, "z"), strings.HasSuffix(base, "o"):
		return base + "es"
	}
	return base + "s"
}

func gerund(base string) string {
	switch {
	case base == "be" || base == "see" || base == "agree" || base == "free":
		return base + "ing"
	case strings.HasSuffix(base, "ie"):
		return base[:len(base)-2] + "ying"
	case strings.HasSuffix(base, "e") && !strings.HasSuffix(base, "ee"):
		return base[:len(base)-1] + "ing"
	case doubles(base):
		return base + base[len(base)-1:] + "ing"
	}
	return base + "ing"
}

// lemmatizer maps every inflected form of the known verbs to its base.
type lemmatizer map[string]string

func newLemmatizer(bases []string) lemmatizer {
	l := make(lemmatizer)
	for _, b := range bases {
		for _, f := range verbForms(b) {
			if _, taken := l[f]; !taken || f == b {
				l[f] = b
			}
		}
	}
	return l
}

// lemma returns the base form of a verb token, or the word itself.
func (l lemmatizer) lemma(word string) string {
	if b, ok := l[word]; ok {
		return b
	}
	return word
}
