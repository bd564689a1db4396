package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
)

// The files the stages exchange, all in one output folder. The JS peer
// writes TransitResult too (bench/raptor-peer.mjs), so field names are
// part of that contract.

// Pairs are the random queries of one synthetic feed, given to every tool.
type Pairs struct {
	Feed string `json:"feed"`
	// Date is the service date (YYYY-MM-DD); Weekday 0 is Sunday.
	Date    string `json:"date"`
	Weekday int    `json:"weekday"`
	// Pairs[:Ranges] are also the origins of the 60-minute range queries.
	Pairs  []Pair `json:"pairs"`
	Ranges int    `json:"ranges"`
	// Warmup queries run first and are not timed.
	Warmup []Pair `json:"warmup"`
}

// Pair is one query: origin and destination stop IDs and a departure time
// in seconds since the service day's midnight.
type Pair struct {
	From string `json:"from"`
	To   string `json:"to"`
	Time int32  `json:"time"`
}

// TransitResult is one tool's figures on one feed. Samples are nanoseconds
// per query, keyed by operation (opP2P, opOneToAll, opRange60, opScans60,
// opOneToAllWalk).
type TransitResult struct {
	Tool             string             `json:"tool"`
	Feed             string             `json:"feed"`
	Stops            int                `json:"stops"`
	StopTimes        int                `json:"stop_times"`
	LoadMS           float64            `json:"load_ms"`
	BytesPerStopTime float64            `json:"bytes_per_stop_time"`
	Samples          map[string][]int64 `json:"samples"`
	// Allocs are heap allocations per query (ours only).
	Allocs map[string]float64 `json:"allocs,omitempty"`
	// Arrivals[i] is the earliest arrival of Pairs[i] (-1: none found).
	Arrivals []int64 `json:"arrivals"`
	// Reached[i] and ArrivalSum[i] summarise the one-to-all search from
	// Pairs[i]: stops reached and the sum of their earliest arrivals.
	Reached    []int64 `json:"reached"`
	ArrivalSum []int64 `json:"arrival_sum"`
	// Work is what a 60-minute range and its 60 scans do (ours only).
	Work  *RangeWork `json:"range_work,omitempty"`
	Notes string     `json:"notes,omitempty"`
}

// RangeWork counts, per range query on average, what a 60-minute range
// search and the 60 one-to-all scans it stands for do and answer: stop
// labels improved (the unit of RAPTOR's work), the range's profile points
// (its exact answer) and the scans' answers (stops reached, per minute).
// Profile points ÷ scan labels is the least work an exact range search
// that pays a scan's price per label can do, relative to the scans.
type RangeWork struct {
	RangeLabels   float64 `json:"range_labels"`
	ProfilePoints float64 `json:"profile_points"`
	ScanLabels    float64 `json:"scan_labels"`
	MinuteAnswers float64 `json:"minute_answers"`
}

// The operations timed.
const (
	opP2P          = "p2p"
	opOneToAll     = "one_to_all"
	opRange60      = "range60"
	opScans60      = "scans60"
	opOneToAllWalk = "one_to_all_walk"
	opIso          = "iso"
)

// WalkResult is our isochrone figures on the Rutland walk graph.
type WalkResult struct {
	Nodes         int                `json:"nodes"`
	Edges         int                `json:"edges"`
	StepFreeEdges int                `json:"step_free_edges"`
	LoadMS        float64            `json:"load_ms"`
	Samples       map[string][]int64 `json:"samples"`
	Allocs        map[string]float64 `json:"allocs"`
	// Reached[i] counts the nodes of origin i's isochrone (origin included).
	Reached []int `json:"reached"`
}

func writeJSON(path string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", path, err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func readJSON(path string, v any) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("decode %s: %w", path, err)
	}
	return nil
}

// summary is the distribution of a set of samples.
type summary struct {
	n              int
	p50, p90, mean float64
}

// summarise returns the nearest-rank median and 90th percentile and the
// mean; ok is false for no samples.
func summarise(samples []int64) (summary, bool) {
	if len(samples) == 0 {
		return summary{}, false
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	rank := func(q float64) float64 {
		i := int(math.Ceil(q*float64(len(s)))) - 1
		return float64(s[max(i, 0)])
	}
	var sum float64
	for _, v := range s {
		sum += float64(v)
	}
	return summary{n: len(s), p50: rank(0.5), p90: rank(0.9), mean: sum / float64(len(s))}, true
}
