package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"

	"github.com/go-shiori/dom"

	"github.com/geokg/geokg/schema"
)

// ParseHTML reads a web page and returns its article: the text Mozilla's
// Readability algorithm takes for the article (else the text of its
// <article> or <main> element, else of its body), without scripts, hidden
// elements and short page chrome, one paragraph per block element,
// separated by blank lines; the title from og:title, <title> or
// the first <h1>; the publication date from the page's metadata or a
// <time> element; and the URL from its canonical link or og:url. The
// result has no Source, and no Published when the page gives no date.
//
// A page that is not UTF-8 is decoded when it declares its character set
// in a <meta> element, else rejected with ErrInvalidUTF8. A page without
// text fails with ErrEmpty.
func ParseHTML(r io.Reader) (schema.Document, error) {
	b, err := io.ReadAll(r)
	if err != nil {
		return schema.Document{}, fmt.Errorf("read HTML: %w", err)
	}
	return parseHTML(b)
}

func parseHTML(b []byte) (schema.Document, error) {
	if len(b) == 0 {
		return schema.Document{}, because(ErrEmpty, "empty file")
	}
	if looksBinary(b) {
		return schema.Document{}, ErrBinary
	}
	b, err := htmlToUTF8(b)
	if err != nil {
		return schema.Document{}, err
	}
	root, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return schema.Document{}, fmt.Errorf("parse HTML: %w", err)
	}
	p := newPage(root)
	content := p.content()
	text := readableText(root, func(n *html.Node) string {
		t := textBuilder{drop: droppedInArticle}
		t.walk(n)
		t.paragraph()
		return strings.Join(t.paras, "\n\n")
	})
	if text == "" {
		text = pageText(content)
	}
	if text == "" && content != p.body {
		text = pageText(p.body)
	}
	if text == "" {
		return schema.Document{}, ErrEmpty
	}
	return schema.Document{
		ID:        schema.DocumentIRI("", text),
		URL:       p.url(),
		Title:     p.title(content),
		Published: p.date(content),
		Text:      text,
	}, nil
}

// readableText returns the text of the page's article as Mozilla's
// Readability algorithm finds it (codeberg.org/readeck/go-readability, a
// maintained Go port), rendered by text; "" when it finds none. It reads
// a copy of root. Readability keeps the class names, so that text can
// still leave out the short page chrome inside the article (a newsletter
// box, a share bar).
func readableText(root *html.Node, text func(*html.Node) string) string {
	doc := dom.Clone(root, true)
	// What the page itself hides or marks as no part of the article (by
	// hidden attribute, style or ARIA role) goes first: Readability loses
	// the role of an element it turns into a paragraph.
	var prune func(n *html.Node)
	prune = func(n *html.Node) {
		for c := n.FirstChild; c != nil; {
			next := c.NextSibling
			if c.Type == html.ElementNode && !droppedTags[c.DataAtom] && dropped(c) && !chromeByName(c) {
				n.RemoveChild(c)
			} else {
				prune(c)
			}
			c = next
		}
	}
	prune(doc)
	parser := readability.NewParser()
	parser.KeepClasses = true
	article, err := parser.ParseAndMutate(doc, nil)
	if err != nil || article.Node == nil {
		return ""
	}
	return text(article.Node)
}

// metaCharset finds the character set a page declares in its head, in
// either <meta charset="…"> or <meta http-equiv content="…; charset=…">.
var metaCharset = regexp.MustCompile(`(?i)<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)`)

// htmlToUTF8 returns b as UTF-8: as it is when it is valid UTF-8, decoded
// from the character set it declares otherwise.
func htmlToUTF8(b []byte) ([]byte, error) {
	i := invalidUTF8(b)
	if i < 0 {
		return bytes.TrimPrefix(b, []byte(bom)), nil
	}
	if m := metaCharset.FindSubmatch(b[:min(len(b), 4096)]); m != nil {
		if enc, name := charset.Lookup(string(m[1])); enc != nil && name != "utf-8" {
			out, err := enc.NewDecoder().Bytes(b)
			if err != nil {
				return nil, because(ErrInvalidUTF8, "cannot decode the page from %s: %v", name, err)
			}
			return out, nil
		}
	}
	return nil, because(ErrInvalidUTF8, "invalid UTF-8 at byte %d, and the page declares no other character set", i)
}

// page is a parsed web page with the metadata found in one pass over it.
type page struct {
	body      *html.Node
	meta      map[string]string // first content of each meta property, name or itemprop, lower-cased
	titleTag  string
	canonical string
	itemDate  string // content of the first non-meta element with itemprop=datePublished
	ld        linkedData
	articles  []*html.Node // <article> elements outside page chrome
	mains     []*html.Node // <main> or role=main elements outside page chrome
}

