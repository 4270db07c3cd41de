package extract

import (
	"maps"
	"slices"
	"strings"
)

// A rule reads one predicate off a verb and what follows it. frame is a
// space-separated pattern over the words after the verb group:
//
//	word|word   one of these words (lower case; verbs in any form)
//	word?       an optional word
//	+           the target: a noun phrase naming an actor
//	*           up to four words that are not verbs, actors or clause marks
//
// Determiners, adjectives, adverbs and possessives between elements are
// skipped. In the passive ("Iran was accused by Albania of …") the first +
// is the grammatical subject and the source comes from "by +".
type rule struct {
	verbs     []string
	frame     string
	predicate string
	// code is the CAMEO event code when the frame says more than the
	// predicate's code ("launched air strikes on" 195, not attacked's 190);
	// empty means the predicate's.
	code string
	// passiveOnly: the rule reads the passive with the grammatical subject as
	// the source ("the MEK has been based in Albania").
	passiveOnly bool
	// agents restricts the target to organs or officials whose noun is one of
	// these ("Iranian diplomats").
	agents []string
	// fromPrevious: when the frame has no target, the target is the previous
	// coordinated verb's ("condemned X's decision and rejected the
	// allegations").
	fromPrevious bool
	// reciprocal: with no target, a coordinated subject relates its members
	// to each other ("Brazil and Argentina signed a trade deal").
	reciprocal bool
	// irrealis: the act is a threat or warning, said of the future by nature,
	// so a modal or an infinitive does not cancel it ("will hold Iran
	// accountable").
	irrealis bool
}

var diplomats = []string{"diplomats", "diplomat", "ambassador", "ambassadors", "high commissioner", "envoys", "envoy", "embassy staff", "embassy", "charge d'affaires", "attache", "attaché", "consul", "staff", "embassy officials", "diplomatic staff"}

