package geojsonfc

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// callbackError marks an error returned by the caller's fn so that it is
// passed through unchanged rather than dressed as a syntax error.
type callbackError struct{ err error }

func (e callbackError) Error() string { return e.err.Error() }
func (e callbackError) Unwrap() error { return e.err }

// jsonError names the file and the line where the input went wrong.
func jsonError(file string, lc *lineCounter, dec *json.Decoder, err error) error {
	var cb callbackError
	if errors.As(err, &cb) {
		return fmt.Errorf("read %s: %w", file, cb.err)
	}
	off := dec.InputOffset()
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		off += syntaxOffset(dec)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		off, err = lc.n, io.ErrUnexpectedEOF
	}
	return fmt.Errorf("read %s line %d: %w", file, lc.lineAt(off), err)
}

// syntaxOffset finds how far past InputOffset a syntax error lies. The
// decoder's own SyntaxError.Offset is not an absolute position when the
// error arises inside Decode, so the value is re-scanned from the bytes the
// decoder still holds (they include the offending byte).
func syntaxOffset(dec *json.Decoder) int64 {
	buf, _ := io.ReadAll(dec.Buffered())
	var raw json.RawMessage
	var se *json.SyntaxError
	err := json.NewDecoder(bytes.NewReader(buf)).Decode(&raw)
	if errors.As(err, &se) && se.Offset > 0 && se.Offset <= int64(len(buf)) {
		return se.Offset - 1
	}
	return 0
}
