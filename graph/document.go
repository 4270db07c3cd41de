package graph

import (
	"context"
	"fmt"

	"github.com/geokg/geokg/schema"
)

// Document returns what the store knows of the document iri ("doc:…"):
// its IRI, URL, headline and publication date. Text and Source are empty:
// the store keeps the statements of an article, not its text. It fails
// with ErrNotFound when the store holds no news article of that IRI.
func (s *Store) Document(ctx context.Context, iri string) (_ schema.Document, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return schema.Document{}, fmt.Errorf("document %s: %w", iri, err)
	}
	defer unlock()
	defer s.guard(&err)

	v := iriOf(iri)
	props, err := s.props(ctx, v)
	if err != nil {
		return schema.Document{}, fmt.Errorf("document %s: %w", iri, err)
	}
	article := false
	for _, t := range props[schema.RDFType] {
		article = article || schema.ValueString(t) == schema.ArticleType
	}
	if !article {
		return schema.Document{}, fmt.Errorf("document %s: %w", iri, ErrNotFound)
	}
	first := func(p string) string {
		if vs := props[p]; len(vs) > 0 {
			return schema.ValueString(vs[0])
		}
		return ""
	}
	return schema.Document{
		ID:        string(v),
		URL:       first(schema.URL),
		Title:     first(schema.Headline),
		Published: first(schema.DatePublished),
	}, nil
}
