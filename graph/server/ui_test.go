package server_test

import (
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
	t.Run("without Monaco", func(t *testing.T) {
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
		if strings.Contains(all, "localhost:64210") {
			t.Error("the UI's scripts still call http://localhost:64210")
		}
		if !strings.Contains(all, "cdn.jsdelivr.net/npm/monaco-editor") {
			t.Error("without a local Monaco the UI should load it from its CDN as built")
		}
		get(t, ts.URL+"/gizmo.d.ts").want(t, http.StatusOK)
		get(t, ts.URL+"/monaco-editor/min/vs/loader.js").want(t, http.StatusNotFound)
		get(t, ts.URL+"/static/").want(t, http.StatusNotFound) // no directory listing
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
			t.Error("with a local Monaco the UI still loads it from the CDN")
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
