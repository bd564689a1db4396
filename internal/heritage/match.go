package heritage

import (
	"strings"
	"unicode"
)

// The site matching rule. Two records from different sources are the same
// site when they are within SameSiteNearM metres of each other whatever
// their names, or within SameSiteNamedM metres and their names agree: after
// lower-casing, dropping punctuation and the generic words below, the words
// of one name, at least two of them, are all in the other's, or more than
// half of all their words are shared. A name that reduces to one word (often
// just the town: "Bembridge Heritage Centre") is too weak to merge on, so
// such records stay separate sites unless they are within SameSiteNearM:
// a missed merge shows a place twice; a wrong merge would hide one. "Carisbrooke Castle Museum" (Mapping Museums) and
// "Carisbrooke Castle" (OpenStreetMap) 60 m apart are one site; two
// different chapels 40 m apart are not.
const (
	SameSiteNearM  = 25
	SameSiteNamedM = 300
)

var genericWords = map[string]bool{
	"the": true, "of": true, "and": true, "at": true, "in": true, "on": true, "a": true,
	"museum": true, "museums": true, "gallery": true, "heritage": true, "centre": true,
	"center": true, "trust": true, "collection": true, "visitor": true, "exhibition": true,
}

// SameSite applies the matching rule to two names distM metres apart.
func SameSite(nameA, nameB string, distM float64) bool {
	if distM <= SameSiteNearM {
		return true
	}
	if distM > SameSiteNamedM {
		return false
	}
	a, b := nameWords(nameA), nameWords(nameB)
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	shared := 0
	for w := range a {
		if b[w] {
			shared++
		}
	}
	if shared >= 2 && (shared == len(a) || shared == len(b)) {
		return true
	}
	union := len(a) + len(b) - shared
	return 2*shared > union
}

// nameWords returns the significant words of a name.
func nameWords(name string) map[string]bool {
	words := strings.FieldsFunc(strings.ToLower(name), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := make(map[string]bool, len(words))
	for _, w := range words {
		if w == "st" {
			w = "saint"
		}
		if !genericWords[w] {
			out[w] = true
		}
	}
	return out
}
