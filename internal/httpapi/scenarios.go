package httpapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/scenario"
)

// ScenarioSource answers what-if scenarios and suggestions over the
// published data; *coveragedb.Source is one.
type ScenarioSource interface {
	Scenario(ctx context.Context, req scenario.Request) (scenario.Answer, error)
	Suggest(ctx context.Context, q scenario.SuggestQuery) (scenario.Suggestions, error)
}

// Limits of the scenario endpoints.
const (
	maxScenarioBody = 64 << 10
	// scenarioTimeout bounds one answer: past it the client gets 503 and
	// Retry-After (the baseline it was waiting for, if any, goes on
	// being computed for the next request).
	scenarioTimeout         = 20 * time.Second
	suggestionsCacheControl = "public, max-age=300"
)

// ScenarioRoutes adds the what-if endpoints to r:
//
//	POST /api/v1/scenarios
//	GET  /api/v1/suggestions?profile=&k=&bbox=
//
// A nil src answers 503. Request bodies are never logged; server-side
// failures are logged to slog.Default without them.
func ScenarioRoutes(r chi.Router, src ScenarioSource) {
	log := slog.Default()
	r.Post("/api/v1/scenarios", scenarios(src, log))
	r.Get("/api/v1/suggestions", suggestions(src, log))
}

func scenarios(src ScenarioSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxScenarioBody))
		if err != nil {
			writeScenarioError(w, log, "read scenario", bodyReadError(err))
			return
		}
		req, err := scenario.ParseRequest(body)
		if err != nil {
			writeScenarioError(w, log, "read scenario", err)
			return
		}
		if src == nil {
			writeScenarioError(w, log, "run scenario", errUnconfigured)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), scenarioTimeout)
		defer cancel()
		ans, err := src.Scenario(ctx, req)
		if err != nil {
			writeScenarioError(w, log, "run scenario", err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		writeJSON(w, http.StatusOK, ans)
	}
}

// bodyReadError is a body too large, or one that could not be read.
func bodyReadError(err error) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return &bodyError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("the request body is larger than %d KiB", maxScenarioBody>>10)}
	}
	return &bodyError{status: http.StatusBadRequest, msg: "the request body could not be read"}
}

func suggestions(src ScenarioSource, log *slog.Logger) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		q, err := parseSuggestQuery(r)
		if err != nil {
			writeScenarioError(w, log, "suggest sites", err)
			return
		}
		if src == nil {
			writeScenarioError(w, log, "suggest sites", errUnconfigured)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), scenarioTimeout)
		defer cancel()
		s, err := src.Suggest(ctx, q)
		if err != nil {
			writeScenarioError(w, log, "suggest sites", err)
			return
		}
		w.Header().Set("Cache-Control", suggestionsCacheControl)
		writeJSON(w, http.StatusOK, s)
	}
}

func parseSuggestQuery(r *http.Request) (scenario.SuggestQuery, error) {
	v := r.URL.Query()
	var q scenario.SuggestQuery
	if err := checkProfile(v.Get("profile")); err != nil {
		return q, err
	}
	q.Profile, _ = profile.ByID(v.Get("profile"))
	q.K = scenario.DefaultK
	if k := v.Get("k"); k != "" {
		n, err := strconv.Atoi(k)
		if err != nil || n < 1 || n > scenario.MaxK {
			return q, &fieldError{field: "k", reason: fmt.Sprintf("want a whole number from 1 to %d", scenario.MaxK)}
		}
		q.K = n
	}
	bbox, has, err := parseBBox(v.Get("bbox"))
	if err != nil {
		return q, err
	}
	if has {
		if bbox.Min == bbox.Max {
			return q, &fieldError{field: "bbox", reason: "the box is a point: give a box with some area"}
		}
		q.BBox = bbox
	}
	return q, nil
}

// writeScenarioError maps the scenario package's errors, then the shared
// ones (failureOf): an invalid request is 400, a change naming something
// the data does not hold 422, data still loading or an answer past its
// deadline 503 with Retry-After.
func writeScenarioError(w http.ResponseWriter, log *slog.Logger, what string, err error) {
	var fe *scenario.FieldError
	var re *scenario.RefError
	switch {
	case errors.As(err, &fe):
		writeJSON(w, http.StatusBadRequest, errorBody{Error: fe.Reason, Field: fe.Field})
	case errors.As(err, &re):
		writeJSON(w, http.StatusUnprocessableEntity, errorBody{Error: re.Reason, Field: re.Field})
	case errors.Is(err, scenario.ErrNotLoaded):
		w.Header().Set("Retry-After", "30")
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: "the data for scenarios is still loading; try again shortly"})
	case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
		log.Warn(what, "err", err)
		w.Header().Set("Retry-After", "10")
		writeJSON(w, http.StatusServiceUnavailable, errorBody{Error: "the scenario took too long or the server is busy; try again shortly"})
	default:
		writeError(w, log, what, err)
	}
}
