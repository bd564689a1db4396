package main

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/gtfs"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// readInput reads a GTFS feed (folder or zip) into a transit.Input, the
// way the PostGIS loader would fill one: stops and stations, routes, trips,
// interpolated stop times, calendars, calendar dates, frequencies and
// transfers. It assumes nothing about accessibility (zero policy).
func readInput(path, feedID string) (transit.Input, error) {
	f, err := gtfs.Open(path)
	if err != nil {
		return transit.Input{}, err
	}
	defer f.Close()
	var in transit.Input
	loc, err := feedTimezone(f)
	if err != nil {
		return in, err
	}
	in.Feeds = []transit.Feed{{ID: feedID, Timezone: loc}}
	pos, err := readStops(f, &in, feedID)
	if err != nil {
		return in, err
	}
	steps := []func(*gtfs.Feed, *transit.Input, string, map[string]orb.Point) error{
		readRoutes, readTripsAndTimes, readCalendars, readTransfers,
	}
	for _, step := range steps {
		if err := step(f, &in, feedID, pos); err != nil {
			return in, err
		}
	}
	return in, nil
}

func feedTimezone(f *gtfs.Feed) (*time.Location, error) {
	var tz string
	if err := f.Agencies(func(a gtfs.Agency) error { tz = a.Timezone; return nil }); err != nil {
		return nil, fmt.Errorf("read agencies: %w", err)
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return nil, fmt.Errorf("agency timezone %q: %w", tz, err)
	}
	return loc, nil
}

// readStops keeps stops and stations (location_type 0 and 1; stations carry
// the wheelchair value their children inherit) and returns their positions.
func readStops(f *gtfs.Feed, in *transit.Input, feedID string) (map[string]orb.Point, error) {
	pos := map[string]orb.Point{}
	err := f.Stops(func(s gtfs.Stop) error {
		if s.LocationType > 1 {
			return nil
		}
		pos[s.ID] = s.Pos
		in.Stops = append(in.Stops, transit.Stop{ID: s.ID, Name: s.Name, Point: s.Pos,
			Wheelchair: uint8(max(s.WheelchairBoarding, 0)), ParentID: s.ParentStation, FeedID: feedID})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read stops: %w", err)
	}
	return pos, nil
}

func readRoutes(f *gtfs.Feed, in *transit.Input, feedID string, _ map[string]orb.Point) error {
	err := f.Routes(func(r gtfs.Route) error {
		in.Routes = append(in.Routes, transit.Route{ID: r.ID, ShortName: r.ShortName, LongName: r.LongName,
			Type: int(r.Type), AgencyID: r.AgencyID, FeedID: feedID})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read routes: %w", err)
	}
	return nil
}

// readTripsAndTimes reads trips, then stop times trip by trip, filling
// untimed stops by interpolation; a trip the interpolation rejects is left
// out (Build then drops it for having no stop times).
func readTripsAndTimes(f *gtfs.Feed, in *transit.Input, feedID string, pos map[string]orb.Point) error {
	tripIdx := map[string]int32{}
	err := f.Trips(func(t gtfs.Trip) error {
		tripIdx[t.ID] = int32(len(in.Trips))
		in.Trips = append(in.Trips, transit.Trip{ID: t.ID, RouteID: t.RouteID, ServiceID: t.ServiceID,
			Wheelchair: uint8(max(t.WheelchairAccessible, 0)), FeedID: feedID})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read trips: %w", err)
	}
	place := func(id string) (orb.Point, bool) { p, ok := pos[id]; return p, ok }
	err = f.TripStopTimes(func(tripID string, sts []gtfs.StopTime) error {
		t, ok := tripIdx[tripID]
		if !ok {
			return fmt.Errorf("stop times of unknown trip %q", tripID)
		}
		if _, err := gtfs.InterpolateTimes(sts, place); err != nil {
			return nil
		}
		for _, st := range sts {
			in.StopTimes = append(in.StopTimes, transit.StopTime{TripIndex: t, StopID: st.StopID,
				Seq: st.StopSequence, Arr: st.Arrival, Dep: st.Departure,
				PickupType: uint8(max(st.PickupType, 0)), DropOffType: uint8(max(st.DropOffType, 0))})
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("read stop times: %w", err)
	}
	return nil
}

func readCalendars(f *gtfs.Feed, in *transit.Input, feedID string, _ map[string]orb.Point) error {
	err := f.Calendars(func(c gtfs.Calendar) error {
		var days uint8
		for d, on := range c.Days {
			if on {
				days |= 1 << d
			}
		}
		in.Calendars = append(in.Calendars, transit.Calendar{FeedID: feedID, ServiceID: c.ServiceID,
			Days: days, Start: transitDate(c.Start), End: transitDate(c.End)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read calendar: %w", err)
	}
	err = f.CalendarDates(func(c gtfs.CalendarDate) error {
		in.ServiceDates = append(in.ServiceDates, transit.ServiceDate{FeedID: feedID, ServiceID: c.ServiceID,
			Date: transitDate(c.Date), Exception: uint8(c.ExceptionType)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read calendar dates: %w", err)
	}
	err = f.Frequencies(func(fr gtfs.Frequency) error {
		in.Frequencies = append(in.Frequencies, transit.Frequency{TripID: fr.TripID, FeedID: feedID,
			Start: fr.Start, End: fr.End, Headway: fr.HeadwaySec, ExactTimes: fr.ExactTimes == 1})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read frequencies: %w", err)
	}
	return nil
}

func readTransfers(f *gtfs.Feed, in *transit.Input, feedID string, _ map[string]orb.Point) error {
	err := f.Transfers(func(t gtfs.Transfer) error {
		scoped := t.FromRouteID != "" || t.ToRouteID != "" || t.FromTripID != "" || t.ToTripID != ""
		if scoped || t.FromStopID == "" || t.ToStopID == "" || t.FromStopID == t.ToStopID {
			return nil // route- or trip-scoped and same-stop rows: not modelled by the engine
		}
		in.Transfers = append(in.Transfers, transit.Transfer{FeedID: feedID, FromStopID: t.FromStopID,
			ToStopID: t.ToStopID, Type: uint8(max(t.Type, 0)), MinSeconds: max(t.MinTransferTime, 0)})
		return nil
	})
	if err != nil {
		return fmt.Errorf("read transfers: %w", err)
	}
	return nil
}

func transitDate(d gtfs.Date) transit.Date { return transit.DateOf(d.Year(), d.Month(), d.Day()) }
