package httpapi

import (
	"context"
	"encoding/json"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
)

// Deps are what the handlers need; the caller wires them.
type Deps struct {
	Log *slog.Logger
	// Ready returns nil when the database answers and the schema is current.
	Ready   func(ctx context.Context) error
	OpenAPI []byte
	Web     fs.FS
	// Planner answers POST /api/v1/journeys; nil answers 503.
	Planner JourneyPlanner
	// JourneyTimeout bounds one journey's computation (default 2 s);
	// beyond it the client gets 503 with Retry-After.
	JourneyTimeout time.Duration
	// Reacher answers POST /api/v1/reachability; ReachTimeout bounds one
	// answer (default 5 s), past which the client gets 503 and Retry-After.
	Reacher      Reacher
	ReachTimeout time.Duration
	// ReachConcurrency is how many reachability answers are computed at
	// once (default GOMAXPROCS); the rest queue, within their timeout.
	ReachConcurrency int
	// Catalog answers the sites, activities and Open Referral UK
	// endpoints; nil answers 503.
	Catalog Catalog
	// Coverage answers the coverage endpoints and tiles; nil leaves them
	// unrouted. TileCacheBytes bounds the rendered tiles kept in memory
	// per published run (0: DefaultTileCacheBytes; negative: no cache).
	Coverage       CoverageSource
	TileCacheBytes int64
	// Basemap answers the basemap tiles, its description and the place
	// search; nil leaves them unrouted.
	Basemap BasemapSource
	// Scenarios answers POST /api/v1/scenarios and GET
	// /api/v1/suggestions; nil leaves them unrouted.
	Scenarios ScenarioSource
	// Gaps answers GET /api/v1/gaps, naming barriers with Reacher; nil
	// leaves it unrouted.
	Gaps GapSource
	// Now is the clock that says which day is today (default time.Now).
	Now func() time.Time
}

func (d Deps) now() time.Time {
	if d.Now == nil {
		return time.Now()
	}
	return d.Now()
}

// New returns the router for every endpoint.
func New(d Deps) http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID)
	r.Use(accessLog(d.Log))
	r.Use(recoverer(d.Log))
	r.Get("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	r.Get("/readyz", readyz(d))
	r.Get("/api/v1/openapi.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write(d.OpenAPI) //nolint:errcheck // client went away
	})
	r.Post("/api/v1/journeys", journeys(d))
	r.Get("/api/v1/profiles", profiles(d))
	r.Get("/api/v1/sites", sites(d))
	r.Get("/api/v1/activities", activities(d))
	r.Get("/api/v1/activities/{id}", activity(d))
	r.Get("/openreferral/services", orServices(d))
	r.Get("/openreferral/services/{id}", orService(d))
	if d.Reacher != nil {
		r.Post("/api/v1/reachability", reachability(d))
	}
	if d.Coverage != nil {
		CoverageRoutes(r, d.Coverage, CoverageOptions{TileCacheBytes: d.TileCacheBytes})
	}
	if d.Basemap != nil {
		BasemapRoutes(r, d.Basemap)
	}
	if d.Scenarios != nil {
		ScenarioRoutes(r, d.Scenarios)
	}
	if d.Gaps != nil {
		GapsRoutes(r, d.Gaps, d.Reacher)
	}
	if d.Web != nil {
		r.Handle("/*", http.FileServerFS(d.Web))
	}
	return r
}

func readyz(d Deps) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
		defer cancel()
		if err := d.Ready(ctx); err != nil {
			d.Log.Warn("not ready", "err", err)
			writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
			return
		}
		writeJSON(w, http.StatusOK, map[string]string{"status": "ready"})
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v) //nolint:errcheck // client went away
}

// accessLog logs one line per request without its query string or body.
func accessLog(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			next.ServeHTTP(ww, r)
			log.Info("request",
				"method", r.Method,
				"path", r.URL.Path,
				"status", ww.Status(),
				"bytes", ww.BytesWritten(),
				"ms", time.Since(start).Milliseconds(),
				"request_id", middleware.GetReqID(r.Context()))
		})
	}
}

func recoverer(log *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				if v := recover(); v != nil {
					if v == http.ErrAbortHandler {
						panic(v)
					}
					log.Error("panic in handler", "path", r.URL.Path, "panic", v)
					writeJSON(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
				}
			}()
			next.ServeHTTP(w, r)
		})
	}
}
