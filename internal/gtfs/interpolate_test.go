package gtfs

import (
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"pgregory.net/rapid"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// onEquator places stop "k<metres>" at that many metres east of 0,0.
func onEquator(known map[string]float64) func(string) (orb.Point, bool) {
	return func(id string) (orb.Point, bool) {
		m, ok := known[id]
		return geo.PointLatLon(0, m/geo.EarthRadiusM*180/3.141592653589793), ok
	}
}

func trip(times ...int32) []StopTime {
	sts := make([]StopTime, len(times))
	for i, t := range times {
		sts[i] = StopTime{TripID: "T", StopID: string(rune('A' + i)), StopSequence: int32(i + 1),
			Arrival: t, Departure: t, StartWindow: NoTime, EndWindow: NoTime, Timepoint: 1}
	}
	return sts
}

func arrivals(sts []StopTime) []int32 {
	out := make([]int32, len(sts))
	for i := range sts {
		out[i] = sts[i].Arrival
	}
	return out
}

func TestInterpolateTimes(t *testing.T) {
	line := onEquator(map[string]float64{"A": 0, "B": 1000, "C": 3000, "D": 4000, "E": 8000})
	partial := onEquator(map[string]float64{"A": 0, "C": 3000})
	same := func(string) (orb.Point, bool) { return orb.Point{1, 1}, true }
	tests := []struct {
		name   string
		sts    []StopTime
		pos    func(string) (orb.Point, bool)
		want   []int32
		filled int
	}{
		{"by distance", trip(0, NoTime, 300), line, []int32{0, 100, 300}, 1},
		{"two runs", trip(0, NoTime, 300, NoTime, 1300), line, []int32{0, 100, 300, 500, 1300}, 2},
		{"unknown position falls back to index", trip(0, NoTime, 300), partial, []int32{0, 150, 300}, 1},
		{"nil positions", trip(0, NoTime, NoTime, 300), nil, []int32{0, 100, 200, 300}, 2},
		{"one position falls back", trip(0, NoTime, NoTime, 300), same, []int32{0, 100, 200, 300}, 2},
		{"rounds to the second", trip(0, NoTime, NoTime, 10), nil, []int32{0, 3, 7, 10}, 2},
		{"nothing to do", trip(0, 60, 120), line, []int32{0, 60, 120}, 0},
		{"past midnight", trip(86000, NoTime, 86600), nil, []int32{86000, 86300, 86600}, 1},
	}
	for _, tt := range tests {
		n, err := InterpolateTimes(tt.sts, tt.pos)
		if err != nil || n != tt.filled {
			t.Errorf("%s: filled %d, %v; want %d", tt.name, n, err, tt.filled)
		}
		got := arrivals(tt.sts)
		for i := range got {
			if got[i] != tt.want[i] || tt.sts[i].Departure != got[i] {
				t.Errorf("%s: arrivals %v departures differ or want %v", tt.name, got, tt.want)
				break
			}
		}
		for i := range tt.sts {
			if interp := tt.sts[i].Interpolated; interp != (tt.sts[i].Timepoint == 0) {
				t.Errorf("%s: row %d interpolated %v timepoint %d", tt.name, i, interp, tt.sts[i].Timepoint)
			}
		}
	}
}

func TestInterpolateHalfTimes(t *testing.T) {
	sts := trip(0, NoTime, 100)
	sts[0].Arrival = NoTime // departure only
	sts[2].Departure = NoTime
	if _, err := InterpolateTimes(sts, nil); err != nil {
		t.Fatal(err)
	}
	if sts[0].Arrival != 0 || sts[2].Departure != 100 || sts[1].Arrival != 50 || sts[0].Interpolated {
		t.Errorf("got %+v", sts)
	}
}

func TestInterpolateErrors(t *testing.T) {
	unsorted := trip(0, NoTime, 100)
	unsorted[1].StopSequence = 9
	tests := []struct {
		name string
		sts  []StopTime
		want string
	}{
		{"first untimed", trip(NoTime, 10, 20), "first and last"},
		{"last untimed", trip(0, 10, NoTime), "first and last"},
		{"backwards", trip(100, NoTime, 50), "goes back"},
		{"unsorted", unsorted, "stop_sequence"},
	}
	for _, tt := range tests {
		if _, err := InterpolateTimes(tt.sts, nil); err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), `"T"`) {
			t.Errorf("%s: err = %v, want it to mention %q and the trip", tt.name, err, tt.want)
		}
	}
	flex := trip(NoTime, NoTime)
	flex[0].StartWindow, flex[0].EndWindow = 3600, 7200
	if n, err := InterpolateTimes(flex, nil); n != 0 || err != nil || flex[1].Timed() {
		t.Errorf("flex trip changed: %d %v %+v", n, err, flex)
	}
}

// TestInterpolateProperty: for any trip whose timed stops are in order,
// interpolation leaves no empty time, keeps the timed rows, and never goes
// back in time.
func TestInterpolateProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		n := rapid.IntRange(2, 40).Draw(rt, "n")
		sts := make([]StopTime, n)
		clock := rapid.Int32Range(0, 100000).Draw(rt, "start")
		known := map[string]float64{}
		at := 0.0
		for i := range sts {
			id := string(rune('a' + i))
			sts[i] = StopTime{TripID: "T", StopID: id, StopSequence: int32(i * 2), Arrival: NoTime, Departure: NoTime, StartWindow: NoTime, EndWindow: NoTime}
			at += rapid.Float64Range(0, 2000).Draw(rt, "hop")
			if rapid.Bool().Draw(rt, "placed") {
				known[id] = at
			}
			clock += rapid.Int32Range(0, 600).Draw(rt, "dt")
			if i == 0 || i == n-1 || rapid.Bool().Draw(rt, "timed") {
				sts[i].Arrival, sts[i].Departure = clock, clock
			}
		}
		before := append([]StopTime(nil), sts...)
		if _, err := InterpolateTimes(sts, onEquator(known)); err != nil {
			rt.Fatal(err)
		}
		for i := range sts {
			if !sts[i].Timed() || (i > 0 && sts[i].Arrival < sts[i-1].Departure) {
				rt.Fatalf("row %d: %v", i, arrivals(sts))
			}
			if before[i].Timed() && (sts[i].Arrival != before[i].Arrival || sts[i].Interpolated) {
				rt.Fatalf("timed row %d changed", i)
			}
		}
	})
}
