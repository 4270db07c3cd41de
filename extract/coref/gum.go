package coref

import (
	"fmt"
	"strings"

	"github.com/geokg/geokg/extract/parse"
)

// GoldMention is a mention GUM annotates, with the entity (coreference
// chain) it belongs to.
type GoldMention struct {
	Sent, Start, End int
	Entity           string // the chain's id within its document
	Type             string // GUM's entity type: person, organization, place, event …
	Head             int    // the token whose head lies outside the mention
}

// GUMDoc is one GUM document read for coreference: its sentences, whose
// Mentions are the named person, organisation and place mentions (what an
// extractor finds as actors), and every gold mention.
type GUMDoc struct {
	ID        string
	Sentences []Sentence
	Gold      []GoldMention
	named     map[At]int // a sentence's mention → its gold mention
}

// kinds maps GUM's entity types to the kinds a reference wants.
var gumKinds = map[string]Kind{"person": Person, "organization": Organization, "place": Place}

// ReadGUM turns CoNLL-U documents carrying GUM's Entity= annotation into
// documents to resolve and score. Only documents whose ID has the prefix
// are kept ("GUM_news_"; "" keeps all).
func ReadGUM(docs []parse.Doc, prefix string) ([]GUMDoc, error) {
	var out []GUMDoc
	for _, d := range docs {
		if !strings.HasPrefix(d.ID, prefix) {
			continue
		}
		g := GUMDoc{ID: d.ID, named: map[At]int{}}
		for si, ws := range d.Sentences {
			s := Sentence{Tokens: make([]Token, len(ws))}
			for k, w := range ws {
				s.Tokens[k] = Token{Text: w.Form, Tag: w.XPOS, Head: w.Head - 1, Rel: parse.MainRel(w.Rel)}
			}
			ms, err := entities(ws)
			if err != nil {
				return nil, fmt.Errorf("%s sentence %d: %w", d.ID, si+1, err)
			}
			var named []int
			for _, m := range ms {
				m.Sent = si
				m.Head = headOf(s, m.Start, m.End)
				g.Gold = append(g.Gold, m)
				if _, ok := gumKinds[m.Type]; ok && ws[m.Head].UPOS == "PROPN" {
					named = append(named, len(g.Gold)-1)
				}
			}
			// Named mentions inside others ("his wife Manju Sam") are the
			// names; an outer one is left out.
			for _, gi := range named {
				m := g.Gold[gi]
				inner := false
				for _, gj := range named {
					o := g.Gold[gj]
					if gj != gi && o.Start >= m.Start && o.End <= m.End && o.End-o.Start < m.End-m.Start {
						inner = true
					}
				}
				if !inner {
					g.named[At{si, len(s.Mentions)}] = gi
					s.Mentions = append(s.Mentions, Mention{Start: m.Start, End: m.End, Kind: gumKinds[m.Type], Plural: ws[m.Head].XPOS == "NNPS", ID: m.Entity})
				}
			}
			sortMentions(s.Mentions, g.named, si)
			g.Sentences = append(g.Sentences, s)
		}
		out = append(out, g)
	}
	return out, nil
}

// sortMentions puts a sentence's mentions in text order, keeping the map
// to their gold mentions.
func sortMentions(ms []Mention, named map[At]int, si int) {
	for i := 1; i < len(ms); i++ {
		for j := i; j > 0 && ms[j].Start < ms[j-1].Start; j-- {
			ms[j], ms[j-1] = ms[j-1], ms[j]
			a, b := At{si, j}, At{si, j - 1}
			named[a], named[b] = named[b], named[a]
		}
	}
}

// entities reads the Entity= annotations of a sentence's words: "(7-person-
// …" opens a mention of entity 7, "7)" closes it, "(7-person-…)" is one
// word.
func entities(ws []parse.Word) ([]GoldMention, error) {
	var (
		out  []GoldMention
		open []int // indexes into out, not yet closed
	)
	for k, w := range ws {
		var ann string
		for _, f := range strings.Split(w.Misc, "|") {
			if v, ok := strings.CutPrefix(f, "Entity="); ok {
				ann = v
			}
		}
		for i := 0; i < len(ann); {
			switch {
			case ann[i] == '(':
				j := i + 1
				for j < len(ann) && ann[j] != '(' && ann[j] != ')' {
					j++
				}
				f := strings.Split(ann[i+1:j], "-")
				if len(f) < 2 {
					return nil, fmt.Errorf("word %d: entity %q: want ID-type-…", k+1, ann[i+1:j])
				}
				out = append(out, GoldMention{Start: k, End: -1, Entity: f[0], Type: f[1]})
				if j < len(ann) && ann[j] == ')' {
					out[len(out)-1].End = k + 1
					j++
				} else {
					open = append(open, len(out)-1)
				}
				i = j
			default:
				j := i
				for j < len(ann) && ann[j] != ')' && ann[j] != '(' {
					j++
				}
				if j >= len(ann) || ann[j] != ')' {
					return nil, fmt.Errorf("word %d: entity annotation %q: want (… or ID)", k+1, ann)
				}
				id := ann[i:j]
				closed := false
				for oi := len(open) - 1; oi >= 0; oi-- {
					if out[open[oi]].Entity == id {
						out[open[oi]].End = k + 1
						open = append(open[:oi], open[oi+1:]...)
						closed = true
						break
					}
				}
				if !closed {
					return nil, fmt.Errorf("word %d: entity %s closed but never opened", k+1, id)
				}
				i = j + 1
			}
		}
	}
	if len(open) > 0 {
		return nil, fmt.Errorf("entity %s opened but not closed in its sentence", out[open[0]].Entity)
	}
	return out, nil
}

