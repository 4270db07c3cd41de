package ingest

import (
	"context"
	"errors"
	"io"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph/server"
)

// Server is an Ingester as the server's ingest endpoint wants it
// (server.WithIngest): the articles of a request read with Src (its input
// limits, the date of undated articles), and what became of each worded
// for the client, the store's own failures kept for the server's log.
type Server struct {
	In  *Ingester
	Src source.Options
}

var _ server.Ingester = Server{}

// Ready loads the extractor.
func (s Server) Ready() error {
	_, err := s.In.Extractor()
	return err
}

// IngestJSONL stores the articles of body in order (see
// Ingester.ReadJSONL).
func (s Server) IngestJSONL(ctx context.Context, body io.Reader, force bool, emit func(server.IngestResult, error)) error {
	return s.In.ReadJSONL(ctx, body, s.Src, force, func(r Result) { emit(serverResult(ctx, r)) })
}

// serverResult words r for the client of the ingest endpoint; the error
// it returns, if any, is the store's, for the server's log.
func serverResult(ctx context.Context, r Result) (server.IngestResult, error) {
	res := server.IngestResult{Line: r.Line(), ID: r.Doc.ID, Status: string(r.Status), Statements: r.Statements,
		Added: r.Write.Added, Removed: r.Write.Removed, Unchanged: r.Write.Unchanged}
	if r.Err == nil {
		return res, nil
	}
	switch r.Err.Step {
	case StepRead:
		res.Error = r.Err.Err.Error()
		var se *source.Error
		if errors.As(r.Err.Err, &se) {
			res.Error = se.Err.Error()
		}
	case StepStatus:
		res.Error = "internal error: the store could not be read"
		return res, r.Err.Err
	case StepWait:
		res.Error = r.Err.Err.Error()
	case StepExtract:
		res.Error = "extract: " + r.Err.Err.Error()
	case StepWrite:
		if err := ctx.Err(); err != nil {
			res.Error = err.Error()
			return res, nil
		}
		res.Error = "internal error: the article was not stored"
		return res, r.Err.Err
	}
	return res, nil
}
