package nhle

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
)

type csvColumns struct {
	n                                      int
	listEntry, ref, name, grade, date, url int
	easting, northing, lon, lat            int
}

func entryColumns(h header, n int) csvColumns {
	return csvColumns{
		n:         n,
		listEntry: h.col("ListEntry", "ListEntryNumber", "list_entry_number", "List Entry Number"),
		ref:       h.col("UID", "reference", "risk_survey_reference"),
		name:      h.col("Name", "site_name"),
		grade:     h.col("Grade"),
		date:      h.col("ListDate", "designation_date", "DateOfDesignation"),
		url:       h.col("hyperlink", "list_entry_url", "URL"),
		easting:   h.col("Easting", "x"), northing: h.col("Northing", "y"),
		lon: h.col("Longitude", "lon", "long"), lat: h.col("Latitude", "lat"),
	}
}

func (c csvColumns) fields(rec []string) rowFields {
	return rowFields{
		listEntry: field(rec, c.listEntry), ref: field(rec, c.ref), name: field(rec, c.name),
		grade: field(rec, c.grade), date: field(rec, c.date), url: field(rec, c.url),
		easting: field(rec, c.easting), northing: field(rec, c.northing),
		lon: field(rec, c.lon), lat: field(rec, c.lat),
	}
}

// ReadCSV reads a Historic England NHLE CSV export (ListEntry, Name, Grade,
// ListDate, AmendDate, hyperlink, NGR, Easting, Northing, ...; any column
// order) whose rows are all of designation d. Coordinates stay in British
// National Grid. Rows repeating a list entry are merged into one Entry.
func ReadCSV(r io.Reader, file string, d Designation) ([]Entry, Report, error) {
	rep := Report{File: file}
	cr := newCSV(r)
	head, err := cr.Read()
	if err != nil {
		return nil, rep, headerError(file, err)
	}
	c := entryColumns(newHeader(head), len(head))
	if err := checkCSVColumns(c, d, file); err != nil {
		return nil, rep, err
	}
	col := newCollector(&rep)
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return col.entries(), rep, nil
		}
		if err != nil {
			return nil, rep, csvError(file, err)
		}
		line, _ := cr.FieldPos(0)
		rep.Read++
		if len(rec) != c.n {
			rep.reject(line, "", fmt.Sprintf("row has %d fields, header has %d", len(rec), c.n))
			continue
		}
		if e, ok := buildEntry(d, c.fields(rec), line, &rep); ok {
			warnUnplaced(e, line, &rep)
			col.add(e, line)
		}
	}
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

func csvError(file string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("read %s line %d: %w", file, pe.StartLine, pe.Err)
	}
	return fmt.Errorf("read %s: %w", file, err)
}

func headerError(file string, err error) error {
	if errors.Is(err, io.EOF) {
		return fmt.Errorf("read %s line 1: empty file, no header", file)
	}
	return csvError(file, err)
}
