package server_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/geokg/geokg/graph/server"
)

// The browser tests drive Cayley's web UI and geokg's explore page, served
// by our server, in headless Chromium through ChromeDriver's WebDriver
// protocol (plain JSON over HTTP). .ci/install.d/30-browser.sh installs
// what they need: Debian's chromium and chromium-driver. Chromium runs
// with the network cut: every request not for loopback goes to a proxy
// that refuses it and notes it (offlineProxy), and a test fails when any
// was made, so the pages work with what the server embeds.
//
// Environment:
//
//	GEOKG_SCREENSHOT_DIR  a directory to copy the screenshots to, besides
//	                      the test's temporary directory

// browserFlags start Chromium headless, as root, on a machine without
// network access beyond loopback.
var browserFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-dev-shm-usage", "--window-size=1280,860",
	"--disable-default-apps", "--disable-domain-reliability", "--no-pings",
	"--disable-features=OptimizationHints,AutofillServerCommunication,NetworkTimeServiceQuerying,MediaRouter,Translate",
}

// startBrowser starts ChromeDriver and a Chromium session whose requests
// beyond loopback go to the returned proxy; it skips the test (fails in
// CI) when Chromium or ChromeDriver is missing.
func startBrowser(t *testing.T) (*browser, *offlineProxy) {
	t.Helper()
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		skipOrFail(t, "chromium not found (apt-get install chromium): %v", err)
	}
	chromedriver, err := exec.LookPath("chromedriver")
	if err != nil {
		skipOrFail(t, "chromedriver not found (apt-get install chromium-driver): %v", err)
	}
	proxy := startOfflineProxy(t)
	wd := startChromeDriver(t, chromedriver)
	return wd.newSession(t, chromium, "--proxy-server="+proxy.url), proxy
}

func TestBrowserUI(t *testing.T) {
	ts, failed := newWatchedServer(t, newStore(t))
	b, proxy := startBrowser(t)
	shots := t.TempDir()

	b.navigate(t, ts.URL+"/")
	b.waitFor(t, shots, "the query editor", `return document.querySelectorAll(".monaco-editor .view-lines").length > 0`)
	// The Run button's icon is drawn by the embedded font, not spelt out.
	b.waitFor(t, shots, "the icon font", `return [...document.fonts].some(f => f.family.includes("Material Icons") && f.status === "loaded") && document.fonts.check('24px "Material Icons"')`)

	// The Query page: type the query, run it, read the results.
	b.typeQuery(t, shots, gizmoTies)
	b.click(t, b.find(t, "xpath", `//button[contains(., 'Run')]`))
	b.waitFor(t, shots, `"ent:iran" in the results`, `return document.body.innerText.includes("ent:iran")`)
	if !strings.Contains(b.text(t), "iran") {
		t.Error(`"iran" is not on the page`)
	}
	b.screenshot(t, shots, "ui-query.png")

	// The Visualize page draws the links of a query tagging "source" and
	// "target" as a graph.
	b.click(t, b.find(t, "xpath", `//*[contains(@class, 'mdc-list-item') and normalize-space() = 'Visualize']`))
	b.waitFor(t, shots, "the Visualize page's editor", `return document.querySelectorAll(".monaco-editor .view-lines").length > 0`)
	b.typeQuery(t, shots, `g.V("<ent:albania>").Tag("source").Out().Tag("target").All()`)
	b.click(t, b.find(t, "xpath", `//button[contains(., 'Run')]`))
	b.waitFor(t, shots, "a graph of nodes and links", `
		const svg = document.querySelector(".graph svg");
		return !!svg && svg.querySelectorAll("circle").length >= 3 && svg.querySelectorAll("line").length >= 2 &&
			svg.textContent.includes("ent:iran");`)
	b.screenshot(t, shots, "ui-graph.png")

	// The Query Shape page shows the shape /api/v1/shape/gizmo gives.
	b.click(t, b.find(t, "xpath", `//*[contains(@class, 'mdc-list-item') and normalize-space() = 'Query Shape']`))
	b.waitFor(t, shots, "the Query Shape page's editor", `return document.querySelectorAll(".monaco-editor .view-lines").length > 0`)
	b.typeQuery(t, shots, gizmoTies)
	b.click(t, b.find(t, "xpath", `//button[contains(., 'Run')]`))
	b.waitFor(t, shots, "the query's shape", `return document.body.innerText.includes("is_link_node")`)
	b.screenshot(t, shots, "ui-shape.png")

	// The editor's language services run in workers loaded from this
	// server: Gizmo's completion knows gizmo.d.ts.
	var workers bool
	b.script(t, `return performance.getEntriesByType("resource").some(e => e.name.includes("/monaco-editor/min/vs/base/worker/workerMain.js"))`, &workers)
	if !workers {
		t.Error("the editor loaded no worker from this server")
	}

	checkOffline(t, b, proxy, ts.URL)
	if f := failed(); len(f) > 0 {
		t.Errorf("requests the server failed: %q", f)
	}
}

