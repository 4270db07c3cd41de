package server

import (
	"fmt"
	"net"
	"net/http"
	"strings"
)

// WithAllowedHosts lets requests name the server by these host names (or
// IP addresses) in their Host header, beside the address the request
// reached and the loopback names; a port, if given, is ignored. Name the
// host a reverse proxy or a DNS name reaches the server by.
func WithAllowedHosts(hosts ...string) Option {
	return func(c *config) { c.allowedHosts = append(c.allowedHosts, hosts...) }
}

// hostOnly is the host of a Host header value, lower-cased, without its
// port or the brackets of an IPv6 address.
func hostOnly(hostport string) string {
	h := hostport
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.TrimPrefix(h, "["), "]")
	return strings.TrimSuffix(strings.ToLower(h), ".")
}

// checkHost answers 421 to a request whose Host header names neither the
// address it reached, nor a loopback name, nor an allowed host. A web page
// that got a name of its own to resolve to this machine (DNS rebinding)
// sends that name, so it never reaches the handlers. Requests that did not
// come over a connection (a handler called in-process has no local
// address) are not checked.
func (s *Server) checkHost(next http.Handler) http.Handler {
	allowed := make(map[string]bool)
	for _, h := range s.cfg.allowedHosts {
		allowed[hostOnly(h)] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		local, ok := r.Context().Value(http.LocalAddrContextKey).(net.Addr)
		if !ok || hostAllowed(r.Host, local, allowed) {
			next.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Connection", "close")
		writeError(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not this server's: name it by its address, localhost, or a host given with --allowed-host", r.Host))
	})
}

func hostAllowed(hostport string, local net.Addr, allowed map[string]bool) bool {
	h := hostOnly(hostport)
	if h == "" {
		return false
	}
	if allowed[h] || h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return true
	}
	ip := net.ParseIP(h)
	if ip == nil {
		return false
	}
	var lip net.IP
	if tcp, ok := local.(*net.TCPAddr); ok {
		lip = tcp.IP
	}
	// An address, unlike a name, cannot be rebound: it is the one the
	// request reached, or a loopback one reached over loopback.
	return ip.Equal(lip) || (ip.IsLoopback() && lip != nil && lip.IsLoopback())
}

// guardOrigin refuses, with 403, a request to the API that a web page of
// another origin sent, unless WithCORS names that origin: a query, a
// lookup or a write, whatever its method or content type. A browser says
// where a request comes from in Origin (on every POST, and on GETs a page
// makes with fetch) or in Sec-Fetch-Site (on every request, an image's
// included). Requests without either (curl, scripts) are not browsers'.
// The web UI's files and /health stay open to all.
func (s *Server) guardOrigin(next http.Handler) http.Handler {
	anyOrigin := false
	allowed := make(map[string]bool)
	for _, o := range s.cfg.corsOrigins {
		anyOrigin = anyOrigin || o == "*"
		allowed[strings.ToLower(strings.TrimSuffix(o, "/"))] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		open := p == "/health" || !(strings.HasPrefix(p, "/api/") || strings.HasPrefix(p, "/gephi/"))
		if open && (r.Method == http.MethodGet || r.Method == http.MethodHead) {
			next.ServeHTTP(w, r)
			return
		}
		origin := r.Header.Get("Origin")
		switch {
		case origin != "" && origin != "null":
			o := strings.ToLower(origin)
			if o == "http://"+strings.ToLower(r.Host) && r.TLS == nil || o == "https://"+strings.ToLower(r.Host) && r.TLS != nil || anyOrigin || allowed[o] {
				next.ServeHTTP(w, r)
				return
			}
		case origin == "null":
			// A sandboxed frame or a file: no origin to allow.
		default:
			switch r.Header.Get("Sec-Fetch-Site") {
			case "", "same-origin", "none":
				next.ServeHTTP(w, r)
				return
			}
			if anyOrigin {
				next.ServeHTTP(w, r)
				return
			}
		}
		if origin == "" {
			origin = r.Header.Get("Sec-Fetch-Site") + " page"
		}
		writeError(w, http.StatusForbidden, fmt.Sprintf("cross-origin request from %q refused: only pages of this server's origin, or an origin given with --cors-origin, may call %s", origin, p))
	})
}
