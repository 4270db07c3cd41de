package graph

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// Errors of Backup and Restore, for errors.Is.
var (
	// ErrNotEmpty is returned by Restore for a store that holds quads,
	// unless RestoreOptions.Force is set.
	ErrNotEmpty = errors.New("store is not empty")
	// ErrBadBackup is wrapped by every *BackupError: a backup file that is
	// not gzip'd N-Quads, is corrupt, or is cut short.
	ErrBadBackup = errors.New("bad backup")
)

// BackupError is a problem in a backup file: its name, the line (0 when
// the problem is not on one line) and what is wrong.
type BackupError struct {
	File string
	Line int
	Msg  string
}

// Error returns "file:line: message", or "file: message" when Line is 0.
func (e *BackupError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Unwrap returns ErrBadBackup.
func (e *BackupError) Unwrap() error { return ErrBadBackup }

// The comment lines that open and close a backup. The closing line counts
// the quads, so that a file cut at a line end is still known to be short.
const (
	backupHeader  = "# geokg backup: N-Quads, each quad labelled with its document"
	backupTrailer = "# end of geokg backup: "
	backupUnit    = " quads"
)

// Backup writes every quad of the store, with its label, to w as
// gzip-compressed N-Quads, between a header comment and a closing comment
// that counts the quads. It holds the store's read lock, so the backup
// holds whole documents only, and returns the number of quads written.
// Restore reads the file back.
func (s *Store) Backup(ctx context.Context, w io.Writer) (_ int, err error) {
	unlock, err := s.read(ctx)
	if err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	defer unlock()
	defer s.guard(&err)

	zw := gzip.NewWriter(w)
	bw := bufio.NewWriterSize(zw, 64<<10)
	nw := nquads.NewWriter(bw)
	if _, err := io.WriteString(bw, backupHeader+"\n"); err != nil {
		return 0, fmt.Errorf("backup: %w", err)
	}
	n := 0
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return n, fmt.Errorf("backup: read quad: %w", err)
		}
		if err := nw.WriteQuad(q); err != nil {
			return n, fmt.Errorf("backup: write quad %d (%s): %w", n+1, q.NQuad(), err)
		}
		n++
	}
	if err := it.Err(); err != nil {
		return n, fmt.Errorf("backup: read quads: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	if err := nw.Close(); err != nil { // flushes into bw
		return n, fmt.Errorf("backup: %w", err)
	}
	if _, err := fmt.Fprintf(bw, "%s%d%s\n", backupTrailer, n, backupUnit); err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	if err := bw.Flush(); err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	if err := zw.Close(); err != nil {
		return n, fmt.Errorf("backup: %w", err)
	}
	return n, nil
}

// ReadBackup parses a whole backup from r: gzip-compressed N-Quads as
// Backup writes them, or plain N-Quads. name names the file in errors. It
// returns the distinct quads in file order, or a *BackupError naming the
// line for a line that is not a quad, a gzip stream that is corrupt or cut
// short, or a file that opens like a geokg backup and lacks its closing
// line or holds another number of quads than it says.
func ReadBackup(r io.Reader, name string) ([]quad.Quad, error) {
	quads, _, err := readBackup(r, name)
	return quads, err
}

// ReadGeokgBackup is ReadBackup for a file that must be a whole geokg
// backup of at least one quad, as a restore that replaces a store needs:
// an empty file, an empty gzip stream, plain N-Quads without Backup's
// opening line, or a backup of an empty store is a *BackupError too.
func ReadGeokgBackup(r io.Reader, name string) ([]quad.Quad, error) {
	quads, isBackup, err := readBackup(r, name)
	switch {
	case err != nil:
		return nil, err
	case !isBackup && len(quads) == 0:
		return nil, &BackupError{File: name, Msg: "the file is empty: it holds no geokg backup"}
	case !isBackup:
		return nil, &BackupError{File: name, Line: 1, Msg: fmt.Sprintf("not a geokg backup: it does not open with %q", backupHeader)}
	case len(quads) == 0:
		return nil, &BackupError{File: name, Msg: "the backup holds no quads: it would leave an empty store"}
	}
	return quads, nil
}

