package extract

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/schema"
)

// Explain writes, for each sentence of doc, how the pipeline read it: the
// tagged tokens, the actors found, the verb groups with their subjects and
// dates, and the statements made. It is for people tuning rules or asking
// why a relation was or was not found.
func (p *Pipeline) Explain(ctx context.Context, doc schema.Document, w io.Writer) error {
	d := &Document{Document: doc}
	if err := p.Run(ctx, d); err != nil {
		return err
	}
	disc := &discourse{}
	for si, s := range d.sentences {
		var b strings.Builder
		fmt.Fprintf(&b, "── sentence %d: %s\n   tokens:", si+1, d.norm.text[s.start:s.end])
		for _, t := range s.toks {
			fmt.Fprintf(&b, " %s/%s", t.Text, t.Tag)
		}
		b.WriteString("\n")
		for _, m := range s.ments {
			fmt.Fprintf(&b, "   actor %q → %s (%s%s)", joinTokens(s.toks[m.start:m.end]), m.entity.Name, m.entity.Type, roleSuffix(m.entity.Role))
			if m.modifier {
				b.WriteString(" modifier")
			}
			if m.possessive {
				b.WriteString(" possessive")
			}
			if m.person != nil {
				fmt.Fprintf(&b, " person=%s", m.person.Name)
			}
			b.WriteString("\n")
		}
		for gi, g := range s.groups {
			subj, _, ok := p.subjectOf(s, disc, gi)
			var names []string
			for _, m := range subj {
				names = append(names, m.entity.Name)
			}
			date := ""
			if g.date != nil {
				date = " date=" + g.date.value
			}
			fmt.Fprintf(&b, "   verb %q lemma=%s passive=%v negated=%v modal=%v inf=%v speech=%v subject=%v(%v)%s\n",
				joinTokens(s.toks[g.start:g.end]), g.lemma, g.passive, g.negated, g.modal, g.infinitive, g.speech, names, ok, date)
		}
		for _, f := range d.findings[si] {
			date := ""
			if f.date != nil {
				date = f.date.value
			}
			fmt.Fprintf(&b, "   ⇒ %s %s %s %s conf=%.2f negated=%v by=%q\n", f.subj.entity.Name, f.predicate, f.obj.entity.Name, date, f.conf, f.negated, f.attributedTo)
		}
		p.readSentence(s, disc) // keep the discourse as the real run did
		if _, err := io.WriteString(w, b.String()); err != nil {
			return err
		}
	}
	return nil
}

func roleSuffix(role string) string {
	if role == "" {
		return ""
	}
	return " " + role
}
