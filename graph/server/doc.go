// Package server serves a geokg graph over HTTP.
//
// New returns one http.Handler that mounts, beside each other:
//
//   - Cayley's HTTP API v2: /api/v2/query (Gizmo, GraphQL, MQL), /api/v2/read,
//     /api/v2/formats, and /api/v2/write and /api/v2/delete when writes are
//     enabled, with the request and response shapes of upstream Cayley
//     (read and formats are Cayley's own handlers; query, write and delete
//     are ours, for the deadline, the status codes and atomic writes);
//   - the v1 endpoints Cayley's web UI and older clients call:
//     /api/v1/query/{lang}, /api/v1/shape/{lang} (the nodes and links of a
//     query's shape, which upstream Cayley leaves unimplemented), and
//     /api/v1/write and /api/v1/delete when writes are enabled;
//   - Cayley's web UI at /, rewritten as it is served so that it talks to
//     this server wherever it listens;
//   - geokg's read API under /api/geokg/v1 (entities, an entity's relations
//     as statement JSON, paths, stats), an entity named as a person types
//     it (a Resolver, WithResolver: internal/resolve's asks the gazetteer,
//     then the store), and, when writes are enabled and WithIngest gives it
//     an Ingester (internal/ingest's Server), /api/geokg/v1/ingest, which
//     extracts and stores articles (Client posts to it), all described by an OpenAPI
//     3 document at /api/geokg/v1/openapi.json, and /health;
//   - Gephi's graph-streaming endpoint /gephi/gs, streaming the entity graph.
//
// The defaults are safe: the server is read-only unless WithWrites gives it
// a bearer token, request bodies are capped (DefaultMaxBody), every query
// has a deadline (DefaultQueryTimeout) that stops even a runaway Gizmo
// script, at most DefaultMaxConcurrent queries and lookups run at once, no
// CORS header is sent unless WithCORS names origins, Gizmo scripts run in
// a sandbox that reaches no file, network or process, an optional
// per-client rate limit (WithRateLimit) answers 429, and errors
// are JSON objects {"error": "…"} with a fitting status code that never carry
// a file path or a stack trace. Serve runs the handler on a listener with
// read, write and idle timeouts and shuts it down gracefully.
//
// The server reads the graph through the small Store interface, which
// *graph.Store satisfies. It imports no extract package: names and
// articles reach it through the Resolver and Ingester it is given.
// Queries run in package sandbox (graph/sandbox), as geokg query runs
// them: the Gizmo sandbox, GraphQL's caps, the memory watchdog and the
// result cap are there; the server adds the work slots, the deadline and
// the HTTP answers (503 for a query the watchdog stopped, 400 for the
// query's own errors and results past the cap).
package server