var rules = []rule{
	// Breaking and mending ties.
	{verbs: v("cut sever break suspend end downgrade freeze"), frame: "ties|relations|relationship|contact with +", predicate: "severed_ties_with"},
	{verbs: v("cut sever break suspend end"), frame: "ties|relations|relationship", predicate: "severed_ties_with", reciprocal: true},
	{verbs: v("restore resume reestablish re-establish normalize normalise renew mend"), frame: "ties|relations|relationship with +", predicate: "restored_ties_with"},
	{verbs: v("restore resume reestablish re-establish normalize normalise renew mend"), frame: "ties|relations|relationship", predicate: "restored_ties_with", reciprocal: true},
	{verbs: v("normalize normalise"), frame: "+", predicate: "restored_ties_with"},
	// Ties set up for the first time: "Nicaragua and China established
	// diplomatic relations", "Honduras established ties with Beijing".
	{verbs: v("establish forge"), frame: "formal? diplomatic|official ties|relations with +", predicate: "restored_ties_with", code: "054"},
	{verbs: v("establish forge"), frame: "formal? diplomatic|official ties|relations", predicate: "restored_ties_with", code: "054", reciprocal: true},
	{verbs: v("expel oust"), frame: "+", predicate: "expelled_diplomats_of", agents: diplomats},
	{verbs: v("kick order throw"), frame: "out +", predicate: "expelled_diplomats_of", agents: diplomats},
	{verbs: v("kick order throw"), frame: "+ out", predicate: "expelled_diplomats_of", agents: diplomats},
	{verbs: v("give"), frame: "+ * hours|days to leave", predicate: "expelled_diplomats_of", agents: diplomats},
	{verbs: v("order tell instruct"), frame: "+ to leave", predicate: "expelled_diplomats_of", agents: diplomats},
	{verbs: v("declare"), frame: "+ persona", predicate: "expelled_diplomats_of", agents: diplomats},
	{verbs: v("recall withdraw"), frame: "ambassador|ambassadors|envoy|envoys from|to|in +", predicate: "recalled_ambassador_from"},
	// An embassy closed or emptied: the mission withdrawn (CAMEO 161).
	{verbs: v("close shut shutter suspend"), frame: "* embassy|consulate|mission in|on|to +", predicate: "recalled_ambassador_from", code: "161"},
	{verbs: v("evacuate withdraw pull"), frame: "* staff|diplomats|personnel|employees out? from * embassy|consulate|mission in +", predicate: "recalled_ambassador_from", code: "161"},
	{verbs: v("recognise recognize"), frame: "state of +", predicate: "recognized"},
	{verbs: v("recognise recognize"), frame: "+", predicate: "recognized"},
	// Words.
	// Accusations by what they charge (CAMEO 1121–1125).
	{verbs: v("accuse"), frame: "+ of * cyberattack|cyberattacks|cyber-attack|attack|attacks|aggression|invasion|incursion|bombing|shelling|strikes", predicate: "accused", code: "1123"},
	{verbs: v("accuse"), frame: "+ of * spying|espionage|hacking|interference|meddling|treason|cyber-espionage|sabotage", predicate: "accused", code: "1125"},
	{verbs: v("accuse"), frame: "+ of * war crimes", predicate: "accused", code: "1124"},
	{verbs: v("accuse"), frame: "+ of * genocide|atrocities|massacres|massacre|ethnic", predicate: "accused", code: "1124"},
	{verbs: v("accuse"), frame: "+ of * abuses|torture|repression|persecution", predicate: "accused", code: "1122"},
	{verbs: v("accuse"), frame: "+ of * corruption|fraud|crimes|crime|terrorism|murder|killing|killings|assassination|assassinations|plot|plotting|smuggling|laundering|violence", predicate: "accused", code: "1121"},
	{verbs: v("accuse"), frame: "+", predicate: "accused"},
	{verbs: v("blame"), frame: "+ for", predicate: "accused"},
	{verbs: v("blame"), frame: "* on +", predicate: "accused"},
	{verbs: v("blame"), frame: "+", predicate: "accused"},
	{verbs: v("attribute"), frame: "* to +", predicate: "accused"},
	{verbs: v("implicate"), frame: "+", predicate: "accused"},
	{verbs: v("hold"), frame: "+ responsible", predicate: "accused"},
	{verbs: v("condemn denounce criticise criticize decry slam censure deplore rebuke blast lambast lambaste castigate excoriate assail berate chastise"), frame: "+", predicate: "condemned"},
	{verbs: v("hit lash"), frame: "out at|against +", predicate: "condemned"},
	{verbs: v("deny reject dismiss refute"), frame: "* allegations|accusations|claims|charges|accusation|allegation|claim|charge|reports", predicate: "denied", fromPrevious: true},
	{verbs: v("describe call"), frame: "* allegations|accusations|claims|charges|accusation|allegation|claim * as? baseless|unfounded|false|groundless|fabricated|lies", predicate: "denied", fromPrevious: true},
	// Appeals by what they ask for (CAMEO 023x, 025x, 026).
	{verbs: v("ask urge request press"), frame: "+ to * release|free", predicate: "requested", code: "0253"},
	{verbs: v("ask urge request press"), frame: "+ to * negotiate|negotiations|talks|dialogue", predicate: "requested", code: "026"},
	{verbs: v("ask urge request press"), frame: "+ to agree|accept|observe|respect|declare * ceasefire|truce", predicate: "requested", code: "0256"},
	{verbs: v("ask urge request press"), frame: "+ to * ceasefire|truce|de-escalate|withdraw|halt|stop|end", predicate: "requested", code: "0256"},
	{verbs: v("call"), frame: "on|upon|for + to * release|free", predicate: "requested", code: "0253"},
	{verbs: v("call"), frame: "on|upon|for + to * negotiate|negotiations|talks|dialogue", predicate: "requested", code: "026"},
	{verbs: v("call"), frame: "on|upon|for + to * ceasefire|truce|de-escalate|withdraw|halt|stop|end", predicate: "requested", code: "0256"},
	// Demands: CAMEO 10, still requests ("demanded that China back off").
	{verbs: v("demand"), frame: "that? + release|free", predicate: "requested", code: "1053"},
	{verbs: v("demand"), frame: "that? + withdraw|halt|stop|end|cease|back", predicate: "requested", code: "1056"},
	{verbs: v("demand"), frame: "that +", predicate: "requested", code: "100"},
	{verbs: v("demand"), frame: "+ to", predicate: "requested", code: "100"},
	// Any other appeal to act: "urge both parties to take … and engage in …".
	{verbs: v("ask urge request press implore"), frame: "+ to", predicate: "requested"},
	{verbs: v("call"), frame: "on|upon|for + to", predicate: "requested"},
	{verbs: v("ask request"), frame: "+ for * humanitarian aid|assistance|relief", predicate: "requested", code: "0233"},
	{verbs: v("ask request"), frame: "+ for * weapons|arms|ammunition|military", predicate: "requested", code: "0232"},
	{verbs: v("ask request"), frame: "+ for * aid|assistance|help|loans|loan|funding", predicate: "requested", code: "023"},
	{verbs: v("appeal"), frame: "to + to|for", predicate: "requested"},
	{verbs: v("threaten"), frame: "+ with * sanctions|embargo|tariffs|penalties", predicate: "threatened", code: "1312", irrealis: true},
	{verbs: v("threaten"), frame: "+ with * force|attack|attacks|strikes|war|retaliation|military|invasion", predicate: "threatened", code: "138", irrealis: true},
	{verbs: v("threaten"), frame: "+", predicate: "threatened", irrealis: true},
	{verbs: v("hold"), frame: "+ accountable", predicate: "threatened", irrealis: true},
	{verbs: v("warn"), frame: "+", predicate: "warned", irrealis: true},
	{verbs: v("praise hail commend applaud laud congratulate thank"), frame: "+", predicate: "praised"},
	{verbs: v("support back endorse embrace"), frame: "+", predicate: "supported"},
	// Designations.
	{verbs: v("designate list label brand classify declare"), frame: "+ as? a|an? terrorist|terror", predicate: "designated_terrorist"},
	{verbs: v("proscribe"), frame: "+", predicate: "designated_terrorist", code: "1722"},
	{verbs: v("consider regard deem"), frame: "+ as? a|an? terrorist|terror", predicate: "designated_terrorist"},
	{verbs: v("ban outlaw"), frame: "+ as? a|an? terrorist|terror", predicate: "designated_terrorist", code: "1722"},
	{verbs: v("remove revoke lift drop rescind"), frame: "+ terrorist|terror designation|listing|label", predicate: "delisted_terrorist"},
	{verbs: v("remove take drop delist strike"), frame: "+ from|off * terrorist|terror|terrorism", predicate: "delisted_terrorist"},
	{verbs: v("revoke lift rescind"), frame: "terrorist|terror? designation|listing of +", predicate: "delisted_terrorist"},
	{verbs: v("delist"), frame: "+", predicate: "delisted_terrorist"},
	// Meetings, visits, talks, agreements.
	{verbs: v("meet"), frame: "with +", predicate: "met_with"},
	{verbs: v("meet"), frame: "+", predicate: "met_with"},
	{verbs: v("meet"), frame: "", predicate: "met_with", reciprocal: true},
	{verbs: v("hold have"), frame: "* phone|telephone call|calls|conversation|conversations with +", predicate: "consulted", code: "041"},
	{verbs: v("hold"), frame: "talks|negotiations with +", predicate: "met_with", code: "046"},
	{verbs: v("hold"), frame: "talks|meeting|meetings|summit with +", predicate: "met_with"},
	{verbs: v("hold"), frame: "talks|meeting|meetings|summit", predicate: "met_with", reciprocal: true},
	{verbs: v("attend"), frame: "meeting|talks|summit with +", predicate: "met_with"},
	{verbs: v("host"), frame: "+ for talks|meeting|summit|visit", predicate: "met_with", code: "043"},
	{verbs: v("receive"), frame: "+ in|at", predicate: "met_with", code: "043"},
	{verbs: v("visit"), frame: "+", predicate: "visited"},
	{verbs: v("shake"), frame: "hands with +", predicate: "met_with", code: "043"},
	{verbs: v("greet"), frame: "+", predicate: "met_with"},
	{verbs: v("travel arrive fly"), frame: "to|in +", predicate: "visited"},
	{verbs: v("tour"), frame: "+", predicate: "visited"},
	{verbs: v("consult"), frame: "+", predicate: "consulted"},
	{verbs: v("speak talk"), frame: "by? phone|telephone with|to +", predicate: "consulted", code: "041"},
	{verbs: v("speak talk"), frame: "with|to +", predicate: "consulted"},
	{verbs: v("phone telephone"), frame: "+", predicate: "consulted", code: "041"},
	{verbs: v("negotiate"), frame: "with +", predicate: "negotiated_with"},
	{verbs: v("mediate broker facilitate"), frame: "* between + and +", predicate: "mediated"},
	{verbs: v("mediate broker facilitate"), frame: "* between +", predicate: "mediated"},
	{verbs: v("sign conclude seal ink agree strike reach"), frame: "* ceasefire|truce with +", predicate: "signed_agreement_with", code: "0871"},
	{verbs: v("sign conclude seal ink agree strike reach"), frame: "* ceasefire|truce", predicate: "signed_agreement_with", code: "0871", reciprocal: true},
	{verbs: v("sign conclude seal ink agree strike reach finalize finalise"), frame: "* agreement|deal|treaty|accord|pact|memorandum with +", predicate: "signed_agreement_with"},
	{verbs: v("sign conclude seal ink strike agree reach finalize finalise"), frame: "* agreement|deal|treaty|accord|pact|memorandum", predicate: "signed_agreement_with", reciprocal: true},
	{verbs: v("join accede"), frame: "+", predicate: "joined"},
	{verbs: v("become"), frame: "* member of +", predicate: "joined"},
	// Material cooperation.
	// Pledges are intents (CAMEO 033x); aid by kind (071, 072, 073).
	{verbs: v("pledge promise offer"), frame: "* weapons|arms|missiles|tanks|munitions|ammunition|military aid|assistance? to|for +", predicate: "provided_military_aid_to", code: "0332"},
	{verbs: v("pledge promise offer"), frame: "* humanitarian aid|assistance|relief|supplies to|for +", predicate: "provided_aid_to", code: "0333"},
	{verbs: v("pledge promise offer"), frame: "* economic|financial aid|assistance|support to|for +", predicate: "provided_aid_to", code: "0331"},
	{verbs: v("pledge promise offer"), frame: "* aid|assistance|funding|package|loan|loans|relief to|for +", predicate: "provided_aid_to", code: "033"},
	{verbs: v("provide send give deliver supply grant extend donate"), frame: "* humanitarian aid|assistance|relief|supplies to|for +", predicate: "provided_aid_to", code: "073"},
	{verbs: v("provide send give deliver supply grant extend donate"), frame: "* economic|financial aid|assistance to|for +", predicate: "provided_aid_to", code: "071"},
	{verbs: v("provide give grant extend"), frame: "* loan|loans|credit|credits to|for +", predicate: "provided_aid_to", code: "071"},
	{verbs: v("provide send give pledge deliver supply approve announce grant extend"), frame: "* weapons|arms|missiles|tanks|munitions|ammunition|drones|jets|rockets|howitzers|artillery|military aid|assistance? to|for +", predicate: "provided_military_aid_to"},
	// Arms sold: "approved a $1 billion arms sale to Taiwan", "sold drones to Russia".
	{verbs: v("approve announce authorize authorise clear complete finalize finalise"), frame: "* arms|weapons|military sale|sales|package|deal|shipment|shipments to +", predicate: "provided_military_aid_to", code: "072"},
	{verbs: v("sell"), frame: "* weapons|arms|missiles|tanks|munitions|ammunition|drones|jets|rockets|howitzers|artillery to +", predicate: "provided_military_aid_to", code: "072"},
	{verbs: v("provide send give pledge deliver supply approve announce grant extend"), frame: "* aid|assistance|funding|package|loan|loans|relief to|for +", predicate: "provided_aid_to"},
	{verbs: v("pledge express voice reaffirm offer declare announce"), frame: "* support|solidarity for|with|to +", predicate: "supported"},
	{verbs: v("give send provide supply"), frame: "+ * military aid|assistance|weapons|arms|missiles|tanks|munitions|ammunition", predicate: "provided_military_aid_to"},
	{verbs: v("give send provide"), frame: "+ * aid|assistance|funding|loan", predicate: "provided_aid_to"},
	{verbs: v("lift ease remove suspend"), frame: "* sanctions on|against +", predicate: "lifted_sanctions_on"},
	// Material conflict.
	{verbs: v("impose slap levy announce approve adopt introduce unveil expand extend tighten toughen strengthen broaden widen intensify escalate reimpose restore"), frame: "* sanctions|embargo|tariffs|penalties on|against +", predicate: "imposed_sanctions_on"},
	// "hit Russia with a wave of sanctions": a sanction, not an attack.
	{verbs: v("hit slap punish target"), frame: "+ with * sanctions|embargo|tariffs|penalties", predicate: "imposed_sanctions_on"},
	{verbs: v("sanction blacklist"), frame: "+", predicate: "imposed_sanctions_on"},
	{verbs: v("bomb strafe"), frame: "+", predicate: "attacked", code: "195"},
	{verbs: v("shell bombard"), frame: "+", predicate: "attacked", code: "194"},
	{verbs: v("kill"), frame: "+", predicate: "attacked", code: "190"},
	{verbs: v("attack strike raid target hit"), frame: "+", predicate: "attacked"},
	{verbs: v("launch carry conduct mount"), frame: "out? * drone strike|strikes|attack|attacks on|against|in +", predicate: "attacked", code: "1952"},
	{verbs: v("launch carry conduct mount"), frame: "out? * air strike|strikes|raid|raids on|against|in +", predicate: "attacked", code: "195"},
	{verbs: v("launch carry conduct mount"), frame: "out? * airstrike|airstrikes|bombing|bombings|bombardment|sorties on|against|in +", predicate: "attacked", code: "195"},
	{verbs: v("launch carry conduct mount"), frame: "out? * attack|attacks|strikes|strike|offensive|assault|raid|raids on|against +", predicate: "attacked"},
	{verbs: v("strike hit"), frame: "back? * strikes|attacks|raids on|against +", predicate: "attacked"},
	{verbs: v("fire"), frame: "* artillery|shells|mortars|mortar at|on|into +", predicate: "attacked", code: "194"},
	{verbs: v("fire use turn"), frame: "* water cannon|cannons at|on|against +", predicate: "attacked"},
	{verbs: v("fire launch"), frame: "* at|on|into|near|toward|towards|across +", predicate: "attacked"},
	{verbs: v("launch carry conduct mount"), frame: "out? * cyberattack|cyberattacks|cyber-attack|cyber-attacks|hack on|against +", predicate: "cyberattacked"},
	{verbs: v("hack"), frame: "+", predicate: "cyberattacked"},
	{verbs: v("invade"), frame: "+", predicate: "invaded"},
	{verbs: v("occupy"), frame: "+", predicate: "invaded"},
	{verbs: v("declare"), frame: "war on|against +", predicate: "at_war_with"},
	// Standing relations.
	{verbs: v("host shelter harbour harbor house"), frame: "+", predicate: "hosts"},
	{verbs: v("take"), frame: "+ in", predicate: "hosts"},
	{verbs: v("base headquarter"), frame: "in +", predicate: "based_in", passiveOnly: true},
	{verbs: v("have maintain keep"), frame: "presence|base|headquarters|office|offices in +", predicate: "based_in"},
	{verbs: v("oppose"), frame: "+", predicate: "opposes"},
	{verbs: v("fight"), frame: "alongside +", predicate: "fought_alongside"},
	// after "fight alongside": "battled Russian invaders" is an attack
	{verbs: v("battle fight"), frame: "+", predicate: "attacked", code: "190"},
	{verbs: v("be"), frame: "at war with +", predicate: "at_war_with"},
	{verbs: v("be"), frame: "ally of +", predicate: "ally_of"},
	{verbs: v("be"), frame: "member of +", predicate: "member_of"},
}

