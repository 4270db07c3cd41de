package server_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/graph/export"
	"github.com/geokg/geokg/graph/server"
)

// TestEvents asks a real server for the event table and compares it with
// what export.Events gives for the same store.
func TestEvents(t *testing.T) {
	st := newStore(t)
	ts := newServer(t, st)
	var want []export.Event
	if err := export.Events(context.Background(), st, export.EventOptions{}, func(e export.Event) error {
		want = append(want, e)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(want) < 5 {
		t.Fatalf("the fixture store has %d events; want a few to page through", len(want))
	}
	decode := func(body []byte) []export.Event {
		t.Helper()
		var out []export.Event
		sc := bufio.NewScanner(bytes.NewReader(body))
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			var e export.Event
			if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
				t.Fatalf("%v: %s", err, sc.Text())
			}
			out = append(out, e)
		}
		return out
	}

	r := get(t, ts.URL+"/api/geokg/v1/events").want(t, http.StatusOK)
	if ct := r.header.Get("Content-Type"); ct != "application/x-ndjson" {
		t.Errorf("Content-Type %q, want application/x-ndjson", ct)
	}
	if diff := cmp.Diff(want, decode(r.body)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}

	// offset and limit page through the same rows.
	r = get(t, ts.URL+"/api/geokg/v1/events?offset=2&limit=3").want(t, http.StatusOK)
	if diff := cmp.Diff(want[2:5], decode(r.body)); diff != "" {
		t.Errorf("offset=2&limit=3 (-want +got):\n%s", diff)
	}

	// Filters, as the CLI takes them; an entity by any of its names.
	r = get(t, ts.URL+"/api/geokg/v1/events?entity=Tirana&root=16,11&format=csv").want(t, http.StatusOK)
	rows, err := csv.NewReader(bytes.NewReader(r.body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(rows[0], ","); got != strings.Join(export.EventColumns(), ",") {
		t.Errorf("CSV header %q", got)
	}
	if len(rows) < 2 {
		t.Fatalf("no event of Albania with root 16 or 11:\n%s", r.body)
	}
	for _, row := range rows[1:] {
		if (row[1] != "ent:albania" && row[5] != "ent:albania") || (row[10] != "16" && row[10] != "11") {
			t.Errorf("row %v: want Albania as source or target, root 16 or 11", row)
		}
	}

	r = get(t, ts.URL+"/api/geokg/v1/events?since=2100&format=tsv").want(t, http.StatusOK)
	if got := string(r.body); got != strings.Join(export.EventColumns(), "\t")+"\n" {
		t.Errorf("no event since 2100: %q, want the header alone", got)
	}

	for _, q := range []string{"?format=xml", "?root=21", "?country=IR", "?since=soon", "?predicate=befriended", "?limit=-1", "?offset=x"} {
		r := get(t, ts.URL+"/api/geokg/v1/events"+q)
		if r.code != http.StatusBadRequest || !strings.Contains(string(r.body), `"error"`) {
			t.Errorf("%s: %d %s, want 400 with an error", q, r.code, r.body)
		}
	}
	if r := get(t, ts.URL+"/api/geokg/v1/events?entity=Atlantis"); r.code != http.StatusNotFound {
		t.Errorf("entity=Atlantis: %d, want 404", r.code)
	}
}

// TestEventsDocumented checks that the OpenAPI document's Event schema
// lists the event table's columns, in order.
func TestEventsDocumented(t *testing.T) {
	var doc struct {
		Components struct {
			Schemas struct {
				Event struct {
					Required []string `json:"required"`
				}
			}
		}
	}
	if err := json.Unmarshal(server.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(export.EventColumns(), doc.Components.Schemas.Event.Required); diff != "" {
		t.Errorf("Event schema's columns (-want +got):\n%s", diff)
	}
}
