package petrarch

import (
	"fmt"
	"io"
	"os"
)

// Dictionaries are the four dictionaries a coder uses. Any may be nil: the
// coder then uses its built-in equivalent, or (for discards) none.
type Dictionaries struct {
	Actors   *Actors
	Agents   *Agents
	Verbs    *Verbs
	Discards *Discards
}

// Paths names the dictionary files to load; empty paths are left out.
// Several actors files (Phoenix splits its actors into states,
// international and non-state ones) are read as one dictionary.
type Paths struct {
	Actors                  []string
	Agents, Verbs, Discards string
}

// Load reads the files paths name. Malformed entries come back as problems
// (each a *ParseError naming file and line) and are skipped; the error is a
// file that cannot be read at all.
func Load(paths Paths) (*Dictionaries, []error, error) {
	d := &Dictionaries{}
	var problems []error
	load := func(path string, parse func(io.Reader, string) ([]error, error)) error {
		if path == "" {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return fmt.Errorf("open dictionary: %w", err)
		}
		defer f.Close()
		errs, err := parse(f, path)
		problems = append(problems, errs...)
		return err
	}
	type step struct {
		path  string
		parse func(io.Reader, string) ([]error, error)
	}
	var steps []step
	for _, path := range paths.Actors {
		steps = append(steps, step{path, func(r io.Reader, name string) ([]error, error) {
			a, errs, err := ParseActors(r, name)
			if err == nil {
				if d.Actors == nil {
					d.Actors = a
				} else {
					d.Actors.merge(a)
				}
			}
			return errs, err
		}})
	}
	steps = append(steps, []step{
		{paths.Agents, func(r io.Reader, name string) (errs []error, err error) {
			d.Agents, errs, err = ParseAgents(r, name)
			return
		}},
		{paths.Verbs, func(r io.Reader, name string) (errs []error, err error) {
			d.Verbs, errs, err = ParseVerbs(r, name)
			return
		}},
		{paths.Discards, func(r io.Reader, name string) (errs []error, err error) {
			d.Discards, errs, err = ParseDiscards(r, name)
			return
		}},
	}...)
	for _, s := range steps {
		if err := load(s.path, s.parse); err != nil {
			return nil, problems, err
		}
	}
	return d, problems, nil
}
