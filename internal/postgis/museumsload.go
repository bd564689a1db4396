package postgis

import (
	"context"
	"fmt"
	"io"

	"github.com/jackc/pgx/v5"

	"github.com/threshold-heritage/threshold/internal/museums"
)

// MuseumsLoader merges the Mapping Museums rows read from r into sites.
// Closed museums are listed in the report, never made sites. When
// adminArea is set, only rows of that area are taken.
func MuseumsLoader(r io.Reader, file, adminArea string) Loader {
	return func(ctx context.Context, tx pgx.Tx, rep *Report) error {
		all, mr, err := museums.ReadAll(r, file)
		if err != nil {
			return err
		}
		fc := rep.File(file)
		fc.Read = int64(mr.Read)
		for _, is := range mr.Issues {
			rep.Reject(Rejection{File: is.File, Line: is.Line, Field: is.Field, Reason: is.Reason})
		}
		if adminArea != "" {
			all = museums.InAdminArea(all, adminArea)
		}
		open, closed := museums.SplitOpen(all)
		var closedNames []string
		for _, m := range closed {
			closedNames = append(closedNames, fmt.Sprintf("%s (%s, closed %d)", m.Name, m.ID, m.Closed.From))
		}
		rep.Fact("closed_museums", closedNames)
		rep.Fact("open_museums", len(open))
		u := &siteUpserter{tx: tx, source: rep.SourceID}
		for _, m := range open {
			if !m.HasPoint {
				rep.Reject(Rejection{File: file, Field: "Latitude", Reason: fmt.Sprintf("%s (%s) has no coordinates", m.Name, m.ID)})
				continue
			}
			if _, err := u.upsert(ctx, museumRecord(m)); err != nil {
				return err
			}
			fc.Loaded++
		}
		_, err = u.finish(ctx)
		return err
	}
}

func museumRecord(m museums.Museum) SiteRecord {
	return SiteRecord{
		Key: m.ID, Name: m.Name, Kind: "museum", Point: m.Point,
		Governance: m.Governance, Size: m.Size, Accreditation: m.Accreditation, Subject: m.Subject,
		Attrs: map[string]any{"town": m.Town, "postcode": m.Postcode, "opened": m.Opened, "admin_area": m.AdminArea},
	}
}
