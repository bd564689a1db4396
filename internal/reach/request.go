package reach

import (
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/road"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// Activity is a candidate activity with its venue.
type Activity struct {
	heritage.Activity
	SiteName string
	Venue    orb.Point
	// StepFree and Toilet are the venue's entrance and toilet as known.
	StepFree, Toilet heritage.Access
}

// Request is one person's question.
type Request struct {
	Origin  orb.Point
	Profile profile.Profile
	// Start is the first day (its date, in Network.Location); Days how
	// many days from it.
	Start time.Time
	Days  int
	// Rural is the rurality of the home area (ONS RUC 2021), which sets
	// the default longest journey; RuralKnown false uses the urban default.
	Rural, RuralKnown bool
	// Margin is how long before the start the person should arrive.
	Margin time.Duration
	// Referred: the person comes through a link worker's referral, so
	// free-on-referral prices apply.
	Referred bool
	// Keep, when set, narrows the activities to those it keeps.
	Keep func(*Activity) bool

	net *Network
}

// Network is what the engine travels on around the origin.
type Network struct {
	Location *time.Location
	// Transit is nil where no timetable covers the origin.
	Transit *transit.Snapshot
	// Walk is nil where no pedestrian graph is loaded: walks are
	// straight-line estimates.
	Walk *pedestrian.Walking
	// Road is nil where no road network is loaded: car legs are estimates.
	Road  *road.Router
	Costs road.Costs
	Zones []dar.Zone
	Fares *fare.Calculator
	// Authority issues the person's bus pass (for local extensions).
	Authority string
	// Pool, when set, lends transit searchers across requests.
	Pool *Pool
	// Sessions, when set, keeps activity lists' sessions across
	// requests; only for lists that are never changed in place.
	Sessions *SessionCache
}

// DefaultMaxJourney is the longest one-way journey when the profile sets
// none. DfT's journey time statistics give average public transport or
// walking times to the nearest key service of about 15 minutes in urban
// areas and 29 in rural ones; heritage activities are fewer and further
// than a GP or a food shop, so the defaults allow three times those,
// rounded: 45 minutes urban, 90 rural.
func DefaultMaxJourney(rural bool) time.Duration {
	if rural {
		return 90 * time.Minute
	}
	return 45 * time.Minute
}

// DefaultMargin is how early a person aims to arrive.
const DefaultMargin = 10 * time.Minute

// MaxDays bounds a request's date range.
const MaxDays = 14
