// Package ingest stores articles in a graph store, the way from an input
// to the graph: it reads articles (extract/source), checks whether the
// store holds each already with the same content (the resume check),
// extracts its statements and writes it in one transaction. geokg ingest
// runs it on a pool of workers (Run, with Ingester.Article as each
// article's work); the server's ingest endpoint runs it on the articles
// of one request, in order (Server, which WithIngest takes).
//
// What is here: Ingester (New, Extractor, Article, ReadJSONL), the
// Extractor and Store it works with, Result and Status (what became of
// one article), Error (why one failed, and at which Step), Run (the
// reader and workers), and Server (an Ingester as the server's ingest
// endpoint wants it).
package ingest
