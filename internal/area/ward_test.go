package area

import (
	"math"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

func rect(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

func TestWardOf(t *testing.T) {
	wards := []Ward{{Code: "A", Polygon: rect(0, 0, 1, 1)}, {Code: "B", Polygon: rect(1, 0, 2, 1)}}
	for _, c := range []struct {
		area  orb.MultiPolygon
		code  string
		share float64
	}{
		{rect(0.6, 0.2, 1.6, 0.8), "B", 0.6},  // 40% in A, 60% in B
		{rect(0.1, 0.1, 0.9, 0.9), "A", 1},    // wholly inside A
		{rect(0.5, 0.2, 1.5, 0.8), "A", 0.5},  // a tie goes to the lower code
		{rect(1.5, 0.5, 2.5, 1.5), "B", 0.25}, // three quarters in no ward
		{rect(5, 5, 6, 6), "", 0},
	} {
		code, share := WardOf(c.area, wards)
		if code != c.code || math.Abs(share-c.share) > 0.05 {
			t.Errorf("WardOf(%v) = %s %.3f, want %s %.2f", c.area.Bound(), code, share, c.code, c.share)
		}
	}
}

// On the real Isle of Wight data (2025 wards, redrawn after the LSOAs of
// 2021: about half the LSOAs straddle two wards) the ward chosen must be the
// one a finer, independent tally (64 × 64 points) finds largest, unless the
// two largest are within a few per cent of each other.
func TestRealWardsIsleOfWight(t *testing.T) {
	a, err := Load(regionFiles("isle-of-wight", "E06000046"))
	if err != nil {
		t.Fatal(err)
	}
	wb := make([]orb.Bound, len(a.Wards))
	for i, w := range a.Wards {
		wb[i] = w.Polygon.Bound()
	}
	split := 0
	for _, l := range a.LSOAs {
		votes := map[string]int{}
		inside := 0
		for _, p := range lattice(l.Polygon.Bound(), 64) {
			if !planar.MultiPolygonContains(l.Polygon, p) {
				continue
			}
			inside++
			for i, w := range a.Wards {
				if wb[i].Contains(p) && planar.MultiPolygonContains(w.Polygon, p) {
					votes[w.Code]++
					break
				}
			}
		}
		best, second := "", 0
		for code, v := range votes {
			if best == "" || v > votes[best] {
				best = code
			}
		}
		for code, v := range votes {
			if code != best && v > second {
				second = v
			}
		}
		if float64(second)/float64(inside) > 0.05 {
			split++
		}
		margin := float64(votes[best]-second) / float64(inside)
		if l.WardCode != best && margin > 0.05 {
			t.Errorf("%s: ward %s (share %.2f), finer tally says %s (%.2f)", l.Code, l.WardCode, l.WardShare,
				best, float64(votes[best])/float64(inside))
		}
		if d := l.WardShare - float64(votes[l.WardCode])/float64(inside); d > 0.05 || d < -0.05 {
			t.Errorf("%s: share %.2f, finer tally %.2f", l.Code, l.WardShare, float64(votes[l.WardCode])/float64(inside))
		}
	}
	t.Logf("%d of %d LSOAs have over 5%% outside their main ward", split, len(a.LSOAs))
}
