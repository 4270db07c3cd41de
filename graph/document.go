package graph

import (
	"context"
	"errors"
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
	return s.document(ctx, iri)
}

// Documents returns what the store knows of each distinct document of
// iris, as Document does, by IRI, reading each once under one read lock.
// A document the store does not hold as a news article maps to a Document
// holding only its ID; an empty IRI is skipped.
func (s *Store) Documents(ctx context.Context, iris []string) (_ map[string]schema.Document, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return nil, fmt.Errorf("documents: %w", err)
	}
	defer unlock()
	defer s.guard(&err)
	out := make(map[string]schema.Document)
	for _, iri := range iris {
		if _, done := out[iri]; done || iri == "" {
			continue
		}
		d, err := s.document(ctx, iri)
		switch {
		case errors.Is(err, ErrNotFound):
			d = schema.Document{ID: iri}
		case err != nil:
			return nil, fmt.Errorf("documents: %w", err)
		}
		out[iri] = d
	}
	return out, nil
}

// document reads the document iri; the caller holds the read lock.
func (s *Store) document(ctx context.Context, iri string) (schema.Document, error) {
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

// Source is a document as readers of a relation see it: where the
// relation was read. Its JSON is what the CLI and the read API print
// beside statements.
type Source struct {
	IRI       string `json:"iri"`
	URL       string `json:"url"`
	Headline  string `json:"headline"`
	Published string `json:"published"`
}

// SourceOf returns the Source of a document.
func SourceOf(d schema.Document) Source {
	return Source{IRI: d.ID, URL: d.URL, Headline: d.Title, Published: d.Published}
}
