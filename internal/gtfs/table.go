package gtfs

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"
)

// FileError is a problem that stops reading a file: the file is missing, a
// required column is missing, the CSV is structurally broken, or the
// callback returned an error. Line is 0 when no line applies.
type FileError struct {
	File string
	Line int
	Err  error
}

func (e *FileError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s line %d: %v", e.File, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// table describes how to read one CSV file of the feed into values of T.
type table[T any] struct {
	file     string
	required []string // columns that must be present in the header
	optional bool     // an absent file reads as empty instead of failing
	// check, if set, validates the header beyond required (e.g. "one of
	// these columns").
	check func(h *header) error
	// bind resolves column positions once per pass and returns the row
	// decoder. The decoder records issues on the row; a rejected row is
	// dropped whatever it returns.
	bind func(h *header) func(r *row) T
}

// read streams the table's rows to fn and records the pass's FileReport.
func (t table[T]) read(f *Feed, fn func(T) error) error {
	file, err := f.open(t.file)
	if err != nil {
		if t.optional && errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return &FileError{File: t.file, Err: err}
	}
	defer file.Close()
	rep := FileReport{File: t.file}
	defer func() { f.storeReport(rep) }()
	return t.stream(file, &rep, func(v T, _ int) error { return fn(v) })
}

// stream reads in to the end, passing each accepted row and the line it
// starts on to fn. An error from fn is returned as a *FileError naming that
// line, unless it already is one.
func (t table[T]) stream(in io.Reader, rep *FileReport, fn func(T, int) error) error {
	cr := newCSVReader(in)
	decode, err := t.begin(cr, rep)
	if err == io.EOF {
		return nil // an empty file has no rows
	}
	if err != nil {
		return err
	}
	r := row{file: t.file, rep: rep, names: decode.names}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return csvError(t.file, err)
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		rep.Read++
		r.reset(line, rec)
		v := decode.fn(&r)
		if r.skipped {
			continue
		}
		rep.Loaded++
		if err := fn(v, line); err != nil {
			var fe *FileError
			if errors.As(err, &fe) {
				return err
			}
			return &FileError{File: t.file, Line: line, Err: err}
		}
	}
}

// decoder is a table's row decoder bound to one file's header.
type decoder[T any] struct {
	names []string
	fn    func(*row) T
}

// begin reads and checks the header; io.EOF means the file is empty.
func (t table[T]) begin(cr *csv.Reader, rep *FileReport) (decoder[T], error) {
	h, err := readHeader(cr, t.file)
	if err != nil {
		return decoder[T]{}, err
	}
	if slices.Contains(h.names, "") {
		rep.add(Issue{File: t.file, Line: 1, Reason: "header has an empty column name"})
	}
	if err := h.require(t.required); err != nil {
		return decoder[T]{}, err
	}
	if t.check != nil {
		if err := t.check(h); err != nil {
			return decoder[T]{}, &FileError{File: t.file, Line: 1, Err: err}
		}
	}
	return decoder[T]{names: h.names, fn: t.bind(h)}, nil
}

func newCSVReader(in io.Reader) *csv.Reader {
	cr := csv.NewReader(in)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1 // field counts are checked per row, as issues
	cr.LazyQuotes = false   // a bare quote is a structural error, reported with its line
	return cr
}

// csvError names the file and line of a structural CSV error.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &FileError{File: file, Err: err}
	}
	if pe.StartLine != pe.Line {
		return &FileError{File: file, Line: pe.Line,
			Err: fmt.Errorf("column %d: %w (in the row starting on line %d)", pe.Column, pe.Err, pe.StartLine)}
	}
	return &FileError{File: file, Line: pe.Line, Err: fmt.Errorf("column %d: %w", pe.Column, pe.Err)}
}

// blank reports whether every field of rec is empty or spaces, as a stray
// empty line (even a lone "\r") reads. Blank rows are not counted.
func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// header holds a file's column names, cleaned: BOM removed, spaces trimmed,
// lower-cased.
type header struct {
	file  string
	names []string
	index map[string]int
}

func readHeader(cr *csv.Reader, file string) (*header, error) {
	rec, err := cr.Read()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return nil, csvError(file, err)
	}
	h := &header{file: file, names: make([]string, len(rec)), index: make(map[string]int, len(rec))}
	for i, name := range rec {
		if i == 0 {
			name = strings.TrimPrefix(name, "\uFEFF")
		}
		name = strings.ToLower(strings.TrimSpace(name))
		h.names[i] = name
		if _, dup := h.index[name]; !dup {
			h.index[name] = i // the first of duplicated columns wins
		}
	}
	return h, nil
}

// col returns the position of the named column, or -1 if it is absent.
func (h *header) col(name string) int {
	if i, ok := h.index[name]; ok {
		return i
	}
	return -1
}

func (h *header) require(names []string) error {
	var missing []string
	for _, n := range names {
		if h.col(n) < 0 {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	return &FileError{File: h.file, Line: 1,
		Err: fmt.Errorf("missing required column %s", strings.Join(missing, ", "))}
}
