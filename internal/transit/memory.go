package transit

import "unsafe"

// Memory is an estimate of what a snapshot holds, in bytes: slice
// capacities times element sizes, plus string bytes (there are no maps).
type Memory struct {
	Timetable int // times, pattern stops and trips
	Footpaths int // both directions
	Stops     int // positions, access, stop → pattern index, spatial grid
	Metadata  int // IDs, names, routes, trips, services
	Total     int
}

// Memory estimates the snapshot's resident size.
func (s *Snapshot) Memory() Memory {
	var m Memory
	m.Timetable = sum32(s.patStopOff, s.patStops, s.patRoute, s.patTripOff, s.ptMeta, s.ptService, s.ptPattern, s.ptContent, s.times) +
		capBytes(s.patCanOn) + capBytes(s.patCanOff) + capBytes(s.ptAccess) + capBytes(s.patTimeOff)
	fp := s.fp
	m.Footpaths = sum32(fp.off, fp.to, fp.minSec, fp.inOff, fp.from, fp.inMinSec) +
		capBytes(fp.metres[0]) + capBytes(fp.inMetres[0]) + capBytes(fp.measured[0])
	if fp.measured[1] != nil && &fp.measured[1][0] != &fp.measured[0][0] {
		m.Footpaths += capBytes(fp.measured[1])
	}
	if len(fp.metres[1]) > 0 && &fp.metres[1][0] != &fp.metres[0][0] {
		m.Footpaths += capBytes(fp.metres[1]) + capBytes(fp.inMetres[1])
	}
	m.Stops = sum32(s.stopFeed, s.stopOrder, s.stopPatOff, s.stopPat, s.stopPatPos, s.grid.off, s.grid.stops) +
		capBytes(s.stopPoint) + capBytes(s.stopAccess) + capBytes(s.grid.keys)
	m.Metadata = sum32(s.routeType, s.routeFeed, s.tripRoute, s.tripService, s.tripFeed, s.svcFeed, s.excService) +
		capBytes(s.tripAccess) + capBytes(s.svcDays) + capBytes(s.svcStart) + capBytes(s.svcEnd) +
		capBytes(s.excDate) + capBytes(s.excAdd)
	for _, ss := range [][]string{s.stopID, s.stopName, s.routeID, s.routeShort, s.routeLong, s.routeAgency, s.tripID, s.svcID} {
		m.Metadata += capBytes(ss)
		for _, x := range ss {
			m.Metadata += len(x)
		}
	}
	m.Total = m.Timetable + m.Footpaths + m.Stops + m.Metadata
	return m
}

func sum32(xs ...[]int32) int {
	n := 0
	for _, x := range xs {
		n += capBytes(x)
	}
	return n
}

func capBytes[T any](x []T) int {
	var z T
	return cap(x) * int(unsafe.Sizeof(z))
}
