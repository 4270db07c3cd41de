package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var updateDocs = flag.Bool("update", false, "rewrite the outputs README.md and docs/ show with what the commands print")

// docsChecked lists the documents whose examples TestDocExamples runs. In
// README.md every block holding a "$ geokg" line is checked; in the others
// only blocks marked by a line "<!-- checked -->" just before their fence.
var docsChecked = []string{"README.md", "docs/export.md", "docs/cameo.md", "docs/scale.md", "docs/events.md"}

// TestDocExamples runs each command the docs show ("$ geokg …" in a fenced
// block) in a new directory holding the bundled articles (testdata/), one
// store per document (./geokg.db: empty for README.md, whose tour ingests
// the articles, holding them for the others), in the order shown, and compares what it prints
// (standard output, then standard error) with the lines shown under it.
// A shown line "…" stands for any number of lines; "…" within a line for
// any text (a timing, an evidence sentence cut short). A command may end
// in "| head -N"; "$ head -N FILE…" shows the first lines of files a
// command wrote. "$ cat FILE" shows a file the next commands read: the
// lines under it are written to FILE.
//
// When the docs drift (an extraction change gives other statements, a
// command prints more), `go test ./cmd/geokg -run TestDocExamples -update`
// rewrites every block that no longer matches with the whole output; put
// back the "…" elisions wanted and review the diff.
func TestDocExamples(t *testing.T) {
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range docsChecked {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(root, name)
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(string(src), "\n")
			blocks := docBlocks(lines, name == "README.md")
			if name == "README.md" && len(blocks) < 5 {
				t.Fatalf("found %d example blocks in %s, want the tour's", len(blocks), name)
			}
			dir := t.TempDir()
			if err := os.Symlink(filepath.Join(root, "testdata"), filepath.Join(dir, "testdata")); err != nil {
				t.Fatal(err)
			}
			if name != "README.md" {
				// The other documents speak of the bundled articles' graph
				// in the default store; the README's tour ingests them.
				if err := os.CopyFS(filepath.Join(dir, "geokg.db"), os.DirFS(ingestArticles(t))); err != nil {
					t.Fatal(err)
				}
			}
			t.Chdir(dir)
			changed := false
			// Replace blocks from the last, so that earlier line numbers hold.
			var edits []docEdit
			for _, b := range blocks {
				for _, c := range b.commands {
					got := runDocCommand(t, c.line, c.want)
					if matchShown(c.want, got) {
						continue
					}
					if *updateDocs {
						edits = append(edits, docEdit{c.from, c.to, got})
						continue
					}
					t.Errorf("%s:%d: $ %s\nshows:\n%s\nprints:\n%s", name, c.at+1, c.line, strings.Join(c.want, "\n"), strings.Join(got, "\n"))
				}
			}
			for i := len(edits) - 1; i >= 0; i-- {
				e := edits[i]
				lines = append(lines[:e.from], append(e.lines, lines[e.to:]...)...)
				changed = true
			}
			if changed {
				if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
					t.Fatal(err)
				}
				t.Logf("rewrote %d outputs in %s", len(edits), name)
			}
		})
	}
}

type docCommand struct {
	at       int      // line of the command
	line     string   // the command, without "$ "
	want     []string // the lines shown under it
	from, to int      // the shown lines' range in the document
}

type docBlock struct{ commands []docCommand }

type docEdit struct {
	from, to int
	lines    []string
}

