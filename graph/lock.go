package graph

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// holderFile is the file, beside the bolt file in a store's directory, in
// which the process that holds the store open says who it is. The bolt
// file's lock decides who holds the store; this file only names the holder,
// so another process refused the lock can say which process to stop.
const holderFile = "geokg.lock"

// Holder says which process holds a bolt store open: Open records it in
// the store's directory once it has the store's lock, and removes it on
// Close. A process that Open refuses for the lock finds it in its
// *LockedError.
type Holder struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"` // "geokg serve": the program and its subcommand
	Since   time.Time `json:"since"`   // when the process opened the store
	// Server is the URL of the geokg server the process runs on the store,
	// if any (see Store.SetServer); Writes says whether that server takes
	// articles (geokg ingest --server URL).
	Server string `json:"server,omitempty"`
	Writes bool   `json:"writes,omitempty"`
	// Start identifies the process beyond its PID, which the system may
	// give to another process once this one ends: on Linux its start time
	// in clock ticks since boot; 0 where unknown.
	Start uint64 `json:"start,omitempty"`
}

// LockedError is the error Open returns for a bolt store that another
// process holds open. It wraps ErrLocked, and names the holder when the
// store's directory records one.
type LockedError struct {
	Path string
	// Holder is the process the store's directory names as its holder;
	// nil when it names none, as when the holder is an older geokg or
	// Cayley itself.
	Holder *Holder
	// Stale says the named process does not run any more (or the PID now
	// belongs to another process), so the record is left over from a
	// process that was killed, and whoever holds the lock did not record
	// itself.
	Stale bool
	// Reader says the refused open was for reading only (WithReadOnly):
	// the holder writes to the store, since readers share it.
	Reader bool
}

// Error says who holds the store and what to do, to a process that would
// write:
//
//	open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 18:02:11); stop it, or ingest through it with geokg ingest --server http://127.0.0.1:64210
//
// and to one that would read (Reader):
//
//	open store geokg.db: locked by PID 1234 (geokg serve at http://127.0.0.1:64210, since 18:02:11); it writes to the store: stop it, restart it without --allow-writes (a read-only server lets other commands read the store beside it), or query its API at http://127.0.0.1:64210
func (e *LockedError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "open store %s: ", e.Path)
	h := e.Holder
	if h == nil {
		b.WriteString("locked by another process; wait until it has finished, or stop it")
		return b.String()
	}
	fmt.Fprintf(&b, "locked by PID %d (%s", h.PID, h.Command)
	if h.Server != "" {
		fmt.Fprintf(&b, " at %s", h.Server)
	}
	fmt.Fprintf(&b, ", since %s", sinceString(h.Since, time.Now()))
	if e.Stale {
		b.WriteString("; may be stale: that process is not running, so another process holds the lock without saying which")
		b.WriteString(")")
		return b.String()
	}
	b.WriteString(")")
	switch {
	case e.Reader && h.Server != "" && h.Writes:
		fmt.Fprintf(&b, "; it writes to the store: stop it, restart it without --allow-writes (a read-only server lets other commands read the store beside it), or query its API at %s", h.Server)
	case e.Reader && h.Server != "":
		fmt.Fprintf(&b, "; stop it, or query its API at %s", h.Server)
	case e.Reader:
		b.WriteString("; it writes to the store: wait until it has finished, or stop it")
	case h.Server != "" && h.Writes:
		fmt.Fprintf(&b, "; stop it, or ingest through it with geokg ingest --server %s", h.Server)
	case h.Server != "":
		b.WriteString("; stop it, or restart it with --allow-writes and ingest through it with geokg ingest --server")
	default:
		b.WriteString("; wait until it has finished, or stop it")
	}
	return b.String()
}

// Unwrap returns ErrLocked.
func (e *LockedError) Unwrap() error { return ErrLocked }

// sinceString writes t as a clock time when it is today, with the date
// otherwise.
func sinceString(t, now time.Time) string {
	t = t.Local()
	if y, m, d := now.Local().Date(); t.Year() == y && t.Month() == m && t.Day() == d {
		return t.Format(time.TimeOnly)
	}
	return t.Format(time.DateTime)
}

