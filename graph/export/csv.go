package export

import (
	"archive/zip"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// The names of the two CSV files.
const (
	NodesCSV = "nodes.csv"
	EdgesCSV = "edges.csv"
)

// WriteCSV writes g's nodes to nodes and its edges to edges as CSV with a
// header row, in the layout Kumu imports as it is (ID first, then Label
// and Type for elements, From and To for connections) and Flourish and
// spreadsheets read:
//
//	nodes.csv: ID, Label, Type (the kind), ISO3, CAMEO, Degree
//	edges.csv: ID, From, To, Type (the predicate), Label, Family, CAMEO,
//	           First, Last, Since, Until, Sources, Weight, Evidence,
//	           Documents, URLs, Headlines (see Graph.sourceFields)
func WriteCSV(nodes, edges io.Writer, g *Graph) error {
	nw := csv.NewWriter(nodes)
	if err := nw.Write([]string{"ID", "Label", "Type", "ISO3", "CAMEO", "Degree"}); err != nil {
		return fmt.Errorf("%s: %w", NodesCSV, err)
	}
	for _, n := range g.Nodes {
		if err := nw.Write([]string{n.ID, n.Label, string(n.Kind), n.ISO3, n.CAMEO, itoa(n.Degree)}); err != nil {
			return fmt.Errorf("%s: %w", NodesCSV, err)
		}
	}
	if nw.Flush(); nw.Error() != nil {
		return fmt.Errorf("%s: %w", NodesCSV, nw.Error())
	}
	ew := csv.NewWriter(edges)
	if err := ew.Write([]string{"ID", "From", "To", "Type", "Label", "Family", "CAMEO", "First", "Last", "Since", "Until", "Sources", "Weight",
		"Evidence", "Documents", "URLs", "Headlines"}); err != nil {
		return fmt.Errorf("%s: %w", EdgesCSV, err)
	}
	for _, e := range g.Edges {
		docs, urls, headlines := g.sourceFields(e)
		row := []string{e.ID, e.Source, e.Target, e.Predicate, e.Label(), string(e.Family), e.CAMEO,
			e.First, e.Last, e.Since, e.Until, itoa(e.Sources), itoa(e.Weight), e.Evidence, docs, urls, headlines}
		if err := ew.Write(row); err != nil {
			return fmt.Errorf("%s: %w", EdgesCSV, err)
		}
	}
	if ew.Flush(); ew.Error() != nil {
		return fmt.Errorf("%s: %w", EdgesCSV, ew.Error())
	}
	return nil
}

// WriteCSVZip writes nodes.csv and edges.csv into a zip archive on w.
func WriteCSVZip(w io.Writer, g *Graph) error {
	z := zip.NewWriter(w)
	nodes, err := z.Create(NodesCSV)
	if err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	// zip writes entries one after the other: the edges' entry can only
	// be opened once the nodes' is written, so WriteCSV gets a writer that
	// opens it on first use.
	edges := &lazyEntry{open: func() (io.Writer, error) { return z.Create(EdgesCSV) }}
	if err := WriteCSV(nodes, edges, g); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	if edges.w == nil { // WriteCSV always writes a header, but be safe
		if _, err := edges.Write(nil); err != nil {
			return fmt.Errorf("zip: %w", err)
		}
	}
	if err := z.Close(); err != nil {
		return fmt.Errorf("zip: %w", err)
	}
	return nil
}

type lazyEntry struct {
	open func() (io.Writer, error)
	w    io.Writer
}

func (l *lazyEntry) Write(p []byte) (int, error) {
	if l.w == nil {
		w, err := l.open()
		if err != nil {
			return 0, err
		}
		l.w = w
	}
	return l.w.Write(p)
}

// WriteCSVDir writes nodes.csv and edges.csv into the directory dir,
// creating it when needed.
func WriteCSVDir(dir string, g *Graph) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	create := func(name string) (*os.File, error) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return nil, fmt.Errorf("csv: %w", err)
		}
		return f, nil
	}
	nodes, err := create(NodesCSV)
	if err != nil {
		return err
	}
	defer closeFile(nodes, &err)
	edges, err := create(EdgesCSV)
	if err != nil {
		return err
	}
	defer closeFile(edges, &err)
	if err := WriteCSV(nodes, edges, g); err != nil {
		return fmt.Errorf("csv %s: %w", dir, err)
	}
	return nil
}

func closeFile(f *os.File, err *error) {
	if cerr := f.Close(); cerr != nil && *err == nil {
		*err = fmt.Errorf("csv: %w", cerr)
	}
}
