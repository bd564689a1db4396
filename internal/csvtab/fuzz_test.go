package csvtab

import (
	"strings"
	"testing"
)

// FuzzRows checks that no input panics the reader and that its counts add
// up: every row read is either passed on, with the header's width and a
// line after the header's, or rejected.
func FuzzRows(f *testing.F) {
	f.Add([]byte(sample))
	f.Add([]byte("ATCOCode,CommonName\n\"x\"\"y\",z\n"))
	f.Add([]byte("a,b\n1,2\n3,x\"y\n"))
	f.Add([]byte("\ufeff\"a\"\r\n\"multi\nline\"\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tab, err := Open(strings.NewReader(string(data)), "fuzz.csv")
		if err != nil {
			return
		}
		width := len(tab.Header)
		var rep Report
		passed, last := 0, 1
		err = tab.Rows(&rep, func(rec []string, line int) error {
			passed++
			if line <= last {
				t.Errorf("line %d after line %d", line, last)
			}
			last = line
			if width > 0 && len(rec) < width {
				t.Errorf("row of %d fields passed, header has %d distinct names", len(rec), width)
			}
			return nil
		})
		if err == nil && rep.Read != passed+rep.Rejected {
			t.Errorf("read %d, passed %d, rejected %d", rep.Read, passed, rep.Rejected)
		}
	})
}
