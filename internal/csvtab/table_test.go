package csvtab

import (
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// sample has a byte order mark before a quoted header, a row spanning two
// lines, a short row and a long one.
const sample = "\ufeff\"Code\", Name ,Note\n" +
	"A1,First,x\n" +
	"A2,\"Second\nhalf\",y\n" +
	"A3,Third\n" +
	"A4,Fourth,z,extra\n" +
	" A5 , Fifth ,\n"

type row struct {
	Line       int
	Code, Name string
}

func readSample(t *testing.T) ([]row, Report, error) {
	t.Helper()
	tab, err := Open(strings.NewReader(sample), "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	code, err := tab.Need("code")
	if err != nil {
		t.Fatal(err)
	}
	name := tab.Header.Col("name")
	rep := Report{File: tab.File}
	var rows []row
	err = tab.Rows(&rep, func(rec []string, line int) error {
		rows = append(rows, row{line, Field(rec, code), Field(rec, name)})
		return nil
	})
	return rows, rep, err
}

func TestRows(t *testing.T) {
	rows, rep, err := readSample(t)
	if err != nil {
		t.Fatal(err)
	}
	want := []row{{2, "A1", "First"}, {3, "A2", "Second\nhalf"}, {7, "A5", "Fifth"}}
	if !reflect.DeepEqual(rows, want) {
		t.Errorf("rows %+v, want %+v", rows, want)
	}
	if rep.Read != 5 || rep.Rejected != 2 || rep.Loaded != 0 {
		t.Errorf("report %+v: Rows counts read and rejected, leaves loaded to the caller", rep)
	}
	wantIssues := []string{
		"s.csv line 5: : row has 2 fields, header has 3 (rejected)",
		"s.csv line 6: : row has 4 fields, header has 3 (rejected)",
	}
	var got []string
	for _, is := range rep.Issues {
		got = append(got, is.String())
	}
	if !reflect.DeepEqual(got, wantIssues) {
		t.Errorf("issues %q, want %q", got, wantIssues)
	}
}

func TestOpenErrors(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "read e.csv line 1: empty file, no header",
		"\ufeff":            "read e.csv line 1: empty file, no header",
		"a,b\"c\n1,2\n":     `read e.csv line 1: bare " in non-quoted-field`,
		"\"a,b\n1,2\n3,4\n": "read e.csv line 1: extraneous or missing \" in quoted-field",
	} {
		_, err := Open(strings.NewReader(in), "e.csv")
		if err == nil || err.Error() != want {
			t.Errorf("%q: error %v, want %q", in, err, want)
		}
	}
	tab, err := Open(strings.NewReader("a,b\n"), "n.csv")
	if err != nil {
		t.Fatal(err)
	}
	if i, err := tab.Need("c", "a"); err != nil || i != 0 {
		t.Errorf("Need(c, a) = %d, %v", i, err)
	}
	if _, err := tab.Need("ListEntry", "UID"); err == nil || err.Error() != "read n.csv line 1: header lacks column ListEntry" {
		t.Errorf("missing column: %v", err)
	}
}

func TestRowsBrokenQuote(t *testing.T) {
	tab, err := Open(strings.NewReader("a,b\n1,2\n3,x\"y\n5,6\n"), "q.csv")
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	n := 0
	err = tab.Rows(&rep, func([]string, int) error { n++; return nil })
	if err == nil || !strings.HasPrefix(err.Error(), "read q.csv line 3: ") || !errors.Is(err, csv.ErrBareQuote) {
		t.Errorf("error %v, want one naming q.csv line 3 and wrapping csv.ErrBareQuote", err)
	}
	if n != 1 || rep.Read != 1 {
		t.Errorf("%d rows passed, %d read before the broken one, want 1", n, rep.Read)
	}
}

func TestRowsCallbackError(t *testing.T) {
	stop := errors.New("stop")
	tab, err := Open(strings.NewReader("a\n1\n2\n3\n"), "c.csv")
	if err != nil {
		t.Fatal(err)
	}
	var rep Report
	err = tab.Rows(&rep, func(_ []string, line int) error {
		if line == 3 {
			return stop
		}
		return nil
	})
	if err != stop || rep.Read != 2 {
		t.Errorf("error %v after %d rows, want the callback's own error after 2", err, rep.Read)
	}
}

func TestEmit(t *testing.T) {
	stop := errors.New("stop")
	tab, err := Open(strings.NewReader("n\n1\nbad\n2\n3\n4\n"), "m.csv")
	if err != nil {
		t.Fatal(err)
	}
	rep := Report{File: "m.csv"}
	parse := func(rec []string, line int) (string, bool) {
		if rec[0] == "bad" {
			rep.Reject(line, "n", "not a number")
			return "", false
		}
		return rec[0], true
	}
	var got []string
	err = Emit(tab, &rep, parse, func(v string) error {
		got = append(got, v)
		if v == "3" {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || err.Error() != "m.csv line 5: stop" {
		t.Errorf("error %v, want the callback's error prefixed with m.csv line 5", err)
	}
	if !reflect.DeepEqual(got, []string{"1", "2", "3"}) || rep.Read != 4 || rep.Loaded != 3 || rep.Rejected != 1 {
		t.Errorf("values %q, report %+v", got, rep)
	}
}

func TestReport(t *testing.T) {
	rep := Report{File: "r.csv"}
	rep.Reject(4, "Name", "empty")
	rep.Warn(5, "Latitude", "no coordinates")
	want := []Issue{
		{File: "r.csv", Line: 4, Field: "Name", Reason: "empty"},
		{File: "r.csv", Line: 5, Field: "Latitude", Reason: "no coordinates", Warning: true},
	}
	if rep.Rejected != 1 || !reflect.DeepEqual(rep.Issues, want) {
		t.Errorf("report %+v", rep)
	}
	if s := want[1].String(); s != "r.csv line 5: Latitude: no coordinates (warning)" {
		t.Errorf("String() = %q", s)
	}
}

func TestCollect(t *testing.T) {
	stop := errors.New("stop")
	read := func(fn func(int) error) (Report, error) {
		for i := 1; i <= 3; i++ {
			if err := fn(i); err != nil {
				return Report{Read: i}, err
			}
		}
		return Report{Read: 3, Loaded: 3}, stop
	}
	got, rep, err := Collect(read)
	if !reflect.DeepEqual(got, []int{1, 2, 3}) || rep.Loaded != 3 || err != stop {
		t.Errorf("Collect = %v, %+v, %v", got, rep, err)
	}
}
