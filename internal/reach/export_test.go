package reach

// SetUnboundedDays runs the day searches without their sessions' bounds
// (see dayBounds) and returns the previous setting.
func SetUnboundedDays(on bool) bool {
	old := unboundedDays
	unboundedDays = on
	return old
}

// SetShareDays lets days that ride the same services share their
// searches (see dayGroups) and returns the previous setting.
func SetShareDays(on bool) bool {
	old := shareDays
	shareDays = on
	return old
}

// SetJudgeAllDistances judges sessions however far their venue (see
// MaxSpeedKPH) and returns the previous setting.
func SetJudgeAllDistances(on bool) bool {
	old := judgeAllDistances
	judgeAllDistances = on
	return old
}
