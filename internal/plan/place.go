package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Place is where a journey starts or ends: a point, or a stop of a loaded
// timetable when StopID is set. FeedID may be empty: the stop is then
// looked up in every feed.
type Place struct {
	Point  orb.Point // [lon, lat]; ignored when StopID is set
	FeedID string
	StopID string
}

// PointPlace is the place at a latitude and longitude.
func PointPlace(lat, lon float64) Place { return Place{Point: geo.PointLatLon(lat, lon)} }

// StopPlace is a stop, with its feed when known.
func StopPlace(feedID, stopID string) Place { return Place{FeedID: feedID, StopID: stopID} }

// IsStop reports whether the place is a stop.
func (p Place) IsStop() bool { return p.StopID != "" }

// check names the first invalid part of the place; field is its JSON name.
func (p Place) check(field string) error {
	if p.IsStop() {
		if len(p.StopID) > 255 || len(p.FeedID) > 255 {
			return &FieldError{Field: field + ".stop_id", Reason: "too long"}
		}
		return nil
	}
	lon, lat := p.Point[0], p.Point[1]
	if math.IsNaN(lat) || lat < -90 || lat > 90 {
		return &FieldError{Field: field + ".lat", Reason: "latitude must be between -90 and 90"}
	}
	if math.IsNaN(lon) || lon < -180 || lon > 180 {
		return &FieldError{Field: field + ".lon", Reason: "longitude must be between -180 and 180"}
	}
	return nil
}

// ParsePlace reads the command-line form of a place: "lat,lon" (decimal
// degrees, latitude first as people write them), "stop:ID" or
// "stop:FEED:ID". A "stop:" form keeps everything after the prefix as the
// stop ID with no feed: a stop ID may itself contain colons, so the feed is
// split off only when the whole string is not a stop ID (see Planner).
func ParsePlace(s string) (Place, error) {
	if rest, ok := strings.CutPrefix(s, "stop:"); ok {
		if rest == "" {
			return Place{}, fmt.Errorf("place %q: empty stop id", s)
		}
		return Place{StopID: rest}, nil
	}
	latS, lonS, ok := strings.Cut(s, ",")
	if !ok {
		return Place{}, fmt.Errorf("place %q: want lat,lon or stop:ID", s)
	}
	lat, err1 := strconv.ParseFloat(strings.TrimSpace(latS), 64)
	lon, err2 := strconv.ParseFloat(strings.TrimSpace(lonS), 64)
	if err1 != nil || err2 != nil {
		return Place{}, fmt.Errorf("place %q: want decimal degrees lat,lon", s)
	}
	p := PointPlace(lat, lon)
	if !geo.ValidLonLat(p.Point) {
		return Place{}, fmt.Errorf("place %q: latitude must be -90 to 90, longitude -180 to 180", s)
	}
	return p, nil
}

// Wall-clock layouts ParseDepart accepts besides RFC 3339.
var wallLayouts = []string{"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05"}

// ParseDepart reads a departure (or arrive-by) time: RFC 3339 with an
// offset is an instant (wallClock false); "2006-01-02T15:04[:05]" without
// one is a date and clock time in the timetable's own timezone (wallClock
// true, the returned time in UTC carrying those fields).
func ParseDepart(s string) (t time.Time, wallClock bool, err error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, false, nil
	}
	for _, layout := range wallLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true, nil
		}
	}
	return time.Time{}, false, fmt.Errorf("time %q: want 2006-01-02T15:04 (local to the timetable) or RFC 3339 with an offset", s)
}
