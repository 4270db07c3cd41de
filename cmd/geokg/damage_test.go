package main

import (
	"bytes"
	"context"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// boltLayout reads the page size and the high-water mark (pages in use)
// from the meta pages of the bolt file at path.
func boltLayout(t *testing.T, b []byte) (pageSize, used int) {
	t.Helper()
	le := binary.LittleEndian
	pageSize = int(le.Uint32(b[16+8:]))
	if pageSize < 512 || len(b) < 2*pageSize {
		t.Fatalf("bolt file: page size %d, %d bytes", pageSize, len(b))
	}
	hwm := max(le.Uint64(b[16+40:]), le.Uint64(b[pageSize+16+40:]))
	return pageSize, int(hwm) * pageSize
}

// TestDamagedStore damages a bolt store in the ways disks and careless
// copies do, and runs the commands that read it: each must either say the
// store is damaged and exit 1, or, where the damage touched nothing it
// reads, print what it prints for the whole store. None may panic, fault,
// hang or print a wrong answer with exit 0.
func TestDamagedStore(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good")
	// One worker, so the store, and where the damage lands, is the same
	// every run.
	mustRun(t, exitOK, "--db", good, "ingest", "-j", "1", filepath.Join("..", "..", "testdata", "articles"))
	file := filepath.Join(good, "indexes.bolt")
	whole, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	pageSize, used := boltLayout(t, whole)

	commands := [][]string{
		{"stats"},
		{"verify"},
		{"relations", "Albania"},
		{"query", `g.V("<ent:albania>").Out().All()`},
		{"export", "--format", "nquads"},
	}
	want := make(map[string]result)
	for _, c := range commands {
		want[c[0]] = mustRun(t, exitOK, append([]string{"--db", good}, c...)...)
	}

	flip := func(n int, seed uint64) func([]byte) []byte {
		return func(b []byte) []byte {
			r := rand.New(rand.NewPCG(seed, 12))
			for range n {
				i := 2*pageSize + r.IntN(used-2*pageSize)
				b[i] ^= 1 << r.IntN(8)
			}
			return b
		}
	}
	// Where random flips land differs from run to run: the store's pages
	// are not laid out the same each time. A flip in a page's header, in
	// an element or in a key's order is found; one inside a value, or in a
	// key that still sorts in place, may be read as data (bolt keeps no
	// checksums), so a command may print a wrong answer with exit 0 (see
	// docs/reliability.md). What must always hold: no panic, fault or hang,
	// exit 0 or 1, and 4,096 flips found by some command.
	tests := []struct {
		name     string
		damage   func([]byte) []byte
		always   bool // every command must find the damage
		mustFind bool // some command must find it
		anyOut   bool // a command may exit 0 with another answer
	}{
		{name: "cut to half", damage: func(b []byte) []byte { return b[:used/2] }, always: true},
		{name: "cut to one page", damage: func(b []byte) []byte { return b[:pageSize] }, always: true},
		{name: "64 KiB zeroed", always: true, damage: func(b []byte) []byte {
			at := (used / 2) / pageSize * pageSize
			clear(b[at:min(at+64<<10, used)])
			return b
		}},
		{name: "meta pages zeroed", always: true, damage: func(b []byte) []byte { clear(b[:2*pageSize]); return b }},
		{name: "4096 bytes flipped", damage: flip(4096, 1), mustFind: true, anyOut: true},
		{name: "64 bytes flipped", damage: flip(64, 2), anyOut: true},
		{name: "64 bytes flipped, again", damage: flip(64, 3), anyOut: true},
		{name: "8 bytes flipped", damage: flip(8, 4), anyOut: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "damaged")
			if err := os.MkdirAll(db, 0o700); err != nil {
				t.Fatal(err)
			}
			b := tt.damage(append([]byte(nil), whole...))
			if err := os.WriteFile(filepath.Join(db, "indexes.bolt"), b, 0o644); err != nil {
				t.Fatal(err)
			}
			found, wrong := 0, 0
			for _, c := range commands {
				r := geokg(t, "", nil, append([]string{"--db", db}, c...)...)
				switch {
				case r.code == exitFailure && strings.Contains(r.err, "store "+db+" is damaged: ") && strings.Contains(r.err, "restore from a backup"):
					found++
				case r.code == exitFailure && tt.anyOut && c[0] == "verify" && strings.Contains(r.err, "is not consistent"):
					found++ // verify read a flipped value as a broken statement
				case r.code == exitOK && !tt.always && r.out == want[c[0]].out:
					// the damage lies where this command does not read
				case r.code == exitOK && tt.anyOut:
					wrong++ // a flipped value read as data
				default:
					t.Errorf("geokg %s on the damaged store: exit %d, want 1 and the store named damaged, or exit 0 and the whole store's answer\nstderr: %.600s\nstdout: %.300s",
						strings.Join(c, " "), r.code, r.err, r.out)
				}
			}
			t.Logf("%d of %d commands found the damage, %d printed another answer with exit 0", found, len(commands), wrong)
			if (tt.always || tt.mustFind) && found == 0 {
				t.Errorf("no command found the damage")
			}
			if tt.always {
				// serve refuses the store rather than serve it; bounded, so
				// that a server that starts by mistake stops.
				ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
				defer cancel()
				var errb bytes.Buffer
				code := run(ctx, []string{"--db", db, "serve", "--addr", "127.0.0.1:0"}, streams{In: strings.NewReader(""), Out: io.Discard, Err: &errb}, func(string) string { return "" })
				if code != exitFailure || !strings.Contains(errb.String(), "store "+db+" is damaged: ") {
					t.Errorf("geokg serve on the damaged store: exit %d\n%s", code, errb.String())
				}
			}
		})
	}
}
