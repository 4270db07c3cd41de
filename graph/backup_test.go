package graph_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"sort"
	"strings"
	"testing"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph"
)

// allQuads returns every quad of s in N-Quads form, sorted: the store as a
// set.
func allQuads(t testing.TB, s *graph.Store) []string {
	t.Helper()
	var out []string
	it := s.QuadStore().QuadsAllIterator().Iterate()
	defer it.Close()
	ctx := context.Background()
	for it.Next(ctx) {
		q, err := s.QuadStore().Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, q.NQuad())
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

func backup(t testing.TB, s *graph.Store) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := s.Backup(context.Background(), &buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestBackupRestore(t *testing.T) {
	ctx := context.Background()
	backends(t, func(t *testing.T, src *graph.Store) {
		write(t, src, docTies, tiesStatements())
		write(t, src, docEcho, echoStatements())
		want := allQuads(t, src)
		var buf bytes.Buffer
		n, err := src.Backup(ctx, &buf)
		if err != nil {
			t.Fatal(err)
		}
		if n != len(want) {
			t.Errorf("Backup wrote %d quads, the store holds %d", n, len(want))
		}
		quads, err := graph.ReadBackup(bytes.NewReader(buf.Bytes()), "kg.nq.gz")
		if err != nil {
			t.Fatal(err)
		}
		for _, dst := range []*graph.Store{openMem(t), openBolt(t)} {
			res, err := dst.Restore(ctx, quads, graph.RestoreOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(graph.RestoreResult{Quads: len(want), Batches: 1}, res); diff != "" {
				t.Errorf("%s: restore result (-want +got):\n%s", dst.Backend(), diff)
			}
			if diff := cmp.Diff(want, allQuads(t, dst)); diff != "" {
				t.Errorf("%s: restored quads (-want +got):\n%s", dst.Backend(), diff)
			}
			if diff := cmp.Diff(stats(t, src), stats(t, dst)); diff != "" {
				t.Errorf("%s: stats (-want +got):\n%s", dst.Backend(), diff)
			}
			if r, err := dst.Verify(ctx); err != nil || !r.OK() {
				t.Errorf("%s: restored store does not verify: %v %v", dst.Backend(), r.Problems, err)
			}
			// A second backup of the restored store is the same file.
			if b := backup(t, dst); dst.Backend() == src.Backend() && !bytes.Equal(b, buf.Bytes()) {
				t.Errorf("%s: backup of the restored store differs from the original backup", dst.Backend())
			}
		}
	})
}

func TestRestoreNotEmpty(t *testing.T) {
	ctx := context.Background()
	src := openMem(t)
	write(t, src, docTies, tiesStatements())
	quads, err := graph.ReadBackup(bytes.NewReader(backup(t, src)), "ties.nq.gz")
	if err != nil {
		t.Fatal(err)
	}
	dst := openBolt(t)
	write(t, dst, docEcho, echoStatements())
	before := allQuads(t, dst)
	_, err = dst.Restore(ctx, quads, graph.RestoreOptions{})
	if !errors.Is(err, graph.ErrNotEmpty) {
		t.Fatalf("Restore into a non-empty store: %v, want ErrNotEmpty", err)
	}
	if diff := cmp.Diff(before, allQuads(t, dst)); diff != "" {
		t.Errorf("refused restore changed the store (-want +got):\n%s", diff)
	}
	res, err := dst.Restore(ctx, quads, graph.RestoreOptions{Force: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Removed != len(before) || res.Quads != len(quads) {
		t.Errorf("forced restore: %+v, want %d removed and %d written", res, len(before), len(quads))
	}
	if diff := cmp.Diff(allQuads(t, src), allQuads(t, dst)); diff != "" {
		t.Errorf("forced restore: store is not the backup (-want +got):\n%s", diff)
	}
}

func TestRestoreBatches(t *testing.T) {
	var quads []quad.Quad
	for i := range graph.RestoreBatch*2 + 5 {
		quads = append(quads, quad.Make(quad.IRI("ent:n"), quad.IRI("geo:alias"), quad.String(strings.Repeat("x", i%7)+string(rune('a'+i%26))+strings.Repeat("y", i/26)), quad.IRI("doc:big")))
	}
	dst := openBolt(t)
	res, err := dst.Restore(context.Background(), quads, graph.RestoreOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Batches != 3 || res.Quads != len(quads) {
		t.Errorf("restore of %d quads: %+v, want 3 batches", len(quads), res)
	}
	if got := len(allQuads(t, dst)); got != len(quads) {
		t.Errorf("store holds %d quads, want %d", got, len(quads))
	}
}

func gz(s string) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestReadBackupErrors(t *testing.T) {
	src := openMem(t)
	write(t, src, docTies, tiesStatements())
	good := backup(t, src)
	plain, err := gzip.NewReader(bytes.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	var text bytes.Buffer
	text.ReadFrom(plain)
	lines := strings.SplitAfter(text.String(), "\n")
	// A cut inside a line: half way, stepped back off a line end, as the
	// store's content (and so where half way falls) varies.
	mid := text.Len() / 2
	for mid > 1 && text.String()[mid-1] == '\n' {
		mid--
	}
	nLines := len(lines) - 1 // the last is empty
	corrupt := append([]byte(nil), good...)
	corrupt[len(corrupt)/2] ^= 0xff

	tests := []struct {
		name string
		data []byte
		want string // the error; "" for none
	}{
		{name: "good", data: good},
		{name: "plain N-Quads", data: text.Bytes()},
		{name: "N-Quads from elsewhere", data: []byte("<a> <b> <c> <d> .\n# a comment\n\n<a> <b> \"c\" .\n")},
		{name: "empty file", data: nil},
		{name: "not gzip", data: []byte{0x1f, 0x8b, 0, 0}, want: "kg.nq.gz: not a gzip file: unexpected EOF"},
		{name: "corrupt", data: corrupt, want: "kg.nq.gz:"},
		{name: "truncated gzip", data: good[:len(good)*2/3], want: "the gzip stream ends early: the file is truncated"},
		{name: "gzip without its trailer", data: good[:len(good)-4], want: "the gzip stream ends early: the file is truncated"},
		{name: "cut at a line end", data: gz(strings.Join(lines[:nLines-3], "")), want: "no closing line \"# end of geokg backup: N quads\": the file is truncated"},
		{name: "cut inside a line", data: gz(text.String()[:mid]), want: "last line is cut short (no line end): the file is truncated"},
		{name: "a line lost", data: gz(strings.Join(append(append([]string{}, lines[:5]...), lines[6:]...), "")), want: "quads, the file holds"},
		{name: "bad line", data: gz(lines[0] + lines[1] + "<a> <b> \"unterminated <d> .\n" + strings.Join(lines[2:], "")), want: "kg.nq.gz:3: not an N-Quad"},
		{name: "incomplete quad", data: []byte("<a> <b> <c> .\n<a> <b> .\n"), want: "kg.nq.gz:2: "},
		{name: "content after the end", data: gz(text.String() + "<a> <b> <c> .\n"), want: "content after the closing line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs, err := graph.ReadBackup(bytes.NewReader(tt.data), "kg.nq.gz")
			if tt.want == "" {
				if err != nil {
					t.Fatalf("ReadBackup: %v", err)
				}
				for _, q := range qs {
					if !q.IsValid() {
						t.Errorf("invalid quad %v", q)
					}
				}
				return
			}
			if err == nil {
				t.Fatalf("ReadBackup: no error, want %q", tt.want)
			}
			if !errors.Is(err, graph.ErrBadBackup) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadBackup: %v, want ErrBadBackup and %q", err, tt.want)
			}
			var be *graph.BackupError
			if errors.As(err, &be) && be.File != "kg.nq.gz" {
				t.Errorf("error names %q", be.File)
			}
		})
	}
}

// FuzzReadBackup checks that ReadBackup never panics on arbitrary bytes,
// and that what it accepts is valid quads that N-Quads writes and reads
// back the same.
//
// Run it with: go test ./graph -run '^$' -fuzz FuzzReadBackup -parallel 1
func FuzzReadBackup(f *testing.F) {
	s, err := graph.Open(context.Background(), "", graph.WithBackend(graph.Memstore))
	if err != nil {
		f.Fatal(err)
	}
	write(f, s, docTies, tiesStatements())
	good := backup(f, s)
	s.Close()
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("# geokg backup: N-Quads, each quad labelled with its document\n<a> <b> \"c\"^^<xsd:float> <d> .\n# end of geokg backup: 1 quads\n"))
	f.Add([]byte("<a> <b> \"c\\u00e9\\n\"@en .\n_:x <b> <c> .\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		qs, err := graph.ReadBackup(bytes.NewReader(b), "f.nq.gz")
		if err != nil {
			var be *graph.BackupError
			if !errors.As(err, &be) || be.File != "f.nq.gz" || be.Line < 0 {
				t.Fatalf("error %v (%T) is not a BackupError naming the file", err, err)
			}
			return
		}
		var buf bytes.Buffer
		w := nquads.NewWriter(&buf)
		for _, q := range qs {
			if !q.IsValid() {
				t.Fatalf("invalid quad %#v", q)
			}
			if err := w.WriteQuad(q); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		again, err := graph.ReadBackup(&buf, "again")
		if err != nil {
			t.Fatalf("quads read from %q do not read back: %v\n%s", b, err, buf.String())
		}
		if len(again) != len(qs) {
			t.Fatalf("%d quads read back as %d", len(qs), len(again))
		}
	})
}

// interrupted is a context that is cancelled from its nth call of Err on:
// a process stopped at every point a restore checks for it in turn.
type interrupted struct {
	context.Context
	n, calls int
}

func (c *interrupted) Err() error {
	c.calls++
	if c.calls >= c.n {
		return context.Canceled
	}
	return nil
}

// TestForcedRestoreKeepsTheStore interrupts a forced restore of a bolt
// store at each point in turn: until the restore is whole, the store holds
// what it held, never a part of either.
func TestForcedRestoreKeepsTheStore(t *testing.T) {
	src := openMem(t)
	write(t, src, docTies, tiesStatements())
	quads, err := graph.ReadBackup(bytes.NewReader(backup(t, src)), "ties.nq.gz")
	if err != nil {
		t.Fatal(err)
	}
	want := allQuads(t, src)
	dst := openBolt(t)
	write(t, dst, docEcho, echoStatements())
	before := allQuads(t, dst)
	for n := 1; ; n++ {
		if n > 1000 {
			t.Fatal("the restore never finished")
		}
		ctx := &interrupted{Context: context.Background(), n: n}
		_, err := dst.Restore(ctx, quads, graph.RestoreOptions{Force: true})
		if err == nil {
			break
		}
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("interrupted at check %d: %v", n, err)
		}
		if diff := cmp.Diff(before, allQuads(t, dst)); diff != "" {
			t.Fatalf("restore interrupted at check %d changed the store (-before +after):\n%s", n, diff)
		}
	}
	if diff := cmp.Diff(want, allQuads(t, dst)); diff != "" {
		t.Errorf("the finished restore (-backup +store):\n%s", diff)
	}
	if r, err := dst.Verify(context.Background()); err != nil || !r.OK() {
		t.Errorf("restored store does not verify: %v %v", r.Problems, err)
	}
}

func TestReadGeokgBackup(t *testing.T) {
	src := openMem(t)
	write(t, src, docTies, tiesStatements())
	good := backup(t, src)
	var emptyGzip bytes.Buffer
	gzip.NewWriter(&emptyGzip).Close()
	plain := func() string {
		zr, err := gzip.NewReader(bytes.NewReader(good))
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(zr)
		return b.String()
	}()
	var emptyStore bytes.Buffer
	if _, err := openMem(t).Backup(context.Background(), &emptyStore); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ name, data, want string }{
		{"empty file", "", "kg.nq.gz: the file is empty: it holds no geokg backup"},
		{"empty gzip", emptyGzip.String(), "kg.nq.gz: the file is empty"},
		{"no header", plain[strings.Index(plain, "\n")+1:], `kg.nq.gz:1: not a geokg backup: it does not open with "# geokg backup`},
		{"backup of an empty store", emptyStore.String(), "kg.nq.gz: the backup holds no quads"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := graph.ReadGeokgBackup(strings.NewReader(tt.data), "kg.nq.gz")
			if !errors.Is(err, graph.ErrBadBackup) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ReadGeokgBackup: %v, want %q", err, tt.want)
			}
			if tt.name == "no header" {
				if qs, err := graph.ReadBackup(strings.NewReader(tt.data), "kg.nq.gz"); err != nil || len(qs) == 0 {
					t.Errorf("ReadBackup of plain N-Quads: %d quads, %v", len(qs), err)
				}
			}
		})
	}
	if qs, err := graph.ReadGeokgBackup(bytes.NewReader(good), "kg.nq.gz"); err != nil || len(qs) == 0 {
		t.Errorf("ReadGeokgBackup of a backup: %d quads, %v", len(qs), err)
	}
}
