package graph

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"

	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// ContentHashProp is the property of a document node that holds
// ContentHash of the article as Ingest stored it, so that a later ingest can
// tell an article it already holds from one that changed without extracting
// it again. It is geokg's bookkeeping, not part of the article's facts; its
// IRI is schema's.
const ContentHashProp = schema.ContentHash

// ContentHash returns a hash of what an ingest reads of doc: its IRI, URL,
// title, publication date and text.
func ContentHash(doc schema.Document) string {
	h := sha256.New()
	for _, f := range []string{doc.ID, doc.URL, doc.Title, doc.Published, doc.Text} {
		fmt.Fprintf(h, "%d:%s\x00", len(f), f)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// DocumentStatus says whether the store holds an article as it is now.
type DocumentStatus int

// Document statuses.
const (
	// DocumentMissing: the store holds no article of that IRI.
	DocumentMissing DocumentStatus = iota
	// DocumentCurrent: the store holds the article, ingested from the same
	// content (ContentHash).
	DocumentCurrent
	// DocumentChanged: the store holds an article of that IRI whose content
	// differs, or was written without a content hash (by WriteDocument).
	DocumentChanged
)

// String returns "missing", "current" or "changed".
func (d DocumentStatus) String() string {
	switch d {
	case DocumentMissing:
		return "missing"
	case DocumentCurrent:
		return "current"
	case DocumentChanged:
		return "changed"
	}
	return fmt.Sprintf("DocumentStatus(%d)", int(d))
}

// DocumentStatus tells whether the store holds doc (by its IRI, doc.ID) as
// Ingest would store it now. An ingest that resumes skips the articles that
// are DocumentCurrent without extracting them.
func (s *Store) DocumentStatus(ctx context.Context, doc schema.Document) (_ DocumentStatus, err error) {
	if doc.ID == "" {
		return DocumentMissing, fmt.Errorf("document status: %w", errNoID)
	}
	unlock, err := s.read(ctx)
	if err != nil {
		return DocumentMissing, fmt.Errorf("document status %s: %w", doc.ID, err)
	}
	defer unlock()
	defer s.guard(&err)
	props, err := s.props(ctx, iriOf(doc.ID))
	if err != nil {
		return DocumentMissing, fmt.Errorf("document status %s: %w", doc.ID, err)
	}
	article := false
	for _, t := range props[schema.RDFType] {
		article = article || schema.ValueString(t) == schema.ArticleType
	}
	if !article {
		return DocumentMissing, nil
	}
	want := ContentHash(doc)
	for _, h := range props[ContentHashProp] {
		if schema.ValueString(h) == want {
			return DocumentCurrent, nil
		}
	}
	return DocumentChanged, nil
}

// Ingest stores the statements found in doc: the quads schema.Quads gives,
// and the document's content hash (ContentHashProp), in one transaction, as
// WriteDocument does. Use it rather than WriteDocument when articles are
// ingested from a corpus that may be read again, so that DocumentStatus
// can tell which articles are already stored. An article with a statement
// whose predicate the vocabulary does not know is refused whole, with an
// error wrapping ErrUnknownPredicate, and the store is left as it was.
func (s *Store) Ingest(ctx context.Context, doc schema.Document, stmts []schema.Statement) (WriteResult, error) {
	if doc.ID == "" {
		return WriteResult{}, fmt.Errorf("ingest document: %w", errNoID)
	}
	quads, err := DocumentQuads(doc, stmts)
	if err != nil {
		return WriteResult{}, fmt.Errorf("ingest document: %w", err)
	}
	return s.WriteDocument(ctx, doc, quads)
}

// DocumentQuads returns the quads Ingest stores for doc and its
// statements: those of schema.Quads, then the document's content hash. Its
// errors are schema.Quads's.
func DocumentQuads(doc schema.Document, stmts []schema.Statement) ([]quad.Quad, error) {
	quads, err := schema.Quads(doc, stmts)
	if err != nil {
		return nil, err
	}
	d := quad.IRI(doc.ID)
	return append(quads, quad.Quad{Subject: d, Predicate: quad.IRI(ContentHashProp), Object: quad.String(ContentHash(doc)), Label: d}), nil
}
