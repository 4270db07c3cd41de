package export

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDays(t *testing.T) {
	tests := []struct{ in, first, last string }{
		{"2012", "2012-01-01", "2012-12-31"},
		{"2024-02", "2024-02-01", "2024-02-29"},
		{"2023-02", "2023-02-01", "2023-02-28"},
		{"2022-09-07", "2022-09-07", "2022-09-07"},
		{"", "", ""},
		{"last year", "", ""},
		{"2022-13", "", ""},
		{"2022-02-30", "", ""},
	}
	for _, tt := range tests {
		if got := firstDay(tt.in); got != tt.first {
			t.Errorf("firstDay(%q) = %q, want %q", tt.in, got, tt.first)
		}
		if got := lastDay(tt.in); got != tt.last {
			t.Errorf("lastDay(%q) = %q, want %q", tt.in, got, tt.last)
		}
	}
}

func TestMergeSpells(t *testing.T) {
	tests := []struct {
		name string
		in   []Spell
		want []Spell
	}{
		{"none", nil, nil},
		{"apart", []Spell{{"2022-09-07", "2022-09-07"}, {"2012-01-01", "2012-12-31"}},
			[]Spell{{"2012-01-01", "2012-12-31"}, {"2022-09-07", "2022-09-07"}}},
		{"overlapping", []Spell{{"2022-01-01", "2022-12-31"}, {"2022-09-07", "2022-09-07"}},
			[]Spell{{"2022-01-01", "2022-12-31"}}},
		{"touching days", []Spell{{"2022-09-07", "2022-09-07"}, {"2022-09-08", "2022-09-08"}},
			[]Spell{{"2022-09-07", "2022-09-08"}}},
		{"open end swallows later", []Spell{{"2016-01-01", ""}, {"2022-09-07", "2022-09-07"}},
			[]Spell{{"2016-01-01", ""}}},
		{"open start", []Spell{{"2020-01-01", "2020-01-31"}, {"", "2019-12-31"}},
			[]Spell{{"", "2020-01-31"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, mergeSpells(tt.in)); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
}

func TestEdgeLabel(t *testing.T) {
	tests := []struct {
		e    Edge
		want string
	}{
		{Edge{Predicate: "severed_ties_with", First: "2022-09-07", Last: "2022-09-07"}, "severed ties with (2022)"},
		{Edge{Predicate: "hosts", First: "2016", Last: "2023-06"}, "hosts (2016–2023)"},
		{Edge{Predicate: "opposes"}, "opposes"},
		{Edge{Predicate: "not_in_vocabulary", First: "2020"}, "not in vocabulary (2020)"},
	}
	for _, tt := range tests {
		if got := tt.e.Label(); got != tt.want {
			t.Errorf("%+v.Label() = %q, want %q", tt.e, got, tt.want)
		}
	}
}

func TestDOTID(t *testing.T) {
	if got, want := dotID("say \"hi\"\\\nbye"), `"say \"hi\"\\\nbye"`; got != want {
		t.Errorf("dotID = %s, want %s", got, want)
	}
}
