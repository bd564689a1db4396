package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/pglocal"
	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/transit"
	"github.com/threshold-heritage/threshold/internal/walk"
)

// routeFlags are the parsed arguments of `threshold route`.
type routeFlags struct {
	req      plan.Request
	noPolicy bool
	json     bool
}

// cmdRoute plans one journey over the published timetables, read as the
// API role: for checking the engine by hand and for scripts (--json).
func cmdRoute(ctx context.Context, e *env, args []string) error {
	f, err := parseRoute(e.stderr, args)
	if err != nil {
		return err
	}
	db, err := e.open(ctx, pglocal.RoleAPI)
	if err != nil {
		return err
	}
	defer db.Close()
	snaps, zones, streets, err := loadTimetables(ctx, db, !f.noPolicy)
	if err != nil {
		return err
	}
	pl := plan.New(plan.Options{Workers: 1})
	pl.ReplaceAll(snaps, zones, pedestrian.New(streets))
	ans, err := pl.Plan(ctx, f.req)
	if err != nil {
		return routeError(err)
	}
	if f.json {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(ans)
	}
	printAnswer(e.stdout, ans)
	return nil
}

func parseRoute(stderr io.Writer, args []string) (routeFlags, error) {
	fs := flag.NewFlagSet("route", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "origin: lat,lon or stop:ID or stop:FEED:ID")
	to := fs.String("to", "", "destination: lat,lon or stop:ID or stop:FEED:ID")
	depart := fs.String("depart", "", "departure, local to the timetable (2026-12-02T09:30) or RFC 3339 with an offset")
	arriveBy := fs.Bool("arrive-by", false, "treat --depart as the time to arrive by")
	prof := fs.String("profile", "walker", "standard profile id")
	noPolicy := fs.Bool("no-policy", false, "ignore the feeds' declared access policies (unknown stays unknown)")
	asJSON := fs.Bool("json", false, "print the answer as the API's JSON")
	if err := fs.Parse(args); err != nil {
		return routeFlags{}, usageError{err.Error()}
	}
	if *from == "" || *to == "" || *depart == "" || fs.NArg() > 0 {
		return routeFlags{}, usageError{"route needs --from, --to and --depart and no other arguments"}
	}
	var f routeFlags
	var err error
	if f.req.From, err = plan.ParsePlace(*from); err != nil {
		return f, usageError{"--from: " + err.Error()}
	}
	if f.req.To, err = plan.ParsePlace(*to); err != nil {
		return f, usageError{"--to: " + err.Error()}
	}
	if f.req.Depart, f.req.WallClock, err = plan.ParseDepart(*depart); err != nil {
		return f, usageError{"--depart: " + err.Error()}
	}
	p, ok := profile.ByID(*prof)
	if !ok {
		return f, usageError{fmt.Sprintf("--profile: unknown profile %q; standard profiles: %s", *prof, profileIDs())}
	}
	f.req.Profile, f.req.ArriveBy, f.noPolicy, f.json = p, *arriveBy, *noPolicy, *asJSON
	return f, nil
}

func profileIDs() string {
	var ids []string
	for _, p := range profile.Standard() {
		ids = append(ids, p.ID)
	}
	return strings.Join(ids, ", ")
}

// routeError names the flag behind a planner's field error.
func routeError(err error) error {
	var fe *plan.FieldError
	if errors.As(err, &fe) {
		flagName, _, _ := strings.Cut(fe.Field, ".")
		return fmt.Errorf("--%s: %s", flagName, fe.Reason)
	}
	var oe *plan.OutsideError
	if errors.As(err, &oe) {
		return fmt.Errorf("--%s: %s", oe.Field, oe.Reason)
	}
	return err
}

