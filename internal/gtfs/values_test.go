package gtfs

import (
	"testing"
	"time"
)

func TestParseTime(t *testing.T) {
	tests := []struct {
		in   string
		want int32
		ok   bool
	}{
		{"00:00:00", 0, true},
		{"08:00:30", 8*3600 + 30, true},
		{"7:05:00", 7*3600 + 5*60, true},
		{"25:10:00", 90600, true},
		{"123:00:01", 123*3600 + 1, true},
		{"", NoTime, false},
		{"8:5:00", NoTime, false},
		{"08:60:00", NoTime, false},
		{"08:00:60", NoTime, false},
		{"08:00", NoTime, false},
		{"-1:00:00", NoTime, false},
		{"1000:00:00", NoTime, false},
		{"08:00:00 ", NoTime, false},
	}
	for _, tt := range tests {
		got, err := ParseTime(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseTime(%q) = %d, %v; want %d, ok %v", tt.in, got, err, tt.want, tt.ok)
		}
		if tt.ok && len(tt.in) == 8 && FormatTime(got) != tt.in {
			t.Errorf("FormatTime(%d) = %q, want %q", got, FormatTime(got), tt.in)
		}
	}
	if FormatTime(NoTime) != "" || FormatTime(123*3600+1) != "123:00:01" {
		t.Error("FormatTime of NoTime or 3-digit hours wrong")
	}
}

func TestParseDate(t *testing.T) {
	for _, bad := range []string{"", "2025011", "20250230", "20251301", "2025-01-01", "00000000", "2024022x"} {
		if d, err := ParseDate(bad); err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", bad, d)
		}
	}
	d, err := ParseDate("20240229")
	if err != nil || d != 20240229 || d.Year() != 2024 || d.Month() != time.February || d.Day() != 29 {
		t.Fatalf("ParseDate(20240229) = %v, %v", d, err)
	}
	if d.AddDays(1) != 20240301 || d.AddDays(-60) != 20231231 || d.Weekday() != time.Thursday {
		t.Errorf("date arithmetic: %v %v %v", d.AddDays(1), d.AddDays(-60), d.Weekday())
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	// On the day the clocks go forward GTFS times count from 23:00 the
	// evening before (noon minus 12 h), not from midnight.
	spring := Date(20250330)
	if got := spring.Time(london).Sub(spring.ServiceDayStart(london)); got != time.Hour {
		t.Errorf("service day start on %v is %v before midnight, want 1h", spring, got)
	}
	if DateOf(spring.Time(london)) != spring {
		t.Error("DateOf(Time) does not round-trip")
	}
}

func TestMinorUnits(t *testing.T) {
	tests := []struct {
		amount, cur string
		want        int64
		ok          bool
	}{
		{"2.50", "GBP", 250, true},
		{"4.7", "BRL", 470, true},
		{"3", "GBP", 300, true},
		{"-1.25", "EUR", -125, true},
		{"200", "JPY", 200, true},
		{"1.5", "JPY", 0, false},
		{"1.234", "KWD", 1234, true},
		{"2.505", "GBP", 0, false},
		{"2.500", "GBP", 250, true},
		{"abc", "GBP", 0, false},
		{"2.50", "pounds", 0, false},
		{"2.50", "gbp", 0, false},
	}
	for _, tt := range tests {
		got, err := MinorUnits(tt.amount, tt.cur)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("MinorUnits(%q, %q) = %d, %v; want %d ok %v", tt.amount, tt.cur, got, err, tt.want, tt.ok)
		}
	}
}
