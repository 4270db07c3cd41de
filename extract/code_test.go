package extract_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/extract"
	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/extract/source"
	"github.com/geokg/geokg/schema"
)

// Dictionaries of our own in the PETRARCH formats: fictional states, so
// that only the dictionaries decide the codes.
const (
	codeTestActors = `RURITANIA [RUR]
+RURITANIAN
+STRELSAU
BORDURIA [BOR]
+BORDURIAN
SYLDAVIA [SYL]
+SYLDAVIAN
GRAUSTARK [GRK]
RED_HAND [RURREBRHD]
OLD_DUCHY [OLD/DCH]
KING_RUDOLF [RUR]
    [RURGOV 19200101-19291231]
    [RURELI >19291231]
`
	codeTestAgents = `TROOPS {} [~MIL]
PRESIDENCY [~GOV]
GOVERNMENT [~GOV]
AMBASSADOR [~GOV]
OFFICIAL [~GOV]
PALACE_GUARD [~MIL]
RELIEF_SOCIETY [NGO~]
`
	codeTestVerbs = `&ARMS
+RIFLES
+FIELD_GUNS

--- CONDEMN [111] ---
CONDEMN
CRITICIZE

--- ATTACK [190] ---
ATTACK
- NEVER * [---]

--- EXPEL [174] ---
EXPEL {EXPELS EXPELLED EXPELLING}
- + WAS_ * BY $ [1741]

--- MEET [040:040] ---
MEET {MET MEETING MEETS}

--- SAY [010] ---
SAY {SAID SAYS SAYING}

--- SEND [070] ---
SEND {SENT SENDING SENDS}
- * &ARMS TO + [072]

--- EXTEND [---] ---
EXTEND
- * {OLIVE BRANCH} [050]
- * (TO {ROYAL PALACE}) [042]

--- APPEAR [---] ---
APPEAR
- * (BEFORE COURT) [:173]

--- CLAIM [010] ---
CLAIM

--- WANT [---] ---
WANT

~ a (b . ATTACK) CLAIM = a b 112
~ a (_ b ATTACK) WANT = a b 138
`
	codeTestDiscards = `CROQUET
`
)

