package csvtab

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

// Table is a CSV file being read by column name.
type Table struct {
	File   string // names the input in issues and errors
	Header Header
	cr     *csv.Reader
	width  int
}

// Open reads the header row of r. An empty file or broken quoting in the
// header is an error naming file and line.
func Open(r io.Reader, file string) (*Table, error) {
	cr := newReader(r)
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read %s line 1: empty file, no header", file)
	}
	if err != nil {
		return nil, parseError(file, err)
	}
	return &Table{File: file, Header: NewHeader(head), cr: cr, width: len(head)}, nil
}

// Need returns the position of a required column (the first of names
// present), or an error naming the file, the header line and names[0].
func (t *Table) Need(names ...string) (int, error) {
	i := t.Header.Col(names...)
	if i < 0 {
		return -1, fmt.Errorf("read %s line 1: header lacks column %s", t.File, names[0])
	}
	return i, nil
}

// Rows reads the remaining rows. Each counts in rep.Read; a row whose field
// count differs from the header's is rejected in rep, and every other row is
// passed to fn with its 1-based line. The record is reused between rows. An
// error from fn stops the read and is returned unchanged; broken quoting
// stops it with an error naming the file and line. Rows leaves rep.Loaded to
// the caller, who alone knows whether a row was used.
func (t *Table) Rows(rep *Report, fn func(rec []string, line int) error) error {
	for {
		rec, err := t.cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return parseError(t.File, err)
		}
		line, _ := t.cr.FieldPos(0)
		rep.Read++
		if len(rec) != t.width {
			rep.Reject(line, "", fmt.Sprintf("row has %d fields, header has %d", len(rec), t.width))
			continue
		}
		if err := fn(rec, line); err != nil {
			return err
		}
	}
}

// newReader configures a strict reader: quotes must be well formed (a broken
// quote is a structural error), rows may have any length (checked per row).
// A UTF-8 byte order mark is dropped first: left in, it would make a quoted
// first header field look like a bare quote.
func newReader(r io.Reader) *csv.Reader {
	cr := csv.NewReader(skipBOM(r))
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	cr.ReuseRecord = true
	return cr
}

func skipBOM(r io.Reader) io.Reader {
	br := bufio.NewReader(r)
	if b, err := br.Peek(3); err == nil && bytes.Equal(b, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	return br
}

// parseError names the file and the line where quoting broke.
func parseError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("read %s line %d: %w", file, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("read %s: %w", file, err)
}

// Emit reads the rows of t as values. parse turns a row into a value, or
// rejects it through rep and reports false; every value parsed counts as
// loaded and is passed to fn. An error from fn stops the read, prefixed
// with the file and the line of the row.
func Emit[T any](t *Table, rep *Report, parse func(rec []string, line int) (T, bool), fn func(T) error) error {
	return t.Rows(rep, func(rec []string, line int) error {
		v, ok := parse(rec, line)
		if !ok {
			return nil
		}
		rep.Loaded++
		if err := fn(v); err != nil {
			return fmt.Errorf("%s line %d: %w", t.File, line, err)
		}
		return nil
	})
}

// Collect gathers into a slice the values that a streaming read passes to
// its callback, for small files and tests.
func Collect[T any](read func(fn func(T) error) (Report, error)) ([]T, Report, error) {
	var out []T
	rep, err := read(func(v T) error {
		out = append(out, v)
		return nil
	})
	return out, rep, err
}
