package fare

import "time"

// Ride is one boarding: a vehicle from one stop to another. Only the fields
// a source needs must be set: Mode (or RouteType), FeedID and RouteID for
// most; zones for zonal fares; stops and NetworkID for fares v2.
type Ride struct {
	// Mode of the service. When empty, RouteType decides (ModeOfRouteType).
	Mode      Mode
	RouteType int // GTFS route_type, used only when Mode is empty
	FeedID    string
	AgencyID  string
	RouteID   string
	NetworkID string // routes.network_id or route_networks.txt (fares v2)
	// BoardStopID and AlightStopID are stop_ids (or GTFS-Flex location
	// ids); fares v2 looks their areas up in stop_areas.
	BoardStopID  string
	AlightStopID string
	// BoardStopZone and AlightStopZone are stops.txt zone_ids (fares v1).
	// A dial-a-ride ride carries its GTFS-Flex zone here too, for operator
	// rules with a Zone.
	BoardStopZone  string
	AlightStopZone string
	// ZonesPassed is every zone the ride passes through, for contains_id
	// rules; when nil, the boarding and alighting zones.
	ZonesPassed []string
	// Board is the boarding time in local (England: Europe/London) time;
	// the concession window and bank holidays are judged on its clock and
	// calendar date. Alight is needed only by fares v2 transfer limits that
	// count from an arrival.
	Board, Alight time.Time
	// Authority is the travel concession authority where the ride boards.
	// When set and different from the rider's, the rider's local
	// extension does not apply; empty means "assume the rider's".
	Authority string
}

// Rider is who pays.
type Rider struct {
	Concession bool   // holds an English National Concessionary Travel Scheme pass
	Authority  string // the pass-issuing authority, whose Extension applies
	Companion  bool   // travels with a companion, who pays unless the pass allows one
}

// mode is the ride's Mode, falling back to its route type.
func (r Ride) mode() Mode {
	if r.Mode != "" {
		return r.Mode
	}
	return ModeOfRouteType(r.RouteType)
}

// authority is the authority whose extension applies to this ride for who.
func (r Ride) authority(who Rider) string {
	if r.Authority != "" && r.Authority != who.Authority {
		return ""
	}
	return who.Authority
}
