package scenario

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/geo"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/profile"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// TestScenariosIsleOfWight runs what-ifs of every kind on the island.
func TestScenariosIsleOfWight(t *testing.T) {
	w := island(t)
	e := NewEngine(w, Options{})
	defer e.Close()
	// The island's evening sessions are all at venues no bus in the feed
	// serves: wl adds one that ends after the last bus at a served venue.
	busPass, _ := profile.ByID("bus-pass")
	late, busy := lateAt(t, e, w, busPass)
	wl := w
	wl.Input.Activities = append(slices.Clone(w.Input.Activities), late)
	el := NewEngine(wl, Options{})
	defer el.Close()
	t.Run("recomputing the touched part equals recomputing everything", func(t *testing.T) { checkIncremental(t, el, wl) })
	t.Run("step-free stops and trips never lower a cell", func(t *testing.T) { checkStepFree(t, w) })
	t.Run("an added session raises exactly the cells that reach it", func(t *testing.T) { checkAddedSession(t, e, w) })
	t.Run("moving a session before the last bus raises bus-pass coverage", func(t *testing.T) { checkMoveBeforeLastBus(t, el, wl, late, busy) })
	t.Run("references to data that is not there", func(t *testing.T) { checkRefErrors(t, e) })
	t.Run("suggestions", func(t *testing.T) { checkSuggestions(t, w) })
	t.Run("the world is not modified", func(t *testing.T) { checkWorldUnchanged(t, e, w) })
}

// changeSets are what-ifs of every kind, with ids found in the data by
// rules that make each one matter to some profile.
func changeSets(t *testing.T, e *Engine, w World) map[string]string {
	t.Helper()
	s := w.Input.Networks[0].Snapshot
	a0, a1 := w.Input.Activities[0], w.Input.Activities[len(w.Input.Activities)/2]
	paid := paidActivity(t, e, w)
	cand := candidate(t, w)
	late := latestTrip(s)
	route := s.Route(s.TripRouteIndex(late)).ID
	chairRoute := servingRoute(t, e, w)
	ret := lateReturn(t, w)
	v := a1.Venue
	box := fmt.Sprintf(`{"type":"Polygon","coordinates":[[[%f,%f],[%f,%f],[%f,%f],[%f,%f],[%f,%f]]]}`,
		v[0]-0.03, v[1]-0.02, v[0]+0.03, v[1]-0.02, v[0]+0.03, v[1]+0.02, v[0]-0.03, v[1]+0.02, v[0]-0.03, v[1]-0.02)
	return map[string]string{
		"add session at a site": `[{"type":"add_session","site_id":"` + cand.ID + `","days":["wed"],"start":"10:30","end":"12:00","price_pence":0}]`,
		"add session at a new site": fmt.Sprintf(`[{"type":"add_session","site":{"name":"Village hall","lat":%f,"lon":%f,"step_free_entrance":"yes","accessible_toilet":"yes"},"days":["tue","thu"],"start":"13:00","end":"15:00","free_on_referral":true}]`,
			v[1]+0.01, v[0]),
		"add a schedule to an activity": `[{"type":"add_session","activity_id":"` + a0.ID + `","days":["sat"],"start":"11:00","end":"12:00"}]`,
		"move a session":                `[{"type":"move_session","activity_id":"` + a1.ID + `","start":"09:00","days":["mon"]}]`,
		"make free":                     `[{"type":"make_free","activity_id":"` + paid.ID + `"}]`,
		"remove an activity":            `[{"type":"remove_activity","activity_id":"` + a0.ID + `"}]`,
		"step-free stop":                `[{"type":"step_free_stop","feed_id":"iow-bus","stop_id":"` + s.Stop(s.TripStops(late)[0]).ID + `"}]`,
		"step-free route":               `[{"type":"step_free_route","feed_id":"iow-bus","route_id":"` + chairRoute + `"}]`,
		"step-free network":             `[{"type":"step_free_network"}]`,
		"later return trip":             `[` + ret + `]`,
		"dial-a-ride zone":              `[{"type":"add_dar_zone","name":"Test zone","polygon":` + box + `,"days":["mon","tue","wed","thu","fri"],"start":"08:00","end":"18:00","fare_pence":200,"step_free":"yes"}]`,
		"mixed": `[{"type":"remove_activity","activity_id":"` + a0.ID + `"},{"type":"make_free","activity_id":"` + paid.ID +
			`"},{"type":"add_trip","feed_id":"iow-bus","route_id":"` + route + `","depart":"19:00","days":["fri","sat"]},` +
			`{"type":"add_dar_zone","polygon":` + box + `,"days":["sat"],"start":"09:00","end":"13:00"}]`,
	}
}