// readBackup is ReadBackup; it also reports whether the file opens with
// Backup's header.
func readBackup(r io.Reader, name string) ([]quad.Quad, bool, error) {
	bad := func(line int, format string, args ...any) error {
		return &BackupError{File: name, Line: line, Msg: fmt.Sprintf(format, args...)}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	var in io.Reader = br
	if magic, _ := br.Peek(2); bytes.Equal(magic, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, false, bad(0, "not a gzip file: %v", err)
		}
		defer zr.Close()
		zr.Multistream(false)
		in = zr
	}
	lr := bufio.NewReaderSize(in, 64<<10)
	var (
		out      []quad.Quad
		seen     = make(map[string]bool)
		n        int  // line number
		read     int  // quads read, duplicates included
		isBackup bool // the file opens with Backup's header
		trailer  = -1 // the count the closing line gives
	)
	for {
		line, err := lr.ReadString('\n')
		if line != "" {
			n++
		}
		if err != nil && err != io.EOF {
			return nil, false, bad(n+1, "%s", readProblem(err))
		}
		if err == io.EOF && line != "" && !strings.HasSuffix(line, "\n") && isBackup {
			return nil, false, bad(n, "last line is cut short (no line end): the file is truncated")
		}
		if t := strings.TrimSpace(line); t != "" {
			switch {
			case trailer >= 0:
				return nil, false, bad(n, "content after the closing line %q", backupTrailer+strconv.Itoa(trailer)+backupUnit)
			case n == 1 && t == backupHeader:
				isBackup = true
			case strings.HasPrefix(t, backupTrailer):
				c, cerr := strconv.Atoi(strings.TrimSuffix(strings.TrimPrefix(t, backupTrailer), backupUnit))
				if cerr != nil || c < 0 {
					return nil, false, bad(n, "closing line %q does not count the quads", t)
				}
				trailer = c
			case strings.HasPrefix(t, "#"):
				// a comment
			default:
				q, perr := nquads.Parse(t)
				if perr != nil {
					return nil, false, bad(n, "not an N-Quad: %v: %s", perr, shortLine(t))
				}
				if !q.IsValid() {
					return nil, false, bad(n, "incomplete quad: %s", shortLine(t))
				}
				if q, perr = keepTyped(t, q); perr != nil {
					return nil, false, bad(n, "%v: %s", perr, shortLine(t))
				}
				read++
				if k := quadKey(q); !seen[k] {
					seen[k] = true
					out = append(out, q)
				}
			}
		}
		if err == io.EOF {
			break
		}
	}
	switch {
	case isBackup && trailer < 0:
		return nil, false, bad(n, "no closing line %q: the file is truncated", backupTrailer+"N"+backupUnit)
	case trailer >= 0 && trailer != read:
		return nil, false, bad(n, "the closing line counts %d quads, the file holds %d", trailer, read)
	}
	return out, isBackup, nil
}

// readProblem words an error met while reading a backup's bytes.
func readProblem(err error) string {
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "the gzip stream ends early: the file is truncated"
	case errors.Is(err, gzip.ErrChecksum):
		return "gzip checksum mismatch: the file is corrupt"
	case errors.Is(err, gzip.ErrHeader):
		return "bad gzip data: the file is corrupt"
	}
	return "read: " + err.Error()
}

func shortLine(s string) string {
	if len(s) > 80 {
		return strconv.Quote(s[:77]) + "…"
	}
	return strconv.Quote(s)
}

// RestoreBatch is how many quads Restore writes in one transaction.
const RestoreBatch = 10000

// RestoreOptions controls Restore.
type RestoreOptions struct {
	// Force restores into a store that holds quads: every quad it holds is
	// removed first, so that the store ends up holding the backup exactly.
	Force bool
}

// RestoreResult counts what Restore did.
type RestoreResult struct {
	Quads   int `json:"quads"`   // quads written
	Removed int `json:"removed"` // quads removed first (Force)
	Batches int `json:"batches"` // transactions applied
}

