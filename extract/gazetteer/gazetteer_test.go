package gazetteer

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

func builtinForTest(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestLookup(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		in   string
		want string // canonical name; "" for not found
	}{
		// Canonical names, any case, with or without "the".
		{"Iran", "Iran"},
		{"iran", "Iran"},
		{"the United States", "United States"},
		{"Ivory Coast", "Ivory Coast"},
		{"Côte d'Ivoire", "Ivory Coast"},
		{"Cote d'Ivoire", "Ivory Coast"},
		// Abbreviations, with or without dots, any case.
		{"US", "United States"},
		{"U.S.", "United States"},
		{"us", "United States"},
		{"USA", "United States"},
		{"UK", "United Kingdom"},
		{"UAE", "United Arab Emirates"},
		{"DPRK", "North Korea"},
		{"ROK", "South Korea"},
		{"PRC", "China"},
		{"DRC", "Democratic Republic of the Congo"},
		{"KSA", "Saudi Arabia"},
		{"UN", "United Nations"},
		{"NATO", "NATO"},
		{"EU", "European Union"},
		// Official names and other aliases.
		{"Islamic Republic of Iran", "Iran"},
		{"the Islamic Republic", "Iran"},
		{"Islamic Republic", "Iran"},
		{"United States of America", "United States"},
		{"Türkiye", "Turkey"},
		{"Burma", "Myanmar"},
		// Demonyms and capitals.
		{"Iranian", "Iran"},
		{"Albanians", "Albania"},
		{"Emirati", "United Arab Emirates"},
		{"Saudi", "Saudi Arabia"},
		{"Washington", "United States"},
		{"Tehran", "Iran"},
		{"Kyiv", "Ukraine"},
		{"Kiev", "Ukraine"},
		// IRIs and slugs.
		{"ent:united_states", "United States"},
		{"<ent:iran>", "Iran"},
		{"  ent:albania ", "Albania"},
		{"united_states", "United States"},
		{"ent:nowhere", ""},
		// Groups, with the spellings of the MEK.
		{"MEK", "MEK"},
		{"Mujahedin-e-Khalq", "MEK"},
		{"Mujahedin-e Khalq", "MEK"},
		{"Mojahedin-e-Khalq", "MEK"},
		{"Mojahedin-e Khalq", "MEK"},
		{"People's Mojahedin Organization of Iran", "MEK"},
		{"People's Mujahedin of Iran", "MEK"},
		{"PMOI", "MEK"},
		{"MKO", "MEK"},
		{"Daesh", "ISIS"},
		{"Ansar Allah", "Houthis"},
		// Organs, media, people.
		{"White House", "White House"},
		{"Foggy Bottom", "State Department"},
		{"IRGC", "Islamic Revolutionary Guard Corps"},
		{"Elysee", "Élysée Palace"},
		{"IRNA", "Islamic Republic News Agency"},
		{"Tasnim", "Tasnim News Agency"},
		{"MBS", "Mohammed bin Salman"},
		{"Saddam", "Saddam Hussein"},
		{"Putin", "Vladimir Putin"},
		{"Erdogan", "Recep Tayyip Erdoğan"},
		// Never actors.
		{"Bush", ""},
		{"January", ""},
		{"May", ""},
		{"Western", ""},
		{"European", ""},
		{"Korea", ""},
		{"Congo", ""},
		{"", ""},
		{"...", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			a, ok := g.Lookup(tt.in)
			if ok != (tt.want != "") || a.Name != tt.want {
				t.Errorf("Lookup(%q) = %q, %v; want %q", tt.in, a.Name, ok, tt.want)
			}
		})
	}
}

func TestGet(t *testing.T) {
	g := builtinForTest(t)
	for _, iri := range []string{"ent:iran", "<ent:iran>", "iran"} {
		a, ok := g.Get(iri)
		if !ok || a.Name != "Iran" {
			t.Errorf("Get(%q) = %q, %v; want Iran", iri, a.Name, ok)
		}
	}
	if a, ok := g.Get("ent:persia"); ok {
		t.Errorf("Get(ent:persia) = %q, want none", a.Name)
	}
}

