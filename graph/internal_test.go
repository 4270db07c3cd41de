package graph

import (
	"testing"

	"github.com/geokg/geokg/schema"

	"github.com/geokg/geokg/internal/textdist"
)

func TestValidDate(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"2012", true},
		{"2022-09", true},
		{"2022-09-07", true},
		{"2022-13", false},
		{"2022-09-32", false},
		{"2022/09/07", false},
		{"22", false},
		{"Sept 2022", false},
		{"", false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := validDate(tt.in); got != tt.want {
				t.Errorf("validDate(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateBounds(t *testing.T) {
	tests := []struct {
		in, low, high string
	}{
		{"2012", "2012-01-01", "2012-12-31"},
		{"2022-09", "2022-09-01", "2022-09-31"},
		{"2022-09-07", "2022-09-07", "2022-09-07"},
		{"soon", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := lowDate(tt.in); got != tt.low {
				t.Errorf("lowDate(%q) = %q, want %q", tt.in, got, tt.low)
			}
			if got := highDate(tt.in); got != tt.high {
				t.Errorf("highDate(%q) = %q, want %q", tt.in, got, tt.high)
			}
		})
	}
}

func TestInTime(t *testing.T) {
	tests := []struct {
		name         string
		st           schema.Statement
		since, until string
		want         bool
	}{
		{"event inside", schema.Statement{Date: "2022-09-07"}, "2022-09-01", "2022-09-30", true},
		{"event on the lower bound", schema.Statement{Date: "2022-09-07"}, "2022-09-07", "", true},
		{"event before", schema.Statement{Date: "2012"}, "2013-01-01", "", false},
		{"event after", schema.Statement{Date: "2022"}, "", "2021-12-31", false},
		{"year overlaps a day", schema.Statement{Date: "2012"}, "2012-06-01", "2012-06-01", true},
		{"state running on", schema.Statement{Since: "2016"}, "2030-01-01", "", true},
		{"state began later", schema.Statement{Since: "2016"}, "", "2015-12-31", false},
		{"state ended before", schema.Statement{Since: "2003", Until: "2012"}, "2013-01-01", "", false},
		{"state with only an end", schema.Statement{Until: "2012"}, "", "1990-12-31", true},
		{"no date", schema.Statement{}, "2000-01-01", "", false},
		{"unreadable date", schema.Statement{Date: "last week"}, "2000-01-01", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := inTime(tt.st, tt.since, tt.until); got != tt.want {
				t.Errorf("inTime(%+v, %q, %q) = %v, want %v", tt.st, tt.since, tt.until, got, tt.want)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"albania", "albania", 0},
		{"albania", "albnia", 1},
		{"iran", "iraq", 1},
		{"", "mek", 3},
		{"côte", "cote", 1},
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			if got := textdist.Levenshtein(tt.a, tt.b, -1); got != tt.want {
				t.Errorf("editDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
			}
		})
	}
}
