package heritage

import "time"

// WallTime returns the instant at which clocks in loc show date d at time c.
//
// Local times that do not exist or occur twice are resolved as RFC 5545
// (section 3.3.5) resolves them, so every caller gets the same answer:
//
//   - in a spring-forward gap (01:30 on the last Sunday of March in
//     Europe/London) the time is read with the UTC offset in force before
//     the gap, so 01:30 becomes 01:30 GMT, which clocks show as 02:30 BST;
//   - in an autumn overlap (01:30 on the last Sunday of October, which
//     happens first in BST and again in GMT) the first occurrence is used,
//     01:30 BST (00:30 UTC).
//
// time.Date leaves both cases unspecified, which is why this exists. A nil
// loc means UTC. The result is expressed in loc.
func WallTime(d Date, c Clock, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	wall := d.days()*86400 + int64(c) // the wall reading as if it were UTC
	offBefore := offsetAt(loc, wall-12*3600)
	offAfter := offsetAt(loc, wall+12*3600)
	a := wall - int64(offBefore)
	b := wall - int64(offAfter)
	aOK := offsetAt(loc, a) == offBefore
	bOK := offsetAt(loc, b) == offAfter
	at := a // also the gap case: use the offset before the gap
	switch {
	case aOK && bOK:
		at = min(a, b) // overlap: first occurrence
	case bOK:
		at = b
	}
	return time.Unix(at, 0).In(loc)
}

func offsetAt(loc *time.Location, unix int64) int {
	_, off := time.Unix(unix, 0).In(loc).Zone()
	return off
}