// Score counts mention → antecedent links.
type Score struct {
	Gold    int // references GUM links to an earlier named mention of their chain
	Found   int // links the resolver made
	Correct int // links whose antecedent is in the reference's chain
	Recall  int // gold references the resolver linked rightly
	ByForm  map[Form][2]int
	// Wrong lists the wrong links: document, sentence, reference and the
	// antecedent taken.
	Wrong []string
}

// Precision is Correct / Found.
func (s Score) Precision() float64 { return ratio(s.Correct, s.Found) }

// RecallRate is Recall / Gold.
func (s Score) RecallRate() float64 { return ratio(s.Recall, s.Gold) }

// F1 is the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.RecallRate()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// referenceShaped reports whether a gold mention is a pronoun or a
// definite description: what the resolver has to link.
func referenceShaped(s Sentence, m GoldMention) bool {
	t := s.Tokens[m.Head]
	if m.End-m.Start == 1 && (t.Tag == "PRP" || t.Tag == "PRP$") {
		_, ok := pronouns[lower(t)]
		return ok
	}
	first := lower(s.Tokens[m.Start])
	return strings.HasPrefix(t.Tag, "NN") && !strings.HasPrefix(t.Tag, "NNP") &&
		(first == "the" || first == "this" || first == "both" || s.Tokens[m.Start].Tag == "PRP$")
}

// Evaluate resolves each document and scores the links against GUM's
// chains, for references to people, organisations and places. A
// reference counts as gold when it is a pronoun or a definite description
// of such an entity and its chain has a named mention before it. Every
// link the resolver makes counts (pairs aside, which GUM annotates as
// entities of their own): to a mention of the reference's chain it is
// right, to another or for words GUM marks as no mention it is wrong.
func Evaluate(docs []GUMDoc) Score {
	sc := Score{ByForm: map[Form][2]int{}}
	for _, d := range docs {
		refs := Resolve(d.Sentences)
		byHead := map[[2]int]int{}
		for i, m := range d.Gold {
			if _, ok := byHead[[2]int{m.Sent, m.Head}]; !ok || m.End-m.Start < d.Gold[byHead[[2]int{m.Sent, m.Head}]].End-d.Gold[byHead[[2]int{m.Sent, m.Head}]].Start {
				byHead[[2]int{m.Sent, m.Head}] = i
			}
		}
		gold := map[int]bool{}
		for i, m := range d.Gold {
			if _, ok := gumKinds[m.Type]; !ok || !referenceShaped(d.Sentences[m.Sent], m) {
				continue
			}
			for at, gi := range d.named {
				a := d.Gold[gi]
				if a.Entity == m.Entity && (at.Sent < m.Sent || at.Sent == m.Sent && a.End <= m.Start) {
					gold[i] = true
					break
				}
			}
		}
		sc.Gold += len(gold)
		for _, ref := range refs {
			if ref.Form == Pair {
				continue
			}
			sc.Found++
			head := headOf(d.Sentences[ref.Sent], ref.Start, ref.End)
			gi, ok := byHead[[2]int{ref.Sent, head}]
			right := false
			if ok {
				for _, to := range ref.To {
					if d.Gold[d.named[to]].Entity == d.Gold[gi].Entity {
						right = true
					}
				}
			}
			if !right {
				to := ref.To[0]
				m := d.Sentences[to.Sent].Mentions[to.Mention]
				gum := "no mention"
				if ok {
					gum = d.Gold[gi].Type + " " + d.Gold[gi].Entity
				}
				sc.Wrong = append(sc.Wrong, fmt.Sprintf("%s s%d %q (%s) → s%d %q (%s)", d.ID, ref.Sent+1,
					words(d.Sentences[ref.Sent], ref.Start, ref.End), gum, to.Sent+1, words(d.Sentences[to.Sent], m.Start, m.End), m.ID))
			}
			f := sc.ByForm[ref.Form]
			f[0]++
			if right {
				f[1]++
				sc.Correct++
				if gold[gi] {
					sc.Recall++
				}
			}
			sc.ByForm[ref.Form] = f
		}
	}
	return sc
}

func words(s Sentence, a, b int) string {
	var out []string
	for _, t := range s.Tokens[a:b] {
		out = append(out, t.Text)
	}
	return strings.Join(out, " ")
}
