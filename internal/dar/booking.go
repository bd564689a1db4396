package dar

import (
	"fmt"
	"slices"
	"time"
)

// workingDays is Monday to Friday as a weekday mask.
const workingDays = 1<<time.Monday | 1<<time.Tuesday | 1<<time.Wednesday | 1<<time.Thursday | 1<<time.Friday

// BookBy is the latest time a ride picking up at depart can be booked
// under the zone's rule: NoticeDays counted back from the day of travel
// over the days in NoticeWeekdays (every day when it is 0), at NoticeTime
// on the day reached (its end when NoticeTime is negative); on the day,
// NoticeTime or NoticeMinutes before the pick-up. ok is false when the
// rule sets no deadline (no rule, or booking any time before the ride).
func (z *Zone) BookBy(depart time.Time) (by time.Time, ok bool) {
	day := time.Date(depart.Year(), depart.Month(), depart.Day(), 0, 0, 0, 0, depart.Location())
	switch {
	case z.NoticeDays < 0:
		return time.Time{}, false
	case z.NoticeDays == 0 && z.NoticeTime > 0:
		return day.Add(time.Duration(z.NoticeTime) * time.Second), true
	case z.NoticeDays == 0 && z.NoticeMinutes > 0:
		return depart.Add(-time.Duration(z.NoticeMinutes) * time.Minute), true
	case z.NoticeDays == 0:
		return time.Time{}, false
	}
	// Any non-empty mask holds each weekday once a week, so 7 days per
	// day of notice, and one per date removed, always suffice.
	for left, i := z.NoticeDays, 0; left > 0 && i < 7*z.NoticeDays+len(z.NoticeRemoved); i++ {
		day = day.AddDate(0, 0, -1)
		if z.noticeDay(day) {
			left--
		}
	}
	if z.NoticeTime < 0 {
		return day.AddDate(0, 0, 1), true
	}
	return day.Add(time.Duration(z.NoticeTime) * time.Second), true
}

// noticeDay reports whether day counts towards NoticeDays.
func (z *Zone) noticeDay(day time.Time) bool {
	key := DateKey(day)
	switch {
	case slices.Contains(z.NoticeRemoved, key):
		return false
	case slices.Contains(z.NoticeAdded, key):
		return true
	}
	return z.NoticeWeekdays == 0 || z.NoticeWeekdays&(1<<day.Weekday()) != 0
}

// BookingNote says when to book a ride picking up at depart, in words a
// person can act on: "book by 16:00 on Friday 4 December, the working day
// before; phone 01983 000900".
func (z *Zone) BookingNote(depart time.Time) string {
	by, ok := z.BookBy(depart)
	var s string
	switch {
	case z.NoticeDays < 0:
		s = "book ahead: the operator gives no booking rule"
	case z.NoticeDays == 0 && z.NoticeTime > 0:
		s = fmt.Sprintf("book by %s on the day", by.Format("15:04"))
	case z.NoticeDays == 0 && ok:
		s = fmt.Sprintf("book at least %s before the pick-up, by %s", minutes(z.NoticeMinutes), by.Format("15:04"))
	case z.NoticeDays == 0:
		s = "book before the pick-up, on the day"
	case z.NoticeTime < 0:
		s = fmt.Sprintf("book by the end of %s, %s", by.AddDate(0, 0, -1).Format("Monday 2 January"), z.daysBefore())
	default:
		s = fmt.Sprintf("book by %s on %s, %s", by.Format("15:04"), by.Format("Monday 2 January"), z.daysBefore())
	}
	if z.Phone != "" {
		s += "; phone " + z.Phone
	}
	return s
}

// daysBefore says how far before the day of travel the deadline falls.
func (z *Zone) daysBefore() string {
	if z.NoticeDays == 1 {
		return "the " + z.noticeUnit() + " before"
	}
	return fmt.Sprintf("%d %ss before", z.NoticeDays, z.noticeUnit())
}

// noticeUnit names the days NoticeDays counts.
func (z *Zone) noticeUnit() string {
	switch z.NoticeWeekdays {
	case 0:
		return "day"
	case workingDays:
		return "working day"
	}
	return "booking day"
}

func minutes(m int32) string {
	switch {
	case m < 60:
		return fmt.Sprintf("%d min", m)
	case m%60 == 0:
		return fmt.Sprintf("%d h", m/60)
	}
	return fmt.Sprintf("%d h %d min", m/60, m%60)
}

// Notice says how far ahead the zone's rides must be booked, whatever the
// day: "book 1 working day ahead, by 16:00", "book at least 90 min ahead".
// BookingNote gives the deadline of one ride.
func (z *Zone) Notice() string {
	switch {
	case z.NoticeDays < 0:
		return "book ahead: the operator gives no booking rule"
	case z.NoticeDays == 0 && z.NoticeTime > 0:
		return fmt.Sprintf("book on the day, by %s", clock(z.NoticeTime))
	case z.NoticeDays == 0 && z.NoticeMinutes > 0:
		return fmt.Sprintf("book at least %s ahead", minutes(z.NoticeMinutes))
	case z.NoticeDays == 0:
		return "book on the day, before the pick-up"
	}
	unit := z.noticeUnit()
	if z.NoticeDays != 1 {
		unit += "s"
	}
	s := fmt.Sprintf("book %d %s ahead", z.NoticeDays, unit)
	if z.NoticeTime >= 0 {
		s += ", by " + clock(z.NoticeTime)
	}
	return s
}