// checkOffline fails the test when the page asked for anything beyond
// loopback: a resource it loaded from another origin, or a request that
// reached the proxy, which stands for the network, other than Chromium's
// own calls to its vendors' services (updates, sign-in, time, the search
// engine's preconnect), which it makes whatever the page.
func checkOffline(t *testing.T, b *browser, proxy *offlineProxy, origin string) {
	t.Helper()
	var loaded []string
	b.script(t, `return performance.getEntriesByType("resource").map(e => e.name)`, &loaded)
	for _, u := range loaded {
		if !strings.HasPrefix(u, origin+"/") && !strings.HasPrefix(u, "data:") && !strings.HasPrefix(u, "blob:") {
			t.Errorf("the page loaded %s, not from the server", u)
		}
	}
	var own []string
	for _, r := range proxy.requests() {
		if browserService(r) {
			own = append(own, r)
			continue
		}
		t.Errorf("a request left loopback (the network was cut): %s", r)
	}
	if len(own) > 0 {
		t.Logf("Chromium's own requests, refused: %q", own)
	}
}

// browserService reports whether a request the proxy saw ("CONNECT
// host:443", "GET host/path") is one Chromium makes of its own accord to
// its vendors' services; the hosts pages load fonts and scripts from
// (fonts.googleapis.com, fonts.gstatic.com, cdn.jsdelivr.net…) are not.
func browserService(req string) bool {
	_, target, _ := strings.Cut(req, " ")
	host, _, _ := strings.Cut(target, "/")
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	switch host {
	case "fonts.googleapis.com", "fonts.gstatic.com", "ajax.googleapis.com", "storage.googleapis.com":
		return false
	}
	for _, suffix := range []string{".google.com", ".googleapis.com", ".gvt1.com", ".duckduckgo.com"} {
		if strings.HasSuffix(host, suffix) {
			return true
		}
	}
	return false
}

// offlineProxy stands for the network: Chromium sends it every request
// not for loopback; it refuses each with 502 and notes what was asked.
type offlineProxy struct {
	url   string
	mu    sync.Mutex
	asked []string
}

func startOfflineProxy(t *testing.T) *offlineProxy {
	t.Helper()
	p := &offlineProxy{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.asked = append(p.asked, r.Method+" "+r.Host+r.URL.Path)
		p.mu.Unlock()
		http.Error(w, "no network in this test", http.StatusBadGateway)
	}))
	t.Cleanup(ts.Close)
	p.url = ts.URL
	return p
}

func (p *offlineProxy) requests() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.asked...)
}

// newWatchedServer is newServer, noting every request it answered with
// an error status: failed returns them as "STATUS PATH".
func newWatchedServer(t *testing.T, st server.Store, opts ...server.Option) (ts *httptest.Server, failed func() []string) {
	t.Helper()
	srv := newHandler(t, st, opts...)
	var mu sync.Mutex
	var bad []string
	ts = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		srv.ServeHTTP(sw, r)
		if sw.code >= 400 {
			mu.Lock()
			bad = append(bad, fmt.Sprintf("%d %s", sw.code, r.URL.Path))
			mu.Unlock()
		}
	}))
	t.Cleanup(ts.Close)
	return ts, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), bad...)
	}
}

