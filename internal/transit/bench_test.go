package transit

import (
	"math/rand/v2"
	"testing"
	"time"
)

// poaBench is the Porto Alegre setting of the benchmarks: 2019-05-15
// (a Wednesday), departures 11:00-15:00, walker profile.
func poaBench(tb testing.TB) (*Snapshot, []int32, Params) {
	tb.Helper()
	s := buildT(tb, cachedFeed(tb, poaPath, "poa", poaPolicy))
	rng := rand.New(rand.NewPCG(7, 7))
	stops := make([]int32, 64)
	for i := range stops {
		stops[i] = rng.Int32N(int32(s.NumStops()))
	}
	p := Params{Date: DateOf(2019, time.May, 15), Time: 11 * 3600, WalkSpeed: 1.2, MaxWalkM: 1000,
		MaxTransfers: 4, MaxDuration: 3 * 3600}
	return s, stops, p
}

func BenchmarkForwardOneToAllPOA(b *testing.B) {
	s, stops, p := poaBench(b)
	w := NewSearcher(s)
	origins := make([]StopAccess, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		origins[0] = StopAccess{Stop: stops[i%len(stops)]}
		p.Time = 11*3600 + int32(i%240)*60
		if _, err := w.Forward(origins, p); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkForwardRange60POA(b *testing.B) {
	s, stops, p := poaBench(b)
	w := NewSearcher(s)
	origins := make([]StopAccess, 1)
	b.ReportAllocs()
	i, iters := 0, 0
	for b.Loop() {
		origins[0] = StopAccess{Stop: stops[i%len(stops)]}
		p.Time = 11*3600 + int32(i%4)*3600
		res, err := w.ForwardRange(origins, p, 3600)
		if err != nil {
			b.Fatal(err)
		}
		iters += res.Stats().Iterations
		i++
	}
	b.ReportMetric(float64(iters)/float64(i), "departures/op")
}

func BenchmarkRoutePOA(b *testing.B) {
	s, stops, p := poaBench(b)
	w := NewSearcher(s)
	from, to := make([]StopAccess, 1), make([]StopAccess, 1)
	var j Journey
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		from[0] = StopAccess{Stop: stops[i%len(stops)]}
		to[0] = StopAccess{Stop: stops[(i+17)%len(stops)]}
		if _, err := w.Route(from, to, p, false, &j); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkReverseOneToAllPOA(b *testing.B) {
	s, stops, p := poaBench(b)
	w := NewSearcher(s)
	targets := make([]StopAccess, 1)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		targets[0] = StopAccess{Stop: stops[i%len(stops)]}
		p.Time = 13*3600 + int32(i%240)*60
		if _, err := w.Reverse(targets, p); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// TestZeroAllocations: after a warm-up, no search allocates.
func TestZeroAllocations(t *testing.T) {
	s, stops, p := poaBench(t)
	w := NewSearcher(s)
	from, to := make([]StopAccess, 1), make([]StopAccess, 2)
	var j Journey
	i := 0
	run := func() {
		from[0] = StopAccess{Stop: stops[i%len(stops)]}
		to[0], to[1] = StopAccess{Stop: stops[(i+5)%len(stops)], Seconds: 120}, StopAccess{Stop: stops[(i+9)%len(stops)]}
		q := p
		q.Time += int32(i%4) * 1800
		q.StepFree = i%2 == 0
		i++
		res, _ := w.Forward(from, q)
		res.Journey(to[0].Stop, false, &j)
		res, _ = w.Reverse(to, q)
		res.Journey(from[0].Stop, true, &j)
		w.Route(from, to, q, false, &j)
		w.Route(from, to, q, true, &j)
		rr, _ := w.ForwardRange(from, q, 3600)
		rr.At(to[0].Stop, q.Time+600)
		w.ReverseRange(to, q, 3600)
	}
	for range 200 { // warm up: grow every buffer to its steady size
		run()
	}
	if a := testing.AllocsPerRun(50, run); a != 0 {
		t.Errorf("%v allocations per run of six searches, want 0", a)
	}
}

// TestSnapshotMemory reports (and bounds) the resident bytes per stop time.
func TestSnapshotMemory(t *testing.T) {
	for _, c := range []struct{ path, id string }{{iowPath, "iow"}, {poaPath, "poa"}} {
		s := buildT(t, cachedFeed(t, c.path, c.id, AccessPolicy{}))
		m := s.Memory()
		per := func(x int) float64 { return float64(x) / float64(s.NumStopTimes()) }
		t.Logf("%s: %d stop times, %d footpaths; bytes per stop time: total %.1f = timetable %.1f + footpaths %.1f + stops %.1f + metadata %.1f",
			c.id, s.NumStopTimes(), s.Footpaths(false).Total, per(m.Total), per(m.Timetable), per(m.Footpaths), per(m.Stops), per(m.Metadata))
		if per(m.Timetable) > 16 {
			t.Errorf("%s: timetable %.1f bytes per stop time", c.id, per(m.Timetable))
		}
		// The 32-byte target is for a city-sized feed; the Isle of Wight
		// subset (2,608 stop times for 315 stops) is all fixed costs.
		if c.id == "poa" && per(m.Total) > 32 {
			t.Errorf("%s: %.1f bytes per stop time, target 32", c.id, per(m.Total))
		}
	}
}
