package postgis_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// TestDarZonesBookingDays: the island's (illustrative) dial-a-ride
// books "by 16:00 on the working day before" over its WEEKDAYS service,
// so a Monday ride is booked on the Friday, not the Sunday.
func TestDarZonesBookingDays(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	if _, err := importGTFS(t, db, "iow-dial-a-ride", "../../geodata/isle-of-wight/dial-a-ride"); err != nil {
		t.Fatal(err)
	}
	zones, err := db.DarZones(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(zones) == 0 {
		t.Fatal("no zones")
	}
	z := zones[0]
	const weekdays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday
	if z.NoticeDays != 1 || z.NoticeTime != 16*3600 || z.NoticeWeekdays != weekdays {
		t.Fatalf("notice %d days by %d s over weekdays %07b, want 1 day by 16:00 over Monday-Friday", z.NoticeDays, z.NoticeTime, z.NoticeWeekdays)
	}
	london, _ := time.LoadLocation("Europe/London")
	monday := time.Date(2026, 12, 7, 10, 0, 0, 0, london)
	by, ok := z.BookBy(monday)
	if !ok || by.Weekday() != time.Friday || by.Day() != 4 || by.Hour() != 16 {
		t.Errorf("a Monday ride is booked by %v (%v), want Friday 4 December 16:00", by, ok)
	}
	if note := z.BookingNote(monday); !strings.Contains(note, "Friday") {
		t.Errorf("booking note %q does not name the Friday", note)
	}
	// calendar_dates removes bank holidays from the service and from the
	// booking days: none on the Spring bank holiday, and the Tuesday after
	// it is booked on the Friday before.
	if !slices.Contains(z.Removed, 20260525) || !slices.Contains(z.NoticeRemoved, 20260525) || len(z.Added) != 0 {
		t.Fatalf("exceptions: added %v removed %v, notice removed %v; want 25 May 2026 removed", z.Added, z.Removed, z.NoticeRemoved)
	}
	if z.RunsOn(time.Date(2026, 5, 25, 10, 0, 0, 0, london)) {
		t.Error("runs on the Spring bank holiday")
	}
	tuesday := time.Date(2026, 5, 26, 10, 0, 0, 0, london)
	if by, ok := z.BookBy(tuesday); !ok || !by.Equal(time.Date(2026, 5, 22, 16, 0, 0, 0, london)) {
		t.Errorf("the Tuesday after the bank holiday is booked by %v (%v), want Friday 22 May 16:00", by, ok)
	}
}
