// Command eval measures the coreference resolver on GUM's documents in the
// shared UD English folder: precision and recall of the links it makes
// from pronouns, definite descriptions and quoted "we" to the named person,
// organisation and place mentions they stand for (see coref.Evaluate).
//
//	go run ./extract/coref/eval -ud ../shared/nlp/ud-english
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/geokg/geokg/extract/coref"
	"github.com/geokg/geokg/extract/parse"
)

func main() {
	ud := flag.String("ud", "../shared/nlp/ud-english", "the UD English `DIR` holding the GUM files")
	prefix := flag.String("docs", "GUM_news_", "keep the documents whose ID starts with `PREFIX` (\"\" for all)")
	verbose := flag.Bool("v", false, "list the wrong links")
	flag.Parse()
	if err := run(*ud, *prefix, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "eval:", err)
		os.Exit(1)
	}
}

func run(dir, prefix string, verbose bool) error {
	var all []coref.GUMDoc
	fmt.Printf("%-28s %5s %5s %6s %6s %6s %6s\n", "file", "docs", "gold", "links", "P", "R", "F1")
	for _, name := range []string{"en_gum-open-train.conllu", "en_gum-open-dev.conllu", "en_gum-open-test.conllu"} {
		docs, err := read(filepath.Join(dir, name), prefix)
		if err != nil {
			return err
		}
		all = append(all, docs...)
		line(name, len(docs), coref.Evaluate(docs))
	}
	sc := coref.Evaluate(all)
	line("all", len(all), sc)
	for _, f := range []struct {
		form coref.Form
		name string
	}{{coref.Pronoun, "pronouns"}, {coref.Description, "descriptions"}, {coref.Speaker, "quoted we/I"}} {
		n := sc.ByForm[f.form]
		fmt.Printf("  %-14s %4d links, %4d right (P %.3f)\n", f.name, n[0], n[1], ratio(n[1], n[0]))
	}
	if verbose {
		for _, w := range sc.Wrong {
			fmt.Println("wrong:", w)
		}
	}
	return nil
}

func read(path, prefix string) ([]coref.GUMDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open GUM: %w", err)
	}
	defer f.Close()
	docs, err := parse.ReadCoNLLUDocs(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return coref.ReadGUM(docs, prefix)
}

func line(name string, docs int, sc coref.Score) {
	fmt.Printf("%-28s %5d %5d %6d %6.3f %6.3f %6.3f\n", name, docs, sc.Gold, sc.Found, sc.Precision(), sc.RecallRate(), sc.F1())
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
