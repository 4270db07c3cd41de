package server

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"runtime/debug"
	"strings"
	"sync/atomic"

	"github.com/geokg/geokg/graph"
)

// errorBody is every error the server sends: {"error": "…"}, with the
// closest known entities when a name is unknown.
type errorBody struct {
	Error       string             `json:"error"`
	Suggestions []graph.Suggestion `json:"suggestions,omitempty"`
}

// writeJSON writes v as JSON with the status code. IRIs such as
// "<ent:iran>" stay as they are rather than escaped.
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v) // the client may be gone; nothing to do then
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorBody{Error: msg})
}

// recoverPanics answers a panic in a handler with 500 and logs it with its
// stack; the client sees no trace.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.errorLog.Printf("panic serving %s %s: %v\n%s", r.Method, r.URL.Path, v, debug.Stack())
				writeError(w, http.StatusInternalServerError, "internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// securityHeaders sets the headers every answer carries.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// cors lets the configured origins call the API from a browser and
// answers their preflight requests. With no origin configured it does
// nothing, so browsers apply the same-origin policy.
func (s *Server) cors(next http.Handler) http.Handler {
	if len(s.cfg.corsOrigins) == 0 {
		return next
	}
	any := false
	allowed := make(map[string]bool)
	for _, o := range s.cfg.corsOrigins {
		any = any || o == "*"
		allowed[strings.TrimSuffix(o, "/")] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		ok := origin != "" && (any || allowed[origin])
		w.Header().Add("Vary", "Origin")
		if ok {
			w.Header().Set("Access-Control-Allow-Origin", origin)
		}
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			if !ok {
				writeError(w, http.StatusForbidden, fmt.Sprintf("origin %q may not call this server", origin))
				return
			}
			h := w.Header()
			h.Set("Access-Control-Allow-Methods", "GET, HEAD, POST")
			h.Set("Access-Control-Allow-Headers", "Accept, Authorization, Content-Type, Content-Encoding")
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// authorized reports whether r carries the bearer token. The tokens are
// compared as SHA-256 digests in constant time, so the comparison tells
// nothing of the token, not even its length.
func (s *Server) authorized(r *http.Request) bool {
	const prefix = "bearer "
	h := r.Header.Get("Authorization")
	if len(h) <= len(prefix) || !strings.EqualFold(h[:len(prefix)], prefix) {
		return false
	}
	sum := sha256.Sum256([]byte(strings.TrimSpace(h[len(prefix):])))
	return subtle.ConstantTimeCompare(sum[:], s.tokenSum[:]) == 1
}

// limitBody caps request bodies at the configured size. A body that
// announces a larger Content-Length is refused at once; one that turns out
// larger while a handler reads it makes the handler's answer, whatever it
// is, a 413.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ContentLength > s.cfg.maxBody {
			w.Header().Set("Connection", "close")
			writeError(w, http.StatusRequestEntityTooLarge, tooLarge(s.cfg.maxBody))
			return
		}
		if r.Body == nil || r.Body == http.NoBody {
			next.ServeHTTP(w, r)
			return
		}
		body := &limitedBody{ReadCloser: http.MaxBytesReader(w, r.Body, s.cfg.maxBody)}
		r.Body = body
		next.ServeHTTP(&limitWriter{ResponseWriter: w, body: body, max: s.cfg.maxBody}, r)
	})
}

func tooLarge(max int64) string {
	return fmt.Sprintf("request body too large: the limit is %d bytes", max)
}

// limitedBody notes when its reader hits the size limit.
type limitedBody struct {
	io.ReadCloser
	exceeded atomic.Bool
}

func (b *limitedBody) Read(p []byte) (int, error) {
	n, err := b.ReadCloser.Read(p)
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		b.exceeded.Store(true)
	}
	return n, err
}

// limitWriter turns the answer to a request whose body was too large into
// a 413, whatever status the handler chose.
type limitWriter struct {
	http.ResponseWriter
	body     *limitedBody
	max      int64
	wrote    bool
	replaced bool
}

func (w *limitWriter) WriteHeader(code int) {
	if w.wrote {
		return
	}
	w.wrote = true
	if w.body.exceeded.Load() {
		w.replaced = true
		w.ResponseWriter.Header().Del("Content-Encoding")
		writeError(w.ResponseWriter, http.StatusRequestEntityTooLarge, tooLarge(w.max))
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *limitWriter) Write(p []byte) (int, error) {
	if !w.wrote {
		w.WriteHeader(http.StatusOK)
	}
	if w.replaced {
		return len(p), nil
	}
	return w.ResponseWriter.Write(p)
}

func (w *limitWriter) Flush() {
	if !w.replaced {
		http.NewResponseController(w.ResponseWriter).Flush()
	}
}

func (w *limitWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