func TestEntity(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		name string
		want schema.Entity
	}{
		{"Albania", schema.Entity{IRI: "ent:albania", Name: "Albania", Type: schema.Country, ISO3: "ALB", CAMEO: "ALB"}},
		{"United States", schema.Entity{IRI: "ent:united_states", Name: "United States", Type: schema.Country, ISO3: "USA", CAMEO: "USA"}},
		{"White House", schema.Entity{IRI: "ent:white_house", Name: "White House", Type: schema.Government, ISO3: "USA", CAMEO: "USAGOV", Parent: "ent:united_states", ParentPredicate: "part_of"}},
		{"Islamic Revolutionary Guard Corps", schema.Entity{IRI: "ent:islamic_revolutionary_guard_corps", Name: "Islamic Revolutionary Guard Corps", Type: schema.Agency, ISO3: "IRN", CAMEO: "IRNMIL", Parent: "ent:iran", ParentPredicate: "part_of"}},
		{"Islamic Republic News Agency", schema.Entity{IRI: "ent:islamic_republic_news_agency", Name: "Islamic Republic News Agency", Type: schema.Media, ISO3: "IRN", CAMEO: "IRNMED", Parent: "ent:iran", ParentPredicate: "media_of"}},
		{"Edi Rama", schema.Entity{IRI: "ent:edi_rama", Name: "Edi Rama", Type: schema.Person, ISO3: "ALB", CAMEO: "ALBGOV", Parent: "ent:albania", ParentPredicate: "head_of_government_of"}},
		{"Al-Monitor", schema.Entity{IRI: "ent:al_monitor", Name: "Al-Monitor", Type: schema.Media}},
		{"MEK", schema.Entity{IRI: "ent:mek", Name: "MEK", Type: schema.PoliticalGroup}},
		{"United Nations", schema.Entity{IRI: "ent:united_nations", Name: "United Nations", Type: schema.IGO, CAMEO: "IGOUNO"}},
		{"UNHCR", schema.Entity{IRI: "ent:unhcr", Name: "UNHCR", Type: schema.IGO, Parent: "ent:united_nations", ParentPredicate: "part_of"}},
		{"Gaza Strip", schema.Entity{IRI: "ent:gaza_strip", Name: "Gaza Strip", Type: schema.Place, ISO3: "PSE", Parent: "ent:palestine", ParentPredicate: "part_of"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ok := g.Lookup(tt.name)
			if !ok {
				t.Fatalf("Lookup(%q) found nothing", tt.name)
			}
			if diff := cmp.Diff(tt.want, a.Entity()); diff != "" {
				t.Errorf("Entity() (-want +got):\n%s", diff)
			}
		})
	}
}

