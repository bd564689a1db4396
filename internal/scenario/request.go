package scenario

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"

	"github.com/threshold-heritage/threshold/internal/profile"
)

// Bounds of a request.
const (
	MaxChanges         = 50
	MaxPolygonVertices = 1000
	DefaultMaxCells    = 500
	MaxCells           = 5000
)

// Change types.
const (
	TypeAddSession      = "add_session"
	TypeMoveSession     = "move_session"
	TypeMakeFree        = "make_free"
	TypeRemoveActivity  = "remove_activity"
	TypeStepFreeStop    = "step_free_stop"
	TypeStepFreeTrip    = "step_free_trip"
	TypeStepFreeRoute   = "step_free_route"
	TypeStepFreeNetwork = "step_free_network"
	TypeAddTrip         = "add_trip"
	TypeAddDARZone      = "add_dar_zone"
)

var changeTypes = []string{TypeAddSession, TypeMoveSession, TypeMakeFree, TypeRemoveActivity, TypeStepFreeStop,
	TypeStepFreeTrip, TypeStepFreeRoute, TypeStepFreeNetwork, TypeAddTrip, TypeAddDARZone}

// Request is a validated what-if: the profiles to answer for, the cap on
// changed cells listed per profile, and the changes in order.
type Request struct {
	Profiles []profile.Profile
	MaxCells int
	Changes  []Change
}

// Change is one change; exactly the pointer matching Type is set.
type Change struct {
	Type        string
	AddSession  *AddSession
	MoveSession *MoveSession
	Activity    *ActivityRef // make_free, remove_activity
	StepFree    *StepFree    // step_free_stop, _trip, _route, _network
	AddTrip     *AddTrip
	AddDARZone  *AddDARZone
}

type requestJSON struct {
	Profiles []string          `json:"profiles"`
	MaxCells *int              `json:"max_cells"`
	Changes  []json.RawMessage `json:"changes"`
}

// ParseRequest reads and validates a request body: JSON, no unknown
// fields, every value in bounds. It does not look anything up in the data
// (Engine.Run does, with RefError).
func ParseRequest(body []byte) (Request, error) {
	var rj requestJSON
	if err := decodeStrict(body, &rj, ""); err != nil {
		return Request{}, err
	}
	var req Request
	var err error
	if req.Profiles, err = parseProfiles(rj.Profiles); err != nil {
		return req, err
	}
	req.MaxCells = DefaultMaxCells
	if rj.MaxCells != nil {
		if *rj.MaxCells < 0 || *rj.MaxCells > MaxCells {
			return req, &FieldError{"max_cells", fmt.Sprintf("want 0 to %d", MaxCells)}
		}
		req.MaxCells = *rj.MaxCells
	}
	if len(rj.Changes) == 0 || len(rj.Changes) > MaxChanges {
		return req, &FieldError{"changes", fmt.Sprintf("want 1 to %d changes", MaxChanges)}
	}
	for i, raw := range rj.Changes {
		c, err := parseChange(raw, fmt.Sprintf("changes[%d]", i))
		if err != nil {
			return req, err
		}
		req.Changes = append(req.Changes, c)
	}
	return req, nil
}

// parseProfiles reads standard profile ids (all six when none).
func parseProfiles(ids []string) ([]profile.Profile, error) {
	if ids == nil {
		return profile.Standard(), nil
	}
	if len(ids) == 0 {
		return nil, &FieldError{"profiles", "give at least one profile, or leave the field out for all six"}
	}
	var out []profile.Profile
	seen := map[string]bool{}
	for i, id := range ids {
		p, ok := profile.ByID(id)
		field := fmt.Sprintf("profiles[%d]", i)
		switch {
		case !ok:
			return nil, &FieldError{field, "want a standard profile: " + standardIDs()}
		case seen[id]:
			return nil, &FieldError{field, "listed twice"}
		}
		seen[id] = true
		out = append(out, p)
	}
	return out, nil
}

func standardIDs() string {
	var ids []string
	for _, p := range profile.Standard() {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}

// parseChange reads the type, then the change strictly as that type.
func parseChange(raw json.RawMessage, field string) (Change, error) {
	var head struct {
		Type *string `json:"type"`
	}
	if err := json.Unmarshal(raw, &head); err != nil {
		return Change{}, jsonError(err, field)
	}
	if head.Type == nil {
		return Change{}, &FieldError{field + ".type", "required: one of " + strings.Join(changeTypes, ", ")}
	}
	c := Change{Type: *head.Type}
	var v interface{ validate(field string) error }
	switch c.Type {
	case TypeAddSession:
		c.AddSession = &AddSession{}
		v = c.AddSession
	case TypeMoveSession:
		c.MoveSession = &MoveSession{}
		v = c.MoveSession
	case TypeMakeFree, TypeRemoveActivity:
		c.Activity = &ActivityRef{}
		v = c.Activity
	case TypeStepFreeStop, TypeStepFreeTrip, TypeStepFreeRoute, TypeStepFreeNetwork:
		c.StepFree = &StepFree{kind: c.Type}
		v = c.StepFree
	case TypeAddTrip:
		c.AddTrip = &AddTrip{}
		v = c.AddTrip
	case TypeAddDARZone:
		c.AddDARZone = &AddDARZone{}
		v = c.AddDARZone
	default:
		return c, &FieldError{field + ".type", "want one of " + strings.Join(changeTypes, ", ")}
	}
	if err := decodeStrict(raw, v, field); err != nil {
		return c, err
	}
	return c, v.validate(field)
}

// decodeStrict decodes one JSON object with no unknown fields and nothing
// after it; errors name the field under prefix.
func decodeStrict(b []byte, v any, prefix string) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, prefix)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return &FieldError{orBody(prefix), "trailing data after the JSON object"}
	}
	return nil
}

// jsonError names the field a decoding error is about.
func jsonError(err error, prefix string) error {
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr) && typeErr.Field != "":
		return &FieldError{join(prefix, typeErr.Field), "wrong type: want " + jsonType(typeErr.Type)}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name, _ := strconv.Unquote(strings.TrimPrefix(err.Error(), "json: unknown field "))
		return &FieldError{join(prefix, name), "unknown field"}
	}
	return &FieldError{orBody(prefix), "malformed JSON: want an object"}
}

func jsonType(t reflect.Type) string {
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.String:
		return "a string"
	case reflect.Slice:
		return "an array"
	case reflect.Int, reflect.Int32, reflect.Int64, reflect.Float64:
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