type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) WriteHeader(code int) {
	w.code = code
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// webDriver is a running ChromeDriver.
type webDriver struct{ base string }

func startChromeDriver(t *testing.T, path string) *webDriver {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	var logs bytes.Buffer
	cmd := exec.Command(path, fmt.Sprintf("--port=%d", port))
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatalf("start chromedriver: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	wd := &webDriver{base: fmt.Sprintf("http://127.0.0.1:%d", port)}
	for range 200 {
		var status struct {
			Ready bool `json:"ready"`
		}
		if err := wd.call(http.MethodGet, "/status", nil, &status); err == nil && status.Ready {
			return wd
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("chromedriver did not get ready:\n%s", logs.String())
	return nil
}

// call sends one WebDriver command and decodes its "value" into out.
func (wd *webDriver) call(method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, wd.base+path, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	var env struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return fmt.Errorf("%s %s: %d, undecodable answer: %v", method, path, resp.StatusCode, err)
	}
	if resp.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(env.Value, &e)
		return fmt.Errorf("%s %s: %d %s: %s", method, path, resp.StatusCode, e.Error, firstLine(e.Message))
	}
	if out != nil {
		return json.Unmarshal(env.Value, out)
	}
	return nil
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// browser is one WebDriver session: a Chromium with a fresh profile.
type browser struct {
	wd *webDriver
	id string
}

func (wd *webDriver) newSession(t *testing.T, chromium string, extra ...string) *browser {
	t.Helper()
	args := append(append(append([]string{}, browserFlags...), extra...), "--user-data-dir="+t.TempDir())
	caps := map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName":        "chrome",
		"goog:chromeOptions": map[string]any{"binary": chromium, "args": args},
	}}}
	var s struct {
		SessionID string `json:"sessionId"`
	}
	if err := wd.call(http.MethodPost, "/session", caps, &s); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	b := &browser{wd: wd, id: s.SessionID}
	t.Cleanup(func() { wd.call(http.MethodDelete, "/session/"+b.id, nil, nil) })
	return b
}

func (b *browser) cmd(t *testing.T, method, path string, in, out any) {
	t.Helper()
	if err := b.wd.call(method, "/session/"+b.id+path, in, out); err != nil {
		t.Fatal(err)
	}
}

func (b *browser) navigate(t *testing.T, url string) {
	t.Helper()
	b.cmd(t, http.MethodPost, "/url", map[string]string{"url": url}, nil)
}

// elementKey is the W3C name of an element reference.
const elementKey = "element-6066-11e4-a52e-4f735466cecf"

func (b *browser) find(t *testing.T, using, value string) string {
	t.Helper()
	var el map[string]string
	b.cmd(t, http.MethodPost, "/element", map[string]string{"using": using, "value": value}, &el)
	return el[elementKey]
}

// typeInto types text into the element, after what it holds.
func (b *browser) typeInto(t *testing.T, el, text string) {
	t.Helper()
	b.cmd(t, http.MethodPost, "/element/"+el+"/value", map[string]string{"text": text}, nil)
}

// click clicks the element as a mouse would: WebDriver's element click,
// or, where ChromeDriver deems the element not interactable (it does for
// the drawer's list items), a mouse press at the element's centre.
func (b *browser) click(t *testing.T, el string) {
	t.Helper()
	err := b.wd.call(http.MethodPost, "/session/"+b.id+"/element/"+el+"/click", map[string]any{}, nil)
	if err == nil {
		return
	}
	if !strings.Contains(err.Error(), "not interactable") {
		t.Fatal(err)
	}
	b.mouse(t, map[string]string{elementKey: el}, 0, 0)
}

// mouse presses the left button at (x, y) from origin: "viewport", or an
// element reference for offsets from its centre.
func (b *browser) mouse(t *testing.T, origin any, x, y int) {
	t.Helper()
	b.cmd(t, http.MethodPost, "/actions", map[string]any{"actions": []any{map[string]any{
		"type": "pointer", "id": "mouse", "parameters": map[string]string{"pointerType": "mouse"},
		"actions": []map[string]any{
			{"type": "pointerMove", "duration": 0, "origin": origin, "x": x, "y": y},
			{"type": "pointerDown", "button": 0},
			{"type": "pointerUp", "button": 0},
		},
	}}}, nil)
	b.cmd(t, http.MethodDelete, "/actions", nil, nil)
}

