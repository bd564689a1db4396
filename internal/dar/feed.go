package dar

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/gtfs"
)

// FromFeed reads the dial-a-ride zones of a GTFS-Flex feed: each location
// served by a Flex stop time, with its trip's calendar, the stop time's
// window and booking rule, and the route's fare_rules price in GBP.
func FromFeed(f *gtfs.Feed, feedID string) ([]Zone, error) {
	loc, err := feedLocation(f)
	if err != nil {
		return nil, err
	}
	areas := map[string]gtfs.Location{}
	if err := f.Locations(func(l gtfs.Location) error { areas[l.ID] = l; return nil }); err != nil {
		return nil, err
	}
	trips := map[string]gtfs.Trip{}
	if err := f.Trips(func(t gtfs.Trip) error { trips[t.ID] = t; return nil }); err != nil {
		return nil, err
	}
	cals := map[string]gtfs.Calendar{}
	if err := f.Calendars(func(c gtfs.Calendar) error { cals[c.ServiceID] = c; return nil }); err != nil {
		return nil, err
	}
	added, removed := map[string][]int32{}, map[string][]int32{}
	if err := f.CalendarDates(func(d gtfs.CalendarDate) error {
		if d.ExceptionType == gtfs.ServiceAdded {
			added[d.ServiceID] = append(added[d.ServiceID], int32(d.Date))
		} else {
			removed[d.ServiceID] = append(removed[d.ServiceID], int32(d.Date))
		}
		return nil
	}); err != nil {
		return nil, err
	}
	rules := map[string]gtfs.BookingRule{}
	if f.Has("booking_rules.txt") {
		if err := f.BookingRules(func(b gtfs.BookingRule) error { rules[b.ID] = b; return nil }); err != nil {
			return nil, err
		}
	}
	fares, err := routeFares(f)
	if err != nil {
		return nil, err
	}
	var zones []Zone
	seen := map[string]bool{}
	err = f.StopTimes(func(st gtfs.StopTime) error {
		l, ok := areas[st.LocationID]
		if st.LocationID == "" || !ok || seen[st.LocationID] {
			return nil
		}
		seen[st.LocationID] = true
		t := trips[st.TripID]
		z := Zone{FeedID: feedID, ID: l.ID, Name: l.Name, Area: multi(l.Geometry), WindowStart: st.StartWindow,
			WindowEnd: st.EndWindow, NoticeDays: -1, StepFree: stepFree(t.WheelchairAccessible)}
		if c, ok := cals[t.ServiceID]; ok {
			for wd, on := range c.Days {
				if on {
					z.Days |= 1 << wd
				}
			}
			z.Start, z.End = c.Start.Time(loc), c.End.Time(loc)
		}
		z.Added, z.Removed = added[t.ServiceID], removed[t.ServiceID]
		if b, ok := rules[st.PickupBookingRuleID]; ok {
			bookingRule(&z, b, cals)
			z.NoticeAdded, z.NoticeRemoved = added[b.PriorNoticeServiceID], removed[b.PriorNoticeServiceID]
		}
		if p, ok := fares[t.RouteID]; ok {
			z.FarePence = &p
		}
		zones = append(zones, z)
		return nil
	})
	return zones, err
}

// bookingRule copies a GTFS-Flex booking rule into z: prior days with
// their last time and the service days they count in, or a same-day
// notice in minutes.
func bookingRule(z *Zone, b gtfs.BookingRule, cals map[string]gtfs.Calendar) {
	z.Phone, z.Message = b.PhoneNumber, b.Message
	z.NoticeDays, z.NoticeTime = 0, -1
	switch b.Type {
	case gtfs.BookingPriorDays:
		z.NoticeDays, z.NoticeTime = int(max(b.PriorNoticeLastDay, 0)), b.PriorNoticeLastTime
		if c, ok := cals[b.PriorNoticeServiceID]; ok {
			for wd, on := range c.Days {
				if on {
					z.NoticeWeekdays |= 1 << wd
				}
			}
		}
	case gtfs.BookingSameDay:
		z.NoticeMinutes = max(b.PriorNoticeDurationMin, 0)
	}
}

func feedLocation(f *gtfs.Feed) (*time.Location, error) {
	tz := ""
	if err := f.Agencies(func(a gtfs.Agency) error { tz = a.Timezone; return nil }); err != nil {
		return nil, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("agency timezone %q: %w", tz, err)
	}
	return loc, nil
}

// routeFares maps route ids to a GBP fare in pence from fares v1.
func routeFares(f *gtfs.Feed) (map[string]int64, error) {
	out := map[string]int64{}
	if !f.Has("fare_attributes.txt") || !f.Has("fare_rules.txt") {
		return out, nil
	}
	price := map[string]int64{}
	err := f.FareAttributes(func(a gtfs.FareAttribute) error {
		if p, err := gtfs.MinorUnits(a.Price, a.CurrencyType); err == nil && a.CurrencyType == "GBP" {
			price[a.ID] = p
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = f.FareRules(func(r gtfs.FareRule) error {
		if p, ok := price[r.FareID]; ok && r.RouteID != "" {
			out[r.RouteID] = p
		}
		return nil
	})
	return out, err
}

func multi(g orb.Geometry) orb.MultiPolygon {
	switch v := g.(type) {
	case orb.Polygon:
		return orb.MultiPolygon{v}
	case orb.MultiPolygon:
		return v
	}
	return nil
}

func stepFree(w int8) string {
	switch w {
	case gtfs.WheelchairAccessible:
		return "yes"
	case gtfs.WheelchairNo:
		return "no"
	}
	return "unknown"
}
