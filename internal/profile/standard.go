package profile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

var week = []Day{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func intp(v int) *int       { return &v }
func int64p(v int64) *int64 { return &v }

// Reasons shared by several standard profiles.
const (
	reasonWalkSpeed = "1.2 m/s is the walking speed UK pedestrian crossings are timed for"
	reasonWalkFar   = "1,000 m (about 14 minutes at 1.2 m/s) is a generous walk to a stop or station for someone who walks without difficulty"
	reasonOlder     = "Health Survey for England data (Asher et al., Age and Ageing, 2012) put the mean walking speed of people over 65 at 0.9 m/s for men and 0.8 m/s for women, below the 1.2 m/s crossings are timed for"
	reasonOlderWalk = "400 m is the long-standing UK rule of thumb for the walk to a bus stop, and CIHT's Buses in Urban Developments (2018) warns it may be too far for older people; 500 m per leg is the outer limit assumed here"
	reasonWheelWalk = "400 m, the long-standing UK rule of thumb for the walk to a bus stop, as the longest leg over pavements, kerbs and crossings of unknown quality"
	reasonPass      = "the English National Concessionary Travel Scheme gives people of State Pension age and eligible disabled people free local bus travel from 09:30 to 23:00 on weekdays and all day at weekends and bank holidays"
	reasonDaytime   = "social prescribing activities run mostly in the daytime; the window bounds the journeys searched"
	reasonRurality  = "null: the default one-way limit for the rurality of the home area applies"
)

// Standard returns the built-in profiles, freshly allocated (callers may
// modify them).
func Standard() []Profile {
	return []Profile{walker(), busPass(), wheelchair(), noMoney(), car(), ruralDialARide()}
}

// ByID returns a standard profile by id.
func ByID(id string) (Profile, bool) {
	for _, p := range Standard() {
		if p.ID == id {
			return p, true
		}
	}
	return Profile{}, false
}

func daytime(from, to string) []Window {
	return []Window{{Days: append([]Day(nil), week...), From: from, To: to}}
}

func walker() Profile {
	return Profile{
		ID: "walker", Name: "Walker",
		Description:  "An adult who walks without difficulty and uses buses and trains, paying the fare.",
		WalkSpeedMPS: 1.2, MaxWalkM: 1000, Modes: []Mode{Bus, Rail},
		Available: daytime("08:00", "20:00"),
		Reasons: map[string]string{
			"walk_speed_mps": reasonWalkSpeed, "max_walk_m": reasonWalkFar,
			"budget_pence": "null: no spending limit set", "max_journey_min": reasonRurality,
			"available": reasonDaytime,
		},
	}
}

func busPass() Profile {
	return Profile{
		ID: "bus-pass", Name: "Older person with a bus pass",
		Description:  "An older person who walks slowly and not far, and travels free on local buses with an English concessionary pass.",
		WalkSpeedMPS: 0.9, MaxWalkM: 500, Modes: []Mode{Bus, Rail}, ConcessionaryPass: true,
		Available: daytime("09:30", "18:00"),
		Reasons: map[string]string{
			"walk_speed_mps": reasonOlder, "max_walk_m": reasonOlderWalk,
			"concessionary_pass": reasonPass, "max_journey_min": reasonRurality,
			"available": "from 09:30, when the concessionary pass becomes valid on weekdays, to early evening",
		},
	}
}

func wheelchair() Profile {
	return Profile{
		ID: "wheelchair", Name: "Wheelchair user",
		Description:  "A wheelchair user who needs step-free stops, vehicles and entrances and an accessible toilet; eligible for a disabled person's bus pass.",
		WalkSpeedMPS: 0.8, MaxWalkM: 400, StepFree: true, AccessibleToilet: true,
		Modes: []Mode{Bus, Rail, Taxi}, ConcessionaryPass: true,
		Available: daytime("09:30", "18:00"),
		Reasons: map[string]string{
			"walk_speed_mps":     "0.8 m/s: a cautious wheeling speed over real pavements, kerbs and crossings, below a walker's 1.2 m/s",
			"max_walk_m":         reasonOlderWalk,
			"step_free":          "boards and alights only where the stop and the vehicle are known (or, under a declared policy, assumed) to be step-free",
			"accessible_toilet":  "many disabled people will not make a trip without one; sites with unknown toilets stay unknown, not yes",
			"concessionary_pass": reasonPass, "max_journey_min": reasonRurality,
			"available": "from 09:30, when the concessionary pass becomes valid on weekdays",
		},
	}
}

func noMoney() Profile {
	return Profile{
		ID: "no-money", Name: "No money to spend",
		Description:  "Someone who cannot spend anything on a visit: only free travel and free (or free-on-referral) activities count.",
		WalkSpeedMPS: 1.2, MaxWalkM: 1000, Modes: []Mode{Bus, Rail}, BudgetPence: int64p(0),
		Available: daytime("08:00", "20:00"),
		Reasons: map[string]string{
			"budget_pence":   "0: financial barriers are the commonest reason prescribed activities are not taken up; a fare or a fee rules the option out unless it is free",
			"walk_speed_mps": reasonWalkSpeed, "max_walk_m": reasonWalkFar, "max_journey_min": reasonRurality,
			"available": reasonDaytime,
		},
	}
}

func car() Profile {
	return Profile{
		ID: "car", Name: "Car driver",
		Description:  "Someone who drives themselves; walks from the car park.",
		WalkSpeedMPS: 1.2, MaxWalkM: 500, Modes: []Mode{CarDriver},
		Available: daytime("08:00", "20:00"),
		Reasons: map[string]string{
			"modes":      "car as driver: the comparison that shows what public transport does not reach",
			"max_walk_m": "500 m from a car park to the activity", "walk_speed_mps": reasonWalkSpeed,
			"max_journey_min": reasonRurality, "available": reasonDaytime,
		},
	}
}

func ruralDialARide() Profile {
	return Profile{
		ID: "rural-dial-a-ride", Name: "Rural resident using dial-a-ride",
		Description:  "An older rural resident with a bus pass who can book demand-responsive transport where it runs.",
		WalkSpeedMPS: 0.9, MaxWalkM: 500, Modes: []Mode{DialARide, Bus}, ConcessionaryPass: true,
		Available: daytime("09:30", "17:00"),
		Reasons: map[string]string{
			"modes":          "dial-a-ride (GTFS-Flex zones, booked ahead) where the bus does not go, and the bus where it does",
			"walk_speed_mps": reasonOlder, "max_walk_m": reasonOlderWalk,
			"concessionary_pass": reasonPass + "; many dial-a-ride services accept it or charge a flat fare",
			"max_journey_min":    reasonRurality,
			"available":          "dial-a-ride services mostly run on weekday daytimes; 09:30 when the pass becomes valid",
		},
	}
}

// FromStandard starts from the standard profile id and applies overrides,
// a JSON object with any of the profile's fields (unknown fields are an
// error; null sets a nullable field to null; a list replaces the list).
// Without overrides it returns the standard profile; with them, the result
// has base_id the standard id, no reasons, and id "custom" unless the
// overrides name a non-standard id; it is validated.
func FromStandard(id string, overrides []byte) (Profile, error) {
	base, ok := ByID(id)
	if !ok {
		return Profile{}, &FieldError{Field: "id", Reason: fmt.Sprintf("unknown standard profile %q", id)}
	}
	if len(bytes.TrimSpace(overrides)) == 0 {
		return base, nil
	}
	return Override(base, overrides)
}

// Override applies a JSON object of overrides to a copy of base and
// validates the result.
func Override(base Profile, overrides []byte) (Profile, error) {
	if trimmed := bytes.TrimSpace(overrides); len(trimmed) == 0 || trimmed[0] != '{' {
		return Profile{}, &FieldError{Field: "(body)", Reason: "overrides must be a JSON object"}
	}
	p := base.clone()
	dec := json.NewDecoder(bytes.NewReader(overrides))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return Profile{}, decodeError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Profile{}, &FieldError{Field: "(body)", Reason: "trailing data after the overrides object"}
	}
	if _, standard := ByID(p.ID); standard || p.ID == "" {
		p.ID = "custom" // an overridden profile never passes for a standard one
	}
	p.BaseID = base.ID
	p.Reasons = nil
	if err := p.Validate(); err != nil {
		return Profile{}, err
	}
	return p, nil
}

// decodeError turns a JSON error into a FieldError naming the field.
func decodeError(err error) error {
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return &FieldError{Field: typeErr.Field, Reason: "wrong type: want " + typeErr.Type.String()}
	}
	const unknown = "json: unknown field "
	if msg := err.Error(); strings.HasPrefix(msg, unknown) {
		return &FieldError{Field: strings.Trim(strings.TrimPrefix(msg, unknown), `"`), Reason: "unknown field"}
	}
	return &FieldError{Field: "(body)", Reason: "invalid JSON: " + err.Error()}
}
