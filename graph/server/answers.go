package server

import (
	"net/http"
	"sync"

	"github.com/geokg/geokg/graph"
)

// Answers kept per generation of the store.
//
// With fifty clients on two CPUs a request's CPU time is its latency:
// encoding a page of relations or the paths between two entities (with
// each hop's support, some 50 kB of JSON) costs more than reading what the
// store kept of them. The read API's answers (relations, path, stats, an
// entity) are kept, as the bytes sent, for as long as the store's
// generation (graph.Store.Generation) does not change: any write drops
// them all. A store that cannot say its generation (PostgreSQL, which
// other processes write) gets every answer computed afresh.

// generations is what the server asks of a store that can say when it
// changed; *graph.Store has it.
type generations interface {
	Generation() (uint64, bool)
}

var _ generations = (*graph.Store)(nil)

// Bounds of the answers kept: each at most maxAnswerBytes, all at most
// maxAnswersBytes (after which they are dropped and kept anew).
const (
	maxAnswerBytes  = 4 << 20
	maxAnswersBytes = 64 << 20
)

// answerCache holds the answers kept, by request, at one generation.
type answerCache struct {
	mu    sync.RWMutex
	gen   uint64
	m     map[string][]byte
	bytes int
}

func (c *answerCache) get(gen uint64, key string) []byte {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.gen != gen {
		return nil
	}
	return c.m[key]
}

func (c *answerCache) put(gen uint64, key string, b []byte) {
	if len(b) > maxAnswerBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.gen != gen || c.bytes+len(b) > maxAnswersBytes {
		c.gen, c.m, c.bytes = gen, make(map[string][]byte), 0
	}
	if _, ok := c.m[key]; !ok {
		c.m[key] = b
		c.bytes += len(key) + len(b)
	}
}

// kept serves h's answers from the answers kept, and keeps those it
// answers with 200, when the store says its generation and it did not
// change while h ran. The key is the path and the query, its parameters
// sorted, so that the same question asked in another order is the same.
func (s *Server) kept(h http.HandlerFunc) http.HandlerFunc {
	g, ok := s.store.(generations)
	if !ok {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) {
		gen, ok := g.Generation()
		if !ok || s.store.Damaged() != nil {
			h(w, r)
			return
		}
		key := r.URL.Path + "?" + r.URL.Query().Encode()
		if b := s.answers.get(gen, key); b != nil {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusOK)
			w.Write(b) // the client may be gone; nothing to do then
			return
		}
		rec := &answerRecorder{ResponseWriter: w}
		h(rec, r)
		if rec.code == http.StatusOK && len(rec.body) <= maxAnswerBytes {
			if now, _ := g.Generation(); now == gen {
				s.answers.put(gen, key, rec.body)
			}
		}
	}
}

// answerRecorder passes an answer on and keeps a copy of it, up to just
// over maxAnswerBytes.
type answerRecorder struct {
	http.ResponseWriter
	code int
	body []byte
}

func (a *answerRecorder) WriteHeader(code int) {
	if a.code == 0 {
		a.code = code
	}
	a.ResponseWriter.WriteHeader(code)
}

func (a *answerRecorder) Write(b []byte) (int, error) {
	if a.code == 0 {
		a.code = http.StatusOK
	}
	if len(a.body) <= maxAnswerBytes {
		a.body = append(a.body, b...)
	}
	return a.ResponseWriter.Write(b)
}
