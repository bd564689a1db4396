package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// JourneyPlanner plans one journey; *plan.Planner is one.
type JourneyPlanner interface {
	Plan(ctx context.Context, r plan.Request) (plan.Answer, error)
}

// Limits of POST /api/v1/journeys.
const (
	maxJourneyBody        = 64 << 10
	defaultJourneyTimeout = 2 * time.Second
)

// journeyBody is the request body. Places and the profile are decoded on
// their own so that an error can name the field inside them.
type journeyBody struct {
	From     json.RawMessage `json:"from"`
	To       json.RawMessage `json:"to"`
	Depart   *string         `json:"depart"`
	ArriveBy bool            `json:"arrive_by"`
	Profile  json.RawMessage `json:"profile"`
}

type placeBody struct {
	Lat    *float64 `json:"lat"`
	Lon    *float64 `json:"lon"`
	StopID string   `json:"stop_id"`
	FeedID string   `json:"feed_id"`
}

// journeys plans one journey. The request is never logged: it holds a
// person's location and mobility need.
func journeys(d Deps) http.HandlerFunc {
	timeout := d.JourneyTimeout
	if timeout <= 0 {
		timeout = defaultJourneyTimeout
	}
	return func(w http.ResponseWriter, r *http.Request) {
		req, err := decodeJourney(w, r)
		if err != nil {
			writeJourneyError(w, d, err)
			return
		}
		if d.Planner == nil {
			writeJourneyError(w, d, plan.ErrNotLoaded)
			return
		}
		ctx, cancel := context.WithTimeout(r.Context(), timeout)
		defer cancel()
		ans, err := planWithin(ctx, d.Planner, req)
		if err != nil {
			writeJourneyError(w, d, err)
			return
		}
		writeJSON(w, http.StatusOK, ans)
	}
}

// planWithin returns when the plan is done or ctx ends, whichever is
// first: a search cannot be interrupted, but the client need not wait.
func planWithin(ctx context.Context, p JourneyPlanner, req plan.Request) (plan.Answer, error) {
	type result struct {
		a   plan.Answer
		err error
	}
	done := make(chan result, 1)
	go func() {
		a, err := p.Plan(ctx, req)
		done <- result{a, err}
	}()
	select {
	case r := <-done:
		return r.a, r.err
	case <-ctx.Done():
		return plan.Answer{}, ctx.Err()
	}
}

// bodyError is a request body that cannot be read at all.
type bodyError struct {
	status int
	msg    string
}

func (e *bodyError) Error() string { return e.msg }

func decodeJourney(w http.ResponseWriter, r *http.Request) (plan.Request, error) {
	var b journeyBody
	if err := decodeStrict(http.MaxBytesReader(w, r.Body, maxJourneyBody), &b, ""); err != nil {
		return plan.Request{}, err
	}
	var req plan.Request
	var err error
	if req.From, err = decodePlace(b.From, "from"); err != nil {
		return req, err
	}
	if req.To, err = decodePlace(b.To, "to"); err != nil {
		return req, err
	}
	if b.Depart == nil {
		return req, &plan.FieldError{Field: "depart", Reason: "required: a local date and time such as 2019-05-15T09:00, or RFC 3339 with an offset"}
	}
	if req.Depart, req.WallClock, err = plan.ParseDepart(*b.Depart); err != nil {
		return req, &plan.FieldError{Field: "depart", Reason: "want a local date and time such as 2019-05-15T09:00, or RFC 3339 with an offset"}
	}
	req.ArriveBy = b.ArriveBy
	req.Profile, err = decodeProfile(b.Profile)
	return req, err
}

// decodeStrict decodes one JSON object with no unknown fields and nothing
// after it; errors name the field under prefix.
func decodeStrict(r io.Reader, v any, prefix string) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, prefix)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &plan.FieldError{Field: orBody(prefix), Reason: "trailing data after the JSON object"}
	}
	return nil
}

