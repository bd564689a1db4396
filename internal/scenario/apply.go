package scenario

import (
	"fmt"
	"slices"
	"time"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/heritage"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/transit"
)

// applied is a change set applied to a World: the scenario's activities
// (each with its baseline index, or -1 when new, and whether a change
// touched it), the baseline activities it removed, and the timetables and
// zones when they changed. The World's slices are shared until changed,
// then copied.
type applied struct {
	acts    []reach.Activity
	origin  []int32
	dirty   []bool
	removed []int32

	netChanged bool
	nets       []coverage.Network
	zones      []dar.Zone
	newZones   []dar.Zone
	trips      []addedTrip
	stepFree   bool
}

// addedTrip is a run a change added, in the derived snapshot.
type addedTrip struct {
	net         int
	feed, id    string
	snap        *transit.Snapshot
	trip        int32
	first, last int32
}

// applier applies changes one by one.
type applier struct {
	w     *World
	a     applied
	gone  []bool
	owned bool // a.acts is a copy
	byID  map[string]int32
	sites map[string]*Site
	edits []netEdit // per network of w.Input.Networks
}

// netEdit is what changes in one network's two snapshots.
type netEdit struct {
	snap, strict transit.Edit
	used         bool
}

func apply(w *World, changes []Change) (*applied, error) {
	ap := &applier{w: w, byID: map[string]int32{}, sites: map[string]*Site{}, edits: make([]netEdit, len(w.Input.Networks))}
	ap.a.acts = w.Input.Activities
	n := len(ap.a.acts)
	ap.a.origin, ap.a.dirty, ap.gone = make([]int32, n), make([]bool, n), make([]bool, n)
	for i, act := range ap.a.acts {
		ap.a.origin[i] = int32(i)
		ap.byID[act.ID] = int32(i)
	}
	for i := range w.Sites {
		ap.sites[w.Sites[i].ID] = &w.Sites[i]
	}
	for i, c := range changes {
		if err := ap.change(i, c, fmt.Sprintf("changes[%d]", i)); err != nil {
			return nil, err
		}
	}
	if err := ap.derive(); err != nil {
		return nil, err
	}
	ap.compact()
	return &ap.a, nil
}

func (ap *applier) change(i int, c Change, f string) error {
	switch c.Type {
	case TypeAddSession:
		return ap.addSession(i, c.AddSession, f)
	case TypeMoveSession:
		return ap.moveSession(c.MoveSession, f)
	case TypeMakeFree:
		return ap.makeFree(c.Activity, f)
	case TypeRemoveActivity:
		k, err := ap.activity(c.Activity.ActivityID, f)
		if err == nil {
			ap.gone[k] = true
			delete(ap.byID, c.Activity.ActivityID)
		}
		return err
	case TypeStepFreeStop, TypeStepFreeTrip, TypeStepFreeRoute, TypeStepFreeNetwork:
		return ap.stepFree(c.StepFree, f)
	case TypeAddTrip:
		return ap.addTrip(i, c.AddTrip, f)
	case TypeAddDARZone:
		ap.addZone(i, c.AddDARZone)
		return nil
	}
	return fmt.Errorf("%s: unknown change type %q", f, c.Type)
}

// activity finds a scenario activity by id.
func (ap *applier) activity(id, f string) (int32, error) {
	k, ok := ap.byID[id]
	if !ok {
		return 0, &RefError{f + ".activity_id", "no published activity has this id (or a change before removed it)"}
	}
	return k, nil
}

// edit returns activity k for changing: the scenario's own copy, marked
// dirty.
func (ap *applier) edit(k int32) *reach.Activity {
	if !ap.owned {
		ap.a.acts, ap.owned = slices.Clone(ap.a.acts), true
	}
	ap.a.dirty[k] = true
	return &ap.a.acts[k]
}

// push appends a new activity.
func (ap *applier) push(a reach.Activity) {
	if !ap.owned {
		ap.a.acts, ap.owned = slices.Clone(ap.a.acts), true
	}
	ap.byID[a.ID] = int32(len(ap.a.acts))
	ap.a.acts = append(ap.a.acts, a)
	ap.a.origin = append(ap.a.origin, -1)
	ap.a.dirty = append(ap.a.dirty, true)
	ap.gone = append(ap.gone, false)
}

// weekly is a weekly schedule on days from start to end.
func weekly(id string, days []time.Weekday, start, end heritage.Clock) heritage.Schedule {
	r := heritage.RRule{Freq: heritage.FreqWeekly}
	for _, d := range days {
		r.ByDay = append(r.ByDay, heritage.WeekdayNum{Weekday: d})
	}
	return heritage.Schedule{ID: id, RRule: r, OpensAt: start, ClosesAt: end, Description: "added by a what-if scenario"}
}

