package gtfs

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/threshold-heritage/threshold/internal/geo"
)

// Seed corpora: snippets of the real feeds (Isle of Wight, Porto Alegre
// EPTC and Trensurb) and the fixture quirks. They run as ordinary tests.

func feedOf(name, body string) *Feed {
	return OpenFS(fstest.MapFS{name: {Data: []byte(body)}})
}

// checkErr asserts an error names the file and, if it is a FileError,
// carries a sensible line.
func checkErr(t *testing.T, err error, file string) {
	t.Helper()
	if err == nil {
		return
	}
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != file || fe.Line < 0 || !strings.Contains(err.Error(), file) {
		t.Fatalf("error %q (%T) does not name %s", err, err, file)
	}
}

// checkReport asserts a report's counts add up.
func checkReport(t *testing.T, f *Feed, file string, loaded int) {
	t.Helper()
	rep, ok := f.FileReport(file)
	if !ok {
		return
	}
	if rep.Loaded != loaded || rep.Loaded+rep.Rejected > rep.Read || len(rep.Issues) > MaxIssuesPerFile {
		t.Fatalf("report %+v with %d rows loaded", rep, loaded)
	}
	for _, is := range rep.Issues {
		if is.File != file || is.Line < 1 {
			t.Fatalf("issue %+v", is)
		}
	}
}

func FuzzStopsCSV(f *testing.F) {
	f.Add("\"stop_id\",\"stop_code\",\"stop_name\",\"stop_lon\",\"stop_lat\"\r\n\"230000003100\",\"iowawtm\",\"Shanklin Bus Station\",\"-1.179534\",\"50.63165\"\r\n\"230000003490\",\"iowdatd\",\"Carter Avenue\",\"-1.187514\",\"50.63132\"\r\n")
	f.Add("stop_id,stop_code,stop_name,stop_desc,stop_lat,stop_lon\n4220,\"\",SARANDI TOLEDO PIZA,\"\",-29.986404,-51.133333\n1028,\"\",NONOAI ORFANOTROFIO,\"\",-30.084188,-51.224538\n")
	f.Add("stop_id,stop_name,stop_lat,stop_lon\r\nMR,ESTACAO MERCADO,-30.0262849537,-51.2282682008\r\nRD,ESTACAO RODOVIARIA,-30.0224034752,-51.2199497815")
	f.Add("\uFEFFstop_name,stop_lon,stop_id,stop_lat,location_type,parent_station,wheelchair_boarding\r\n\"Shanklin, Stand A\",-1.179534,230000003100,50.63165,0,STN1,0\r\nStation,-1.18,STN1,50.63,1,,1\r\nBad,x,B,95,7,,9\r\n")
	f.Add("stop_id,stop_lat,stop_lon\nS1,\"50.7\nS2,1,2\n")
	f.Add("stop_id,stop_lat,stop_lon\nS1,5\"0.7,1\n")
	f.Fuzz(func(t *testing.T, body string) {
		feed := feedOf("stops.txt", body)
		n := 0
		err := feed.Stops(func(s Stop) error {
			n++
			if s.ID == "" || s.LocationType < 0 || s.LocationType > 4 || s.WheelchairBoarding < 0 || s.WheelchairBoarding > 2 {
				t.Fatalf("invalid stop passed: %+v", s)
			}
			if s.LocationType <= LocationEntrance && !geo.ValidLonLat(s.Pos) {
				t.Fatalf("stop %q at %v", s.ID, s.Pos)
			}
			return nil
		})
		checkErr(t, err, "stops.txt")
		checkReport(t, feed, "stops.txt", n)
	})
}

