package server

import (
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/hex"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:generate sh web/vendor.sh

// webFiles holds the pages geokg serves besides Cayley's UI (web/explore)
// and the third-party files they and Cayley's UI load (web/vendor, made by
// web/vendor.sh from npm; most of them gzipped), so that no page needs the
// network.
//
//go:embed web/explore web/vendor
var webFiles embed.FS

// vendorFS returns the directory of web/vendor named dir.
func vendorFS(dir string) fs.FS {
	sub, err := fs.Sub(webFiles, path.Join("web/vendor", dir))
	if err != nil {
		panic(err) // a constant path in an embedded tree
	}
	return sub
}

// serveAsset serves the file name of fsys, or, where fsys holds it
// gzipped as name.gz, that file: as it is to a client that takes gzip,
// inflated to one that does not. Assets never change while the server
// runs, and their names carry no version, so clients revalidate them.
func serveAsset(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) {
	if fi, err := fs.Stat(fsys, name); err == nil && !fi.IsDir() {
		serveFile(w, r, fsys, name)
		return
	}
	gz, err := fs.ReadFile(fsys, name+".gz")
	if err != nil {
		notFound(w, r)
		return
	}
	h := w.Header()
	h.Add("Vary", "Accept-Encoding")
	if ct := mime.TypeByExtension(path.Ext(name)); ct != "" {
		h.Set("Content-Type", ct)
	}
	if acceptsGzip(r) {
		h.Set("Content-Encoding", "gzip")
		// An ETag names the gzipped bytes; ServeContent then answers
		// If-None-Match with 304.
		h.Set("ETag", `"`+etag(gz)+`-gz"`)
		http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(gz))
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error")
		return
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal error")
		return
	}
	h.Set("ETag", `"`+etag(gz)+`"`)
	http.ServeContent(w, r, name, time.Time{}, bytes.NewReader(plain))
}

// acceptsGzip reports whether r's Accept-Encoding takes gzip (with a
// non-zero quality).
func acceptsGzip(r *http.Request) bool {
	for _, part := range strings.Split(r.Header.Get("Accept-Encoding"), ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(coding), "gzip") {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}

// etag names the content of a gzip file by its trailer: the CRC-32 and
// length of what it inflates to.
func etag(gz []byte) string {
	if len(gz) < 8 {
		return "0"
	}
	return hex.EncodeToString(gz[len(gz)-8:])
}
