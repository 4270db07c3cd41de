package server

import (
	"errors"
	"net/http"
	"strings"

	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/schema"
)

// MaxEventsLimit is the most rows ?limit= may ask of the events endpoint.
const MaxEventsLimit = 10_000_000

// handleEvents streams the event table (see export.Events) as JSONL,
// CSV or TSV (?format=), narrowed by ?since=, ?until=, ?entity=, ?root=,
// ?country= and ?predicate= (the last three repeatable or
// comma-separated), and paged by ?offset= and ?limit=. Rows are written
// as they are read, within the server's query timeout; a mistake in the
// request is answered 400 before any row.
func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	vals := r.URL.Query()
	format := export.EventJSONL
	if v := vals.Get("format"); v != "" {
		f, err := export.ParseEventFormat(v)
		if err != nil {
			s.fail(w, r, badRequestf("format=%s: choose jsonl, csv or tsv", v))
			return
		}
		format = f
	}
	list := func(name string) []string {
		var out []string
		for _, v := range vals[name] {
			for _, x := range strings.Split(v, ",") {
				if x = strings.TrimSpace(x); x != "" {
					out = append(out, x)
				}
			}
		}
		return out
	}
	o := export.EventOptions{Since: vals.Get("since"), Until: vals.Get("until"), Roots: list("root"), Countries: list("country"), Predicates: list("predicate")}
	for _, p := range o.Predicates {
		if _, ok := schema.LookupPredicate(p); !ok {
			s.fail(w, r, badRequestf("predicate=%s: unknown predicate; known are %s", p, strings.Join(predicateNames(), ", ")))
			return
		}
	}
	if err := o.Check(); err != nil {
		s.fail(w, r, badRequestf("%v", err))
		return
	}
	offset, err := intParam(r, "offset", 0, 0, MaxEventsLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", MaxEventsLimit, 0, MaxEventsLimit)
	if err != nil {
		s.fail(w, r, err)
		return
	}

	ctx, done, err := s.work(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer done()
	if name := strings.TrimSpace(vals.Get("entity")); name != "" {
		e, err := s.resolver.Resolve(ctx, name)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		o.Entity = e.IRI
	}
	out := &startedWriter{w: w, contentType: format.MediaType()}
	ew := export.NewEventWriter(out, format)
	n := 0
	err = export.Events(ctx, s.store, o, func(e export.Event) error {
		n++
		switch {
		case n <= offset:
			return nil
		case n > offset+limit:
			return errEnough
		}
		return ew.Write(e)
	})
	if err == nil || errors.Is(err, errEnough) {
		err = ew.Flush()
	}
	switch {
	case err == nil && !out.started: // no row, and no header in JSONL
		w.Header().Set("Content-Type", out.contentType)
		w.WriteHeader(http.StatusOK)
	case err == nil:
	case !out.started:
		s.fail(w, r, err)
	default:
		// The status is sent: the client sees the table end early.
		s.cfg.errorLog.Printf("%s %s: after %d rows: %v", r.Method, r.URL.Path, n, err)
	}
}

// errEnough stops a scan once the rows asked for are written.
var errEnough = errors.New("enough rows")

// startedWriter sets the content type before the first byte it passes
// on, and notes that the answer has begun.
type startedWriter struct {
	w           http.ResponseWriter
	contentType string
	started     bool
}

func (s *startedWriter) Write(p []byte) (int, error) {
	if !s.started {
		s.started = true
		s.w.Header().Set("Content-Type", s.contentType)
		s.w.WriteHeader(http.StatusOK)
	}
	return s.w.Write(p)
}
