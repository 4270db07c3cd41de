package source

import (
	"regexp"
	"strings"
	"time"
)

// isoDay matches a date that starts YYYY-MM-DD or YYYY/MM/DD, alone or
// followed by a time.
var isoDay = regexp.MustCompile(`^(\d{4})[-/](\d{2})[-/](\d{2})(?:$|[Tt ])`)

// dateLayouts are the other ways sources write a publication date.
var dateLayouts = []string{
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	time.RFC850,
	time.RFC822Z,
	time.RFC822,
	time.ANSIC,
	time.UnixDate,
	"January 2, 2006",
	"Jan 2, 2006",
	"Jan. 2, 2006",
	"Monday, January 2, 2006",
	"Mon, January 2, 2006",
	"2 January 2006",
	"2 Jan 2006",
	"Monday, 2 January 2006",
	"Monday 2 January 2006",
	"20060102",
}

// normalizeDate returns the calendar day of a date as YYYY-MM-DD, or false
// when s is not a date naming a day. A date with a time keeps the day it
// was written in, whatever its time zone.
func normalizeDate(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if m := isoDay.FindStringSubmatch(s); m != nil {
		day := m[1] + "-" + m[2] + "-" + m[3]
		if _, err := time.Parse(time.DateOnly, day); err != nil {
			return "", false
		}
		return day, true
	}
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format(time.DateOnly), true
		}
	}
	return "", false
}
