package export_test

import (
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/schema"
)

// mustQuads is schema.Quads for statements a test wrote, whose predicates
// are all in the vocabulary: an error is the test's own mistake.
func mustQuads(doc schema.Document, stmts []schema.Statement) []quad.Quad {
	qs, err := schema.Quads(doc, stmts)
	if err != nil {
		panic(err)
	}
	return qs
}
