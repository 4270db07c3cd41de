package server

import (
	"sync"
	"time"
)

// The backoff after wrong tokens: a client (clientOf) may send
// authFreeTries wrong tokens in a row; after that each wrong one makes it
// wait, authBackoff at first and twice as long each time up to
// authBackoffMax, during which its writes get 429 with Retry-After,
// whatever token they carry. A right token outside a wait clears its
// count. So guessing a token costs time, not just requests.
const (
	authFreeTries  = 5
	authBackoff    = time.Second
	authBackoffMax = time.Minute
	// maxAuthClients bounds the clients remembered; past it, clients
	// whose wait is over are forgotten, and new ones not remembered.
	maxAuthClients = 10000
)

// authFailures counts each client's wrong tokens.
type authFailures struct {
	now func() time.Time

	mu      sync.Mutex
	clients map[string]*authFail
}

type authFail struct {
	n     int       // wrong tokens in a row
	until time.Time // no write before this
}

func newAuthFailures(now func() time.Time) *authFailures {
	if now == nil {
		now = time.Now
	}
	return &authFailures{now: now, clients: make(map[string]*authFail)}
}

// wait returns how long client must still wait before its next write; 0
// when it may write.
func (a *authFailures) wait(client string) time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	f := a.clients[client]
	if f == nil {
		return 0
	}
	return max(f.until.Sub(a.now()), 0)
}

// failed counts a wrong token from client and starts its wait once it has
// had its free tries.
func (a *authFailures) failed(client string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	now := a.now()
	f := a.clients[client]
	if f == nil {
		if len(a.clients) >= maxAuthClients {
			for c, g := range a.clients {
				if !g.until.After(now) {
					delete(a.clients, c)
				}
			}
			if len(a.clients) >= maxAuthClients {
				return
			}
		}
		f = &authFail{}
		a.clients[client] = f
	}
	f.n++
	if f.n > authFreeTries {
		d := authBackoff << min(f.n-authFreeTries-1, 16)
		f.until = now.Add(min(d, authBackoffMax))
	}
}

// succeeded clears client's count after a right token.
func (a *authFailures) succeeded(client string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	delete(a.clients, client)
}
