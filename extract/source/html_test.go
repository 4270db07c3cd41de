package source

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// newsPage is a news page with the usual chrome around its article.
const newsPage = `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Albania cuts ties with Iran | World News</title>
  <meta property="og:title" content="Albania cuts diplomatic ties with Iran over cyberattack">
  <meta property="og:url" content="https://news.example.com/world/albania-iran?utm=feed">
  <meta property="article:published_time" content="2022-09-07T14:05:00+02:00">
  <link rel="stylesheet" href="/site.css">
  <link rel="canonical" href="https://news.example.com/world/albania-iran">
  <style>body { font-family: serif; }</style>
  <script>window.analytics = "TRACKING SCRIPT";</script>
</head>
<body class="page category-social">
  <div id="cookie-consent" class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button></div>
  <header class="site-header">
    <a href="/">World News</a>
    <nav><ul><li><a href="/politics">Politics</a></li><li><a href="/sport">Sport</a></li></ul></nav>
  </header>
  <div class="breadcrumbs"><a href="/">Home</a> › <a href="/world">World</a></div>
  <main>
    <article class="story">
      <header><h1>Albania cuts ties with Iran</h1><time datetime="2022-09-08">8 September</time></header>
      <ul class="share-buttons"><li>Share on Facebook</li><li>Share on Twitter</li></ul>
      <p>Albania has cut diplomatic ties with Iran and ordered
         Iranian diplomats to leave within <b>24&nbsp;hours</b>.</p>
      <div class="adslot ad-300x250">ADVERTISEMENT</div>
      <p>Prime Minister Edi Rama said the cyberattack in July was &quot;orchestrated&quot; by Iran.</p>
      <div class="newsletterSignup"><h3>Get our newsletter</h3><form><input type="email"><button>Subscribe</button></form></div>
      <blockquote>Iran condemned the decision<br>as baseless.</blockquote>
      <noscript>Enable JavaScript to see comments.</noscript>
      <div class="related-stories"><h2>Related</h2><article><p>Earlier story about Iran.</p></article></div>
      <p hidden>Hidden text.</p>
      <p style="display: none">Invisible text.</p>
    </article>
  </main>
  <aside><h2>Most read</h2><p>Sidebar story.</p></aside>
  <div role="complementary">Complementary box.</div>
  <footer class="site-footer"><p>© 2022 World News. All rights reserved.</p></footer>
  <div class="modal-overlay" id="paywall">Subscribe to keep reading.</div>
  <script>document.write("INLINE SCRIPT")</script>
</body>
</html>`

func TestParseHTMLNewsPage(t *testing.T) {
	doc, err := ParseHTML(strings.NewReader(newsPage))
	if err != nil {
		t.Fatal(err)
	}
	wantText := "Albania has cut diplomatic ties with Iran and ordered Iranian diplomats to leave within 24 hours.\n\n" +
		`Prime Minister Edi Rama said the cyberattack in July was "orchestrated" by Iran.` + "\n\n" +
		"Iran condemned the decision\n\nas baseless."
	want := schema.Document{
		ID:        schema.DocumentIRI("", wantText),
		URL:       "https://news.example.com/world/albania-iran",
		Title:     "Albania cuts diplomatic ties with Iran over cyberattack",
		Published: "2022-09-07",
		Text:      wantText,
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("document (-want +got):\n%s", diff)
	}
	for _, chrome := range []string{
		"cookies", "Accept", "Politics", "Home", "Share on", "ADVERTISEMENT",
		"newsletter", "Subscribe", "JavaScript", "Earlier story", "Hidden",
		"Invisible", "Most read", "Sidebar", "Complementary", "reserved",
		"keep reading", "SCRIPT", "font-family", "World News",
	} {
		if strings.Contains(doc.Text, chrome) {
			t.Errorf("text holds page chrome %q", chrome)
		}
	}
}

