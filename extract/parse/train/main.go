// Train trains geokg's tagger and dependency parser on the UD English
// treebanks and writes the model that package parse embeds.
//
// Usage:
//
//	go run ./extract/parse/train [-ud DIR] [-seed N] [-iter N] [-tag-iter N] [-jackknife K] [-beam K] [-out FILE]
//
// It reads en_ewt-ud-train.conllu and en_gum-open-train.conllu from -ud
// (default: the shared folder's nlp/ud-english), trains, writes -out
// (default extract/parse/model/en.model.gz) and prints UAS and LAS on the
// EWT and GUM dev files. The same data and flags give the same file.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/geokg/geokg/extract/parse"
	"github.com/geokg/geokg/internal/shared"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintf(os.Stderr, "train: %v\n", err)
		os.Exit(1)
	}
}

func run() error {
	var (
		ud   = flag.String("ud", "", "`DIR` of the UD English treebanks (default: the shared folder's nlp/ud-english)")
		out  = flag.String("out", "extract/parse/model/en.model.gz", "model `FILE` to write")
		opts parse.TrainOptions
	)
	flag.Uint64Var(&opts.Seed, "seed", 1, "random seed")
	flag.IntVar(&opts.ParseIter, "iter", 15, "parser passes")
	flag.IntVar(&opts.TagIter, "tag-iter", 8, "tagger passes")
	flag.IntVar(&opts.Jackknife, "jackknife", 0, "folds for tagging the parser's training data (0: no jackknifing)")
	flag.Float64Var(&opts.Explore, "explore", 0.9, "chance of following the parser's own wrong move after the first pass")
	flag.Float64Var(&opts.MinWeight, "min-weight", 1, "drop averaged weights smaller than this")
	flag.IntVar(&opts.Beam, "beam", 1, "beam width: above 1, train the parser globally for beam search (max-violation updates) and parse with that beam")
	flag.BoolVar(&opts.OneLabel, "one-label", false, "with -beam, keep only the best relation of each move of a sequence in the beam, so it holds different structures")
	limit := flag.Int("limit", 0, "train on the first `N` sentences only (0: all)")
	snapFrom := flag.Int("snapshot-from", 0, "after each parser pass from pass `N` on (0: none), write the model so far to -out with .passN before its extension and print its dev scores")
	flag.Parse()
	opts.Log = os.Stderr
	if *ud == "" {
		dir, err := shared.Dir()
		if err != nil {
			return err
		}
		*ud = filepath.Join(dir, "nlp", "ud-english")
	}
	var train [][]parse.Word
	for _, name := range []string{"en_ewt-ud-train.conllu", "en_gum-open-train.conllu"} {
		s, err := readFile(filepath.Join(*ud, name))
		if err != nil {
			return err
		}
		train = append(train, s...)
	}
	if *limit > 0 && *limit < len(train) {
		train = train[:*limit]
	}
	if *snapFrom > 0 {
		opts.AfterPass = func(pass int, m *parse.Model) error {
			if pass < *snapFrom {
				return nil
			}
			ext := filepath.Ext(*out)
			if ext == ".gz" {
				ext = filepath.Ext(strings.TrimSuffix(*out, ext)) + ext
			}
			path := strings.TrimSuffix(*out, ext) + fmt.Sprintf(".pass%d", pass) + ext
			if err := save(m, path); err != nil {
				return err
			}
			fmt.Printf("pass %d: %s\n", pass, path)
			return evalDev(m, *ud)
		}
	}
	start := time.Now()
	m, err := parse.Train(train, opts)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "trained on %d sentences in %s\n", len(train), time.Since(start).Round(time.Second))
	if err := save(m, *out); err != nil {
		return err
	}
	return evalDev(m, *ud)
}

func save(m *parse.Model, path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := m.Save(f); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// evalDev prints the UAS, LAS and tagging accuracy of m on the dev files.
func evalDev(m *parse.Model, ud string) error {
	for _, name := range []string{"en_ewt-ud-dev.conllu", "en_gum-open-dev.conllu"} {
		gold, err := readFile(filepath.Join(ud, name))
		if err != nil {
			return err
		}
		var e parse.Eval
		tags, ntags := 0, 0
		for _, s := range gold {
			forms := make([]string, len(s))
			for i, w := range s {
				forms[i] = w.Form
			}
			pred := m.Parse(forms)
			e.Add(s, pred)
			for i := range s {
				ntags++
				if s[i].XPOS == pred[i].XPOS {
					tags++
				}
			}
		}
		fmt.Printf("%s: uas=%.4f las=%.4f xpos=%.4f\n", name, e.UAS(), e.LAS(), float64(tags)/float64(ntags))
	}
	return nil
}

func readFile(path string) ([][]parse.Word, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := parse.ReadCoNLLU(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}
