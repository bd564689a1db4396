package naptan

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that no input panics the reader and that its counts add
// up: every row read is either loaded or rejected, and loaded stops carry a
// key and sane coordinates.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.csv")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("ATCOCode,CommonName\n\"x\"\"y\",z\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var n int
		rep, err := Read(bytes.NewReader(data), "fuzz.csv", func(s Stop) error {
			n++
			if s.ATCO == "" || s.CommonName == "" {
				t.Errorf("loaded stop without key: %+v", s)
			}
			if s.HasPoint && (s.Point[0] < -180 || s.Point[0] > 180 || s.Point[1] < -90 || s.Point[1] > 90) {
				t.Errorf("point out of range: %v", s.Point)
			}
			return nil
		})
		if err != nil {
			return
		}
		if rep.Loaded != n || rep.Read != rep.Loaded+rep.Rejected {
			t.Errorf("counts do not add up: %+v, %d emitted", rep, n)
		}
	})
}
