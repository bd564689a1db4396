package coverage

// SetShareSearches turns the sharing of range searches between sessions on
// or off and returns the previous setting.
func SetShareSearches(on bool) bool {
	old := shareSearches
	shareSearches = on
	return old
}
