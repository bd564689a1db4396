package coverage_test

import (
	"context"
	"math"
	"slices"
	"testing"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
)

// Coverage is the sum of the activities' shares: for every standard
// profile, the shares of all activities add up to Compute's resolution-9
// cells (activities, sessions, unknown and assumed shares), a subset run
// gives the same shares as the full one, and a Prepared re-derived with
// the same networks and zones answers the same.
func TestCoverageByActivitySumsToCompute(t *testing.T) {
	w := loadIsland(t)
	ctx := context.Background()
	for _, p := range profile.Standard() {
		full := compute(t, w.in, p.ID)
		pr, err := coverage.Prepare(w.in, p)
		if err != nil {
			t.Fatal(err)
		}
		all, err := pr.Activities(ctx, w.in.Activities)
		if err != nil {
			t.Fatal(err)
		}
		if all.Sessions != full.Sessions || all.TransitSearches != full.TransitSearches {
			t.Errorf("%s: %d sessions and %d searches by activity, %d and %d in Compute", p.ID, all.Sessions,
				all.TransitSearches, full.Sessions, full.TransitSearches)
		}
		checkSums(t, p.ID, full, all.Counts(len(w.in.Cells)))
		checkSubset(t, pr, all, w.in.Activities)
		with, err := pr.With(w.in.Networks, w.in.Zones)
		if err != nil {
			t.Fatal(err)
		}
		again, err := with.Activities(ctx, w.in.Activities)
		if err != nil {
			t.Fatal(err)
		}
		if !sameShares(all.Activities, again.Activities) {
			t.Errorf("%s: a Prepared re-derived with the same networks answers differently", p.ID)
		}
	}
}

func checkSums(t *testing.T, id string, full coverage.Result, c coverage.Counts) {
	t.Helper()
	reached := 0
	for i, r := range full.Level(9) {
		s := float64(c.Sessions[i])
		if r.Activities != int(c.Activities[i]) || r.SessionsPerWeek != s ||
			!near(r.UnknownShare*s, float64(c.Unknown[i])) || !near(r.AssumedShare*s, float64(c.Assumed[i])) {
			t.Fatalf("%s cell %s: Compute says %d activities, %v sessions (unknown %v, assumed %v); the shares sum to %d, %d (%d, %d)",
				id, geo.CellString(r.Cell), r.Activities, r.SessionsPerWeek, r.UnknownShare, r.AssumedShare,
				c.Activities[i], c.Sessions[i], c.Unknown[i], c.Assumed[i])
		}
		if r.Activities > 0 {
			reached++
		}
	}
	if reached == 0 {
		t.Errorf("%s: no cell reaches anything: the comparison proves nothing", id)
	}
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-6 }

// checkSubset runs every third activity alone and finds the shares the
// full run gave them.
func checkSubset(t *testing.T, pr *coverage.Prepared, all coverage.ByActivity, acts []reach.Activity) {
	t.Helper()
	var sub []reach.Activity
	var want []coverage.ActivityReach
	for i := 0; i < len(acts); i += 3 {
		sub = append(sub, acts[i])
		want = append(want, all.Activities[i])
	}
	got, err := pr.Activities(context.Background(), sub)
	if err != nil {
		t.Fatal(err)
	}
	if !sameShares(got.Activities, want) {
		t.Errorf("%s: activities run alone get other shares than in the full run", pr.Profile().ID)
	}
}

func sameShares(a, b []coverage.ActivityReach) bool {
	return slices.EqualFunc(a, b, func(x, y coverage.ActivityReach) bool {
		return x.ActivityID == y.ActivityID && slices.Equal(x.Cells, y.Cells) && slices.Equal(x.Sessions, y.Sessions) &&
			slices.Equal(x.Unknown, y.Unknown) && slices.Equal(x.Assumed, y.Assumed)
	})
}
