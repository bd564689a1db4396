package fare

import (
	"strings"
	"testing"
	"time"
)

// govUK is the England and Wales bank holiday list as published on
// gov.uk/bank-holidays for 2019-2027, written out by hand (not derived from
// the code under test).
var govUK = map[int]string{
	2019: "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26",
	2020: "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28",
	2021: "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28",
	2022: "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27",
	2023: "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26",
	2024: "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26",
	2025: "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26",
	2026: "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28",
	2027: "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28",
}

func TestBankHolidaysMatchGovUK(t *testing.T) {
	for year, want := range govUK {
		var got []string
		for _, d := range BankHolidays(year) {
			got = append(got, d.Format("01-02"))
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("%d: got %s\nwant %s", year, g, want)
		}
	}
}

// Easter Sundays 2019-2030 from published tables.
func TestEaster(t *testing.T) {
	want := []string{"2019-04-21", "2020-04-12", "2021-04-04", "2022-04-17", "2023-04-09", "2024-03-31",
		"2025-04-20", "2026-04-05", "2027-03-28", "2028-04-16", "2029-04-01", "2030-04-21"}
	for i, w := range want {
		if got := easter(2019 + i).time().Format(time.DateOnly); got != w {
			t.Errorf("easter(%d) = %s, want %s", 2019+i, got, w)
		}
	}
}

func TestIsBankHoliday(t *testing.T) {
	london := time.FixedZone("BST", 3600)
	cases := []struct {
		date string
		want bool
	}{
		{"2026-04-03", true}, {"2026-04-06", true}, {"2026-04-05", false}, // Good Friday, Easter Monday, Easter Sunday
		{"2027-03-26", true}, {"2027-03-29", true},
		{"2021-12-25", false}, {"2021-12-27", true}, {"2021-12-28", true}, // Christmas on a Saturday
		{"2022-06-03", true}, {"2022-05-30", false}, {"2022-09-19", true}, // jubilee moved spring holiday
		{"2023-05-08", true}, {"2020-05-08", true}, {"2020-05-04", false}, // coronation; VE day move
		{"2028-01-03", true}, {"2028-01-01", false}, {"2029-12-26", true}, {"2030-08-26", true},
		{"2026-05-04", true}, {"2026-05-05", false},
	}
	for _, c := range cases {
		d, _ := time.ParseInLocation(time.DateOnly, c.date, london)
		for _, at := range []time.Time{d, d.Add(23*time.Hour + 59*time.Minute)} {
			if got := IsBankHoliday(at); got != c.want {
				t.Errorf("IsBankHoliday(%s) = %v, want %v", at, got, c.want)
			}
		}
	}
}

// Every year of the table has eight holidays plus its one-offs, each on a
// weekday, none twice.
func TestBankHolidayShape(t *testing.T) {
	extra := map[int]int{2022: 2, 2023: 1}
	for y := HolidayTableFirstYear; y <= HolidayTableLastYear; y++ {
		hs := BankHolidays(y)
		if len(hs) != 8+extra[y] {
			t.Errorf("%d: %d holidays, want %d", y, len(hs), 8+extra[y])
		}
		for i, d := range hs {
			if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday || d.Year() != y {
				t.Errorf("%d: %s falls on %s", y, d.Format(time.DateOnly), wd)
			}
			if i > 0 && !hs[i-1].Before(d) {
				t.Errorf("%d: %s repeated or out of order", y, d.Format(time.DateOnly))
			}
		}
	}
}
