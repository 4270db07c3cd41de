package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/internal/shared"
)

// Fictional dictionaries in the Phoenix format.
const (
	countries = `RURITANIA_  [RUR]
+RURITANIAN_
+STRELSAU_

# National Institutions
RURITANIAN_ROYAL_GUARD
+ROYAL_GUARD_OF_RURITANIA
+COLONEL_SAPT
	[RURMIL]
NATIONAL_SECURITY_COUNCIL [RURGOV]
RUDOLF_RASSENDYLL_  # a king
	[RURELI 800101-940301]
	[RURGOV 940301-990615]
	[RURELI]
MICHAEL_ELPHBERG_
+BLACK_ELPHBERG_
+ELPHBERG
	[RURGOV 990615-030101]
FLAVIA_
	[RURGOV 990615-030101]
EDI_RAMA_
	[RURGOV 990615-030101]
`
	international = `LEAGUE_OF_RURITANIAN_STATES_ [IGORURLRS]
+LRS
LEAGUE_OF_THE_RURITANIAN_STATES_ [IGORURLRS]
HENTZAU_DEVELOPMENT_BANK_ [IGORURDEVHDB]
+HENTZAU_BANK
JOHN_SMITH_ [IGORUR]
`
	milNonState = `ZENDA_LIBERATION_FRONT_ [RURREB]
+ZENLF
+ZLF
+FRONT_FOR_ZENDA
+SEVEN_AND_SIX
RUPERT_OF_HENTZAU_ [RURREB]
FREEDOM_ [RURPTY]
`
	handTable = "name\tkind\tiso3\tdemonyms\tcapitals\n" +
		"Ruritania\tCountry\tRUR\tRuritanian\tStrelsau\n" +
		"Edi Rama\tPerson\n"
	corpus = "1\tfreedom\tfreedom\tNOUN\n2\tbank\tbank\tNOUN\n"
)

func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestGenerate(t *testing.T) {
	phoenix := writeFiles(t, map[string]string{
		"Phoenix.Countries.actors.txt":     countries,
		"Phoenix.International.actors.txt": international,
		"Phoenix.MilNonState.actors.txt":   milNonState,
	})
	data := writeFiles(t, map[string]string{"10-states.tsv": handTable})
	common := writeFiles(t, map[string]string{"c.conllu": corpus})
	var out, log bytes.Buffer
	opts := options{phoenix: phoenix, data: data, common: []string{filepath.Join(common, "c.conllu")}, out: "-"}
	if err := generate(opts, &out, &log); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, line := range strings.Split(out.String(), "\n") {
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "name\t") {
			continue
		}
		fields := strings.Split(line, "\t")
		fields = append(fields, make([]string, 10)...)
		got = append(got, strings.Join(fields[:9], "\t"))
	}
	want := []string{
		"Ruritanian Royal Guard\tAgency\t\t\tMIL\tRuritania\tRoyal Guard of Ruritania\t\t",
		// the group's abbreviation is kept, a three-letter one is too
		// short; an alias sharing no word with the name is left out; a
		// leader filed as a group is not a group
		"Zenda Liberation Front\tArmedGroup\t\t\t\t\tZENLF|Front for Zenda\t\t",
		// two entries with one specific code are one organisation
		"Hentzau Development Bank\tIGO\t\tIGORURDEVHDB\t\t\tHentzau Bank\t\t",
		"League of Ruritanian States\tIGO\t\tIGORURLRS\t\t\tLeague of the Ruritanian States\t\t",
		// the latest dated office gives the tenure; the one-word alias and
		// the one-word name are left out; the hand-kept Edi Rama wins
		"Michael Elphberg\tPerson\t\tRURGOV\tGOV\tRuritania\tBlack Elphberg\t1999-06-15\t2003-01-01",
		"Rudolf Rassendyll\tPerson\t\tRURGOV\tGOV\tRuritania\t\t1994-03-01\t1999-06-15",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("generated table (-want +got):\n%s\nlog:\n%s", diff, log.String())
	}
}

// TestTableUpToDate regenerates the committed table from the shared Phoenix
// dictionaries and compares.
func TestTableUpToDate(t *testing.T) {
	phoenix := shared.Path(t, "dicts", "phoenix")
	common := shared.Path(t, "nlp", "ud-english", "en_ewt-ud-train.conllu")
	table := filepath.Join("..", "data", "05-phoenix.tsv")
	var out, log bytes.Buffer
	hand, err := handKept(filepath.Join("..", "data"), table)
	if err != nil {
		t.Fatal(err)
	}
	words, err := commonWords([]string{common})
	if err != nil {
		t.Fatal(err)
	}
	b := newBuilder(hand, words)
	if err := b.readDir(phoenix, &log); err != nil {
		t.Fatal(err)
	}
	if err := write(&out, b.actors()); err != nil {
		t.Fatal(err)
	}
	committed, err := os.ReadFile(table)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out.Bytes(), committed) {
		t.Errorf("%s is not what the generator writes; regenerate it (see the gazetteer's README)", table)
	}
	rows, err := phoenixAgents(phoenix, &log)
	if err != nil {
		t.Fatal(err)
	}
	src, err := agentsSource(rows)
	if err != nil {
		t.Fatal(err)
	}
	agents := filepath.Join("..", "agents_phoenix.go")
	if committed, err := os.ReadFile(agents); err != nil || !bytes.Equal(src, committed) {
		t.Errorf("%s is not what the generator writes (%v); regenerate it (see the gazetteer's README)", agents, err)
	}
}

func TestRunExitCodes(t *testing.T) {
	var out, errs bytes.Buffer
	if code := run([]string{"-no-such-flag"}, &out, &errs); code != 2 {
		t.Errorf("unknown flag: exit %d, want 2", code)
	}
	dir := t.TempDir()
	if code := run([]string{"-phoenix", dir, "-data", dir, "-common", "", "-out", "-", "-agents", ""}, &out, &errs); code != 1 {
		t.Errorf("no hand-kept tables: exit %d, want 1 (%s)", code, errs.String())
	}
}