func codeTestPipeline(t testing.TB) *extract.Pipeline {
	t.Helper()
	parse := func(name, text string, f func(r *strings.Reader, name string) ([]error, error)) {
		problems, err := f(strings.NewReader(text), name)
		if err != nil || len(problems) > 0 {
			t.Fatalf("%s: %v %v", name, err, problems)
		}
	}
	d := &petrarch.Dictionaries{}
	parse("test.actors", codeTestActors, func(r *strings.Reader, n string) (errs []error, err error) {
		d.Actors, errs, err = petrarch.ParseActors(r, n)
		return
	})
	parse("test.agents", codeTestAgents, func(r *strings.Reader, n string) (errs []error, err error) {
		d.Agents, errs, err = petrarch.ParseAgents(r, n)
		return
	})
	parse("test.verbs", codeTestVerbs, func(r *strings.Reader, n string) (errs []error, err error) {
		d.Verbs, errs, err = petrarch.ParseVerbs(r, n)
		return
	})
	parse("test.discards", codeTestDiscards, func(r *strings.Reader, n string) (errs []error, err error) {
		d.Discards, errs, err = petrarch.ParseDiscards(r, n)
		return
	})
	p, err := extract.New(extract.WithDictionaries(d))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// triples writes events as "SOURCE CODE TARGET", sorted.
func triples(evs []extract.Event) []string {
	out := []string{}
	for _, e := range evs {
		out = append(out, e.Source+" "+e.Code+" "+e.Target)
	}
	sort.Strings(out)
	return out
}

func TestCodeDictionaries(t *testing.T) {
	p := codeTestPipeline(t)
	for _, tc := range []struct {
		name, text, date string
		options          string // a record's options object
		want             []string
	}{
		{name: "coordinated sources", text: "Ruritania and Borduria condemned Syldavia.",
			want: []string{"BOR 111 SYL", "RUR 111 SYL"}},
		{name: "coordinated targets", text: "Ruritania condemned Borduria, Syldavia and Graustark on Monday.",
			want: []string{"RUR 111 BOR", "RUR 111 GRK", "RUR 111 SYL"}},
		{name: "an entry for two actors", text: "The Old Duchy condemned Borduria.",
			want: []string{"DCH 111 BOR", "OLD 111 BOR"}},
		{name: "actor and agent", text: "Ruritanian troops attacked Borduria.",
			want: []string{"RURMIL 190 BOR"}},
		{name: "actor and agent, possessive", text: "Borduria condemned Syldavia's presidency.",
			want: []string{"BOR 111 SYLGOV"}},
		{name: "agent of coordinated actors", text: "The ambassadors of Ruritania and Syldavia condemned Borduria.",
			want: []string{"RURGOV 111 BOR", "SYLGOV 111 BOR"}},
		{name: "former officials are elites", text: "Former Ruritanian palace guards attacked Borduria.",
			want: []string{"RURELI 190 BOR"}},
		{name: "agent written before the actor", text: "The Ruritanian relief society condemned Borduria.",
			want: []string{"NGORUR 111 BOR"}},
		{name: "agents sharing an actor", text: "Bordurian troops and government condemned Syldavia.",
			want: []string{"BORGOV 111 SYL", "BORMIL 111 SYL"}},
		{name: "an agent alone", text: "The presidency condemned Borduria.",
			want: []string{"---GOV 111 BOR"}},
		{name: "date restriction: in office", text: "King Rudolf condemned Borduria.", date: "1925-05-01",
			want: []string{"RURGOV 111 BOR"}},
		{name: "date restriction: after office", text: "King Rudolf condemned Borduria.", date: "1935-05-01",
			want: []string{"RURELI 111 BOR"}},
		{name: "date restriction: no date", text: "King Rudolf condemned Borduria.",
			want: []string{"RUR 111 BOR"}},
		{name: "the group", text: "Borduria condemned the Red Hand. The group attacked Borduria.",
			want: []string{"BOR 111 RURREBRHD", "RURREBRHD 190 BOR"}},
		{name: "the country", text: "Syldavia criticized the Red Hand. The country later expelled Bordurian envoys.",
			want: []string{"SYL 111 RURREBRHD", "SYL 174 BOR"}},
		{name: "it", text: "Borduria said it would attack Syldavia.",
			want: []string{"BOR 010 SYL", "BOR 190 SYL"}},
		{name: "reported speech", text: "Syldavia said Ruritania attacked Borduria.",
			want: []string{"RUR 190 BOR", "SYL 010 RUR"}},
		{name: "pattern with target and source", text: "The Ruritanian ambassador was expelled by Borduria.",
			want: []string{"BOR 1741 RURGOV"}},
		{name: "passive with by", text: "Syldavia was condemned by Graustark.",
			want: []string{"GRK 111 SYL"}},
		{name: "pattern coding no event", text: "Borduria will never attack Syldavia.",
			want: []string{}},
		{name: "a code each way", text: "Ruritania met Syldavia in Strelsau.",
			want: []string{"RUR 040 SYL", "SYL 040 RUR"}},
		{name: "synonym set in a pattern", text: "Ruritania sent field guns to Borduria.",
			want: []string{"RUR 072 BOR"}},
		{name: "verb alone", text: "Ruritania sent blankets to Borduria.",
			want: []string{"RUR 070 BOR"}},
		{name: "compound subject, no target", text: "Ruritania and Borduria met on Monday.",
			want: []string{"BOR 040 RUR", "RUR 040 BOR"}},
		{name: "infinitive of a coded verb", text: "Ruritania met Syldavia to condemn Borduria.",
			want: []string{"RUR 040 SYL", "SYL 040 RUR"}},
		{name: "no dyad", text: "Ruritanian troops attacked.", want: []string{}},
		{name: "no dyad, not required", text: "Ruritanian troops attacked.", options: `{"require_dyad": false}`,
			want: []string{"RURMIL 190 ---"}},
		{name: "final comma clause set aside", text: "Ruritania condemned Borduria, a Syldavian official said.", options: `{"require_dyad": false}`,
			want: []string{"RUR 111 BOR"}},
		{name: "final comma clause kept", text: "Ruritania condemned Borduria, a Syldavian official said.", options: `{"require_dyad": false, "comma_emax": 0}`,
			want: []string{"RUR 111 BOR", "SYLGOV 010 ---"}},
		{name: "discarded", text: "Ruritania condemned Borduria at the croquet final.", want: []string{}},
		{name: "noun-phrase group", text: "Ruritania extended an olive branch to Borduria.", want: []string{"RUR 050 BOR"}},
		{name: "noun-phrase group, another noun", text: "Ruritania extended a branch to Borduria.", want: []string{}},
		{name: "prepositional group", text: "Ruritania extended an invitation to the royal Bordurian palace.", want: []string{"RUR 042 BOR"}},
		{name: "prepositional group, another preposition", text: "Ruritania extended an invitation from the royal Bordurian palace.", want: []string{}},
		{name: "target to source only", text: "Ruritania appeared before a Bordurian court.", want: []string{"BOR 173 RUR"}},
		{name: "transformation: a claim of another's act", text: "Syldavia claimed Ruritania attacked Borduria.", want: []string{"SYL 112 RUR"}},
		{name: "transformation: an infinitive", text: "Ruritania wants to attack Borduria.", want: []string{"RUR 138 BOR"}},
		{name: "underscores read as spaces", text: "Ruritania condemned the Red_Hand.", want: []string{"RUR 111 RURREBRHD"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := extract.Record{ID: tc.name, Date: tc.date, Text: tc.text}
			if tc.options != "" {
				rec.Options = json.RawMessage(tc.options)
			}
			evs, err := p.Code(context.Background(), rec, extract.DefaultCodeOptions())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, triples(evs)); diff != "" {
				var b strings.Builder
				p.ExplainCode(context.Background(), rec, extract.DefaultCodeOptions(), &b)
				t.Errorf("events (-want +got):\n%s\n%s", diff, b.String())
			}
		})
	}
}

