package nhle

import (
	"fmt"

	"github.com/paulmach/orb"
)

// collector keeps one Entry per key. A later row of the same entry with the
// same name and grade is folded in (its distinct points and polygons
// appended); one that disagrees is rejected.
type collector struct {
	rep   *Report
	byKey map[string]int
	lines []int
	out   []Entry
}

func newCollector(rep *Report) *collector {
	return &collector{rep: rep, byKey: make(map[string]int)}
}

func (c *collector) add(e Entry, line int) {
	i, dup := c.byKey[e.Key]
	if !dup {
		c.byKey[e.Key] = len(c.out)
		c.out = append(c.out, e)
		c.lines = append(c.lines, line)
		return
	}
	first := &c.out[i]
	if first.Name != e.Name || first.Grade != e.Grade || first.Designation != e.Designation {
		c.rep.Reject(line, "ListEntry", fmt.Sprintf("list entry %s at line %d has another name or grade", e.Key, c.lines[i]))
		return
	}
	mergeInto(first, e)
	c.rep.Merged++
	c.rep.Warn(line, "ListEntry", fmt.Sprintf("repeats list entry %s of line %d; merged", e.Key, c.lines[i]))
}

func mergeInto(dst *Entry, e Entry) {
	for _, p := range e.Points {
		if !hasPoint(dst.Points, p) {
			dst.Points = append(dst.Points, p)
		}
	}
	if !dst.HasPoint && e.HasPoint {
		dst.Point, dst.HasPoint = e.Point, true
	}
	dst.Polygon = append(dst.Polygon, e.Polygon...)
	if !dst.HasGrid && e.HasGrid {
		dst.Easting, dst.Northing, dst.HasGrid, dst.SRID = e.Easting, e.Northing, true, e.SRID
	}
}

func hasPoint(ps orb.MultiPoint, p orb.Point) bool {
	for _, q := range ps {
		if q == p {
			return true
		}
	}
	return false
}

func (c *collector) entries() []Entry {
	c.rep.Loaded = len(c.out)
	return c.out
}
