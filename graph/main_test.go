package graph_test

import (
	"os"
	"testing"

	"github.com/geokg/geokg/graph/pgtest"
)

// cluster is the throwaway PostgreSQL server the postgres backend's tests
// use; NewDB skips (or under CI fails) a test when it could not start.
var cluster *pgtest.Cluster

func TestMain(m *testing.M) {
	cluster = pgtest.Start()
	code := m.Run()
	cluster.Stop()
	os.Exit(code)
}
