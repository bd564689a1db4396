package dar

import (
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/gtfs"
)

func iowZone(t *testing.T) Zone {
	t.Helper()
	f, err := gtfs.Open("../../geodata/isle-of-wight/dial-a-ride")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zones, err := FromFeed(f, "iow-dial-a-ride")
	if err != nil {
		t.Fatal(err)
	}
	if len(zones) != 1 {
		t.Fatalf("%d zones, want the one illustrative West Wight zone", len(zones))
	}
	return zones[0]
}

// The illustrative West Wight zone: weekdays 09:00–17:00, £2.50, book by
// 16:00 the day before. Brighstone to Calbourne Water Mill is inside it;
// Newport is not.
func TestIsleOfWightDialARide(t *testing.T) {
	z := iowZone(t)
	london, _ := time.LoadLocation("Europe/London")
	brighstone := geo.PointLatLon(50.6420, -1.3920)
	calbourne := geo.PointLatLon(50.6770, -1.4010)
	newport := geo.PointLatLon(50.7010, -1.2920)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02T15:04", s, london)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ride, err := z.Ride(brighstone, calbourne, at("2026-12-02T10:00")) // a Wednesday
	if err != nil {
		t.Fatalf("no ride inside the zone within its hours: %v", err)
	}
	if ride.FarePence == nil || *ride.FarePence != 250 {
		t.Errorf("fare %v, want 250p", ride.FarePence)
	}
	if ride.Booking != "book 1 day ahead, by 16:00" || !ride.Estimated || z.StepFree != "yes" {
		t.Errorf("ride %+v, zone step-free %q", ride, z.StepFree)
	}
	if d := ride.Arrive.Sub(ride.Depart); d < 5*time.Minute || d > 20*time.Minute {
		t.Errorf("ride takes %v", d)
	}
	for _, c := range []struct {
		name     string
		from     string
		a, b     [2]float64
		wantText string
	}{
		{"before hours", "2026-12-02T08:30", [2]float64{50.6420, -1.3920}, [2]float64{50.6770, -1.4010}, "runs 09:00 to 17:00"},
		{"ends after hours", "2026-12-02T16:58", [2]float64{50.6420, -1.3920}, [2]float64{50.6770, -1.4010}, "runs 09:00 to 17:00"},
		{"Sunday", "2026-12-06T10:00", [2]float64{50.6420, -1.3920}, [2]float64{50.6770, -1.4010}, "does not run"},
		{"to Newport", "2026-12-02T10:00", [2]float64{50.6420, -1.3920}, [2]float64{newport[1], newport[0]}, "inside the zone"},
	} {
		_, err := z.Ride(geo.PointLatLon(c.a[0], c.a[1]), geo.PointLatLon(c.b[0], c.b[1]), at(c.from))
		if err == nil || !strings.Contains(err.Error(), c.wantText) {
			t.Errorf("%s: err = %v, want one saying %q", c.name, err, c.wantText)
		}
	}
}
