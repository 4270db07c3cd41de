package gazetteer

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// show writes matches as the tests do: "start:end text=Actor/Form".
func show(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, fmt.Sprintf("%d:%d %s=%s/%s", m.Start, m.End, m.Text, m.Actor.Name, m.Form))
	}
	return out
}

func TestMatch(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		name   string
		tokens string // space-separated, as prose tokenises
		want   []string
	}{
		{
			name:   "demonym, person, abbreviations",
			tokens: "Albanian Prime Minister Edi Rama said the US and the UK",
			want:   []string{"0:1 Albanian=Albania/Demonym", "3:5 Edi Rama=Edi Rama/Name", "7:8 US=United States/Abbrev", "10:11 UK=United Kingdom/Abbrev"},
		},
		{
			name:   "possessive before an organ noun",
			tokens: "Iran 's Foreign Ministry condemned the decision",
			want:   []string{"0:1 Iran=Iran/Name"},
		},
		{
			name:   "dotted abbreviation",
			tokens: "The U.S. removed the MEK from its list in 2012 .",
			want:   []string{"1:2 U.S.=United States/Abbrev", "4:5 MEK=MEK/Name"},
		},
		{
			name:   "us the pronoun",
			tokens: "Let us know , he told us",
			want:   nil,
		},
		{
			name:   "Us capitalised is not US",
			tokens: "Us and them",
			want:   nil,
		},
		{
			name:   "Western, European and months are nothing",
			tokens: "Western observers and European diplomats met in January and May",
			want:   nil,
		},
		{
			name:   "lower-case demonym is nothing",
			tokens: "an iranian and an albanian",
			want:   nil,
		},
		{
			name:   "one-token alias with hyphens",
			tokens: "The Mujahedin-e-Khalq ( MEK ) moved to Albania",
			want:   []string{"1:2 Mujahedin-e-Khalq=MEK/Alias", "3:4 MEK=MEK/Name", "7:8 Albania=Albania/Name"},
		},
		{
			name:   "hyphen and space are the same",
			tokens: "the Mojahedin-e Khalq Organization and the Mujahedin e Khalq",
			want:   []string{"1:4 Mojahedin-e Khalq Organization=MEK/Alias", "6:9 Mujahedin e Khalq=MEK/Alias"},
		},
		{
			name:   "possessive inside a name",
			tokens: "the People 's Mojahedin Organization of Iran ( PMOI )",
			want:   []string{"1:7 People's Mojahedin Organization of Iran=MEK/Alias", "8:9 PMOI=MEK/Abbrev"},
		},
		{
			name:   "lone apostrophe inside a name",
			tokens: "the Kurdistan Workers ' Party",
			want:   []string{"1:5 Kurdistan Workers' Party=PKK/Alias"},
		},
		{
			name:   "leading the in either case",
			tokens: "The Islamic Republic said the Islamic Republic",
			want:   []string{"0:3 The Islamic Republic=Iran/Alias", "4:7 the Islamic Republic=Iran/Alias"},
		},
		{
			name:   "Islamic Republic of Iran is longer than the Islamic Republic",
			tokens: "the Islamic Republic of Iran",
			want:   []string{"1:5 Islamic Republic of Iran=Iran/Alias"},
		},
		{
			name:   "capitals as metonyms",
			tokens: "Tehran and Washington traded accusations ; Kyiv and Kiev",
			want:   []string{"0:1 Tehran=Iran/Capital", "2:3 Washington=United States/Capital", "6:7 Kyiv=Ukraine/Capital", "8:9 Kiev=Ukraine/Capital"},
		},
		{
			name:   "capitals in longer names are not",
			tokens: "the Washington Post , the Tehran Times , George Washington and the Paris Agreement",
			want:   []string{"1:3 Washington Post=Washington Post/Name"},
		},
		{
			name:   "named organs",
			tokens: "the White House , the Pentagon , the Kremlin and the IRGC",
			want:   []string{"1:3 White House=White House/Organ", "5:6 Pentagon=Pentagon/Organ", "8:9 Kremlin=Kremlin/Organ", "11:12 IRGC=Islamic Revolutionary Guard Corps/Organ"},
		},
		{
			name:   "organ followed by a generic organ noun",
			tokens: "the White House National Security Council",
			want:   []string{"1:3 White House=White House/Organ"},
		},
		{
			name:   "longest alias wins over its parts",
			tokens: "the U.S. State Department and Saudi Arabia and a Saudi Arabian",
			want:   []string{"1:4 U.S. State Department=State Department/Organ", "5:7 Saudi Arabia=Saudi Arabia/Name", "9:11 Saudi Arabian=Saudi Arabia/Demonym"},
		},
		{
			name:   "short forms only standing alone",
			tokens: "Hunter Biden met President Biden at Trump Tower ; Putin said",
			want:   []string{"4:5 Biden=Joe Biden/Short", "9:10 Putin=Vladimir Putin/Short"},
		},
		{
			name:   "short form after a function word that starts the sentence",
			tokens: "But Putin and Mr. Xi",
			want:   []string{"1:2 Putin=Vladimir Putin/Short", "4:5 Xi=Xi Jinping/Short"},
		},
		{
			name:   "Congress alone and not",
			tokens: "Congress passed it ; the Indian National Congress and the Congress Party",
			want:   []string{"0:1 Congress=United States Congress/Organ", "5:6 Indian=India/Demonym"},
		},
		{
			name:   "full name and alias of a person",
			tokens: "Saddam Hussein , Saddam and Mohammed bin Salman ( MBS )",
			want:   []string{"0:2 Saddam Hussein=Saddam Hussein/Name", "3:4 Saddam=Saddam Hussein/Alias", "5:8 Mohammed bin Salman=Mohammed bin Salman/Name", "9:10 MBS=Mohammed bin Salman/Abbrev"},
		},
		{
			name:   "Bush is not a country",
			tokens: "Bush met Blair",
			want:   nil,
		},
		{
			name:   "lower-case al- may be capitalised",
			tokens: "Al-Qaeda , al-Qaeda and Al-Shabaab",
			want:   []string{"0:1 Al-Qaeda=al-Qaeda/Name", "2:3 al-Qaeda=al-Qaeda/Name", "4:5 Al-Shabaab=al-Shabaab/Name"},
		},
		{
			name:   "compound tokens name nothing",
			tokens: "the Israel-Hamas war and the US-led coalition",
			want:   nil,
		},
		{
			name:   "headline in capitals",
			tokens: "IRAN ACCUSES ALBANIA",
			want:   []string{"0:1 IRAN=Iran/Name", "2:3 ALBANIA=Albania/Name"},
		},
		{
			name:   "capitals do not make a short word match",
			tokens: "THE US AND UK",
			want:   []string{"1:2 US=United States/Abbrev", "3:4 UK=United Kingdom/Abbrev"},
		},
		{
			name:   "stop phrases",
			tokens: "the Indian Ocean , the South China Sea , Latin American leaders and American Samoa",
			want:   nil,
		},
		{
			name:   "accents and apostrophes",
			tokens: "Côte d'Ivoire , Cote d'Ivoire , N'Djamena and the Élysée",
			want:   []string{"0:2 Côte d'Ivoire=Ivory Coast/Alias", "3:5 Cote d'Ivoire=Ivory Coast/Alias", "6:7 N'Djamena=Chad/Capital", "9:10 Élysée=Élysée Palace/Organ"},
		},
		{
			name:   "security council with and without the",
			tokens: "the Security Council and Russia 's Security Council",
			want:   []string{"0:3 the Security Council=United Nations Security Council/Alias", "4:5 Russia=Russia/Name"},
		},
		{
			name:   "media",
			tokens: "IRNA , Tasnim News Agency , Al-Monitor and Press TV reported",
			want:   []string{"0:1 IRNA=Islamic Republic News Agency/Abbrev", "2:5 Tasnim News Agency=Tasnim News Agency/Name", "6:7 Al-Monitor=Al-Monitor/Name", "8:10 Press TV=Press TV/Name"},
		},
		{
			name:   "symbols inside a token",
			tokens: "OPEC+ and OPEC and the G7",
			want:   []string{"0:1 OPEC+=OPEC Plus/Abbrev", "2:3 OPEC=OPEC/Name", "5:6 G7=G7/Name"},
		},
		{
			name:   "empty",
			tokens: "",
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := show(g.Match(strings.Fields(tt.tokens)))
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Match(%q) (-want +got):\n%s", tt.tokens, diff)
			}
		})
	}
}

