package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/geokg/geokg/graph/server"
	"github.com/geokg/geokg/schema"
)

// WebDriver's codes of the keys the explore test presses.
const (
	keyEnter     = "\uE007"
	keyArrowDown = "\uE015"
)

func TestExplore(t *testing.T) {
	ts := newServer(t, newStore(t))

	page := get(t, ts.URL+"/explore/").want(t, http.StatusOK)
	if !strings.HasPrefix(page.header.Get("Content-Type"), "text/html") || !strings.Contains(string(page.body), `<script src="explore.js"`) {
		t.Fatalf("/explore/ is not the explore page: %s %.200s", page.header.Get("Content-Type"), page.body)
	}
	csp := page.header.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	// No file of the page names another origin: it loads everything from
	// this server.
	for _, f := range []string{"explore.js", "explore.css"} {
		r := get(t, ts.URL+"/explore/"+f).want(t, http.StatusOK)
		body := strings.ReplaceAll(string(r.body), `"http://www.w3.org/2000/svg"`, "") // a name, not a place
		if strings.Contains(body, "http://") || strings.Contains(body, "https://") {
			t.Errorf("%s names another origin", f)
		}
	}
	if !strings.Contains(string(page.body), `src="vendor/cytoscape.min.js"`) {
		t.Error("the page does not load cytoscape from this server")
	}
	cy := get(t, ts.URL+"/explore/vendor/cytoscape.min.js").want(t, http.StatusOK)
	if !strings.Contains(string(cy.body), "cytoscape") || !strings.HasPrefix(cy.header.Get("Content-Type"), "text/javascript") {
		t.Errorf("cytoscape.min.js: %s, %d bytes", cy.header.Get("Content-Type"), len(cy.body))
	}

	var preds map[string]struct {
		Label, Family, Kind string
	}
	get(t, ts.URL+"/explore/predicates.json").want(t, http.StatusOK).decode(t, &preds)
	for _, p := range schema.Predicates() {
		if got := preds[p.Name]; got.Family != string(p.Family) || got.Label != p.Label {
			t.Errorf("predicates.json %s = %+v, want family %s, label %q", p.Name, got, p.Family, p.Label)
		}
	}

	// /explore redirects to the page; nothing outside its files is served.
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(ts.URL + "/explore")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); resp.StatusCode/100 != 3 || loc != "/explore/" {
		t.Errorf("/explore: %d to %q, want a redirect to /explore/", resp.StatusCode, loc)
	}
	for _, p := range []string{"/explore/vendor/", "/explore/vendor/LICENSE", "/explore/../ui.go", "/explore/web/explore/index.html", "/explore/nothing.js"} {
		if r := get(t, ts.URL+p); r.code != http.StatusNotFound && !(r.code == http.StatusOK && strings.Contains(string(r.body), "<title>Cayley</title>")) {
			t.Errorf("%s: %d %.100s, want 404", p, r.code, r.body)
		}
	}
	if r := post(t, ts.URL+"/explore/", "x"); r.code != http.StatusMethodNotAllowed {
		t.Errorf("POST /explore/: %d", r.code)
	}
}

