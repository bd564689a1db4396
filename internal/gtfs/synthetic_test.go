package gtfs

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestSyntheticPresets(t *testing.T) {
	tests := []struct {
		o    SyntheticOptions
		want int64
	}{
		{SyntheticOptions{}, 400_000},
		{SyntheticOptions{Rows: 25, Cols: 25, Headway: 450}, 400_000},
		{SyntheticOptions{Rows: 50, Cols: 50, Headway: 288}, 2_500_000},
		{SyntheticOptions{Rows: 100, Cols: 100, Headway: 576}, 5_000_000},
	}
	for _, tt := range tests {
		if got := tt.o.StopTimeCount(); got != tt.want {
			t.Errorf("%+v: %d stop times, want %d", tt.o, got, tt.want)
		}
	}
}

func TestSyntheticGridReadsBack(t *testing.T) {
	dir := t.TempDir()
	o := SyntheticOptions{Rows: 6, Cols: 4, Headway: 3600, TimedEvery: 3, StationEvery: 3}
	if err := WriteSyntheticGrid(dir, o); err != nil {
		t.Fatal(err)
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ags := collect(t, f.Agencies)
	fi := collect(t, f.FeedInfo)
	if len(ags) != 1 || !strings.Contains(ags[0].Name, "SYNTHETIC") || len(fi) != 1 || !strings.Contains(fi[0].PublisherName, "SYNTHETIC") {
		t.Fatalf("feed not labelled synthetic: %+v %+v", ags, fi)
	}
	stops := collect(t, f.Stops)
	wc, stations := map[int8]int{}, 0
	for _, s := range stops {
		if s.LocationType == LocationStation {
			stations++
			continue
		}
		wc[s.WheelchairBoarding]++
		if !strings.Contains(s.Desc, "SYNTHETIC") {
			t.Fatalf("stop %s not labelled", s.ID)
		}
	}
	if len(stops) != 24+stations || stations != 4 || wc[0] == 0 || wc[1] == 0 || wc[2] == 0 {
		t.Errorf("%d stops, %d stations, wheelchair mix %v", len(stops), stations, wc)
	}
	trips := collect(t, f.Trips)
	twc := map[int8]int{}
	for _, tr := range trips {
		twc[tr.WheelchairAccessible]++
	}
	deps := o.Departures() // 05:00 to 25:00 hourly: 20
	if deps != 20 || len(trips) != 2*(6+4)*deps || twc[0] == 0 || twc[1] == 0 || twc[2] == 0 {
		t.Errorf("%d trips (%d departures), wheelchair mix %v", len(trips), deps, twc)
	}
	pos := stopPositions(t, f)
	rows, late := int64(0), false
	err = f.TripStopTimes(func(id string, sts []StopTime) error {
		rows += int64(len(sts))
		if _, err := InterpolateTimes(sts, pos); err != nil {
			return err
		}
		// Equal spacing and speed: interpolation by distance must give back
		// the generator's times to within a second.
		hop := 400 / (18 / 3.6)
		for i := range sts {
			want := sts[0].Departure + int32(float64(i)*hop+0.5)
			if d := sts[i].Arrival - want; d < -1 || d > 1 {
				t.Fatalf("trip %s stop %d at %s, want %s", id, i, FormatTime(sts[i].Arrival), FormatTime(want))
			}
			late = late || sts[i].Arrival >= 24*3600
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if rows != o.StopTimeCount() || !late {
		t.Errorf("%d stop times, want %d; past midnight %v", rows, o.StopTimeCount(), late)
	}
	assertClean(t, f)
}

func TestSyntheticZipMatchesFolder(t *testing.T) {
	o := SyntheticOptions{Rows: 3, Cols: 3, Headway: 7200}
	dir := t.TempDir()
	if err := WriteSyntheticGrid(filepath.Join(dir, "feed"), o); err != nil {
		t.Fatal(err)
	}
	zf, err := os.Create(filepath.Join(dir, "feed.zip"))
	if err != nil {
		t.Fatal(err)
	}
	if err := WriteSyntheticGridZip(zf, o); err != nil {
		t.Fatal(err)
	}
	zf.Close()
	if a, b := checksum(t, filepath.Join(dir, "feed")), checksum(t, filepath.Join(dir, "feed.zip")); a != b {
		t.Errorf("folder %s != zip %s", a, b)
	}
	if err := WriteSyntheticGrid(dir, SyntheticOptions{Rows: 1}); err == nil {
		t.Error("a 1-row grid was accepted")
	}
}

// writeSynthetic writes a grid feed once per test binary run into dir.
func writeSynthetic(tb testing.TB, o SyntheticOptions) string {
	tb.Helper()
	dir := tb.TempDir()
	if err := WriteSyntheticGrid(dir, o); err != nil {
		tb.Fatal(err)
	}
	return dir
}

// TestStreamingMemoryIsFlat reads a 400k-row stop_times.txt (about 17 MB)
// and samples the live heap as it goes: it must stay flat, far below the
// file's size, showing the reader keeps no rows.
func TestStreamingMemoryIsFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 400k-row feed")
	}
	dir := writeSynthetic(t, SyntheticOptions{})
	info, err := os.Stat(filepath.Join(dir, "stop_times.txt"))
	if err != nil {
		t.Fatal(err)
	}
	f, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	live := func() uint64 {
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	base := live()
	var peak uint64
	n := 0
	err = f.TripStopTimes(func(_ string, sts []StopTime) error {
		if n += len(sts); n%50_000 < len(sts) {
			peak = max(peak, live())
		}
		return nil
	})
	if err != nil || n != 400_000 {
		t.Fatalf("read %d rows: %v", n, err)
	}
	grown := int64(peak) - int64(base)
	t.Logf("stop_times.txt %d MB; live heap grew at most %d KB", info.Size()>>20, grown>>10)
	if grown > 2<<20 || grown > info.Size()/8 {
		t.Errorf("live heap grew by %d bytes while streaming a %d-byte file", grown, info.Size())
	}
}

func BenchmarkStopTimes(b *testing.B) {
	dir := writeSynthetic(b, SyntheticOptions{}) // 400,000 rows
	f, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	b.ReportAllocs()
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		if err := f.StopTimes(func(StopTime) error { rows++; return nil }); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(rows)/float64(b.N), "rows/op")
}

func BenchmarkTripStopTimesInterpolated(b *testing.B) {
	dir := writeSynthetic(b, SyntheticOptions{TimedEvery: 5})
	f, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	pos := stopPositions(b, f)
	b.ReportAllocs()
	b.ResetTimer()
	rows := 0
	for b.Loop() {
		err := f.TripStopTimes(func(_ string, sts []StopTime) error {
			rows += len(sts)
			_, err := InterpolateTimes(sts, pos)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}
