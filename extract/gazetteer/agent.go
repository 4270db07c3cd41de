package gazetteer

import (
	"slices"
	"strings"
	"sync"
)

// Agent is a generic organ or office of a state, not tied to any one state:
// "foreign ministry", "armed forces", "prime minister", "diplomats". The
// extractor composes it with the state mention before it ("Iran's Foreign
// Ministry", "the Albanian government") or after it ("the president of
// France").
type Agent struct {
	Words []string // the phrase, lower case: ["foreign", "ministry"]
	Role  string   // CAMEO agent code: GOV, MIL, LEG, JUD, COP, SPY, MED, …
	// Official is set for people and groups of people acting for the state
	// (president, minister, diplomats), as against organs.
	Official bool
	// Predicate links the agent to its state: head_of_state_of,
	// head_of_government_of, minister_of for those offices, part_of for the
	// rest.
	Predicate string
}

// Phrase returns the agent's words joined by spaces.
func (a Agent) Phrase() string { return strings.Join(a.Words, " ") }

func (a Agent) clone() Agent {
	a.Words = slices.Clone(a.Words)
	return a
}

// agentIndex is a trie over the agents' word keys.
type agentIndex struct {
	agents []Agent
	root   *agentNode
}

type agentNode struct {
	next  map[string]*agentNode
	agent int // index+1 into agents; 0 for none
}

// An agentDef row: the phrase, its role, whether it is an office or people,
// and the predicate for offices ("" means part_of).
type agentDef struct {
	phrase, role string
	official     bool
	pred         string
}