func TestParseHTML(t *testing.T) {
	tests := []struct {
		name string
		page string
		want schema.Document // ID is filled in from Text
	}{
		{
			name: "title from the title element, date from time",
			page: `<html><head><title>  Ties
				cut </title></head><body><p>Albania cut ties.</p><p>Posted <time datetime="2022-09-07T10:00">Wednesday</time>.</p></body></html>`,
			want: schema.Document{Title: "Ties cut", Published: "2022-09-07", Text: "Albania cut ties.\n\nPosted Wednesday."},
		},
		{
			name: "title from the first h1 of the article",
			page: `<body><h1 class="logo">Site</h1><article><h1>Albania cuts ties</h1><p>Text.</p></article></body>`,
			// Readability judges the page whole: on a page this short it
			// keeps the site's heading too (see TestArticleExtraction for
			// what it does on real pages).
			want: schema.Document{Title: "Albania cuts ties", Text: "Site\n\nAlbania cuts ties\n\nText."},
		},
		{
			name: "the longest article wins",
			page: `<body><article><p>Teaser.</p></article><article><p>The whole story, which is longer.</p></article></body>`,
			want: schema.Document{Text: "The whole story, which is longer."},
		},
		{
			name: "chrome by role, hidden or styled away",
			page: `<body><div role="navigation">Home World</div><div role="main"><p>Main text.</p><p hidden>Hidden.</p><p style="display: none">Invisible.</p></div><div role="contentinfo">© Site</div></body>`,
			want: schema.Document{Text: "Main text."},
		},
		{
			name: "an empty article falls back to the body",
			page: `<body><article></article><p>Body text.</p></body>`,
			want: schema.Document{Text: "Body text."},
		},
		{
			name: "JSON-LD headline and date",
			page: `<head><script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}, {"@type": "NewsArticle", "headline": "LD headline", "datePublished": "2022-09-06T23:00:00-04:00"}]}</script></head><body><p>Text.</p></body>`,
			want: schema.Document{Title: "LD headline", Published: "2022-09-06", Text: "Text."},
		},
		{
			name: "itemprop date and og:url",
			page: `<head><meta property="og:url" content="https://example.org/a"><link rel="canonical" href="/a"></head><body><span itemprop="datePublished" content="2022-09-05">5 Sept</span><p>Text.</p></body>`,
			want: schema.Document{URL: "https://example.org/a", Published: "2022-09-05", Text: "5 Sept\n\nText."},
		},
		{
			name: "an unreadable date is passed over",
			page: `<head><meta property="article:published_time" content="soon"><meta name="date" content="September 7, 2022"></head><p>Text.</p>`,
			want: schema.Document{Published: "2022-09-07", Text: "Text."},
		},
		{
			name: "table cells and inline elements",
			page: `<table><tr><td>Albania</td><td>Iran</td></tr><tr><th>a</th><th>b</th></tr></table><p>Iran<i>ian</i> envoy &amp; staff&shy;ers</p>`,
			want: schema.Document{Text: "Albania Iran\n\na b\n\nIranian envoy & staffers"},
		},
		{
			name: "windows-1252 page that declares it",
			page: "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"></head><body><p>Tiran\xeb \x93quoted\x94</p></body></html>",
			want: schema.Document{Text: "Tiranë “quoted”"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseHTML(strings.NewReader(tt.page))
			if err != nil {
				t.Fatal(err)
			}
			want := tt.want
			want.ID = schema.DocumentIRI("", want.Text)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("document (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseHTMLErrors(t *testing.T) {
	tests := []struct {
		name   string
		page   string
		want   string
		wantIs error
	}{
		{name: "empty", page: "", want: "empty file", wantIs: ErrEmpty},
		{name: "no text", page: "<html><head><title>Only a title</title></head><body><nav>Menu</nav></body></html>", want: "no text", wantIs: ErrEmpty},
		{name: "binary", page: "%PDF-1.7\n", want: "binary content, not text", wantIs: ErrBinary},
		{name: "not UTF-8", page: "<p>Tiran\xeb</p>", want: "invalid UTF-8 at byte 8, and the page declares no other character set", wantIs: ErrInvalidUTF8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseHTML(strings.NewReader(tt.page))
			if err == nil || err.Error() != tt.want {
				t.Fatalf("ParseHTML error = %v, want %q", err, tt.want)
			}
			if !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
		})
	}
}

func TestIsChromeName(t *testing.T) {
	tests := []struct {
		name string
		want bool
	}{
		{"site-nav", true},
		{"navbar navbar-expand", true},
		{"topnav", true},
		{"shareButtons", true},
		{"cookie_banner", true},
		{"js-subscribe-box", true},
		{"ad", true},
		{"ad-slot", true},
		{"sign-in-link", true},
		{"log_in", true},
		{"promo-card", true},
		{"story-body", false},
		{"article-content", false},
		{"headline", false},
		{"unavailable", false},
		{"lead paragraph", false},
		{"shadow", false},
		{"commentary", false},
		{"adjacent", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := isChromeName(tt.name); got != tt.want {
				t.Errorf("isChromeName(%q) = %v, want %v (words %q)", tt.name, got, tt.want, nameWords(tt.name))
			}
		})
	}
}

func BenchmarkParseHTML(b *testing.B) {
	page := []byte(strings.Replace(newsPage, "<p>Prime", strings.Repeat("<p>Albania has cut diplomatic ties with Iran.</p>\n", 200)+"<p>Prime", 1))
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		if _, err := parseHTML(page); err != nil {
			b.Fatal(err)
		}
	}
}
