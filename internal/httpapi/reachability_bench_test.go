package httpapi_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/threshold-heritage/threshold/internal/httpapi"
)

// BenchmarkReachabilityHandler times POST /api/v1/reachability end to end
// on the Isle of Wight, as the load test sends it: a walker's week from
// Ryde (decode, seven days of range searches, legs rebuilt, encode); a
// wheelchair user's; and bench/reach.sh's mix, a week for each standard
// profile from each of seven origins in turn.
func BenchmarkReachabilityHandler(b *testing.B) {
	h := httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Reacher: iowReacher(b),
		Now: func() time.Time { return december }})
	for _, c := range []struct{ name, body string }{
		{"walker-ryde", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"walker"`, `, "days": 7`)},
		{"wheelchair-ryde", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"wheelchair"`, `, "days": 7`)},
		{"mix", ""},
	} {
		bodies := []string{c.body}
		if c.name == "mix" {
			bodies = mixBodies()
		}
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var bytes, i int
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/api/v1/reachability", strings.NewReader(bodies[i%len(bodies)]))
				i++
				req.Header.Set("Content-Type", "application/json")
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("%d %s", rec.Code, rec.Body)
				}
				bytes = rec.Body.Len()
			}
			b.ReportMetric(float64(bytes), "B/response")
		})
	}
}

// mixBodies are bench/reach.sh's mix: the six standard profiles from the
// seven hand-worked origins, a week each.
func mixBodies() []string {
	var out []string
	for _, o := range []string{`{"lat": 50.63165, "lon": -1.179534}`, `{"lat": 50.7296, "lon": -1.1619}`, `{"lat": 50.6540, "lon": -1.1570}`,
		`{"lat": 50.7600, "lon": -1.2980}`, `{"lat": 50.6420, "lon": -1.3920}`, `{"lat": 50.7010, "lon": -1.2920}`, `{"lat": 50.71243, "lon": -1.192629}`} {
		for _, p := range []string{"walker", "bus-pass", "wheelchair", "no-money", "car", "rural-dial-a-ride"} {
			out = append(out, reachBody(o, `"`+p+`"`, `, "days": 7`))
		}
	}
	return out
}