func TestBrowserExplore(t *testing.T) {
	st := newStore(t)
	ts, failed := newWatchedServer(t, st)
	b, proxy := startBrowser(t)
	shots := t.TempDir()

	// What the page should show, from the read API.
	relations := func(name, query string) server.RelationsResponse {
		var r server.RelationsResponse
		get(t, ts.URL+"/api/geokg/v1/entities/"+name+"/relations"+query).want(t, http.StatusOK).decode(t, &r)
		return r
	}
	all := relations("Albania", "")
	var dated, notConflict int
	merged := map[string]bool{}
	neighbours := map[string]bool{}
	for _, s := range all.Relations {
		if s.Date != "" || s.Since != "" {
			dated++
		}
		p, _ := schema.LookupPredicate(s.Predicate)
		if p.Family != schema.Conflict {
			notConflict++
		}
		merged[s.Subject.IRI+" "+s.Predicate+" "+s.Object.IRI] = true
		for _, e := range []schema.Entity{s.Subject, s.Object} {
			if e.IRI != all.Entity.IRI {
				neighbours[e.Name] = true
			}
		}
	}
	if len(all.Relations) < 3 || dated == 0 || dated == len(all.Relations) && notConflict == len(all.Relations) {
		t.Fatalf("the test store's relations of Albania do not exercise the page: %d relations, %d dated, %d not conflict", len(all.Relations), dated, notConflict)
	}

	b.navigate(t, ts.URL+"/explore/")
	b.waitFor(t, shots, "the search box", `return !!document.getElementById("q") && !document.getElementById("welcome").hidden`)

	// Search: the suggestions come as the name is typed.
	b.typeInto(t, b.find(t, "css selector", "#q"), "Alban")
	b.waitFor(t, shots, "Albania among the suggestions", `
		const ul = document.getElementById("suggestions");
		return !ul.hidden && [...ul.querySelectorAll("li[role=option]")].some(li => li.textContent.includes("Albania"))`)
	b.screenshot(t, shots, "explore-search.png")
	b.click(t, b.find(t, "xpath", `//ul[@id='suggestions']/li[@role='option'][.//span[@class='name' and normalize-space()='Albania']]`))

	// The entity's page: its relations, the timeline and the graph.
	b.waitFor(t, shots, "Albania's page", `return !document.getElementById("entity").hidden && document.getElementById("name").textContent === "Albania"`)
	b.waitFor(t, shots, "its relations", fmt.Sprintf(`return document.querySelectorAll("#relations > li").length === %d`, len(all.Relations)))
	b.waitFor(t, shots, "a dot on the timeline for each dated relation", fmt.Sprintf(`return document.querySelectorAll("#timeline svg circle.event").length === %d`, dated))
	b.waitFor(t, shots, "the neighbourhood graph drawn", fmt.Sprintf(`
		const g = document.getElementById("graph");
		const c = g.querySelector("canvas");
		return !!c && c.width > 0 && c.height > 0 && g.dataset.nodes === "%d" && g.dataset.edges === "%d"`, len(neighbours)+1, len(merged)))
	var page struct {
		Text       string
		Neighbours []string
		Evidence   int
		Sources    []string
		Colours    []string
	}
	b.script(t, `return {
		Text: document.getElementById("entity").innerText,
		Neighbours: [...document.querySelectorAll("#graph-list a")].map(a => a.textContent),
		Evidence: document.querySelectorAll("#relations blockquote").length,
		Sources: [...document.querySelectorAll("#relations .source")].map(li => li.textContent),
		Colours: [...new Set([...document.querySelectorAll("#timeline circle.event")].map(c => c.getAttribute("fill")))],
	}`, &page)
	b.screenshot(t, shots, "explore-entity.png")
	b.script(t, `document.getElementById("relations").scrollIntoView(); return true`, nil)
	b.screenshot(t, shots, "explore-relations.png")
	b.script(t, `window.scrollTo(0, 0); return true`, nil)
	if !strings.Contains(page.Text, "severed ties with") || !strings.Contains(page.Text, "Iran") {
		t.Errorf("the page does not say Albania severed ties with Iran:\n%.1500s", page.Text)
	}
	for n := range neighbours {
		if !strings.Contains(strings.Join(page.Neighbours, "|"), n) {
			t.Errorf("the graph lacks %s: %q", n, page.Neighbours)
		}
	}
	if page.Evidence == 0 {
		t.Error("no evidence sentence on the page")
	}
	for iri, d := range all.Documents {
		if d.Headline != "" && !strings.Contains(strings.Join(page.Sources, "|"), d.Headline) {
			t.Errorf("the sources do not name %s, %q: %q", iri, d.Headline, page.Sources)
		}
	}
	if len(page.Colours) < 2 {
		t.Errorf("the timeline's dots have %d colours, want one a family: %q", len(page.Colours), page.Colours)
	}

	// Filters: a family off, merged lines, a time range.
	b.click(t, b.find(t, "css selector", `input[name=family][value=conflict]`))
	b.waitFor(t, shots, "the conflict relations hidden", fmt.Sprintf(`
		return document.querySelectorAll("#relations > li").length === %d && document.querySelectorAll("#relations > li.conflict").length === 0`, notConflict))
	b.click(t, b.find(t, "css selector", `input[name=family][value=conflict]`))
	b.click(t, b.find(t, "css selector", `#merged`))
	b.waitFor(t, shots, "one line a relation, with its count", fmt.Sprintf(`
		const li = document.querySelectorAll("#relations > li");
		return li.length === %d && [...li].every(l => !!l.querySelector(".rel-count"))`, len(merged)))
	b.click(t, b.find(t, "css selector", `#merged`))
	since := relations("Albania", "?since=2020")
	b.typeInto(t, b.find(t, "css selector", "#since"), "2020")
	b.click(t, b.find(t, "css selector", `#filters button[type=submit]`))
	b.waitFor(t, shots, "the relations since 2020", fmt.Sprintf(`
		return location.search.includes("since=2020") && document.querySelectorAll("#relations > li").length === %d`, len(since.Relations)))
	if len(since.Relations) == len(all.Relations) {
		t.Errorf("since=2020 keeps all %d relations: the filter is not tested", len(all.Relations))
	}
	b.screenshot(t, shots, "explore-filtered.png")

	// A neighbour's name opens its page.
	b.click(t, b.find(t, "xpath", `//ol[@id='relations']//a[normalize-space()='Iran']`))
	b.waitFor(t, shots, "Iran's page", `return document.getElementById("name").textContent === "Iran" && document.querySelectorAll("#relations > li").length > 0`)
	b.cmd(t, http.MethodPost, "/back", map[string]any{}, nil)
	b.waitFor(t, shots, "Albania's page again, after Back", `return document.getElementById("name").textContent === "Albania"`)

	// The keyboard: a capital finds its state, shown with the alias that
	// matched; arrows move through the suggestions and Enter opens one.
	q := b.find(t, "css selector", "#q")
	b.cmd(t, http.MethodPost, "/element/"+q+"/clear", map[string]any{}, nil)
	b.typeInto(t, q, "Tehra")
	b.waitFor(t, shots, "Iran suggested for Tehra, by its alias", `
		const li = [...document.querySelectorAll("#suggestions li[role=option]")];
		return !document.getElementById("suggestions").hidden && li.some(l => l.textContent.includes("Iran") && l.textContent.includes("(Tehran)"))`)
	var pos int
	b.script(t, `return [...document.querySelectorAll("#suggestions li[role=option]")].findIndex(l => l.textContent.includes("(Tehran)"))`, &pos)
	keys := strings.Repeat(keyArrowDown, pos) + keyEnter
	b.typeInto(t, q, keys)
	b.waitFor(t, shots, "Iran's page, opened with Enter", `return document.getElementById("name").textContent === "Iran" && location.search.includes("entity=ent%3Airan")`)
	b.cmd(t, http.MethodPost, "/back", map[string]any{}, nil)
	b.waitFor(t, shots, "Albania's page again, after Back", `return document.getElementById("name").textContent === "Albania"`)

	// An unknown name says so.
	b.navigate(t, ts.URL+"/explore/?entity=Atlantis")
	b.waitFor(t, shots, "the error", `return document.getElementById("status").textContent.length > 0`)

	checkOffline(t, b, proxy, ts.URL)
	for _, f := range failed() {
		if !strings.Contains(f, "/api/geokg/v1/entities/Atlantis/") {
			t.Errorf("the server failed a request: %s", f)
		}
	}
}
