package export

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
	"github.com/cayleygraph/quad/nquads"

	"github.com/geokg/geokg/graph"
)

// WriteNQuads writes every quad of st as N-Quads, through
// github.com/cayleygraph/quad/nquads, streaming: quads come in the
// batches graph.Store.EachQuadBatch reads (a document's quads together,
// sorted), one batch in memory at a time. progress, when set, is called
// with the number of quads written so far.
func WriteNQuads(ctx context.Context, w io.Writer, st *graph.Store, progress func(Progress)) error {
	nw := nquads.NewWriter(w)
	n := 0
	err := st.EachQuadBatch(ctx, func(_ string, qs []quad.Quad) error {
		if _, err := nw.WriteQuads(qs); err != nil {
			return fmt.Errorf("write n-quads: %w", err)
		}
		n += len(qs)
		if progress != nil {
			progress(Progress{Stage: "quads", Done: n})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export nquads: %w", err)
	}
	if err := nw.Close(); err != nil {
		return fmt.Errorf("export nquads: %w", err)
	}
	return nil
}

// WriteJSONLD writes every quad of st as one JSON-LD document, an array of
// named graphs, one per document (its IRI as @id, its quads as @graph),
// through github.com/cayleygraph/quad/jsonld. That writer builds its
// output from all the quads it is given, so WriteJSONLD gives it one batch
// at a time (see graph.Store.EachQuadBatch) and joins the arrays it
// returns: memory holds one batch. A document that comes in several
// batches appears as several graph objects with the same @id, which JSON-LD
// readers merge. progress, when set, is called with the number of quads
// written so far.
func WriteJSONLD(ctx context.Context, w io.Writer, st *graph.Store, progress func(Progress)) error {
	b := bufio.NewWriter(w)
	var buf bytes.Buffer
	n, objects := 0, 0
	if _, err := b.WriteString("["); err != nil {
		return fmt.Errorf("export jsonld: %w", err)
	}
	err := st.EachQuadBatch(ctx, func(doc string, qs []quad.Quad) error {
		buf.Reset()
		jw := jsonld.NewWriter(&buf)
		if _, err := jw.WriteQuads(qs); err != nil {
			return fmt.Errorf("write json-ld of %s: %w", doc, err)
		}
		if err := jw.Close(); err != nil {
			return fmt.Errorf("write json-ld of %s: %w", doc, err)
		}
		inner, err := arrayContent(buf.Bytes())
		if err != nil {
			return fmt.Errorf("write json-ld of %s: %w", doc, err)
		}
		if len(inner) > 0 {
			sep := "\n"
			if objects > 0 {
				sep = ",\n"
			}
			b.WriteString(sep)
			if _, err := b.Write(inner); err != nil {
				return fmt.Errorf("write json-ld of %s: %w", doc, err)
			}
			objects++
		}
		n += len(qs)
		if progress != nil {
			progress(Progress{Stage: "quads", Done: n})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("export jsonld: %w", err)
	}
	if _, err := b.WriteString("\n]\n"); err != nil {
		return fmt.Errorf("export jsonld: %w", err)
	}
	if err := b.Flush(); err != nil {
		return fmt.Errorf("export jsonld: %w", err)
	}
	return nil
}

// arrayContent returns what is between the brackets of the JSON array in
// b, trimmed.
func arrayContent(b []byte) ([]byte, error) {
	b = bytes.TrimSpace(b)
	if len(b) < 2 || b[0] != '[' || b[len(b)-1] != ']' {
		return nil, fmt.Errorf("json-ld writer gave no array: %.40q", b)
	}
	return bytes.TrimSpace(b[1 : len(b)-1]), nil
}
