//go:build integration

package graph_test

import (
	"fmt"
	"testing"

	"github.com/geokg/geokg/internal/quadtest"
	"github.com/geokg/geokg/schema"
)

// The hub test asks every backend for some 150 × 5 statements per entity
// under every filter, which takes longer than the rest of the package's
// tests together: it runs with the integration tests
// (go test -tags integration).

// TestRelationsHubMatchReference does what TestRelationsMatchReference does for the entities of 150
// articles on Albania and Iran: hubs of some 750 statements, which
// Relations reads in parts on several goroutines when there are CPUs for
// them.
func TestRelationsHubMatchReference(t *testing.T) {
	var articles []article
	for i := range 150 {
		doc := schema.Document{ID: fmt.Sprintf("doc:hub_%03d", i), Published: fmt.Sprintf("20%02d-09-07", 10+i%15)}
		stmts := tiesStatements()
		for j := range stmts {
			stmts[j].Doc = doc.ID
			stmts[j].Span[0] += i
			if stmts[j].Date != "" {
				stmts[j].Date = doc.Published
			}
		}
		articles = append(articles, article{doc, quadtest.DocumentQuads(doc, stmts)})
	}
	for _, b := range referenceStores {
		t.Run(b.name, func(t *testing.T) {
			if n := matchReference(t, b.open(t), articles, "ent:iran", "ent:albania", "ent:mek"); n < 750 {
				t.Errorf("compared %d statements, want at least 750", n)
			}
		})
	}
}
