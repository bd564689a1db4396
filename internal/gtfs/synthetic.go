package gtfs

import (
	"archive/zip"
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"

	"github.com/paulmach/orb"
)

// SyntheticNotice is written into the agency name, the feed publisher name
// and every stop's description of a synthetic feed so that no one mistakes
// it for a real network.
const SyntheticNotice = "SYNTHETIC test data - not a real network"

// SyntheticOptions shapes a synthetic grid-city feed. Zero fields take the
// defaults shown. A feed has 4 x Rows x Cols x Departures() stop times:
// every row and column of the grid is a bus route run in both directions
// from ServiceStart, every Headway seconds, until before ServiceEnd.
//
//	~400k stop times:  Rows 25,  Cols 25,  Headway 450 s (160 departures) = 400,000
//	~2.5M stop times:  Rows 50,  Cols 50,  Headway 288 s (250 departures) = 2,500,000
//	~5M stop times:    Rows 100, Cols 100, Headway 576 s (125 departures) = 5,000,000
//
// (all with the default service day 05:00 to 25:00).
type SyntheticOptions struct {
	Rows, Cols   int       // grid size; default 25 x 25
	SpacingM     float64   // distance between neighbouring stops; default 400
	Origin       orb.Point // south-west stop, [lon, lat]; default {0.01, 0.01}, open sea near "Null Island"
	Headway      int32     // seconds between departures; default 450
	ServiceStart int32     // first departure, service-day seconds; default 05:00:00
	ServiceEnd   int32     // departures stop before this; default 25:00:00 (trips run past midnight)
	SpeedKmh     float64   // bus speed between stops; default 18
	// TimedEvery leaves intermediate stops untimed to exercise
	// interpolation: only every TimedEvery-th stop of a trip (and its last)
	// has times. Default 1: all timed.
	TimedEvery int
	// StationEvery gives the stop at every StationEvery-th row and column a
	// parent station (location_type 1). Default 5; negative for none.
	StationEvery int
	Start, End   Date   // calendar; default 20250101 to 20251231
	Timezone     string // default "Europe/London"
}

func (o SyntheticOptions) withDefaults() SyntheticOptions {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Rows, 25)
	def(&o.Cols, 25)
	def(&o.TimedEvery, 1)
	def(&o.StationEvery, 5)
	if o.SpacingM == 0 {
		o.SpacingM = 400
	}
	if o.Origin == (orb.Point{}) {
		o.Origin = orb.Point{0.01, 0.01}
	}
	if o.Headway == 0 {
		o.Headway = 450
	}
	if o.ServiceStart == 0 && o.ServiceEnd == 0 {
		o.ServiceStart, o.ServiceEnd = 5*3600, 25*3600
	}
	if o.SpeedKmh == 0 {
		o.SpeedKmh = 18
	}
	if o.Start == 0 && o.End == 0 {
		o.Start, o.End = 20250101, 20251231
	}
	if o.Timezone == "" {
		o.Timezone = "Europe/London"
	}
	return o
}

func (o SyntheticOptions) validate() error {
	switch {
	case o.Rows < 2 || o.Cols < 2:
		return fmt.Errorf("synthetic grid %dx%d: want at least 2x2", o.Rows, o.Cols)
	case o.Headway <= 0 || o.ServiceEnd <= o.ServiceStart || o.ServiceStart < 0:
		return fmt.Errorf("synthetic service %s-%s every %d s: want a positive window and headway",
			FormatTime(o.ServiceStart), FormatTime(o.ServiceEnd), o.Headway)
	case o.SpacingM <= 0 || o.SpeedKmh <= 0 || o.TimedEvery < 1:
		return fmt.Errorf("synthetic spacing %g m, speed %g km/h, timed every %d: want positive values", o.SpacingM, o.SpeedKmh, o.TimedEvery)
	case !o.Start.Valid() || !o.End.Valid() || o.End < o.Start:
		return fmt.Errorf("synthetic calendar %v-%v: want valid dates in order", o.Start, o.End)
	}
	return nil
}

// Departures is the number of departures per route and direction.
func (o SyntheticOptions) Departures() int {
	o = o.withDefaults()
	return int((o.ServiceEnd - o.ServiceStart + o.Headway - 1) / o.Headway)
}

// StopTimeCount is the number of stop_times.txt rows the options produce.
func (o SyntheticOptions) StopTimeCount() int64 {
	d := o.withDefaults()
	return 4 * int64(d.Rows) * int64(d.Cols) * int64(d.Departures())
}

