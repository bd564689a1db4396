package gtfs

// Route types of routes.txt (the basic set; extended types 100-1799 are
// kept as given).
const (
	RouteTram       int16 = 0
	RouteSubway     int16 = 1
	RouteRail       int16 = 2
	RouteBus        int16 = 3
	RouteFerry      int16 = 4
	RouteCableTram  int16 = 5
	RouteAerialLift int16 = 6
	RouteFunicular  int16 = 7
	RouteTrolleybus int16 = 11
	RouteMonorail   int16 = 12
)

// Continuous pickup and drop-off values (routes.txt, stop_times.txt). An
// empty value is ContinuousNone.
const (
	ContinuousYes         int8 = 0
	ContinuousNone        int8 = 1
	ContinuousPhoneAgency int8 = 2
	ContinuousAskDriver   int8 = 3
)

// Route is a row of routes.txt.
type Route struct {
	ID                string
	AgencyID          string
	ShortName         string
	LongName          string
	Desc              string
	Type              int16 // Route* constants or an extended type
	URL               string
	Color             string
	TextColor         string
	SortOrder         int32 // -1 when absent
	ContinuousPickup  int8
	ContinuousDropOff int8
	NetworkID         string
}

// Routes streams routes.txt. The file is required.
func (f *Feed) Routes(fn func(Route) error) error {
	return table[Route]{
		file:     "routes.txt",
		required: []string{"route_id", "route_type"},
		bind:     bindRoute,
	}.read(f, fn)
}

func bindRoute(h *header) func(*row) Route {
	id, agency, short, long, desc := h.col("route_id"), h.col("agency_id"), h.col("route_short_name"), h.col("route_long_name"), h.col("route_desc")
	typ, url, color, text, sort := h.col("route_type"), h.col("route_url"), h.col("route_color"), h.col("route_text_color"), h.col("route_sort_order")
	cp, cd, network := h.col("continuous_pickup"), h.col("continuous_drop_off"), h.col("network_id")
	return func(r *row) Route {
		rt := Route{ID: r.need(id), AgencyID: r.str(agency), ShortName: r.str(short), LongName: r.str(long),
			Desc: r.str(desc), URL: r.str(url), Color: r.str(color), TextColor: r.str(text), NetworkID: r.str(network)}
		rt.Type = int16(r.integer(typ, 0, 1799, 0, true))
		rt.SortOrder = int32(r.integer(sort, 0, 1<<31-1, -1, false))
		rt.ContinuousPickup = r.flag(cp, 0, 3, int(ContinuousNone), false)
		rt.ContinuousDropOff = r.flag(cd, 0, 3, int(ContinuousNone), false)
		if rt.ShortName == "" && rt.LongName == "" {
			r.warn(short, "route has neither a short nor a long name")
		}
		return rt
	}
}