// agentTable lists the generic organs and offices. Spelling variants are
// separate rows; MatchAgent ignores case, hyphens and dots.
var agentTable = []agentDef{
	// Government as a whole.
	{"government", "GOV", false, ""}, {"governments", "GOV", false, ""},
	{"administration", "GOV", false, ""}, {"cabinet", "GOV", false, ""},
	{"regime", "GOV", false, ""}, {"authorities", "GOV", false, ""},
	{"leadership", "GOV", false, ""}, {"presidency", "GOV", false, ""},
	{"national security council", "GOV", false, ""},
	{"supreme national security council", "GOV", false, ""},
	{"security council", "GOV", false, ""},
	// Ministries.
	{"foreign ministry", "GOV", false, ""}, {"ministry of foreign affairs", "GOV", false, ""},
	{"foreign affairs ministry", "GOV", false, ""}, {"foreign office", "GOV", false, ""},
	{"state department", "GOV", false, ""},
	{"defence ministry", "MIL", false, ""}, {"defense ministry", "MIL", false, ""},
	{"ministry of defence", "MIL", false, ""}, {"ministry of defense", "MIL", false, ""},
	{"interior ministry", "GOV", false, ""}, {"ministry of interior", "GOV", false, ""},
	{"ministry of the interior", "GOV", false, ""},
	{"justice ministry", "JUD", false, ""}, {"ministry of justice", "JUD", false, ""},
	{"finance ministry", "GOV", false, ""}, {"ministry of finance", "GOV", false, ""},
	{"intelligence ministry", "SPY", false, ""}, {"ministry of intelligence", "SPY", false, ""},
	{"ministry", "GOV", false, ""},
	// Diplomacy.
	{"embassy", "GOV", false, ""}, {"embassies", "GOV", false, ""},
	{"consulate", "GOV", false, ""}, {"mission", "GOV", false, ""},
	{"delegation", "GOV", false, ""}, {"diplomatic mission", "GOV", false, ""},
	{"diplomat", "GOV", true, ""}, {"diplomats", "GOV", true, ""},
	{"ambassador", "GOV", true, ""}, {"ambassadors", "GOV", true, ""},
	{"envoy", "GOV", true, ""}, {"special envoy", "GOV", true, ""},
	{"charge d'affaires", "GOV", true, ""}, {"consul", "GOV", true, ""},
	{"negotiators", "GOV", true, ""},
	// Offices.
	{"president", "GOV", true, "head_of_state_of"}, {"head of state", "GOV", true, "head_of_state_of"},
	{"supreme leader", "GOV", true, "head_of_state_of"},
	{"king", "GOV", true, "head_of_state_of"}, {"queen", "GOV", true, "head_of_state_of"},
	{"emir", "GOV", true, "head_of_state_of"}, {"sultan", "GOV", true, "head_of_state_of"},
	{"monarch", "GOV", true, "head_of_state_of"},
	{"prime minister", "GOV", true, "head_of_government_of"}, {"premier", "GOV", true, "head_of_government_of"},
	{"chancellor", "GOV", true, "head_of_government_of"},
	{"head of government", "GOV", true, "head_of_government_of"},
	{"vice president", "GOV", true, ""}, {"deputy prime minister", "GOV", true, "minister_of"},
	{"crown prince", "GOV", true, ""},
	{"foreign minister", "GOV", true, "minister_of"}, {"foreign affairs minister", "GOV", true, "minister_of"},
	{"minister of foreign affairs", "GOV", true, "minister_of"}, {"deputy foreign minister", "GOV", true, "minister_of"},
	{"foreign secretary", "GOV", true, "minister_of"}, {"secretary of state", "GOV", true, "minister_of"},
	{"defence minister", "MIL", true, "minister_of"}, {"defense minister", "MIL", true, "minister_of"},
	{"minister of defence", "MIL", true, "minister_of"}, {"minister of defense", "MIL", true, "minister_of"},
	{"defence secretary", "MIL", true, "minister_of"}, {"defense secretary", "MIL", true, "minister_of"},
	{"interior minister", "GOV", true, "minister_of"}, {"minister of interior", "GOV", true, "minister_of"},
	{"home secretary", "GOV", true, "minister_of"},
	{"intelligence minister", "SPY", true, "minister_of"}, {"justice minister", "JUD", true, "minister_of"},
	{"finance minister", "GOV", true, "minister_of"}, {"economy minister", "GOV", true, "minister_of"},
	{"oil minister", "GOV", true, "minister_of"}, {"energy minister", "GOV", true, "minister_of"},
	{"trade minister", "GOV", true, "minister_of"},
	{"minister", "GOV", true, "minister_of"}, {"ministers", "GOV", true, "minister_of"},
	{"secretary-general", "GOV", true, ""},
	{"chief", "GOV", true, ""}, {"head", "GOV", true, ""},
	{"chairman", "GOV", true, ""}, {"chairwoman", "GOV", true, ""}, {"chairperson", "GOV", true, ""},
	{"high representative", "GOV", true, ""}, {"foreign policy chief", "GOV", true, ""},
	{"commissioner", "GOV", true, ""},
	{"national security adviser", "GOV", true, ""}, {"national security advisor", "GOV", true, ""},
	{"spokesman", "GOV", true, ""}, {"spokeswoman", "GOV", true, ""}, {"spokesperson", "GOV", true, ""},
	{"official", "GOV", true, ""}, {"officials", "GOV", true, ""},
	{"leader", "GOV", true, ""}, {"leaders", "GOV", true, ""},
	// Legislature.
	{"parliament", "LEG", false, ""}, {"legislature", "LEG", false, ""},
	{"national assembly", "LEG", false, ""}, {"senate", "LEG", false, ""},
	{"house of representatives", "LEG", false, ""}, {"congress", "LEG", false, ""},
	{"lawmaker", "LEG", true, ""}, {"lawmakers", "LEG", true, ""},
	{"legislator", "LEG", true, ""}, {"legislators", "LEG", true, ""},
	{"mp", "LEG", true, ""}, {"mps", "LEG", true, ""},
	{"senator", "LEG", true, ""}, {"senators", "LEG", true, ""},
	// Courts.
	{"judiciary", "JUD", false, ""}, {"supreme court", "JUD", false, ""},
	{"court", "JUD", false, ""}, {"courts", "JUD", false, ""},
	{"prosecutor", "JUD", true, ""}, {"prosecutors", "JUD", true, ""},
	// Armed forces.
	{"armed forces", "MIL", false, ""}, {"military", "MIL", false, ""},
	{"army", "MIL", false, ""}, {"navy", "MIL", false, ""}, {"air force", "MIL", false, ""},
	{"coast guard", "MIL", false, ""}, {"special forces", "MIL", false, ""},
	{"forces", "MIL", false, ""}, {"troops", "MIL", false, ""},
	{"soldier", "MIL", true, ""}, {"soldiers", "MIL", true, ""},
	{"military officials", "MIL", true, ""}, {"commander", "MIL", true, ""}, {"commanders", "MIL", true, ""},
	{"army chief", "MIL", true, ""}, {"chief of staff", "MIL", true, ""},
	{"junta", "GOV", false, ""}, {"military junta", "GOV", false, ""},
	{"marines", "MIL", false, ""}, {"paratroopers", "MIL", false, ""},
	{"warplanes", "MIL", false, ""}, {"fighter jets", "MIL", false, ""},
	{"warships", "MIL", false, ""}, {"naval vessels", "MIL", false, ""},
	{"military aircraft", "MIL", false, ""},
	{"airstrikes", "MIL", false, ""}, {"air strikes", "MIL", false, ""},
	{"airstrike", "MIL", false, ""}, {"air strike", "MIL", false, ""},
	// Police and intelligence.
	{"police", "COP", false, ""}, {"security forces", "COP", false, ""},
	{"border guards", "COP", false, ""}, {"border police", "COP", false, ""},
	{"intelligence", "SPY", false, ""}, {"intelligence services", "SPY", false, ""},
	{"intelligence service", "SPY", false, ""}, {"intelligence agency", "SPY", false, ""},
	{"intelligence agencies", "SPY", false, ""}, {"spy agency", "SPY", false, ""},
	{"secret service", "SPY", false, ""},
	{"intelligence officials", "SPY", true, ""}, {"intelligence officers", "SPY", true, ""},
	// State media.
	{"state media", "MED", false, ""}, {"state-run media", "MED", false, ""},
	{"state television", "MED", false, ""}, {"state tv", "MED", false, ""},
	{"state news agency", "MED", false, ""}, {"state-run news agency", "MED", false, ""},
	{"official news agency", "MED", false, ""}, {"state broadcaster", "MED", false, ""},
}

