// Package jsonl reads JSON Lines streams a line at a time with a cap on the
// length of a line: the one line reader behind every JSONL input geokg
// takes (ingest and extract through extract/source, geokg code through
// extract.ReadRecords). A line over the cap is measured and skipped without
// being held in memory, and reported with its number, so one bad line costs
// neither the memory of the machine nor the rest of the stream.
package jsonl

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
)

// ErrLineTooLong is wrapped by the error Next returns for a line longer
// than the reader's cap.
var ErrLineTooLong = errors.New("line too long")

// LineTooLongError is the error of a line longer than the cap: its number
// (from 1), its size in bytes without the line end, and the cap.
type LineTooLongError struct {
	Line      int
	Size, Max int64
}

func (e *LineTooLongError) Error() string {
	return fmt.Sprintf("line %d: %d bytes exceeds the maximum line of %d bytes", e.Line, e.Size, e.Max)
}

// Unwrap returns ErrLineTooLong.
func (e *LineTooLongError) Unwrap() error { return ErrLineTooLong }

// Reader reads the lines of a stream, each of at most Max bytes.
type Reader struct {
	br  *bufio.Reader
	max int64
	buf []byte
	n   int
}

// NewReader returns a Reader of r whose lines may be up to max bytes long,
// line end excluded. r is read through a bufio.Reader (r itself when it is
// one).
func NewReader(r io.Reader, max int64) *Reader {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 64<<10)
	}
	return &Reader{br: br, max: max}
}

// Line returns the number of the line Next read last, from 1.
func (r *Reader) Line() int { return r.n }

// Next returns the next line without its line end ("\n" or "\r\n"). The
// slice is valid until the next call. At the end of the stream it returns
// io.EOF. A line longer than the cap is skipped and reported as a
// *LineTooLongError; reading may go on after it. Any other error is the
// stream's.
func (r *Reader) Next() ([]byte, error) {
	r.buf = r.buf[:0]
	var (
		total int64
		last  []byte
	)
	for {
		chunk, err := r.br.ReadSlice('\n')
		total += int64(len(chunk))
		if total <= r.max+2 { // room for "\r\n"
			r.buf = append(r.buf, chunk...)
		}
		if len(chunk) > 0 {
			last = chunk
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if err == io.EOF {
			if total == 0 {
				return nil, io.EOF
			}
			break
		}
		if err != nil {
			return nil, err
		}
		break
	}
	r.n++
	eol := 0
	if bytes.HasSuffix(last, []byte("\r\n")) {
		eol = 2
	} else if bytes.HasSuffix(last, []byte("\n")) {
		eol = 1
	}
	size := total - int64(eol)
	if size > r.max {
		return nil, &LineTooLongError{Line: r.n, Size: size, Max: r.max}
	}
	return r.buf[:size], nil
}
