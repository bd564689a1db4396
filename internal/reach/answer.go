package reach

import (
	"github.com/threshold-heritage/threshold/internal/heritage"
)

// MaxNearMisses caps the near misses an answer lists: those with the fewest
// barriers come first, and a longer list helps nobody.
const MaxNearMisses = 40

// Barrier codes (the API contract; add, never rename).
const (
	NoStepFreeJourney   = "no_step_free_journey"
	OverBudget          = "over_budget"
	NoReturnJourney     = "no_return_journey"
	VenueNotStepFree    = "venue_not_step_free"
	TooLong             = "too_long"
	OutsideAvailability = "outside_availability"
	UnknownData         = "unknown_data"
	// NoJourney: no way there at all with the person's modes.
	NoJourney = "no_journey"
	// NoAccessibleToilet: the person needs one and the venue has none.
	NoAccessibleToilet = "no_accessible_toilet"
)

// Barrier is one reason a session is out of reach, in words a person
// understands.
type Barrier struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// Leg is one part of a journey.
type Leg struct {
	Mode    string `json:"mode"` // walk, bus, rail, car, taxi, dial_a_ride
	Depart  string `json:"depart"`
	Arrive  string `json:"arrive"`
	Seconds int32  `json:"seconds"`
	Metres  int32  `json:"metres,omitempty"`
	From    string `json:"from,omitempty"`
	To      string `json:"to,omitempty"`
	Route   string `json:"route,omitempty"`
	TripID  string `json:"trip_id,omitempty"`
	// Estimated: a straight-line or modelled leg, not a timetable.
	Estimated bool `json:"estimated,omitempty"`
	// Access is the leg's step-free value (yes, assumed, unknown, no).
	Access  string `json:"access,omitempty"`
	Booking string `json:"booking,omitempty"`
}

// Trip is one way of a visit.
type Trip struct {
	Mode    string `json:"mode"`
	Depart  string `json:"depart"`
	Arrive  string `json:"arrive"`
	Seconds int32  `json:"seconds"`
	Changes int    `json:"changes"`
	Legs    []Leg  `json:"legs"`
}

// Money is an amount in pence with how sure it is.
type Money struct {
	Pence      int64  `json:"pence"`
	Confidence string `json:"confidence"` // known, estimated, unknown
	Note       string `json:"note,omitempty"`
}

// Cost is a visit's cost breakdown.
type Cost struct {
	Outbound  Money `json:"outbound"`
	Return    Money `json:"return"`
	Companion Money `json:"companion"`
	Activity  Money `json:"activity"`
	Total     Money `json:"total"`
}

// Item is one session, reachable or a near miss.
type Item struct {
	ActivityID   string           `json:"activity_id"`
	ActivityName string           `json:"activity_name"`
	Kind         string           `json:"kind,omitempty"`
	SiteName     string           `json:"site_name"`
	Venue        [2]float64       `json:"venue"` // [lon, lat]
	SessionStart string           `json:"session_start"`
	SessionEnd   string           `json:"session_end"`
	Illustrative bool             `json:"illustrative"`
	Contact      heritage.Contact `json:"contact"`
	HowToRefer   string           `json:"how_to_refer,omitempty"`
	Capacity     *int             `json:"capacity"`
	Languages    []string         `json:"languages,omitempty"`
	Welcome      []string         `json:"welcome,omitempty"`

	Out  *Trip `json:"out,omitempty"`
	Back *Trip `json:"back,omitempty"`
	Cost *Cost `json:"cost,omitempty"`
	// AccessNotes name every unknown and assumed element the answer
	// relied on or could not check.
	AccessNotes []string  `json:"access_notes"`
	Barriers    []Barrier `json:"barriers,omitempty"`

	travel  int32
	total   int64
	changes int
	start   int64
}

// Answer is the engine's reply; the API adds the data description.
type Answer struct {
	Reachable  []Item `json:"reachable"`
	NearMisses []Item `json:"near_misses"`
	// MaxJourneyMin is the one-way limit applied, and where it came from.
	MaxJourneyMin    int    `json:"max_journey_min"`
	MaxJourneySource string `json:"max_journey_source"`
	Sessions         int    `json:"sessions_considered"`
	// SessionsBeyondReach counts the sessions left out because their
	// venue lies further than any way could go within the limit (see
	// MaxSpeedKPH).
	SessionsBeyondReach int `json:"sessions_beyond_reach"`
	// NearMissesOmitted counts near misses past MaxNearMisses, the ones
	// with the most barriers.
	NearMissesOmitted int `json:"near_misses_omitted"`
	TransitSearches   int `json:"transit_searches"`
}
