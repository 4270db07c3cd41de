package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
)

// A client may make a request every 1000 seconds, in bursts of 2: the
// third request in a row gets 429 Too Many Requests and a Retry-After
// header.
func ExampleWithRateLimit() {
	st, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	srv, err := server.New(st, server.WithRateLimit(0.001, 2))
	if err != nil {
		fmt.Println(err)
		return
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	for range 3 {
		resp, err := http.Get(ts.URL + "/api/geokg/v1/openapi.json")
		if err != nil {
			fmt.Println(err)
			return
		}
		resp.Body.Close()
		fmt.Println(resp.Status, resp.Header.Get("Retry-After") != "")
	}
	// Output:
	// 200 OK false
	// 200 OK false
	// 429 Too Many Requests true
}
