package export

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
)

// Graphviz returns the path of Graphviz's dot program, which SVG and PNG
// need. It fails with ErrNoGraphviz, naming the Debian package, when dot
// is not on PATH.
func Graphviz() (string, error) {
	p, err := exec.LookPath("dot")
	if err != nil {
		return "", fmt.Errorf("%w on PATH: install Graphviz (on Debian and Ubuntu the package graphviz: apt-get install graphviz), or export --format dot and render the file elsewhere", ErrNoGraphviz)
	}
	return p, nil
}

// Render draws g with Graphviz's dot program and writes the picture to w,
// as SVG or PNG. It fails with ErrNoGraphviz when dot is not installed, and
// with dot's own message when dot fails or warns.
func Render(ctx context.Context, w io.Writer, g *Graph, f Format) error {
	if f != SVG && f != PNG {
		return fmt.Errorf("render %s: %w: pictures are svg or png", f, ErrBadOption)
	}
	dot, err := Graphviz()
	if err != nil {
		return fmt.Errorf("render %s: %w", f, err)
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(WriteDOT(pw, g)) }()
	var stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, dot, "-T"+string(f))
	cmd.Stdin = pr
	cmd.Stdout = w
	cmd.Stderr = &stderr
	err = cmd.Run()
	pr.Close()
	if msg := strings.TrimSpace(stderr.String()); err != nil || msg != "" {
		if msg == "" {
			msg = "no message"
		}
		if err == nil {
			err = fmt.Errorf("dot warned")
		}
		return fmt.Errorf("render %s with %s: %w: %s", f, dot, err, msg)
	}
	return nil
}
