// Package reachdb adapts the published data and the journey planner to the
// reachability service: activities with their venues, the home area's
// rurality, the travel network around a point, and the description of a
// region's data. It reads activities, dial-a-ride zones and the road and
// pedestrian networks at start and refreshes them on a timer; nothing of a
// request is stored.
package reachdb

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/dar"
	"github.com/threshold-heritage/threshold/internal/fare"
	"github.com/threshold-heritage/threshold/internal/pedestrian"
	"github.com/threshold-heritage/threshold/internal/plan"
	"github.com/threshold-heritage/threshold/internal/postgis"
	"github.com/threshold-heritage/threshold/internal/reach"
	"github.com/threshold-heritage/threshold/internal/road"
)

// Sources adapts the database and the planner to what the
// reachability service needs. Activities, dial-a-ride zones and the road
// and pedestrian networks are read at start and refreshed when timetables reload.
type Sources struct {
	db       *postgis.DB
	planner  *plan.Planner
	fares    *fare.Calculator
	pool     reach.Pool
	sessions reach.SessionCache

	mu      sync.RWMutex
	areas   *postgis.AreaIndex
	london  *time.Location
	regions map[string]postgis.RegionData
	acts    []reach.Activity
	zones   []dar.Zone
	road    *road.Router
	walk    *pedestrian.Walking
}

func New(ctx context.Context, db *postgis.DB, planner *plan.Planner) (*Sources, error) {
	fares, err := fare.New(fare.DefaultEngland(), nil)
	if err != nil {
		return nil, err
	}
	s := &Sources{db: db, planner: planner, fares: fares}
	return s, s.Refresh(ctx)
}

// Refresh rereads activities, zones and the road and pedestrian networks.
func (s *Sources) Refresh(ctx context.Context) error {
	acts, err := s.db.ReachActivities(ctx)
	if err != nil {
		return fmt.Errorf("read activities: %w", err)
	}
	zones, err := s.db.DarZones(ctx)
	if err != nil {
		return err
	}
	g, err := s.db.RoadGraph(ctx)
	if err != nil {
		return err
	}
	var router *road.Router
	if g.Graph.NumEdges() > 0 {
		router = road.NewRouter(g.Graph)
	}
	wg, err := s.db.WalkGraph(ctx)
	if err != nil {
		return err
	}
	walking := pedestrian.New(wg.Graph) // nil without a graph: estimates
	areas, err := s.db.LoadAreaIndex(ctx)
	if err != nil {
		return err
	}
	london, err := time.LoadLocation("Europe/London")
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.acts, s.zones, s.road, s.walk, s.regions = acts, zones, router, walking, map[string]postgis.RegionData{}
	s.areas, s.london = areas, london
	s.mu.Unlock()
	return nil
}

func (s *Sources) ReachActivities(context.Context) ([]reach.Activity, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.acts, nil
}

// AreaAt finds the area holding p in memory; only a point in none
// (offshore, or outside the data) asks the database for the nearest.
func (s *Sources) AreaAt(ctx context.Context, p orb.Point) (reach.Area, bool, error) {
	s.mu.RLock()
	ix := s.areas
	s.mu.RUnlock()
	a, found := ix.Containing(p)
	var err error
	if !found {
		a, found, err = s.db.AreaAt(ctx, p)
	}
	return reach.Area{Rural: a.Rural, RuralKnown: a.RuralKnown, RUC21: a.RUC21, IMDDecile: a.IMDDecile, RegionID: a.RegionID}, found, err
}

func (s *Sources) NetworkAt(_ context.Context, p orb.Point) (reach.Network, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := reach.Network{Location: s.london, Walk: s.walk, Road: s.road, Costs: road.DefaultCosts, Zones: s.zones, Fares: s.fares, Pool: &s.pool, Sessions: &s.sessions}
	if snap := s.planner.SnapshotAt(p); snap != nil {
		n.Transit, n.Location = snap, snap.Location()
	}
	return n, nil
}

func (s *Sources) Describe(ctx context.Context, regionID string) (any, error) {
	if regionID == "" {
		return map[string]any{"known_limits": []string{"the home area belongs to no loaded region"}}, nil
	}
	s.mu.RLock()
	r, ok := s.regions[regionID]
	s.mu.RUnlock()
	if ok {
		return r, nil
	}
	r, _, err := s.db.RegionData(ctx, regionID)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.regions[regionID] = r
	s.mu.Unlock()
	return r, nil
}

// Watch refreshes the sources every interval until ctx ends; a failed
// refresh keeps what was loaded.
func (s *Sources) Watch(ctx context.Context, log *slog.Logger, every time.Duration) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if err := s.Refresh(ctx); err != nil && ctx.Err() == nil {
					log.Warn("activities refresh failed", "err", err)
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}
