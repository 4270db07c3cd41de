package extract_test

import (
	"context"
	"errors"
	"testing"

	"github.com/geokg/geokg/extract"
)

// FuzzCodeDictionaries runs the dictionary coder on arbitrary text, dates
// and options. Whatever the input, Code must not panic, must fail only for
// blank text, a bad date or bad options, and every event must have a
// source, a target and one of the dictionary's codes.
//
// Run it with: go test ./extract -run '^$' -fuzz FuzzCodeDictionaries -parallel 1
func FuzzCodeDictionaries(f *testing.F) {
	for _, s := range []struct{ text, date, options string }{
		{"Ruritania and Borduria condemned Syldavia.", "1995-01-01", ""},
		{"The ambassadors of Ruritania, Syldavia and Borduria met, a Bordurian official said.", "", `{"require_dyad": false}`},
		{"King Rudolf, it seems, sent field guns to Borduria; the group attacked the country.", "1925-01-01", `{"comma_bmax": 6, "comma_bmin": 1}`},
		{", , and and of the the 's", "2000-02-29", `{"comma_min": 0, "comma_max": 100}`},
		{"Red_Hand _ __ ___", "", ""},
	} {
		f.Add(s.text, s.date, s.options)
	}
	p := codeTestPipeline(f)
	codes := map[string]bool{"111": true, "190": true, "174": true, "1741": true, "040": true, "010": true, "070": true, "072": true}
	f.Fuzz(func(t *testing.T, text, date, options string) {
		rec := extract.Record{ID: "fuzz", Date: date, Text: text}
		if options != "" {
			rec.Options = []byte(options)
		}
		evs, err := p.Code(context.Background(), rec, extract.DefaultCodeOptions())
		if err != nil {
			if errors.Is(err, extract.ErrEmptyText) || date != "" || options != "" {
				return
			}
			t.Fatalf("Code(%q): %v", text, err)
		}
		for _, e := range evs {
			if e.Source == "" || e.Target == "" || !codes[e.Code] {
				t.Fatalf("Code(%q): event %+v", text, e)
			}
		}
	})
}