// docBlocks returns the fenced blocks of a document that hold "$ geokg"
// commands: all of them when all is set, else those marked checked.
func docBlocks(lines []string, all bool) []docBlock {
	var out []docBlock
	for i := 0; i < len(lines); i++ {
		if !strings.HasPrefix(lines[i], "```") {
			continue
		}
		marked := i > 0 && strings.TrimSpace(lines[i-1]) == "<!-- checked -->"
		end := i + 1
		for end < len(lines) && !strings.HasPrefix(lines[end], "```") {
			end++
		}
		var b docBlock
		for j := i + 1; j < end; j++ {
			if !strings.HasPrefix(lines[j], "$ ") {
				continue
			}
			k := j + 1
			for k < end && !strings.HasPrefix(lines[k], "$ ") {
				k++
			}
			to := k
			for to > j+1 && strings.TrimSpace(lines[to-1]) == "" {
				to--
			}
			b.commands = append(b.commands, docCommand{at: j, line: lines[j][2:], want: lines[j+1 : to], from: j + 1, to: to})
			j = k - 1
		}
		hasGeokg := false
		for _, c := range b.commands {
			hasGeokg = hasGeokg || strings.HasPrefix(c.line, "geokg ")
		}
		if hasGeokg && (all || marked) {
			out = append(out, b)
		}
		i = end
	}
	return out
}

var (
	headPipe  = regexp.MustCompile(`\s*\|\s*head -(\d+)$`)
	headFiles = regexp.MustCompile(`^head -(\d+) (.+)$`)
)

// headOf prints the first n lines of files as head(1) does, with a
// "==> FILE <==" line over each when there are several.
func headOf(t *testing.T, n string, files []string) []string {
	t.Helper()
	count, _ := strconv.Atoi(n)
	var out []string
	for i, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("head: %v", err)
		}
		if len(files) > 1 {
			if i > 0 {
				out = append(out, "")
			}
			out = append(out, "==> "+f+" <==")
		}
		lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
		out = append(out, lines[:min(count, len(lines))]...)
	}
	return out
}

// runDocCommand runs one shown command in the working directory and
// returns the lines it printed.
func runDocCommand(t *testing.T, line string, shown []string) []string {
	t.Helper()
	if file, ok := strings.CutPrefix(line, "cat "); ok {
		if err := os.WriteFile(file, []byte(strings.Join(shown, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return shown
	}
	if m := headFiles.FindStringSubmatch(line); m != nil {
		return headOf(t, m[1], strings.Fields(m[2]))
	}
	head := -1
	if m := headPipe.FindStringSubmatch(line); m != nil {
		head, _ = strconv.Atoi(m[1])
		line = line[:len(line)-len(m[0])]
	}
	args, err := shellWords(line)
	if err != nil || len(args) == 0 || args[0] != "geokg" {
		t.Fatalf("$ %s: not a geokg command the docs test can run (%v)", line, err)
	}
	r := geokg(t, "", nil, args[1:]...)
	out := strings.Split(strings.TrimRight(r.out+r.err, "\n"), "\n")
	if head >= 0 && len(out) > head {
		out = out[:head]
	}
	return out
}

// shellWords splits a command line as a POSIX shell does for words in
// single or double quotes and bare words (no escapes, no expansions).
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t':
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		case '\'', '"':
			j := strings.IndexByte(s[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unclosed %c", c)
			}
			cur.WriteString(s[i+1 : i+1+j])
			i += j + 1
			inWord = true
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// matchShown reports whether the printed lines got match the shown lines
// want: a shown line "…" matches any number of lines, and "…" within a
// shown line any text.
func matchShown(want, got []string) bool {
	if len(want) == 0 {
		return len(got) == 0 || len(got) == 1 && got[0] == ""
	}
	w := strings.TrimSpace(want[0])
	if w == "…" {
		for k := 0; k <= len(got); k++ {
			if matchShown(want[1:], got[k:]) {
				return true
			}
		}
		return false
	}
	return len(got) > 0 && matchLine(want[0], got[0]) && matchShown(want[1:], got[1:])
}

// matchLine matches one line, "…" standing for any text.
func matchLine(want, got string) bool {
	parts := strings.Split(want, "…")
	if len(parts) == 1 {
		return want == got
	}
	var re strings.Builder
	re.WriteString("^")
	for i, p := range parts {
		if i > 0 {
			re.WriteString(".*")
		}
		re.WriteString(regexp.QuoteMeta(p))
	}
	re.WriteString("$")
	return regexp.MustCompile(re.String()).MatchString(got)
}
