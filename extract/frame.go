package extract

import (
	"strings"
)

// elem is one element of a compiled rule frame. The built-in lexicon's
// frames use words, optional words, targets and gaps; dictionary verb
// patterns (dict.go) compile into the same elements with phrases, source,
// compound and skip markers, and adjacency.
type elem struct {
	words    map[string]bool // a word element: any of these
	optional bool
	target   bool // +
	gap      bool // *

	phrases  [][]string // a phrase element: any of these word sequences (a synonym set)
	source   bool       // $: the source actor
	compound bool       // %: a compound actor, source and target at once
	skipNP   bool       // ^: a noun phrase passed over
	joined   bool       // nothing may stand between it and the element before (or the verb)
}

func compileFrame(frame string) []elem {
	var out []elem
	for _, f := range strings.Fields(frame) {
		switch f {
		case "+":
			out = append(out, elem{target: true})
		case "*":
			out = append(out, elem{gap: true})
		default:
			e := elem{words: map[string]bool{}}
			if strings.HasSuffix(f, "?") {
				e.optional = true
				f = strings.TrimSuffix(f, "?")
			}
			for _, w := range strings.Split(f, "|") {
				e.words[w] = true
			}
			out = append(out, e)
		}
	}
	return out
}

// eventNouns are nouns through which a demonym names a target: "condemned
// the Iranian cyberattack" condemns Iran.
var eventNouns = map[string]bool{
	"attack": true, "attacks": true, "cyberattack": true, "cyberattacks": true, "cyber-attack": true,
	"decision": true, "move": true, "aggression": true, "invasion": true, "strike": true, "strikes": true,
	"actions": true, "action": true, "occupation": true, "offensive": true, "program": true, "programme": true,
	"hacking": true, "interference": true, "crackdown": true, "policy": true, "policies": true, "annexation": true,
	"bombing": true, "airstrike": true, "airstrikes": true, "raid": true, "raids": true, "shelling": true, "state": true, "positions": true, "territory": true, "targets": true, "bases": true, "vessels": true, "ships": true,
	// places, people and assets that stand for their state as a target:
	// "shelled Ukrainian cities", "fired on Philippine boats"
	"city": true, "cities": true, "town": true, "towns": true, "village": true, "villages": true, "soil": true,
	"civilians": true, "boat": true, "boats": true, "outposts": true, "posts": true, "infrastructure": true,
	"facilities": true, "installations": true, "airspace": true, "waters": true, "ports": true, "bombardment": true, "incursion": true, "provocation": true, "provocations": true,
	"tanker": true, "tankers": true, "vessel": true, "ship": true, "warship": true, "warships": true,
	"test": true, "tests": true, "launch": true, "launches": true, // "condemned North Korea's nuclear test"
}

// quantityNouns head a partitive before the real target: "dozens of".
var quantityNouns = map[string]bool{"dozens": true, "hundreds": true, "thousands": true, "scores": true, "some": true, "many": true, "several": true, "most": true, "all": true, "members": true, "parts": true, "part": true}

// isFiller reports whether token k may be skipped between frame elements.
func isFiller(s *sentence, k int) bool {
	t := s.toks[k]
	if s.at[k] >= 0 {
		return false
	}
	switch {
	case t.Tag == "DT" || t.Tag == "PRP$" || t.Tag == "CD" || t.Tag == "POS" || t.Tag == "PDT" || t.Tag == "RP" || t.Tag == "``" || t.Tag == "''":
		return true
	case strings.HasPrefix(t.Tag, "JJ") || t.Tag == "RB" || t.Tag == "RBR":
		return true
	case t.Tag == "VBN" && k > 0 && s.toks[k-1].Tag == "DT": // "the alleged"
		return true
	}
	return false
}

// frameMatch is a frame matched after a verb.
type frameMatch struct {
	targets [][]int // per + element, the mention indexes (several when coordinated)
	conf    float64
	end     int
}

// matchFrame matches elems against the tokens from position k. With
// dropFirstTarget the first + is not in the text (passive voice).
func matchFrame(s *sentence, k int, elems []elem) (frameMatch, bool) {
	fm := frameMatch{conf: 1}
	ok := matchFrom(s, k, elems, &fm)
	return fm, ok
}

