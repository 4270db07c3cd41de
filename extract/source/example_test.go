package source_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"path/filepath"
	"strings"

	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/schema"
)

func ExampleRead() {
	// Standard input holding JSONL; the second line is broken.
	stdin := strings.NewReader(`{"id": "a1", "date": "2022-09-07", "text": "Albania cut diplomatic ties with Iran."}
{"id": "a2", "text": "Iran
{"id": "a3", "text": "Iran condemned the decision."}
`)
	opts := source.NewOptions()
	opts.DefaultDate = "2022-09-08"
	err := source.Read(context.Background(), []string{"-"}, stdin, opts,
		func(d schema.Document) error {
			fmt.Printf("%s %s %s %q\n", d.Source, d.ID, d.Published, d.Text)
			return nil
		},
		func(err error) { fmt.Println("skipped:", err) })
	if err != nil {
		log.Fatal(err)
	}
	// Output:
	// -:1 doc:a1 2022-09-07 "Albania cut diplomatic ties with Iran."
	// skipped: -:2: bad JSON: unexpected end of JSON input
	// -:3 doc:a3 2022-09-08 "Iran condemned the decision."
}

func ExampleReadFile() {
	dir, err := os.MkdirTemp("", "geokg-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "albania.md")
	article := `---
title: Albania cuts ties with Iran
date: 2022-09-07
---
Albania has cut **diplomatic ties** with [Iran](https://example.org/iran).
`
	if err := os.WriteFile(path, []byte(article), 0o644); err != nil {
		log.Fatal(err)
	}

	docs, err := source.ReadFile(context.Background(), path, source.NewOptions())
	if err != nil {
		log.Fatal(err)
	}
	for _, d := range docs {
		fmt.Println(d.Title)
		fmt.Println(d.Published)
		fmt.Println(d.Text)
	}
	// Output:
	// Albania cuts ties with Iran
	// 2022-09-07
	// Albania has cut diplomatic ties with Iran.
}

func ExampleParseHTML() {
	page := `<html><head>
<title>Albania cuts ties | News</title>
<meta property="article:published_time" content="2022-09-07T14:05:00+02:00">
<link rel="canonical" href="https://news.example.com/albania-iran">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article>
  <h1>Albania cuts ties with Iran</h1>
  <p>Albania has cut diplomatic ties with Iran.</p>
  <div class="newsletter">Sign up for our newsletter!</div>
  <p>Iran condemned the decision.</p>
</article>
<footer>© News</footer>
</body></html>`
	doc, err := source.ParseHTML(strings.NewReader(page))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Title)
	fmt.Println(doc.Published)
	fmt.Println(doc.URL)
	fmt.Println(doc.Text)
	// Output:
	// Albania cuts ties | News
	// 2022-09-07
	// https://news.example.com/albania-iran
	// Albania cuts ties with Iran
	//
	// Albania has cut diplomatic ties with Iran.
	//
	// Iran condemned the decision.
}

func ExampleNewOptions() {
	opts := source.NewOptions()
	fmt.Println(opts.MaxBytes, opts.DefaultDate == "")

	opts.DefaultDate = "7 September 2022"
	fmt.Println(opts.Validate())
	// Output:
	// 10485760 true
	// default date "7 September 2022": bad date: want a calendar date written YYYY-MM-DD
}
