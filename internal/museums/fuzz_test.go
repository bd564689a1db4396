package museums

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzRead checks that no input panics the reader, that counts add up and
// that every museum passed on has a key and a valid closing range.
func FuzzRead(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.csv")
	for _, p := range files {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("museum_id,Name_of_museum,Year_closed,Latitude,Longitude\na,b,1:2,1,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		n := 0
		rep, err := Read(bytes.NewReader(data), "fuzz.csv", func(m Museum) error {
			n++
			if m.ID == "" || m.Name == "" || m.Closed.From < 1 || m.Closed.From > m.Closed.To {
				t.Errorf("bad museum passed on: %+v", m)
			}
			return nil
		})
		if err == nil && (rep.Loaded != n || rep.Read != rep.Loaded+rep.Rejected) {
			t.Errorf("counts do not add up: %+v, %d emitted", rep, n)
		}
	})
}
