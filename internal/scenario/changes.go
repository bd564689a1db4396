package scenario

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/paulmach/orb/planar"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
)

// maxName bounds names given in a change; maxPence a price or fare.
const (
	maxName  = 200
	maxPence = 1_000_000
)

// AddSession is a new weekly session: a new activity at an existing site
// (SiteID) or a new one (Site), or one more weekly schedule of an
// existing activity (ActivityID).
type AddSession struct {
	SiteID         string   `json:"site_id"`
	Site           *NewSite `json:"site"`
	ActivityID     string   `json:"activity_id"`
	Name           string   `json:"name"`
	Days           []string `json:"days"`
	Start          string   `json:"start"`
	End            string   `json:"end"`
	PricePence     *int64   `json:"price_pence"`
	FreeOnReferral bool     `json:"free_on_referral"`
	Type           string   `json:"type"`

	days       []time.Weekday
	start, end heritage.Clock
}

// NewSite is a venue that is not in the data.
type NewSite struct {
	Name             string   `json:"name"`
	Lat              *float64 `json:"lat"`
	Lon              *float64 `json:"lon"`
	StepFreeEntrance string   `json:"step_free_entrance"`
	AccessibleToilet string   `json:"accessible_toilet"`

	point            orb.Point
	stepFree, toilet heritage.Access
}

func (c *AddSession) validate(f string) error {
	n := 0
	for _, set := range []bool{c.SiteID != "", c.Site != nil, c.ActivityID != ""} {
		if set {
			n++
		}
	}
	if n != 1 {
		return &FieldError{f, "give exactly one of site_id, site or activity_id"}
	}
	if c.ActivityID != "" && (c.Name != "" || c.PricePence != nil || c.FreeOnReferral) {
		return &FieldError{f + ".activity_id", "a schedule added to an activity keeps its name and prices: leave out name, price_pence and free_on_referral"}
	}
	if len(c.Name) > maxName {
		return &FieldError{f + ".name", fmt.Sprintf("at most %d bytes", maxName)}
	}
	if c.PricePence != nil && (*c.PricePence < 0 || *c.PricePence > maxPence) {
		return &FieldError{f + ".price_pence", fmt.Sprintf("want 0 to %d pence, or leave it out for an unknown price", maxPence)}
	}
	if c.Site != nil {
		if err := c.Site.validate(f + ".site"); err != nil {
			return err
		}
	}
	var err error
	if c.days, err = parseDays(c.Days, f+".days", true); err != nil {
		return err
	}
	c.start, c.end, err = parseSpan(c.Start, c.End, f)
	return err
}

func (s *NewSite) validate(f string) error {
	if s.Name == "" || len(s.Name) > maxName {
		return &FieldError{f + ".name", fmt.Sprintf("required, at most %d bytes", maxName)}
	}
	if s.Lat == nil || s.Lon == nil {
		return &FieldError{f, "lat and lon are required"}
	}
	s.point = geo.PointLatLon(*s.Lat, *s.Lon)
	if !geo.ValidLonLat(s.point) {
		return &FieldError{f, "lat must be -90..90 and lon -180..180"}
	}
	var err error
	if s.stepFree, err = parseKnownAccess(s.StepFreeEntrance, f+".step_free_entrance"); err != nil {
		return err
	}
	s.toilet, err = parseKnownAccess(s.AccessibleToilet, f+".accessible_toilet")
	return err
}

// parseKnownAccess reads yes, no or unknown (the default): "assumed" is
// for a feed's declared policy, not for a planner's what-if.
func parseKnownAccess(s, f string) (heritage.Access, error) {
	switch s {
	case "", "unknown":
		return heritage.AccessUnknown, nil
	case "yes":
		return heritage.AccessYes, nil
	case "no":
		return heritage.AccessNo, nil
	}
	return heritage.AccessUnknown, &FieldError{f, "want yes, no or unknown"}
}

// MoveSession moves an activity's sessions: one schedule (ScheduleID) or
// all, to another start (the length kept unless End is given) and, for
// weekly schedules, other days.
type MoveSession struct {
	ActivityID string   `json:"activity_id"`
	ScheduleID string   `json:"schedule_id"`
	Start      string   `json:"start"`
	End        string   `json:"end"`
	Days       []string `json:"days"`
	Type       string   `json:"type"`

	start, end heritage.Clock // -1 when not given
	days       []time.Weekday
}

