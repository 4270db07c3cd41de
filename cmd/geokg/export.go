package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/export"
)

type exportOptions struct {
	streams
	Store      storeOptions
	Format     export.Format
	File       string   // --out: a file, a directory (csv) or "" for standard output
	Entity     string   // --entity NAME, resolved as relations does
	Depth      int      // --depth
	Since      string   // --since
	Until      string   // --until
	Predicates []string // --predicate, repeatable
	MinSources int      // --min-sources
	YEd        bool     // --yed
	Progress   bool     // a live progress line on standard error (a terminal)
}

func newExportCmd(g *rootOptions, runF func(context.Context, *exportOptions) error) *cobra.Command {
	opts := &exportOptions{streams: g.streams}
	var format string
	names := make([]string, 0, len(export.Formats()))
	for _, f := range export.Formats() {
		names = append(names, string(f))
	}
	cmd := &cobra.Command{
		Use:   "export [flags]",
		Short: "Write the graph for Gephi, Cytoscape, yEd, Graphviz, Kumu or RDF tools",
		Long: `Export writes the graph, or the neighbourhood of one entity, in a format
that visualisation and analysis tools open:

  graphml    GraphML with typed keys: Gephi, Cytoscape, yEd (--yed adds
             yFiles labels), networkx, igraph
  gexf       GEXF 1.3, dynamic: Gephi, whose timeline plays the graph over
             the dates of its statements
  dot        Graphviz DOT: dot, neato, xdot
  cytoscape  Cytoscape.js JSON: cytoscape.js, Cytoscape desktop (.cyjs)
  csv        nodes.csv and edges.csv, into the directory --out names or into
             a zip when it ends in .zip: Kumu, Flourish, spreadsheets
  nquads     every quad of the store as N-Quads: any RDF tool, cayley load
  jsonld     every quad of the store as JSON-LD, one named graph per article
  svg, png   a picture drawn by Graphviz's dot (Debian package graphviz)

The graph formats share one projection: nodes are entities (id = IRI,
label, kind, ISO3, CAMEO, degree); edges are relations aggregated over the
statements that report them, one per subject, predicate and object, with
family, CAMEO code, first and last date, since and until, number of
sources (distinct articles) and weight (statements). Negated statements
make no edge.

--entity NAME keeps the entities within --depth hops of it (default 1)
and the edges between them; NAME is any name geokg knows, as for geokg
relations. --since and --until keep statements whose time overlaps the
interval (ISO 8601, partial allowed); --predicate keeps only the given
predicates (repeatable); --min-sources N keeps edges that N or more
articles report. These apply to the graph formats, not to nquads and
jsonld, which write the raw quads.

Output goes to standard output, or to the file --out names; png and csv
need --out. On a terminal, standard error shows progress.`,
		Example: `  geokg export --format gexf --out news.gexf
  geokg export --format graphml --yed --out news.graphml
  geokg export --format png --entity Iran --depth 2 --out iran.png
  geokg export --format csv --since 2022 --min-sources 2 --out kumu.zip
  geokg export --format dot --predicate hosts --predicate based_in | dot -Tsvg > hosts.svg
  geokg export --format nquads | gzip > geokg.nq.gz`,
		Args: positional(0, 0, "no arguments"),
		RunE: func(cmd *cobra.Command, args []string) error {
			f, err := export.ParseFormat(format)
			if err != nil {
				return usageErrorf("--format: %v", err)
			}
			opts.Format = f
			opts.Store = g.store()
			opts.Progress = isTerminal(opts.Err)
			if err := opts.check(cmd); err != nil {
				return err
			}
			if runF != nil {
				return runF(cmd.Context(), opts)
			}
			return runExport(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&format, "format", "f", string(export.GraphML), "output `FORMAT`: "+strings.Join(names, ", "))
	f.StringVarP(&opts.File, "out", "o", "", "write to `FILE` (a directory or a .zip for csv) instead of standard output")
	f.StringVarP(&opts.Entity, "entity", "e", "", "keep only the neighbourhood of the entity `NAME`")
	f.IntVar(&opts.Depth, "depth", 0, "hops around --entity to keep (default 1)")
	f.StringVar(&opts.Since, "since", "", "keep statements at or after `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringVar(&opts.Until, "until", "", "keep statements at or before `DATE` (YYYY, YYYY-MM or YYYY-MM-DD)")
	f.StringArrayVarP(&opts.Predicates, "predicate", "p", nil, "keep only relations with `PREDICATE` (repeatable)")
	f.IntVar(&opts.MinSources, "min-sources", 0, "keep relations that at least `N` articles report")
	f.BoolVar(&opts.YEd, "yed", false, "graphml: add yFiles labels and colours for yEd")
	return cmd
}

// check reports flag combinations that cannot work as usage errors.
func (o *exportOptions) check(cmd *cobra.Command) error {
	if o.Format.Raw() {
		for _, name := range []string{"entity", "depth", "since", "until", "predicate", "min-sources"} {
			if cmd.Flags().Changed(name) {
				return usageErrorf("--%s: %s writes every quad of the store; filters apply to the graph formats (graphml, gexf, dot, cytoscape, csv, svg, png)", name, o.Format)
			}
		}
	}
	if cmd.Flags().Changed("depth") && o.Entity == "" {
		return usageErrorf("--depth needs --entity: the depth counts hops around that entity")
	}
	if o.Depth < 0 || (cmd.Flags().Changed("depth") && o.Depth == 0) {
		return usageErrorf("--depth %d: give 1 or more hops", o.Depth)
	}
	if o.MinSources < 0 {
		return usageErrorf("--min-sources %d: give 0 or more", o.MinSources)
	}
	if err := checkPredicates(o.Predicates); err != nil {
		return err
	}
	if o.YEd && o.Format != export.GraphML {
		return usageErrorf("--yed applies to --format graphml, not %s", o.Format)
	}
	if o.File == "" && (o.Format == export.PNG || o.Format == export.CSV) {
		return usageErrorf("--format %s needs --out: %s", o.Format, map[export.Format]string{
			export.PNG: "name the picture's file (graph.png)",
			export.CSV: "name a directory for nodes.csv and edges.csv, or a file ending in .zip",
		}[o.Format])
	}
	return nil
}

func runExport(ctx context.Context, opts *exportOptions) (err error) {
	start := time.Now()
	st, err := openStore(ctx, opts.Store, true)
	if err != nil {
		return err
	}
	defer closeStore(st, &err)

	prog := &exportProgress{w: opts.Err, live: opts.Progress}
	defer prog.clear()
	o := export.Options{
		Since:      opts.Since,
		Until:      opts.Until,
		Predicates: opts.Predicates,
		MinSources: opts.MinSources,
		Depth:      opts.Depth,
		YEd:        opts.YEd,
		Progress:   prog.show,
	}
	if opts.Entity != "" {
		r, err := newResolver(st)
		if err != nil {
			return err
		}
		ent, err := r.resolve(ctx, opts.Entity)
		if err != nil {
			return err
		}
		o.Entity = ent.IRI
	}

	if opts.Format.Raw() {
		err := writeOut(opts, func(w io.Writer) error {
			if opts.Format == export.NQuads {
				return export.WriteNQuads(ctx, w, st, prog.show)
			}
			return export.WriteJSONLD(ctx, w, st, prog.show)
		})
		if err != nil {
			return err
		}
		prog.clear()
		if opts.File != "" {
			fmt.Fprintf(opts.Err, "export: %d quads as %s to %s in %s\n", prog.last.Done, opts.Format, opts.File, time.Since(start).Round(time.Millisecond))
		}
		return nil
	}

	if opts.Format == export.SVG || opts.Format == export.PNG {
		// Say Graphviz is missing before reading the whole store.
		if _, err := export.Graphviz(); err != nil {
			return err
		}
	}
	g, err := export.Project(ctx, st, o)
	switch {
	case errors.Is(err, graph.ErrBadDate):
		return &usageError{err: fmt.Errorf("--since/--until: %w", err)}
	case err != nil:
		return err
	}
	prog.clear()
	switch {
	case opts.Format == export.CSV && !strings.HasSuffix(strings.ToLower(opts.File), ".zip"):
		if err := export.WriteCSVDir(opts.File, g); err != nil {
			return err
		}
	default:
		err := writeOut(opts, func(w io.Writer) error {
			switch opts.Format {
			case export.GraphML:
				return export.WriteGraphML(w, g, opts.YEd)
			case export.GEXF:
				return export.WriteGEXF(w, g)
			case export.DOT:
				return export.WriteDOT(w, g)
			case export.Cytoscape:
				return export.WriteCytoscape(w, g)
			case export.CSV:
				return export.WriteCSVZip(w, g)
			}
			return export.Render(ctx, w, g, opts.Format)
		})
		if err != nil {
			return err
		}
	}
	if opts.File != "" {
		fmt.Fprintf(opts.Err, "export: %d entities, %d relations as %s to %s in %s\n",
			len(g.Nodes), len(g.Edges), opts.Format, opts.File, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// writeOut runs write on standard output, or on the file --out names. The
// file is written beside its final name and renamed into place only when
// write succeeds, so a failed export leaves no half-written file.
func writeOut(opts *exportOptions, write func(io.Writer) error) error {
	return writeFileOr(opts.Out, opts.File, write)
}

// writeFileOr runs write on out when file is "" or "-", else on a
// temporary file beside file, renamed to it when write succeeds.
func writeFileOr(out io.Writer, file string, write func(io.Writer) error) (err error) {
	if file == "" || file == "-" { // "-": standard output, as elsewhere
		return write(out)
	}
	dir := filepath.Dir(file)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(file)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := write(tmp); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	if err := os.Rename(tmp.Name(), file); err != nil {
		return fmt.Errorf("write %s: %w", file, err)
	}
	return nil
}

// exportProgress rewrites one line on a terminal with what has been read.
type exportProgress struct {
	w     io.Writer
	live  bool
	shown bool
	last  export.Progress
}

func (p *exportProgress) show(pr export.Progress) {
	p.last = pr
	if !p.live {
		return
	}
	fmt.Fprintf(p.w, "\r\x1b[Kexport: %d %s read", pr.Done, pr.Stage)
	p.shown = true
}

func (p *exportProgress) clear() {
	if p.live && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.shown = false
	}
}