func matchFrom(s *sentence, k int, elems []elem, fm *frameMatch) bool {
	if len(elems) == 0 {
		fm.end = k
		return true
	}
	e := elems[0]
	switch {
	case e.gap:
		for n := 0; n <= 6 && k+n <= len(s.toks); n++ {
			if n > 0 {
				t := s.toks[k+n-1]
				// A verb that heads no group is a gerund or an adjective
				// ("of orchestrating a cyberattack"): part of the phrase.
				if isVerb(t) && groupAt(s, k+n-1) >= 0 || t.Text == ";" || t.Text == "," || t.Lower == "that" || s.at[k+n-1] >= 0 && s.ments[s.at[k+n-1]].entity.Type != "Place" {
					return false
				}
			}
			saved := *fm
			if matchFrom(s, k+n, elems[1:], fm) {
				return true
			}
			*fm = saved
		}
		return false
	case e.target:
		ms, conf, next, ok := targetAt(s, k)
		if !ok {
			return false
		}
		fm.targets = append(fm.targets, ms)
		if conf < fm.conf {
			fm.conf = conf
		}
		return matchFrom(s, next, elems[1:], fm)
	default:
		j := k
		for j < len(s.toks) && !wordIn(s, j, e.words) && isFiller(s, j) {
			j++
		}
		if j < len(s.toks) && wordIn(s, j, e.words) {
			return matchFrom(s, j+1, elems[1:], fm)
		}
		if e.optional {
			return matchFrom(s, k, elems[1:], fm)
		}
		return false
	}
}

func wordIn(s *sentence, j int, words map[string]bool) bool {
	t := s.toks[j]
	return words[t.Lower] || t.Tag == "POS" && words["'s"]
}

// targetAt reads the noun phrase at k as a target: an actor ("Iran",
// "Iranian diplomats"), coordinated actors ("Russia and Belarus"), an
// actor's possession ("Albania's decision"), or a demonym qualifying an
// event noun ("the Iranian cyberattack").
func targetAt(s *sentence, k int) ([]int, float64, int, bool) {
	j := k
	for j < len(s.toks) && isFiller(s, j) {
		j++
	}
	// "dozens of Houthi targets", "some of Hamas's fighters"
	if j+1 < len(s.toks) && quantityNouns[s.toks[j].Lower] && s.toks[j+1].Lower == "of" {
		j += 2
		for j < len(s.toks) && isFiller(s, j) {
			j++
		}
	}
	if j >= len(s.toks) || s.at[j] < 0 {
		return nil, 0, 0, false
	}
	mi := s.at[j]
	m := s.ments[mi]
	// "Yemen's Houthi movement": the possessor's group is the target
	if m.possessive {
		n := m.end + 1
		for n < len(s.toks) && isFiller(s, n) {
			n++
		}
		if n < len(s.toks) && s.at[n] >= 0 && s.at[n] != mi {
			mi = s.at[n]
			m = s.ments[mi]
		}
	}
	if m.modifier {
		// "the Iranian cyberattack": the demonym stands for the target only
		// before an event noun.
		n := m.end
		for n < len(s.toks) && n < m.end+3 && !eventNouns[s.toks[n].Lower] && (strings.HasPrefix(s.toks[n].Tag, "JJ") || s.toks[n].Tag == "NN" && n+1 < len(s.toks) && strings.HasPrefix(s.toks[n+1].Tag, "NN")) {
			n++ // "Philippine supply boats", "the Iranian state-backed cyberattack"
		}
		if n < len(s.toks) && eventNouns[s.toks[n].Lower] {
			return []int{mi}, 0.8, n + 1, true
		}
		if m.people {
			return []int{mi}, 0.8, m.end, true // "killed 60 Palestinians"
		}
		return nil, 0, 0, false
	}
	conf := 1.0
	if m.possessive {
		conf = 0.85
	}
	out := []int{mi}
	next := m.end
	if m.possessive {
		next = m.end + 1 // past 's
	}
	// coordinated targets: ", B and C"
	for {
		n := next
		if n < len(s.toks) && (s.toks[n].Text == "," || s.toks[n].Lower == "and") {
			n++
			if n < len(s.toks) && s.toks[n].Lower == "and" {
				n++
			}
			for n < len(s.toks) && s.toks[n].Tag == "DT" {
				n++
			}
			if n < len(s.toks) && s.at[n] >= 0 && !s.ments[s.at[n]].modifier {
				out = append(out, s.at[n])
				next = s.ments[s.at[n]].end
				continue
			}
		}
		break
	}
	return out, conf, next, true
}
