package server

import (
	"bytes"
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

// Where the server serves the files Cayley's UI loads from elsewhere in
// its build: the Monaco editor (embedded, or the one WithMonaco gives) and
// the Material Icons font.
const (
	monacoPrefix = "monaco-editor/"
	iconsPrefix  = "material-icons/"
)

// uiAssets serves Cayley's web UI from the files embedded in the Cayley
// module. Its build calls a server fixed at http://localhost:64210, loads
// the Monaco editor from a CDN and its icon font from Google Fonts; the
// JavaScript and CSS are rewritten once, in memory, so that it calls the
// server it was loaded from, wherever that listens, and loads Monaco and
// the font from this server, which embeds them (web/vendor). So the UI
// needs no network.
type uiAssets struct {
	web       fs.FS
	rewritten map[string][]byte // path in web → rewritten content
	monaco    fs.FS             // the root of the monaco-editor package
	icons     fs.FS             // the Material Icons font and its stylesheet

	// The explore page (explore.go).
	explore    fs.FS // its own files
	cytoscape  fs.FS // its graph library
	predicates map[string]predicateInfo
}

var (
	// uiServerURL is the server the UI's build names, as a JavaScript
	// string; it becomes "", so requests go to the page's own origin.
	uiServerURL = []byte(`"http://localhost:64210"`)
	// uiMonacoCDN matches the Monaco URLs of the UI's build: the loader and
	// the base of its modules.
	uiMonacoCDN = regexp.MustCompile(`"https://cdn\.jsdelivr\.net/npm/monaco-editor@[0-9A-Za-z.\-]+/min/vs(/loader\.js)?"`)
	// uiIconsCDN is the UI's stylesheet's import of the icon font.
	uiIconsCDN = []byte(`@import url(https://fonts.googleapis.com/icon?family=Material+Icons)`)
)

func newUIAssets(monaco fs.FS) (*uiAssets, error) {
	web, err := fs.Sub(cayleyui.FS, "web")
	if err != nil {
		return nil, fmt.Errorf("cayley UI: %w", err)
	}
	if monaco == nil {
		monaco = vendorFS("monaco-editor")
	} else if _, err := fs.Stat(monaco, "min/vs/loader.js"); err != nil {
		return nil, fmt.Errorf("monaco editor: no min/vs/loader.js (want the root of the monaco-editor npm package): %w", err)
	}
	u := &uiAssets{web: web, rewritten: make(map[string][]byte), monaco: monaco, icons: vendorFS("material-icons"),
		explore: exploreFS(), cytoscape: vendorFS("cytoscape"), predicates: explorePredicates()}
	var server, cdn, icons bool
	if err := u.rewrite("static/js/*.js", func(b []byte) []byte {
		server = server || bytes.Contains(b, uiServerURL)
		cdn = cdn || uiMonacoCDN.Match(b)
		b = bytes.ReplaceAll(b, uiServerURL, []byte(`""`))
		return uiMonacoCDN.ReplaceAll(b, []byte(`window.location.origin+"/`+monacoPrefix+`min/vs$1"`))
	}); err != nil {
		return nil, err
	}
	if err := u.rewrite("static/css/*.css", func(b []byte) []byte {
		icons = icons || bytes.Contains(b, uiIconsCDN)
		return bytes.ReplaceAll(b, uiIconsCDN, []byte(`@import url(/`+iconsPrefix+`material-icons.css)`))
	}); err != nil {
		return nil, err
	}
	if !server || !cdn || !icons {
		return nil, fmt.Errorf("cayley UI: its files name no server URL, Monaco CDN or icon font to rewrite (found %v, %v, %v); this build of the UI is not the one geokg knows", server, cdn, icons)
	}
	return u, nil
}

// rewrite applies fn to the UI's files matching pattern, and keeps those
// it changed.
func (u *uiAssets) rewrite(pattern string, fn func([]byte) []byte) error {
	files, err := fs.Glob(u.web, pattern)
	if err != nil {
		return fmt.Errorf("cayley UI: %w", err)
	}
	for _, p := range files {
		b, err := fs.ReadFile(u.web, p)
		if err != nil {
			return fmt.Errorf("cayley UI: %w", err)
		}
		if nb := fn(b); !bytes.Equal(b, nb) {
			u.rewritten[p] = nb
		}
	}
	return nil
}

// serve answers GET requests for the UI's files; "/" is its page.
func (u *uiAssets) serve(w http.ResponseWriter, r *http.Request) {
	p := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if p == "" {
		p = "index.html"
	}
	if rest, ok := strings.CutPrefix(p, monacoPrefix); ok {
		if !strings.HasPrefix(rest, "min/vs/") {
			notFound(w, r)
			return
		}
		serveAsset(w, r, u.monaco, rest)
		return
	}
	if rest, ok := strings.CutPrefix(p, iconsPrefix); ok {
		serveAsset(w, r, u.icons, rest)
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