// Every name, alias, demonym and capital of the built-in data, tokenised
// the way prose does it, matches its own actor.
func TestMatchEveryForm(t *testing.T) {
	g := builtinForTest(t)
	for _, a := range g.Actors() {
		forms := append([]string{a.Name}, a.Aliases...)
		forms = append(forms, a.Short...)
		forms = append(forms, a.Demonyms...)
		forms = append(forms, a.Capitals...)
		for _, f := range forms {
			if !hasLetterOrDigit(f) || strings.Contains(f, ",") {
				continue // a name with a comma is for Lookup only
			}
			toks := strings.Fields(strings.ReplaceAll(f, "'s ", " 's "))
			ms := g.Match(toks)
			if len(ms) != 1 || ms[0].Start != 0 || ms[0].End != len(toks) || ms[0].Actor.Name != a.Name {
				t.Errorf("Match(%q) = %v, want one match of %s", toks, show(ms), a.Name)
			}
		}
	}
}

func TestMatchAgent(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		tokens string
		i      int
		want   string // "phrase role official predicate end"; "" for none
	}{
		{"Iran 's Foreign Ministry said", 2, "foreign ministry GOV false part_of 4"},
		{"the ministry of foreign affairs of Iran", 1, "ministry of foreign affairs GOV false part_of 5"},
		{"Albanian Prime Minister Edi Rama", 1, "prime minister GOV true head_of_government_of 3"},
		{"the Iranian government", 2, "government GOV false part_of 3"},
		{"Iranian diplomats", 1, "diplomats GOV true part_of 2"},
		{"the Iranian armed forces", 2, "armed forces MIL false part_of 4"},
		{"the White House National Security Council", 3, "national security council GOV false part_of 6"},
		{"the defense ministry", 1, "defense ministry MIL false part_of 3"},
		{"the Defence Minister", 1, "defence minister MIL true minister_of 3"},
		{"Chinese President Xi", 1, "president GOV true head_of_state_of 2"},
		{"Iran 's Supreme Leader", 2, "supreme leader GOV true head_of_state_of 4"},
		{"Iranian state-run media", 1, "state-run media MED false part_of 3"},
		{"UN Secretary-General Guterres", 1, "secretary-general GOV true part_of 2"},
		{"Iranian hackers", 1, ""},
		{"Iran 's Foreign Ministry", 1, ""},
		{"Iran", 1, ""},
		{"Iran", -1, ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s@%d", tt.tokens, tt.i), func(t *testing.T) {
			a, end, ok := g.MatchAgent(strings.Fields(tt.tokens), tt.i)
			got := ""
			if ok {
				got = fmt.Sprintf("%s %s %v %s %d", a.Phrase(), a.Role, a.Official, a.Predicate, end)
			}
			if got != tt.want {
				t.Errorf("MatchAgent(%q, %d) = %q, want %q", tt.tokens, tt.i, got, tt.want)
			}
		})
	}
}

