package scenario

import "errors"

// FieldError is a request that cannot be read or holds a value out of
// bounds: the client's mistake, whatever the data (HTTP 400). Field is a
// JSON path such as "changes[2].start"; Reason is safe to show.
type FieldError struct {
	Field, Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// RefError is a well-formed change that names something the published
// data does not hold, or cannot be applied to it (HTTP 422).
type RefError struct {
	Field, Reason string
}

func (e *RefError) Error() string { return e.Field + ": " + e.Reason }

// ErrNotLoaded: the published data has not been read yet.
var ErrNotLoaded = errors.New("scenario data not loaded yet")