// linkedData holds what the page's JSON-LD says about its article.
type linkedData struct {
	headline, datePublished string
}

// newPage gathers the metadata and candidate content elements of a parsed
// page in one pass.
func newPage(doc *html.Node) *page {
	p := &page{body: doc, meta: make(map[string]string)}
	var visit func(n *html.Node, in where)
	visit = func(n *html.Node, in where) {
		if n.Type == html.ElementNode {
			in = p.element(n, in)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c, in)
		}
	}
	visit(doc, where{})
	return p
}

// where tells what an element lies in.
type where struct {
	chrome, article, main bool
}

// element records what n tells about the page, and returns where n's
// children lie. An article or main element inside another is no candidate
// of its own: the outer one holds its text and more.
func (p *page) element(n *html.Node, in where) where {
	out := in
	out.chrome = in.chrome || dropped(n)
	switch n.DataAtom {
	case atom.Body:
		p.body = n
	case atom.Title:
		if p.titleTag == "" {
			p.titleTag = collapseSpace(nodeText(n))
		}
	case atom.Meta:
		content, ok := attr(n, "content")
		if !ok {
			return out
		}
		for _, k := range []string{"property", "name", "itemprop"} {
			if key, ok := attr(n, k); ok {
				key = strings.ToLower(strings.TrimSpace(key))
				if _, seen := p.meta[key]; !seen && key != "" {
					p.meta[key] = strings.TrimSpace(content)
				}
			}
		}
		return out
	case atom.Link:
		if rel, _ := attr(n, "rel"); p.canonical == "" && hasToken(rel, "canonical") {
			p.canonical, _ = attr(n, "href")
			p.canonical = strings.TrimSpace(p.canonical)
		}
	case atom.Script:
		if typ, _ := attr(n, "type"); strings.EqualFold(strings.TrimSpace(typ), "application/ld+json") {
			p.ld.merge(nodeText(n))
		}
	case atom.Article:
		if !out.chrome && !in.article {
			p.articles = append(p.articles, n)
			out.article = true
		}
	case atom.Main:
		if !out.chrome && !in.main {
			p.mains = append(p.mains, n)
			out.main = true
		}
	default:
		if role, _ := attr(n, "role"); strings.EqualFold(role, "main") && !out.chrome && !in.main {
			p.mains = append(p.mains, n)
			out.main = true
		}
	}
	if prop, _ := attr(n, "itemprop"); p.itemDate == "" && strings.EqualFold(prop, "datePublished") {
		for _, k := range []string{"content", "datetime"} {
			if v, ok := attr(n, k); ok {
				p.itemDate = v
				return out
			}
		}
		p.itemDate = collapseSpace(nodeText(n))
	}
	return out
}

// content returns the element whose text is the article: the <article>
// with the most text, else the <main> with the most text, else the body.
func (p *page) content() *html.Node {
	for _, candidates := range [][]*html.Node{p.articles, p.mains} {
		var best *html.Node
		bestLen := 0
		for _, n := range candidates {
			if l := len(pageText(n)); l > bestLen {
				best, bestLen = n, l
			}
		}
		if best != nil {
			return best
		}
	}
	return p.body
}

// title returns the page's title: og:title, twitter:title, the JSON-LD
// headline, <title>, or the first <h1> in the content (else in the page).
func (p *page) title(content *html.Node) string {
	for _, t := range []string{p.meta["og:title"], p.meta["twitter:title"], p.ld.headline, p.titleTag} {
		if t = collapseSpace(t); t != "" {
			return t
		}
	}
	for _, n := range []*html.Node{content, p.body} {
		if h := find(n, func(n *html.Node) bool { return n.DataAtom == atom.H1 }); h != nil {
			if t := collapseSpace(nodeText(h)); t != "" {
				return t
			}
		}
	}
	return ""
}

// date returns the first publication date that the page's metadata or
// <time> elements give as a calendar day, or "". Dates that cannot be read
// are passed over.
func (p *page) date(content *html.Node) string {
	candidates := []string{
		p.meta["article:published_time"],
		p.meta["og:article:published_time"],
		p.meta["og:published_time"],
		p.meta["og:pubdate"],
		p.ld.datePublished,
		p.meta["datepublished"],
		p.itemDate,
		p.meta["pubdate"],
		p.meta["publishdate"],
		p.meta["publish-date"],
		p.meta["parsely-pub-date"],
		p.meta["sailthru.date"],
		p.meta["dc.date.issued"],
		p.meta["dc.date"],
		p.meta["dcterms.created"],
		p.meta["date"],
	}
	isTime := func(n *html.Node) bool {
		_, ok := attr(n, "datetime")
		return n.DataAtom == atom.Time && ok
	}
	for _, n := range []*html.Node{content, p.body} {
		if t := find(n, isTime); t != nil {
			v, _ := attr(t, "datetime")
			candidates = append(candidates, v)
		}
	}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		if d, ok := normalizeDate(c); ok {
			return d
		}
	}
	return ""
}