func TestCodeBuiltin(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name, text, date string
		want             []string
	}{
		{"coordinated sources", "Brazil and Argentina condemned Russia on Tuesday.", "2022-03-01",
			[]string{"ARG 111 RUS", "BRA 111 RUS"}},
		{"coordinated targets", "Canada imposed sanctions on Russia, Belarus and Iran.", "2022-03-01",
			[]string{"CAN 163 BLR", "CAN 163 IRN", "CAN 163 RUS"}},
		{"compound actor: troops", "Russian troops attacked Ukraine on Thursday.", "2022-02-24",
			[]string{"RUSMIL 190 UKR"}},
		{"compound actor: presidency", "The French presidency condemned Iran on Monday.", "2022-03-01",
			[]string{"FRAGOV 111 IRN"}},
		{"organ and a finer code", "Iran's foreign ministry accused Albania of espionage.", "2022-09-08",
			[]string{"IRNGOV 1125 ALB"}},
		{"the country", "Albania cut diplomatic ties with Iran on Wednesday. The country also expelled Iranian diplomats.", "2022-09-07",
			[]string{"ALB 161 IRN", "ALB 161 IRNGOV"}},
		{"it", "Albania accused Iran of a cyberattack. It expelled Iranian diplomats on Wednesday.", "2022-09-07",
			[]string{"ALB 1123 IRN", "ALB 161 IRNGOV"}},
		{"reported speech", "The United States said Russia invaded Ukraine on Thursday.", "2022-02-24",
			[]string{"RUS 192 UKR"}},
		{"negated", "China did not condemn Russia.", "2022-02-24", []string{}},
		{"pledge and delivery", "Germany pledged humanitarian aid to Ukraine. Japan sent humanitarian aid to Turkey on Monday.", "2023-02-13",
			[]string{"DEU 0333 UKR", "JPN 073 TUR"}},
		{"talks, both ways", "Turkey held talks with Russia in Ankara on Monday.", "2022-03-01",
			[]string{"RUS 046 TUR", "TUR 046 RUS"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			evs, err := p.Code(context.Background(), extract.Record{ID: tc.name, Date: tc.date, Text: tc.text}, extract.DefaultCodeOptions())
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, triples(evs)); diff != "" {
				t.Errorf("events (-want +got):\n%s", diff)
			}
		})
	}
	evs, err := p.Code(context.Background(), extract.Record{ID: "speech", Date: "2022-02-24", Text: "The United States said Russia invaded Ukraine on Thursday."}, extract.DefaultCodeOptions())
	if err != nil || len(evs) != 1 || evs[0].AttributedTo != "United States" || evs[0].Predicate != "invaded" || evs[0].Date != "2022-02-24" {
		t.Errorf("reported speech: got %+v, %v; want Russia's invasion attributed to the United States, dated 2022-02-24", evs, err)
	}
}

