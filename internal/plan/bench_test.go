package plan

import (
	"context"
	"testing"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// BenchmarkPlan times one point-to-point query on the hand-made network;
// its allocations are the Answer's (legs, stops, formatted times).
func BenchmarkPlan(b *testing.B) {
	p := newPlanner(b, transit.AccessPolicy{}, Options{})
	req := Request{From: PointPlace(49.999, -1), To: PointPlace(50.021, -1), Depart: at(8, 50), WallClock: true, Profile: std(b, "walker")}
	b.ReportAllocs()
	for b.Loop() {
		if a, err := p.Plan(context.Background(), req); err != nil || !a.Found {
			b.Fatal(err)
		}
	}
}
