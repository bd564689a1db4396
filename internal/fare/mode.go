package fare

// Mode is the kind of service a ride is on, as fares and concessions see it.
type Mode string

// Modes. Only Bus is covered by the national concession; Rail and Coach
// never are; DialARide and Tram may be covered by an authority's extension.
const (
	Bus       Mode = "bus"         // a local bus service
	Rail      Mode = "rail"        // heavy rail, metro, underground, monorail
	DialARide Mode = "dial_a_ride" // demand-responsive transport
	Coach     Mode = "coach"       // long-distance and express coach
	Tram      Mode = "tram"        // tram and light rail
	Ferry     Mode = "ferry"
	Other     Mode = "other"
)

// Modes lists every mode.
func Modes() []Mode { return []Mode{Bus, Rail, DialARide, Coach, Tram, Ferry, Other} }

func (m Mode) valid() bool {
	for _, v := range Modes() {
		if m == v {
			return true
		}
	}
	return false
}

// ModeOfRouteType maps a GTFS route_type, basic or extended, to a Mode:
// 3, 11 and the 700s are Bus except 715 (demand and response bus), which
// is DialARide; the 200s are Coach; 2, 1, 12 and the 100s and 400s are
// Rail; 0, 5 and the 900s are Tram; 4 and the 1000s and 1200s are Ferry;
// anything else is Other.
func ModeOfRouteType(t int) Mode {
	switch {
	case t == 715:
		return DialARide
	case t == 3 || t == 11 || (t >= 700 && t <= 799) || t == 800:
		return Bus
	case t >= 200 && t <= 299:
		return Coach
	case t == 1 || t == 2 || t == 12 || (t >= 100 && t <= 199) || (t >= 400 && t <= 499):
		return Rail
	case t == 0 || t == 5 || (t >= 900 && t <= 999):
		return Tram
	case t == 4 || (t >= 1000 && t <= 1299):
		return Ferry
	}
	return Other
}