// Restore writes quads, as ReadBackup returns them, into the store, in
// transactions of RestoreBatch quads. It fails with ErrNotEmpty, writing
// nothing, when the store holds any quad and opts.Force is not set. With
// Force it replaces what the store holds, and keeps the old store until
// the new one is whole: a bolt store is restored into a new file beside
// it, renamed over it at the end (see restoreBeside); on the other
// backends the old quads are removed and the new ones written in one
// transaction. Restore holds the store's write lock throughout, so no
// reader sees a half-restored store. Without Force, into an empty store,
// it is not one transaction: if the process dies part way, the store
// holds some batches only, and the restore should be run again with Force
// (or into a new store).
func (s *Store) Restore(ctx context.Context, quads []quad.Quad, opts RestoreOptions) (RestoreResult, error) {
	for i, q := range quads {
		if !q.IsValid() {
			return RestoreResult{}, fmt.Errorf("restore: quad %d (%s): incomplete quad", i+1, q.NQuad())
		}
	}
	if opts.Force && s.backend == Bolt {
		return s.restoreBeside(ctx, quads)
	}
	unlock, err := s.writeAll(ctx)
	if err != nil {
		return RestoreResult{}, fmt.Errorf("restore: %w", err)
	}
	defer unlock()
	if err := s.staleRels(ctx); err != nil {
		return RestoreResult{}, fmt.Errorf("restore: %w", err)
	}

	var res RestoreResult
	apply := func(tx *cgraph.Transaction) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.w.ApplyTransaction(tx); err != nil {
			return err
		}
		res.Batches++
		return nil
	}
	if !opts.Force {
		it := s.qs.QuadsAllIterator().Iterate()
		some := it.Next(ctx)
		err := it.Err()
		it.Close()
		if err != nil {
			return res, fmt.Errorf("restore: %w", err)
		}
		if some {
			return res, fmt.Errorf("restore: %w: restore into a new store, or force it to replace what the store holds", ErrNotEmpty)
		}
	}
	existing, err := s.allQuads(ctx)
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	if opts.Force {
		// One transaction removes what the store holds and writes the
		// backup: PostgreSQL and CockroachDB commit it whole or not at
		// all, and memstore checks all of it before it applies any of it;
		// so a restore that fails leaves the old store as it was.
		tx := cgraph.NewTransactionN(len(existing) + len(quads))
		for _, q := range existing {
			tx.RemoveQuad(q)
		}
		for _, q := range quads {
			tx.AddQuad(q)
		}
		if err := apply(tx); err != nil {
			return RestoreResult{}, fmt.Errorf("restore: replace the store's %d quads with %d: %w (the store is unchanged)", len(existing), len(quads), err)
		}
		res.Removed, res.Quads = len(existing), len(quads)
		return res, s.relsRestored(ctx)
	}
	if len(existing) > 0 {
		for start := 0; start < len(existing); start += RestoreBatch {
			batch := existing[start:min(start+RestoreBatch, len(existing))]
			tx := cgraph.NewTransactionN(len(batch))
			for _, q := range batch {
				tx.RemoveQuad(q)
			}
			if err := apply(tx); err != nil {
				return res, fmt.Errorf("restore: remove quads %d to %d of %d: %w", start+1, start+len(batch), len(existing), err)
			}
			res.Removed += len(batch)
		}
	}
	for start := 0; start < len(quads); start += RestoreBatch {
		batch := quads[start:min(start+RestoreBatch, len(quads))]
		tx := cgraph.NewTransactionN(len(batch))
		for _, q := range batch {
			tx.AddQuad(q)
		}
		if err := apply(tx); err != nil {
			return res, fmt.Errorf("restore: write quads %d to %d of %d: %w", start+1, start+len(batch), len(quads), err)
		}
		res.Quads += len(batch)
	}
	return res, s.relsRestored(ctx)
}

// allQuads returns every quad of the store; the caller holds the lock.
func (s *Store) allQuads(ctx context.Context) ([]quad.Quad, error) {
	var out []quad.Quad
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return nil, fmt.Errorf("read quad: %w", err)
		}
		out = append(out, q)
	}
	if err := it.Err(); err != nil {
		return nil, fmt.Errorf("read quads: %w", err)
	}
	return out, ctx.Err()
}

// keepTyped undoes the conversion nquads.Parse makes of typed literals it
// knows ("0.9"^^<xsd:float>) to native values (quad.Float), which would
// write back in another form ("9E-01"^^<xsd:double>): each such value is
// made the quad.TypedString the line spells, as the store held it.
func keepTyped(line string, q quad.Quad) (quad.Quad, error) {
	dirs := []quad.Direction{quad.Subject, quad.Predicate, quad.Object, quad.Label}
	var toks []string
	for i, d := range dirs {
		switch q.Get(d).(type) {
		case nil, quad.IRI, quad.String, quad.TypedString, quad.LangString, quad.BNode:
			continue
		}
		if toks == nil {
			toks = terms(line)
		}
		if i >= len(toks) {
			return q, errors.New("cannot find the typed literal")
		}
		tok := toks[i]
		at := strings.LastIndex(tok, `"^^<`)
		if at < 0 || !strings.HasSuffix(tok, ">") {
			return q, fmt.Errorf("term %s is not a typed literal", tok)
		}
		lit, err := nquads.Parse("<s> <p> " + tok[:at+1] + " .")
		if err != nil {
			return q, fmt.Errorf("typed literal %s: %w", tok, err)
		}
		q.Set(d, quad.TypedString{Value: quad.String(quad.ToString(lit.Object)), Type: quad.IRI(tok[at+4 : len(tok)-1])})
	}
	return q, nil
}

