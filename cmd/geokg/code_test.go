package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/internal/shared"
)

func TestNewCodeCmd(t *testing.T) {
	testParse(t, []parseCase[codeOptions]{
		{
			name: "standard input by default",
			args: []string{"code"},
			want: codeOptions{Path: "-", MaxBytes: extract.DefaultMaxSentence},
		},
		{
			name: "every flag",
			args: []string{"code", "--actors", "a.txt", "--actors", "b.txt", "--agents", "g.txt", "--verbs", "v.txt", "--discards", "d.txt",
				"--no-require-dyad", "--strict", "--explain", "--max-sentence-bytes", "300", "recs.jsonl"},
			want: codeOptions{Path: "recs.jsonl", Dicts: petrarch.Paths{Actors: []string{"a.txt", "b.txt"}, Agents: "g.txt", Verbs: "v.txt", Discards: "d.txt"},
				NoDyad: true, Strict: true, Explain: true, MaxBytes: 300},
		},
		{
			name: "the global gazetteer",
			args: []string{"--gazetteer", "mine.tsv", "code", "-"},
			want: codeOptions{Path: "-", Gazetteer: "mine.tsv", MaxBytes: extract.DefaultMaxSentence},
		},
		{name: "actors need verbs", args: []string{"code", "--actors", "a.txt", "r.jsonl"}, wantErr: "--actors and --agents need --verbs"},
		{name: "two inputs", args: []string{"code", "a.jsonl", "b.jsonl"}, wantErr: "want records"},
		{name: "bad sentence limit", args: []string{"code", "--max-sentence-bytes", "0"}, wantErr: "--max-sentence-bytes 0"},
	}, newCodeCmd)
}

// decodeCodeLines reads geokg code's output: id → "SOURCE CODE TARGET"
// triples, sorted.
func decodeCodeLines(t *testing.T, out string) map[string][]string {
	t.Helper()
	got := map[string][]string{}
	for i, line := range strings.Split(strings.TrimSpace(out), "\n") {
		if line == "" {
			continue
		}
		var l struct {
			ID     string          `json:"id"`
			Events []extract.Event `json:"events"`
		}
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("line %d: %v\n%s", i+1, err, line)
		}
		if l.Events == nil {
			t.Errorf("line %d: events is not an array: %s", i+1, line)
		}
		evs := []string{}
		for _, e := range l.Events {
			evs = append(evs, e.Source+" "+e.Code+" "+e.Target)
		}
		sort.Strings(evs)
		got[l.ID] = evs
	}
	return got
}

