package server_test

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/geokg/geokg/graph/server"
)

// scripts returns the paths of the scripts the UI's page loads.
func scripts(t *testing.T, page []byte) []string {
	t.Helper()
	var out []string
	for _, m := range regexp.MustCompile(`<script src="([^"]+)"`).FindAllSubmatch(page, -1) {
		out = append(out, string(m[1]))
	}
	if len(out) == 0 {
		t.Fatalf("the UI's page loads no script")
	}
	return out
}

func TestUI(t *testing.T) {
	st := newStore(t)
	t.Run("embedded Monaco and icons", func(t *testing.T) {
		ts := newServer(t, st)
		page := get(t, ts.URL+"/").want(t, http.StatusOK)
		if !strings.Contains(string(page.body), "<title>Cayley</title>") || !strings.HasPrefix(page.header.Get("Content-Type"), "text/html") {
			t.Fatalf("/ is not the UI's page: %s %.200s", page.header.Get("Content-Type"), page.body)
		}
		var all string
		for _, s := range scripts(t, page.body) {
			r := get(t, ts.URL+s).want(t, http.StatusOK)
			all += string(r.body)
		}
		for _, s := range regexp.MustCompile(`<link href="([^"]+\.css)"`).FindAllStringSubmatch(string(page.body), -1) {
			all += string(get(t, ts.URL+s[1]).want(t, http.StatusOK).body)
		}
		for _, cdn := range []string{"localhost:64210", "cdn.jsdelivr.net", "googleapis.com", "gstatic.com"} {
			if strings.Contains(all, cdn) {
				t.Errorf("the UI's scripts and styles still name %s", cdn)
			}
		}
		if !strings.Contains(all, `window.location.origin+"/monaco-editor/min/vs/loader.js"`) {
			t.Error("the UI does not load Monaco's loader from this server")
		}
		if !strings.Contains(all, `@import url(/material-icons/material-icons.css)`) {
			t.Error("the UI does not load its icon font from this server")
		}
		// What the UI loads of Monaco: the editor, its worker, and the
		// languages of Gizmo (JavaScript), GraphQL and MQL (JSON).
		for _, f := range []string{"loader.js", "editor/editor.main.js", "editor/editor.main.css", "editor/editor.main.nls.js",
			"base/worker/workerMain.js", "basic-languages/javascript/javascript.js", "basic-languages/graphql/graphql.js",
			"language/typescript/tsMode.js", "language/typescript/tsWorker.js", "language/json/jsonMode.js", "language/json/jsonWorker.js"} {
			get(t, ts.URL+"/monaco-editor/min/vs/"+f).want(t, http.StatusOK)
		}
		css := get(t, ts.URL+"/material-icons/material-icons.css").want(t, http.StatusOK)
		if !strings.Contains(string(css.body), `font-family: "Material Icons"`) || !strings.HasPrefix(css.header.Get("Content-Type"), "text/css") {
			t.Errorf("material-icons.css: %s %.200s", css.header.Get("Content-Type"), css.body)
		}
		if font := get(t, ts.URL+"/material-icons/material-icons.woff2").want(t, http.StatusOK); !strings.HasPrefix(string(font.body), "wOF2") {
			t.Errorf("material-icons.woff2 is not a WOFF2 font: %q", font.body[:min(len(font.body), 8)])
		}
		get(t, ts.URL+"/gizmo.d.ts").want(t, http.StatusOK)
		get(t, ts.URL+"/monaco-editor/LICENSE").want(t, http.StatusNotFound)
		get(t, ts.URL+"/monaco-editor/min/vs/basic-languages/python/python.js").want(t, http.StatusNotFound) // not embedded
		get(t, ts.URL+"/monaco-editor/min/vs/").want(t, http.StatusNotFound)
		get(t, ts.URL+"/static/").want(t, http.StatusNotFound) // no directory listing
	})

	t.Run("gzip", func(t *testing.T) {
		ts := newServer(t, st)
		u := ts.URL + "/monaco-editor/min/vs/loader.js"
		zipped := get(t, u, "Accept-Encoding", "gzip").want(t, http.StatusOK)
		if zipped.header.Get("Content-Encoding") != "gzip" || !strings.Contains(zipped.header.Get("Vary"), "Accept-Encoding") {
			t.Fatalf("loader.js to a client taking gzip: Content-Encoding %q, Vary %q", zipped.header.Get("Content-Encoding"), zipped.header.Get("Vary"))
		}
		zr, err := gzip.NewReader(bytes.NewReader(zipped.body))
		if err != nil {
			t.Fatal(err)
		}
		inflated, err := io.ReadAll(zr)
		if err != nil {
			t.Fatal(err)
		}
		plain := get(t, u, "Accept-Encoding", "identity").want(t, http.StatusOK)
		if plain.header.Get("Content-Encoding") != "" || !bytes.Equal(plain.body, inflated) || !bytes.Contains(plain.body, []byte("define")) {
			t.Errorf("loader.js to a client without gzip: Content-Encoding %q, %d bytes, want the %d bytes inflated", plain.header.Get("Content-Encoding"), len(plain.body), len(inflated))
		}
		if ct := plain.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/javascript") {
			t.Errorf("loader.js: Content-Type %q", ct)
		}
		get(t, u, "Accept-Encoding", "gzip", "If-None-Match", zipped.header.Get("ETag")).want(t, http.StatusNotModified)
		if noGzip := get(t, u, "Accept-Encoding", "gzip;q=0").want(t, http.StatusOK); noGzip.header.Get("Content-Encoding") != "" {
			t.Error("gzip;q=0 got gzip")
		}
	})

	t.Run("with Monaco", func(t *testing.T) {
		monaco := fstest.MapFS{
			"min/vs/loader.js":             {Data: []byte("/* loader */")},
			"min/vs/editor/editor.main.js": {Data: []byte("/* editor */")},
			"package.json":                 {Data: []byte(`{"name": "monaco-editor"}`)},
		}
		ts := newServer(t, st, server.WithMonaco(monaco))
		page := get(t, ts.URL+"/").want(t, http.StatusOK)
		var all string
		for _, s := range scripts(t, page.body) {
			all += string(get(t, ts.URL+s).want(t, http.StatusOK).body)
		}
		if strings.Contains(all, "cdn.jsdelivr.net") {
			t.Error("with a given Monaco the UI still loads it from the CDN")
		}
		if !strings.Contains(all, `window.location.origin+"/monaco-editor/min/vs/loader.js"`) {
			t.Error("the UI does not load Monaco's loader from this server")
		}
		r := get(t, ts.URL+"/monaco-editor/min/vs/loader.js").want(t, http.StatusOK)
		if string(r.body) != "/* loader */" {
			t.Errorf("loader.js: %q", r.body)
		}
		get(t, ts.URL+"/monaco-editor/package.json").want(t, http.StatusNotFound)
		get(t, ts.URL+"/monaco-editor/min/vs/").want(t, http.StatusNotFound)
	})

	t.Run("Monaco without its loader", func(t *testing.T) {
		if _, err := server.New(st, server.WithMonaco(fstest.MapFS{"README.md": {}})); err == nil {
			t.Error("New accepted a Monaco directory without min/vs/loader.js")
		}
	})
}
