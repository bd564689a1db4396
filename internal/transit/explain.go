package transit

// Barrier is the first element of a journey that a step-free search may
// not use: a stop or trip whose access value is unknown or no.
type Barrier struct {
	Element
	// Leg is the index of the ride leg in Journey.Legs.
	Leg int
}

// ExplainStepFree answers "why is there no step-free journey?": it runs the
// same query without the step-free filter and returns the first boarding
// stop, trip or alighting stop of the best unrestricted journey whose
// access is not yes or assumed, with that journey in j. found is false when
// even the unrestricted search finds no journey, or when its best journey
// is step-free throughout (the step-free search then failed on limits
// rather than on one element).
func (w *Searcher) ExplainStepFree(origins, destinations []StopAccess, p Params, arriveBy bool, j *Journey) (b Barrier, found bool, err error) {
	p.StepFree = false
	ok, err := w.Route(origins, destinations, p, arriveBy, j)
	if err != nil || !ok {
		return Barrier{}, false, err
	}
	for i, l := range j.Legs {
		if l.Kind != LegRide {
			continue
		}
		for _, e := range [...]Element{
			w.s.element(ElementStop, l.From),
			w.s.element(ElementTrip, l.Trip),
			w.s.element(ElementStop, l.To),
		} {
			if !e.Access.StepFree() {
				return Barrier{Element: e, Leg: i}, true, nil
			}
		}
	}
	return Barrier{}, false, nil
}
