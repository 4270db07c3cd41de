package server

import (
	"container/list"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// MaxRateLimitClients is the most clients the rate limit keeps track of at
// once (about 150 bytes each). A client is forgotten once its bucket has
// filled up again, when forgetting it changes nothing; beyond this many
// clients seen within that time, the one seen least recently is forgotten
// early, which forgives it what it owed.
const MaxRateLimitClients = 10_000

// WithRateLimit limits each client to perSecond requests a second on
// average, in bursts of up to burst requests: each client has a bucket of
// burst tokens, refilled at perSecond tokens a second, and each request
// takes one. A request that finds the bucket empty is answered at once
// with 429 Too Many Requests and a Retry-After header giving the seconds
// until a token is back; /health is never limited.
//
// A client is a remote IP address, the whole /64 network for IPv6, as
// the connection shows it: behind a reverse proxy every client has the
// proxy's address, so limit there instead. X-Forwarded-For is not read,
// since any client can write it.
//
// perSecond 0, the default, means no limit. burst 0 means perSecond
// rounded up, and at least 1. New fails with ErrBadOption for a negative
// or non-finite rate, a negative burst, or a burst without a rate.
func WithRateLimit(perSecond float64, burst int) Option {
	return func(c *config) { c.ratePerSecond, c.rateBurst = perSecond, burst }
}

// checkRateLimit validates the rate limit options and fills in the
// default burst.
func (c *config) checkRateLimit() error {
	switch {
	case math.IsNaN(c.ratePerSecond) || math.IsInf(c.ratePerSecond, 0) || c.ratePerSecond < 0:
		return fmt.Errorf("rate limit %v a second: %w: want a positive number, or 0 for no limit", c.ratePerSecond, ErrBadOption)
	case c.rateBurst < 0:
		return fmt.Errorf("rate limit burst %d: %w: want a positive number, or 0 for the rate rounded up", c.rateBurst, ErrBadOption)
	case c.rateBurst > 0 && c.ratePerSecond == 0:
		return fmt.Errorf("rate limit burst %d without a rate: %w: give a rate too", c.rateBurst, ErrBadOption)
	case c.ratePerSecond > 0 && c.rateBurst == 0:
		c.rateBurst = int(min(math.Ceil(c.ratePerSecond), math.MaxInt32))
	}
	return nil
}

// rateLimit answers requests beyond a client's rate with 429; without a
// rate limit it is next itself.
func (s *Server) rateLimit(next http.Handler) http.Handler {
	if s.cfg.ratePerSecond == 0 {
		return next
	}
	l := newLimiter(s.cfg.ratePerSecond, s.cfg.rateBurst, MaxRateLimitClients, s.cfg.now)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/health" {
			next.ServeHTTP(w, r)
			return
		}
		client := clientOf(r)
		ok, wait := l.take(client)
		if ok {
			next.ServeHTTP(w, r)
			return
		}
		secs := int64(math.Ceil(min(wait.Seconds(), math.MaxInt32)))
		secs = max(secs, 1)
		w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
		writeError(w, http.StatusTooManyRequests, fmt.Sprintf(
			"too many requests from %s: the limit is %s per second, in bursts of up to %d; retry in %d s",
			client, strconv.FormatFloat(s.cfg.ratePerSecond, 'f', -1, 64), s.cfg.rateBurst, secs))
	})
}

// clientOf is the client a request counts against: its remote IP
// address, or the /64 network of an IPv6 address (one host commonly holds
// a whole /64), or the remote address as it is when it is neither.
func clientOf(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return host
	}
	ip = ip.Unmap().WithZone("")
	if ip.Is4() {
		return ip.String()
	}
	p, _ := ip.Prefix(64)
	return p.String()
}

// limiter is a token bucket per client, the buckets kept in the order
// their clients were last seen.
type limiter struct {
	rate, burst float64
	idle        time.Duration // how long an empty bucket takes to fill
	max         int
	now         func() time.Time

	mu      sync.Mutex
	clients map[string]*list.Element // of *bucket
	seen    *list.List               // front: seen most recently
}

type bucket struct {
	client string
	tokens float64
	last   time.Time // when tokens was computed
}

func newLimiter(rate float64, burst, maxClients int, now func() time.Time) *limiter {
	if now == nil {
		now = time.Now
	}
	idle := time.Duration(math.MaxInt64)
	if secs := float64(burst) / rate; secs < idle.Seconds() {
		idle = time.Duration(secs * float64(time.Second))
	}
	return &limiter{rate: rate, burst: float64(burst), idle: idle, max: maxClients, now: now,
		clients: make(map[string]*list.Element), seen: list.New()}
}

// take takes a token from client's bucket, or reports how long until
// there is one.
func (l *limiter) take(client string) (ok bool, wait time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.forget(now)
	var b *bucket
	if e, found := l.clients[client]; found {
		b = e.Value.(*bucket)
		if dt := now.Sub(b.last); dt > 0 {
			b.tokens = min(l.burst, b.tokens+dt.Seconds()*l.rate)
			b.last = now
		}
		l.seen.MoveToFront(e)
	} else {
		if l.seen.Len() >= l.max {
			l.drop(l.seen.Back())
		}
		b = &bucket{client: client, tokens: l.burst, last: now}
		l.clients[client] = l.seen.PushFront(b)
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	secs := (1 - b.tokens) / l.rate
	if secs >= time.Duration(math.MaxInt64).Seconds() {
		return false, time.Duration(math.MaxInt64)
	}
	return false, time.Duration(secs * float64(time.Second))
}

// forget drops the buckets that have had time to fill since their client
// was last seen: a full bucket is what a new client gets.
func (l *limiter) forget(now time.Time) {
	for e := l.seen.Back(); e != nil; e = l.seen.Back() {
		if now.Sub(e.Value.(*bucket).last) < l.idle {
			return
		}
		l.drop(e)
	}
}

func (l *limiter) drop(e *list.Element) {
	delete(l.clients, e.Value.(*bucket).client)
	l.seen.Remove(e)
}

// tracked is how many clients the limiter holds.
func (l *limiter) tracked() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.seen.Len()
}
