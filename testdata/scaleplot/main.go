// Command scaleplot draws what graph's BenchmarkWriteGrowth measured as an
// SVG: the bytes written and the CPU time per article against the number
// of articles already stored, one line per series.
//
//	go run ./testdata/scaleplot -o docs/scale-writes.svg before=old.tsv after=new.tsv
//
// Each series is NAME=FILE, FILE being the tab-separated rows that
// BenchmarkWriteGrowth writes to GEOKG_BENCH_OUT.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
)

type point struct{ articles, written, cpu float64 }

type series struct {
	name   string
	points []point
}

func main() {
	out := flag.String("o", "", "the SVG file to write (default: standard output)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: scaleplot [-o FILE.svg] NAME=FILE.tsv ...")
		os.Exit(2)
	}
	var all []series
	for _, arg := range flag.Args() {
		name, path, ok := strings.Cut(arg, "=")
		if !ok {
			fmt.Fprintf(os.Stderr, "scaleplot: %q: want NAME=FILE.tsv\n", arg)
			os.Exit(2)
		}
		s, err := read(name, path)
		if err != nil {
			fmt.Fprintf(os.Stderr, "scaleplot: %v\n", err)
			os.Exit(1)
		}
		all = append(all, s)
	}
	w := io.Writer(os.Stdout)
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			fmt.Fprintf(os.Stderr, "scaleplot: %v\n", err)
			os.Exit(1)
		}
		defer f.Close()
		w = f
	}
	if err := draw(w, all); err != nil {
		fmt.Fprintf(os.Stderr, "scaleplot: %v\n", err)
		os.Exit(1)
	}
}

// read reads one series: the header line, then rows of articles, quads,
// store bytes, bytes written per article, CPU ms per article, wall ms per
// article.
func read(name, path string) (series, error) {
	f, err := os.Open(path)
	if err != nil {
		return series{}, err
	}
	defer f.Close()
	s := series{name: name}
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		if line == 1 {
			continue // the header
		}
		fields := strings.Split(sc.Text(), "\t")
		if len(fields) < 6 {
			return series{}, fmt.Errorf("%s:%d: %d fields, want 6", path, line, len(fields))
		}
		var v [6]float64
		for i := range v {
			if v[i], err = strconv.ParseFloat(fields[i], 64); err != nil {
				return series{}, fmt.Errorf("%s:%d: field %d: %v", path, line, i+1, err)
			}
		}
		s.points = append(s.points, point{articles: v[0], written: v[3], cpu: v[4]})
	}
	if err := sc.Err(); err != nil {
		return series{}, fmt.Errorf("%s: %v", path, err)
	}
	if len(s.points) == 0 {
		return series{}, fmt.Errorf("%s: no rows", path)
	}
	return s, nil
}

var colours = []string{"#c0392b", "#2471a3", "#239b56", "#7d3c98"}

const (
	panelW, panelH = 420, 280
	left, top      = 70, 40
	gap            = 90
)

// draw writes two panels side by side: kB written per article, and CPU ms
// per article, against the articles stored.
func draw(w io.Writer, all []series) error {
	width := left + 2*panelW + gap + 30
	height := top + panelH + 80
	fmt.Fprintf(w, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="sans-serif" font-size="12">`+"\n", width, height)
	fmt.Fprintf(w, `<rect width="100%%" height="100%%" fill="white"/>`+"\n")
	panel(w, all, left, "kB written per article", func(p point) float64 { return p.written / 1000 })
	panel(w, all, left+panelW+gap, "CPU ms per article", func(p point) float64 { return p.cpu })
	for i, s := range all {
		x := left + i*160
		y := top + panelH + 60
		fmt.Fprintf(w, `<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>`+"\n", x, y-4, x+24, y-4, colours[i%len(colours)])
		fmt.Fprintf(w, `<text x="%d" y="%d">%s</text>`+"\n", x+30, y, html.EscapeString(s.name))
	}
	_, err := fmt.Fprintln(w, "</svg>")
	return err
}

func panel(w io.Writer, all []series, x0 int, title string, y func(point) float64) {
	var maxX, maxY float64
	for _, s := range all {
		for _, p := range s.points {
			maxX = math.Max(maxX, p.articles)
			maxY = math.Max(maxY, y(p))
		}
	}
	maxX, maxY = nice(maxX), nice(maxY)
	px := func(v float64) float64 { return float64(x0) + v/maxX*panelW }
	py := func(v float64) float64 { return float64(top+panelH) - v/maxY*panelH }
	fmt.Fprintf(w, `<text x="%d" y="%d" font-weight="bold">%s</text>`+"\n", x0, top-15, html.EscapeString(title))
	fmt.Fprintf(w, `<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#888"/>`+"\n", x0, top, panelW, panelH)
	for i := 0; i <= 4; i++ {
		vx, vy := maxX*float64(i)/4, maxY*float64(i)/4
		fmt.Fprintf(w, `<text x="%.0f" y="%d" text-anchor="middle">%s</text>`+"\n", px(vx), top+panelH+16, label(vx))
		fmt.Fprintf(w, `<text x="%d" y="%.0f" text-anchor="end">%s</text>`+"\n", x0-6, py(vy)+4, label(vy))
		fmt.Fprintf(w, `<line x1="%d" y1="%.0f" x2="%d" y2="%.0f" stroke="#eee"/>`+"\n", x0, py(vy), x0+panelW, py(vy))
	}
	fmt.Fprintf(w, `<text x="%d" y="%d" text-anchor="middle">articles stored</text>`+"\n", x0+panelW/2, top+panelH+34)
	for i, s := range all {
		var b strings.Builder
		for j, p := range s.points {
			if j > 0 {
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%.1f,%.1f", px(p.articles), py(y(p)))
		}
		c := colours[i%len(colours)]
		fmt.Fprintf(w, `<polyline points="%s" fill="none" stroke="%s" stroke-width="2"/>`+"\n", b.String(), c)
		for _, p := range s.points {
			fmt.Fprintf(w, `<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>`+"\n", px(p.articles), py(y(p)), c)
		}
	}
}

// nice rounds v up to 1, 2 or 5 times a power of ten.
func nice(v float64) float64 {
	if v <= 0 {
		return 1
	}
	e := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if v <= m*e {
			return m * e
		}
	}
	return 10 * e
}

func label(v float64) string {
	switch {
	case v >= 1000 && math.Mod(v, 1000) == 0:
		return strconv.FormatFloat(v/1000, 'f', -1, 64) + "k"
	default:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
}
