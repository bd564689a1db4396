package transit

import (
	"fmt"
	"testing"

	"github.com/paulmach/orb"
)

// flatFare charges the same for every ride.
type flatFare struct{ pence int32 }

func (f flatFare) RideFare(RideRef) (int32, bool) { return f.pence, true }

// hintedFlat is a flat fare that says so through FareFloor and RouteFares.
type hintedFlat struct{ flatFare }

func (f hintedFlat) MinRideFare() int32        { return f.pence }
func (f hintedFlat) FareIgnoresBoarding() bool { return true }

// handTrip is one trip of a hand-made network: its route, stops and
// times (departure = arrival), and its service ("D" runs around genDate,
// "Y" only on the day before).
type handTrip struct {
	route string
	stops []string
	times []int32
	svc   string
}

// handNetwork builds stops A, B, C and D about 5 km apart (no footpaths)
// and the given trips.
func handNetwork(t *testing.T, trips []handTrip) (Input, *Snapshot) {
	t.Helper()
	in := Input{Feeds: []Feed{{ID: "g", Timezone: genDate.Time().Location()}}}
	for i, id := range []string{"A", "B", "C", "D"} {
		in.Stops = append(in.Stops, Stop{ID: id, FeedID: "g", Point: orb.Point{-1.3 + 0.05*float64(i), 50.7}})
	}
	in.Calendars = []Calendar{{FeedID: "g", ServiceID: "D", Days: 127, Start: genDate - 5, End: genDate + 5}}
	in.ServiceDates = []ServiceDate{{FeedID: "g", ServiceID: "Y", Date: genDate - 1, Exception: 1}}
	seen := map[string]bool{}
	for k, tr := range trips {
		if !seen[tr.route] {
			seen[tr.route] = true
			in.Routes = append(in.Routes, Route{ID: tr.route, FeedID: "g", ShortName: tr.route})
		}
		in.Trips = append(in.Trips, Trip{ID: fmt.Sprintf("%s.%d", tr.route, k), RouteID: tr.route, ServiceID: tr.svc, FeedID: "g"})
		for i, st := range tr.stops {
			in.StopTimes = append(in.StopTimes, StopTime{TripIndex: int32(k), StopID: st, Seq: int32(i), Arr: tr.times[i], Dep: tr.times[i]})
		}
	}
	return in, buildT(t, in)
}

func handFares(in Input, s *Snapshot, base map[string]int32) *testFares {
	return &testFares{s: s, check: newRideCheck(in, newRefNet(in)), base: base}
}

func handParams(at int32, transfers int) Params {
	return Params{Date: genDate, Time: at, WalkSpeed: 1.2, MaxWalkM: 1000, MaxTransfers: transfers}
}

func stopOf(t *testing.T, s *Snapshot, id string) int32 {
	t.Helper()
	v, ok := s.StopIndex("g", id)
	if !ok {
		t.Fatalf("no stop %s", id)
	}
	return v
}

// wantBest is the expected Best at a stop: ok, arrival, fare (-1 unknown)
// and the route of the last ride.
type wantBest struct {
	ok     bool
	arrive int32
	fare   int32
	route  string
}

func checkBest(t *testing.T, res *MCResult, v, budget int32, want wantBest) {
	t.Helper()
	l, ok := res.Best(v, budget)
	if ok != want.ok {
		t.Fatalf("budget %d: found %v (%+v), want %v", budget, ok, l, want.ok)
	}
	if !ok {
		return
	}
	if l.Arrive != want.arrive || l.Fare != want.fare || l.FareKnown != (want.fare >= 0) {
		t.Fatalf("budget %d: %+v, want arrival %d fare %d", budget, l, want.arrive, want.fare)
	}
	var j Journey
	if !res.Journey(l, &j) {
		t.Fatalf("budget %d: no journey for %+v", budget, l)
	}
	var route string
	for _, g := range j.Legs {
		if g.Kind == LegRide {
			route = g.RouteID
		}
	}
	if route != want.route || j.Arrive != l.Arrive {
		t.Fatalf("budget %d: journey %+v, want last route %s", budget, j.Legs, want.route)
	}
}