// goldEvent is a gold relation as the precision test compares events with
// it.
type goldEvent struct {
	subject, predicate, object string
}

// TestCodeBuiltinPrecision codes the bundled articles and the seed article
// with the built-in dictionaries and checks that at least 90% of the
// events are right: the gold (or allowed) relation of the same predicate
// holds between the same two actors, and the event code is the
// predicate's or one of its finer codes.
func TestCodeBuiltinPrecision(t *testing.T) {
	p := newPipeline(t)
	gaz := p.Gazetteer()
	iri := func(name string) string {
		if a, ok := gaz.Lookup(name); ok {
			return a.IRI()
		}
		return schema.EntityIRI(name)
	}
	type article struct {
		name string
		doc  schema.Document
		gold []goldEvent
	}
	var arts []article
	golds, _ := filepath.Glob(filepath.Join("..", "testdata", "gold", "*.gold.json"))
	for _, gp := range golds {
		name := strings.TrimSuffix(filepath.Base(gp), ".gold.json")
		var g goldFile
		raw, err := os.ReadFile(gp)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatalf("%s: %v", gp, err)
		}
		files, _ := filepath.Glob(filepath.Join("..", "testdata", "articles", name+".*"))
		for _, f := range files {
			if strings.HasSuffix(f, ".gold.json") {
				continue
			}
			docs, err := source.ReadFile(context.Background(), f, source.NewOptions())
			if err != nil || len(docs) != 1 {
				t.Fatalf("%s: %v", f, err)
			}
			a := article{name: name, doc: docs[0]}
			for _, r := range append(g.Relations, g.Allowed...) {
				a.gold = append(a.gold, goldEvent{iri(r.Subject), r.Predicate, iri(r.Object)})
			}
			arts = append(arts, a)
		}
	}
	if len(arts) < 16 {
		t.Fatalf("found %d bundled articles, want at least 16", len(arts))
	}
	seedDir := filepath.Join(sharedDir(), "eval", "seed")
	if text, err := os.ReadFile(filepath.Join(seedDir, "albania-iran.txt")); err == nil {
		var g struct {
			Must, Should, Allowed []goldRelation
		}
		raw, err := os.ReadFile(filepath.Join(seedDir, "gold.json"))
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &g); err != nil {
			t.Fatal(err)
		}
		a := article{name: "seed", doc: schema.Document{Published: "2022-09-07", Text: string(text)}}
		for _, r := range append(append(g.Must, g.Should...), g.Allowed...) {
			a.gold = append(a.gold, goldEvent{iri(r.Subject), r.Predicate, iri(r.Object)})
		}
		arts = append(arts, a)
	} else {
		t.Logf("seed article not available (%v); coding the bundled articles only", err)
	}
	correct, total := 0, 0
	for _, a := range arts {
		evs, err := p.Code(context.Background(), extract.Record{ID: a.name, Date: a.doc.Published, Text: a.doc.Text}, extract.DefaultCodeOptions())
		if err != nil {
			t.Fatalf("%s: %v", a.name, err)
		}
		for _, e := range evs {
			pred, _ := schema.LookupPredicate(e.Predicate)
			if e.Code == pred.IntentCAMEO() && !schema.CAMEOMatches(e.Code, pred) {
				// An announced act ("Britain will outlaw the Wagner
				// Group"): the gold lists what was done, not what was said
				// will be.
				continue
			}
			total++
			ok := false
			for _, g := range a.gold {
				gp, _ := schema.LookupPredicate(g.predicate)
				same := g.predicate == e.Predicate && g.subject == iri(e.SourceName) && g.object == iri(e.TargetName)
				turned := (gp.Symmetric && g.predicate == e.Predicate || gp.Inverse == e.Predicate && gp.Inverse != "") &&
					g.subject == iri(e.TargetName) && g.object == iri(e.SourceName)
				ok = ok || same || turned
			}
			if _, known := schema.LookupCAMEO(e.Code); !known {
				t.Errorf("%s: event code %s is not in the CAMEO codebook", a.name, e.Code)
			}
			if ok && !schema.CAMEOMatches(e.Code, pred) && !intentOf(e.Code, pred) && !(e.Code == "0871" && pred.Name == "signed_agreement_with") {
				t.Errorf("%s: %s coded %s, which is not %s's code (%s) or under it", a.name, e.Predicate, e.Code, pred.Name, pred.CAMEO)
			}
			if ok {
				correct++
			} else {
				t.Logf("%s: wrong event %s %s %s (%s %s %s)", a.name, e.Source, e.Code, e.Target, e.SourceName, e.Predicate, e.TargetName)
			}
		}
	}
	precision := float64(correct) / float64(max(total, 1))
	t.Logf("coded %d articles: %d events, precision %.3f (%d/%d)", len(arts), total, precision, correct, total)
	if total < 40 {
		t.Errorf("only %d events coded from %d articles", total, len(arts))
	}
	if precision < 0.90 {
		t.Errorf("precision %.3f, want at least 0.90", precision)
	}
}

