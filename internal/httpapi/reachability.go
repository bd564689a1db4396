package httpapi

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"time"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// Reacher answers link workers' reachability questions.
type Reacher interface {
	Answer(ctx context.Context, q reach.Query) (reach.Response, error)
}

const maxReachBody = 64 << 10

type reachBody struct {
	Origin          *latLon         `json:"origin"`
	Profile         json.RawMessage `json:"profile"`
	StartDate       string          `json:"start_date"`
	Days            *int            `json:"days"`
	Filters         reach.Filters   `json:"filters"`
	Referred        *bool           `json:"referred"`
	ArriveMarginMin *int            `json:"arrive_margin_min"`
}

type latLon struct {
	Lat *float64 `json:"lat"`
	Lon *float64 `json:"lon"`
}

// reachability answers POST /api/v1/reachability. The person's location
// and profile travel only in the body and are never logged or stored.
func reachability(d Deps) http.HandlerFunc {
	g := newGate(d.ReachConcurrency)
	return func(w http.ResponseWriter, r *http.Request) {
		q, err := decodeReach(w, r)
		if err != nil {
			writeReachError(w, d, err)
			return
		}
		timeout := d.ReachTimeout
		if timeout <= 0 {
			timeout = 5 * time.Second
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		if err := g.enter(ctx); err != nil {
			writeReachError(w, d, err)
			return
		}
		resp, err := d.Reacher.Answer(ctx, q)
		g.leave()
		if err != nil {
			writeReachError(w, d, err)
			return
		}
		writeJSON(w, http.StatusOK, resp)
	}
}

func decodeReach(w http.ResponseWriter, r *http.Request) (reach.Query, error) {
	var b reachBody
	if err := decodeStrict(http.MaxBytesReader(w, r.Body, maxReachBody), &b, ""); err != nil {
		return reach.Query{}, err
	}
	var q reach.Query
	if b.Origin == nil || b.Origin.Lat == nil || b.Origin.Lon == nil {
		return q, &plan.FieldError{Field: "origin", Reason: "required: {\"lat\": ..., \"lon\": ...}"}
	}
	q.Origin = geo.PointLatLon(*b.Origin.Lat, *b.Origin.Lon)
	if !geo.ValidLonLat(q.Origin) {
		return q, &plan.FieldError{Field: "origin", Reason: "lat must be -90..90 and lon -180..180"}
	}
	var err error
	if q.Profile, err = decodeProfile(b.Profile); err != nil {
		return q, err
	}
	q.StartDate, q.Filters, q.Referred = b.StartDate, b.Filters, true
	if b.Referred != nil {
		q.Referred = *b.Referred
	}
	if b.Days != nil {
		if *b.Days < 1 || *b.Days > reach.MaxDays {
			return q, &plan.FieldError{Field: "days", Reason: "must be 1 to 14"}
		}
		q.Days = *b.Days
	}
	if b.ArriveMarginMin != nil {
		if *b.ArriveMarginMin < 0 || *b.ArriveMarginMin > 120 {
			return q, &plan.FieldError{Field: "arrive_margin_min", Reason: "must be 0 to 120"}
		}
		q.Margin = time.Duration(*b.ArriveMarginMin) * time.Minute
	}
	return q, nil
}

// writeReachError maps reachability errors to statuses; nothing a client
// sent is echoed back or logged.
func writeReachError(w http.ResponseWriter, d Deps, err error) {
	var fe *reach.FieldError
	var oe *reach.OutsideError
	switch {
	case errors.As(err, &fe):
		writeJSON(w, http.StatusBadRequest, errorBody{Error: fe.Reason, Field: fe.Field})
	case errors.As(err, &oe):
		writeJSON(w, http.StatusUnprocessableEntity, errorBody{Error: oe.Reason, Field: "origin"})
	default:
		writeJourneyError(w, d, err)
	}
}