// TestMCFastDearSlowCheap: a fast dear route, a slow cheap one and a
// fastest one of unknown fare from A to B. Below the fast fare the slow
// route is the answer, from it the fast; the unknown fare answers only
// when there is no budget.
func TestMCFastDearSlowCheap(t *testing.T) {
	in, s := handNetwork(t, []handTrip{
		{"FAST", []string{"A", "B"}, []int32{hms(8, 0, 0), hms(8, 10, 0)}, "D"},
		{"SLOW", []string{"A", "B"}, []int32{hms(8, 5, 0), hms(8, 45, 0)}, "D"},
		{"UNK", []string{"A", "B"}, []int32{hms(8, 2, 0), hms(8, 6, 0)}, "D"},
	})
	fm := handFares(in, s, map[string]int32{"FAST": 500, "SLOW": 200, "UNK": -1})
	w := NewSearcher(s)
	a, b := stopOf(t, s, "A"), stopOf(t, s, "B")
	origins := []StopAccess{{Stop: a}}
	cases := []struct {
		budget int32
		want   wantBest
	}{
		{NoBudget, wantBest{true, hms(8, 6, 0), -1, "UNK"}},
		{100000, wantBest{true, hms(8, 10, 0), 500, "FAST"}},
		{500, wantBest{true, hms(8, 10, 0), 500, "FAST"}},
		{499, wantBest{true, hms(8, 45, 0), 200, "SLOW"}},
		{200, wantBest{true, hms(8, 45, 0), 200, "SLOW"}},
		{199, wantBest{}},
	}
	for _, c := range cases {
		res, err := w.ForwardMC(origins, handParams(hms(7, 55, 0), 2), fm, c.budget)
		if err != nil {
			t.Fatal(err)
		}
		checkBest(t, res, b, c.budget, c.want)
		for _, l := range res.Labels(b, nil) {
			if c.budget != NoBudget && !l.FareKnown {
				t.Errorf("budget %d keeps an unknown-fare label %+v", c.budget, l)
			}
		}
	}
	// One search with no budget answers every budget the same way.
	res, err := w.ForwardMC(origins, handParams(hms(7, 55, 0), 2), fm, NoBudget)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(res.Labels(b, nil)); got != 3 {
		t.Errorf("%d labels at B, want 3 (unknown, fast, slow)", got)
	}
	for _, c := range cases {
		checkBest(t, res, b, c.budget, c.want)
	}
	if fm.bad != "" {
		t.Error(fm.bad)
	}
}

// TestMCTwoRidesOrOne: two cheap rides via B against one dear direct ride;
// both are Pareto-optimal at C, and the ride limit rules the first out.
func TestMCTwoRidesOrOne(t *testing.T) {
	in, s := handNetwork(t, []handTrip{
		{"X", []string{"A", "B"}, []int32{hms(8, 0, 0), hms(8, 10, 0)}, "D"},
		{"Y", []string{"B", "C"}, []int32{hms(8, 15, 0), hms(8, 25, 0)}, "D"},
		{"Z", []string{"A", "C"}, []int32{hms(8, 5, 0), hms(8, 40, 0)}, "D"},
	})
	fm := handFares(in, s, map[string]int32{"X": 300, "Y": 200, "Z": 600})
	w := NewSearcher(s)
	a, c := stopOf(t, s, "A"), stopOf(t, s, "C")
	cases := []struct {
		transfers int
		budget    int32
		want      wantBest
		rides     int
	}{
		{1, 550, wantBest{true, hms(8, 25, 0), 500, "Y"}, 2},
		{1, 499, wantBest{}, 0},
		{1, NoBudget, wantBest{true, hms(8, 25, 0), 500, "Y"}, 2},
		{0, 1000, wantBest{true, hms(8, 40, 0), 600, "Z"}, 1},
		{0, 599, wantBest{}, 0},
	}
	for _, k := range cases {
		res, err := w.ForwardMC([]StopAccess{{Stop: a}}, handParams(hms(7, 50, 0), k.transfers), fm, k.budget)
		if err != nil {
			t.Fatal(err)
		}
		checkBest(t, res, c, k.budget, k.want)
		if l, ok := res.Best(c, k.budget); ok && l.Rides != k.rides {
			t.Errorf("%d transfers, budget %d: %d rides, want %d", k.transfers, k.budget, l.Rides, k.rides)
		}
		if k.transfers == 1 && k.budget == NoBudget && len(res.Labels(c, nil)) != 2 {
			t.Errorf("labels at C %+v, want two", res.Labels(c, nil))
		}
	}
}