// holderRecord is the holder file of a store this process holds.
type holderRecord struct {
	path string // of the holder file
	h    Holder
}

// recordHolder writes the holder file of the store in dir for this
// process, command naming it. The caller holds the store's lock. A store
// directory that cannot be written to gets no record, which only makes
// the message of a refused Open vaguer, so it is not an error.
func recordHolder(dir, command string) *holderRecord {
	rec := &holderRecord{
		path: filepath.Join(dir, holderFile),
		h:    Holder{PID: os.Getpid(), Command: command, Since: time.Now().Round(time.Second)},
	}
	rec.h.Start, _ = processStart(rec.h.PID)
	if err := rec.write(); err != nil {
		return nil
	}
	return rec
}

// write replaces the holder file at once (a temporary file renamed over
// it), so that a process reading it never sees half of it.
func (r *holderRecord) write() error {
	b, err := json.Marshal(r.h)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(r.path), holderFile+".*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), r.path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

// remove deletes the holder file; the caller still holds the store's lock,
// so the file it deletes is its own, unless the store is shared by
// readers, one of which may have written it since: a file naming another
// process is left.
func (r *holderRecord) remove() {
	if r == nil {
		return
	}
	b, err := os.ReadFile(r.path)
	if err != nil {
		return
	}
	var h Holder
	if json.Unmarshal(b, &h) == nil && h.PID != r.h.PID {
		return
	}
	os.Remove(r.path)
}

// lockedError builds the error for the store in dir, whose lock another
// process holds, from the holder file it left.
func lockedError(dir string) *LockedError {
	e := &LockedError{Path: dir}
	b, err := os.ReadFile(filepath.Join(dir, holderFile))
	if err != nil {
		return e // no record: a process of an older geokg, or Cayley
	}
	var h Holder
	if err := json.Unmarshal(b, &h); err != nil || h.PID <= 0 {
		return e
	}
	e.Holder = &h
	e.Stale = !holderRuns(h)
	return e
}

// holderRuns reports whether the process h names still runs: a process of
// that PID exists and, where the system tells, started when h's did.
func holderRuns(h Holder) bool {
	if !processExists(h.PID) {
		return false
	}
	if h.Start == 0 {
		return true
	}
	start, ok := processStart(h.PID)
	return !ok || start == h.Start
}

// defaultCommand names this process for the holder file: the program and,
// when the command line has one, its subcommand, the first argument that
// is neither a flag nor a flag's value ("geokg --db news.db serve
// --allow-writes" gives "geokg serve"). The rest of the command line is
// left out: it may carry a token or a password.
func defaultCommand() string {
	if len(os.Args) == 0 {
		return "unknown"
	}
	name := filepath.Base(os.Args[0])
	skipValue := false
	for _, a := range os.Args[1:] {
		switch {
		case a == "--":
			return name
		case strings.HasPrefix(a, "-"):
			// A flag given as "--db news.db" is followed by its value; one
			// given as "--db=news.db" is not. geokg's global flags all
			// take a value.
			skipValue = !strings.Contains(a, "=")
		case skipValue:
			skipValue = false
		default:
			if isWord(a) {
				return name + " " + a
			}
			return name
		}
	}
	return name
}

// isWord reports whether s looks like a subcommand: letters, digits and
// dashes only.
func isWord(s string) bool {
	if s == "" || len(s) > 32 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// SetServer records, in the holder file of a bolt store, that this process
// serves the store over HTTP at url (http://127.0.0.1:64210), and whether
// the server takes writes, so that a process refused the store's lock can
// say where to send its articles instead. It does nothing for other
// backends, whose stores several processes share.
func (s *Store) SetServer(url string, writes bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	if s.holder == nil && s.readOnly {
		// A reader that serves the store names itself, so that a writer
		// refused the lock knows which server to stop or send to.
		s.holder = recordHolder(s.path, s.command)
	}
	if s.holder == nil {
		return nil
	}
	s.holder.h.Server, s.holder.h.Writes = url, writes
	if err := s.holder.write(); err != nil && !errors.Is(err, fs.ErrPermission) {
		return fmt.Errorf("record server of store %s: %w", s.path, err)
	}
	return nil
}
