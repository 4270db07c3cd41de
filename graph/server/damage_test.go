package server_test

import (
	"encoding/binary"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph"
)

// TestDamagedStoreWhileServing damages the bolt file under a running
// server, as a failing disk does: the reads that meet the damage answer
// 503 naming no file, /health says the store is damaged, and the store
// still closes.
func TestDamagedStoreWhileServing(t *testing.T) {
	dir := t.TempDir()
	st := newStoreAt(t, dir)
	ts, log := newServerLog(t, st)
	get(t, ts.URL+"/api/geokg/v1/stats").want(t, http.StatusOK)
	get(t, ts.URL+"/health").want(t, http.StatusOK)

	// Zero every page but the two meta pages: bolt maps the file shared,
	// so the server reads the zeroes at once.
	file := filepath.Join(dir, "indexes.bolt")
	f, err := os.OpenFile(file, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	head := make([]byte, 64)
	if _, err := f.ReadAt(head, 0); err != nil {
		t.Fatal(err)
	}
	pageSize := int64(binary.LittleEndian.Uint32(head[16+8:]))
	fi, err := f.Stat()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteAt(make([]byte, fi.Size()-2*pageSize), 2*pageSize); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}

	// The relations read the file and meet the damage; the counts, kept
	// in memory since the first stats, are not given out once it is known.
	for _, path := range []string{"/api/geokg/v1/entities/Albania/relations", "/api/geokg/v1/stats", "/api/v2/read"} {
		r := get(t, ts.URL+path).want(t, http.StatusServiceUnavailable)
		if msg := r.errorMessage(t); !strings.Contains(msg, "damaged") || strings.Contains(msg, dir) {
			t.Errorf("GET %s: error %q, want the store named damaged without its path", path, msg)
		}
	}
	var h struct{ Status, Error string }
	get(t, ts.URL+"/health").want(t, http.StatusServiceUnavailable).decode(t, &h)
	if h.Status != "damaged" {
		t.Errorf("/health status %q, want damaged", h.Status)
	}
	if !strings.Contains(log.String(), "store "+dir+" is damaged") {
		t.Errorf("the error log does not name the damaged store:\n%s", log.String())
	}
	if err := st.Damaged(); err == nil || !strings.Contains(err.Error(), "restore from a backup") {
		t.Errorf("Damaged() = %v", err)
	}
	ts.Close()
	if err := st.Close(); !errors.Is(err, graph.ErrDamaged) {
		t.Errorf("close: %v, want the store named damaged", err)
	}
}
