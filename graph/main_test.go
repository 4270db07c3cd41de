package graph_test

import (
	"os"
	"testing"

	"github.com/geokg/geokg/graph/pgtest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	pgtest.StopShared()
	os.Exit(code)
}
