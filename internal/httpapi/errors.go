package httpapi

import (
	"context"
	"errors"
	"log/slog"
	"net/http"

	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
)

// errorBody is every error response: a message safe for the client and,
// for invalid input, the name of the field (JSON path or query
// parameter) at fault.
type errorBody struct {
	Error string `json:"error"`
	Field string `json:"field,omitempty"`
}

// fieldError is an invalid query parameter or path value.
type fieldError struct {
	field, reason string
}

func (e *fieldError) Error() string { return e.field + ": " + e.reason }

// notFoundError is a resource that does not exist; msg is safe to show.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }

// errUnconfigured is a dependency the server was started without.
var errUnconfigured = errors.New("dependency not configured")

// failure is an error as the client sees it.
type failure struct {
	status     int
	body       errorBody
	retryAfter string
}

// failureOf maps an error to its status and safe message: the one place
// errors become HTTP. Anything unrecognised is a 500 with no detail.
func failureOf(err error) failure {
	var fe *fieldError
	var pfe *plan.FieldError
	var oe *plan.OutsideError
	var be *bodyError
	var nf *notFoundError
	var se *postgis.Error
	switch {
	case errors.As(err, &fe):
		return failure{status: http.StatusBadRequest, body: errorBody{Error: fe.reason, Field: fe.field}}
	case errors.As(err, &pfe):
		return failure{status: http.StatusBadRequest, body: errorBody{Error: pfe.Reason, Field: pfe.Field}}
	case errors.As(err, &be):
		return failure{status: be.status, body: errorBody{Error: be.msg, Field: "(body)"}}
	case errors.As(err, &oe):
		return failure{status: http.StatusUnprocessableEntity, body: errorBody{Error: oe.Reason, Field: oe.Field}}
	case errors.As(err, &nf):
		return failure{status: http.StatusNotFound, body: errorBody{Error: nf.msg}}
	case errors.As(err, &se):
		return storageFailure(se.Kind)
	case errors.Is(err, plan.ErrNotLoaded):
		return failure{status: http.StatusServiceUnavailable, retryAfter: "30",
			body: errorBody{Error: "the timetables are still loading; try again shortly"}}
	case errors.Is(err, errUnconfigured):
		return failure{status: http.StatusServiceUnavailable, retryAfter: "30",
			body: errorBody{Error: "this service is not available yet; try again shortly"}}
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		return failure{status: http.StatusServiceUnavailable, retryAfter: "2",
			body: errorBody{Error: "the journey planner is busy; try again shortly"}}
	}
	return failure{status: http.StatusInternalServerError, body: errorBody{Error: "internal error"}}
}

// storageFailure maps a storage error kind; the storage message, which
// may hold detail, is for the log only.
func storageFailure(k postgis.Kind) failure {
	switch k {
	case postgis.KindInvalid:
		return failure{status: http.StatusBadRequest, body: errorBody{Error: "the request is not valid"}}
	case postgis.KindNotFound:
		return failure{status: http.StatusNotFound, body: errorBody{Error: "not found"}}
	case postgis.KindConflict:
		return failure{status: http.StatusConflict, body: errorBody{Error: "the request conflicts with the stored data"}}
	case postgis.KindUnavailable:
		return failure{status: http.StatusServiceUnavailable, retryAfter: "5",
			body: errorBody{Error: "the database is busy or unavailable; try again shortly"}}
	}
	return failure{status: http.StatusInternalServerError, body: errorBody{Error: "internal error"}}
}

// writeError writes err's failure, logging the detail of server-side
// ones (never the request).
func writeError(w http.ResponseWriter, log *slog.Logger, what string, err error) {
	f := failureOf(err)
	switch {
	case f.status >= 500 && f.status != http.StatusServiceUnavailable:
		log.Error(what, "err", err)
	case f.status == http.StatusServiceUnavailable && !errors.Is(err, plan.ErrNotLoaded):
		log.Warn(what, "err", err)
	}
	if f.retryAfter != "" {
		w.Header().Set("Retry-After", f.retryAfter)
	}
	writeJSON(w, f.status, f.body)
}
