package scenario

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestParseRequestErrorsNameTheField(t *testing.T) {
	sq := func(n int) string {
		var b strings.Builder
		b.WriteString(`{"type":"Polygon","coordinates":[[`)
		for i := range n {
			fmt.Fprintf(&b, "[%f,50.6],", -1.3+float64(i)*1e-4)
		}
		b.WriteString(`[-1.3,50.7],[-1.3,50.6]]]}`)
		return b.String()
	}
	many := strings.Repeat(`{"type":"make_free","activity_id":"a"},`, MaxChanges) + `{"type":"make_free","activity_id":"a"}`
	for _, c := range []struct{ body, field string }{
		{`[`, "(body)"},
		{`{"changes":[]}`, "changes"},
		{`{"changes":[` + many + `]}`, "changes"},
		{`{"changes":[{"type":"make_free","activity_id":"a"}],"extra":1}`, "extra"},
		{`{"profiles":["walker","nobody"],"changes":[{"type":"make_free","activity_id":"a"}]}`, "profiles[1]"},
		{`{"profiles":["walker","walker"],"changes":[{"type":"make_free","activity_id":"a"}]}`, "profiles[1]"},
		{`{"profiles":[],"changes":[{"type":"make_free","activity_id":"a"}]}`, "profiles"},
		{`{"max_cells":-1,"changes":[{"type":"make_free","activity_id":"a"}]}`, "max_cells"},
		{`{"max_cells":"5","changes":[{"type":"make_free","activity_id":"a"}]}`, "max_cells"},
		{`{"changes":[{"activity_id":"a"}]}`, "changes[0].type"},
		{`{"changes":[{"type":"paint_it_red"}]}`, "changes[0].type"},
		{`{"changes":[{"type":"make_free"}]}`, "changes[0].activity_id"},
		{`{"changes":[{"type":"make_free","activity_id":"a","start":"10:00"}]}`, "changes[0].start"},
		{`{"changes":[{"type":"make_free","activity_id":"a"},{"type":"add_session","site_id":"1","days":["wed"],"start":"25:00","end":"26:00"}]}`, "changes[1].start"},
		{`{"changes":[{"type":"add_session","site_id":"1","days":["wed"],"start":"12:00","end":"11:00"}]}`, "changes[0].end"},
		{`{"changes":[{"type":"add_session","site_id":"1","days":["wednesday"],"start":"10:00","end":"11:00"}]}`, "changes[0].days[0]"},
		{`{"changes":[{"type":"add_session","site_id":"1","days":["wed","wed"],"start":"10:00","end":"11:00"}]}`, "changes[0].days[1]"},
		{`{"changes":[{"type":"add_session","site_id":"1","start":"10:00","end":"11:00"}]}`, "changes[0].days"},
		{`{"changes":[{"type":"add_session","site_id":"1","activity_id":"a","days":["wed"],"start":"10:00","end":"11:00"}]}`, "changes[0]"},
		{`{"changes":[{"type":"add_session","activity_id":"a","price_pence":0,"days":["wed"],"start":"10:00","end":"11:00"}]}`, "changes[0].activity_id"},
		{`{"changes":[{"type":"add_session","site_id":"1","price_pence":-5,"days":["wed"],"start":"10:00","end":"11:00"}]}`, "changes[0].price_pence"},
		{`{"changes":[{"type":"add_session","site":{"name":"Hall","lat":95,"lon":0},"days":["wed"],"start":"10:00","end":"11:00"}]}`, "changes[0].site"},
		{`{"changes":[{"type":"add_session","site":{"name":"Hall","lat":50,"lon":0,"step_free_entrance":"assumed"},"days":["wed"],"start":"10:00","end":"11:00"}]}`, "changes[0].site.step_free_entrance"},
		{`{"changes":[{"type":"move_session","activity_id":"a"}]}`, "changes[0]"},
		{`{"changes":[{"type":"move_session","activity_id":"a","start":"14:00","end":"13:00"}]}`, "changes[0].end"},
		{`{"changes":[{"type":"step_free_stop","stop_id":"s"}]}`, "changes[0].feed_id"},
		{`{"changes":[{"type":"step_free_stop","feed_id":"f","trip_id":"t","stop_id":"s"}]}`, "changes[0].trip_id"},
		{`{"changes":[{"type":"step_free_route","feed_id":"f"}]}`, "changes[0].route_id"},
		{`{"changes":[{"type":"add_trip","feed_id":"f","route_id":"r","depart":"31:00"}]}`, "changes[0].depart"},
		{`{"changes":[{"type":"add_trip","feed_id":"f","route_id":"r","depart":"-1:00"}]}`, "changes[0].depart"},
		{`{"changes":[{"type":"add_dar_zone","days":["mon"],"start":"09:00","end":"17:00"}]}`, "changes[0].polygon"},
		{`{"changes":[{"type":"add_dar_zone","polygon":{"type":"Point","coordinates":[0,0]},"days":["mon"],"start":"09:00","end":"17:00"}]}`, "changes[0].polygon"},
		{`{"changes":[{"type":"add_dar_zone","polygon":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,2]]]},"days":["mon"],"start":"09:00","end":"17:00"}]}`, "changes[0].polygon"},
		{`{"changes":[{"type":"add_dar_zone","polygon":` + sq(MaxPolygonVertices) + `,"days":["mon"],"start":"09:00","end":"17:00"}]}`, "changes[0].polygon"},
		{`{"changes":[{"type":"add_dar_zone","polygon":` + sq(10) + `,"days":["mon"],"start":"09:00","end":"17:00","booking_notice_days":30}]}`, "changes[0].booking_notice_days"},
		{`{"changes":[{"type":"add_dar_zone","polygon":` + sq(10) + `,"days":["mon"],"start":"09:00","end":"17:00","step_free":"maybe"}]}`, "changes[0].step_free"},
	} {
		_, err := ParseRequest([]byte(c.body))
		var fe *FieldError
		if !errors.As(err, &fe) || fe.Field != c.field || fe.Reason == "" {
			t.Errorf("%.120s: %v, want an error on %s", c.body, err, c.field)
		}
	}
}

