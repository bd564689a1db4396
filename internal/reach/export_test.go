package reach

// SetUnboundedDays runs the day searches without their sessions' bounds
// (see dayBounds) and returns the previous setting.
func SetUnboundedDays(on bool) bool {
	old := unboundedDays
	unboundedDays = on
	return old
}
