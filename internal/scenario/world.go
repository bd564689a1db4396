package scenario

import (
	"github.com/paulmach/orb"

	"github.com/threshold-heritage/threshold/internal/coverage"
	"github.com/threshold-heritage/threshold/internal/heritage"
)

// World is the published data scenarios start from: the coverage input
// (cells, activities, timetables, zones, fares, the week) and the heritage
// sites new sessions may go to. Nothing in it is ever modified.
type World struct {
	Input coverage.Input
	Sites []Site
	// Version names the data: it changes when an import lands or the
	// week turns, and with it every cached baseline.
	Version string
}

// Site is a published heritage site as scenarios and suggestions use it.
type Site struct {
	ID, Name, Kind string
	Point          orb.Point
	// StepFree and Toilet are the site's own recorded entrance and
	// toilet access (unknown stays unknown).
	StepFree, Toilet heritage.Access
	Illustrative     bool
	// HasActivity: some published activity takes place here.
	HasActivity  bool
	Sources      []heritage.SourceKey
	Designations []heritage.Designation
}
