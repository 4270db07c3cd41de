package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// The values of --direction.
var directions = map[string]graph.Direction{"both": graph.Both, "out": graph.Out, "in": graph.In}

type relationsOptions struct {
	streams
	Store      storeOptions
	Name       string
	Predicates []string // --predicate, repeatable
	Since      string
	Until      string
	Direction  string // in, out or both
	JSON       bool
	Merged     bool   // --merged: one entry per relation, across articles
	Full       bool   // --full: evidence sentences whole
	Limit      int    // --limit: a page of this many statements; 0 for the default display
	Cursor     string // --cursor: the page after the one that printed it
	Order      string // --order: newest or oldest ("" for newest)
	All        bool   // --all: every statement, however many
}

// The values of --order.
var orders = map[string]graph.Order{"": graph.Newest, "newest": graph.Newest, "oldest": graph.Oldest}

// defaultShown is how many statements relations shows of an entity that
// has more, without --limit or --all: the newest, with the counts of all.
const defaultShown = 50

func newRelationsCmd(g *rootOptions, runF func(context.Context, *relationsOptions) error) *cobra.Command {
	opts := &relationsOptions{streams: g.streams}
	cmd := &cobra.Command{
		Use:   "relations [flags] NAME",
		Short: "List the stored relations of one entity",
		Long: `Relations lists what the graph holds about one entity: the relations in
which it acts (outgoing) and those in which it is acted upon (incoming),
each with its date, the sentence that says it and the article it comes
from.

NAME is any name geokg knows for the entity: its canonical name, an alias
or abbreviation ("US", "MEK"), a capital standing for its state
("Washington"), or its IRI ("ent:united_states" or "<ent:united_states>").
Case, accents and punctuation do not matter. An unknown name exits with
status 1 and lists the closest known entities.

Each relation shows the sentence that says it (cut at 100 characters;
--full prints it whole) and its source: the document's IRI, its
publication date, headline and URL.

Events show their date; standing relations "since" and "until" dates.
--since and --until keep relations whose time overlaps the interval; they
take ISO 8601 dates, partial allowed (2012, 2022-09, 2022-09-07).
--predicate keeps only the given predicates (severed_ties_with, hosts, …;
repeat the flag for more). --json prints one statement JSON per line,
with the article it comes from added as "source": {"iri", "url",
"headline", "published"}.

--merged lists each relation once however many articles report it, with
the number of articles (sources) that support it and the first and last
dates they give; with --json it prints one merged relation a line:
{"subject": …, "predicate": …, "object": …, "negated": false,
"sources": 3, "statements": 3, "first": "2022-09-07", "last": "2022-09-10",
"documents": ["doc:…", …], "articles": [{"iri", "url", "headline",
"published"}, …]}.

An entity with more than 50 relations (a hub such as the United States
in a large store) shows its 50 newest, with the number of relations by
predicate and the command for the next page; --all prints every one, in
date order as for a smaller entity. --limit N prints a page of N
relations, newest first (--order oldest for date order), and ends with
the --cursor that prints the next page (on standard error with --json);
--limit and --cursor apply to statements, not to --merged.`,
		Example: `  geokg relations Albania
  geokg relations "ent:united_states" --direction out --since 2022
  geokg relations MEK --predicate hosts --predicate delisted_terrorist
  geokg relations Iran --json | jq -r .evidence
  geokg relations Iran --merged --direction in
  geokg relations "United States" --limit 20
  geokg relations "United States" --limit 20 --cursor CURSOR`,
		Args: positional(1, 1, "one entity name"),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Name = args[0]
			opts.Store = g.store()
			if _, ok := directions[opts.Direction]; !ok {
				return usageErrorf("--direction %q: choose in, out or both", opts.Direction)
			}
			if err := checkPredicates(opts.Predicates); err != nil {
				return err
			}
			if _, ok := orders[opts.Order]; !ok {
				return usageErrorf("--order %q: choose newest or oldest", opts.Order)
			}
			if opts.Limit < 0 || opts.Limit > graph.MaxPageLimit {
				return usageErrorf("--limit %d: want 1 to %d", opts.Limit, graph.MaxPageLimit)
			}
			if opts.Cursor != "" && opts.Limit == 0 {
				return usageErrorf("--cursor needs --limit, the size of the page it continues")
			}
			if opts.Merged && (opts.Limit != 0 || opts.Cursor != "") {
				return usageErrorf("--limit and --cursor page statements, not --merged relations")
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runRelations(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringArrayVarP(&opts.Predicates, "predicate", "p", nil, "keep only relations with `PREDICATE` (repeatable)")
	f.StringVar(&opts.Since, "since", "", "keep relations at or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&opts.Until, "until", "", "keep relations at or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVarP(&opts.Direction, "direction", "d", "both", "which relations: out (the entity acts), in (it is acted upon) or both")
	f.BoolVar(&opts.JSON, "json", false, "print one statement JSON per line")
	f.BoolVar(&opts.Merged, "merged", false, "one entry per relation across articles, with its number of sources and first and last dates")
	f.BoolVar(&opts.Full, "full", false, "print evidence sentences whole")
	f.IntVar(&opts.Limit, "limit", 0, "print a page of `N` relations (1 to 1000), newest first")
	f.StringVar(&opts.Cursor, "cursor", "", "print the page after the one that gave `CURSOR`")
	f.StringVar(&opts.Order, "order", "", "order of pages: newest (the default) or oldest")
	f.BoolVar(&opts.All, "all", false, "print every relation of an entity that has more than 50")
	return cmd
}

// checkPredicates reports a --predicate the vocabulary does not know as
// a usage error listing the known ones.
func checkPredicates(ps []string) error {
	for _, p := range ps {
		if _, ok := schema.LookupPredicate(p); !ok {
			return usageErrorf("--predicate %q: unknown predicate; known are %s", p, strings.Join(predicateNames(), ", "))
		}
	}
	return nil
}

func predicateNames() []string {
	var names []string
	for _, p := range schema.Predicates() {
		names = append(names, p.Name)
	}
	return names
}

func runRelations(ctx context.Context, opts *relationsOptions) (err error) {
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)
	r, err := newResolverWith(st, opts.Store.Gazetteer, opts.Err)
	if err != nil {
		return err
	}
	ent, err := r.resolve(ctx, opts.Name)
	if err != nil {
		return err
	}
	filter := graph.Filter{
		Predicates: opts.Predicates,
		Since:      opts.Since,
		Until:      opts.Until,
		Direction:  directions[opts.Direction],
	}
	// A page: asked for with --limit, or the newest of an entity with
	// more than defaultShown statements.
	var page *graph.RelationsPage
	if !opts.Merged && (opts.Limit > 0 || !opts.JSON && !opts.All) {
		p := graph.Page{Limit: opts.Limit, Cursor: opts.Cursor, Order: orders[opts.Order]}
		if p.Limit == 0 {
			p.Limit = defaultShown
		}
		got, err := st.RelationsPage(ctx, ent.IRI, filter, p)
		switch {
		case errors.Is(err, graph.ErrBadDate):
			return &usageError{err: fmt.Errorf("--since/--until: %w", err)}
		case errors.Is(err, graph.ErrBadCursor):
			return &usageError{err: fmt.Errorf("--cursor: %w (take the one the page before printed, with the same --order)", err)}
		case errors.Is(err, graph.ErrNotFound):
		case err != nil:
			return err
		}
		if opts.Limit > 0 || got.NextCursor != "" {
			page = &got
		}
	}
	var stmts []schema.Statement
	if page != nil {
		stmts = page.Relations
	} else {
		stmts, err = st.Relations(ctx, ent.IRI, filter)
	}
	switch {
	case errors.Is(err, graph.ErrBadDate):
		return &usageError{err: fmt.Errorf("--since/--until: %w", err)}
	case errors.Is(err, graph.ErrNotFound):
		stmts = nil // an entity with facts but no relation
	case err != nil:
		return err
	}
	docs, err := st.Documents(ctx, documentsOf(stmts))
	if err != nil {
		return err
	}
	if opts.Merged {
		merged := graph.MergeStatements(stmts)
		if opts.JSON {
			enc := newJSONEncoder(opts.Out, false)
			for _, m := range merged {
				out := mergedJSON{MergedRelation: m, Articles: []graph.Source{}}
				for _, d := range m.Documents {
					out.Articles = append(out.Articles, graph.SourceOf(docs[d]))
				}
				if err := enc.Encode(out); err != nil {
					return err
				}
			}
			return nil
		}
		return printMerged(opts.Out, ent, merged, docs, directions[opts.Direction])
	}
	if opts.JSON {
		enc := newJSONEncoder(opts.Out, false)
		for _, s := range stmts {
			out := statementJSON{Statement: s}
			if d, ok := docs[s.Doc]; ok {
				src := graph.SourceOf(d)
				out.Source = &src
			}
			if err := enc.Encode(out); err != nil {
				return err
			}
		}
		if page != nil && page.NextCursor != "" {
			fmt.Fprintf(opts.Err, "geokg: %d of %d relations; the next page: --limit %d --cursor %s\n", len(stmts), page.Total, opts.Limit, page.NextCursor)
		}
		return nil
	}
	var parent string
	if ent.Parent != "" {
		parent = ent.Parent
		if pe, err := st.Entity(ctx, ent.Parent); err == nil && pe.Name != "" {
			parent = pe.Name
		}
	}
	width := evidenceWidth
	if opts.Full {
		width = 0
	}
	if err := printRelations(opts.Out, ent, parent, stmts, docs, width, directions[opts.Direction]); err != nil {
		return err
	}
	if page != nil {
		return printPageNote(opts, *page)
	}
	return nil
}

// printPageNote ends a page of relations: how many of how many it shows,
// the counts by predicate, and how to print the next page.
func printPageNote(opts *relationsOptions, page graph.RelationsPage) error {
	var b strings.Builder
	order := "newest"
	if orders[opts.Order] == graph.Oldest {
		order = "oldest"
	}
	fmt.Fprintf(&b, "\nThe %s %d of %d relations", order, len(page.Relations), page.Total)
	if opts.Cursor != "" {
		fmt.Fprintf(&b, " after the cursor")
	}
	preds := make([]string, 0, len(page.Counts))
	for p := range page.Counts {
		preds = append(preds, p)
	}
	sort.Slice(preds, func(i, j int) bool {
		if page.Counts[preds[i]] != page.Counts[preds[j]] {
			return page.Counts[preds[i]] > page.Counts[preds[j]]
		}
		return preds[i] < preds[j]
	})
	var parts []string
	for _, p := range preds {
		parts = append(parts, fmt.Sprintf("%s %d", p, page.Counts[p]))
	}
	fmt.Fprintf(&b, "; by predicate: %s\n", strings.Join(parts, ", "))
	if page.NextCursor != "" {
		limit := opts.Limit
		if limit == 0 {
			limit = defaultShown
		}
		fmt.Fprintf(&b, "Next page: the same command with --limit %d --cursor %s (or --all for every relation)\n", limit, page.NextCursor)
	}
	_, err := io.WriteString(opts.Out, b.String())
	return err
}

// statementJSON is a statement as relations --json prints it: the
// statement JSON with the article it comes from.
type statementJSON struct {
	schema.Statement
	Source *graph.Source `json:"source,omitempty"`
}

// mergedJSON is a merged relation as relations --merged --json prints it,
// with its articles.
type mergedJSON struct {
	graph.MergedRelation
	Articles []graph.Source `json:"articles"`
}

// documentsOf returns the documents of stmts, each once.
func documentsOf(stmts []schema.Statement) []string {
	seen := make(map[string]bool)
	var out []string
	for _, s := range stmts {
		if s.Doc != "" && !seen[s.Doc] {
			seen[s.Doc] = true
			out = append(out, s.Doc)
		}
	}
	return out
}

// sourceLine describes a document for people: its IRI, then its
// publication date, headline and URL where the store has them.
func sourceLine(doc string, d schema.Document) string {
	parts := []string{doc}
	if d.Published != "" {
		parts = append(parts, d.Published)
	}
	if d.Title != "" {
		parts = append(parts, strconv.Quote(d.Title))
	}
	if d.URL != "" {
		parts = append(parts, d.URL)
	}
	return strings.Join(parts, "  ")
}

// evidenceText returns an evidence sentence for a listing: cut to width
// characters, or whole when width is 0.
func evidenceText(s string, width int) string {
	if width <= 0 {
		return strings.Join(strings.Fields(s), " ")
	}
	return shorten(s, width)
}

// printRelations writes an entity's header, then its outgoing and incoming
// relations.
func printRelations(w io.Writer, ent schema.Entity, parent string, stmts []schema.Statement, docs map[string]schema.Document, width int, dir graph.Direction) error {
	var b strings.Builder
	b.WriteString(entityName(ent))
	var facts []string
	if ent.Type != "" {
		facts = append(facts, string(ent.Type))
	}
	if ent.ISO3 != "" {
		facts = append(facts, "ISO3 "+ent.ISO3)
	}
	if ent.CAMEO != "" {
		facts = append(facts, "CAMEO "+ent.CAMEO)
	}
	if len(facts) > 0 {
		fmt.Fprintf(&b, " (%s)", strings.Join(facts, ", "))
	}
	fmt.Fprintf(&b, "  %s\n", ent.IRI)
	if parent != "" {
		fmt.Fprintf(&b, "%s %s\n", predicateLabel(ent.ParentPredicate, false, ""), parent)
	}
	var aliases []string
	for _, a := range ent.Aliases {
		if a != ent.Name && !oneOf(a, aliases) {
			aliases = append(aliases, a)
		}
	}
	if len(aliases) > 0 {
		fmt.Fprintf(&b, "also called %s\n", strings.Join(aliases, ", "))
	}
	var out, in []schema.Statement
	for _, s := range stmts {
		if s.Subject.IRI == ent.IRI {
			out = append(out, s)
		}
		if s.Object.IRI == ent.IRI && s.Subject.IRI != ent.IRI {
			in = append(in, s)
		}
	}
	if dir != graph.In {
		section(&b, "Outgoing", out, docs, width, func(s schema.Statement) string {
			return predicateLabel(s.Predicate, s.Negated, s.Modality) + " → " + entityName(s.Object)
		})
	}
	if dir != graph.Out {
		section(&b, "Incoming", in, docs, width, func(s schema.Statement) string {
			return entityName(s.Subject) + " " + predicateLabel(s.Predicate, s.Negated, s.Modality) + " → " + entityName(ent)
		})
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// section writes one group of relations: per statement a line with its
// time, the relation (as rel renders it) and its codes, then the evidence
// (cut to width characters, whole when width is 0) and the source
// document (see sourceLine) on indented lines.
func section(b *strings.Builder, title string, stmts []schema.Statement, docs map[string]schema.Document, width int, rel func(schema.Statement) string) {
	listing(b, title, stmts, when, func(s schema.Statement, indent string) {
		fmt.Fprintf(b, "%s   [", rel(s))
		if s.CAMEO != "" {
			fmt.Fprintf(b, "CAMEO %s, ", s.CAMEO)
		}
		fmt.Fprintf(b, "conf %s]\n", confidence(s.Confidence))
		if s.Evidence != "" {
			fmt.Fprintf(b, "%s%q\n", indent, evidenceText(s.Evidence, width))
		}
		source := sourceLine(s.Doc, docs[s.Doc])
		if s.AttributedTo != "" {
			source += ", according to " + s.AttributedTo
		}
		fmt.Fprintf(b, "%s%s\n", indent, source)
	})
}

// listing writes a titled list: per item its date (as when gives it, padded
// to the widest) and then what entry writes, whose further lines start
// with indent, under the first line's text.
func listing[T any](b *strings.Builder, title string, items []T, when func(T) string, entry func(it T, indent string)) {
	fmt.Fprintf(b, "\n%s (%d)\n", title, len(items))
	if len(items) == 0 {
		b.WriteString("  none\n")
		return
	}
	listItems(b, "  ", items, when, entry)
}

// listItems writes the items of a listing, each line starting with lead.
func listItems[T any](b *strings.Builder, lead string, items []T, when func(T) string, entry func(it T, indent string)) {
	width := 0
	for _, it := range items {
		width = max(width, len([]rune(when(it))))
	}
	indent := lead + strings.Repeat(" ", width+2)
	for _, it := range items {
		t := when(it)
		fmt.Fprintf(b, "%s%s%s  ", lead, t, strings.Repeat(" ", width-len([]rune(t))))
		entry(it, indent)
	}
}

// maxMergedSources is how many sources relations --merged lists under
// each relation.
const maxMergedSources = 5

// printMerged writes an entity's relations merged across articles: per
// relation a line with its first and last dates, the relation and the
// number of articles that support it, then those articles (see
// sourceLine), the first maxMergedSources of them.
func printMerged(w io.Writer, ent schema.Entity, merged []graph.MergedRelation, docs map[string]schema.Document, dir graph.Direction) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%s  %s\n", entityName(ent), ent.IRI)
	var out, in []graph.MergedRelation
	for _, m := range merged {
		if m.Subject.IRI == ent.IRI {
			out = append(out, m)
		}
		if m.Object.IRI == ent.IRI && m.Subject.IRI != ent.IRI {
			in = append(in, m)
		}
	}
	span := func(m graph.MergedRelation) string {
		switch {
		case m.First == "" && m.Last == "":
			return "undated"
		case m.First == m.Last:
			return m.First
		}
		return m.First + " … " + m.Last
	}
	group := func(title string, ms []graph.MergedRelation, rel func(graph.MergedRelation) string) {
		listing(&b, title, ms, span, func(m graph.MergedRelation, indent string) {
			fmt.Fprintf(&b, "%s   [%d %s, %d %s]\n", rel(m),
				m.Sources, plural(m.Sources, "source", "sources"), m.Statements, plural(m.Statements, "statement", "statements"))
			shown := m.Documents
			if len(shown) > maxMergedSources {
				shown = shown[:maxMergedSources]
			}
			for _, d := range shown {
				fmt.Fprintf(&b, "%s%s\n", indent, sourceLine(d, docs[d]))
			}
			if more := len(m.Documents) - len(shown); more > 0 {
				fmt.Fprintf(&b, "%sand %d more\n", indent, more)
			}
		})
	}
	if dir != graph.In {
		group("Outgoing", out, func(m graph.MergedRelation) string {
			return predicateLabel(m.Predicate, m.Negated, m.Modality) + " → " + entityName(m.Object)
		})
	}
	if dir != graph.Out {
		group("Incoming", in, func(m graph.MergedRelation) string {
			return entityName(m.Subject) + " " + predicateLabel(m.Predicate, m.Negated, m.Modality) + " → " + entityName(ent)
		})
	}
	_, err := io.WriteString(w, b.String())
	return err
}
