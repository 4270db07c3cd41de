package server

import (
	"encoding/json"
	"errors"
	"io"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/jsonld"
)

// errRemoteContext is a JSON-LD body that names a context by URL. The
// JSON-LD processor Cayley uses would fetch it: over HTTP for an http or
// https URL, and for anything else by opening it as a file of the
// server's, so a writer could make the server call any address it can
// reach, or probe its files.
var errRemoteContext = errors.New(`a JSON-LD "@context" or "@import" names a URL; the server loads no contexts: give the context inline, as an object`)

// quadReader returns a reader of the quads in body, in format f. JSON-LD
// is read whole first and refused when it names a context by URL.
func quadReader(f *quad.Format, body io.Reader) quad.ReadCloser {
	if f.Name != "jsonld" {
		return f.Reader(body)
	}
	var doc any
	if err := json.NewDecoder(body).Decode(&doc); err != nil {
		return errReader{err}
	}
	if remoteContext(doc) {
		return errReader{errRemoteContext}
	}
	return jsonld.NewReaderFromMap(doc)
}

// remoteContext reports whether a JSON-LD document names a context by
// URL anywhere: a string as (or in an array as) the value of "@context",
// or as the value of "@import" in a context. encoding/json nests values
// at most 10,000 deep, which bounds the recursion.
func remoteContext(v any) bool {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			if k == "@context" || k == "@import" {
				if _, ok := x.(string); ok {
					return true
				}
				if xs, ok := x.([]any); ok {
					for _, e := range xs {
						if _, ok := e.(string); ok {
							return true
						}
					}
				}
			}
			if remoteContext(x) {
				return true
			}
		}
	case []any:
		for _, x := range v {
			if remoteContext(x) {
				return true
			}
		}
	}
	return false
}

// errReader is a quad reader that fails at once.
type errReader struct{ err error }

func (e errReader) ReadQuad() (quad.Quad, error) { return quad.Quad{}, e.err }
func (e errReader) Close() error                 { return nil }
