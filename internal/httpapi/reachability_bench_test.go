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
// Ryde (decode, seven days of range searches, legs rebuilt, encode).
func BenchmarkReachabilityHandler(b *testing.B) {
	h := httpapi.New(httpapi.Deps{Log: slog.New(slog.NewJSONHandler(io.Discard, nil)), Reacher: iowReacher(b),
		Now: func() time.Time { return december }})
	for _, c := range []struct{ name, body string }{
		{"walker-ryde", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"walker"`, `, "days": 7`)},
		{"wheelchair-ryde", reachBody(`{"lat": 50.7296, "lon": -1.1619}`, `"wheelchair"`, `, "days": 7`)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			var bytes int
			for b.Loop() {
				rec := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/api/v1/reachability", strings.NewReader(c.body))
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
