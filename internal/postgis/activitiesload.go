package postgis

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/openreferral"
)

// OpenReferralLoader replaces the source's activities with the Open
// Referral UK document read from r. Each location is matched to a published
// site by a shared source key (a Mapping Museums id); a location no site
// holds becomes a site of this source. Venue access stated by the document
// stays with the activity: an illustrative document must not change what a
// real site is known to offer.
func OpenReferralLoader(r io.Reader, file string, illustrative bool) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		dir, issues, err := openreferral.Parse(r)
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		fc := rep.File(file)
		for _, is := range issues {
			rep.Reject(Rejection{File: file, Field: is.Field, Reason: fmt.Sprintf("service %s: %s", is.ServiceID, is.Message)})
		}
		if _, err := tx.Exec(ctx, `DELETE FROM activity WHERE source_id = $1`, rep.SourceID); err != nil {
			return classify(err, "clear activities")
		}
		illustrative = illustrative || dir.Illustrative
		sites, err := resolveSites(ctx, tx, rep.SourceID, dir.Sites, illustrative)
		if err != nil {
			return err
		}
		for _, a := range dir.Activities {
			fc.Read++
			loc, ok := sites[a.SiteID]
			if !ok {
				rep.Reject(Rejection{File: file, Field: "location", Reason: fmt.Sprintf("activity %s: unknown location %s", a.ID, a.SiteID)})
				continue
			}
			a.Illustrative = a.Illustrative || illustrative
			if err := insertActivity(ctx, tx, rep.SourceID, a, loc); err != nil {
				return err
			}
			fc.Loaded++
		}
		return nil
	}
}

// resolvedSite is a document location tied to a published site.
type resolvedSite struct {
	siteID int64
	site   heritage.Site
}

func resolveSites(ctx context.Context, tx pgx.Tx, source string, locs []heritage.Site, illustrative bool) (map[string]resolvedSite, error) {
	u := &siteUpserter{tx: tx, source: source}
	out := make(map[string]resolvedSite, len(locs))
	for _, s := range locs {
		id, err := siteBySourceKey(ctx, tx, s.SourceKeys)
		if err != nil {
			return nil, err
		}
		if id == 0 {
			if id, err = u.upsert(ctx, SiteRecord{Key: s.ID, Name: s.Name, Kind: string(s.Kind), Point: s.Point,
				Illustrative: illustrative || s.Illustrative}); err != nil {
				return nil, err
			}
		}
		out[s.ID] = resolvedSite{siteID: id, site: s}
	}
	_, err := u.finish(ctx)
	return out, err
}

// siteBySourceKey finds the published site holding any of keys.
func siteBySourceKey(ctx context.Context, tx pgx.Tx, keys []heritage.SourceKey) (int64, error) {
	for _, k := range keys {
		var id int64
		err := tx.QueryRow(ctx, `SELECT site_id FROM site_source WHERE source_key = $1 ORDER BY source_id LIMIT 1`, k.Key).Scan(&id)
		if err == nil {
			return id, nil
		}
		if err != pgx.ErrNoRows {
			return 0, classify(err, "find site for %s", k.Key)
		}
	}
	return 0, nil
}

func insertActivity(ctx context.Context, tx pgx.Tx, source string, a heritage.Activity, loc resolvedSite) error {
	contact, err := json.Marshal(a.Contact)
	if err != nil {
		return fmt.Errorf("encode contact of %s: %w", a.ID, err)
	}
	raw, err := json.Marshal(a)
	if err != nil {
		return fmt.Errorf("encode activity %s: %w", a.ID, err)
	}
	welcome := make([]string, len(a.Welcome))
	for i, w := range a.Welcome {
		welcome[i] = string(w)
	}
	langs := a.Languages
	if langs == nil {
		langs = []string{}
	}
	_, err = tx.Exec(ctx, `
INSERT INTO activity (id, source_id, site_id, name, kind, description, organisation, languages, welcome, eligibility,
    contact, how_to_refer, capacity, step_free_venue, accessible_toilet, location_name, geom, illustrative, raw)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16,
    ST_SetSRID(ST_MakePoint($17, $18), 4326), $19, $20)`,
		a.ID, source, loc.siteID, a.Name, kindOr(string(a.Kind)), nullStr(a.Description), nullStr(a.Provider), langs, welcome,
		nullStr(a.Eligibility.Description), contact, nullStr(a.ReferralRoute), a.Capacity,
		accessOr(loc.site.Access.StepFreeEntrance), accessOr(loc.site.Access.AccessibleToilet), loc.site.Name,
		loc.site.Point[0], loc.site.Point[1], a.Illustrative, raw)
	if err != nil {
		return classify(err, "insert activity %s", a.ID)
	}
	if err := insertSchedules(ctx, tx, a); err != nil {
		return err
	}
	return insertCosts(ctx, tx, a)
}

func insertSchedules(ctx context.Context, tx pgx.Tx, a heritage.Activity) error {
	for i, s := range a.Schedules {
		r := s.RRule
		byday := make([]string, len(r.ByDay))
		for j, d := range r.ByDay {
			byday[j] = d.String()
		}
		bymd := r.ByMonthDay
		if bymd == nil {
			bymd = []int{}
		}
		interval := max(r.Interval, 1)
		var count any
		if r.Count > 0 {
			count = r.Count
		}
		_, err := tx.Exec(ctx, `
INSERT INTO activity_schedule (activity_id, seq, freq, interval_n, byday, bymonthday, dtstart, count_n, valid_from, valid_to,
    opens_at, closes_at, rrule, description)
VALUES ($1, $2, $3, $4, $5, $6, $7::text::date, $8, $9::text::date, $10::text::date, $11::text::time, $12::text::time, $13, $14)`,
			a.ID, i, r.Freq.String(), interval, byday, bymd, dateText(s.DTStart), count, dateText(s.ValidFrom), dateText(s.ValidTo),
			s.OpensAt.String(), s.ClosesAt.String(), r.String(), nullStr(s.Description))
		if err != nil {
			return classify(err, "insert schedule %d of %s", i, a.ID)
		}
	}
	return nil
}

func dateText(d heritage.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// insertCosts keeps a missing amount as NULL: unknown, never free.
func insertCosts(ctx context.Context, tx pgx.Tx, a heritage.Activity) error {
	for i, c := range a.Costs {
		conf := c.Confidence.String()
		_, err := tx.Exec(ctx, `
INSERT INTO cost_option (activity_id, seq, label, amount_pence, concession_pence, free_on_referral, confidence)
VALUES ($1, $2, $3, $4, $5, $6, $7)`, a.ID, i, nullStr(c.Label), c.Amount, c.Concession, c.FreeOnReferral, conf)
		if err != nil {
			return classify(err, "insert cost %d of %s", i, a.ID)
		}
	}
	return nil
}
