package gtfs

import (
	"os"
	"testing"
)

const (
	iowZip      = "../../geodata/isle-of-wight/gtfs/iow-bus-gtfs.zip"
	eptcZip     = "../../testdata/poa/poa_eptc.zip"
	trensurbZip = "../../testdata/poa/poa_trensurb.zip"
)

func openReal(t testing.TB, path string) *Feed {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("real feed not available: %v", err)
	}
	f, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// count counts the rows a streaming method yields.
func count[T any](t testing.TB, read func(func(T) error) error) int {
	t.Helper()
	n := 0
	if err := read(func(T) error { n++; return nil }); err != nil {
		t.Fatal(err)
	}
	return n
}

// assertClean fails if any file read so far rejected rows or warned.
func assertClean(t *testing.T, f *Feed) {
	t.Helper()
	for _, r := range f.Report() {
		if r.Rejected != 0 || r.Warnings != 0 || r.Read != r.Loaded {
			t.Errorf("%s: %+v", r.File, r)
		}
	}
}

func TestIsleOfWight(t *testing.T) {
	f := openReal(t, iowZip)
	got := map[string]int{
		"agencies": count(t, f.Agencies), "stops": count(t, f.Stops), "routes": count(t, f.Routes),
		"trips": count(t, f.Trips), "stop_times": count(t, f.StopTimes), "calendar": count(t, f.Calendars),
		"calendar_dates": count(t, f.CalendarDates),
	}
	// The brief expected 2 agencies; agency.txt lists 3 (WD, SV and FYT),
	// and routes.txt uses all three.
	want := map[string]int{"agencies": 3, "stops": 315, "routes": 8, "trips": 97, "stop_times": 2608, "calendar": 11, "calendar_dates": 0}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("%s: got %d, want %d", k, got[k], w)
		}
	}
	assertClean(t, f)
	// The feed has no wheelchair_boarding column: every stop is unknown,
	// never accessible. Its columns run stop_lon before stop_lat.
	err := f.Stops(func(s Stop) error {
		if s.WheelchairBoarding != WheelchairUnknown {
			t.Errorf("stop %s: wheelchair %d without a column", s.ID, s.WheelchairBoarding)
		}
		if s.ID == "230000003100" && (s.Pos[0] != -1.179534 || s.Pos[1] != 50.63165) {
			t.Errorf("Shanklin Bus Station at %v", s.Pos)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if f.Has("fare_attributes.txt") || !f.Has("stop_times.txt") {
		t.Error("Has is wrong")
	}
}

func TestPortoAlegreBusInterpolation(t *testing.T) {
	f := openReal(t, eptcZip)
	if n := count(t, f.Stops); n != 3986 {
		t.Errorf("stops = %d, want 3986", n)
	}
	wc := map[int8]int{}
	if err := f.Trips(func(tr Trip) error { wc[tr.WheelchairAccessible]++; return nil }); err != nil {
		t.Fatal(err)
	}
	if wc[0]+wc[1]+wc[2] != 2374 || wc[WheelchairAccessible] == 0 || wc[WheelchairNo] == 0 {
		t.Errorf("trips by wheelchair_accessible = %v, want 2,374 with both 1 and 2", wc)
	}
	pos := stopPositions(t, f)
	rows, empty, filled, trips := 0, 0, 0, 0
	err := f.TripStopTimes(func(id string, sts []StopTime) error {
		trips++
		for i := range sts {
			rows++
			if !sts[i].Timed() {
				empty++
			}
		}
		n, err := InterpolateTimes(sts, pos)
		if err != nil {
			return err
		}
		filled += n
		for i := range sts {
			if !sts[i].Timed() {
				t.Fatalf("trip %s: row %d still empty", id, i)
			}
			if i > 0 && sts[i].Arrival < sts[i-1].Departure {
				t.Fatalf("trip %s: time decreases at stop_sequence %d", id, sts[i].StopSequence)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != 130019 || trips != 2374 || filled != empty {
		t.Errorf("rows %d trips %d, empty %d filled %d; want 130,019 rows in 2,374 trips, all empties filled", rows, trips, empty, filled)
	}
	if share := float64(empty) / float64(rows); share < 0.9 {
		t.Errorf("only %.0f%% of stop times were empty; the fixture's premise changed", share*100)
	}
	rep, _ := f.FileReport("stop_times.txt")
	if rep.Read != 130019 || rep.Loaded != 130019 {
		t.Errorf("stop_times report = %+v", rep)
	}
	assertClean(t, f)
}

func TestPortoAlegreMetroHeader(t *testing.T) {
	f := openReal(t, trensurbZip)
	ags := collect(t, f.Agencies)
	// agency.txt's header is "agency_id, agency_name,..." with no final
	// newline after its only row.
	if len(ags) != 1 || ags[0].Name != "TRENSURB" || ags[0].Timezone != "America/Sao_Paulo" {
		t.Fatalf("agencies = %+v", ags)
	}
	if n := count(t, f.Stops); n != 24 {
		t.Errorf("stops = %d, want 24", n)
	}
	if n := count(t, f.StopTimes); n != 14855 {
		t.Errorf("stop_times = %d, want 14,855", n)
	}
	assertClean(t, f)
}
