package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/heritage"
)

// SiteRecord is one source's record of a heritage site.
type SiteRecord struct {
	Key   string // stable within the source
	Name  string
	Kind  string
	Point orb.Point
	// Access as the source states it; zero values are unknown.
	StepFree, Toilet, HearingLoop, Seating   heritage.Access
	Website                                  string
	Governance, Size, Accreditation, Subject string
	Attrs                                    map[string]any
	Illustrative                             bool
}

// siteUpserter merges one source's records into sites: a record keeps the
// site it had (same source and key); otherwise it joins the nearest site
// that heritage.SameSite says is the same place; otherwise it makes a new
// site. A site keeps every source key that contributed to it.
type siteUpserter struct {
	tx     pgx.Tx
	source string
	seen   []string
}

func (u *siteUpserter) upsert(ctx context.Context, r SiteRecord) (int64, error) {
	u.seen = append(u.seen, r.Key)
	siteID, err := u.find(ctx, r)
	if err != nil {
		return 0, err
	}
	if siteID == 0 {
		if siteID, err = u.create(ctx, r); err != nil {
			return 0, err
		}
	} else if err := u.enrich(ctx, siteID, r); err != nil {
		return 0, err
	}
	attrs, err := json.Marshal(r.Attrs)
	if err != nil {
		return 0, fmt.Errorf("encode attributes of %s: %w", r.Key, err)
	}
	_, err = u.tx.Exec(ctx, `
INSERT INTO site_source (source_id, source_key, site_id, name, geom, attrs)
VALUES ($1, $2, $3, $4, ST_SetSRID(ST_MakePoint($5, $6), 4326), $7)
ON CONFLICT (source_id, source_key) DO UPDATE SET site_id = EXCLUDED.site_id, name = EXCLUDED.name,
    geom = EXCLUDED.geom, attrs = EXCLUDED.attrs`, u.source, r.Key, siteID, r.Name, r.Point[0], r.Point[1], attrs)
	return siteID, classify(err, "record site source %s", r.Key)
}

// find returns the site this record belongs to, 0 for none.
func (u *siteUpserter) find(ctx context.Context, r SiteRecord) (int64, error) {
	var id int64
	err := u.tx.QueryRow(ctx, `SELECT site_id FROM site_source WHERE source_id = $1 AND source_key = $2`, u.source, r.Key).Scan(&id)
	if err == nil {
		return id, nil
	}
	if err != pgx.ErrNoRows {
		return 0, classify(err, "find site of %s", r.Key)
	}
	rows, err := u.tx.Query(ctx, `
SELECT id, name, ST_Distance(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography) AS d
FROM site
WHERE ST_DWithin(geom::geography, ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, $3)
  AND NOT EXISTS (SELECT FROM site_source s WHERE s.site_id = site.id AND s.source_id = $4)
ORDER BY d, id`, r.Point[0], r.Point[1], float64(heritage.SameSiteNamedM), u.source)
	if err != nil {
		return 0, classify(err, "find sites near %s", r.Key)
	}
	defer rows.Close()
	for rows.Next() {
		var cand int64
		var name string
		var d float64
		if err := rows.Scan(&cand, &name, &d); err != nil {
			return 0, classify(err, "find sites near %s", r.Key)
		}
		if heritage.SameSite(name, r.Name, d) {
			return cand, nil
		}
	}
	return 0, classify(rows.Err(), "find sites near %s", r.Key)
}

func (u *siteUpserter) create(ctx context.Context, r SiteRecord) (int64, error) {
	base := slugify(r.Name)
	var id int64
	err := u.tx.QueryRow(ctx, `
INSERT INTO site (slug, name, kind, geom, step_free_entrance, accessible_toilet, hearing_loop, seating, website,
    governance, size, accreditation, subject, illustrative)
VALUES (CASE WHEN EXISTS (SELECT FROM site WHERE slug = $1) THEN $1 || '-' || substr(md5($15), 1, 6) ELSE $1 END,
    $2, $3, ST_SetSRID(ST_MakePoint($4, $5), 4326), $6, $7, $8, $9, $10, $11, $12, $13, $14, $16)
RETURNING id`, base, r.Name, kindOr(r.Kind), r.Point[0], r.Point[1], accessOr(r.StepFree), accessOr(r.Toilet),
		accessOr(r.HearingLoop), accessOr(r.Seating), nullStr(r.Website), nullStr(r.Governance), nullStr(r.Size),
		nullStr(r.Accreditation), nullStr(r.Subject), u.source+"/"+r.Key, r.Illustrative).Scan(&id)
	return id, classify(err, "create site %s", r.Key)
}

// enrich fills what an existing site does not know from a second source;
// a known access value is never overwritten by another source's silence.
func (u *siteUpserter) enrich(ctx context.Context, id int64, r SiteRecord) error {
	_, err := u.tx.Exec(ctx, `
UPDATE site SET
  step_free_entrance = CASE WHEN step_free_entrance = 'unknown' THEN $2 ELSE step_free_entrance END,
  accessible_toilet  = CASE WHEN accessible_toilet = 'unknown' THEN $3 ELSE accessible_toilet END,
  website = coalesce(website, $4), governance = coalesce(governance, $5), size = coalesce(size, $6),
  accreditation = coalesce(accreditation, $7), subject = coalesce(subject, $8),
  kind = CASE WHEN kind = 'heritage_site' THEN $9 ELSE kind END
WHERE id = $1`, id, accessOr(r.StepFree), accessOr(r.Toilet), nullStr(r.Website), nullStr(r.Governance),
		nullStr(r.Size), nullStr(r.Accreditation), nullStr(r.Subject), kindOr(r.Kind))
	return classify(err, "enrich site %d", id)
}

// finish removes this source's records that are no longer in it, and sites
// that no source holds any more.
func (u *siteUpserter) finish(ctx context.Context) (int64, error) {
	tag, err := u.tx.Exec(ctx, `DELETE FROM site_source WHERE source_id = $1 AND NOT (source_key = ANY($2))`, u.source, u.seen)
	if err != nil {
		return 0, classify(err, "drop stale site sources")
	}
	if _, err := u.tx.Exec(ctx, `DELETE FROM site WHERE NOT EXISTS (SELECT FROM site_source s WHERE s.site_id = site.id)`); err != nil {
		return 0, classify(err, "drop orphaned sites")
	}
	// A designation imported before its site finds it now.
	if _, err := AttachDesignations(ctx, u.tx, ""); err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

// accessOr is the stored form of an access value: "unknown" for silence.
func accessOr(a heritage.Access) string { return a.String() }

func kindOr(k string) string {
	if k == "" {
		return "heritage_site"
	}
	return k
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

func slugify(name string) string {
	s := strings.Trim(nonSlug.ReplaceAllString(strings.ToLower(name), "-"), "-")
	if s == "" {
		s = "site"
	}
	return s
}
