package postgis_test

import (
	"context"
	"testing"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/postgis/pgtest"
)

// The in-memory area index agrees with the database's AreaAt on a grid of
// points over both bundled regions and the sea around them: every point
// inside an LSOA gets the same area with everything known of it, and the
// index claims no point the database puts offshore or outside.
func TestAreaIndexAgreesWithAreaAt(t *testing.T) {
	d := pgtest.New(t)
	db := open(t, d.ImporterURL)
	importRegionAreas(t, db, "iow-areas", "isle-of-wight", iowAreas)
	importRegionAreas(t, db, "rutland-areas", "rutland", rutlandAreas)
	ctx := context.Background()
	ix, err := db.LoadAreaIndex(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if ix.Len() == 0 {
		t.Fatal("no areas in the index")
	}
	inside, offshore := 0, 0
	for _, box := range []orb.Bound{
		{Min: orb.Point{-1.62, 50.55}, Max: orb.Point{-1.04, 50.79}}, // the Isle of Wight and the Solent
		{Min: orb.Point{-0.85, 52.50}, Max: orb.Point{-0.40, 52.77}}, // Rutland and its neighbours
	} {
		const n = 45
		for i := range n {
			for j := range n {
				p := orb.Point{box.Min[0] + (box.Max[0]-box.Min[0])*(float64(i)+0.5)/n, box.Min[1] + (box.Max[1]-box.Min[1])*(float64(j)+0.5)/n}
				want, found, err := db.AreaAt(ctx, p)
				if err != nil {
					t.Fatal(err)
				}
				got, ok := ix.Containing(p)
				switch {
				case ok && (!found || want.DistanceM != 0):
					t.Errorf("%v: the index says %s, the database says it is in none", p, got.LSOA)
				case !ok && found && want.DistanceM == 0:
					t.Errorf("%v: the index finds no area, the database says %s", p, want.LSOA)
				case ok && got != want:
					t.Errorf("%v: the index says %+v, the database %+v", p, got, want)
				case ok:
					inside++
				case found:
					offshore++
				}
			}
		}
	}
	if inside < 500 || offshore == 0 {
		t.Errorf("the grid tested too little: %d points inside an area, %d offshore within reach", inside, offshore)
	}
	t.Logf("%d areas; %d points inside one, %d offshore but near", ix.Len(), inside, offshore)

}
