package graph

import (
	"context"
	"fmt"

	"github.com/geokg/geokg/schema"
)

// Document returns what the store knows of the document iri ("doc:…"):
// its IRI, URL, headline and publication date. Text and Source are empty:
// the store keeps the statements of an article, not its text. It fails
// with ErrNotFound when the store holds no news article of that IRI. On
// bolt and memstore the documents read are kept until the next write.
func (s *Store) Document(ctx context.Context, iri string) (_ schema.Document, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return schema.Document{}, fmt.Errorf("document %s: %w", iri, err)
	}
	defer unlock()
	defer s.guard(&err)

	v := iriOf(iri)
	gen := s.gen.Load()
	if s.pg == nil && s.kept() == nil {
		if d, ok := s.docs.get(gen, string(v)); ok {
			return d, nil
		}
	}
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
	d := schema.Document{
		ID:        string(v),
		URL:       first(schema.URL),
		Title:     first(schema.Headline),
		Published: first(schema.DatePublished),
	}
	if s.pg == nil {
		s.docs.put(gen, string(v), d, 1)
	}
	return d, nil
}
