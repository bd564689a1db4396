package coverage

import "github.com/threshold-heritage/threshold/internal/profile"

// ProfilePopulation is how many of a cell's residents a profile stands
// for: residents aged 65 and over for bus-pass (State Pension age is the
// concessionary pass's qualifying age), disabled residents (Census 2021,
// day-to-day activities limited) for wheelchair, residents of rural cells
// for rural-dial-a-ride (none in urban cells or where rurality is not
// known), and everyone for walker, no-money, car and any other profile. An
// overridden standard profile counts as its base.
func ProfilePopulation(p profile.Profile, c Cell) float64 {
	id := p.ID
	if p.BaseID != "" {
		id = p.BaseID
	}
	switch id {
	case "bus-pass":
		return c.Age65Plus
	case "wheelchair":
		return c.Disabled
	case "rural-dial-a-ride":
		if c.Rural && c.RuralKnown {
			return c.Population
		}
		return 0
	}
	return c.Population
}
