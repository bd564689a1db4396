package postgis

import (
	"context"

	"github.com/threshold-heritage/threshold/internal/gaps"
)

// GapCells returns the profile's published run and its populated
// resolution-9 cells with fewer than minActivities reachable activities,
// with the disabled residents, rurality and ward of each (from h3_cell).
func (db *DB) GapCells(ctx context.Context, profileID string, minActivities int) (CoverageRunInfo, []gaps.Cell, error) {
	run, err := db.PublishedCoverage(ctx, profileID)
	if err != nil {
		return run, nil, err
	}
	rows, err := db.Pool.Query(ctx, `
SELECT c.cell, c.activities, c.population, c.profile_population, coalesce(h.disabled, 0), coalesce(h.rural, false),
       coalesce(c.ruc21, ''), coalesce(c.imd_decile, 0), coalesce(h.ward_code, ''), coalesce(w.name, '')
FROM coverage_cell c LEFT JOIN h3_cell h ON h.cell = c.cell LEFT JOIN ward w ON w.code = h.ward_code
WHERE c.run_id = $1 AND c.res = 9 AND c.activities < $2 AND c.population > 0
ORDER BY c.cell`, run.ID, minActivities)
	if err != nil {
		return run, nil, classify(err, "list gap cells of %s", profileID)
	}
	defer rows.Close()
	var out []gaps.Cell
	for rows.Next() {
		var c gaps.Cell
		var pop, prof, disabled float32
		var imd int16
		if err := rows.Scan(&c.ID, &c.Activities, &pop, &prof, &disabled, &c.Rural, &c.RUC21, &imd, &c.Ward, &c.WardName); err != nil {
			return run, nil, classify(err, "read gap cell")
		}
		c.Population, c.ProfilePopulation, c.Disabled, c.IMDDecile = float64(pop), float64(prof), float64(disabled), int(imd)
		out = append(out, c)
	}
	return run, out, classify(rows.Err(), "list gap cells of %s", profileID)
}