// intentOf reports whether code is CAMEO's "express intent" (03) form of
// aid predicate p: a pledge of aid.
func intentOf(code string, p schema.Predicate) bool {
	return strings.HasPrefix(code, "033") && (p.Name == "provided_aid_to" || p.Name == "provided_military_aid_to")
}

func TestReadRecords(t *testing.T) {
	in := `{"id": "a", "date": "2022-09-07", "text": "Albania cut ties with Iran."}
{"id": 17, "text": "Iran condemned Albania.", "category": "DEMO", "expected": []}

not json
{"id": "b"}
{"text": "no id"}
{"id": "c", "date": "7 September", "text": "x"}
{"id": "d", "text": "x", "options": {"require_dyad": false, "comma_max": 0}}
{"id": "e", "text": "x", "options": [1]}
{"id": "long", "text": "` + strings.Repeat("Iran condemned Albania. ", extract.MaxRecordLine/24) + `"}
{"id": "f", "text": "after the long line"}
`
	var ids []string
	var problems []string
	err := extract.ReadRecords(context.Background(), strings.NewReader(in), "recs.jsonl", func(r extract.Record) error {
		ids = append(ids, r.ID+"|"+r.Date+"|"+string(r.Options))
		return nil
	}, func(err error) {
		if !errors.Is(err, extract.ErrBadRecord) {
			t.Errorf("%v does not wrap ErrBadRecord", err)
		}
		problems = append(problems, err.Error())
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"a|2022-09-07|", "17||", `d||{"require_dyad": false, "comma_max": 0}`, "f||"}, ids); diff != "" {
		t.Errorf("records (-want +got):\n%s", diff)
	}
	var lines []string
	for _, p := range problems {
		lines = append(lines, p[:strings.Index(p, ": bad record")])
	}
	if diff := cmp.Diff([]string{"recs.jsonl:4", "recs.jsonl:5", "recs.jsonl:6", "recs.jsonl:7", "recs.jsonl:9", "recs.jsonl:10"}, lines); diff != "" {
		t.Errorf("problem lines (-want +got):\n%s\n%s", diff, strings.Join(problems, "\n"))
	}
	if want := fmt.Sprintf("recs.jsonl:10: bad record: %d bytes exceeds the maximum line of %d bytes", len(`{"id": "long", "text": ""}`)+extract.MaxRecordLine/24*24, extract.MaxRecordLine); len(problems) < 6 || problems[5] != want {
		t.Errorf("the over-long line's problem: got %q, want %q", problems[len(problems)-1], want)
	}
}

