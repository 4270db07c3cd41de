package server_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/geokg/geokg/graph/server"
)

// TestStoreResolverIRI checks that a server given no resolver finds an
// entity by its IRI as well as by its name, and says 404 for one the store
// lacks.
func TestStoreResolverIRI(t *testing.T) {
	srv, err := server.New(newStore(t))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	for path, code := range map[string]int{
		"/api/geokg/v1/entities/ent:albania/relations":     http.StatusOK,
		"/api/geokg/v1/entities/%3Cent:albania%3E":         http.StatusOK,
		"/api/geokg/v1/entities/Albania/relations":         http.StatusOK,
		"/api/geokg/v1/entities/ent:nowhereland/relations": http.StatusNotFound,
	} {
		do(t, http.MethodGet, ts.URL+path, nil).want(t, code)
	}
}
