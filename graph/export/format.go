package export

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/graph"
)

// Format is an output format.
type Format string

// The formats Write knows.
const (
	GraphML   Format = "graphml"   // GraphML with typed keys: Gephi, Cytoscape, yEd, networkx
	GEXF      Format = "gexf"      // GEXF 1.3, dynamic: Gephi's timeline
	DOT       Format = "dot"       // Graphviz
	Cytoscape Format = "cytoscape" // Cytoscape.js JSON: cytoscape.js, Cytoscape desktop
	CSV       Format = "csv"       // nodes.csv and edges.csv (a zip through Write): Kumu, Flourish, spreadsheets
	NQuads    Format = "nquads"    // every quad of the store, N-Quads
	JSONLD    Format = "jsonld"    // every quad of the store, JSON-LD
	SVG       Format = "svg"       // a picture drawn by Graphviz's dot
	PNG       Format = "png"       // a picture drawn by Graphviz's dot
)

// Formats lists every format, in the order help texts show them.
func Formats() []Format {
	return []Format{GraphML, GEXF, DOT, Cytoscape, CSV, NQuads, JSONLD, SVG, PNG}
}

// ParseFormat returns the format called name (case-insensitive; "cyjs" and
// "json" name Cytoscape, "nq" NQuads, "json-ld" JSONLD). It fails with
// ErrUnknownFormat.
func ParseFormat(name string) (Format, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	switch n {
	case "cyjs", "json":
		return Cytoscape, nil
	case "nq":
		return NQuads, nil
	case "json-ld":
		return JSONLD, nil
	}
	for _, f := range Formats() {
		if string(f) == n {
			return f, nil
		}
	}
	names := make([]string, 0, len(Formats()))
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("%w %q (choose one of %s)", ErrUnknownFormat, name, strings.Join(names, ", "))
}

// Raw reports whether the format writes the store's quads rather than the
// entity graph; Options do not apply to it.
func (f Format) Raw() bool { return f == NQuads || f == JSONLD }

// Binary reports whether the format's output is not text.
func (f Format) Binary() bool { return f == PNG || f == CSV }

// MediaType returns the MIME type of what Write writes in the format.
func (f Format) MediaType() string {
	switch f {
	case GraphML:
		return "application/graphml+xml"
	case GEXF:
		return "application/gexf+xml"
	case DOT:
		return "text/vnd.graphviz"
	case Cytoscape:
		return "application/json"
	case CSV:
		return "application/zip"
	case NQuads:
		return "application/n-quads"
	case JSONLD:
		return "application/ld+json"
	case SVG:
		return "image/svg+xml"
	case PNG:
		return "image/png"
	}
	return "application/octet-stream"
}

// Ext returns the usual file name extension of what Write writes in the
// format, with its dot.
func (f Format) Ext() string {
	switch f {
	case Cytoscape:
		return ".cyjs"
	case CSV:
		return ".zip"
	case NQuads:
		return ".nq"
	}
	return "." + string(f)
}

// Write writes the graph of st to w in format f: for the graph formats the
// projection o selects, with CSV as a zip of nodes.csv and edges.csv; for
// NQuads and JSONLD every quad of the store (o must then be the zero
// Options but for Progress). SVG and PNG need Graphviz's dot program and
// fail with ErrNoGraphviz without it.
func Write(ctx context.Context, w io.Writer, st *graph.Store, f Format, o Options) error {
	if f.Raw() {
		if o.filtered() {
			return fmt.Errorf("export %s: %w: %s writes every quad of the store; entity, depth, date, predicate and source filters apply to the graph formats", f, ErrBadOption, f)
		}
		if f == NQuads {
			return WriteNQuads(ctx, w, st, o.Progress)
		}
		return WriteJSONLD(ctx, w, st, o.Progress)
	}
	if _, err := ParseFormat(string(f)); err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if f == SVG || f == PNG {
		if _, err := Graphviz(); err != nil {
			return fmt.Errorf("export %s: %w", f, err) // before the projection's work
		}
	}
	g, err := Project(ctx, st, o)
	if err != nil {
		return fmt.Errorf("export %s: %w", f, err)
	}
	switch f {
	case GraphML:
		err = WriteGraphML(w, g, o.YEd)
	case GEXF:
		err = WriteGEXF(w, g)
	case DOT:
		err = WriteDOT(w, g)
	case Cytoscape:
		err = WriteCytoscape(w, g)
	case CSV:
		err = WriteCSVZip(w, g)
	case SVG, PNG:
		err = Render(ctx, w, g, f)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", f, err)
	}
	return nil
}