// memberNouns are the people and equipment through which an organ or an
// armed group acts, and which name it when they follow it: "Indian Air Force
// jets", "coast guard vessels", "Taliban fighters". Alone, after a demonym,
// most of them name no state's actor ("Chinese vessels" may be fishing boats),
// so they are not agents.
var memberNouns = []string{
	"forces", "troops", "soldiers", "fighters", "militants", "militiamen", "gunmen",
	"rebels", "insurgents", "mercenaries", "units", "personnel", "members", "officers",
	"jets", "fighter jets", "warplanes", "planes", "aircraft", "helicopters", "drones",
	"vessels", "ships", "boats", "warships", "patrol boats", "tanks", "artillery",
}

var builtinMembers = sync.OnceValue(func() *agentIndex {
	ix := &agentIndex{root: &agentNode{}}
	for _, m := range memberNouns {
		ix.insert(agentDef{phrase: m, role: "MIL"})
	}
	return ix
})

// insert adds one row to the index, unless a row with the same words is
// there already.
func (ix *agentIndex) insert(d agentDef) {
	pred := d.pred
	if pred == "" {
		pred = "part_of"
	}
	a := Agent{Words: strings.Fields(d.phrase), Role: d.role, Official: d.official, Predicate: pred}
	n := ix.root
	for _, k := range keys(d.phrase) {
		if n.next == nil {
			n.next = make(map[string]*agentNode)
		}
		c := n.next[k]
		if c == nil {
			c = &agentNode{}
			n.next[k] = c
		}
		n = c
	}
	if n.agent == 0 {
		ix.agents = append(ix.agents, a)
		n.agent = len(ix.agents)
	}
}

var builtinAgents = sync.OnceValue(func() *agentIndex {
	ix := &agentIndex{root: &agentNode{}}
	for _, d := range agentTable {
		ix.insert(d)
	}
	for _, d := range phoenixAgents {
		ix.insert(d) // after agentTable, which wins
	}
	return ix
})

// Agents returns the generic organs and offices the gazetteer knows, in a
// stable order.
func (g *Gazetteer) Agents() []Agent {
	out := make([]Agent, len(g.agents.agents))
	for i, a := range g.agents.agents {
		out[i] = a.clone()
	}
	return out
}

// MatchAgent finds the longest organ or office phrase that starts at token
// i ("Foreign Ministry", "prime minister", "armed forces") and returns it
// with the index of the token after it. Case, dots and hyphens don't
// matter. It reports false when no phrase starts at i (or i is out of
// range).
func (g *Gazetteer) MatchAgent(tokens []string, i int) (Agent, int, bool) {
	return g.agents.match(tokens, i)
}

// MatchMembers finds the longest phrase of people or equipment acting for an
// organ or group ("jets", "fighter jets", "vessels", "fighters") that starts
// at token i, and returns the index of the token after it. Such a phrase
// extends the organ or group before it: "Indian Air Force jets", "Taliban
// forces".
func (g *Gazetteer) MatchMembers(tokens []string, i int) (int, bool) {
	_, end, ok := g.members.match(tokens, i)
	return end, ok
}

func (ix *agentIndex) match(tokens []string, i int) (Agent, int, bool) {
	if i < 0 || i >= len(tokens) {
		return Agent{}, 0, false
	}
	n := ix.root
	best, end := 0, 0
walk:
	for t := i; t < len(tokens); t++ {
		ws := keys(tokens[t])
		if t == i && len(ws) > 1 && (ws[0] == "then" || ws[0] == "ex") {
			ws = ws[1:] // "then-President", "ex-minister"
		}
		if len(ws) == 0 {
			if t > i && transparent(tokens[t]) {
				continue
			}
			break
		}
		for _, w := range ws {
			n = n.next[w]
			if n == nil {
				break walk
			}
		}
		if n.agent > 0 {
			best, end = n.agent, t+1
		}
	}
	if best == 0 {
		return Agent{}, 0, false
	}
	return ix.agents[best-1].clone(), end, true
}
