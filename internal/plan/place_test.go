package plan

import (
	"testing"
	"time"
)

func TestParsePlace(t *testing.T) {
	cases := []struct {
		in   string
		want Place
		ok   bool
	}{
		{"50.7325,-1.1595", PointPlace(50.7325, -1.1595), true},
		{" 50.7325 , -1.1595 ", PointPlace(50.7325, -1.1595), true},
		{"stop:23000003001G", Place{StopID: "23000003001G"}, true},
		{"stop:iow-bus:23000003001G", Place{StopID: "iow-bus:23000003001G"}, true},
		{"stop:", Place{}, false},
		{"91,0", Place{}, false},
		{"0,181", Place{}, false},
		{"NaN,0", Place{}, false},
		{"50.7", Place{}, false},
		{"a,b", Place{}, false},
	}
	for _, c := range cases {
		got, err := ParsePlace(c.in)
		if (err == nil) != c.ok || c.ok && got != c.want {
			t.Errorf("ParsePlace(%q) = %+v, %v; want %+v ok=%v", c.in, got, err, c.want, c.ok)
		}
	}
}

func TestParseDepart(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time
		wall bool
		ok   bool
	}{
		{"2019-05-15T09:00", time.Date(2019, 5, 15, 9, 0, 0, 0, time.UTC), true, true},
		{"2019-05-15T09:00:30", time.Date(2019, 5, 15, 9, 0, 30, 0, time.UTC), true, true},
		{"2019-05-15 09:00", time.Date(2019, 5, 15, 9, 0, 0, 0, time.UTC), true, true},
		{"2019-05-15T09:00:00+01:00", time.Date(2019, 5, 15, 8, 0, 0, 0, time.UTC), false, true},
		{"2019-05-15T08:00:00Z", time.Date(2019, 5, 15, 8, 0, 0, 0, time.UTC), false, true},
		{"2019-05-15", time.Time{}, false, false},
		{"09:00", time.Time{}, false, false},
		{"2019-02-30T09:00", time.Time{}, false, false},
		{"", time.Time{}, false, false},
	}
	for _, c := range cases {
		got, wall, err := ParseDepart(c.in)
		if (err == nil) != c.ok || c.ok && (!got.Equal(c.want) || wall != c.wall) {
			t.Errorf("ParseDepart(%q) = %v, %v, %v; want %v, %v ok=%v", c.in, got, wall, err, c.want, c.wall, c.ok)
		}
	}
}

// FuzzParsePlace: whatever it accepts is a valid stop or a point in range.
func FuzzParsePlace(f *testing.F) {
	for _, s := range []string{"50.7,-1.1", "stop:x", "stop:a:b", "1e400,0", "-0,-0", ",", "stop", "90,180"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePlace(s)
		if err != nil {
			return
		}
		if err := p.check("from"); err != nil {
			t.Fatalf("ParsePlace(%q) accepted an invalid place: %v", s, err)
		}
		if !p.IsStop() && p.StopID != "" {
			t.Fatal("inconsistent place")
		}
	})
}

// FuzzParseDepart: whatever it accepts round-trips through its layout.
func FuzzParseDepart(f *testing.F) {
	for _, s := range []string{"2019-05-15T09:00", "2019-05-15T09:00:00+01:00", "2019-05-15 23:59:59", "0000-01-01T00:00", "9999-12-31T23:59:59Z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tm, wall, err := ParseDepart(s)
		if err != nil {
			return
		}
		if wall && tm.Location() != time.UTC {
			t.Fatalf("wall clock %q parsed in %v", s, tm.Location())
		}
	})
}
