package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/graph/sandbox"
)

// badRequest is a mistake in the request; its message goes to the client
// with 400.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func badRequestf(format string, args ...any) error {
	return &badRequest{msg: fmt.Sprintf(format, args...)}
}

// fail answers a request with the error err: 400 for a bad request, a bad
// query or filter, 404 for what the store does not hold, 413 for a body
// over the limit, 503 for a damaged store (its detail logged), 503 with Retry-After when no work slot freed up or the
// heap passed the query memory limit, 504 for a query stopped at its
// deadline, and 500 for the rest, whose detail goes to the error log only. A request whose client
// has gone gets no answer.
// errDamaged is what a client learns of a damaged store; the file's name
// and the damage go to the error log.
const errDamaged = "the store is damaged: the server's operator must restore it from a backup"

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	var (
		br  *badRequest
		qe  *sandbox.QueryError
		ue  *graph.UnknownEntityError
		mbe *http.MaxBytesError
		me  *sandbox.MemoryError
		rtl *sandbox.ResultTooLargeError
	)
	switch {
	case errors.As(err, &mbe):
		writeError(w, http.StatusRequestEntityTooLarge, tooLarge(s.cfg.maxBody))
	case errors.Is(err, errBusy), errors.As(err, &me):
		w.Header().Set("Retry-After", "1")
		writeError(w, http.StatusServiceUnavailable, err.Error())
	case errors.Is(err, context.DeadlineExceeded):
		writeError(w, http.StatusGatewayTimeout, fmt.Sprintf("stopped after %s, the server's query timeout", s.cfg.queryTimeout))
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// the client went away
	case errors.As(err, &rtl):
		writeError(w, http.StatusBadRequest, rtl.Error())
	case errors.Is(err, graph.ErrDamaged):
		s.cfg.errorLog.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		writeError(w, http.StatusServiceUnavailable, errDamaged)
	case errors.As(err, &ue):
		writeJSON(w, http.StatusNotFound, errorBody{Error: ue.Error(), Suggestions: ue.Suggestions})
	case errors.Is(err, graph.ErrNotFound):
		writeError(w, http.StatusNotFound, err.Error())
	case errors.As(err, &br), errors.As(err, &qe), errors.Is(err, graph.ErrEmptyName),
		errors.Is(err, graph.ErrBadDate), errors.Is(err, graph.ErrUnknownPredicate), errors.Is(err, graph.ErrUnknownLanguage):
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		s.cfg.errorLog.Printf("%s %s: %v", r.Method, r.URL.Path, err)
		writeError(w, http.StatusInternalServerError, "internal error")
	}
}