// servingRoute is the first route whose stops and trips, made step-free,
// change what wheelchair users reach or on what assumptions (under the
// island's policy its trips are step-free only by assumption): the case
// is chosen by what it does, and then checked against a full run.
func servingRoute(t *testing.T, e *Engine, w World) string {
	t.Helper()
	p, _ := profile.ByID("wheelchair")
	s := w.Input.Networks[0].Snapshot
	for r := range int32(s.NumRoutes()) {
		id := s.Route(r).ID
		req := parse(t, `{"changes":[{"type":"step_free_route","feed_id":"iow-bus","route_id":"`+id+`"}]}`)
		a, err := apply(&w, req.Changes)
		if err != nil {
			t.Fatal(err)
		}
		b, after, _, err := e.after(context.Background(), a, p)
		if err != nil {
			t.Fatal(err)
		}
		if firstDiff(b.counts.Assumed, after.Assumed) >= 0 || firstDiff(b.counts.Sessions, after.Sessions) >= 0 {
			return id
		}
	}
	t.Fatal("no route made step-free changes anything for wheelchair users")
	return ""
}

// paidActivity is the activity a referred person pays for (or whose
// price is unknown) that the walker reaches from the most cells.
func paidActivity(t *testing.T, e *Engine, w World) reach.Activity {
	t.Helper()
	p, _ := profile.ByID("walker")
	b, err := e.baseline(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	best, n := -1, 0
	for i, a := range w.Input.Activities {
		pr := heritage.PriceFor(a.Costs, heritage.Payer{Referred: true})
		if (pr.Pence > 0 || !pr.Known()) && len(b.shares[i].Cells) > n {
			best, n = i, len(b.shares[i].Cells)
		}
	}
	if best < 0 {
		t.Fatal("no walker reaches an activity that costs anything")
	}
	return w.Input.Activities[best]
}

// lateReturn is an add_trip change running, 15 minutes after the latest
// session a walker can attend ends, the last trip of a route calling
// near that session's venue, on the session's weekday.
func lateReturn(t *testing.T, w World) string {
	t.Helper()
	s := w.Input.Networks[0].Snapshot
	p, _ := profile.ByID("walker")
	var best heritage.Session
	var stops []transit.StopAccess
	for _, a := range w.Input.Activities {
		near := s.StopsNear(a.Venue, p.MaxWalkM, p.WalkSpeedMPS, nil)
		for _, ss := range a.Sessions(w.Input.Week, w.Input.Week.AddDate(0, 0, 7), w.Input.Location) {
			if len(near) > 0 && p.AvailableAt(ss.End.Add(-time.Minute)) && ss.End.Hour() < 21 &&
				clockOf(ss.End) > clockOf(best.End) {
				best, stops = ss, near
			}
		}
	}
	for r := range int32(s.NumRoutes()) {
		tr, ok := lastCalling(s, r, stops)
		if !ok {
			continue
		}
		dep := clockOf(best.End) + 15*60
		return fmt.Sprintf(`{"type":"add_trip","feed_id":"%s","route_id":"%s","trip_id":"%s","depart":"%02d:%02d","days":["%s"]}`,
			s.Trip(tr).FeedID, s.Route(r).ID, s.Trip(tr).ID, dep/3600, dep%3600/60, profile.DayOf(best.Start.Weekday()))
	}
	t.Fatal("no route calls near the venue of the latest session")
	return ""
}

func clockOf(t time.Time) int { return t.Hour()*3600 + t.Minute()*60 }

// lastCalling is route r's trip with the latest first departure that
// calls at one of stops.
func lastCalling(s *transit.Snapshot, r int32, stops []transit.StopAccess) (int32, bool) {
	best, dep := int32(-1), int32(-1)
	for _, tr := range s.RouteTrips(r) {
		calls := s.TripStops(tr)
		if !slices.ContainsFunc(stops, func(a transit.StopAccess) bool { return slices.Contains(calls, a.Stop) }) {
			continue
		}
		if d, _, _ := s.TripSpan(tr); d > dep {
			best, dep = tr, d
		}
	}
	return best, best >= 0
}

// candidate is a site with no activity.
func candidate(t *testing.T, w World) Site {
	t.Helper()
	i := slices.IndexFunc(w.Sites, func(s Site) bool { return !s.HasActivity })
	if i < 0 {
		t.Fatal("every site has an activity")
	}
	return w.Sites[i]
}

// latestTrip is the trip with the latest first departure.
func latestTrip(s *transit.Snapshot) int32 {
	best, dep := int32(0), int32(-1)
	for tr := range int32(s.NumTrips()) {
		if d, _, ok := s.TripSpan(tr); ok && d > dep {
			best, dep = tr, d
		}
	}
	return best
}

// checkIncremental compares, for every change set and profile, the
// scenario's coverage from the baseline plus the touched activities with
// a full run over the changed activities, timetables and zones.
func checkIncremental(t *testing.T, e *Engine, w World) {
	ctx := context.Background()
	for name, changes := range changeSets(t, e, w) {
		req := parse(t, `{"changes":`+changes+`}`)
		a, err := apply(&w, req.Changes)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		moved := false
		for _, p := range profile.Standard() {
			b, after, n, err := e.after(ctx, a, p)
			if err != nil {
				t.Fatal(err)
			}
			in := w.Input
			in.Activities, in.Networks, in.Zones = a.acts, a.nets, a.zones
			pr, err := coverage.Prepare(in, p)
			if err != nil {
				t.Fatal(err)
			}
			full, err := pr.Activities(ctx, a.acts)
			if err != nil {
				t.Fatal(err)
			}
			want := full.Counts(len(in.Cells))
			for _, f := range []struct {
				what      string
				got, want []int32
			}{{"activities", after.Activities, want.Activities}, {"sessions", after.Sessions, want.Sessions},
				{"unknown", after.Unknown, want.Unknown}, {"assumed", after.Assumed, want.Assumed}} {
				if i := firstDiff(f.got, f.want); i >= 0 {
					t.Fatalf("%s, %s: cell %s has %d %s incrementally, %d recomputed in full (%d of %d activities recomputed)",
						name, p.ID, geo.CellString(in.Cells[i].ID), f.got[i], f.what, f.want[i], n, len(a.acts))
				}
			}
			moved = moved || firstDiff(b.counts.Sessions, after.Sessions) >= 0 || firstDiff(b.counts.Assumed, after.Assumed) >= 0 ||
				firstDiff(b.counts.Unknown, after.Unknown) >= 0 || firstDiff(b.counts.Activities, after.Activities) >= 0
			t.Logf("%-30s %-18s recomputed %2d of %d activities", name, p.ID, n, len(a.acts))
		}
		// One stop made step-free opens nothing while the trips calling
		// there stay unknown (or assumed): that case only checks equality.
		if !moved && name != "step-free stop" {
			t.Errorf("%s changes no profile's coverage: not a useful case", name)
		}
	}
}

func firstDiff(a, b []int32) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

// checkStepFree: making every stop and trip step-free lowers no cell for
// any profile, on the island's timetable with its policy and on the same
// timetable without it — where it opens journeys to wheelchair users.
func checkStepFree(t *testing.T, w World) {
	ctx := context.Background()
	strict := w
	strict.Input.Networks = []coverage.Network{{Snapshot: w.Input.Networks[0].Strict, Strict: w.Input.Networks[0].Strict}}
	for _, v := range []struct {
		name string
		w    World
	}{{"with the access policy", w}, {"without it", strict}} {
		e := NewEngine(v.w, Options{})
		ans, err := e.Run(ctx, parse(t, `{"max_cells":5000,"changes":[{"type":"step_free_network","feed_id":"iow-bus"}]}`))
		e.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, pa := range ans.Profiles {
			neverLower(t, v.name+", "+pa.Profile, pa)
			if pa.Profile == "wheelchair" && v.name == "without it" && pa.PeopleGained == 0 {
				t.Errorf("%s: step-free buses everywhere give no wheelchair user access", v.name)
			}
			if !slices.Contains([]string{"wheelchair"}, pa.Profile) && pa.ChangedCellsTotal > 0 {
				t.Errorf("%s: step-free data changed %d cells for %s, who needs no step-free access", v.name, pa.ChangedCellsTotal, pa.Profile)
			}
			t.Logf("%s, %s: %.0f people gain access, %d cells change", v.name, pa.Profile, pa.PeopleGained, pa.ChangedCellsTotal)
		}
	}
}

// neverLower fails when any listed cell lost an activity or a session.
func neverLower(t *testing.T, what string, pa ProfileAnswer) {
	t.Helper()
	if pa.PeopleLost != 0 || pa.CellsLost != 0 || pa.Truncated {
		t.Fatalf("%s: %.0f people in %d cells lose access (truncated %v)", what, pa.PeopleLost, pa.CellsLost, pa.Truncated)
	}
	for _, c := range pa.ChangedCells {
		if c.ActivitiesAfter < c.ActivitiesBefore || c.SessionsAfter < c.SessionsBefore {
			t.Fatalf("%s: cell %s goes from %d activities (%d sessions) to %d (%d)", what, c.HexID,
				c.ActivitiesBefore, c.SessionsBefore, c.ActivitiesAfter, c.SessionsAfter)
		}
	}
}

// checkAddedSession: a weekly session at a site with none raises each
// cell that reaches it (by a full coverage run with KeepSessions) by one
// activity and one session, and changes no other cell.
func checkAddedSession(t *testing.T, e *Engine, w World) {
	ctx := context.Background()
	cand := candidate(t, w)
	body := `{"max_cells":5000,"changes":[{"type":"add_session","site_id":"` + cand.ID + `","days":["wed"],"start":"10:30","end":"12:00","price_pence":0}]}`
	ans, err := e.Run(ctx, parse(t, body))
	if err != nil {
		t.Fatal(err)
	}
	for _, pa := range ans.Profiles {
		reached := reachedBy(t, w, pa.Profile, hypotheticalAt(cand, "scenario-0"))
		if len(reached) == len(w.Input.Cells) {
			t.Fatalf("%s: every cell reaches the new session: not a useful test", pa.Profile)
		}
		neverLower(t, pa.Profile, pa)
		if pa.ChangedCellsTotal != len(reached) {
			t.Errorf("%s: %d cells change, %d reach the new session", pa.Profile, pa.ChangedCellsTotal, len(reached))
		}
		for _, c := range pa.ChangedCells {
			if !reached[c.HexID] || c.ActivitiesAfter != c.ActivitiesBefore+1 || c.SessionsAfter != c.SessionsBefore+1 {
				t.Errorf("%s cell %s: %d → %d activities, %d → %d sessions; reaches the new session: %v", pa.Profile, c.HexID,
					c.ActivitiesBefore, c.ActivitiesAfter, c.SessionsBefore, c.SessionsAfter, reached[c.HexID])
			}
		}
		t.Logf("%s: a session at %s reaches %d cells; %.0f people gain access", pa.Profile, cand.Name, len(reached), pa.PeopleGained)
	}
}

// hypotheticalAt is what add_session makes at site s.
func hypotheticalAt(s Site, id string) reach.Activity {
	a := hypothetical(&s)
	a.ID, a.Schedules[0].ID = id, id
	return a
}

// reachedBy runs coverage.Compute over the world plus act and lists the
// cells that reach its sessions.
func reachedBy(t *testing.T, w World, id string, act reach.Activity) map[string]bool {
	t.Helper()
	p, _ := profile.ByID(id)
	in := w.Input
	in.Activities, in.KeepSessions = append(slices.Clone(in.Activities), act), true
	r, err := coverage.Compute(context.Background(), in, p)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	for _, s := range r.Reached {
		if s.ActivityID == act.ID {
			for _, ci := range s.Cells {
				out[geo.CellString(in.Cells[ci].ID)] = true
			}
		}
	}
	return out
}

// checkMoveBeforeLastBus moves sessions that end after the island's last
// bus arrives anywhere (so no bus takes anyone home) and that a bus-pass
// holder is available for, to a 10:30 start: no cell loses anything, and
// bus-pass coverage rises. The island's only such activity is at a venue
// no bus in the feed serves, so the rise is shown on late, a session
// added to the world at the venue bus-pass holders reach from the most
// (busy) cells, Wednesdays 16:30–18:00.
func checkMoveBeforeLastBus(t *testing.T, e *Engine, w World, late reach.Activity, busy int) {
	ctx := context.Background()
	last := lastArrival(w.Input.Networks[0].Snapshot)
	if last >= 18*3600 {
		t.Fatalf("the last bus arrives at %s, after the bus-pass hours", heritage.Clock(last))
	}
	p, _ := profile.ByID("bus-pass")
	seen := false
	for _, a := range w.Input.Activities {
		if !afterLastBus(a, w.Input, p, last) {
			continue
		}
		ans, err := e.Run(ctx, parse(t, `{"profiles":["bus-pass"],"max_cells":5000,"changes":[{"type":"move_session","activity_id":"`+a.ID+`","start":"10:30"}]}`))
		if err != nil {
			t.Fatal(err)
		}
		pa := ans.Profiles[0]
		neverLower(t, a.Name, pa)
		t.Logf("moving %q at %s to 10:30: %d cells gain sessions, %.0f people (%.0f aged 65+) gain access", a.Name, a.SiteName,
			pa.ChangedCellsTotal, pa.PeopleGained, pa.ProfilePopulationGained)
		if a.ID == late.ID {
			seen = true
			if pa.ChangedCellsTotal <= busy/2 {
				t.Errorf("moving the late session at %s (its venue reached from %d cells at other times) to the morning raises %d cells",
					late.SiteName, busy, pa.ChangedCellsTotal)
			}
		}
	}
	if !seen {
		t.Error("the late session does not count as after the last bus")
	}
}

// lateAt is a new activity, free, Wednesdays 16:30–18:00, at the venue
// of the activity p reaches from the most cells, and that count.
func lateAt(t *testing.T, e *Engine, w World, p profile.Profile) (reach.Activity, int) {
	t.Helper()
	b, err := e.baseline(context.Background(), p)
	if err != nil {
		t.Fatal(err)
	}
	best := 0
	for i := range b.shares {
		if len(b.shares[i].Cells) > len(b.shares[best].Cells) {
			best = i
		}
	}
	a := w.Input.Activities[best]
	a.ID, a.Name = "after-the-last-bus", "Late afternoon session"
	a.Schedules = []heritage.Schedule{weekly("late", []time.Weekday{time.Wednesday}, heritage.NewClock(16, 30, 0), heritage.NewClock(18, 0, 0))}
	a.Costs = []heritage.CostOption{{Amount: heritage.Pence(0), Confidence: heritage.ConfidenceKnown}}
	return a, len(b.shares[best].Cells)
}

// lastArrival is the latest arrival of any trip of s.
func lastArrival(s *transit.Snapshot) int32 {
	var last int32
	for tr := range int32(s.NumTrips()) {
		if _, l, ok := s.TripSpan(tr); ok {
			last = max(last, l)
		}
	}
	return last
}

// afterLastBus: a's weekly schedules all end after last, and p is
// available for a's sessions as they are.
func afterLastBus(a reach.Activity, in coverage.Input, p profile.Profile, last int32) bool {
	if len(a.Schedules) == 0 {
		return false
	}
	for _, s := range a.Schedules {
		if s.RRule.Freq != heritage.FreqWeekly || int32(s.ClosesAt) <= last || s.OpensAt < heritage.NewClock(10, 30, 0) {
			return false
		}
	}
	ss := a.Sessions(in.Week, in.Week.AddDate(0, 0, 7), in.Location)
	return len(ss) > 0 && !slices.ContainsFunc(ss, func(s heritage.Session) bool {
		return !p.AvailableAt(s.Start) || !p.AvailableAt(s.End.Add(-time.Minute))
	})
}

// checkRefErrors: names that are not in the data are RefErrors naming
// the change and field.
func checkRefErrors(t *testing.T, e *Engine) {
	for body, field := range map[string]string{
		`[{"type":"make_free","activity_id":"no-such"}]`:                                                       "changes[0].activity_id",
		`[{"type":"make_free","activity_id":"no-such"},{"type":"remove_activity","activity_id":"x"}]`:          "changes[0].activity_id",
		`[{"type":"step_free_stop","feed_id":"iow-bus","stop_id":"nope"}]`:                                     "changes[0].stop_id",
		`[{"type":"step_free_network","feed_id":"nope"}]`:                                                      "changes[0].feed_id",
		`[{"type":"add_trip","feed_id":"iow-bus","route_id":"nope","depart":"18:00"}]`:                         "changes[0].route_id",
		`[{"type":"add_session","site_id":"999999","days":["mon"],"start":"10:00","end":"11:00"}]`:             "changes[0].site_id",
		`[{"type":"step_free_trip","feed_id":"iow-bus","trip_id":"x"},{"type":"make_free","activity_id":"y"}]`: "changes[0].trip_id",
	} {
		_, err := e.Run(context.Background(), parse(t, `{"changes":`+body+`}`))
		re, ok := err.(*RefError)
		if !ok || re.Field != field {
			t.Errorf("%s: %v, want a reference error on %s", body, err, field)
		}
	}
}

// checkSuggestions: on the island as loaded (one museum without an
// activity) and with eight museums' activities taken away, the
// suggestions are real museums without activity, in greedy order, and
// each adds what the same session added as a scenario would.
func checkSuggestions(t *testing.T, w World) {
	ctx := context.Background()
	var ids []string
	for _, s := range w.Sites {
		if s.HasActivity && len(ids) < 8 {
			ids = append(ids, s.ID)
		}
	}
	for _, v := range []struct {
		name string
		w    World
	}{{"as loaded", w}, {"without eight museums' activities", withoutActivitiesAt(w, ids)}} {
		e := NewEngine(v.w, Options{})
		for _, id := range []string{"bus-pass", "walker", "rural-dial-a-ride"} {
			p, _ := profile.ByID(id)
			s, err := e.Suggest(ctx, SuggestQuery{Profile: p, K: 5})
			if err != nil {
				t.Fatal(err)
			}
			checkSuggested(t, e, v.w, s)
			t.Logf("%s, %s: %d candidates, %.0f people without any activity; suggested %s", v.name, id, s.Candidates,
				s.PeopleWithout, describe(s.Suggestions))
		}
		e.Close()
	}
}

func checkSuggested(t *testing.T, e *Engine, w World, s Suggestions) {
	t.Helper()
	if len(s.Suggestions) == 0 || len(s.Suggestions) > min(s.K, s.Candidates) {
		t.Fatalf("%s: %d suggestions of %d candidates", s.Profile, len(s.Suggestions), s.Candidates)
	}
	var changes []string
	var cum float64
	for i, g := range s.Suggestions {
		site := w.Sites[slices.IndexFunc(w.Sites, func(x Site) bool { return x.ID == g.SiteID })]
		real := slices.ContainsFunc(g.Sources, func(k heritage.SourceKey) bool { return strings.HasPrefix(k.Source, "mapping-museums") })
		if site.HasActivity || g.Illustrative || !real || g.Name != site.Name {
			t.Errorf("%s: suggestion %q is not a real site without activity (sources %v)", s.Profile, g.Name, g.Sources)
		}
		if i > 0 && g.PeopleAdded > s.Suggestions[i-1].PeopleAdded {
			t.Errorf("%s: suggestion %d adds more people than the one before: not greedy", s.Profile, i)
		}
		cum += g.PeopleAdded
		changes = append(changes, `{"type":"add_session","site_id":"`+g.SiteID+`","days":["wed"],"start":"10:30","end":"12:00","price_pence":0}`)
		ans, err := e.Run(context.Background(), parse(t, `{"profiles":["`+s.Profile+`"],"changes":[`+strings.Join(changes, ",")+`]}`))
		if err != nil {
			t.Fatal(err)
		}
		if got := ans.Profiles[0].PeopleGained; !near(got, g.CumulativePeople) || !near(cum, g.CumulativePeople) {
			t.Errorf("%s: the first %d suggestions add %.1f people as a scenario, %.1f as suggested (sum %.1f)", s.Profile, i+1,
				got, g.CumulativePeople, cum)
		}
	}
}

func near(a, b float64) bool { return a-b < 0.5 && b-a < 0.5 }

func describe(ss []Suggestion) string {
	var out []string
	for _, s := range ss {
		out = append(out, fmt.Sprintf("%s (+%.0f)", s.Name, s.PeopleAdded))
	}
	return strings.Join(out, ", ")
}

// checkWorldUnchanged: after every kind of change, the world's activities,
// timetables and zones answer as before.
func checkWorldUnchanged(t *testing.T, e *Engine, w World) {
	ctx := context.Background()
	before := fingerprint(w)
	for _, changes := range changeSets(t, e, w) {
		if _, err := e.Run(ctx, parse(t, `{"changes":`+changes+`}`)); err != nil {
			t.Fatal(err)
		}
	}
	if after := fingerprint(w); after != before {
		t.Errorf("running scenarios changed the world:\n%s\n%s", before, after)
	}
	if s := e.world.Input.Networks[0].Snapshot; s.NumTrips() != w.Input.Networks[0].Snapshot.NumTrips() {
		t.Error("the engine's snapshot gained trips")
	}
}

// fingerprint summarises what scenarios could be tempted to change.
func fingerprint(w World) string {
	var b strings.Builder
	for _, a := range w.Input.Activities {
		fmt.Fprintf(&b, "%s %v %v|", a.ID, a.Schedules, a.Costs)
	}
	for _, n := range w.Input.Networks {
		for _, s := range []*transit.Snapshot{n.Snapshot, n.Strict} {
			fmt.Fprintf(&b, "%d %d %d|", s.NumTrips(), s.NumPatterns(), s.NumStopTimes())
			for v := range int32(s.NumStops()) {
				b.WriteString(s.Stop(v).Access.String())
			}
			for tr := range int32(s.NumTrips()) {
				b.WriteString(s.Trip(tr).Access.String())
			}
		}
	}
	fmt.Fprintf(&b, "|%d zones", len(w.Input.Zones))
	return b.String()
}
