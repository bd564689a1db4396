package transit

import (
	"fmt"
	"time"

	"github.com/paulmach/orb"
	"pgregory.net/rapid"
)

// genDate is the query date of generated networks (a Wednesday).
var genDate = DateOf(2024, time.March, 13)

// genOpts shapes a generated network.
type genOpts struct {
	// accessiblePath forces stop 0 → stop 1 on trip 0 of route 0 to be
	// step-free (stops and trip wheelchair 1, service running on genDate,
	// pickup and drop-off allowed), departing at 8:00.
	accessiblePath bool
	noExtras       bool // no frequencies or transfers
}

// genNetwork draws a small random timetable: a dozen stops within about
// 1.5 km (so footpaths exist), mixed wheelchair values with some parent
// stations, a few services with calendar dates, routes with loops, trips
// that may overtake, times past midnight, pickup/drop-off restrictions,
// and optionally frequencies and transfers.
func genNetwork(t *rapid.T, o genOpts) Input {
	in := Input{Feeds: []Feed{{ID: "g", Timezone: time.UTC, Policy: AccessPolicy{
		AssumeTripsAccessible: rapid.Bool().Draw(t, "assumeTrips"),
		AssumeStopsBoardable:  rapid.Bool().Draw(t, "assumeStops"),
		Reason:                "test policy",
	}}}}
	nStations := rapid.IntRange(0, 2).Draw(t, "stations")
	nStops := rapid.IntRange(2, 12).Draw(t, "stops")
	for i := range nStations {
		in.Stops = append(in.Stops, Stop{ID: fmt.Sprintf("P%d", i), FeedID: "g",
			Point: genPoint(t), Wheelchair: uint8(rapid.IntRange(0, 2).Draw(t, "pw"))})
	}
	first := len(in.Stops)
	for i := range nStops {
		s := Stop{ID: fmt.Sprintf("S%d", i), FeedID: "g", Point: genPoint(t),
			Wheelchair: uint8(rapid.IntRange(0, 2).Draw(t, "sw"))}
		if nStations > 0 && rapid.IntRange(0, 3).Draw(t, "hasParent") == 0 {
			s.ParentID = fmt.Sprintf("P%d", rapid.IntRange(0, nStations-1).Draw(t, "parent"))
		}
		in.Stops = append(in.Stops, s)
	}
	genServices(t, &in)
	nRoutes := rapid.IntRange(1, 4).Draw(t, "routes")
	for r := range nRoutes {
		in.Routes = append(in.Routes, Route{ID: fmt.Sprintf("R%d", r), FeedID: "g", ShortName: fmt.Sprint(r)})
		genRoute(t, &in, r, first, nStops, o)
	}
	if o.accessiblePath {
		forcePath(&in, first)
	}
	if !o.noExtras {
		genExtras(t, &in, first, nStops)
	}
	return in
}

func genPoint(t *rapid.T) orb.Point {
	return orb.Point{-1.30 + rapid.Float64Range(0, 0.02).Draw(t, "lon"), 50.70 + rapid.Float64Range(0, 0.012).Draw(t, "lat")}
}

func genServices(t *rapid.T, in *Input) {
	n := rapid.IntRange(1, 3).Draw(t, "services")
	for i := range n {
		id := fmt.Sprintf("V%d", i)
		if rapid.IntRange(0, 4).Draw(t, "hasCal") > 0 {
			days := uint8(127)
			if rapid.Bool().Draw(t, "someDays") {
				days = uint8(rapid.IntRange(0, 127).Draw(t, "days"))
			}
			in.Calendars = append(in.Calendars, Calendar{FeedID: "g", ServiceID: id,
				Days:  days,
				Start: genDate - Date(rapid.IntRange(-1, 30).Draw(t, "start")),
				End:   genDate + Date(rapid.IntRange(-1, 30).Draw(t, "end"))})
		}
		for k := rapid.IntRange(0, 3).Draw(t, "exc"); k > 0; k-- {
			in.ServiceDates = append(in.ServiceDates, ServiceDate{FeedID: "g", ServiceID: id,
				Date:      genDate + Date(rapid.IntRange(-1, 1).Draw(t, "excDay")),
				Exception: uint8(rapid.IntRange(1, 2).Draw(t, "excType"))})
		}
	}
	if len(in.Calendars) == 0 && len(in.ServiceDates) == 0 {
		in.Calendars = append(in.Calendars, Calendar{FeedID: "g", ServiceID: "V0", Days: 127, Start: genDate - 5, End: genDate + 5})
	}
}

// serviceIDs lists the services that exist.
func serviceIDs(in *Input) []string {
	seen := map[string]bool{}
	var ids []string
	for _, c := range in.Calendars {
		if !seen[c.ServiceID] {
			seen[c.ServiceID] = true
			ids = append(ids, c.ServiceID)
		}
	}
	for _, c := range in.ServiceDates {
		if !seen[c.ServiceID] {
			seen[c.ServiceID] = true
			ids = append(ids, c.ServiceID)
		}
	}
	return ids
}