func (c *MoveSession) validate(f string) error {
	if c.ActivityID == "" {
		return &FieldError{f + ".activity_id", "required"}
	}
	if c.Start == "" && c.End == "" && c.Days == nil {
		return &FieldError{f, "give start, end or days"}
	}
	c.start, c.end = -1, -1
	var err error
	if c.Start != "" {
		if c.start, err = parseClock(c.Start, f+".start", false); err != nil {
			return err
		}
	}
	if c.End != "" {
		if c.end, err = parseClock(c.End, f+".end", true); err != nil {
			return err
		}
	}
	if c.start >= 0 && c.end >= 0 && c.end <= c.start {
		return &FieldError{f + ".end", "must be after start, on the same day"}
	}
	if c.Days != nil {
		c.days, err = parseDays(c.Days, f+".days", true)
	}
	return err
}

// ActivityRef names an activity (make_free, remove_activity).
type ActivityRef struct {
	ActivityID string `json:"activity_id"`
	Type       string `json:"type"`
}

func (c *ActivityRef) validate(f string) error {
	if c.ActivityID == "" {
		return &FieldError{f + ".activity_id", "required"}
	}
	return nil
}

// StepFree makes a stop, a trip, a route's trips and stops, or a whole
// feed (every feed without FeedID) step-free.
type StepFree struct {
	FeedID  string `json:"feed_id"`
	StopID  string `json:"stop_id"`
	TripID  string `json:"trip_id"`
	RouteID string `json:"route_id"`
	Type    string `json:"type"`

	kind string
}

func (c *StepFree) validate(f string) error {
	need := map[string]string{TypeStepFreeStop: "stop_id", TypeStepFreeTrip: "trip_id", TypeStepFreeRoute: "route_id"}[c.kind]
	if need != "" && c.FeedID == "" {
		return &FieldError{f + ".feed_id", "required"}
	}
	for name, v := range map[string]string{"stop_id": c.StopID, "trip_id": c.TripID, "route_id": c.RouteID} {
		switch {
		case name == need && v == "":
			return &FieldError{f + "." + name, "required"}
		case name != need && v != "":
			return &FieldError{f + "." + name, "not used by " + c.kind}
		}
	}
	return nil
}

// AddTrip is one more run of a route: its template trip's stops and
// running times from Depart, on the template's days or Days.
type AddTrip struct {
	FeedID  string   `json:"feed_id"`
	RouteID string   `json:"route_id"`
	TripID  string   `json:"trip_id"`
	Depart  string   `json:"depart"`
	Days    []string `json:"days"`
	Type    string   `json:"type"`

	depart int32
	days   []time.Weekday
}

// maxDepart is the latest first departure of an added trip, 30:00: a
// service day's trips may run past midnight.
const maxDepart = 30 * 3600

func (c *AddTrip) validate(f string) error {
	if c.FeedID == "" {
		return &FieldError{f + ".feed_id", "required"}
	}
	if c.RouteID == "" {
		return &FieldError{f + ".route_id", "required"}
	}
	d, err := parseServiceClock(c.Depart, f+".depart")
	if err != nil {
		return err
	}
	c.depart = d
	if c.Days != nil {
		c.days, err = parseDays(c.Days, f+".days", true)
	}
	return err
}

// AddDARZone is a GTFS-Flex-style dial-a-ride zone.
type AddDARZone struct {
	Name              string          `json:"name"`
	Polygon           json.RawMessage `json:"polygon"`
	Days              []string        `json:"days"`
	Start             string          `json:"start"`
	End               string          `json:"end"`
	BookingNoticeDays *int            `json:"booking_notice_days"`
	BookingBy         string          `json:"booking_by"`
	FarePence         *int64          `json:"fare_pence"`
	StepFree          string          `json:"step_free"`
	Type              string          `json:"type"`

	area       orb.MultiPolygon
	days       []time.Weekday
	start, end heritage.Clock
	notice     int
	by         heritage.Clock
}

func (c *AddDARZone) validate(f string) error {
	if len(c.Name) > maxName {
		return &FieldError{f + ".name", fmt.Sprintf("at most %d bytes", maxName)}
	}
	var err error
	if c.area, err = parsePolygon(c.Polygon, f+".polygon"); err != nil {
		return err
	}
	if c.days, err = parseDays(c.Days, f+".days", true); err != nil {
		return err
	}
	if c.start, c.end, err = parseSpan(c.Start, c.End, f); err != nil {
		return err
	}
	c.notice, c.by = 1, heritage.NewClock(16, 0, 0)
	if c.BookingNoticeDays != nil {
		if *c.BookingNoticeDays < 0 || *c.BookingNoticeDays > 14 {
			return &FieldError{f + ".booking_notice_days", "want 0 to 14"}
		}
		c.notice = *c.BookingNoticeDays
	}
	if c.BookingBy != "" {
		if c.by, err = parseClock(c.BookingBy, f+".booking_by", false); err != nil {
			return err
		}
	}
	if c.FarePence != nil && (*c.FarePence < 0 || *c.FarePence > maxPence) {
		return &FieldError{f + ".fare_pence", fmt.Sprintf("want 0 to %d pence, or leave it out for an unknown fare", maxPence)}
	}
	switch c.StepFree {
	case "":
		c.StepFree = "unknown"
	case "yes", "no", "unknown":
	default:
		return &FieldError{f + ".step_free", "want yes, no or unknown"}
	}
	return nil
}