func (ap *applier) addSession(i int, c *AddSession, f string) error {
	sched := weekly(fmt.Sprintf("scenario-%d", i), c.days, c.start, c.end)
	if c.ActivityID != "" {
		k, err := ap.activity(c.ActivityID, f)
		if err != nil {
			return err
		}
		a := ap.edit(k)
		sched.ActivityID = a.ID
		a.Schedules = append(slices.Clip(a.Schedules), sched)
		return nil
	}
	a := reach.Activity{Activity: heritage.Activity{ID: fmt.Sprintf("scenario-%d", i), Name: c.Name,
		Schedules: []heritage.Schedule{sched}, Costs: newCosts(c.PricePence, c.FreeOnReferral), Illustrative: true}}
	if a.Name == "" {
		a.Name = "New session"
	}
	if c.Site != nil {
		a.SiteID, a.SiteName, a.Venue = fmt.Sprintf("scenario-site-%d", i), c.Site.Name, c.Site.point
		a.StepFree, a.Toilet = c.Site.stepFree, c.Site.toilet
	} else {
		s, ok := ap.sites[c.SiteID]
		if !ok {
			return &RefError{f + ".site_id", "no published site has this id"}
		}
		a.SiteID, a.SiteName, a.Venue, a.StepFree, a.Toilet = s.ID, s.Name, s.Point, s.StepFree, s.Toilet
	}
	a.Schedules[0].ActivityID = a.ID
	ap.push(a)
	return nil
}

// newCosts is a new activity's price: known when given, otherwise unknown
// (never free), and free on referral when said.
func newCosts(pence *int64, freeOnReferral bool) []heritage.CostOption {
	if pence == nil && !freeOnReferral {
		return nil
	}
	o := heritage.CostOption{FreeOnReferral: freeOnReferral}
	if pence != nil {
		o.Amount, o.Confidence = heritage.Pence(*pence), heritage.ConfidenceKnown
	}
	return []heritage.CostOption{o}
}

func (ap *applier) moveSession(c *MoveSession, f string) error {
	k, err := ap.activity(c.ActivityID, f)
	if err != nil {
		return err
	}
	a := ap.edit(k)
	a.Schedules = slices.Clone(a.Schedules)
	moved := 0
	for j := range a.Schedules {
		s := &a.Schedules[j]
		if c.ScheduleID != "" && s.ID != c.ScheduleID {
			continue
		}
		if err := moveSchedule(s, c, f); err != nil {
			return err
		}
		moved++
	}
	if moved == 0 {
		return &RefError{f + ".schedule_id", "the activity has no schedule with this id"}
	}
	return nil
}

func moveSchedule(s *heritage.Schedule, c *MoveSession, f string) error {
	length := s.ClosesAt - s.OpensAt
	if c.start >= 0 {
		s.OpensAt, s.ClosesAt = c.start, c.start+length
	}
	if c.end >= 0 {
		s.ClosesAt = c.end
	}
	switch {
	case s.ClosesAt > heritage.ClockEndOfDay:
		return &RefError{f + ".start", "the moved session would end after midnight: give an end too"}
	case s.ClosesAt <= s.OpensAt:
		return &RefError{f + ".end", "the moved session would end before it starts: give a start too"}
	}
	if c.days == nil {
		return nil
	}
	if s.RRule.Freq != heritage.FreqWeekly {
		return &RefError{f + ".days", "only weekly schedules move to other days; this one is " + s.RRule.String()}
	}
	s.RRule.ByDay = nil
	for _, d := range c.days {
		s.RRule.ByDay = append(s.RRule.ByDay, heritage.WeekdayNum{Weekday: d})
	}
	return nil
}

func (ap *applier) makeFree(c *ActivityRef, f string) error {
	k, err := ap.activity(c.ActivityID, f)
	if err != nil {
		return err
	}
	ap.edit(k).Costs = []heritage.CostOption{{Label: "free (what-if)", Amount: heritage.Pence(0), Confidence: heritage.ConfidenceKnown}}
	return nil
}

// addZone adds a dial-a-ride zone running every week on its days.
func (ap *applier) addZone(i int, c *AddDARZone) {
	var days uint8
	for _, d := range c.days {
		days |= 1 << d
	}
	z := dar.Zone{FeedID: "scenario", ID: fmt.Sprintf("scenario-zone-%d", i), Name: c.Name, Area: c.area, Days: days,
		End: time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC), WindowStart: int32(c.start), WindowEnd: int32(c.end),
		NoticeDays: c.notice, NoticeTime: int32(c.by), FarePence: c.FarePence, StepFree: c.StepFree, Illustrative: true}
	if z.Name == "" {
		z.Name = "New dial-a-ride zone"
	}
	ap.a.newZones = append(ap.a.newZones, z)
}

// compact drops removed activities and lists the baseline ones among them.
func (ap *applier) compact() {
	a := &ap.a
	if !slices.Contains(ap.gone, true) {
		return
	}
	var acts []reach.Activity
	var origin []int32
	var dirty []bool
	for i, g := range ap.gone {
		switch {
		case g && a.origin[i] >= 0:
			a.removed = append(a.removed, a.origin[i])
		case !g:
			acts, origin, dirty = append(acts, a.acts[i]), append(origin, a.origin[i]), append(dirty, a.dirty[i])
		}
	}
	a.acts, a.origin, a.dirty = acts, origin, dirty
}