// TestMCFareFallsAtNineThirty: a bus free from 09:30 and 300 before. At
// 09:20 with nothing to spend, the 09:35 run is the answer — found only
// when the model declares when its fares fall (the search otherwise
// boards the earliest run, as documented).
func TestMCFareFallsAtNineThirty(t *testing.T) {
	in, s := handNetwork(t, []handTrip{
		{"BUS", []string{"A", "B"}, []int32{hms(9, 25, 0), hms(9, 35, 0)}, "D"},
		{"BUS", []string{"A", "B"}, []int32{hms(9, 35, 0), hms(9, 45, 0)}, "D"},
	})
	f := handFares(in, s, map[string]int32{"BUS": 0})
	f.peak = 300
	w := NewSearcher(s)
	a, b := stopOf(t, s, "A"), stopOf(t, s, "B")
	p := handParams(hms(9, 20, 0), 1)
	run := func(fm FareModel, budget int32) *MCResult {
		res, err := w.ForwardMC([]StopAccess{{Stop: a}}, p, fm, budget)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	checkBest(t, run(f, 0), b, 0, wantBest{})
	checkBest(t, run(bandedFares{f}, 0), b, 0, wantBest{true, hms(9, 45, 0), 0, "BUS"})
	res := run(bandedFares{f}, NoBudget)
	checkBest(t, res, b, NoBudget, wantBest{true, hms(9, 35, 0), 300, "BUS"})
	checkBest(t, res, b, 299, wantBest{true, hms(9, 45, 0), 0, "BUS"})
	if f.bad != "" {
		t.Error(f.bad)
	}
}

// TestMCLaterStopEarlierRun: from D, a cheap feeder reaches A too late
// for route L's 08:00 run, so that label boards the 08:20 one; a dearer
// feeder reaches B in time for the 08:00 run there. Both are optimal at C —
// early and dear, late and cheap — so the route bag must keep the dearer
// entry on the earlier run, whether or not fares ignore the boarding.
func TestMCLaterStopEarlierRun(t *testing.T) {
	in, s := handNetwork(t, []handTrip{
		{"L", []string{"A", "B", "C"}, []int32{hms(8, 0, 0), hms(8, 10, 0), hms(8, 20, 0)}, "D"},
		{"L", []string{"A", "B", "C"}, []int32{hms(8, 20, 0), hms(8, 30, 0), hms(8, 40, 0)}, "D"},
		{"CHEAP", []string{"D", "A"}, []int32{hms(7, 56, 0), hms(8, 4, 0)}, "D"},
		{"DEAR", []string{"D", "B"}, []int32{hms(8, 0, 0), hms(8, 6, 0)}, "D"},
	})
	c, d := stopOf(t, s, "C"), stopOf(t, s, "D")
	f := handFares(in, s, map[string]int32{"L": 100, "CHEAP": 50, "DEAR": 100})
	w := NewSearcher(s)
	for _, fm := range []FareModel{f, routeLevelFares{flooredFares{f}}} {
		res, err := w.ForwardMC([]StopAccess{{Stop: d}}, handParams(hms(7, 55, 0), 1), fm, NoBudget)
		if err != nil {
			t.Fatal(err)
		}
		checkBest(t, res, c, NoBudget, wantBest{true, hms(8, 20, 0), 200, "L"})
		checkBest(t, res, c, 199, wantBest{true, hms(8, 40, 0), 150, "L"})
	}
}

// recordFares prices only the ride it expects and records what it saw.
type recordFares struct {
	seen []RideRef
}

func (r *recordFares) RideFare(x RideRef) (int32, bool) {
	r.seen = append(r.seen, x)
	return 100, true
}

// TestMCPreviousDayRide: a run of the previous day's service leaving at
// 24:30 is priced in its own service date's frame.
func TestMCPreviousDayRide(t *testing.T) {
	_, s := handNetwork(t, []handTrip{
		{"NIGHT", []string{"A", "B"}, []int32{hms(24, 30, 0), hms(24, 50, 0)}, "Y"},
	})
	a, b := stopOf(t, s, "A"), stopOf(t, s, "B")
	fm := &recordFares{}
	res, err := NewSearcher(s).ForwardMC([]StopAccess{{Stop: a}}, handParams(hms(0, 10, 0), 0), fm, 100)
	if err != nil {
		t.Fatal(err)
	}
	want := RideRef{Trip: 0, Route: 0, BoardStop: a, AlightStop: b, BoardTime: hms(24, 30, 0), Date: genDate - 1}
	if len(fm.seen) != 1 || fm.seen[0] != want {
		t.Fatalf("fare model saw %+v, want %+v", fm.seen, want)
	}
	l, ok := res.Best(b, 100)
	var j Journey
	if !ok || l.Arrive != hms(0, 50, 0) || l.Fare != 100 || !res.Journey(l, &j) || j.Legs[1].Depart != hms(0, 30, 0) {
		t.Fatalf("best %+v %v, journey %+v", l, ok, j.Legs)
	}
}

func TestMCRejectsBadQueries(t *testing.T) {
	_, s := handNetwork(t, []handTrip{{"X", []string{"A", "B"}, []int32{hms(8, 0, 0), hms(8, 10, 0)}, "D"}})
	w := NewSearcher(s)
	ok := []StopAccess{{Stop: 0}}
	p := handParams(hms(7, 0, 0), 1)
	bad := p
	bad.WalkSpeed = 0
	for name, err := range map[string]error{
		"nil model":     second(w.ForwardMC(ok, p, nil, 100)),
		"negative":      second(w.ForwardMC(ok, p, flatFare{1}, -1)),
		"bad params":    second(w.ForwardMC(ok, bad, flatFare{1}, 100)),
		"stop of range": second(w.ForwardMC([]StopAccess{{Stop: 9}}, p, flatFare{1}, 100)),
	} {
		if err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func second[T any](_ T, err error) error { return err }

// mcPOAQuery is the Porto Alegre multi-criteria query of the benchmarks:
// a flat 470 per ride with a budget of two rides.
const mcPOAFare, mcPOABudget = 470, 2 * 470

func BenchmarkForwardMCFlatPOA(b *testing.B) {
	for _, c := range []struct {
		name   string
		budget int32
		fm     FareModel // converted once: no allocation per call
	}{
		{"budget2rides", mcPOABudget, flatFare{mcPOAFare}},
		{"budget2rides/hinted", mcPOABudget, hintedFlat{flatFare{mcPOAFare}}},
		{"nobudget", NoBudget, flatFare{mcPOAFare}},
		{"nobudget/hinted", NoBudget, hintedFlat{flatFare{mcPOAFare}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			s, stops, p := poaBench(b)
			w := NewSearcher(s)
			origins := make([]StopAccess, 1)
			b.ReportAllocs()
			i, labels := 0, 0
			for b.Loop() {
				origins[0] = StopAccess{Stop: stops[i%len(stops)]}
				p.Time = 11*3600 + int32(i%240)*60
				res, err := w.ForwardMC(origins, p, c.fm, c.budget)
				if err != nil {
					b.Fatal(err)
				}
				labels += res.Stats().LabelsImproved
				i++
			}
			b.ReportMetric(float64(labels)/float64(i), "labels/op")
		})
	}
}

// TestMCZeroAllocations: after a warm-up, a multi-criteria search and the
// reconstruction of a journey allocate nothing.
func TestMCZeroAllocations(t *testing.T) {
	s, stops, p := poaBench(t)
	w := NewSearcher(s)
	from := make([]StopAccess, 1)
	var fm FareModel = flatFare{mcPOAFare}
	var j Journey
	i := 0
	run := func() {
		from[0] = StopAccess{Stop: stops[i%len(stops)]}
		q := p
		q.Time += int32(i%4) * 1800
		q.StepFree = i%2 == 0
		i++
		res, _ := w.ForwardMC(from, q, fm, mcPOABudget)
		if l, ok := res.Best(stops[(i+5)%len(stops)], mcPOABudget); ok {
			res.Journey(l, &j)
		}
	}
	for range 200 {
		run()
	}
	if a := testing.AllocsPerRun(50, run); a != 0 {
		t.Errorf("%v allocations per multi-criteria search, want 0", a)
	}
}