func TestAgentsHaveRoles(t *testing.T) {
	g := builtinForTest(t)
	seen := make(map[string]bool)
	for _, a := range g.Agents() {
		p := a.Phrase()
		if seen[p] {
			t.Errorf("agent %q listed twice", p)
		}
		seen[p] = true
		if !isCode(a.Role, 3, 3, false) {
			t.Errorf("agent %q: role %q is not a CAMEO agent code", p, a.Role)
		}
		if a.Predicate == "" {
			t.Errorf("agent %q: no predicate", p)
		}
		toks := strings.Fields(p)
		if got, end, ok := g.MatchAgent(toks, 0); !ok || end != len(toks) || got.Phrase() != p {
			t.Errorf("MatchAgent(%q, 0) = %q, %d, %v; want the agent itself", toks, got.Phrase(), end, ok)
		}
	}
}

func BenchmarkMatch(b *testing.B) {
	g := builtinForTest(b)
	sentences := [][]string{
		strings.Fields("Albania has cut diplomatic ties with Iran and ordered Iranian diplomats to leave within 24 hours , Prime Minister Edi Rama said on Wednesday ."),
		strings.Fields("The United States said it would take further action to hold Iran accountable for the cyberattack , the White House National Security Council said ."),
		strings.Fields("Tehran denied the allegations as baseless , and the Iranian foreign ministry condemned Tirana 's decision , IRNA reported ."),
		strings.Fields("The Mujahedin-e-Khalq , or MEK , has been based in Albania since 2016 after the U.S. asked Tirana to host it ."),
	}
	for b.Loop() {
		for _, s := range sentences {
			g.Match(s)
		}
	}
}

func TestMatchMembers(t *testing.T) {
	g := builtinForTest(t)
	tests := []struct {
		tokens string
		i      int
		want   int // end; -1 for none
	}{
		{"the Navy 's fighter jets fired", 3, 5},
		{"Hezbollah fighters", 1, 2},
		{"coast guard vessels", 2, 3},
		{"the ministry", 1, -1},
		{"jets", 1, -1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s@%d", tt.tokens, tt.i), func(t *testing.T) {
			end, ok := g.MatchMembers(strings.Fields(tt.tokens), tt.i)
			if !ok {
				end = -1
			}
			if end != tt.want {
				t.Errorf("MatchMembers(%q, %d) = %d, want %d", tt.tokens, tt.i, end, tt.want)
			}
		})
	}
}
