package plan

import (
	"errors"
	"time"

	"github.com/threshold-heritage/threshold/internal/profile"
)

// Request is one journey question.
type Request struct {
	From, To Place
	// Depart is the departure time, or with ArriveBy the time to arrive
	// by. With WallClock its date and clock fields are read in the
	// timetable's timezone and its location is ignored ("09:30 on the
	// island"); otherwise it is an instant.
	Depart    time.Time
	WallClock bool
	ArriveBy  bool
	Profile   profile.Profile
}

// FieldError says which field of a request is invalid and why. Field is
// the JSON name of the HTTP request ("from.lat", "profile.max_walk_m").
// Reasons never repeat the value given: a request holds a person's
// location.
type FieldError struct {
	Field  string
	Reason string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Reason }

// OutsideError says that a place lies outside every loaded timetable: no
// stop within Options.CoverageM, or a stop unknown to all of them. Field
// is "from" or "to".
type OutsideError struct {
	Field  string
	Reason string
}

func (e *OutsideError) Error() string { return e.Field + ": " + e.Reason }

// ErrNotLoaded is returned before the first Replace: the timetables are
// still loading.
var ErrNotLoaded = errors.New("no timetable is loaded yet")

// validate names the first invalid field.
func (r *Request) validate() error {
	if err := r.From.check("from"); err != nil {
		return err
	}
	if err := r.To.check("to"); err != nil {
		return err
	}
	if r.Depart.IsZero() || r.Depart.Year() < 1900 || r.Depart.Year() > 2200 {
		return &FieldError{Field: "depart", Reason: "a date and time between the years 1900 and 2200 is required"}
	}
	if err := r.Profile.Validate(); err != nil {
		var fe *profile.FieldError
		if errors.As(err, &fe) {
			return &FieldError{Field: "profile." + fe.Field, Reason: fe.Reason}
		}
		return &FieldError{Field: "profile", Reason: err.Error()}
	}
	return nil
}
