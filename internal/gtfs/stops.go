package gtfs

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Location types of stops.txt.
const (
	LocationStop         int8 = 0 // a stop or platform (also an empty location_type)
	LocationStation      int8 = 1
	LocationEntrance     int8 = 2 // entrance or exit of a station
	LocationGenericNode  int8 = 3 // pathway node, may lack coordinates
	LocationBoardingArea int8 = 4 // may lack coordinates
)

// Accessibility values of wheelchair_boarding (stops) and
// wheelchair_accessible (trips), kept raw. An absent column or empty value
// is WheelchairUnknown: never read it as accessible.
const (
	WheelchairUnknown    int8 = 0 // no information (for a child stop: inherit from the parent station)
	WheelchairAccessible int8 = 1 // some or all can board / the vehicle takes a wheelchair
	WheelchairNo         int8 = 2 // cannot board / no wheelchair on this trip
)

// Stop is a row of stops.txt.
type Stop struct {
	ID      string
	Code    string
	Name    string
	TTSName string
	Desc    string
	// Pos is [lon, lat]. It is the zero point only for a generic node or
	// boarding area given without coordinates; every other location type
	// must have valid coordinates or the row is rejected.
	Pos                orb.Point
	ZoneID             string
	URL                string
	LocationType       int8 // Location* constants
	ParentStation      string
	Timezone           string
	WheelchairBoarding int8 // Wheelchair* constants, raw
	LevelID            string
	PlatformCode       string
}

// Stops streams stops.txt. The file is required. Columns may come in any
// order (the Isle of Wight feed has stop_lon before stop_lat).
func (f *Feed) Stops(fn func(Stop) error) error {
	return table[Stop]{
		file:     "stops.txt",
		required: []string{"stop_id", "stop_lat", "stop_lon"},
		bind:     bindStop,
	}.read(f, fn)
}

func bindStop(h *header) func(*row) Stop {
	id, code, name, tts, desc := h.col("stop_id"), h.col("stop_code"), h.col("stop_name"), h.col("tts_stop_name"), h.col("stop_desc")
	lat, lon, zone, url := h.col("stop_lat"), h.col("stop_lon"), h.col("zone_id"), h.col("stop_url")
	lt, parent, tz, wc := h.col("location_type"), h.col("parent_station"), h.col("stop_timezone"), h.col("wheelchair_boarding")
	level, platform := h.col("level_id"), h.col("platform_code")
	return func(r *row) Stop {
		s := Stop{ID: r.need(id), Code: r.str(code), Name: r.str(name), TTSName: r.str(tts), Desc: r.str(desc),
			ZoneID: r.str(zone), URL: r.str(url), ParentStation: r.str(parent), Timezone: r.str(tz),
			LevelID: r.str(level), PlatformCode: r.str(platform)}
		// An unknown location_type rejects the row: reading it as the
		// default would turn a station or entrance into a boarding stop.
		s.LocationType = r.flag(lt, 0, 4, 0, r.str(lt) != "")
		s.WheelchairBoarding = r.flag(wc, 0, 2, 0, false)
		s.Pos = stopPos(r, lat, lon, s.LocationType)
		return s
	}
}

// stopPos reads the coordinates, which are required except for generic
// nodes and boarding areas.
func stopPos(r *row, lat, lon int, lt int8) orb.Point {
	need := lt <= LocationEntrance
	if !need && r.str(lat) == "" && r.str(lon) == "" {
		return orb.Point{}
	}
	y := r.number(lat, -90, 90, true)
	x := r.number(lon, -180, 180, true)
	if math.IsNaN(x) || math.IsNaN(y) {
		return orb.Point{}
	}
	if x == 0 && y == 0 {
		r.reject(lat, "coordinates 0,0 mark a missing position")
	}
	return geo.PointLatLon(y, x)
}
