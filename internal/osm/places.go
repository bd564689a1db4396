package osm

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
	"github.com/paulmach/osm"
)

func newPlace(key string, tags osm.Tags, p orb.Point) Place {
	return Place{
		Key: key, Point: p,
		Name:              tags.Find("name"),
		Historic:          tags.Find("historic"),
		Heritage:          tags.Find("heritage"),
		ListedStatus:      tags.Find("listed_status"),
		NHLE:              tags.Find("ref:GB:nhle"),
		Tourism:           tags.Find("tourism"),
		Building:          tags.Find("building"),
		Wheelchair:        tags.Find("wheelchair"),
		ToiletsWheelchair: tags.Find("toilets:wheelchair"),
		Website:           firstNonEmpty(tags.Find("website"), tags.Find("contact:website")),
		OpeningHours:      tags.Find("opening_hours"),
		Wikidata:          tags.Find("wikidata"),
	}
}

func firstNonEmpty(vs ...string) string {
	for _, v := range vs {
		if v != "" {
			return v
		}
	}
	return ""
}

// buildPlaces adds way and relation places to the node places read in
// the node pass and sorts them by Key.
func (r *reader) buildPlaces() []Place {
	out := r.places
	for _, w := range r.placeWays {
		if c, ok := centroid(orb.MultiLineString{r.line(w)}); ok {
			out = append(out, newPlace(fmt.Sprintf("way/%d", w.id), w.tags, c))
			r.stats.PlaceWays++
		}
	}
	slices.SortFunc(r.members, func(a, b wayRec) int { return cmpInt(a.id, b.id) })
	for _, rel := range r.rels {
		if c, ok := centroid(r.relationLines(rel)); ok {
			out = append(out, newPlace(fmt.Sprintf("relation/%d", rel.id), rel.tags, c))
			r.stats.PlaceRels++
		}
	}
	slices.SortFunc(out, func(a, b Place) int { return strings.Compare(a.Key, b.Key) })
	return out
}

// line returns the way's geometry, skipping nodes missing from the file.
func (r *reader) line(w wayRec) orb.LineString {
	var l orb.LineString
	for _, i := range r.refIdx[w.first:w.end] {
		if r.have[i] {
			l = append(l, r.coords[i])
		}
	}
	return l
}

func (r *reader) relationLines(rel relPlace) orb.MultiLineString {
	var ml orb.MultiLineString
	for _, id := range rel.members {
		k, ok := slices.BinarySearchFunc(r.members, id, func(w wayRec, id int64) int { return cmpInt(w.id, id) })
		if ok {
			ml = append(ml, r.line(r.members[k]))
		}
	}
	return ml
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// centroid: the area centroid of a single closed way, else the
// length-weighted centroid of the lines (a relation's outer members, an
// open way), else the mean of the points (a way of coincident nodes).
func centroid(ml orb.MultiLineString) (orb.Point, bool) {
	n := 0
	for _, l := range ml {
		n += len(l)
	}
	if n == 0 {
		return orb.Point{}, false
	}
	if len(ml) == 1 && len(ml[0]) >= 4 && ml[0][0] == ml[0][len(ml[0])-1] {
		if c, a := planar.CentroidArea(orb.Ring(ml[0])); a != 0 {
			return c, true
		}
	}
	if planar.Length(ml) > 0 {
		c, _ := planar.CentroidArea(ml)
		return c, true
	}
	var x, y float64
	for _, l := range ml {
		for _, p := range l {
			x, y = x+p[0], y+p[1]
		}
	}
	return orb.Point{x / float64(n), y / float64(n)}, true
}
