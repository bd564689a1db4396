package dar

import (
	"slices"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/transit"
)

// A ride is kept only where it beats the walk with its slack: stop 2 is
// a 300 s walk and a 200 s ride (800 s with the slack), so it is walked;
// stop 5 is a 1,000 s walk and a 100 s ride (700 s), so it is ridden;
// stop 7 has no walk.
func TestMergeAccessKeepsTheQuicker(t *testing.T) {
	walks := []transit.StopAccess{{Stop: 2, Seconds: 300, Metres: 360}, {Stop: 5, Seconds: 1000, Metres: 1200}}
	rides := []StopRide{{Stop: 2, Seconds: 200, Metres: 1500}, {Stop: 5, Seconds: 100, Metres: 700.4}, {Stop: 7, Seconds: 400, Metres: 3000}}
	got, kept := MergeAccess(walks, rides, nil)
	slack := int32(TransferSlack / time.Second)
	want := []transit.StopAccess{{Stop: 5, Seconds: 100 + slack, Metres: 700}, {Stop: 7, Seconds: 400 + slack, Metres: 3000}, {Stop: 2, Seconds: 300, Metres: 360}}
	if !slices.Equal(got, want) {
		t.Errorf("merged %v, want %v", got, want)
	}
	if len(kept) != 2 || kept[0].Stop != 5 || kept[1].Stop != 7 {
		t.Errorf("rides kept %v", kept)
	}
	if _, ok := FindRide(kept, 2); ok {
		t.Error("stop 2 is walked, not ridden")
	}
}

func TestNotice(t *testing.T) {
	for _, c := range []struct {
		z    Zone
		want string
	}{
		{Zone{NoticeDays: -1}, "book ahead: the operator gives no booking rule"},
		{Zone{NoticeDays: 1, NoticeTime: 16 * 3600, NoticeWeekdays: workingDays}, "book 1 working day ahead, by 16:00"},
		{Zone{NoticeDays: 2, NoticeTime: -1}, "book 2 days ahead"},
		{Zone{NoticeDays: 3, NoticeTime: 9 * 3600, NoticeWeekdays: 1 << time.Saturday}, "book 3 booking days ahead, by 09:00"},
		{Zone{NoticeDays: 0, NoticeTime: 8 * 3600}, "book on the day, by 08:00"},
		{Zone{NoticeDays: 0, NoticeTime: -1, NoticeMinutes: 90}, "book at least 1 h 30 min ahead"},
		{Zone{NoticeDays: 0, NoticeTime: -1}, "book on the day, before the pick-up"},
	} {
		if got := c.z.Notice(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.z, got, c.want)
		}
	}
	z := iowZone(t)
	if got := z.Notice(); got != "book 1 working day ahead, by 16:00" {
		t.Errorf("West Wight: %q", got)
	}
}
