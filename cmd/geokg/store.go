package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/geokg/geokg/graph"
)

// openStore opens the store the global flags name. With mustExist, a bolt
// store that is not there is an error rather than created empty: commands
// that only read have nothing to read in it.
func openStore(ctx context.Context, o storeOptions, mustExist bool) (*graph.Store, error) {
	if mustExist && o.Backend == graph.Bolt {
		if _, err := os.Stat(o.DB); errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("no store at %s: ingest articles first (geokg ingest), or name the store with --db or %s", o.DB, envDB)
		}
	}
	st, err := graph.Open(ctx, o.DB, graph.WithBackend(o.Backend))
	if errors.Is(err, graph.ErrLocked) {
		return nil, fmt.Errorf("open store %s: %w; another geokg command is using it, try again when it has finished", o.DB, graph.ErrLocked)
	}
	if err != nil {
		return nil, err
	}
	return st, nil
}

// closeStore closes st, keeping the first error: use it deferred with a
// named error result.
func closeStore(st *graph.Store, err *error) {
	if cerr := st.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}