// terms splits an N-Quads line into the lexical forms of its terms:
// <iri>, _:blank, "literal" with its @lang or ^^<type>.
func terms(line string) []string {
	var out []string
	i := 0
	for i < len(line) {
		for i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		if i >= len(line) || line[i] == '.' && strings.TrimSpace(line[i+1:]) == "" {
			break
		}
		start := i
		switch line[i] {
		case '<':
			if j := strings.IndexByte(line[i:], '>'); j >= 0 {
				i += j + 1
			} else {
				i = len(line)
			}
		case '"':
			i++
			for i < len(line) && line[i] != '"' {
				if line[i] == '\\' {
					i++
				}
				i++
			}
			i = min(i+1, len(line))
			if strings.HasPrefix(line[i:], "^^<") {
				if j := strings.IndexByte(line[i:], '>'); j >= 0 {
					i += j + 1
				}
			}
			fallthrough
		default:
			for i < len(line) && line[i] != ' ' && line[i] != '\t' {
				i++
			}
		}
		out = append(out, line[start:i])
	}
	return out
}

// restoreBeside restores quads into a new bolt file in a directory beside
// the store's, then, under the store's write lock, renames it over the
// store's file and reopens the store on it. Until the rename the store is
// untouched; a process that dies before it leaves a directory
// ".NAME.restore-*" beside the store, which holds no part of the store.
func (s *Store) restoreBeside(ctx context.Context, quads []quad.Quad) (res RestoreResult, err error) {
	parent, base := filepath.Split(filepath.Clean(s.path))
	if parent == "" {
		parent = "."
	}
	tmpDir, err := os.MkdirTemp(parent, "."+base+".restore-")
	if err != nil {
		return res, fmt.Errorf("restore: %w", err)
	}
	defer os.RemoveAll(tmpDir)
	tmp, err := Open(ctx, tmpDir, WithBloomFilter(s.bloom), WithCommand("geokg restore"))
	if err != nil {
		return res, fmt.Errorf("restore: new store beside %s: %w", s.path, err)
	}
	res, err = tmp.Restore(ctx, quads, RestoreOptions{})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return res, fmt.Errorf("%w; the store was not touched", err)
	}

	unlock, err := s.write(ctx)
	if err != nil {
		return res, fmt.Errorf("restore: %w; the store was not touched", err)
	}
	defer unlock()
	st, err := s.qs.Stats(ctx, false)
	if err == nil {
		res.Removed = int(st.Quads.Value)
	}
	if err := os.Rename(filepath.Join(tmpDir, boltFile), filepath.Join(s.path, boltFile)); err != nil {
		return res, fmt.Errorf("restore: replace %s: %w; the store was not touched", s.path, err)
	}
	// The store's file is now the backup's. Close the old one, whose
	// lock goes with it, and open the new.
	werr := s.w.Close()
	if err := s.qs.Close(); err != nil && werr == nil {
		werr = err
	}
	qs, err := openBolt(s.path, DefaultLockTimeout, s.bloom, s.readOnly)
	if err != nil {
		s.closed = true
		s.holder.remove()
		return res, fmt.Errorf("restore: the store now holds the backup, but reopening it failed: %w", err)
	}
	w, err := cgraph.NewQuadWriter("single", qs, cgraph.Options{"ignore_duplicate": true, "ignore_missing": true})
	if err != nil {
		qs.Close()
		s.closed = true
		s.holder.remove()
		return res, fmt.Errorf("restore: the store now holds the backup, but reopening it failed: %w", err)
	}
	s.qs, s.w = qs, w
	if werr != nil {
		return res, fmt.Errorf("restore: close the replaced store: %w", werr)
	}
	return res, nil
}
