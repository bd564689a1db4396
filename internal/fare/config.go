package fare

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// Config is the configured knowledge that stands in for missing feed
// fares: per-operator fare rules and per-authority concession extensions.
// It reads from and writes to JSON; see ParseConfig and DefaultEngland.
type Config struct {
	Rules      []OperatorRule `json:"rules,omitempty"`
	Extensions []Extension    `json:"extensions,omitempty"`
}

// OperatorRule prices rides that their feed does not: a single fare, a cap,
// or both. Empty Feed, Agency and Zone match anything; the rule matching
// most of them wins, and among equals the first listed.
type OperatorRule struct {
	Feed   string `json:"feed,omitempty"`
	Agency string `json:"agency,omitempty"`
	// Zone limits the rule to rides boarding in this zone: a dial-a-ride
	// zone (GTFS-Flex location id) or a stops.txt zone_id.
	Zone string `json:"zone,omitempty"`
	Mode Mode   `json:"mode"`
	// SinglePence is the single fare. When absent, CapPence stands in for
	// it: the cap is the most a single can cost.
	SinglePence *int64 `json:"single_pence,omitempty"`
	// CapPence is the most a single may cost (England's bus fare cap). It
	// also caps the matching operator's feed fares in GBP.
	CapPence *int64 `json:"cap_pence,omitempty"`
	// ReturnPence is a return fare, used by ReturnFare when it is cheaper
	// than two singles.
	ReturnPence *int64 `json:"return_pence,omitempty"`
	Note        string `json:"note,omitempty"`
}

// Extension is a travel concession authority's discretionary enhancement of
// the national concession for its pass holders.
type Extension struct {
	Authority string `json:"authority"`
	// EarlierStart is when weekday free travel starts, "HH:MM" from "00:00"
	// to "09:30"; empty keeps 09:30.
	EarlierStart string `json:"earlier_start,omitempty"`
	// LaterEnd is when weekday free travel ends, "HH:MM" from "23:00" to
	// "24:00"; empty keeps 23:00.
	LaterEnd string `json:"later_end,omitempty"`
	// ExtraModes are modes the pass also covers: dial_a_ride or tram.
	ExtraModes []Mode `json:"extra_modes,omitempty"`
	// CompanionAllowed lets a companion travel free whenever the holder does.
	CompanionAllowed bool   `json:"companion_allowed,omitempty"`
	Note             string `json:"note,omitempty"`
}

// MaxConfigPence bounds every configured price (£10,000), so sums of
// journeys cannot overflow.
const MaxConfigPence = 1_000_000

// EnglandBusCapPence is England's bus fare cap from 1 January 2025: £3 for
// a single local bus journey.
const EnglandBusCapPence = 300

// DefaultEngland is the default configuration for England: local bus
// singles estimated at the national £3 cap, no local extensions. Rail,
// coach and dial-a-ride stay unknown unless their feed prices them.
func DefaultEngland() Config {
	limit := int64(EnglandBusCapPence)
	return Config{Rules: []OperatorRule{{Mode: Bus, CapPence: &limit,
		Note: "England bus fare cap: a local bus single costs at most £3 from 2025"}}}
}

// ParseConfig reads a JSON Config. Unknown fields and trailing data are
// errors, and the result is validated.
func ParseConfig(data []byte) (Config, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Config
	if err := dec.Decode(&c); err != nil {
		return Config{}, fmt.Errorf("parse fare config: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return Config{}, errors.New("parse fare config: data after the object")
	}
	c.normalise()
	if err := c.Validate(); err != nil {
		return Config{}, err
	}
	return c, nil
}

// normalise makes empty lists nil, so a parsed config equals its own
// round trip through JSON.
func (c *Config) normalise() {
	if len(c.Rules) == 0 {
		c.Rules = nil
	}
	if len(c.Extensions) == 0 {
		c.Extensions = nil
	}
	for i := range c.Extensions {
		if len(c.Extensions[i].ExtraModes) == 0 {
			c.Extensions[i].ExtraModes = nil
		}
	}
}

// Validate checks every rule and extension and names the first bad field.
func (c Config) Validate() error {
	for i, r := range c.Rules {
		if err := r.validate(); err != nil {
			return fmt.Errorf("fare config: rules[%d].%w", i, err)
		}
	}
	seen := map[string]bool{}
	for i, e := range c.Extensions {
		if err := e.validate(); err != nil {
			return fmt.Errorf("fare config: extensions[%d].%w", i, err)
		}
		if seen[e.Authority] {
			return fmt.Errorf("fare config: extensions[%d].authority: %q listed twice", i, e.Authority)
		}
		seen[e.Authority] = true
	}
	return nil
}

func (r OperatorRule) validate() error {
	if !r.Mode.valid() {
		return fmt.Errorf("mode: %q is not a mode", r.Mode)
	}
	if r.SinglePence == nil && r.CapPence == nil {
		return errors.New("single_pence: a rule needs single_pence or cap_pence")
	}
	for _, p := range []struct {
		name string
		v    *int64
	}{{"single_pence", r.SinglePence}, {"cap_pence", r.CapPence}, {"return_pence", r.ReturnPence}} {
		if p.v != nil && (*p.v < 0 || *p.v > MaxConfigPence) {
			return fmt.Errorf("%s: %d is outside 0 to %d", p.name, *p.v, MaxConfigPence)
		}
	}
	return nil
}

func (e Extension) validate() error {
	if e.Authority == "" {
		return errors.New("authority: empty")
	}
	if _, err := clockBetween(e.EarlierStart, 0, nationalStart); err != nil {
		return fmt.Errorf("earlier_start: %w", err)
	}
	if _, err := clockBetween(e.LaterEnd, nationalEnd, 24*3600); err != nil {
		return fmt.Errorf("later_end: %w", err)
	}
	for j, m := range e.ExtraModes {
		if m != DialARide && m != Tram {
			return fmt.Errorf("extra_modes[%d]: %q cannot be added (only dial_a_ride or tram)", j, m)
		}
	}
	return nil
}

// clockBetween reads "HH:MM" as seconds after midnight and checks it lies
// in [lo, hi]. Empty reads as -1 (not set).
func clockBetween(s string, lo, hi int) (int, error) {
	if s == "" {
		return -1, nil
	}
	var h, m int
	if len(s) != 5 || s[2] != ':' || !digits2(s[:2], &h) || !digits2(s[3:], &m) || m > 59 {
		return 0, fmt.Errorf("%q: want HH:MM", s)
	}
	v := h*3600 + m*60
	if v < lo || v > hi {
		return 0, fmt.Errorf("%q: want %s to %s", s, clock(lo), clock(hi))
	}
	return v, nil
}

func digits2(s string, out *int) bool {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return false
	}
	*out = int(s[0]-'0')*10 + int(s[1]-'0')
	return true
}

func clock(sec int) string { return fmt.Sprintf("%02d:%02d", sec/3600, sec%3600/60) }
