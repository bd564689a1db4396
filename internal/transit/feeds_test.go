package transit

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/gtfs"
)

// Real feeds used by the tests (see geodata/isle-of-wight/README.md and testdata/poa/SOURCE.txt).
const (
	iowPath = "../../geodata/isle-of-wight/gtfs/iow-bus-gtfs.zip"
	poaPath = "../../testdata/poa/poa_eptc.zip"
)

// iowPolicy is the assumption the Isle of Wight tests declare.
var iowPolicy = AccessPolicy{AssumeTripsAccessible: true, AssumeStopsBoardable: true,
	Reason: "PSV Accessibility Regulations: local buses in England accessible since 2016/2017"}

// loadFeed reads a GTFS feed through internal/gtfs into an Input: the test
// adapter standing in for the PostGIS loader. Untimed stop times are
// interpolated; trips the interpolation rejects are left out.
func loadFeed(tb testing.TB, path, feedID string, policy AccessPolicy) Input {
	tb.Helper()
	in, err := readFeed(path, feedID, policy)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return in
}

var feedCache sync.Map // path+policy → Input; test-only memo, read-only once stored

func cachedFeed(tb testing.TB, path, feedID string, policy AccessPolicy) Input {
	tb.Helper()
	k := fmt.Sprint(path, feedID, policy)
	if in, ok := feedCache.Load(k); ok {
		return in.(Input)
	}
	in := loadFeed(tb, path, feedID, policy)
	feedCache.Store(k, in)
	return in
}

func readFeed(path, feedID string, policy AccessPolicy) (Input, error) {
	f, err := gtfs.Open(path)
	if err != nil {
		return Input{}, err
	}
	defer f.Close()
	in := Input{}
	var tz string
	if err := f.Agencies(func(a gtfs.Agency) error { tz = a.Timezone; return nil }); err != nil {
		return in, err
	}
	loc, err := time.LoadLocation(tz)
	if err != nil {
		return in, err
	}
	in.Feeds = []Feed{{ID: feedID, Timezone: loc, Policy: policy}}
	pos := map[string]orb.Point{}
	err = f.Stops(func(s gtfs.Stop) error {
		if s.LocationType > 1 {
			return nil
		}
		pos[s.ID] = s.Pos
		in.Stops = append(in.Stops, Stop{ID: s.ID, Name: s.Name, Point: s.Pos,
			Wheelchair: uint8(s.WheelchairBoarding), ParentID: s.ParentStation, FeedID: feedID})
		return nil
	})
	if err != nil {
		return in, err
	}
	if err := readTimetable(f, &in, feedID, pos); err != nil {
		return in, err
	}
	return in, readCalendars(f, &in, feedID)
}

func readTimetable(f *gtfs.Feed, in *Input, feedID string, pos map[string]orb.Point) error {
	err := f.Routes(func(r gtfs.Route) error {
		in.Routes = append(in.Routes, Route{ID: r.ID, ShortName: r.ShortName, LongName: r.LongName,
			Type: int(r.Type), AgencyID: r.AgencyID, FeedID: feedID})
		return nil
	})
	if err != nil {
		return err
	}
	tripIdx := map[string]int32{}
	err = f.Trips(func(t gtfs.Trip) error {
		tripIdx[t.ID] = int32(len(in.Trips))
		in.Trips = append(in.Trips, Trip{ID: t.ID, RouteID: t.RouteID, ServiceID: t.ServiceID,
			Wheelchair: uint8(t.WheelchairAccessible), FeedID: feedID})
		return nil
	})
	if err != nil {
		return err
	}
	place := func(id string) (orb.Point, bool) { p, ok := pos[id]; return p, ok }
	return f.TripStopTimes(func(tripID string, sts []gtfs.StopTime) error {
		if _, err := gtfs.InterpolateTimes(sts, place); err != nil {
			return nil // left out, as the loader records it
		}
		for _, st := range sts {
			in.StopTimes = append(in.StopTimes, StopTime{TripIndex: tripIdx[tripID], StopID: st.StopID,
				Seq: st.StopSequence, Arr: st.Arrival, Dep: st.Departure,
				PickupType: uint8(max(st.PickupType, 0)), DropOffType: uint8(max(st.DropOffType, 0))})
		}
		return nil
	})
}

func readCalendars(f *gtfs.Feed, in *Input, feedID string) error {
	err := f.Calendars(func(c gtfs.Calendar) error {
		var days uint8
		for d, on := range c.Days {
			if on {
				days |= 1 << d
			}
		}
		in.Calendars = append(in.Calendars, Calendar{FeedID: feedID, ServiceID: c.ServiceID, Days: days,
			Start: fromGTFSDate(c.Start), End: fromGTFSDate(c.End)})
		return nil
	})
	if err != nil {
		return err
	}
	err = f.CalendarDates(func(c gtfs.CalendarDate) error {
		in.ServiceDates = append(in.ServiceDates, ServiceDate{FeedID: feedID, ServiceID: c.ServiceID,
			Date: fromGTFSDate(c.Date), Exception: uint8(c.ExceptionType)})
		return nil
	})
	if err != nil {
		return err
	}
	return f.Frequencies(func(fr gtfs.Frequency) error {
		in.Frequencies = append(in.Frequencies, Frequency{TripID: fr.TripID, FeedID: feedID,
			Start: fr.Start, End: fr.End, Headway: fr.HeadwaySec, ExactTimes: fr.ExactTimes == 1})
		return nil
	})
}

func fromGTFSDate(d gtfs.Date) Date { return DateOf(d.Year(), d.Month(), d.Day()) }