func (b *browser) script(t *testing.T, js string, out any) {
	t.Helper()
	b.cmd(t, http.MethodPost, "/execute/sync", map[string]any{"script": js, "args": []any{}}, out)
}

func (b *browser) text(t *testing.T) string {
	t.Helper()
	var s string
	b.script(t, `return document.body.innerText`, &s)
	return s
}

// keys sends key strokes to the focused element.
func (b *browser) keys(t *testing.T, strokes []map[string]string) {
	t.Helper()
	b.cmd(t, http.MethodPost, "/actions", map[string]any{"actions": []any{
		map[string]any{"type": "key", "id": "keyboard", "actions": strokes},
	}}, nil)
	b.cmd(t, http.MethodDelete, "/actions", nil, nil)
}

// WebDriver's codes of the keys typeQuery presses.
const (
	keyControl = "\uE009"
	keyDelete  = "\uE017"
)

// typeQuery clicks into the page's query editor (the first on the page),
// selects what it holds and types q over it, as a person would; then it
// checks that the editor holds q.
func (b *browser) typeQuery(t *testing.T, shots, q string) {
	t.Helper()
	// The editor may still be mounting: click until it has the focus.
	focused := false
	for range 100 {
		var at struct{ X, Y float64 }
		b.script(t, `const r = document.querySelector(".monaco-editor").getBoundingClientRect(); return {X: r.left + 120, Y: r.top + 12}`, &at)
		b.mouse(t, "viewport", int(at.X), int(at.Y))
		b.script(t, `const e = document.activeElement; return !!e && !!e.closest(".monaco-editor") && e.closest(".monaco-editor") === document.querySelector(".monaco-editor")`, &focused)
		if focused {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !focused {
		b.screenshot(t, shots, "unfocused.png")
		t.Fatal("the query editor does not take the focus")
	}
	strokes := []map[string]string{
		{"type": "keyDown", "value": keyControl}, {"type": "keyDown", "value": "a"},
		{"type": "keyUp", "value": "a"}, {"type": "keyUp", "value": keyControl},
		{"type": "keyDown", "value": keyDelete}, {"type": "keyUp", "value": keyDelete},
	}
	for _, r := range q {
		strokes = append(strokes, map[string]string{"type": "keyDown", "value": string(r)}, map[string]string{"type": "keyUp", "value": string(r)})
	}
	b.keys(t, strokes)
	var values []string
	b.script(t, `return window.monaco ? monaco.editor.getModels().map(m => m.getValue()) : []`, &values)
	for _, v := range values {
		if v == q {
			return
		}
	}
	b.screenshot(t, shots, "typed.png")
	t.Fatalf("the editor holds %q after typing %q", values, q)
}

// waitFor polls js until it returns true, for up to a generous bound, and
// fails the test with a screenshot when it never does.
func (b *browser) waitFor(t *testing.T, shots, what, js string) {
	t.Helper()
	for range 300 {
		var ok bool
		if err := b.wd.call(http.MethodPost, "/session/"+b.id+"/execute/sync", map[string]any{"script": js, "args": []any{}}, &ok); err == nil && ok {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	b.screenshot(t, shots, "timeout.png")
	t.Fatalf("waited in vain for %s; the page says:\n%.1500s", what, b.text(t))
}

// screenshot saves a PNG of the window in dir, and in
// $GEOKG_SCREENSHOT_DIR when that is set.
func (b *browser) screenshot(t *testing.T, dir, name string) {
	t.Helper()
	var data string
	b.cmd(t, http.MethodGet, "/screenshot", nil, &data)
	png, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", p)
	if extra := os.Getenv("GEOKG_SCREENSHOT_DIR"); extra != "" {
		if err := os.WriteFile(filepath.Join(extra, name), png, 0o644); err != nil {
			t.Errorf("copy the screenshot: %v", err)
		}
	}
}
