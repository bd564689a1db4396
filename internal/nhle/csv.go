package nhle

import (
	"fmt"
	"io"

	"github.com/threshold-heritage/threshold/internal/csvtab"
)

type csvColumns struct {
	listEntry, ref, name, grade, date, url int
	easting, northing, lon, lat            int
}

func entryColumns(h csvtab.Header) csvColumns {
	return csvColumns{
		listEntry: h.Col("ListEntry", "ListEntryNumber", "list_entry_number", "List Entry Number"),
		ref:       h.Col("UID", "reference", "risk_survey_reference"),
		name:      h.Col("Name", "site_name"),
		grade:     h.Col("Grade"),
		date:      h.Col("ListDate", "designation_date", "DateOfDesignation"),
		url:       h.Col("hyperlink", "list_entry_url", "URL"),
		easting:   h.Col("Easting", "x"), northing: h.Col("Northing", "y"),
		lon: h.Col("Longitude", "lon", "long"), lat: h.Col("Latitude", "lat"),
	}
}

func (c csvColumns) fields(rec []string) rowFields {
	return rowFields{
		listEntry: csvtab.Field(rec, c.listEntry), ref: csvtab.Field(rec, c.ref), name: csvtab.Field(rec, c.name),
		grade: csvtab.Field(rec, c.grade), date: csvtab.Field(rec, c.date), url: csvtab.Field(rec, c.url),
		easting: csvtab.Field(rec, c.easting), northing: csvtab.Field(rec, c.northing),
		lon: csvtab.Field(rec, c.lon), lat: csvtab.Field(rec, c.lat),
	}
}

// ReadCSV reads a Historic England NHLE CSV export (ListEntry, Name, Grade,
// ListDate, AmendDate, hyperlink, NGR, Easting, Northing, ...; any column
// order) whose rows are all of designation d. Coordinates stay in British
// National Grid. Rows repeating a list entry are merged into one Entry.
func ReadCSV(r io.Reader, file string, d Designation) ([]Entry, Report, error) {
	rep := newReport(file)
	t, err := csvtab.Open(r, file)
	if err != nil {
		return nil, rep, err
	}
	c := entryColumns(t.Header)
	if err := checkCSVColumns(c, d, file); err != nil {
		return nil, rep, err
	}
	col := newCollector(&rep)
	err = t.Rows(&rep.Report, func(rec []string, line int) error {
		if e, ok := buildEntry(d, c.fields(rec), line, &rep); ok {
			warnUnplaced(e, line, &rep)
			col.add(e, line)
		}
		return nil
	})
	if err != nil {
		return nil, rep, err
	}
	return col.entries(), rep, nil
}

func checkCSVColumns(c csvColumns, d Designation, file string) error {
	key := c.listEntry
	if d == ConservationArea {
		key = c.ref
	}
	if key < 0 || c.name < 0 {
		return fmt.Errorf("read %s line 1: header lacks a key column (ListEntry, or UID for conservation areas) or Name", file)
	}
	return nil
}
