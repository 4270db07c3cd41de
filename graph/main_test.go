package graph_test

import (
	"os"
	"sync"
	"testing"

	"github.com/geokg/geokg/graph/pgtest"
)

// The throwaway PostgreSQL server the postgres backend's tests use,
// started by the first test that asks for a database: initdb takes
// seconds, and the helper processes the lock tests start (this test binary
// again) need none.
var (
	cluster     *pgtest.Cluster
	clusterOnce sync.Once
)

// newPostgresDB returns the URL of a new empty database in the test
// cluster, starting it first if need be; NewDB skips (or under CI fails)
// the test when the cluster could not start.
func newPostgresDB(t testing.TB) string {
	t.Helper()
	clusterOnce.Do(func() { cluster = pgtest.Start() })
	return cluster.NewDB(t)
}

func TestMain(m *testing.M) {
	code := m.Run()
	if cluster != nil {
		cluster.Stop()
	}
	os.Exit(code)
}
