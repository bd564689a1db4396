package postgis

import "context"

// Region is a loaded region: its manifest and the limits every answer that
// uses its data must state.
type Region struct {
	ID          string
	Name        string
	Timezone    string
	KnownLimits []string
	Manifest    []byte
}

// SaveRegion records (or refreshes) a loaded region.
func (db *DB) SaveRegion(ctx context.Context, r Region) error {
	limits := r.KnownLimits
	if limits == nil {
		limits = []string{}
	}
	_, err := db.Pool.Exec(ctx, `
INSERT INTO region (id, name, timezone, manifest, known_limits, loaded_at) VALUES ($1, $2, $3, $4, $5, now())
ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, timezone = EXCLUDED.timezone, manifest = EXCLUDED.manifest,
    known_limits = EXCLUDED.known_limits, loaded_at = now()`, r.ID, r.Name, r.Timezone, string(r.Manifest), limits)
	return classify(err, "save region %s", r.ID)
}