func FuzzStopTimesCSV(f *testing.F) {
	f.Add("\"trip_id\",\"arrival_time\",\"departure_time\",\"stop_id\",\"stop_sequence\",\"timepoint\"\r\n9956,\"09:30:00\",\"09:30:00\",\"2300105\",\"1\",0\r\n9956,\"09:30:34\",\"09:30:34\",\"230000000913\",\"34\",1\r\n")
	f.Add("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1-2@1#1202,12:02:00,12:02:00,1511,1\nT1-2@1#1202,\"\",\"\",1563,2\nT1-2@1#1202,\"\",\"\",1566,3\nT1-2@1#1202,13:02:00,13:02:00,5503,65\n")
	f.Add("trip_id,arrival_time,departure_time,stop_id,stop_sequence,stop_headsign,pickup_type,drop_off_type,shape_dist_traveled\r\nFULLW_SO_NH_05:06:00,05:05:35,05:06:00,SO,1,,,,\r\nFULLW_SO_NH_05:06:00,05:08:35,05:09:00,RS,2,,,,\r\n")
	f.Add("stop_sequence,trip_id,stop_id,arrival_time,departure_time\n1,T2,A,23:50:00,23:50:00\n2,T2,B,,\n2,T2,C,,\n4,T2,D,25:10:00,25:10:00\n1,T1,A,9:00:00,\n")
	f.Add("trip_id,arrival_time,departure_time,stop_id,stop_sequence\nT1,08:1\"0:00,08:10:00,A,3\n")
	f.Add("trip_id,location_id,stop_sequence,start_pickup_drop_off_window,end_pickup_drop_off_window\nF1,zone,1,08:00:00,18:00:00\n")
	f.Fuzz(func(t *testing.T, body string) {
		feed := feedOf("stop_times.txt", body)
		n := 0
		err := feed.StopTimes(func(st StopTime) error {
			n++
			if st.TripID == "" || st.StopSequence < 0 || st.Arrival < NoTime || st.Departure < NoTime {
				t.Fatalf("invalid stop time passed: %+v", st)
			}
			return nil
		})
		checkErr(t, err, "stop_times.txt")
		checkReport(t, feed, "stop_times.txt", n)
		// Grouping and interpolation must not panic, and a successful
		// interpolation leaves every time set and in order.
		err = feed.TripStopTimes(func(_ string, sts []StopTime) error {
			if _, err := InterpolateTimes(sts, nil); err != nil || hasWindows(sts) {
				return nil
			}
			for i := range sts {
				if !sts[i].Timed() || (i > 0 && sts[i].Arrival < sts[i-1].Departure) {
					t.Fatalf("after interpolation row %d: %+v", i, sts)
				}
			}
			return nil
		})
		checkErr(t, err, "stop_times.txt")
	})
}

func FuzzLocationsGeoJSON(f *testing.F) {
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","id":"z1","properties":{"stop_name":"Zone"},"geometry":{"type":"Polygon","coordinates":[[[-1.55,50.65],[-1.4,50.65],[-1.4,50.72],[-1.55,50.65]]]}}]}`)
	f.Add(`{"type":"FeatureCollection","features":[{"type":"Feature","id":7,"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}},{"type":"Feature","id":"p","geometry":{"type":"Point","coordinates":[1,2]}}]}`)
	f.Add(`{"features":[{"type":"Feature","id":"bad","geometry":{"type":"Polygon","coordinates":[[[200,0],[1,0],[1,1],[200,0]]]}}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, body string) {
		feed := feedOf("locations.geojson", body)
		n := 0
		err := feed.Locations(func(l Location) error {
			n++
			if l.ID == "" || l.Geometry == nil {
				t.Fatalf("invalid location passed: %+v", l)
			}
			if typ := l.Geometry.GeoJSONType(); typ != "Polygon" && typ != "MultiPolygon" {
				t.Fatalf("geometry %s passed", typ)
			}
			return nil
		})
		checkErr(t, err, "locations.geojson")
		checkReport(t, feed, "locations.geojson", n)
	})
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{"08:00:00", "7:05:00", "25:10:00", "", "08:60:00", "999:59:59", "1:2:3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseTime(s)
		if err != nil {
			if v != NoTime {
				t.Fatalf("ParseTime(%q) = %d with error", s, v)
			}
			return
		}
		if v < 0 || v >= (maxTimeHours+1)*3600 {
			t.Fatalf("ParseTime(%q) = %d", s, v)
		}
		if back, err := ParseTime(FormatTime(v)); err != nil || back != v {
			t.Fatalf("round trip %q -> %d -> %q", s, v, FormatTime(v))
		}
	})
}