func TestAsAgent(t *testing.T) {
	g := builtinForTest(t)
	iran, _ := g.Lookup("Iran")
	want := schema.Entity{IRI: "ent:iran", Name: "Iran", Type: schema.Country, ISO3: "IRN", CAMEO: "IRNGOV", Role: "GOV"}
	if diff := cmp.Diff(want, iran.AsAgent("GOV")); diff != "" {
		t.Errorf("AsAgent(GOV) (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(iran.Entity(), iran.AsAgent("")); diff != "" {
		t.Errorf("AsAgent(\"\") differs from Entity() (-want +got):\n%s", diff)
	}
}

func TestNewResolves(t *testing.T) {
	g := New(
		Actor{Name: "Ruritania", Kind: schema.Country, ISO3: "RUR"},
		Actor{Name: "Ruritanian Army", Kind: schema.Agency, Parent: "Ruritania", Role: "MIL"},
		Actor{Name: "Third Brigade", Kind: schema.Agency, Parent: "Ruritanian Army", Role: "MIL"},
		Actor{Name: "Ruritanian Herald", Kind: schema.Media, Parent: "Ruritania", ParentPredicate: "media_of", CAMEO: "RURHER"},
		Actor{Name: "Loop A", Kind: schema.Agency, Parent: "Loop B", Role: "GOV"},
		Actor{Name: "Loop B", Kind: schema.Agency, Parent: "Loop A", Role: "GOV"},
	)
	want := []Actor{
		{Name: "Ruritania", Kind: schema.Country, ISO3: "RUR", CAMEO: "RUR"},
		{Name: "Ruritanian Army", Kind: schema.Agency, ISO3: "RUR", CAMEO: "RURMIL", Parent: "Ruritania", ParentPredicate: "part_of", Role: "MIL"},
		{Name: "Third Brigade", Kind: schema.Agency, ISO3: "RUR", CAMEO: "RURMIL", Parent: "Ruritanian Army", ParentPredicate: "part_of", Role: "MIL"},
		{Name: "Ruritanian Herald", Kind: schema.Media, ISO3: "RUR", CAMEO: "RURHER", Parent: "Ruritania", ParentPredicate: "media_of"},
		{Name: "Loop A", Kind: schema.Agency, Parent: "Loop B", ParentPredicate: "part_of", Role: "GOV"},
		{Name: "Loop B", Kind: schema.Agency, Parent: "Loop A", ParentPredicate: "part_of", Role: "GOV"},
	}
	if diff := cmp.Diff(want, g.Actors()); diff != "" {
		t.Errorf("Actors() (-want +got):\n%s", diff)
	}
}

func TestWith(t *testing.T) {
	base := New(
		Actor{Name: "Ruritania", Kind: schema.Country, ISO3: "RUR", Capitals: []string{"Strelsau"}},
		Actor{Name: "Ruritanian Army", Kind: schema.Agency, Parent: "Ruritania", Role: "MIL"},
	)
	g := base.With(
		Actor{Name: "Ruritania", Kind: schema.Country, ISO3: "RRT", Aliases: []string{"Kingdom of Ruritania"}},
		Actor{Name: "Graustark", Kind: schema.Country, ISO3: "GRK"},
	)
	var names []string
	for _, a := range g.Actors() {
		names = append(names, a.Name)
	}
	if diff := cmp.Diff([]string{"Ruritania", "Ruritanian Army", "Graustark"}, names); diff != "" {
		t.Errorf("With: names (-want +got):\n%s", diff)
	}
	if a, ok := g.Lookup("Kingdom of Ruritania"); !ok || a.ISO3 != "RRT" {
		t.Errorf("With: Lookup(Kingdom of Ruritania) = %+v, %v; want the replacement", a, ok)
	}
	if _, ok := g.Lookup("Strelsau"); ok {
		t.Error("With: the replaced actor's capital still resolves")
	}
	if a, _ := g.Lookup("Ruritanian Army"); a.CAMEO != "RRTMIL" {
		t.Errorf("With: the organ's CAMEO = %q, want it recomputed from the new state code (RRTMIL)", a.CAMEO)
	}
	// The original is unchanged.
	if a, ok := base.Lookup("Strelsau"); !ok || a.ISO3 != "RUR" {
		t.Errorf("With changed its receiver: Lookup(Strelsau) = %+v, %v", a, ok)
	}
	if _, ok := base.Lookup("Graustark"); ok {
		t.Error("With changed its receiver: Graustark found")
	}
}

func TestActorsAreCopies(t *testing.T) {
	g := builtinForTest(t)
	a, _ := g.Lookup("Iran")
	a.Aliases[0] = "Persia"
	as := g.Actors()
	as[0].Name = "Changed"
	if _, ok := g.Lookup("Persia"); ok {
		t.Error("changing a returned actor's aliases changed the gazetteer")
	}
	if b, _ := g.Get("ent:iran"); b.Aliases[0] == "Persia" {
		t.Error("changing a returned actor's aliases changed the gazetteer's actor")
	}
	if g.Actors()[0].Name == "Changed" {
		t.Error("changing Actors() changed the gazetteer")
	}
}

func TestCheck(t *testing.T) {
	g := New(
		Actor{Name: "Ruritania", Kind: schema.Country, ISO3: "RUR", Demonyms: []string{"Ruritanian"}},
		Actor{Name: "Ruritanian", Kind: schema.Media},
		Actor{Name: "Army", Kind: schema.Agency, Parent: "Graustark"},
		Actor{Name: "Herald", Kind: schema.Media, Parent: "Ruritania", ParentPredicate: "attacked"},
	)
	var got []string
	for _, err := range g.Check() {
		got = append(got, err.Error())
	}
	want := []string{
		`Army: parent "Graustark" is not in the gazetteer`,
		`Herald: parent_predicate "attacked" is not a standing relation of the schema`,
		`"ruritanian" names Ruritania (Demonym) and Ruritanian (Name)`,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check() (-want +got):\n%s", diff)
	}
	// Lookup takes the better form: the name over the demonym.
	if a, _ := g.Lookup("Ruritanian"); a.Name != "Ruritanian" {
		t.Errorf("Lookup(Ruritanian) = %q, want the medium, by name", a.Name)
	}
}

func TestSuggest(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		in    string
		n     int
		first string // "" for no suggestion
	}{
		{"Irann", 3, "Iran"},
		{"Albnia", 3, "Albania"},
		{"Mujahedin Khalq", 3, "MEK"},
		{"Erdogn", 3, "Recep Tayyip Erdoğan"},
		{"Tehrn", 3, "Iran"},
		{"Revolutionary Guards Corp", 3, "Islamic Revolutionary Guard Corps"},
		{"xqzvw", 3, ""},
		{"Iran", 0, ""},
		{"", 3, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got := g.Suggest(tt.in, tt.n)
			if len(got) > tt.n {
				t.Errorf("Suggest(%q, %d) returned %d actors", tt.in, tt.n, len(got))
			}
			if tt.first == "" {
				if len(got) > 0 {
					t.Errorf("Suggest(%q, %d) = %q…, want nothing", tt.in, tt.n, got[0].Name)
				}
				return
			}
			if len(got) == 0 || got[0].Name != tt.first {
				var names []string
				for _, a := range got {
					names = append(names, a.Name)
				}
				t.Errorf("Suggest(%q, %d) = [%s], want %q first", tt.in, tt.n, strings.Join(names, ", "), tt.first)
			}
		})
	}
}

func BenchmarkBuildBuiltin(b *testing.B) {
	for b.Loop() {
		actors, errs := parseBuiltin()
		if len(errs) > 0 {
			b.Fatal(errs)
		}
		New(actors...)
	}
}

func BenchmarkLookup(b *testing.B) {
	g := builtinForTest(b)
	names := []string{"U.S.", "Mujahedin-e-Khalq", "ent:iran", "the Islamic Republic", "nowhere"}
	for b.Loop() {
		for _, n := range names {
			g.Lookup(n)
		}
	}
}

func BenchmarkSuggest(b *testing.B) {
	g := builtinForTest(b)
	for b.Loop() {
		g.Suggest("Irann", 5)
	}
}