// genRoute draws a stop sequence (repeats allowed, never twice in a row)
// and trips along it with random speeds, so trips may overtake.
func genRoute(t *rapid.T, in *Input, r, first, nStops int, o genOpts) {
	length := rapid.IntRange(2, 6).Draw(t, "len")
	seq := []int{rapid.IntRange(0, nStops-1).Draw(t, "stop")}
	if o.accessiblePath && r == 0 {
		seq = []int{0, 1}
		length = max(length, 2)
	}
	for len(seq) < length {
		s := rapid.IntRange(0, nStops-1).Draw(t, "stop")
		if s != seq[len(seq)-1] {
			seq = append(seq, s)
		}
	}
	svcs := serviceIDs(in)
	bands := [][2]int{{5 * 3600, 10 * 3600}, {23 * 3600, 26 * 3600}, {0, 2 * 3600}}
	nTrips := rapid.IntRange(1, 8).Draw(t, "trips")
	for k := range nTrips {
		tid := int32(len(in.Trips))
		in.Trips = append(in.Trips, Trip{ID: fmt.Sprintf("T%d.%d", r, k), RouteID: fmt.Sprintf("R%d", r), FeedID: "g",
			ServiceID:  rapid.SampledFrom(svcs).Draw(t, "svc"),
			Wheelchair: uint8(rapid.IntRange(0, 2).Draw(t, "tw"))})
		band := rapid.SampledFrom(bands).Draw(t, "band")
		tm := int32(rapid.IntRange(band[0], band[1]).Draw(t, "start"))
		for i, s := range seq {
			if i > 0 {
				tm += int32(rapid.IntRange(60, 900).Draw(t, "run"))
			}
			dwell := int32(rapid.IntRange(0, 2).Draw(t, "dwell")) * 60
			in.StopTimes = append(in.StopTimes, StopTime{TripIndex: tid, StopID: in.Stops[first+s].ID,
				Seq: int32(i * 10), Arr: tm, Dep: tm + dwell,
				PickupType: uint8(rapid.IntRange(0, 9).Draw(t, "pick") / 8), DropOffType: uint8(rapid.IntRange(0, 9).Draw(t, "drop") / 8)})
			tm += dwell
		}
	}
}

// forcePath makes trip 0 (route 0, stops S0 → S1 first) step-free from S0
// to S1 at 8:00 on genDate.
func forcePath(in *Input, first int) {
	in.Stops[first].Wheelchair, in.Stops[first+1].Wheelchair = 1, 1
	in.Trips[0].Wheelchair = 1
	in.Trips[0].ServiceID = "ALWAYS"
	in.Calendars = append(in.Calendars, Calendar{FeedID: "g", ServiceID: "ALWAYS", Days: 127, Start: genDate - 1, End: genDate + 1})
	k := 0
	for i := range in.StopTimes {
		st := &in.StopTimes[i]
		if st.TripIndex != 0 {
			continue
		}
		if k < 2 {
			st.PickupType, st.DropOffType = 0, 0
		}
		d := st.Dep - st.Arr
		st.Arr, st.Dep = 8*3600+int32(k)*600, 8*3600+int32(k)*600+d
		k++
	}
}

func genExtras(t *rapid.T, in *Input, first, nStops int) {
	if rapid.IntRange(0, 3).Draw(t, "hasFreq") == 0 && len(in.Trips) > 1 {
		tr := rapid.IntRange(1, len(in.Trips)-1).Draw(t, "freqTrip")
		start := int32(rapid.IntRange(5*3600, 9*3600).Draw(t, "freqStart"))
		in.Frequencies = append(in.Frequencies, Frequency{TripID: in.Trips[tr].ID, FeedID: "g",
			Start: start, End: start + int32(rapid.IntRange(0, 3*3600).Draw(t, "freqLen")),
			Headway: int32(rapid.IntRange(5, 40).Draw(t, "headway")) * 60})
	}
	for k := rapid.IntRange(0, 2).Draw(t, "transfers"); k > 0; k-- {
		a, b := rapid.IntRange(0, nStops-1).Draw(t, "tf"), rapid.IntRange(0, nStops-1).Draw(t, "tt")
		in.Transfers = append(in.Transfers, Transfer{FeedID: "g", FromStopID: in.Stops[first+a].ID, ToStopID: in.Stops[first+b].ID,
			Type: uint8(rapid.SampledFrom([]int{2, 3}).Draw(t, "ttype")), MinSeconds: int32(rapid.IntRange(0, 900).Draw(t, "tmin"))})
	}
}

// genParams draws query parameters on genDate.
func genParams(t *rapid.T) Params {
	bands := [][2]int{{4 * 3600, 10 * 3600}, {0, 2 * 3600}, {22 * 3600, 86400}}
	band := rapid.SampledFrom(bands).Draw(t, "qband")
	return Params{
		Date:         genDate,
		Time:         int32(rapid.IntRange(band[0], band[1]).Draw(t, "qtime")),
		WalkSpeed:    rapid.SampledFrom([]float64{0.8, 1.2, 1.4}).Draw(t, "speed"),
		MaxWalkM:     rapid.SampledFrom([]float64{0, 300, 1000}).Draw(t, "maxWalk"),
		StepFree:     rapid.Bool().Draw(t, "stepFree"),
		MaxTransfers: rapid.IntRange(0, 4).Draw(t, "maxTransfers"),
		MaxDuration:  int32(rapid.SampledFrom([]int{0, 3600, 3 * 3600}).Draw(t, "maxDur")),
	}
}

// genEndpoints draws one to three stops with walks of up to 10 minutes.
func genEndpoints(t *rapid.T, n int, label string) []StopAccess {
	k := rapid.IntRange(1, 3).Draw(t, label+"N")
	var out []StopAccess
	for range k {
		out = append(out, StopAccess{Stop: int32(rapid.IntRange(0, n-1).Draw(t, label)),
			Seconds: int32(rapid.IntRange(0, 10).Draw(t, label+"Walk")) * 60, Metres: -1})
	}
	return out
}
