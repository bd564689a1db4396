package csvtab

import "testing"

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{
		"ATCOCode":          "atcocode",
		" atco_code ":       "atcocode",
		"\ufeffATCOCode":    "atcocode",
		"List Entry Number": "listentrynumber",
		"list-entry_number": "listentrynumber",
		"90+":               "90+",
		"":                  "",
	} {
		if got := NormName(in); got != want {
			t.Errorf("NormName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestHeaderCol(t *testing.T) {
	h := NewHeader([]string{"\ufeffATCOCode", "Common Name", "atco_code", "Status"})
	for _, c := range []struct {
		names []string
		want  int
	}{
		{[]string{"ATCOCode"}, 0}, // the first of a repeated name wins
		{[]string{"common_name"}, 1},
		{[]string{"Missing", "STATUS"}, 3}, // the first name present
		{[]string{"Missing"}, -1},
		{nil, -1},
	} {
		if got := h.Col(c.names...); got != c.want {
			t.Errorf("Col(%q) = %d, want %d", c.names, got, c.want)
		}
	}
}

func TestField(t *testing.T) {
	rec := []string{"  a b ", "", "c"}
	for i, want := range map[int]string{0: "a b", 1: "", 2: "c", 3: "", -1: ""} {
		if got := Field(rec, i); got != want {
			t.Errorf("Field(rec, %d) = %q, want %q", i, got, want)
		}
	}
}
