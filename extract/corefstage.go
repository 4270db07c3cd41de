package extract

import (
	"context"
	"slices"
	"strings"

	"github.com/geokg/geokg/extract/coref"
	"github.com/geokg/geokg/schema"
)

// corefStage resolves the article's references that name no actor —
// pronouns, definite descriptions ("the kingdom", "the group's leader"),
// "we" and "our" inside a quotation — with package coref, and adds each as
// a mention of the actor it stands for, marked as an anaphor, so that the
// readings after it take it as that actor. It runs after the parse (the
// resolver reads the trees) and before the relations.
type corefStage struct{ p *Pipeline }

func (corefStage) Name() string { return "coref" }

func (corefStage) Run(_ context.Context, d *Document) error {
	doc := make([]coref.Sentence, len(d.sentences))
	index := make([][]int, len(d.sentences)) // coref mention → s.ments index
	for si, s := range d.sentences {
		cs := coref.Sentence{Tokens: make([]coref.Token, len(s.toks))}
		for k, t := range s.toks {
			cs.Tokens[k] = coref.Token{Text: t.Text, Tag: t.Tag, Head: -1}
			if s.tree != nil {
				cs.Tokens[k].Head, cs.Tokens[k].Rel = s.tree.head(k), s.tree.rel(k)
			}
		}
		for mi, m := range s.ments {
			kind := corefKind(m.entity.Type)
			if kind == coref.Other || m.modifier || m.anaphor {
				continue
			}
			// Plural: a plural noun, or a group named in the plural ("the
			// Houthis"), which "they" stands for.
			last := s.toks[m.end-1]
			group := m.entity.Type == schema.ArmedGroup || m.entity.Type == schema.PoliticalGroup
			plural := last.Tag == "NNPS" || last.Tag == "NNS" ||
				group && strings.HasSuffix(last.Lower, "s") && m.start > 0 && s.toks[m.start-1].Lower == "the"
			cs.Mentions = append(cs.Mentions, coref.Mention{Start: m.start, End: m.end, Kind: kind, Plural: plural, ID: m.entity.IRI, Nouns: categoryOf(m.entity)})
			index[si] = append(index[si], mi)
		}
		doc[si] = cs
	}
	// The mentions as the resolver saw them: adding a resolved reference
	// to a sentence moves the index of the mentions after it.
	named := make([][]mention, len(d.sentences))
	for si, s := range d.sentences {
		named[si] = slices.Clone(s.ments)
	}
	for _, ref := range coref.Resolve(doc) {
		s := d.sentences[ref.Sent]
		if ref.Form == coref.Pair || len(ref.To) != 1 || !uncovered(s, ref.Start, ref.End) || s.toks[ref.Start].Tag == "PRP$" {
			// Pairs ("both countries") and possessive pronouns ("recalled
			// its ambassador") are the readings' own.
			continue
		}
		to := ref.To[0]
		m := named[to.Sent][index[to.Sent][to.Mention]]
		m.start, m.end, m.text = ref.Start, ref.End, joinTokens(s.toks[ref.Start:ref.End])
		m.anaphor, m.modifier, m.personPred = true, false, ""
		m.possessive = s.toks[ref.End-1].Tag == "PRP$" || s.toks[ref.End-1].Tag == "POS"
		s.ments = append(s.ments, m)
		sortMentions(s.ments)
		reindex(s)
	}
	return nil
}

// categoryOf returns the description nouns an actor fits by what it is: a
// state's ("island", "kingdom"), or the words of an organisation's name
// ("council" for the UN Security Council).
func categoryOf(e schema.Entity) []string {
	if e.Type == schema.Country {
		return stateNouns[e.ISO3]
	}
	return strings.Fields(strings.ToLower(e.Name))
}

// reindex rebuilds s.at after mentions were added.
func reindex(s *sentence) {
	for i := range s.at {
		s.at[i] = -1
	}
	for mi, x := range s.ments {
		for i := x.start; i < x.end && i < len(s.at); i++ {
			s.at[i] = mi
		}
	}
}

// uncovered reports whether no mention covers tokens [a, b).
func uncovered(s *sentence, a, b int) bool {
	for k := a; k < b && k < len(s.at); k++ {
		if s.at[k] >= 0 {
			return false
		}
	}
	return true
}

// corefKind maps an entity kind to what references want: a state, an
// organisation (a state's organs and media among them), a person, a place.
func corefKind(k schema.Kind) coref.Kind {
	switch k {
	case schema.Country:
		return coref.State
	case schema.Person:
		return coref.Person
	case schema.Place:
		return coref.Place
	case schema.Government, schema.Agency, schema.IGO, schema.ArmedGroup, schema.PoliticalGroup, schema.Media, schema.Organization:
		return coref.Organization
	}
	return coref.Other
}

// stateNouns are the category nouns a state fits, by ISO 3166 code:
// island states and states that are kingdoms or emirates, so that "the
// island" and "the kingdom" find theirs.
var stateNouns = func() map[string][]string {
	out := map[string][]string{}
	for noun, codes := range map[string]string{
		"island":  "TWN CUB JPN LKA ISL IRL MDG JAM HTI DOM CYP MLT SGP NZL PHL IDN SLB FJI PNG BHR TTO BRB BHS MUS SYC MDV CPV COM STP VUT WSM TON KIR TUV NRU MHL FSM PLW TLS GRD LCA VCT KNA ATG DMA",
		"kingdom": "SAU JOR MAR GBR ESP NLD BEL SWE NOR DNK THA KHM BTN BHR SWZ LSO TON",
		"emirate": "ARE QAT KWT",
	} {
		for _, c := range strings.Fields(codes) {
			out[c] = append(out[c], noun)
		}
	}
	return out
}()
