package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/internal/quadtest"
	names "github.com/geokg/geokg/internal/resolve"
	"github.com/geokg/geokg/schema"
)

// exampleStore is an in-memory store holding one small article.
func exampleStore() *graph.Store {
	ctx := context.Background()
	st, err := graph.Open(ctx, "", graph.WithBackend(graph.Memstore))
	if err != nil {
		log.Fatal(err)
	}
	doc := schema.Document{ID: "doc:tirana_cuts_ties", Title: "Albania cuts ties with Iran", Published: "2022-09-07"}
	albania := schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"}
	iran := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRN"}
	stmts := []schema.Statement{{
		Subject: albania, Predicate: "severed_ties_with", Object: iran, Date: "2022-09-07", CAMEO: "161",
		Confidence: 0.9, Evidence: "Albania cut diplomatic ties with Iran.", Span: [2]int{0, 38}, Doc: doc.ID,
	}}
	if _, err := st.WriteDocument(ctx, doc, quadtest.Quads(doc, stmts)); err != nil {
		log.Fatal(err)
	}
	return st
}

func ExampleNew() {
	st := exampleStore()
	defer st.Close()
	// Names resolve as geokg serve resolves them: the gazetteer (which
	// knows Tirana stands for Albania), then the store.
	res, err := names.New(st, nil)
	if err != nil {
		log.Fatal(err)
	}
	srv, err := server.New(st, server.WithQueryTimeout(10*time.Second), server.WithResolver(res))
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	// Cayley's API: a Gizmo query.
	resp, err := http.Post(ts.URL+"/api/v2/query?lang=gizmo", "text/plain",
		strings.NewReader(`g.V("<ent:albania>").Out("<rel:severed_ties_with>").All()`))
	if err != nil {
		log.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Print(string(b))

	// geokg's read API: Albania's relations, by any of its names.
	resp, err = http.Get(ts.URL + "/api/geokg/v1/entities/Tirana/relations")
	if err != nil {
		log.Fatal(err)
	}
	var rel server.RelationsResponse
	json.NewDecoder(resp.Body).Decode(&rel)
	resp.Body.Close()
	for _, s := range rel.Relations {
		fmt.Println(s.Date, s.Subject.Name, s.Predicate, s.Object.Name, rel.Documents[s.Doc].Headline)
	}

	// Writes are off unless WithWrites gives a token.
	resp, err = http.Post(ts.URL+"/api/v2/write", "application/n-quads", strings.NewReader("<a> <b> <c> .\n"))
	if err != nil {
		log.Fatal(err)
	}
	resp.Body.Close()
	fmt.Println(resp.StatusCode)
	// Output:
	// {"result":[{"id":"<ent:iran>"}]}
	// 2022-09-07 Albania severed_ties_with Iran Albania cuts ties with Iran
	// 403
}

func ExampleServer_Serve() {
	st := exampleStore()
	defer st.Close()
	srv, err := server.New(st)
	if err != nil {
		log.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, ln) }()

	resp, err := http.Get("http://" + ln.Addr().String() + "/health")
	if err != nil {
		log.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Print(string(b))

	stop() // as SIGINT does for `geokg serve`
	fmt.Println(<-done)
	// Output:
	// {"status":"ok","read_only":true}
	// <nil>
}