func TestParseRequestReadsEveryChange(t *testing.T) {
	body := `{"profiles":["bus-pass"],"max_cells":10,"changes":[
 {"type":"add_session","site_id":"31","name":"Group","days":["wed","fri"],"start":"10:30","end":"12:00","price_pence":300,"free_on_referral":true},
 {"type":"add_session","site":{"name":"Hall","lat":50.7,"lon":-1.3,"step_free_entrance":"yes"},"days":["mon"],"start":"09:00","end":"24:00"},
 {"type":"move_session","activity_id":"a","schedule_id":"s","start":"13:00"},
 {"type":"make_free","activity_id":"a"},{"type":"remove_activity","activity_id":"b"},
 {"type":"step_free_stop","feed_id":"f","stop_id":"s"},{"type":"step_free_trip","feed_id":"f","trip_id":"t"},
 {"type":"step_free_route","feed_id":"f","route_id":"r"},{"type":"step_free_network"},
 {"type":"add_trip","feed_id":"f","route_id":"r","trip_id":"t","depart":"25:30","days":["sat"]},
 {"type":"add_dar_zone","polygon":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]},"days":["mon"],"start":"09:00","end":"17:00","fare_pence":250,"booking_by":"15:00","booking_notice_days":0}]}`
	req, err := ParseRequest([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if len(req.Profiles) != 1 || req.Profiles[0].ID != "bus-pass" || req.MaxCells != 10 || len(req.Changes) != 11 {
		t.Fatalf("profiles %v, max_cells %d, %d changes", req.Profiles, req.MaxCells, len(req.Changes))
	}
	a := req.Changes[0].AddSession
	if len(a.days) != 2 || a.start != 10*3600+30*60 || a.end != 12*3600 || *a.PricePence != 300 {
		t.Errorf("add_session read as %+v", a)
	}
	if s := req.Changes[1].AddSession.Site; s.point[0] != -1.3 || s.point[1] != 50.7 || s.stepFree.String() != "yes" {
		t.Errorf("new site read as %+v", s)
	}
	if m := req.Changes[2].MoveSession; m.start != 13*3600 || m.end != -1 {
		t.Errorf("move_session read as %+v", m)
	}
	if tr := req.Changes[9].AddTrip; tr.depart != 25*3600+30*60 || len(tr.days) != 1 {
		t.Errorf("add_trip read as %+v", tr)
	}
	if z := req.Changes[10].AddDARZone; len(z.area) != 1 || z.notice != 0 || z.by != 15*3600 || z.StepFree != "unknown" {
		t.Errorf("add_dar_zone read as %+v", z)
	}
	def, err := ParseRequest([]byte(`{"changes":[{"type":"make_free","activity_id":"a"}]}`))
	if err != nil || len(def.Profiles) != 6 || def.MaxCells != DefaultMaxCells {
		t.Errorf("defaults: %d profiles, max_cells %d, %v", len(def.Profiles), def.MaxCells, err)
	}
}

// FuzzParseRequest: any body is answered with a request or a field error,
// never a panic or another error.
func FuzzParseRequest(f *testing.F) {
	for _, s := range []string{
		`{"changes":[{"type":"make_free","activity_id":"a"}]}`,
		`{"profiles":["wheelchair"],"changes":[{"type":"add_dar_zone","polygon":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]},"days":["mon"],"start":"09:00","end":"17:00"}]}`,
		`{"changes":[{"type":"add_trip","feed_id":"f","route_id":"r","depart":"18:30"}]}`,
		`{"changes":[{"type":"add_session","site":{"name":"x","lat":1,"lon":2},"days":["sun"],"start":"00:00","end":"24:00"}]}`,
		`{"changes":[{"type":"move_session","activity_id":"a","days":["mon"]}]}`,
		`{"changes":[{"type":"step_free_network","feed_id":"f"}]}`, `[]`, `{}`, `null`, `{"changes":[null]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		req, err := ParseRequest(b)
		var fe *FieldError
		switch {
		case err != nil && !errors.As(err, &fe):
			t.Fatalf("%q: %v is not a field error", b, err)
		case err == nil && (len(req.Changes) == 0 || len(req.Changes) > MaxChanges || len(req.Profiles) == 0):
			t.Fatalf("%q: accepted with %d changes and %d profiles", b, len(req.Changes), len(req.Profiles))
		}
	})
}