// jsonError turns a decoding error into a field error or a body error.
func jsonError(err error, prefix string) error {
	var tooBig *http.MaxBytesError
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &tooBig):
		return &bodyError{status: http.StatusRequestEntityTooLarge, msg: fmt.Sprintf("the request body is larger than %d KiB", maxJourneyBody>>10)}
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return &plan.FieldError{Field: join(prefix, typeErr.Field), Reason: "wrong type: want " + jsonType(typeErr.Type)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return &plan.FieldError{Field: join(prefix, name), Reason: "unknown field"}
	}
	return &plan.FieldError{Field: orBody(prefix), Reason: "malformed JSON: want an object"}
}

// jsonType names the JSON type a Go type decodes from.
func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Float32, reflect.Float64, reflect.Int, reflect.Int32, reflect.Int64:
		return "a number"
	case reflect.Pointer:
		return jsonType(t.Elem())
	}
	return "an object"
}

func join(prefix, name string) string {
	if prefix == "" {
		return name
	}
	return prefix + "." + name
}

func orBody(prefix string) string {
	if prefix == "" {
		return "(body)"
	}
	return prefix
}

func isNull(raw json.RawMessage) bool {
	t := bytes.TrimSpace(raw)
	return len(t) == 0 || string(t) == "null"
}

// decodePlace reads {lat, lon} or {stop_id[, feed_id]}.
func decodePlace(raw json.RawMessage, field string) (plan.Place, error) {
	if isNull(raw) {
		return plan.Place{}, &plan.FieldError{Field: field, Reason: "required: {lat, lon} or {stop_id}"}
	}
	var p placeBody
	if err := decodeStrict(bytes.NewReader(raw), &p, field); err != nil {
		return plan.Place{}, err
	}
	switch {
	case p.StopID != "" && (p.Lat != nil || p.Lon != nil):
		return plan.Place{}, &plan.FieldError{Field: field, Reason: "give either lat and lon or stop_id, not both"}
	case p.StopID != "":
		return plan.StopPlace(p.FeedID, p.StopID), nil
	case p.FeedID != "":
		return plan.Place{}, &plan.FieldError{Field: field + ".stop_id", Reason: "required with feed_id"}
	case p.Lat == nil:
		return plan.Place{}, &plan.FieldError{Field: field + ".lat", Reason: "required (or give stop_id)"}
	case p.Lon == nil:
		return plan.Place{}, &plan.FieldError{Field: field + ".lon", Reason: "required (or give stop_id)"}
	}
	return plan.PointPlace(*p.Lat, *p.Lon), nil
}

// decodeProfile reads a standard profile id, or an object with base_id
// and overrides of the profile's fields.
func decodeProfile(raw json.RawMessage) (profile.Profile, error) {
	const want = "required: a standard profile id such as \"walker\", or {\"base_id\": ..., overrides}"
	if isNull(raw) {
		return profile.Profile{}, &plan.FieldError{Field: "profile", Reason: want}
	}
	var id string
	if err := json.Unmarshal(raw, &id); err == nil {
		p, ok := profile.ByID(id)
		if !ok {
			return p, &plan.FieldError{Field: "profile", Reason: "unknown standard profile"}
		}
		return p, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return profile.Profile{}, &plan.FieldError{Field: "profile", Reason: want}
	}
	var base string
	if err := json.Unmarshal(obj["base_id"], &base); err != nil || base == "" {
		return profile.Profile{}, &plan.FieldError{Field: "profile.base_id", Reason: "required: the standard profile to start from"}
	}
	delete(obj, "base_id")
	var overrides []byte
	if len(obj) > 0 {
		overrides, _ = json.Marshal(obj) // re-encoding decoded raw values cannot fail
	}
	p, err := profile.FromStandard(base, overrides)
	var fe *profile.FieldError
	if errors.As(err, &fe) {
		field := "profile." + fe.Field
		switch fe.Field {
		case "(body)":
			field = "profile"
		case "id":
			if _, ok := profile.ByID(base); !ok {
				field = "profile.base_id"
			}
		}
		return p, &plan.FieldError{Field: field, Reason: fe.Reason}
	}
	return p, err
}

// writeJourneyError writes a planner or decoding error (see failureOf).
func writeJourneyError(w http.ResponseWriter, d Deps, err error) {
	writeError(w, d.Log, "plan journey", err)
}