// url returns the page's canonical URL or og:url, preferring an absolute
// one.
func (p *page) url() string {
	candidates := []string{p.canonical, p.meta["og:url"]}
	for _, u := range candidates {
		if strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://") {
			return u
		}
	}
	for _, u := range candidates {
		if u != "" {
			return u
		}
	}
	return ""
}

// merge reads one JSON-LD block, keeping the first headline and
// datePublished found in it (searching @graph and nested values too).
func (ld *linkedData) merge(src string) {
	var v any
	if json.Unmarshal([]byte(src), &v) != nil {
		return
	}
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			if s, ok := v["headline"].(string); ok && ld.headline == "" {
				ld.headline = s
			}
			if s, ok := v["datePublished"].(string); ok && ld.datePublished == "" {
				ld.datePublished = s
			}
			for _, k := range slices.Sorted(maps.Keys(v)) {
				walk(v[k]) // in key order, so the result is always the same
			}
		case []any:
			for _, c := range v {
				walk(c)
			}
		}
	}
	walk(v)
}

// find returns the first element beneath n (n included) for which match
// is true, outside scripts and page chrome other than a header, which
// often holds an article's headline and date.
func find(n *html.Node, match func(*html.Node) bool) *html.Node {
	if n == nil {
		return nil
	}
	if n.Type == html.ElementNode {
		if match(n) {
			return n
		}
		if n.DataAtom != atom.Header && dropped(n) {
			return nil
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := find(c, match); m != nil {
			return m
		}
	}
	return nil
}

// attr returns the value of n's attribute key.
func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// hasToken reports whether the space-separated list s holds tok, ignoring
// case.
func hasToken(s, tok string) bool {
	for _, f := range strings.Fields(s) {
		if strings.EqualFold(f, tok) {
			return true
		}
	}
	return false
}

// nodeText returns all the text beneath n, as it is.
func nodeText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// droppedTags hold no article text.
var droppedTags = map[atom.Atom]bool{
	atom.Head: true, atom.Script: true, atom.Style: true, atom.Noscript: true,
	atom.Template: true, atom.Svg: true, atom.Math: true, atom.Iframe: true,
	atom.Object: true, atom.Embed: true, atom.Canvas: true, atom.Video: true,
	atom.Audio: true, atom.Nav: true, atom.Header: true, atom.Footer: true,
	atom.Aside: true, atom.Form: true, atom.Button: true, atom.Select: true,
	atom.Textarea: true, atom.Input: true, atom.Label: true, atom.Dialog: true,
	atom.Menu: true,
}

// chromeRoles are the ARIA roles of page chrome.
var chromeRoles = map[string]bool{
	"navigation": true, "banner": true, "contentinfo": true, "complementary": true,
	"menu": true, "menubar": true, "dialog": true, "alertdialog": true,
	"search": true, "toolbar": true,
}

// chromePrefixes start the words of class names and ids that mark page
// chrome; chromeWords are such words that must match whole.
var (
	chromePrefixes = []string{
		"nav", "menu", "footer", "header", "masthead", "cookie", "consent",
		"gdpr", "banner", "subscri", "newsletter", "share", "sharing",
		"social", "related", "promo", "advert", "sidebar", "breadcrumb",
		"paywall", "login", "signin", "signup", "modal", "popup", "sponsor",
		"outbrain", "taboola", "toolbar", "topbar",
	}
	chromeWords = map[string]bool{
		"ad": true, "ads": true, "adv": true, "adslot": true, "adunit": true,
		"dfp": true, "comment": true, "comments": true, "skip": true,
	}
)

// exemptTags are never dropped for their class or id: a site's classes on
// them (say "category-social") would throw the whole article away.
var exemptTags = map[atom.Atom]bool{
	atom.Html: true, atom.Body: true, atom.Main: true, atom.Article: true,
}

// dropped reports whether the element n and all beneath it is not article
// text: a tag that holds none, a hidden element, or page chrome by its
// role, class or id.
func dropped(n *html.Node) bool {
	if droppedTags[n.DataAtom] {
		return true
	}
	if _, ok := attr(n, "hidden"); ok {
		return true
	}
	if v, _ := attr(n, "aria-hidden"); strings.EqualFold(v, "true") {
		return true
	}
	if v, _ := attr(n, "style"); v != "" {
		v = strings.ToLower(strings.Join(strings.Fields(v), ""))
		if strings.Contains(v, "display:none") || strings.Contains(v, "visibility:hidden") {
			return true
		}
	}
	if v, _ := attr(n, "role"); chromeRoles[strings.ToLower(strings.TrimSpace(v))] {
		return true
	}
	return chromeByName(n)
}

// chromeByName reports whether n's class or id names page chrome.
func chromeByName(n *html.Node) bool {
	if exemptTags[n.DataAtom] {
		return false
	}
	for _, k := range []string{"class", "id"} {
		if v, ok := attr(n, k); ok && isChromeName(v) {
			return true
		}
	}
	return false
}

// maxChromeInArticle is the most text an element inside the article
// Readability chose may hold and still be dropped as page chrome for its
// class or id: a newsletter box or a share bar is short, while a long
// element so named ("entry-content has-comments") is the article itself.
const maxChromeInArticle = 200

// droppedInArticle is dropped for the elements of the article Readability
// chose: page chrome by class or id only when it is short.
func droppedInArticle(n *html.Node) bool {
	if !dropped(n) {
		return false
	}
	if chromeByName(n) && !droppedTags[n.DataAtom] && len(nodeText(n)) > maxChromeInArticle {
		v, _ := attr(n, "role")
		_, hidden := attr(n, "hidden")
		return hidden || chromeRoles[strings.ToLower(strings.TrimSpace(v))]
	}
	return true
}

// isChromeName reports whether a class list or id names page chrome. The
// names are split into words at punctuation and at lower-to-upper case
// changes ("site-nav", "shareButtons", "cookie_banner"); a word matches
// when it starts with a chrome prefix or is a chrome word, and "sign in",
// "log in" and "sign up" match as pairs.
func isChromeName(s string) bool {
	words := nameWords(s)
	for i, w := range words {
		if chromeWords[w] {
			return true
		}
		for _, p := range chromePrefixes {
			if strings.HasPrefix(w, p) {
				return true
			}
		}
		if strings.HasSuffix(w, "nav") || strings.HasSuffix(w, "menu") {
			return true // topnav, sidenav, mainmenu
		}
		if i+1 < len(words) && (w == "sign" || w == "log") && (words[i+1] == "in" || words[i+1] == "up") {
			return true
		}
	}
	return false
}

// nameWords splits class names or an id into lower-case words.
func nameWords(s string) []string {
	var (
		words []string
		cur   []rune
		prev  rune
	)
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r):
			if unicode.IsUpper(r) && unicode.IsLower(prev) {
				flush()
			}
			cur = append(cur, r)
		default:
			flush()
		}
		prev = r
	}
	flush()
	return words
}