func TestCodeBuiltinDictionaries(t *testing.T) {
	in := `{"id": "ties", "date": "2022-09-07", "text": "Albania cut diplomatic ties with Iran on Wednesday."}
{"id": 2, "date": "2022-02-24", "text": "Russian troops attacked Ukraine on Thursday. China did not condemn Russia."}
{"id": "none", "date": "2022-02-24", "text": "It rained in Tirana."}
`
	r := geokg(t, in, nil, "code")
	if r.code != exitOK {
		t.Fatalf("exit %d\n%s", r.code, r.err)
	}
	want := map[string][]string{
		"ties": {"ALB 161 IRN"},
		"2":    {"RUSMIL 190 UKR"},
		"none": {},
	}
	if diff := cmp.Diff(want, decodeCodeLines(t, r.out)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	if !strings.Contains(r.out, `"predicate":"severed_ties_with"`) || !strings.Contains(r.out, `"source_name":"Albania"`) {
		t.Errorf("events lack predicate and names:\n%s", r.out)
	}
}

// TestCodeLongLine: a record line longer than extract.MaxRecordLine is
// reported with the file and line and skipped, and the records after it
// are coded.
func TestCodeLongLine(t *testing.T) {
	long := `{"id": "long", "text": "` + strings.Repeat("Iran condemned Albania. ", extract.MaxRecordLine/24) + `"}`
	path := writeFile(t, t.TempDir(), "feed.jsonl", `{"id": "ties", "date": "2022-09-07", "text": "Albania cut diplomatic ties with Iran on Wednesday."}`+"\n"+long+"\n"+
		`{"id": "after", "date": "2022-09-07", "text": "Albania cut diplomatic ties with Iran on Wednesday."}`+"\n")
	r := geokg(t, "", nil, "code", path)
	if r.code != exitFailure {
		t.Errorf("exit %d, want %d\n%s", r.code, exitFailure, r.err)
	}
	want := fmt.Sprintf("geokg: %s:2: bad record: %d bytes exceeds the maximum line of %d bytes\n", path, len(long), extract.MaxRecordLine)
	if !strings.HasPrefix(r.err, want) {
		t.Errorf("stderr:\n%.300s\nwant it to start with %q", r.err, want)
	}
	if diff := cmp.Diff(map[string][]string{"ties": {"ALB 161 IRN"}, "after": {"ALB 161 IRN"}}, decodeCodeLines(t, r.out)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
}

// Dictionaries of our own for the command: fictional states.
const (
	cmdActors = `RURITANIA [RUR]
+RURITANIAN
+STRELSAU
BORDURIA [BOR]
KING_RUDOLF [RUR]
    [RURGOV 19200101-19291231]
BROKEN [R?R]
`
	cmdAgents = `TROOPS {} [~MIL]
`
	cmdVerbs = `--- ATTACK [190] ---
ATTACK
- * WITH FIELD_GUNS [194]
- + * [1X]
`
	cmdDiscards = `CROQUET
`
)

func TestCodePetrarchDictionaries(t *testing.T) {
	dir := t.TempDir()
	actors := writeFile(t, dir, "my.actors", cmdActors)
	more := writeFile(t, dir, "more.actors", "SYLDAVIA [SYL]\n")
	agents := writeFile(t, dir, "my.agents", cmdAgents)
	verbs := writeFile(t, dir, "my.verbs", cmdVerbs)
	discards := writeFile(t, dir, "my.discards", cmdDiscards)
	recs := writeFile(t, dir, "recs.jsonl", `{"id": "a", "date": "1925-01-01", "text": "King Rudolf attacked Borduria."}
{"id": "b", "date": "1935-01-01", "text": "Ruritanian troops attacked Borduria with field guns."}
not a record
{"id": "c", "date": "1935-01-01", "text": "Strelsau attacked Borduria at croquet."}
{"id": "d", "date": "1935-01-01", "text": "Ruritanian troops attacked.", "options": {"require_dyad": false}}
{"id": "e", "date": "1935-01-01", "text": ""}
{"id": "f", "date": "1935-01-01", "text": "Syldavia attacked Borduria."}
`)
	// Two actors files are read as one dictionary.
	args := []string{"code", "--actors", actors, "--actors", more, "--agents", agents, "--verbs", verbs, "--discards", discards, recs}
	r := geokg(t, "", nil, args...)
	if r.code != exitFailure {
		t.Fatalf("exit %d, want %d for the line that is not a record\n%s", r.code, exitFailure, r.err)
	}
	want := map[string][]string{
		"a": {"RURGOV 190 BOR"},
		"b": {"RURMIL 194 BOR"},
		"c": {},
		"d": {"RURMIL 190 ---"},
		"e": {},
		"f": {"SYL 190 BOR"},
	}
	if diff := cmp.Diff(want, decodeCodeLines(t, r.out)); diff != "" {
		t.Errorf("events (-want +got):\n%s", diff)
	}
	for _, msg := range []string{
		"geokg: warning: " + actors + ":7: code \"R?R\"",
		"geokg: warning: " + verbs + ":4: pattern \"+ * [1X]\"",
		"geokg: " + recs + ":3: bad record",
		"geokg: 1 input failed",
	} {
		if !strings.Contains(r.err, msg) {
			t.Errorf("standard error lacks %q:\n%s", msg, r.err)
		}
	}
	// --strict stops before coding; --explain shows the reading.
	r = geokg(t, "", nil, append([]string{"code", "--strict"}, args[1:]...)...)
	if r.code != exitFailure || r.out != "" || !strings.Contains(r.err, "3 malformed dictionary entries (--strict)") {
		t.Errorf("--strict: exit %d, out %q, err:\n%s", r.code, r.out, r.err)
	}
	one := writeFile(t, dir, "one.jsonl", `{"id": "b", "date": "1935-01-01", "text": "Ruritanian troops attacked Borduria with field guns."}`+"\n")
	r = geokg(t, "", nil, "code", "--explain", "--actors", actors, "--agents", agents, "--verbs", verbs, one)
	if r.code != exitOK || !strings.Contains(r.err, `agent "troops" → ~MIL`) || !strings.Contains(r.err, "⇒ RURMIL 194 BOR") {
		t.Errorf("--explain: exit %d, err:\n%s", r.code, r.err)
	}
	r = geokg(t, "", nil, "code", "--verbs", filepath.Join(dir, "missing.verbs"), one)
	if r.code != exitFailure || !strings.Contains(r.err, "missing.verbs") {
		t.Errorf("missing dictionary: exit %d, err:\n%s", r.code, r.err)
	}
}

// TestCodePetrarchSuite codes the dev set of the PETRARCH2 validation suite
// with its dictionaries, as `geokg code` does, scores it with the shared
// scorer and wants micro F1 of at least 0.95; every record that expects no
// event must get none.
func TestCodePetrarchSuite(t *testing.T) {
	// The PETRARCH2 validation suite is read from the shared folder beside
	// the repository, never copied.
	petrarchUnit := shared.Path(t, "eval", "petrarch-unit")
	dev := filepath.Join(petrarchUnit, "dev.jsonl")
	python, err := exec.LookPath("python3")
	if err != nil {
		shared.Missing(t, "python3 not found: the suite's scorer is a Python script")
	}
	d := filepath.Join(petrarchUnit, "dicts")
	r := geokg(t, "", nil, "code",
		"--actors", filepath.Join(d, "PETR.Validate.actors.txt"), "--agents", filepath.Join(d, "PETR.Validate.agents.txt"),
		"--verbs", filepath.Join(d, "PETR.Validate.verbs.txt"), "--discards", filepath.Join(d, "PETR.Validate.discards.txt"), dev)
	if r.code != exitOK {
		t.Fatalf("geokg code: exit %d\n%s", r.code, r.err)
	}
	pred := filepath.Join(t.TempDir(), "pred.jsonl")
	if err := os.WriteFile(pred, []byte(r.out), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(python, filepath.Join(petrarchUnit, "..", "score.py"), dev, pred).CombinedOutput()
	t.Logf("score.py:\n%s", out)
	if err != nil {
		t.Fatalf("score.py: %v", err)
	}
	m := regexp.MustCompile(`score: f1=([0-9.]+) p=([0-9.]+) r=([0-9.]+)`).FindSubmatch(out)
	if m == nil {
		t.Fatal("no score line in the scorer's output")
	}
	if f1, _ := strconv.ParseFloat(string(m[1]), 64); f1 < 0.95 {
		t.Errorf("micro F1 %.3f, want at least 0.95", f1)
	}
	raw, err := os.ReadFile(dev)
	if err != nil {
		t.Fatal(err)
	}
	got := decodeCodeLines(t, r.out)
	empty := 0
	for _, line := range strings.Split(strings.TrimSpace(string(raw)), "\n") {
		var rec struct {
			ID       string            `json:"id"`
			Expected []json.RawMessage `json:"expected"`
		}
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatal(err)
		}
		if len(rec.Expected) == 0 {
			empty++
			if evs := got[rec.ID]; len(evs) > 0 {
				t.Errorf("%s expects no event, got %v", rec.ID, evs)
			}
		}
	}
	if empty == 0 {
		t.Error("the dev set has no record that expects no event")
	}
}
