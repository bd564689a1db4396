package transit

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Snapshot is an immutable, indexed timetable. Every exported method is safe
// for concurrent use; per-query state lives in a Searcher.
//
// Stops, GTFS routes, GTFS trips and patterns (RAPTOR routes) are dense
// int32 indices. See doc.go for the layout and its invariants.
type Snapshot struct {
	loc   *time.Location
	feeds []feedInfo

	// stops
	stopID     []string
	stopName   []string
	stopPoint  []orb.Point
	stopFeed   []int32
	stopAccess []Access // after parent inheritance and policy
	stopOrder  []int32  // stops sorted by (feed, ID), for StopIndex

	// stop → (pattern, position) in CSR form, sorted by pattern then position
	stopPatOff []int32
	stopPat    []int32
	stopPatPos []int32

	// footpaths, with metres for any walker and for step-free walkers
	fp *footpathSet

	// GTFS routes
	routeID, routeShort, routeLong []string
	routeType                      []int32
	routeAgency                    []string
	routeFeed                      []int32

	// GTFS trips (metadata; frequency-expanded runs share their template)
	tripID      []string
	tripRoute   []int32
	tripService []int32
	tripAccess  []Access // after policy
	tripFeed    []int32

	// patterns: stops of pattern p are patStops[patStopOff[p]:patStopOff[p+1]]
	patStopOff []int32
	patStops   []int32
	patCanOn   []bool // pickup allowed at that position
	patCanOff  []bool // drop-off allowed at that position
	patRoute   []int32
	// trips of pattern p are the global pattern-trip indices
	// patTripOff[p]:patTripOff[p+1], sorted by departure, no overtaking.
	patTripOff []int32
	ptMeta     []int32  // GTFS trip index
	ptService  []int32  // service index (copy of tripService[ptMeta])
	ptAccess   []Access // copy of tripAccess[ptMeta]
	ptPattern  []int32
	// times of pattern p: patTimeOff[p] + (j*len + i)*2 holds the arrival
	// and +1 the departure of trip j (0-based in p) at position i.
	patTimeOff []int64
	times      []int32

	// services
	svcID       []string
	svcFeed     []int32
	svcDays     []uint8
	svcStart    []Date
	svcEnd      []Date
	excDate     []Date // sorted by date, then service
	excService  []int32
	excAdd      []bool
	stopTimes   int
	droppedTrip []DroppedTrip
	// ptContent[g] numbers pattern-trip g's timetable: its pattern, its
	// times and its access value; runs alike in all three share a
	// number (see DayKeyWithin).
	ptContent []int32
	dayKeys   *dayKeyCache // DayKeyWithin's

	grid stopGrid
	opt  BuildOptions
}

type feedInfo struct {
	id     string
	policy AccessPolicy
}

// DroppedTrip records a trip Build left out and why.
type DroppedTrip struct {
	TripID string
	FeedID string
	Reason string
}

// Location is the timezone all service times are counted in.
func (s *Snapshot) Location() *time.Location { return s.loc }

// NumStops, NumTrips, NumRoutes and NumPatterns count the dense indices.
func (s *Snapshot) NumStops() int    { return len(s.stopID) }
func (s *Snapshot) NumTrips() int    { return len(s.tripID) }
func (s *Snapshot) NumRoutes() int   { return len(s.routeID) }
func (s *Snapshot) NumPatterns() int { return len(s.patRoute) }

// NumStopTimes counts stop times after frequency expansion.
func (s *Snapshot) NumStopTimes() int { return s.stopTimes }

// Dropped lists the trips Build left out (too few stops, time running
// backwards, unknown service).
func (s *Snapshot) Dropped() []DroppedTrip { return s.droppedTrip }

// StopIndex finds a stop by feed and stop ID (binary search).
func (s *Snapshot) StopIndex(feedID, stopID string) (int32, bool) {
	f := int32(-1)
	for i, fi := range s.feeds {
		if fi.id == feedID {
			f = int32(i)
		}
	}
	k, ok := slices.BinarySearchFunc(s.stopOrder, key{f, stopID}, func(v int32, k key) int {
		if c := cmp.Compare(s.stopFeed[v], k.feed); c != 0 {
			return c
		}
		return strings.Compare(s.stopID[v], k.id)
	})
	if !ok {
		return -1, false
	}
	return s.stopOrder[k], true
}

// StopInfo describes one stop.
type StopInfo struct {
	ID, Name string
	FeedID   string
	Point    orb.Point
	Access   Access
}

// Stop describes stop i.
func (s *Snapshot) Stop(i int32) StopInfo {
	return StopInfo{
		ID: s.stopID[i], Name: s.stopName[i], FeedID: s.feeds[s.stopFeed[i]].id,
		Point: s.stopPoint[i], Access: s.stopAccess[i],
	}
}

// TripInfo describes one GTFS trip.
type TripInfo struct {
	ID        string
	RouteID   string
	ShortName string
	ServiceID string
	FeedID    string
	Access    Access
}

// Trip describes trip i.
func (s *Snapshot) Trip(i int32) TripInfo {
	r := s.tripRoute[i]
	return TripInfo{
		ID: s.tripID[i], RouteID: s.routeID[r], ShortName: s.routeShort[r],
		ServiceID: s.svcID[s.tripService[i]], FeedID: s.feeds[s.tripFeed[i]].id,
		Access: s.tripAccess[i],
	}
}

// RouteInfo describes one GTFS route.
type RouteInfo struct {
	ID, ShortName, LongName string
	Type                    int
	AgencyID                string
	FeedID                  string
}

// Route describes route i.
func (s *Snapshot) Route(i int32) RouteInfo {
	return RouteInfo{
		ID: s.routeID[i], ShortName: s.routeShort[i], LongName: s.routeLong[i],
		Type: int(s.routeType[i]), AgencyID: s.routeAgency[i], FeedID: s.feeds[s.routeFeed[i]].id,
	}
}

// Policy returns the access policy declared for a feed index.
func (s *Snapshot) policy(feed int32) AccessPolicy { return s.feeds[feed].policy }

// patLen is the number of stops of pattern p.
func (s *Snapshot) patLen(p int32) int32 { return s.patStopOff[p+1] - s.patStopOff[p] }

// timeBase is the index in times of trip j (0-based in pattern p, of n
// stops) at position 0; position i adds 2i (arrival) or 2i+1 (departure).
func (s *Snapshot) timeBase(p int32, j int32, n int32) int64 {
	return s.patTimeOff[p] + int64(j)*int64(n)*2
}
