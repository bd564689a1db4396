package openreferral

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// MaxDocumentBytes bounds what Parse reads; a directory export larger than
// this should be paged.
const MaxDocumentBytes = 256 << 20

// Directory is what an Open Referral UK document holds, as heritage types.
type Directory struct {
	// Note, Attribution and Illustrative are the document's top-level
	// extension fields, if any. A top-level "illustrative": true marks every
	// record in the document as illustrative.
	Note         string
	Attribution  string
	Illustrative bool
	// Sites are the distinct locations, in order of first appearance.
	Sites      []heritage.Site
	Activities []heritage.Activity
}

// Site returns the site with the given id.
func (d *Directory) Site(id string) (heritage.Site, bool) {
	for _, s := range d.Sites {
		if s.ID == id {
			return s, true
		}
	}
	return heritage.Site{}, false
}

// topLevel holds the keys Parse looks for in a document that is an object.
type topLevel struct {
	Contents     json.RawMessage `json:"contents"` // HSDS 3 / OR-UK 3 page
	Content      json.RawMessage `json:"content"`  // OR-UK 1.0 page
	Services     json.RawMessage `json:"services"`
	ID           json.RawMessage `json:"id"`
	Name         json.RawMessage `json:"name"`
	Note         flexString      `json:"note"`
	Attribution  flexString      `json:"attribution"`
	Illustrative flexBool        `json:"illustrative"`
}

// Parse reads an Open Referral UK document: a single service, an array of
// services, or a paged list ({"contents": [...]} in the 3.0 profile,
// {"content": [...]} in UK 1.0, or {"services": [...]}). Services in the
// 1.0 and 3.0 shapes may be mixed.
//
// JSON that is broken as a whole is an error giving the line and column.
// Problems confined to one service are Issues naming the service and field;
// the rest of the document is still read.
func Parse(r io.Reader) (*Directory, []Issue, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDocumentBytes+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read open referral document: %w", err)
	}
	if len(data) > MaxDocumentBytes {
		return nil, nil, fmt.Errorf("open referral document is larger than %d bytes", MaxDocumentBytes)
	}
	if err := checkSyntax(data); err != nil {
		return nil, nil, err
	}
	dir := &Directory{}
	raws, err := serviceList(data, dir)
	if err != nil {
		return nil, nil, err
	}
	b := newBuilder(dir)
	for i, raw := range raws {
		b.service(i, raw)
	}
	return dir, b.issues, nil
}

// checkSyntax reports broken JSON with its line and column, and trailing
// data after the document.
func checkSyntax(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	var v json.RawMessage
	if err := dec.Decode(&v); err != nil {
		return syntaxError(data, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		off := dec.InputOffset()
		line, col := position(data, off)
		return fmt.Errorf("open referral document: line %d, column %d: data after the end of the JSON value", line, col)
	}
	return nil
}

func syntaxError(data []byte, err error) error {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		line, col := position(data, se.Offset-1) // Offset counts the offending byte
		return fmt.Errorf("open referral document: line %d, column %d: %w", line, col, err)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		line, col := position(data, int64(len(data)))
		return fmt.Errorf("open referral document: line %d, column %d: unexpected end of JSON", line, col)
	}
	return fmt.Errorf("open referral document: %w", err)
}

// position turns a byte offset into a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	off = min(max(off, 0), int64(len(data)))
	before := data[:off]
	line = 1 + bytes.Count(before, []byte("\n"))
	col = int(off) - (bytes.LastIndexByte(before, '\n') + 1) + 1
	return line, col
}

// serviceList finds the services in the document and fills dir's
// top-level fields.
func serviceList(data []byte, dir *Directory) ([]json.RawMessage, error) {
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) > 0 && trimmed[0] == '[' {
		return rawArray(trimmed, "the document")
	}
	if len(trimmed) == 0 || trimmed[0] != '{' {
		return nil, errors.New("open referral document: want a service, an array of services or a paged list")
	}
	var top topLevel
	if err := json.Unmarshal(trimmed, &top); err != nil {
		return nil, fmt.Errorf("open referral document: %w", err)
	}
	dir.Note, dir.Attribution, dir.Illustrative = top.Note.text(), top.Attribution.text(), top.Illustrative.v
	switch {
	case top.Contents != nil:
		return rawArray(top.Contents, `"contents"`)
	case top.Content != nil:
		return rawArray(top.Content, `"content"`)
	case top.Services != nil:
		return rawArray(top.Services, `"services"`)
	case top.ID != nil || top.Name != nil:
		return []json.RawMessage{trimmed}, nil
	}
	return nil, errors.New(`open referral document: no services: want a service, an array of services or a paged list with "contents" or "content"`)
}

func rawArray(b []byte, what string) ([]json.RawMessage, error) {
	if strings.TrimSpace(string(b)) == "null" {
		return nil, nil
	}
	var out []json.RawMessage
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, fmt.Errorf("open referral document: %s must be an array of services", what)
	}
	return out, nil
}