// blockTags break paragraphs.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Li: true, atom.Ul: true, atom.Ol: true,
	atom.Dl: true, atom.Dt: true, atom.Dd: true, atom.H1: true, atom.H2: true,
	atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true, atom.Br: true,
	atom.Hr: true, atom.Tr: true, atom.Table: true, atom.Blockquote: true,
	atom.Section: true, atom.Article: true, atom.Main: true, atom.Pre: true,
	atom.Figure: true, atom.Figcaption: true, atom.Address: true,
	atom.Details: true, atom.Summary: true, atom.Center: true,
}

// pageText returns the readable text beneath n: one paragraph per block
// element, paragraphs separated by a blank line, white space within them
// folded to single spaces.
func pageText(n *html.Node) string {
	t := textBuilder{drop: dropped}
	t.walk(n)
	t.paragraph()
	return strings.Join(t.paras, "\n\n")
}

// textBuilder gathers paragraphs from a node tree.
type textBuilder struct {
	drop  func(*html.Node) bool // elements left out with all beneath them
	paras []string
	cur   strings.Builder
	space bool // white space seen since the last character written
}

func (t *textBuilder) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t.text(n.Data)
		return
	case html.ElementNode:
		if t.drop(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	block := blockTags[n.DataAtom]
	cell := n.DataAtom == atom.Td || n.DataAtom == atom.Th
	if block {
		t.paragraph()
	}
	if cell {
		t.space = true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		t.walk(c)
	}
	if block {
		t.paragraph()
	}
	if cell {
		t.space = true
	}
}

// text adds inline text, folding white space (no-break spaces included)
// and dropping soft hyphens and zero-width spaces.
func (t *textBuilder) text(s string) {
	for _, r := range s {
		switch {
		case r == '\u00ad' || r == '\u200b' || r == '\ufeff':
		case unicode.IsSpace(r):
			t.space = true
		default:
			if t.space && t.cur.Len() > 0 {
				t.cur.WriteByte(' ')
			}
			t.space = false
			t.cur.WriteRune(r)
		}
	}
}

// paragraph ends the current paragraph.
func (t *textBuilder) paragraph() {
	if t.cur.Len() > 0 {
		t.paras = append(t.paras, t.cur.String())
		t.cur.Reset()
	}
	t.space = false
}
