package server_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// TestRelationsPages pages through entities' relations over HTTP, a few
// statements a page, oldest first, and compares them with the store's
// whole answer; every page carries the counts, the documents of its own
// statements, and a cursor but the last.
func TestRelationsPages(t *testing.T) {
	st := newStore(t)
	ts := newServer(t, st)
	for _, name := range []string{"ent:united_states", "ent:iran", "ent:albania"} {
		want, err := st.Relations(context.Background(), name, graph.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		wantCounts := map[string]int{}
		for _, s := range want {
			wantCounts[s.Predicate]++
		}
		var got []schema.Statement
		q := url.Values{"limit": {"3"}, "order": {"oldest"}}
		for pages := 0; ; pages++ {
			resp := relationsOf(t, ts.URL, name, "?"+q.Encode())
			if resp.Count != len(want) || !cmp.Equal(resp.Counts, wantCounts) {
				t.Fatalf("%s page %d: count %d counts %v, want %d %v", name, pages, resp.Count, resp.Counts, len(want), wantCounts)
			}
			if len(resp.Relations) > 3 {
				t.Fatalf("%s: %d relations on a page of 3", name, len(resp.Relations))
			}
			for _, s := range resp.Relations {
				if _, ok := resp.Documents[s.Doc]; !ok {
					t.Errorf("%s: the page lacks document %s", name, s.Doc)
				}
			}
			got = append(got, resp.Relations...)
			if resp.NextCursor == "" {
				break
			}
			q.Set("cursor", resp.NextCursor)
		}
		if diff := cmp.Diff(want, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: pages (-Relations +pages):\n%s", name, diff)
		}
	}

	// The default: 50, newest first.
	resp := relationsOf(t, ts.URL, "United States", "")
	if resp.Count > graph.DefaultPageLimit && (len(resp.Relations) != graph.DefaultPageLimit || resp.NextCursor == "") {
		t.Errorf("default page: %d relations of %d, next %q", len(resp.Relations), resp.Count, resp.NextCursor)
	}
	for i := 1; i < len(resp.Relations); i++ {
		a, b := resp.Relations[i-1], resp.Relations[i]
		if wa, wb := a.Date+a.Since, b.Date+b.Since; wb != "" && wa != "" && wa < wb {
			t.Errorf("default page not newest first: %q before %q", wa, wb)
		}
	}

	small := relationsOf(t, ts.URL, "United States", "?limit=2")
	if small.NextCursor == "" {
		t.Fatalf("a page of 2 of %d relations has no next cursor", small.Count)
	}
	for _, c := range []struct{ query, want string }{
		{"?cursor=nonsense", "cursor=nonsense"},
		{"?limit=0", "limit=0"},
		{"?limit=1001", "limit=1001"},
		{"?order=sideways", "order=sideways"},
		{"?order=oldest&cursor=" + url.QueryEscape(small.NextCursor), "not a cursor"},
	} {
		r := get(t, ts.URL+"/api/geokg/v1/entities/United%20States/relations"+c.query).want(t, http.StatusBadRequest)
		if msg := r.errorMessage(t); !strings.Contains(msg, c.want) {
			t.Errorf("%s: error %q, want it to name %q", c.query, msg, c.want)
		}
	}
}
