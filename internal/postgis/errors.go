package postgis

import (
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Kind classifies an error for the layers above storage.
type Kind int

// The kinds of error the HTTP layer maps to status codes.
const (
	KindInternal Kind = iota
	KindInvalid
	KindNotFound
	KindConflict
	KindUnavailable
)

// Error is a classified storage error. Msg is safe to show to a client;
// Err holds the detail for the operator's log.
type Error struct {
	Kind Kind
	Msg  string
	Err  error
}

func (e *Error) Error() string {
	if e.Err == nil {
		return e.Msg
	}
	return e.Msg + ": " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// KindOf returns the kind of err, KindInternal when unclassified.
func KindOf(err error) Kind {
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return KindInternal
}

// classify wraps a pgx error with its kind and a context message.
func classify(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	msg := fmt.Sprintf(format, args...)
	if errors.Is(err, pgx.ErrNoRows) {
		return &Error{Kind: KindNotFound, Msg: msg, Err: err}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "23505":
			return &Error{Kind: KindConflict, Msg: msg, Err: err}
		case pgErr.Code[:2] == "22" || pgErr.Code[:2] == "23":
			return &Error{Kind: KindInvalid, Msg: msg, Err: err}
		case pgErr.Code == "57014" || pgErr.Code[:2] == "08" || pgErr.Code[:2] == "53" || pgErr.Code == "57P03":
			return &Error{Kind: KindUnavailable, Msg: msg, Err: err}
		}
	}
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) || pgconn.Timeout(err) {
		return &Error{Kind: KindUnavailable, Msg: msg, Err: err}
	}
	return &Error{Kind: KindInternal, Msg: msg, Err: err}
}
