package plan

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// Queries running while the timetable is replaced over and over never
// fail, and every answer comes whole from one snapshot: the ride of t1
// either as first published (A 09:00 → C 09:10) or as shifted by ten
// minutes, never a mix. Run with -race.
func TestReplaceWhileQuerying(t *testing.T) {
	early := build(t, londonInput(0, transit.AccessPolicy{}))
	late := build(t, londonInput(600, transit.AccessPolicy{}))
	brazil := build(t, brazilInput())
	p := New(Options{Workers: 2})
	p.Replace(map[string]*transit.Snapshot{"Europe/London": early, "America/Sao_Paulo": brazil})
	req := Request{From: StopPlace("f", "A"), To: StopPlace("f", "C"), Depart: at(8, 50), WallClock: true, Profile: std(t, "walker")}
	valid := map[[2]string]bool{
		{"2019-05-15T09:00:00+01:00", "2019-05-15T09:10:00+01:00"}: true,
		{"2019-05-15T09:10:00+01:00", "2019-05-15T09:20:00+01:00"}: true,
	}
	var stop atomic.Bool
	var swaps atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load(); i++ {
			s := early
			if i%2 == 0 {
				s = late // a fresh snapshot each time would also do; alternating reuses pools
			}
			p.Replace(map[string]*transit.Snapshot{"Europe/London": s, "America/Sao_Paulo": brazil})
			swaps.Add(1)
		}
	}()
	errs := make(chan string, 8)
	var qwg sync.WaitGroup
	for range 4 {
		qwg.Add(1)
		go func() {
			defer qwg.Done()
			for range 300 {
				a, err := p.Plan(context.Background(), req)
				switch {
				case err != nil:
					errs <- err.Error()
					return
				case len(a.Legs) != 1 || !valid[[2]string{a.Legs[0].Depart, a.Legs[0].Arrive}] || a.Depart != a.Legs[0].Depart:
					errs <- "mixed or wrong answer"
					return
				}
			}
		}()
	}
	qwg.Wait()
	stop.Store(true)
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	if swaps.Load() < 2 {
		t.Errorf("only %d swaps happened during the queries", swaps.Load())
	}
}

// Replacing a group with the snapshot it already has keeps its network
// (and searchers); a new snapshot gets a new one; an unnamed group goes.
func TestReplaceKeepsUnchangedNetworks(t *testing.T) {
	a, b := build(t, londonInput(0, transit.AccessPolicy{})), build(t, brazilInput())
	p := New(Options{})
	p.Replace(map[string]*transit.Snapshot{"Europe/London": a, "America/Sao_Paulo": b})
	before := p.pub.Load().nets
	p.Replace(map[string]*transit.Snapshot{"Europe/London": a, "America/Sao_Paulo": build(t, brazilInput())})
	after := p.pub.Load().nets
	if before[1] != after[1] || before[0] == after[0] {
		t.Error("unchanged London network replaced, or changed Brazilian one kept")
	}
	p.Replace(map[string]*transit.Snapshot{"Europe/London": a})
	if len(p.pub.Load().nets) != 1 || p.Snapshot("America/Sao_Paulo") != nil || p.Snapshot("Europe/London") != a {
		t.Error("dropped group still published")
	}
}
