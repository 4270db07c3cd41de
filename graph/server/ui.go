package server

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	cayleyui "github.com/cayleygraph/cayley/ui"
)

// monacoPrefix is where the server serves the Monaco editor given by
// WithMonaco.
const monacoPrefix = "monaco-editor/"

// uiAssets serves Cayley's web UI from the files embedded in the Cayley
// module. Its build calls a server fixed at http://localhost:64210 and
// loads the Monaco editor from a CDN; the JavaScript is rewritten once, in
// memory, so that it calls the server it was loaded from, wherever that
// listens, and loads Monaco from this server when one is configured.
type uiAssets struct {
	web       fs.FS
	rewritten map[string][]byte // path in web → rewritten content
	monaco    fs.FS             // the monaco-editor package, or nil
}

var (
	// uiServerURL is the server the UI's build names, as a JavaScript
	// string; it becomes "", so requests go to the page's own origin.
	uiServerURL = []byte(`"http://localhost:64210"`)
	// uiMonacoCDN matches the Monaco URLs of the UI's build: the loader and
	// the base of its modules.
	uiMonacoCDN = regexp.MustCompile(`"https://cdn\.jsdelivr\.net/npm/monaco-editor@[0-9A-Za-z.\-]+/min/vs(/loader\.js)?"`)
)

func newUIAssets(monaco fs.FS) (*uiAssets, error) {
	web, err := fs.Sub(cayleyui.FS, "web")
	if err != nil {
		return nil, fmt.Errorf("cayley UI: %w", err)
	}
	if monaco != nil {
		if _, err := fs.Stat(monaco, "min/vs/loader.js"); err != nil {
			return nil, fmt.Errorf("monaco editor: no min/vs/loader.js (want the root of the monaco-editor npm package): %w", err)
		}
	}
	u := &uiAssets{web: web, rewritten: make(map[string][]byte), monaco: monaco}
	scripts, err := fs.Glob(web, "static/js/*.js")
	if err != nil {
		return nil, fmt.Errorf("cayley UI: %w", err)
	}
	found := false
	for _, p := range scripts {
		b, err := fs.ReadFile(web, p)
		if err != nil {
			return nil, fmt.Errorf("cayley UI: %w", err)
		}
		nb := bytes.ReplaceAll(b, uiServerURL, []byte(`""`))
		if monaco != nil {
			nb = uiMonacoCDN.ReplaceAll(nb, []byte(`window.location.origin+"/`+monacoPrefix+`min/vs$1"`))
		}
		if !bytes.Equal(b, nb) {
			found = found || bytes.Contains(b, uiServerURL)
			u.rewritten[p] = nb
		}
	}
	if !found {
		return nil, errors.New("cayley UI: its scripts name no server URL to rewrite; this build of the UI is not the one geokg knows")
	}
	return u, nil
}

// serve answers GET requests for the UI's files; "/" is its page.
func (u *uiAssets) serve(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if p == "" {
		p = "index.html"
	}
	if rest, ok := strings.CutPrefix(p, monacoPrefix); ok {
		if u.monaco == nil || !strings.HasPrefix(rest, "min/vs/") {
			notFound(w, r)
			return
		}
		serveFile(w, r, u.monaco, rest)
		return
	}
	if b, ok := u.rewritten[p]; ok {
		w.Header().Set("Cache-Control", "no-cache")
		if ct := mime.TypeByExtension(path.Ext(p)); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		http.ServeContent(w, r, p, time.Time{}, bytes.NewReader(b))
		return
	}
	if p == "index.html" {
		w.Header().Set("Cache-Control", "no-cache")
	}
	serveFile(w, r, u.web, p)
}

// serveFile serves one regular file of fsys, without directory listings.
func serveFile(w http.ResponseWriter, r *http.Request, fsys fs.FS, name string) {
	fi, err := fs.Stat(fsys, name)
	if err != nil || fi.IsDir() {
		notFound(w, r)
		return
	}
	f, err := fsys.Open(name)
	if err != nil {
		notFound(w, r)
		return
	}
	defer f.Close()
	rs, ok := f.(interface {
		Read([]byte) (int, error)
		Seek(int64, int) (int64, error)
	})
	if !ok {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			notFound(w, r)
			return
		}
		http.ServeContent(w, r, name, fi.ModTime(), bytes.NewReader(b))
		return
	}
	http.ServeContent(w, r, name, fi.ModTime(), rs)
}
