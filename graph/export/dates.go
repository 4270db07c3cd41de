package export

import (
	"strconv"
	"time"
)

// isoDate reports whether d is an ISO 8601 date, partial allowed: YYYY,
// YYYY-MM or YYYY-MM-DD, with a month and day that exist.
func isoDate(d string) bool {
	switch len(d) {
	case 4:
		_, err := strconv.Atoi(d)
		return err == nil && d[0] != '-' && d[0] != '+'
	case 7:
		_, err := time.Parse("2006-01", d)
		return err == nil
	case 10:
		_, err := time.Parse("2006-01-02", d)
		return err == nil
	}
	return false
}

// firstDay extends a partial date to its first day: "2012" → "2012-01-01";
// "" for a date that is not ISO 8601.
func firstDay(d string) string {
	if !isoDate(d) {
		return ""
	}
	return d + "0000-01-01"[len(d):]
}

// lastDay extends a partial date to its last day: "2012" → "2012-12-31",
// "2024-02" → "2024-02-29"; "" for a date that is not ISO 8601.
func lastDay(d string) string {
	if !isoDate(d) {
		return ""
	}
	switch len(d) {
	case 4:
		return d + "-12-31"
	case 7:
		t, _ := time.Parse("2006-01", d)
		return t.AddDate(0, 1, -1).Format("2006-01-02")
	}
	return d
}

// year returns the year of an ISO date, "" when it has none.
func year(d string) string {
	if isoDate(d) {
		return d[:4]
	}
	return ""
}

// dayLayout is the layout of a full ISO 8601 date.
const dayLayout = "2006-01-02"

func parseDay(d string) (time.Time, error) { return time.Parse(dayLayout, d) }
