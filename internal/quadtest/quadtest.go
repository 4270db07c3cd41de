// Package quadtest gives tests the quads of the statements they wrote:
// schema.Quads and graph.DocumentQuads without the error, which for
// statements a test wrote (every predicate in the vocabulary) is the
// test's own mistake, and panics.
package quadtest

import (
	"github.com/cayleygraph/quad"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Quads returns schema.Quads(doc, stmts), panicking on its error.
func Quads(doc schema.Document, stmts []schema.Statement) []quad.Quad {
	qs, err := schema.Quads(doc, stmts)
	if err != nil {
		panic(err)
	}
	return qs
}

// DocumentQuads returns graph.DocumentQuads(doc, stmts), panicking on its
// error.
func DocumentQuads(doc schema.Document, stmts []schema.Statement) []quad.Quad {
	qs, err := graph.DocumentQuads(doc, stmts)
	if err != nil {
		panic(err)
	}
	return qs
}