// loadTimetables builds one snapshot per timezone group of the published
// feeds, and reads the dial-a-ride zones.
func loadTimetables(ctx context.Context, db *postgis.DB, withPolicies bool) (map[string]*transit.Snapshot, []dar.Zone, *walk.Graph, error) {
	groups, err := db.FeedGroups(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	streets, err := walkGraph(ctx, db)
	if err != nil {
		return nil, nil, nil, err
	}
	out := make(map[string]*transit.Snapshot, len(groups))
	for tz, feeds := range groups {
		s, err := loadGroup(ctx, db, feeds, withPolicies, streets)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("timetable %s: %w", tz, err)
		}
		out[tz] = s
	}
	zones, err := db.DarZones(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	return out, zones, streets, nil
}

// walkGraph reads the published pedestrian graph: footpaths between stops
// are walked on it where OSM is loaded (straight-line estimates
// elsewhere).
func walkGraph(ctx context.Context, db *postgis.DB) (*walk.Graph, error) {
	wg, err := db.WalkGraph(ctx)
	if err != nil {
		return nil, err
	}
	return wg.Graph, nil
}

// loadGroup reads the feeds of one timezone and builds their snapshot,
// with footpaths walked on streets where it covers the stops.
func loadGroup(ctx context.Context, db *postgis.DB, feeds []string, withPolicies bool, streets *walk.Graph) (*transit.Snapshot, error) {
	in, err := db.TimetableInput(ctx, feeds, withPolicies)
	if err != nil {
		return nil, err
	}
	return transit.Build(in, transit.BuildOptions{Streets: streets})
}

// printAnswer writes a journey for people: one line per leg.
func printAnswer(w io.Writer, a plan.Answer) {
	if !a.Found {
		fmt.Fprintf(w, "No journey: %s.\n", a.Reason)
		return
	}
	day := a.Depart[:10]
	fmt.Fprintf(w, "%s → %s  (%s, %s; %d min, %d ride%s)\n", clock(a.Depart, ""), clock(a.Arrive, day), day, a.Timezone,
		(a.DurationS+59)/60, a.Rides, plural(a.Rides))
	for _, l := range a.Legs {
		fmt.Fprintf(w, "  %s–%s  %s\n", clock(l.Depart, day), clock(l.Arrive, day), legText(l))
	}
	if a.Access != "" {
		fmt.Fprintf(w, "Step-free access of stops and vehicles: %s\n", a.Access)
	}
	for _, e := range a.Assumed {
		fmt.Fprintf(w, "  assumed: %s %s (%s): %s\n", e.Kind, e.ID, e.Name, e.Reason)
	}
	for _, n := range a.Notes {
		fmt.Fprintf(w, "Note: %s\n", n)
	}
}

func legText(l plan.Leg) string {
	est := ""
	if l.Estimated {
		est = " (estimated)"
	}
	switch {
	case l.Type == "walk":
		return fmt.Sprintf("walk %d m, %s%s  %s → %s", *l.Metres, minutes(l.Seconds), est, stopText(l.From, "origin"), stopText(l.To, "destination"))
	case l.Mode == "dial_a_ride":
		return fmt.Sprintf("dial-a-ride %s, %d m, %s%s, fare %s; %s  %s → %s", l.Zone, *l.Metres, minutes(l.Seconds), est, fareText(l.Fare),
			l.Booking, stopText(l.From, "origin"), stopText(l.To, "destination"))
	}
	return fmt.Sprintf("%s %s (trip %s)  %s → %s", l.Mode, l.Route, l.TripID, stopText(l.From, ""), stopText(l.To, ""))
}

func fareText(f *plan.Fare) string {
	if f == nil || f.Pence == nil {
		return "unknown"
	}
	return fmt.Sprintf("£%d.%02d", *f.Pence/100, *f.Pence%100)
}

func stopText(s *plan.Stop, place string) string {
	if s == nil {
		return place
	}
	return fmt.Sprintf("%s [stop:%s:%s]", s.Name, s.FeedID, s.StopID)
}

// clock shows the time of an RFC 3339 timestamp, with its date when it is
// not day.
func clock(ts, day string) string {
	t, err := time.Parse(time.RFC3339, ts)
	if err != nil {
		return ts
	}
	if day != "" && ts[:10] != day {
		return t.Format("2006-01-02 15:04:05")
	}
	return t.Format("15:04:05")
}

func minutes(s int32) string {
	if s < 60 {
		return fmt.Sprintf("%d s", s)
	}
	return fmt.Sprintf("%d min", (s+59)/60)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