// TestLexiconCodes checks every CAMEO code the built-in lexicon and the
// vocabulary give against the codebook.
func TestLexiconCodes(t *testing.T) {
	for _, p := range schema.Predicates() {
		if p.CAMEO == "" {
			continue
		}
		c, ok := schema.LookupCAMEO(p.CAMEO)
		if !ok {
			t.Errorf("predicate %s: code %s is not in the codebook", p.Name, p.CAMEO)
			continue
		}
		if p.Kind == schema.Event && schema.FamilyOfCAMEO(c.Code) != p.Family && schema.FamilyOfCAMEO(c.Code) != schema.Neutral {
			t.Errorf("predicate %s (%s): code %s (%s) is %s", p.Name, p.Family, c.Code, c.Name, schema.FamilyOfCAMEO(c.Code))
		}
		if q, ok := schema.PredicateOfCAMEO(p.CAMEO); !ok || q.CAMEO != p.CAMEO {
			t.Errorf("PredicateOfCAMEO(%s) = %s, %v; want a predicate with that code", p.CAMEO, q.Name, ok)
		}
	}
	for _, tc := range []struct{ code, want string }{
		{"1123", "accused"}, {"161", "severed_ties_with"}, {"0256", "requested"}, {"195", "attacked"}, {"1951", "attacked"},
	} {
		if p, ok := schema.PredicateOfCAMEO(tc.code); !ok || p.Name != tc.want {
			t.Errorf("PredicateOfCAMEO(%s) = %s, want %s", tc.code, p.Name, tc.want)
		}
	}
	for _, tc := range []struct {
		code, actor string
		roles       []string
	}{
		{"IRNGOV", "IRN", []string{"GOV"}}, {"USAGOVELI", "USA", []string{"GOV", "ELI"}},
		{"IGOUNO", "IGOUNO", nil}, {"---GOV", "---", []string{"GOV"}}, {"NGOARNGOV", "NGOARN", []string{"GOV"}}, {"IRN", "IRN", nil},
	} {
		actor, roles := schema.SplitActorCode(tc.code)
		if actor != tc.actor || fmt.Sprint(roles) != fmt.Sprint(tc.roles) {
			t.Errorf("SplitActorCode(%s) = %s %v, want %s %v", tc.code, actor, roles, tc.actor, tc.roles)
		}
	}
}

// TestLexiconPhrasings checks phrasings of real reporting the lexicon reads,
// with the code each gives.
func TestLexiconPhrasings(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		text string
		want string // "SOURCE CODE TARGET predicate"
	}{
		{"Iran lambasted Israel on Monday.", "IRN 111 ISR condemned"},
		{"The Kremlin castigated NATO on Monday.", "RUSGOV 111 IGOWSTNAT condemned"},
		{"China accused the United States of espionage on Monday.", "CHN 1125 USA accused"},
		{"Ukraine accused Russia of war crimes on Monday.", "UKR 1124 RUS accused"},
		{"Qatar urged Israel to release the hostages on Monday.", "QAT 0253 ISR requested"},
		{"Egypt urged Israel to agree to a ceasefire on Monday.", "EGY 0256 ISR requested"},
		{"The United States threatened Iran with sanctions on Monday.", "USA 1312 IRN threatened"},
		{"Macron phoned Putin on Monday.", "FRAGOV 041 RUSGOV consulted"},
		{"Turkey hosted Ukraine for talks on Monday.", "TUR 043 UKR met_with"},
		{"Israel and Egypt agreed to a truce on Monday.", "ISR 0871 EGY signed_agreement_with"},
		{"Japan sent humanitarian aid to Turkey on Monday.", "JPN 073 TUR provided_aid_to"},
		{"Germany pledged military aid to Ukraine on Monday.", "DEU 0332 UKR provided_military_aid_to"},
		{"Israel launched air strikes on Lebanon on Monday.", "ISR 195 LBN attacked"},
		{"Russia shelled Ukraine on Monday.", "RUS 194 UKR attacked"},
		{"The United States blacklisted Iran on Monday.", "USA 163 IRN imposed_sanctions_on"},
		{"Russia occupied Crimea in 2014.", ""},
		{"Blinken flew to Israel on Monday.", "USAGOV 042 ISR visited"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			evs, err := p.Code(context.Background(), extract.Record{ID: "t", Date: "2023-10-16", Text: tc.text}, extract.DefaultCodeOptions())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range evs {
				got = append(got, e.Source+" "+e.Code+" "+e.Target+" "+e.Predicate)
			}
			if tc.want == "" {
				return // only that it codes without error
			}
			found := false
			for _, g := range got {
				found = found || g == tc.want
			}
			if !found {
				t.Errorf("events %q, want one %q", got, tc.want)
			}
		})
	}
}
