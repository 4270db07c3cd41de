package main

import (
	"bytes"
	"context"
	"errors"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/spf13/cobra"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/graph/server"
)

// parseCase is one command line given to a command whose run function only
// records its options.
type parseCase[O any] struct {
	name    string
	env     map[string]string
	args    []string
	want    O
	wantErr string // a usage error containing this; "" for none
}

// testParse runs each case through a root command holding the one
// subcommand newCmd builds around a recording run function, and compares
// the options it was run with.
func testParse[O any](t *testing.T, tests []parseCase[O], newCmd func(g *rootOptions, runF func(context.Context, *O) error) *cobra.Command) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			g := &rootOptions{streams: streams{In: strings.NewReader(""), Out: &out, Err: &errb}}
			root := newRootCmd(g, func(k string) string { return tt.env[k] })
			var got *O
			root.AddCommand(newCmd(g, func(_ context.Context, o *O) error {
				got = o
				return nil
			}))
			root.SetArgs(tt.args)
			_, err := root.ExecuteC()
			if tt.wantErr != "" {
				var ue *usageError
				if !errors.As(err, &ue) {
					t.Fatalf("error = %v, want a usage error containing %q", err, tt.wantErr)
				}
				if !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %q, want it to contain %q", err, tt.wantErr)
				}
				if got != nil {
					t.Errorf("the command ran despite the usage error, with %+v", *got)
				}
				return
			}
			if err != nil {
				t.Fatalf("error = %v", err)
			}
			if got == nil {
				t.Fatal("the command did not run")
			}
			if diff := cmp.Diff(tt.want, *got, cmpopts.IgnoreTypes(streams{}), cmpopts.EquateEmpty(), cmp.Exporter(func(reflect.Type) bool { return true })); diff != "" {
				t.Errorf("options mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

var defaultArticleFlags = articleFlags{MaxArticleSize: source.DefaultMaxBytes, MaxTextSize: source.DefaultMaxText, MaxSentenceBytes: extract.DefaultMaxSentence}

func TestNewExtractCmd(t *testing.T) {
	testParse(t, []parseCase[extractOptions]{
		{
			name: "paths, jsonl when stdout is no terminal",
			args: []string{"extract", "a.txt", "dir", "-"},
			want: extractOptions{articleFlags: defaultArticleFlags, Paths: []string{"a.txt", "dir", "-"}, Format: formatJSONL},
		},
		{
			name: "every flag",
			args: []string{"extract", "--format", "table", "--date", "2022-09-07", "--max-article-size", "1000", "--max-sentence-bytes", "500", "a.txt"},
			want: extractOptions{articleFlags: articleFlags{Date: "2022-09-07", MaxArticleSize: 1000, MaxTextSize: source.DefaultMaxText, MaxSentenceBytes: 500}, Paths: []string{"a.txt"}, Format: formatTable},
		},
		{
			name: "short format flag",
			args: []string{"extract", "-f", "nquads", "a.txt"},
			want: extractOptions{articleFlags: defaultArticleFlags, Paths: []string{"a.txt"}, Format: formatNQuads},
		},
		{name: "no input", args: []string{"extract"}, wantErr: "extract: missing input"},
		{name: "unknown format", args: []string{"extract", "--format", "xml", "a.txt"}, wantErr: `--format "xml": choose one of jsonl, nquads, table`},
		{name: "bad date", args: []string{"extract", "--date", "2022-13-01", "a.txt"}, wantErr: `--date "2022-13-01": want a calendar date written YYYY-MM-DD`},
		{name: "date in words", args: []string{"extract", "--date", "yesterday", "a.txt"}, wantErr: `--date "yesterday"`},
		{name: "zero size", args: []string{"extract", "--max-article-size", "0", "a.txt"}, wantErr: "--max-article-size 0: want a positive number"},
		{name: "size not a number", args: []string{"extract", "--max-article-size", "10MB", "a.txt"}, wantErr: `invalid argument "10MB" for "--max-article-size"`},
		{name: "zero sentence length", args: []string{"extract", "--max-sentence-bytes", "0", "a.txt"}, wantErr: "--max-sentence-bytes 0: want a positive number"},
		{name: "unknown flag", args: []string{"extract", "--output", "x", "a.txt"}, wantErr: "unknown flag: --output"},
	}, newExtractCmd)
}

func TestNewIngestCmd(t *testing.T) {
	testParse(t, []parseCase[ingestOptions]{
		{
			name: "defaults",
			args: []string{"ingest", "articles"},
			want: ingestOptions{articleFlags: defaultArticleFlags, Store: storeOptions{DB: "geokg.db", Backend: "bolt"}, Paths: []string{"articles"}, Workers: runtime.NumCPU()},
		},
		{
			name: "store from the environment",
			env:  map[string]string{envDB: "/srv/kg", envBackend: "memstore"},
			args: []string{"ingest", "a.txt"},
			want: ingestOptions{articleFlags: defaultArticleFlags, Store: storeOptions{DB: "/srv/kg", Backend: "memstore"}, Paths: []string{"a.txt"}, Workers: runtime.NumCPU()},
		},
		{
			name: "flags win over the environment",
			env:  map[string]string{envDB: "/srv/kg", envBackend: "memstore"},
			args: []string{"--db", "here.db", "--backend", "bolt", "ingest", "--date", "2024-02-29", "a.txt", "b.md"},
			want: ingestOptions{articleFlags: articleFlags{Date: "2024-02-29", MaxArticleSize: source.DefaultMaxBytes, MaxTextSize: source.DefaultMaxText, MaxSentenceBytes: extract.DefaultMaxSentence}, Store: storeOptions{DB: "here.db", Backend: "bolt"}, Paths: []string{"a.txt", "b.md"}, Workers: runtime.NumCPU()},
		},
		{
			name: "global flags after the command",
			args: []string{"ingest", "a.txt", "--db", "x"},
			want: ingestOptions{articleFlags: defaultArticleFlags, Store: storeOptions{DB: "x", Backend: "bolt"}, Paths: []string{"a.txt"}, Workers: runtime.NumCPU()},
		},
		{
			name: "workers, force, postgres and a gazetteer",
			env:  map[string]string{envGazetteer: "mine.tsv"},
			args: []string{"--backend", "postgres", "--db", "postgres://u@h/kg", "ingest", "-j", "3", "--force", "a.jsonl"},
			want: ingestOptions{articleFlags: articleFlags{MaxArticleSize: source.DefaultMaxBytes, MaxTextSize: source.DefaultMaxText, MaxSentenceBytes: extract.DefaultMaxSentence, Gazetteer: "mine.tsv"}, Store: storeOptions{DB: "postgres://u@h/kg", Backend: "postgres", Gazetteer: "mine.tsv"}, Paths: []string{"a.jsonl"}, Workers: 3, Force: true},
		},
		{name: "no workers", args: []string{"ingest", "--workers", "0", "a.txt"}, wantErr: "--workers 0: want at least 1"},
		{name: "no input", args: []string{"ingest"}, wantErr: "ingest: missing input"},
		{name: "not a leap year", args: []string{"ingest", "--date", "2023-02-29", "a.txt"}, wantErr: `--date "2023-02-29"`},
		{name: "negative size", args: []string{"ingest", "--max-article-size", "-1", "a.txt"}, wantErr: "--max-article-size -1"},
		{name: "negative sentence length", args: []string{"ingest", "--max-sentence-bytes", "-5", "a.txt"}, wantErr: "--max-sentence-bytes -5: want a positive number"},
		{name: "bad backend", args: []string{"--backend", "postgress", "ingest", "a.txt"}, wantErr: `--backend "postgress": unknown backend`},
	}, newIngestCmd)
}

func TestNewRelationsCmd(t *testing.T) {
	bolt := storeOptions{DB: "geokg.db", Backend: "bolt"}
	testParse(t, []parseCase[relationsOptions]{
		{
			name: "defaults",
			args: []string{"relations", "Albania"},
			want: relationsOptions{Store: bolt, Name: "Albania", Direction: "both"},
		},
		{
			name: "every flag",
			args: []string{"relations", "--predicate", "hosts", "-p", "rel:delisted_terrorist", "--since", "2012", "--until", "2022-09", "--direction", "in", "--json", "<ent:mek>"},
			want: relationsOptions{Store: bolt, Name: "<ent:mek>", Predicates: []string{"hosts", "rel:delisted_terrorist"}, Since: "2012", Until: "2022-09", Direction: "in", JSON: true},
		},
		{
			name: "name with spaces",
			args: []string{"relations", "-d", "out", "United States"},
			want: relationsOptions{Store: bolt, Name: "United States", Direction: "out"},
		},
		{name: "no name", args: []string{"relations"}, wantErr: "relations: missing one entity name"},
		{name: "two names", args: []string{"relations", "United", "States"}, wantErr: "want one entity name, got 2 arguments"},
		{name: "bad direction", args: []string{"relations", "--direction", "up", "Iran"}, wantErr: `--direction "up": choose in, out or both`},
		{name: "unknown predicate", args: []string{"relations", "--predicate", "likes", "Iran"}, wantErr: `--predicate "likes": unknown predicate`},
	}, newRelationsCmd)
}

func TestNewPathCmd(t *testing.T) {
	bolt := storeOptions{DB: "geokg.db", Backend: "bolt"}
	testParse(t, []parseCase[pathOptions]{
		{
			name: "defaults",
			args: []string{"path", "United States", "Iran"},
			want: pathOptions{Store: bolt, From: "United States", To: "Iran", MaxDepth: 4},
		},
		{
			name: "depth and json",
			args: []string{"path", "--max-depth", "2", "--json", "MEK", "ent:iran"},
			want: pathOptions{Store: bolt, From: "MEK", To: "ent:iran", MaxDepth: 2, JSON: true},
		},
		{name: "one name", args: []string{"path", "Iran"}, wantErr: "want two entity names, FROM and TO, got 1 argument(s)"},
		{name: "three names", args: []string{"path", "a", "b", "c"}, wantErr: "got 3 arguments"},
		{name: "zero depth", args: []string{"path", "--max-depth", "0", "a", "b"}, wantErr: "--max-depth 0: want a positive number of hops"},
	}, newPathCmd)
}

func TestNewQueryCmd(t *testing.T) {
	bolt := storeOptions{DB: "geokg.db", Backend: "bolt"}
	testParse(t, []parseCase[queryOptions]{
		{
			name: "defaults",
			args: []string{"query", "g.V().All()"},
			want: queryOptions{Store: bolt, Lang: "gizmo", Limit: 100, Timeout: 30 * time.Second, Memory: server.DefaultQueryMemory, Result: server.DefaultMaxResult, Query: "g.V().All()"},
		},
		{
			name: "language, limit, stdin",
			args: []string{"query", "--lang", "graphql", "-n", "5", "-"},
			want: queryOptions{Store: bolt, Lang: "graphql", Limit: 5, Timeout: 30 * time.Second, Memory: server.DefaultQueryMemory, Result: server.DefaultMaxResult, Query: "-"},
		},
		{
			name: "timeout and memory",
			args: []string{"query", "--timeout", "2s", "--query-memory", "0", "x"},
			want: queryOptions{Store: bolt, Lang: "gizmo", Limit: 100, Timeout: 2 * time.Second, Result: server.DefaultMaxResult, Query: "x"},
		},
		{name: "zero timeout", args: []string{"query", "--timeout", "0s", "x"}, wantErr: "--timeout 0s: want a positive duration"},
		{name: "no query", args: []string{"query"}, wantErr: "query: missing one query"},
		{name: "unknown language", args: []string{"query", "--lang", "sparql", "x"}, wantErr: `--lang "sparql": choose one of gizmo, graphql, mql`},
		{name: "zero limit", args: []string{"query", "--limit", "0", "x"}, wantErr: "--limit 0"},
	}, newQueryCmd)
}

func TestNewStatsCmd(t *testing.T) {
	testParse(t, []parseCase[statsOptions]{
		{name: "defaults", args: []string{"stats"}, want: statsOptions{Store: storeOptions{DB: "geokg.db", Backend: "bolt"}}},
		{name: "json", args: []string{"--db", "kg", "stats", "--json"}, want: statsOptions{Store: storeOptions{DB: "kg", Backend: "bolt"}, JSON: true}},
		{name: "an argument", args: []string{"stats", "Iran"}, wantErr: "stats: want no arguments, got 1 arguments: Iran"},
	}, newStatsCmd)
}
