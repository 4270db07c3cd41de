package server

import (
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/geokg/geokg/schema"
)

// ExplorePath is where the server serves geokg's page for people: find an
// actor, read its dated relations with evidence and sources on a timeline,
// and see its neighbourhood drawn as a graph. The page (web/explore) reads
// the read API of the server that serves it and loads nothing from
// elsewhere: its graph library, cytoscape.js, is embedded (web/vendor).
const ExplorePath = "/explore/"

// exploreCSP is the Content-Security-Policy of the explore page's files:
// scripts, data and fonts from this server only, no frames, no plugins.
// Inline styles are allowed: the graph library sets some.
const exploreCSP = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// predicateInfo is what the explore page knows of a predicate, in
// /explore/predicates.json.
type predicateInfo struct {
	Label  string `json:"label"`
	Kind   string `json:"kind"`
	Family string `json:"family"`
	CAMEO  string `json:"cameo,omitempty"`
}

// explorePredicates maps each predicate of the schema to its label, kind
// and family, which the page colours relations by.
func explorePredicates() map[string]predicateInfo {
	m := make(map[string]predicateInfo)
	for _, p := range schema.Predicates() {
		m[p.Name] = predicateInfo{Label: p.Label, Kind: string(p.Kind), Family: string(p.Family), CAMEO: p.CAMEO}
	}
	return m
}

// serveExplore serves the explore page's files under ExplorePath.
func (u *uiAssets) serveExplore(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Security-Policy", exploreCSP)
	name := strings.TrimPrefix(path.Clean(r.URL.Path), strings.TrimSuffix(ExplorePath, "/"))
	name = strings.TrimPrefix(name, "/")
	switch name {
	case "", "index.html":
		w.Header().Set("Cache-Control", "no-cache")
		serveAsset(w, r, u.explore, "index.html")
	case "predicates.json":
		writeJSON(w, http.StatusOK, u.predicates)
	case "vendor/cytoscape.min.js":
		serveAsset(w, r, u.cytoscape, "cytoscape.min.js")
	default:
		if strings.Contains(name, "/") {
			notFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "no-cache")
		serveAsset(w, r, u.explore, name)
	}
}

// exploreFS is the explore page's own files.
func exploreFS() fs.FS {
	sub, err := fs.Sub(webFiles, "web/explore")
	if err != nil {
		panic(err) // a constant path in an embedded tree
	}
	return sub
}
