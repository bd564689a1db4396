package coverage

import (
	"time"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// session is one session being judged, with what holds for every cell.
type session struct {
	act          *reach.Activity
	start, end   time.Time
	day          transit.Date
	startS, endS int32
	price        heritage.Price // after the payer's concession and referral
	// unknown and assumed: the session relies on them whatever the way.
	unknown, assumed bool
}

// venue is what an activity's venue means for the profile: ok false when
// it shuts the person out (an entrance or toilet they need is missing or
// not known to exist).
type venue struct {
	ok, unknown, assumed bool
}

// venueFor applies reach's venue rule: a needed feature must be yes or
// assumed; an unknown one that is not needed is still something the
// answer relies on not mattering.
func venueFor(p profile.Profile, a *reach.Activity) venue {
	v := venue{ok: true}
	check := func(need bool, acc heritage.Access) {
		switch {
		case !need && acc == heritage.AccessUnknown:
			v.unknown = true
		case !need, acc == heritage.AccessYes:
		case acc == heritage.AccessAssumed:
			v.assumed = true
		default: // no, or unknown and needed
			v.ok = false
		}
	}
	check(p.StepFree, a.StepFree)
	check(p.AccessibleToilet, a.Toilet)
	return v
}

// available applies reach's availability rule: no windows means any time;
// otherwise the start and the last minute must both fall in a window.
func available(p profile.Profile, start, end time.Time) bool {
	return len(p.Available) == 0 || (p.AvailableAt(start) && p.AvailableAt(end.Add(-time.Minute)))
}

// sessions expands an activity's sessions in the week that the profile is
// available for and whose venue admits it. total counts every session in
// the week, admitted or not.
func (c *computation) sessions(a *reach.Activity) (out []session, total int) {
	from := c.in.Week
	to := from.AddDate(0, 0, 7)
	all := a.Sessions(from, to, c.in.Location)
	v := venueFor(c.p, a)
	if !v.ok {
		return nil, len(all)
	}
	price := heritage.PriceFor(a.Costs, heritage.Payer{Concession: c.p.ConcessionaryPass, Referred: c.in.Referred})
	for _, s := range all {
		if !available(c.p, s.Start, s.End) {
			continue
		}
		d, st := transit.ServiceTime(s.Start, c.in.Location)
		_, en := transit.ServiceTime(s.End, c.in.Location)
		if en < st {
			en += 86400
		}
		out = append(out, session{act: a, start: s.Start, end: s.End, day: d, startS: st, endS: en, price: price,
			unknown: v.unknown || price.Confidence == heritage.ConfidenceUnknown, assumed: v.assumed})
	}
	return out, len(all)
}
