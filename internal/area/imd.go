package area

import (
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

// IMD is the English Index of Multiple Deprivation 2025 for an LSOA 2021.
// Decile 1 and rank 1 are the most deprived; a higher score is more deprived.
type IMD struct {
	Decile int
	Rank   int
	Score  float64
}

// ReadIMD reads the IoD2025 LSOA table (lsoa21_code, IMD_decile, IMD_rank,
// IMD_score, ...) keeping the rows whose LSOA is in want. England only: a
// Welsh LSOA has no row and stays unknown.
func ReadIMD(r io.Reader, file string, want CodeSet) (map[string]IMD, Report, error) {
	rep := newReport(file)
	t, err := openTable(r, file, &rep)
	if err != nil {
		return nil, rep, err
	}
	key, errK := t.Need("lsoa21_code", "LSOA code (2021)")
	dec, errD := t.Need("IMD_decile")
	rank, errR := t.Need("IMD_rank")
	score, errS := t.Need("IMD_score")
	if err := firstErr(errK, errD, errR, errS); err != nil {
		return nil, rep, err
	}
	out := make(map[string]IMD)
	err = t.each(key, want, func(rec []string, lsoa string, line int) bool {
		v, reason := parseIMD(csvtab.Field(rec, dec), csvtab.Field(rec, rank), csvtab.Field(rec, score))
		if reason == "" {
			reason = dupReason(out, lsoa)
		}
		if reason != "" {
			rep.Reject(line, "IMD_decile", reason)
			return false
		}
		out[lsoa] = v
		return true
	})
	return out, rep, err
}

func parseIMD(dec, rank, score string) (IMD, string) {
	d, errD := strconv.Atoi(dec)
	r, errR := strconv.Atoi(rank)
	s, errS := strconv.ParseFloat(score, 64)
	switch {
	case errD != nil || errR != nil || errS != nil || math.IsNaN(s) || math.IsInf(s, 0):
		return IMD{}, fmt.Sprintf("not decile, rank, score numbers: %q, %q, %q", dec, rank, score)
	case d < 1 || d > 10 || r < 1:
		return IMD{}, fmt.Sprintf("decile %d or rank %d out of range", d, r)
	}
	return IMD{Decile: d, Rank: r, Score: s}, ""
}