func v(s string) []string { return strings.Fields(s) }

// speechVerbs introduce reported speech; what their complement says is
// attributed to their subject.
var speechVerbs = v("say announce tell report state add claim allege note declare confirm insist write tweet post")

// ruleVerbs lists every verb the rules and the clause reader know, for the
// lemmatizer.
func ruleVerbs() []string {
	seen := map[string]bool{}
	var out []string
	add := func(ws ...string) {
		for _, w := range ws {
			if !seen[w] {
				seen[w] = true
				out = append(out, w)
			}
		}
	}
	for _, r := range rules {
		add(r.verbs...)
	}
	add(speechVerbs...)
	add("be", "have", "do", "will", "agree", "decide", "vote", "move", "plan", "seek", "want", "try", "threaten", "fail", "refuse")
	// The tree readings' light and leading verbs, whose lemma the parser
	// may miss ("lodged": "lodg", "chaired": "chaire").
	add(slices.Sorted(maps.Keys(lightVerbs))...)
	add(slices.Sorted(maps.Keys(leadVerbs))...)
	add(slices.Sorted(maps.Keys(mediateVerbs))...)
	add(slices.Sorted(maps.Keys(conveneVerbs))...) // "convened": "conven"
	add(slices.Sorted(maps.Keys(releaseVerbs))...)
	return out
}
