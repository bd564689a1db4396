package area

import (
	"fmt"
	"io"
	"strings"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// RUC is the ONS 2021 Rural-Urban Classification of an LSOA 2021.
type RUC struct {
	Code  string // UN1, UF1, RLN1, RLF1, RSN1, RSF1
	Name  string // e.g. "Smaller rural: Further from a major town or city"
	Urban bool   // true for UN1 and UF1
}

// ruc21Urban knows the six classes of RUC 2021; the code decides Urban.
func ruc21Urban(code string) (urban, ok bool) {
	switch code {
	case "UN1", "UF1":
		return true, true
	case "RLN1", "RLF1", "RSN1", "RSF1":
		return false, true
	}
	return false, false
}

// ReadRUC reads the RUC 2021 LSOA lookup (lsoa21_code, ruc21_code,
// classification, ruc) keeping the rows whose LSOA is in want.
func ReadRUC(r io.Reader, file string, want CodeSet) (map[string]RUC, Report, error) {
	rep := newReport(file)
	t, err := openTable(r, file, &rep)
	if err != nil {
		return nil, rep, err
	}
	key, errK := t.Need("lsoa21_code", "LSOA21CD")
	code, errC := t.Need("ruc21_code", "RUC21CD")
	if err := firstErr(errK, errC); err != nil {
		return nil, rep, err
	}
	name, flag := t.Header.Col("classification", "RUC21NM"), t.Header.Col("ruc", "Urban_rural_flag")
	out := make(map[string]RUC)
	err = t.each(key, want, func(rec []string, lsoa string, line int) bool {
		u, reason := parseRUC(csvtab.Field(rec, code), csvtab.Field(rec, flag))
		if reason == "" {
			reason = dupReason(out, lsoa)
		}
		if reason != "" {
			rep.Reject(line, "ruc21_code", reason)
			return false
		}
		out[lsoa] = RUC{Code: csvtab.Field(rec, code), Name: csvtab.Field(rec, name), Urban: u}
		return true
	})
	return out, rep, err
}

// parseRUC checks a RUC 2021 code and, when the file has one, that the
// Urban/Rural flag agrees with it.
func parseRUC(code, flag string) (urban bool, reason string) {
	urban, ok := ruc21Urban(code)
	if !ok {
		return false, fmt.Sprintf("unknown RUC 2021 code %q", code)
	}
	want := "Rural"
	if urban {
		want = "Urban"
	}
	if flag != "" && !strings.EqualFold(flag, want) {
		return false, fmt.Sprintf("code %s disagrees with flag %q", code, flag)
	}
	return urban, ""
}

func dupReason[V any](m map[string]V, code string) string {
	if _, dup := m[code]; dup {
		return fmt.Sprintf("%s appears twice", code)
	}
	return ""
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}