// WriteSyntheticGrid writes a synthetic grid-city GTFS feed into the folder
// dir (created if needed). It streams: memory does not depend on the
// number of stop times.
func WriteSyntheticGrid(dir string, opts SyntheticOptions) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write synthetic gtfs: %w", err)
	}
	return writeGrid(opts, func(name string, body func(*bufio.Writer) error) error {
		file, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		w := bufio.NewWriterSize(file, 256<<10)
		err = body(w)
		if ferr := w.Flush(); err == nil {
			err = ferr
		}
		if cerr := file.Close(); err == nil {
			err = cerr
		}
		return err
	})
}

// WriteSyntheticGridZip writes the same feed as a zip archive to w.
func WriteSyntheticGridZip(w io.Writer, opts SyntheticOptions) error {
	zw := zip.NewWriter(w)
	err := writeGrid(opts, func(name string, body func(*bufio.Writer) error) error {
		entry, err := zw.Create(name)
		if err != nil {
			return err
		}
		bw := bufio.NewWriterSize(entry, 256<<10)
		if err := body(bw); err != nil {
			return err
		}
		return bw.Flush()
	})
	if cerr := zw.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeGrid writes each file of the feed through create.
func writeGrid(opts SyntheticOptions, create func(name string, body func(*bufio.Writer) error) error) error {
	o := opts.withDefaults()
	if err := o.validate(); err != nil {
		return err
	}
	g := grid{o: o, deps: o.Departures()}
	files := []struct {
		name string
		body func(*bufio.Writer) error
	}{
		{"agency.txt", g.agency}, {"feed_info.txt", g.feedInfo}, {"calendar.txt", g.calendar},
		{"stops.txt", g.stops}, {"routes.txt", g.routes}, {"trips.txt", g.trips}, {"stop_times.txt", g.stopTimes},
	}
	for _, f := range files {
		if err := create(f.name, f.body); err != nil {
			return fmt.Errorf("write synthetic %s: %w", f.name, err)
		}
	}
	return nil
}

// grid generates the rows of a synthetic feed on the fly.
type grid struct {
	o    SyntheticOptions
	deps int
}

func (g grid) agency(w *bufio.Writer) error {
	_, err := fmt.Fprintf(w, "agency_id,agency_name,agency_url,agency_timezone,agency_lang\r\n"+
		"SYNTH,Grid City Transit (%s),https://example.invalid/synthetic,%s,en\r\n", SyntheticNotice, g.o.Timezone)
	return err
}

func (g grid) feedInfo(w *bufio.Writer) error {
	_, err := fmt.Fprintf(w, "feed_publisher_name,feed_publisher_url,feed_lang,feed_start_date,feed_end_date,feed_version\r\n"+
		"Threshold synthetic grid generator (%s),https://example.invalid/synthetic,en,%v,%v,grid-%dx%d-h%d-t%d\r\n",
		SyntheticNotice, g.o.Start, g.o.End, g.o.Rows, g.o.Cols, g.o.Headway, g.o.TimedEvery)
	return err
}

func (g grid) calendar(w *bufio.Writer) error {
	_, err := fmt.Fprintf(w, "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\r\n"+
		"ALL,1,1,1,1,1,1,1,%v,%v\r\n", g.o.Start, g.o.End)
	return err
}

// stopPos places grid stop (r, c): rows run north, columns east.
func (g grid) stopPos(r, c int) orb.Point {
	const mPerDeg = 111195.0
	lat := g.o.Origin[1] + float64(r)*g.o.SpacingM/mPerDeg
	lon := g.o.Origin[0] + float64(c)*g.o.SpacingM/(mPerDeg*math.Cos(lat*math.Pi/180))
	return orb.Point{lon, lat}
}

func (g grid) station(r, c int) bool {
	return g.o.StationEvery > 0 && r%g.o.StationEvery == 0 && c%g.o.StationEvery == 0
}

// stops writes one stop per grid point, with a mix of wheelchair_boarding
// 0, 1 and 2, and parent stations (wheelchair_boarding 1) whose child stops
// say 0, "inherit from the parent".
func (g grid) stops(w *bufio.Writer) error {
	w.WriteString("stop_id,stop_name,stop_desc,stop_lat,stop_lon,location_type,parent_station,wheelchair_boarding\r\n")
	for r := 0; r < g.o.Rows; r++ {
		for c := 0; c < g.o.Cols; c++ {
			p := g.stopPos(r, c)
			wc, parent := (r+2*c)%3, ""
			if g.station(r, c) {
				parent, wc = fmt.Sprintf("S%d_%d", r, c), 0
				fmt.Fprintf(w, "%s,Station r%d c%d,%s,%.6f,%.6f,1,,1\r\n", parent, r, c, SyntheticNotice, p[1], p[0])
			}
			fmt.Fprintf(w, "G%d_%d,Stop r%d c%d,%s,%.6f,%.6f,0,%s,%d\r\n", r, c, r, c, SyntheticNotice, p[1], p[0], parent, wc)
		}
	}
	return nil
}

func (g grid) routes(w *bufio.Writer) error {
	w.WriteString("route_id,agency_id,route_short_name,route_long_name,route_type\r\n")
	for r := 0; r < g.o.Rows; r++ {
		fmt.Fprintf(w, "H%d,SYNTH,H%d,Row %d west-east (synthetic),3\r\n", r, r, r)
	}
	for c := 0; c < g.o.Cols; c++ {
		fmt.Fprintf(w, "V%d,SYNTH,V%d,Column %d south-north (synthetic),3\r\n", c, c, c)
	}
	return nil
}

// eachTrip calls fn for every trip: route, direction, departure index and
// the trip's stops as grid coordinates.
func (g grid) eachTrip(fn func(route string, dir, k int, n int, at func(i int) (r, c int)) error) error {
	for r := 0; r < g.o.Rows; r++ {
		row := r
		for dir := 0; dir < 2; dir++ {
			for k := 0; k < g.deps; k++ {
				at := func(i int) (int, int) { return row, along(i, g.o.Cols, dir) }
				if err := fn("H"+strconv.Itoa(r), dir, k, g.o.Cols, at); err != nil {
					return err
				}
			}
		}
	}
	for c := 0; c < g.o.Cols; c++ {
		col := c
		for dir := 0; dir < 2; dir++ {
			for k := 0; k < g.deps; k++ {
				at := func(i int) (int, int) { return along(i, g.o.Rows, dir), col }
				if err := fn("V"+strconv.Itoa(c), dir, k, g.o.Rows, at); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func along(i, n, dir int) int {
	if dir == 1 {
		return n - 1 - i
	}
	return i
}

func (g grid) trips(w *bufio.Writer) error {
	w.WriteString("route_id,service_id,trip_id,direction_id,wheelchair_accessible\r\n")
	return g.eachTrip(func(route string, dir, k, _ int, _ func(int) (int, int)) error {
		// wheelchair_accessible cycles 0, 1, 2 across departures.
		_, err := fmt.Fprintf(w, "%s,ALL,%s_%d_%d,%d,%d\r\n", route, route, dir, k, dir, k%3)
		return err
	})
}

func (g grid) stopTimes(w *bufio.Writer) error {
	w.WriteString("trip_id,arrival_time,departure_time,stop_id,stop_sequence,timepoint\r\n")
	hop := g.o.SpacingM / (g.o.SpeedKmh / 3.6)
	buf := make([]byte, 0, 128)
	return g.eachTrip(func(route string, dir, k, n int, at func(int) (int, int)) error {
		dep := g.o.ServiceStart + int32(k)*g.o.Headway
		for i := 0; i < n; i++ {
			r, c := at(i)
			t := dep + int32(math.Round(float64(i)*hop))
			timed := i%g.o.TimedEvery == 0 || i == n-1
			buf = appendStopTime(buf[:0], route, dir, k, t, timed, r, c, i+1)
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	})
}

func appendStopTime(b []byte, route string, dir, k int, t int32, timed bool, r, c, seq int) []byte {
	b = append(b, route...)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(dir), 10)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(k), 10)
	b = append(b, ',')
	if timed {
		b = appendTime(b, t)
		b = append(b, ',')
		b = appendTime(b, t)
	} else {
		b = append(b, ',')
	}
	b = append(b, ",G"...)
	b = strconv.AppendInt(b, int64(r), 10)
	b = append(b, '_')
	b = strconv.AppendInt(b, int64(c), 10)
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(seq), 10)
	if timed {
		b = append(b, ",1\r\n"...)
	} else {
		b = append(b, ",\r\n"...)
	}
	return b
}

func appendTime(b []byte, t int32) []byte {
	two := func(b []byte, v int32) []byte { return append(b, byte('0'+v/10), byte('0'+v%10)) }
	h := t / 3600
	if h >= 100 {
		b = strconv.AppendInt(b, int64(h), 10)
	} else {
		b = two(b, h)
	}
	b = append(b, ':')
	b = two(b, t/60%60)
	b = append(b, ':')
	return two(b, t%60)
}
