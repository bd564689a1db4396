package transit

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

// poaPolicy lets step-free searches board at Porto Alegre's stops, which
// carry no wheelchair_boarding, so that the trips' real
// wheelchair_accessible values decide (a test assumption, not a claim).
var poaPolicy = AccessPolicy{AssumeStopsBoardable: true, Reason: "test: stops carry no wheelchair_boarding"}

func TestLoadRealFeeds(t *testing.T) {
	for _, c := range []struct {
		path string
		date Date
	}{{iowPath, DateOf(2019, time.May, 15)}, {poaPath, DateOf(2019, time.May, 15)}} {
		in := cachedFeed(t, c.path, "iow", AccessPolicy{})
		s := buildT(t, in)
		t.Logf("%s: %d stops, %d trips, %d patterns, %d stop times, %d dropped, %d services on %s",
			c.path, s.NumStops(), s.NumTrips(), s.NumPatterns(), s.NumStopTimes(), len(s.Dropped()), s.ActiveServiceCount(c.date), c.date)
	}
}

// TestRealFeedsMatchReference compares the engine with the connection-scan
// reference for 200 random origins and departure times on each real feed,
// alternating step-free and unrestricted searches and the walking limits.
func TestRealFeedsMatchReference(t *testing.T) {
	cases := []struct {
		name     string
		path     string
		date     Date
		from, to int32
		policy   AccessPolicy
		queries  int
	}{
		{"isle of wight", iowPath, DateOf(2019, time.May, 15), 8 * 3600, 17*3600 + 48*60, iowPolicy, 200},
		{"porto alegre", poaPath, DateOf(2019, time.May, 15), 11 * 3600, 16 * 3600, poaPolicy, 200},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			in := cachedFeed(t, c.path, "iow", c.policy)
			s := buildT(t, in)
			ref := newRefNet(in)
			w := NewSearcher(s)
			rng := rand.New(rand.NewPCG(1, uint64(len(in.Stops))))
			reached := 0
			for q := range c.queries {
				p := Params{Date: c.date, Time: c.from + rng.Int32N(c.to-c.from),
					WalkSpeed: []float64{0.8, 1.2}[q%2], MaxWalkM: []float64{400, 1000}[q/2%2],
					StepFree: q%3 == 0, MaxTransfers: 1 + q%4, MaxDuration: int32(q%2) * 2 * 3600}
				origins := []StopAccess{{Stop: rng.Int32N(int32(s.NumStops()))}}
				if q%5 == 0 {
					origins = append(origins, StopAccess{Stop: rng.Int32N(int32(s.NumStops())), Seconds: 300})
				}
				res, err := w.Forward(origins, p)
				if err != nil {
					t.Fatal(err)
				}
				best, ride := ref.refForward(origins, p)
				agree(t, "best", len(in.Stops), res.Time, best, refInf)
				agree(t, "ride", len(in.Stops), res.RideTime, ride, refInf)
				if q%4 == 0 { // latest departures towards the same stops
					res, err := w.Reverse(origins, p)
					if err != nil {
						t.Fatal(err)
					}
					rb, rr := ref.refReverse(origins, p)
					agree(t, "reverse best", len(in.Stops), res.Time, rb, -refInf)
					agree(t, "reverse ride", len(in.Stops), res.RideTime, rr, -refInf)
				}
				for _, r := range ride {
					if r != refInf {
						reached++
					}
				}
			}
			t.Logf("%d queries, %d stop arrivals by ride compared", c.queries, reached)
			if reached < c.queries {
				t.Errorf("too few stops reached: %d", reached)
			}
		})
	}
}

// TestRangeReusesWork: a 60-minute range search on Porto Alegre gives, at
// every departure it iterates, the same arrivals as a separate search, for
// less work than those separate searches together.
func TestRangeReusesWork(t *testing.T) {
	s, _, p := poaBench(t)
	w, single := NewSearcher(s), NewSearcher(s)
	busiest := func(skip int32) int32 { // the stop served by most patterns
		best := int32(0)
		for v := range int32(s.NumStops()) {
			if v != skip && s.stopPatOff[v+1]-s.stopPatOff[v] > s.stopPatOff[best+1]-s.stopPatOff[best] {
				best = v
			}
		}
		return best
	}
	a := busiest(-1)
	origins := []StopAccess{{Stop: a}, {Stop: busiest(a), Seconds: 240}}
	rr, err := w.ForwardRange(origins, p, 3600)
	if err != nil {
		t.Fatal(err)
	}
	var separate Stats
	times := rr.Times(nil)
	for _, dep := range times {
		q := p
		q.Time = dep
		res, err := single.Forward(origins, q)
		if err != nil {
			t.Fatal(err)
		}
		for v := range int32(s.NumStops()) {
			a, ok := res.Time(v)
			b, ok2 := rr.At(v, dep)
			if ok != ok2 || a != b {
				t.Fatalf("departure %d, stop %d: single %d %v, range %d %v", dep, v, a, ok, b, ok2)
			}
		}
		st := res.Stats()
		separate.PatternsScanned += st.PatternsScanned
		separate.LabelsImproved += st.LabelsImproved
	}
	got := rr.Stats()
	t.Logf("%d departures: range %+v; separate searches scanned %d patterns, improved %d labels",
		len(times), got, separate.PatternsScanned, separate.LabelsImproved)
	if len(times) < 3 || got.LabelsImproved >= separate.LabelsImproved {
		t.Errorf("range search did not reuse work")
	}
}

// TestConcurrentSearches: searchers on one snapshot in parallel goroutines
// agree with a sequential run (run with -race to check for sharing).
func TestConcurrentSearches(t *testing.T) {
	s := buildT(t, cachedFeed(t, iowPath, "iow", iowPolicy))
	p := Params{Date: iowDate, Time: 9 * 3600, WalkSpeed: 1.2, MaxWalkM: 1000, MaxTransfers: 3}
	want := make([][]int32, 8)
	for g := range want {
		res, _ := NewSearcher(s).Forward([]StopAccess{{Stop: int32(g * 37)}}, p)
		want[g], _ = times(res, s.NumStops())
	}
	done := make(chan error, len(want))
	for g := range want {
		go func() {
			w := NewSearcher(s)
			for range 20 {
				res, _ := w.Forward([]StopAccess{{Stop: int32(g * 37)}}, p)
				got, _ := times(res, s.NumStops())
				for v := range got {
					if got[v] != want[g][v] {
						done <- fmt.Errorf("goroutine %d stop %d: %d, want %d", g, v, got[v], want[g][v])
						return
					}
				}
			}
			done <- nil
		}()
	}
	for range want {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