// parsePolygon reads a GeoJSON Polygon or MultiPolygon in [lon, lat]:
// closed rings of at least four positions, at most MaxPolygonVertices
// positions in all, enclosing some area.
func parsePolygon(raw json.RawMessage, f string) (orb.MultiPolygon, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, &FieldError{f, "required: a GeoJSON Polygon or MultiPolygon"}
	}
	g, err := geojson.UnmarshalGeometry(raw)
	if err != nil {
		return nil, &FieldError{f, "want a GeoJSON Polygon or MultiPolygon geometry"}
	}
	var mp orb.MultiPolygon
	switch v := g.Geometry().(type) {
	case orb.Polygon:
		mp = orb.MultiPolygon{v}
	case orb.MultiPolygon:
		mp = v
	default:
		return nil, &FieldError{f, "want a GeoJSON Polygon or MultiPolygon geometry, not " + g.Type}
	}
	return mp, checkRings(mp, f)
}

func checkRings(mp orb.MultiPolygon, f string) error {
	n := 0
	for _, poly := range mp {
		if len(poly) == 0 {
			return &FieldError{f, "a polygon has no rings"}
		}
		for _, ring := range poly {
			n += len(ring)
			if len(ring) < 4 || !ring.Closed() {
				return &FieldError{f, "every ring needs at least four positions, the last equal to the first"}
			}
			if slices.ContainsFunc(ring, func(p orb.Point) bool { return !geo.ValidLonLat(p) }) {
				return &FieldError{f, "positions are [lon, lat] with lon -180..180 and lat -90..90"}
			}
		}
	}
	if n > MaxPolygonVertices {
		return &FieldError{f, fmt.Sprintf("%d positions: at most %d", n, MaxPolygonVertices)}
	}
	if planar.Area(mp) == 0 {
		return &FieldError{f, "the polygon encloses no area"}
	}
	return nil
}

// parseDays reads mon..sun, each once.
func parseDays(days []string, f string, required bool) ([]time.Weekday, error) {
	if len(days) == 0 {
		if required {
			return nil, &FieldError{f, "required: one or more of mon, tue, wed, thu, fri, sat, sun"}
		}
		return nil, nil
	}
	var out []time.Weekday
	for i, d := range days {
		w, ok := profile.Day(d).Weekday()
		if !ok {
			return nil, &FieldError{fmt.Sprintf("%s[%d]", f, i), "want one of mon, tue, wed, thu, fri, sat, sun"}
		}
		if slices.Contains(out, w) {
			return nil, &FieldError{fmt.Sprintf("%s[%d]", f, i), "listed twice"}
		}
		out = append(out, w)
	}
	return out, nil
}

// parseSpan reads a required start and end time of one day.
func parseSpan(start, end, f string) (heritage.Clock, heritage.Clock, error) {
	s, err := parseClock(start, f+".start", false)
	if err != nil {
		return 0, 0, err
	}
	e, err := parseClock(end, f+".end", true)
	if err != nil {
		return 0, 0, err
	}
	if e <= s {
		return 0, 0, &FieldError{f + ".end", "must be after start, on the same day"}
	}
	return s, e, nil
}

// parseClock reads HH:MM (24:00 only as an end).
func parseClock(s, f string, end bool) (heritage.Clock, error) {
	want := "want a time HH:MM, 00:00 to 23:59"
	if end {
		want = "want a time HH:MM, 00:01 to 24:00"
	}
	if len(s) != 5 {
		return 0, &FieldError{f, want}
	}
	c, err := heritage.ParseClock(s)
	if err != nil || (!end && c >= heritage.ClockEndOfDay) || (end && c == 0) {
		return 0, &FieldError{f, want}
	}
	return c, nil
}

// parseServiceClock reads HH:MM from 00:00 to 30:00 (GTFS times run past
// midnight on the service day).
func parseServiceClock(s, f string) (int32, error) {
	bad := &FieldError{f, "want a time HH:MM from 00:00 to 30:00 (past 24:00 is after midnight on the service day)"}
	if len(s) != 5 || s[2] != ':' {
		return 0, bad
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, bad
		}
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if m > 59 {
		return 0, bad
	}
	v := int32(h*3600 + m*60)
	if v > maxDepart {
		return 0, bad
	}
	return v, nil
}
