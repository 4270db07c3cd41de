package extract_test

import (
	"context"
	"maps"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/geokg/geokg/schema"
)

// TestTreeRules runs the pipeline on single sentences whose reading needs
// the dependency tree: acts named by nouns, the verbs that govern them and
// their modality, subjects far from their verb. The sentences are written
// here; the publication date is Wednesday 2022-09-07.
func TestTreeRules(t *testing.T) {
	p := newPipeline(t)
	for _, tc := range []struct {
		name, text string
		want       []fact
	}{
		{"establishment of relations between two states",
			"Nicaragua and Taiwan announced the establishment of diplomatic relations on Tuesday.",
			[]fact{
				{S: "Nicaragua", P: "restored_ties_with", O: "Taiwan", Date: "2022-09-06"},
				{S: "Taiwan", P: "restored_ties_with", O: "Nicaragua", Date: "2022-09-06"},
			}},
		{"a deal between two parties, announced by a third",
			"Egypt on Monday announced a ceasefire deal between Israel and Hamas.",
			[]fact{{S: "Hamas", P: "signed_agreement_with", O: "Israel", Date: "2022-09-05"}}},
		{"talks between, as the subject of a passive",
			"Talks between Armenia and Azerbaijan were held in Brussels on Monday.",
			[]fact{{S: "Armenia", P: "met_with", O: "Azerbaijan", Date: "2022-09-05"}}},
		{"strikes named by a demonym and a target",
			"Lebanon condemned Israeli airstrikes on Syria.",
			[]fact{
				{S: "Israel", P: "attacked", O: "Syria"},
				{S: "Lebanon", P: "condemned", O: "Israel"},
			}},
		{"called-for talks are not talks",
			"Turkey called for talks between Russia and Ukraine.", nil},
		{"office by apposition",
			"Peru's foreign minister, Carlos Mendez, arrived on Monday.",
			[]fact{{S: "Carlos Mendez", P: "minister_of", O: "Peru"}}},
		{"a leader by a relative clause, titles left out",
			"Major General Ahmed Khalil, who leads the Rapid Support Forces, spoke on Monday.",
			[]fact{{S: "Ahmed Khalil", P: "part_of", O: "Rapid Support Forces"}}},
		{"recognition switched from one state to another",
			"Kiribati switched diplomatic recognition from Taiwan to China on Friday.",
			[]fact{
				{S: "Kiribati", P: "recognized", O: "China", Date: "2022-09-02"},
				{S: "Kiribati", P: "severed_ties_with", O: "Taiwan", Date: "2022-09-02"},
			}},
		{"withdrawal from an agreement",
			"Washington withdrew from the arms control treaty with Moscow on Monday.",
			[]fact{{S: "United States", P: "withdrew_from_agreement_with", O: "Russia", Date: "2022-09-05"}}},
		{"a closed border",
			"Uzbekistan closed its border with Tajikistan on Monday.",
			[]fact{{S: "Uzbekistan", P: "closed_border_with", O: "Tajikistan", Date: "2022-09-05"}}},
		{"parties agreeing to act",
			"Chile and Bolivia have agreed to restore full diplomatic ties.",
			[]fact{
				{S: "Bolivia", P: "restored_ties_with", O: "Chile", Date: "2022-09-07"},
				{S: "Bolivia", P: "signed_agreement_with", O: "Chile", Date: "2022-09-07"},
				{S: "Chile", P: "restored_ties_with", O: "Bolivia", Date: "2022-09-07"},
			}},
		{"coordinated modifiers of an agentive head",
			"American and Iranian negotiators signed an agreement on Monday.",
			[]fact{{S: "Iran", P: "signed_agreement_with", O: "United States", Date: "2022-09-05"}}},
		{"parties fighting each other",
			"Armenia and Azerbaijan have continued to shell each other.",
			[]fact{
				{S: "Armenia", P: "attacked", O: "Azerbaijan", Date: "2022-09-07"},
				{S: "Azerbaijan", P: "attacked", O: "Armenia", Date: "2022-09-07"},
			}},
		{"an actor-named adjective of support",
			"Russia-backed Syria bombed Idlib on Monday.",
			[]fact{{S: "Russia", P: "supported", O: "Syria"}}},
		{"an actor-named adjective of mediation",
			"Delegates held Turkish-brokered talks between Russia and Ukraine on Monday.",
			[]fact{
				{S: "Russia", P: "met_with", O: "Ukraine", Date: "2022-09-05"},
				{S: "Turkey", P: "mediated", O: "Russia", Date: "2022-09-05"},
				{S: "Turkey", P: "mediated", O: "Ukraine", Date: "2022-09-05"},
			}},
		{"readmission to an organisation",
			"The African Union readmitted Mali on Monday.",
			[]fact{{S: "Mali", P: "joined", O: "African Union", Date: "2022-09-05"}}},
		{"an adopted decision is its adopter's act",
			"African Union foreign ministers adopted a decision to readmit Mali on Sunday.",
			[]fact{{S: "Mali", P: "joined", O: "African Union", Date: "2022-09-04"}}},
		{"a sanction given with a light verb, the target before it",
			"The European Union agreed to punish Belarus for the hijacking with tough sanctions.",
			[]fact{{S: "European Union", P: "imposed_sanctions_on", O: "Belarus"}}},
		{"naming an act is not calling for it",
			"Hamas fired rockets, calling it retaliation for Israeli airstrikes on Gaza.",
			[]fact{{S: "Israel", P: "attacked", O: "Palestine"}}},
		{"a bare weekday dates the verb",
			"Japan signed a trade pact with Vietnam Monday in Hanoi.",
			[]fact{{S: "Japan", P: "signed_agreement_with", O: "Vietnam", Date: "2022-09-05"}}},
		{"a dateline dates the page, not the act",
			"Wednesday, September 7, 2022 - Peru on Monday recognised Kosovo.",
			[]fact{{S: "Peru", P: "recognized", O: "Kosovo", Date: "2022-09-05"}}},
		{"yesterday carries into the clause under its verb",
			"The European Union imposed sanctions on Russia yesterday after Moscow invaded Georgia.",
			[]fact{
				{S: "European Union", P: "imposed_sanctions_on", O: "Russia", Date: "2022-09-06"},
				{S: "Russia", P: "invaded", O: "Georgia", Date: "2022-09-06"},
			}},
		{"troops kept abroad",
			"Britain has about 900 troops in Estonia.",
			[]fact{{S: "Estonia", P: "hosts", O: "United Kingdom"}}},
		{"safe haven given",
			"The Taliban provided safe haven to al-Qaeda.",
			[]fact{{S: "Taliban", P: "hosts", O: "al-Qaeda"}}},
		{"an organisation's headquarters",
			"The summit took place at the African Union's headquarters in Addis Ababa.",
			[]fact{{S: "Ethiopia", P: "hosts", O: "African Union"}}},
		{"a charge in reported speech",
			"\"Russia is the aggressor,\" the Ukrainian president said on Monday.",
			[]fact{{S: "Ukraine", P: "accused", O: "Russia", Date: "2022-09-05"}}},
		{"a treaty signed by several",
			"The treaty was signed by Peru, Chile and Bolivia.",
			[]fact{
				{S: "Bolivia", P: "signed_agreement_with", O: "Peru"},
				{S: "Bolivia", P: "signed_agreement_with", O: "Chile"},
				{S: "Chile", P: "signed_agreement_with", O: "Peru"},
			}},
		{"both countries: the pair the story is about",
			"Greece and Turkey were at odds. In 2018, both countries kicked out their respective ambassadors.",
			[]fact{
				{S: "Greece", P: "expelled_diplomats_of", O: "Turkey", Date: "2018"},
				{S: "Turkey", P: "expelled_diplomats_of", O: "Greece", Date: "2018"},
			}},
		{"persona non grata in a note",
			"Moscow handed the ambassador a note declaring ten employees of the U.S. Embassy in Moscow persona non grata.",
			[]fact{{S: "Russia", P: "expelled_diplomats_of", O: "United States"}}},
		{"an office with a possessor, adjectives between",
			"Chile's new left-wing president, Gabriel Boric, spoke on Monday.",
			[]fact{{S: "Gabriel Boric", P: "head_of_state_of", O: "Chile"}}},
		{"a rank heading the name, the office after a comma",
			"Lt. Col. Avi Cohen, spokesman for the Israel Defense Forces, spoke on Monday.",
			[]fact{{S: "Avi Cohen", P: "part_of", O: "Israel"}}},
		{"an organisation's named official",
			"The African Union's Moussa Faki spoke on Monday.",
			[]fact{{S: "Moussa Faki", P: "part_of", O: "African Union"}}},
		{"an agreement signed by leaders, dated by the story",
			"Peru and Chile held talks on Monday. The agreement, signed by President Gabriel Boric of Chile and President Pedro Castillo of Peru, ends the dispute.",
			[]fact{
				{S: "Chile", P: "met_with", O: "Peru", Date: "2022-09-05"},
				{S: "Chile", P: "signed_agreement_with", O: "Peru", Date: "2022-09-05"},
				{S: "Gabriel Boric", P: "head_of_state_of", O: "Chile"},
				{S: "Pedro Castillo", P: "head_of_state_of", O: "Peru"},
			}},
		{"forces battling invaders",
			"Ukrainian forces battled Russian invaders on three sides yesterday.",
			[]fact{{S: "Ukraine", P: "attacked", O: "Russia", Date: "2022-09-06"}}},
		{"checkpoints closed on a border",
			"Georgia closed two checkpoints on the border with Russia on Monday.",
			[]fact{{S: "Georgia", P: "closed_border_with", O: "Russia", Date: "2022-09-05"}}},
		{"a relation said both ways round is one, the dated wording kept",
			"Albania hosts the MEK. Since 2016 the MEK has been based in Albania.",
			[]fact{{S: "MEK", P: "based_in", O: "Albania", Since: "2016"}}},
		{"blamed on, and his country",
			"Japan's defence minister said on Monday that a drone strike on a tanker that his country blamed on Pyongyang was illegal.",
			[]fact{{S: "Japan", P: "accused", O: "North Korea", Date: "2022-09-05", By: "Japan"}}},
		{"the army named alone is the state whose army came before",
			"The Malian army attacked the rebels. Since then the army and al-Qaeda have continued to battle each other.",
			[]fact{
				{S: "Mali", P: "attacked", O: "al-Qaeda", Date: "2022-09-07"},
				{S: "al-Qaeda", P: "attacked", O: "Mali", Date: "2022-09-07"},
			}},
		{"they, for the parties that report it",
			"Chad and Sudan reported that they killed dozens of each other's troops.",
			[]fact{
				{S: "Chad", P: "attacked", O: "Sudan"},
				{S: "Sudan", P: "attacked", O: "Chad"},
			}},
		{"ties that broke between a pair",
			"Diplomatic relations between Peru and Mexico broke in 2022.",
			[]fact{
				{S: "Mexico", P: "severed_ties_with", O: "Peru", Date: "2022"},
				{S: "Peru", P: "severed_ties_with", O: "Mexico", Date: "2022"},
			}},
		{"a stance adjective before a title and a name",
			"Georgia condemned Moscow-backed separatist leader Ramzan Kadyrov.",
			[]fact{
				{S: "Georgia", P: "condemned", O: "Ramzan Kadyrov"},
				{S: "Russia", P: "supported", O: "Ramzan Kadyrov"},
			}},
		{"a counterpart is the other state's official",
			"The foreign minister of Peru met his Chilean counterpart on Monday.",
			[]fact{{S: "Chile", P: "met_with", O: "Peru", Date: "2022-09-05"}}},
		{"a hyphenated pair before an act noun",
			"Egypt hosted US-Iran talks on Monday.",
			[]fact{{S: "Iran", P: "met_with", O: "United States", Date: "2022-09-05"}}},
		{"soldiers killed are their state attacked",
			"Hezbollah fighters killed two Israeli soldiers on Monday.",
			[]fact{{S: "Hezbollah", P: "attacked", O: "Israel", Date: "2022-09-05"}}},
		{"a relative clause hung on the wrong noun: the actor before the comma",
			"The deal sealed a role in the region for Turkey, which backed Azerbaijan in the war.",
			[]fact{{S: "Turkey", P: "supported", O: "Azerbaijan"}}},
		{"a stated date beats the present perfect's",
			"Peru announced on Monday that it is recalling its ambassador from Chile. Peru has recalled its ambassador from Chile.",
			[]fact{{S: "Peru", P: "recalled_ambassador_from", O: "Chile", Date: "2022-09-05", By: "Peru"}}},
		{"a pronoun under a clause is that clause's subject",
			"The Armenian government said that it was moving staff from its embassy in Baku as it blamed the Azerbaijani government for the attack.",
			[]fact{{S: "Armenia", P: "accused", O: "Azerbaijan", By: "Armenia"}}},
		{"an organisation's title just before a name",
			"\"We will not accept it,\" NATO Council Chief Anna Berg said on Monday.",
			[]fact{{S: "Anna Berg", P: "part_of", O: "NATO"}}},
		{"talks that ended took place",
			"The truce ended weeks of negotiations between Armenia and Azerbaijan.",
			[]fact{{S: "Armenia", P: "met_with", O: "Azerbaijan"}}},
		{"talks that were put off did not",
			"Moldova postponed talks with Romania.", nil},
		{"described as an aggressor",
			"Japan's prime minister described Russia as an aggressor on Monday.",
			[]fact{{S: "Japan", P: "accused", O: "Russia", Date: "2022-09-05"}}},
		{"an appointee holds the office for the appointing state",
			"Chilean President Gabriel Boric appointed Ana Torres as the country's new ambassador to Lima.",
			[]fact{
				{S: "Ana Torres", P: "part_of", O: "Chile"},
				{S: "Gabriel Boric", P: "head_of_state_of", O: "Chile"},
			}},
		{"a contrast is no conjunct",
			"Turkey supports the government in Tripoli, while Egypt, which borders Libya, disagrees.",
			nil},
		{"a state's possessive before a name is no office",
			"Serbia's Novak Djokovic and Spain's Rafael Nadal will play on Wednesday.", nil},
		{"an index is no person",
			"South Korea's Kospi Index fell 0.5% on Monday.", nil},
		{"a cancelled meeting did not take place",
			"Officials could not reschedule a meeting between Mexico and Canada that was canceled.", nil},
		{"a dateline's places do not act",
			"HANOI, Vietnam (AP) — U.S. Defense Secretary Mark Esper on Wednesday accused China of coercion.",
			[]fact{
				{S: "Mark Esper", P: "accused", O: "China", Date: "2022-09-07"},
				{S: "Mark Esper", P: "minister_of", O: "United States"},
			}},
		{"named pairs are not the story's pair",
			"Russia and Ukraine fought. The only two Arab states to have signed treaties with Israel, Egypt and Jordan, criticised the plan.", nil},
		{"a decision to act is its owner's",
			"Norway welcomed the decision to sever ties with Iran.", nil},
		{"planned normalisation is not done",
			"Israel and Saudi Arabia plan the normalisation of relations.", nil},
		{"a deal with a partner takes the governing verb's subject",
			"Japan signed a trade pact with Vietnam on Monday.",
			[]fact{{S: "Japan", P: "signed_agreement_with", O: "Vietnam", Date: "2022-09-05"}}},
		{"coordinated subjects of a verb far away",
			"Estonia, Latvia, Lithuania and Poland on Monday toughened their sanctions against Belarus.",
			[]fact{
				{S: "Estonia", P: "imposed_sanctions_on", O: "Belarus", Date: "2022-09-05"},
				{S: "Latvia", P: "imposed_sanctions_on", O: "Belarus", Date: "2022-09-05"},
				{S: "Lithuania", P: "imposed_sanctions_on", O: "Belarus", Date: "2022-09-05"},
				{S: "Poland", P: "imposed_sanctions_on", O: "Belarus", Date: "2022-09-05"},
			}},
		{"a listing as a criminal organisation is not a terrorist one",
			"The Australian government designated Serbia's Zemun Clan a transnational criminal organisation on Monday.",
			[]fact{{S: "Australia", P: "designated_criminal", O: "Zemun Clan", Date: "2022-09-05"}}},
		{"a passive listing with its agent",
			"Hamas was listed as a terrorist group by Canada in 2002.",
			[]fact{{S: "Canada", P: "designated_terrorist", O: "Hamas", Date: "2002"}}},
		{"a first conjunct the parser takes for a modifier",
			"The UK and European Union on Monday toughened their sanctions against Belarus.",
			[]fact{
				{S: "European Union", P: "imposed_sanctions_on", O: "Belarus", Date: "2022-09-05"},
				{S: "United Kingdom", P: "imposed_sanctions_on", O: "Belarus", Date: "2022-09-05"},
			}},
		{"persona non grata after its object",
			"Lithuania handed the envoy a note declaring three employees of the Russian embassy in Vilnius persona non grata.",
			[]fact{{S: "Lithuania", P: "expelled_diplomats_of", O: "Russia"}}},
		{"an abbreviated title does not end the sentence",
			"\"We are ready,\" said Lt. Col. Arie Levin, spokesman for the Israel Defense Forces.",
			[]fact{{S: "Arie Levin", P: "part_of", O: "Israel"}}},
		{"a statement's participle after its date",
			"Kenyan President William Ruto issued a statement on Sunday condemning Somalia's incursion.",
			[]fact{
				{S: "William Ruto", P: "condemned", O: "Somalia", Date: "2022-09-04"},
				{S: "William Ruto", P: "head_of_state_of", O: "Kenya"},
			}},
		{"a protest over an act is against its author",
			"Vietnam lodged a protest on Friday over the Chinese navy's reported seizure of a fishing boat.",
			[]fact{{S: "Vietnam", P: "condemned", O: "China", Date: "2022-09-02"}}},
		{"an object relative clause",
			"Mali hired the Wagner Group, which the EU accuses of fomenting violence.",
			[]fact{{S: "European Union", P: "accused", O: "Wagner Group"}}},
		{"a participle hung on the act's complement is the act's author's",
			"In response to Peru's expulsion of a senior Chilean diplomat blaming Chile for the riots, Chile recalled its ambassador.",
			[]fact{
				{S: "Peru", P: "accused", O: "Chile"},
				{S: "Peru", P: "expelled_diplomats_of", O: "Chile"},
			}},
		{"the purpose of a journey is the traveller's",
			"Chilean President Gabriel Boric said he arrived in Lima on Monday for talks with Peru's president.",
			[]fact{
				{S: "Gabriel Boric", P: "head_of_state_of", O: "Chile"},
				{S: "Gabriel Boric", P: "met_with", O: "Peru", Date: "2022-09-05", By: "Gabriel Boric"},
				{S: "Gabriel Boric", P: "visited", O: "Peru", Date: "2022-09-05", By: "Gabriel Boric"},
			}},
		{"a family name alone is the person named in full before",
			"Kenyan President William Ruto arrived on Monday. Tanzania's president is Amani Kweka. According to Rutoʼs office, he spoke with Kweka on Tuesday.",
			[]fact{
				{S: "William Ruto", P: "consulted", O: "Amani Kweka", Date: "2022-09-06"},
				{S: "William Ruto", P: "head_of_state_of", O: "Kenya"},
			}},
		{"one family name, two people: neither",
			"Masood Azhar and his brother Yousuf Azhar fled. Azhar condemned India on Monday.", nil},
		{"an organisation led by a person",
			"Egypt criticised the African Union, chaired by Moussa Faki Mahamat.",
			[]fact{
				{S: "Egypt", P: "condemned", O: "African Union"},
				{S: "Moussa Faki Mahamat", P: "part_of", O: "African Union"},
			}},
		{"an organisation led by a person, however the parse hangs the participle",
			"The summit was called by the Arab League, chaired by Tunisian President Kais Saied. Egypt opposes the Transitional Council of Southern Ruritania led by Abdel-Karim Haddad.",
			[]fact{
				{S: "Abdel-Karim Haddad", P: "part_of", O: "Transitional Council of Southern Ruritania"},
				{S: "Egypt", P: "opposes", O: "Transitional Council of Southern Ruritania"},
				{S: "Kais Saied", P: "head_of_state_of", O: "Tunisia"},
				{S: "Kais Saied", P: "part_of", O: "Arab League"},
			}},
		{"a government no table knows, by its capitalised name",
			"Turkey supports the Tripoli-based Government of National Salvation.",
			[]fact{{S: "Turkey", P: "supported", O: "Government of National Salvation"}}},
		{"an office after the name, as apposition or as the parser's conjunct",
			"The letter was sent to Li Wei, Ambassador of China, on Monday.",
			[]fact{{S: "Li Wei", P: "part_of", O: "China"}}},
		{"an organisation's office before the name, with its portfolio",
			"The EU High Representative for Foreign Affairs Josep Borrell arrived. The talks were led by the AU chairman Senegalese President Macky Sall.",
			[]fact{
				{S: "Josep Borrell", P: "part_of", O: "European Union"},
				{S: "Macky Sall", P: "head_of_state_of", O: "Senegal"},
				{S: "Macky Sall", P: "part_of", O: "African Union"},
			}},
		{"a state's places stand for it as a target",
			"Russian troops shelled Ukrainian cities on Monday.",
			[]fact{{S: "Russia", P: "attacked", O: "Ukraine", Date: "2022-09-05"}}},
		{"a state's people stand for it as the target of a killing",
			"Egypt condemned the Israeli forces' killing of 60 Palestinians.",
			[]fact{
				{S: "Egypt", P: "condemned", O: "Israel"},
				{S: "Israel", P: "attacked", O: "Palestine"},
			}},
		{"a state's places as the target of an act noun",
			"Russian shelling of Georgian villages continued.",
			[]fact{{S: "Russia", P: "attacked", O: "Georgia"}}},
		{"a state's people are not the state as an actor",
			"Ukrainians protested against Russia on Monday.", nil},
		{"a verdict of blame on an actor's act is condemnation",
			"Ghana described Togo's decision as deeply regrettable.",
			[]fact{{S: "Ghana", P: "condemned", O: "Togo"}}},
		{"a verdict of blame on an act by an actor",
			"Peru called the move by Chile a stab in the back.",
			[]fact{{S: "Peru", P: "condemned", O: "Chile"}}},
		{"a verdict of blame on what a clause says an actor did",
			"Ghana's foreign minister described it as unacceptable that Togo expelled its ambassador.",
			[]fact{{S: "Ghana", P: "condemned", O: "Togo"}}},
		{"a verdict of praise is not condemnation",
			"Ghana called the move by Togo a positive step.", nil},
		{"water cannon fired on a state's boats, by ships that share their subject",
			"China Coast Guard ships blocked and fired water cannons on two Vietnamese supply boats.",
			[]fact{{S: "China", P: "attacked", O: "Vietnam"}}},
		{"greeting in person is meeting",
			"Chilean President Gabriel Boric greeted Peru's president at the airport on Monday.",
			[]fact{
				{S: "Gabriel Boric", P: "head_of_state_of", O: "Chile"},
				{S: "Gabriel Boric", P: "met_with", O: "Peru", Date: "2022-09-05"},
			}},
		{"what one actor is to another, by a verb of regard",
			"The party's leader, Ana Kovac, is considered a close ally of Serbia.",
			[]fact{{S: "Ana Kovac", P: "ally_of", O: "Serbia"}}},
		{"what one actor is to another, by apposition and copula",
			"Hezbollah, a close ally of Iran, fired rockets. Egypt is a critic of Turkey.",
			[]fact{
				{S: "Egypt", P: "opposes", O: "Turkey"},
				{S: "Hezbollah", P: "ally_of", O: "Iran"},
			}},
		{"diplomats named by the embassy they work at",
			"Poland expelled 10 diplomats working at the Russian Embassy in Warsaw on Monday.",
			[]fact{{S: "Poland", P: "expelled_diplomats_of", O: "Russia", Date: "2022-09-05"}}},
		{"curbs are sanctions",
			"Canada has ratcheted up its curbs on Iran in recent months.",
			[]fact{{S: "Canada", P: "imposed_sanctions_on", O: "Iran", Date: "2022-09-07"}}},
		{"a harm a speaker puts down to an actor",
			"According to Armenian Prime Minister Nikol Pashinyan, the violence erupted because Azerbaijan refused to withdraw its troops.",
			[]fact{
				{S: "Nikol Pashinyan", P: "accused", O: "Azerbaijan"},
				{S: "Nikol Pashinyan", P: "head_of_government_of", O: "Armenia"},
			}},
		{"lashing out is criticism",
			"Iran lashed out at Saudi Arabia on Monday.",
			[]fact{{S: "Iran", P: "condemned", O: "Saudi Arabia", Date: "2022-09-05"}}},
		{"a demand is a request, in a quote or not",
			"Vietnam's foreign minister calls the seizure illegal, demands that China 'back off.'",
			[]fact{{S: "Vietnam", P: "requested", O: "China"}}},
		{"the island is the island state in view, not the nearest state",
			"Nicaragua and China established diplomatic relations on Monday, hours after Nicaragua ended those it had with Taiwan. Taiwan's foreign minister said it was regrettable that Nicaragua broke off diplomatic relations with the island.",
			[]fact{
				{S: "China", P: "restored_ties_with", O: "Nicaragua", Date: "2022-09-05"},
				{S: "Nicaragua", P: "restored_ties_with", O: "China", Date: "2022-09-05"},
				{S: "Nicaragua", P: "severed_ties_with", O: "Taiwan", Date: "2022-09-05", By: "Taiwan"},
			}},
		{"a standing relation's start is no point the story is at",
			"Peru announced the establishment of diplomatic relations with China on Monday, after ending those it had had with Taiwan since 1990. Peru broke off relations with Taiwan.",
			[]fact{
				{S: "Peru", P: "restored_ties_with", O: "China", Date: "2022-09-05"},
				{S: "Peru", P: "severed_ties_with", O: "Taiwan", Date: "2022-09-05"},
			}},
		{"a quotation over two sentences is its closing speaker's",
			"Foreign Secretary Ana Reyes spoke on Monday. \"The acts of the Chinese navy are illegal. We will not back down,\" Reyes said on Tuesday.",
			[]fact{{S: "Ana Reyes", P: "accused", O: "China", Date: "2022-09-06"}}},
		{"a quotation that goes on after its speaker's sentence",
			"\"We are ready,\" Ana Reyes said on Tuesday. \"The actions of Russia are criminal.\"",
			[]fact{{S: "Ana Reyes", P: "accused", O: "Russia", Date: "2022-09-06"}}},
		{"held back from an act is not the act",
			"Canada imposed sanctions on Russia on Monday. However, it held back from imposing sanctions on Belarus.",
			[]fact{{S: "Canada", P: "imposed_sanctions_on", O: "Russia", Date: "2022-09-05"}}},
		{"sanctions on a named state organ are on the organ",
			"Canada on Monday imposed sanctions on Iran's Islamic Revolutionary Guard Corps. Canada also sanctioned the Iranian foreign ministry.",
			[]fact{
				{S: "Canada", P: "imposed_sanctions_on", O: "Islamic Revolutionary Guard Corps", Date: "2022-09-05"},
				{S: "Canada", P: "imposed_sanctions_on", O: "Iran", Date: "2022-09-05"},
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := schema.Document{Published: "2022-09-07", Text: tc.text}
			stmts, err := p.Extract(context.Background(), doc)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, facts(stmts)); diff != "" {
				t.Errorf("%q (-want +got):\n%s", tc.text, diff)
			}
		})
	}
}

// TestOfficeNotPastAnotherActor checks that in "the foreign ministers of
// Peru, Ana Gervasi, and Chile, Antonia Urrejola" the second name is not
// read as holding Peru's office, however the parser hangs the list, and
// that each holder is read with her own state.
func TestOfficeNotPastAnotherActor(t *testing.T) {
	p := newPipeline(t)
	doc := schema.Document{Published: "2022-09-07", Text: "The foreign ministers of Peru, Ana Gervasi, and Chile, Antonia Urrejola, spoke in Lima."}
	stmts, err := p.Extract(context.Background(), doc)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range facts(stmts) {
		if f.S == "Antonia Urrejola" && f.O == "Peru" {
			t.Errorf("read %+v", f)
		}
		if f.P == "minister_of" {
			got[f.S] = f.O
		}
	}
	// Each holder with the state named before her.
	if want := map[string]string{"Ana Gervasi": "Peru", "Antonia Urrejola": "Chile"}; !maps.Equal(got, want) {
		t.Errorf("minister_of: got %v, want %v", got, want)
	}
}
