package heritage

import "testing"

func TestSameSite(t *testing.T) {
	cases := []struct {
		a, b string
		d    float64
		want bool
	}{
		{"Carisbrooke Castle Museum", "Carisbrooke Castle", 60, true},
		{"Rutland County Museum", "Rutland County Museum & Visitor Centre", 120, true},
		{"Oakham Castle", "Oakham Castle", 280, true},
		{"Oakham Castle", "Oakham Castle", 400, false},        // too far for any name
		{"St Mary's Church", "Saint Marys Church", 50, false}, // "marys" ≠ "mary" and "s": a different spelling
		{"St Mary Church", "Saint Mary Church", 50, true},     // st = saint
		{"Classic Boat Museum", "Cowes Maritime Museum", 200, false},
		{"Museum", "Gallery", 100, false},             // nothing significant to compare
		{"Dinosaur Isle", "Shanklin Chine", 20, true}, // within 25 m: the same place whatever the names
		{"Bembridge Windmill", "Bembridge Heritage Centre", 150, false},
		{"Osborne", "Osborne House", 100, false}, // one word is too weak beyond 25 m
		{"Brading Roman Villa", "Roman Villa, Brading", 90, true},
	}
	for _, c := range cases {
		if got := SameSite(c.a, c.b, c.d); got != c.want {
			t.Errorf("SameSite(%q, %q, %.0f) = %v, want %v", c.a, c.b, c.d, got, c.want)
		}
	}
}
