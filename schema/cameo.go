package schema

import (
	"sort"
	"strings"
)

// CAMEO is the Conflict and Mediation Event Observations scheme (Schrodt,
// CAMEO codebook version 1.1b3, 2012), the coding GDELT, ICEWS and Phoenix
// share. An event code has two digits for one of twenty cue categories
// (the root), a third for a category within it and sometimes a fourth;
// every code is at least as specific as the text supports. An actor code
// is a state's ISO 3166 alpha-3 code or a prefix for an international or
// transnational actor (IGO, NGO, IMG …), followed by role codes in groups
// of three letters (GOV, MIL, REB …): IRNGOV is Iran's government.

// EventCode is one entry of the CAMEO event codebook.
type EventCode struct {
	Code string // "161", "0871"
	Name string // what it records, briefly
}

// Root returns the code's cue category: its first two digits.
func (c EventCode) Root() string { return CAMEORoot(c.Code) }

// cameoEvents lists the codebook's event codes. The names are short
// paraphrases; the codebook has the definitions and examples.
var cameoEvents = []EventCode{
	{"01", "make public statement"},
	{"010", "make statement"}, {"011", "decline comment"}, {"012", "make pessimistic comment"},
	{"013", "make optimistic comment"}, {"014", "consider policy option"}, {"015", "acknowledge or claim responsibility"},
	{"016", "deny responsibility"}, {"017", "engage in symbolic act"}, {"018", "make empathetic comment"},
	{"019", "express accord"},
	{"02", "appeal"},
	{"020", "make an appeal or request"}, {"021", "appeal for material cooperation"},
	{"0211", "appeal for economic cooperation"}, {"0212", "appeal for military cooperation"},
	{"0213", "appeal for judicial cooperation"}, {"0214", "appeal for intelligence"},
	{"022", "appeal for diplomatic cooperation"}, {"023", "appeal for aid"},
	{"0231", "appeal for economic aid"}, {"0232", "appeal for military aid"}, {"0233", "appeal for humanitarian aid"},
	{"0234", "appeal for military protection or peacekeeping"},
	{"024", "appeal for political reform"}, {"0241", "appeal for change in leadership"}, {"0242", "appeal for policy change"},
	{"0243", "appeal for rights"}, {"0244", "appeal for change in institutions or regime"},
	{"025", "appeal to yield"}, {"0251", "appeal for easing of administrative sanctions"},
	{"0252", "appeal for easing of popular dissent"}, {"0253", "appeal for release of persons or property"},
	{"0254", "appeal for easing of economic sanctions, boycott or embargo"},
	{"0255", "appeal to allow international involvement"}, {"0256", "appeal for de-escalation of military engagement"},
	{"026", "appeal to others to meet or negotiate"}, {"027", "appeal to others to settle dispute"},
	{"028", "appeal to others to engage in or accept mediation"},
	{"03", "express intent to cooperate"},
	{"030", "express intent to cooperate"}, {"031", "express intent to engage in material cooperation"},
	{"0311", "express intent to cooperate economically"}, {"0312", "express intent to cooperate militarily"},
	{"0313", "express intent to cooperate on judicial matters"}, {"0314", "express intent to cooperate on intelligence"},
	{"032", "express intent to provide diplomatic cooperation"}, {"033", "express intent to provide material aid"},
	{"0331", "express intent to provide economic aid"}, {"0332", "express intent to provide military aid"},
	{"0333", "express intent to provide humanitarian aid"}, {"0334", "express intent to provide military protection or peacekeeping"},
	{"034", "express intent to institute political reform"}, {"0341", "express intent to change leadership"},
	{"0342", "express intent to change policy"}, {"0343", "express intent to provide rights"},
	{"0344", "express intent to change institutions or regime"},
	{"035", "express intent to yield"}, {"0351", "express intent to ease administrative sanctions"},
	{"0352", "express intent to ease popular dissent"}, {"0353", "express intent to release persons or property"},
	{"0354", "express intent to ease economic sanctions, boycott or embargo"},
	{"0355", "express intent to allow international involvement"}, {"0356", "express intent to de-escalate military engagement"},
	{"036", "express intent to meet or negotiate"}, {"037", "express intent to settle dispute"},
	{"038", "express intent to accept mediation"}, {"039", "express intent to mediate"},
	{"04", "consult"},
	{"040", "consult"}, {"041", "discuss by telephone"}, {"042", "make a visit"}, {"043", "host a visit"},
	{"044", "meet at a third location"}, {"045", "mediate"}, {"046", "engage in negotiation"},
	{"05", "engage in diplomatic cooperation"},
	{"050", "engage in diplomatic cooperation"}, {"051", "praise or endorse"}, {"052", "defend verbally"},
	{"053", "rally support on behalf of"}, {"054", "grant diplomatic recognition"}, {"055", "apologize"},
	{"056", "forgive"}, {"057", "sign formal agreement"},
	{"06", "engage in material cooperation"},
	{"060", "engage in material cooperation"}, {"061", "cooperate economically"}, {"062", "cooperate militarily"},
	{"063", "engage in judicial cooperation"}, {"064", "share intelligence or information"},
	{"07", "provide aid"},
	{"070", "provide aid"}, {"071", "provide economic aid"}, {"072", "provide military aid"},
	{"073", "provide humanitarian aid"}, {"074", "provide military protection or peacekeeping"}, {"075", "grant asylum"},
	{"08", "yield"},
	{"080", "yield"}, {"081", "ease administrative sanctions"}, {"0811", "ease restrictions on political freedoms"},
	{"0812", "ease ban on political parties or politicians"}, {"0813", "ease curfew"},
	{"0814", "ease state of emergency or martial law"}, {"082", "ease political dissent"},
	{"083", "accede to demands for political reform"}, {"0831", "accede to demands for change in leadership"},
	{"0832", "accede to demands for policy change"}, {"0833", "accede to demands for rights"},
	{"0834", "accede to demands for change in institutions or regime"},
	{"084", "return or release"}, {"0841", "return or release persons"}, {"0842", "return or release property"},
	{"085", "ease economic sanctions, boycott or embargo"}, {"086", "allow international involvement"},
	{"0861", "receive deployment of peacekeepers"}, {"0862", "receive inspectors"},
	{"0863", "allow delivery of humanitarian aid"}, {"087", "de-escalate military engagement"},
	{"0871", "declare truce or ceasefire"}, {"0872", "ease military blockade"}, {"0873", "demobilize armed forces"},
	{"0874", "retreat or surrender militarily"},
	{"09", "investigate"},
	{"090", "investigate"}, {"091", "investigate crime or corruption"}, {"092", "investigate human rights abuses"},
	{"093", "investigate military action"}, {"094", "investigate war crimes"},
	{"10", "demand"},
	{"100", "demand"}, {"101", "demand material cooperation"}, {"1011", "demand economic cooperation"},
	{"1012", "demand military cooperation"}, {"1013", "demand judicial cooperation"}, {"1014", "demand intelligence cooperation"},
	{"102", "demand diplomatic cooperation"}, {"103", "demand material aid"}, {"1031", "demand economic aid"},
	{"1032", "demand military aid"}, {"1033", "demand humanitarian aid"}, {"1034", "demand military protection or peacekeeping"},
	{"104", "demand political reform"}, {"1041", "demand change in leadership"}, {"1042", "demand policy change"},
	{"1043", "demand rights"}, {"1044", "demand change in institutions or regime"},
	{"105", "demand that target yield"}, {"1051", "demand easing of administrative sanctions"},
	{"1052", "demand easing of political dissent"}, {"1053", "demand release of persons or property"},
	{"1054", "demand easing of economic sanctions, boycott or embargo"},
	{"1055", "demand that target allow international involvement"}, {"1056", "demand de-escalation of military engagement"},
	{"106", "demand meeting or negotiation"}, {"107", "demand settling of dispute"}, {"108", "demand mediation"},
	{"11", "disapprove"},
	{"110", "disapprove"}, {"111", "criticize or denounce"}, {"112", "accuse"},
	{"1121", "accuse of crime or corruption"}, {"1122", "accuse of human rights abuses"},
	{"1123", "accuse of aggression"}, {"1124", "accuse of war crimes"}, {"1125", "accuse of espionage or treason"},
	{"113", "rally opposition against"}, {"114", "complain officially"}, {"115", "bring lawsuit against"},
	{"116", "find guilty or liable"},
	{"12", "reject"},
	{"120", "reject"}, {"121", "reject material cooperation"}, {"1211", "reject economic cooperation"},
	{"1212", "reject military cooperation"}, {"122", "reject request for material aid"},
	{"1221", "reject request for economic aid"}, {"1222", "reject request for military aid"},
	{"1223", "reject request for humanitarian aid"}, {"1224", "reject request for military protection or peacekeeping"},
	{"123", "reject request for political reform"}, {"1231", "reject request for change in leadership"},
	{"1232", "reject request for policy change"}, {"1233", "reject request for rights"},
	{"1234", "reject request for change in institutions or regime"},
	{"124", "refuse to yield"}, {"1241", "refuse to ease administrative sanctions"},
	{"1242", "refuse to ease popular dissent"}, {"1243", "refuse to release persons or property"},
	{"1244", "refuse to ease economic sanctions, boycott or embargo"},
	{"1245", "refuse to allow international involvement"}, {"1246", "refuse to de-escalate military engagement"},
	{"125", "reject proposal to meet, discuss or negotiate"}, {"126", "reject mediation"},
	{"127", "reject plan or agreement to settle dispute"}, {"128", "defy norms or law"}, {"129", "veto"},
	{"13", "threaten"},
	{"130", "threaten"}, {"131", "threaten non-force"}, {"1311", "threaten to reduce or stop aid"},
	{"1312", "threaten sanctions, boycott or embargo"}, {"1313", "threaten to reduce or break relations"},
	{"132", "threaten administrative sanctions"}, {"1321", "threaten restrictions on political freedoms"},
	{"1322", "threaten to ban political parties or politicians"}, {"1323", "threaten curfew"},
	{"1324", "threaten state of emergency or martial law"}, {"133", "threaten political dissent or protest"},
	{"134", "threaten to halt negotiations"}, {"135", "threaten to halt mediation"},
	{"136", "threaten to halt international involvement"}, {"137", "threaten repression"},
	{"138", "threaten to use military force"}, {"1381", "threaten blockade"}, {"1382", "threaten occupation"},
	{"1383", "threaten unconventional violence"}, {"1384", "threaten conventional attack"},
	{"1385", "threaten attack with weapons of mass destruction"}, {"139", "give ultimatum"},
	{"14", "protest"},
	{"140", "protest"}, {"141", "demonstrate or rally"}, {"1411", "demonstrate for leadership change"},
	{"1412", "demonstrate for policy change"}, {"1413", "demonstrate for rights"},
	{"1414", "demonstrate for change in institutions or regime"}, {"142", "conduct hunger strike"},
	{"1421", "hunger strike for leadership change"}, {"1422", "hunger strike for policy change"},
	{"1423", "hunger strike for rights"}, {"1424", "hunger strike for change in institutions or regime"},
	{"143", "conduct strike or boycott"}, {"1431", "strike or boycott for leadership change"},
	{"1432", "strike or boycott for policy change"}, {"1433", "strike or boycott for rights"},
	{"1434", "strike or boycott for change in institutions or regime"}, {"144", "obstruct passage or block"},
	{"1441", "block for leadership change"}, {"1442", "block for policy change"}, {"1443", "block for rights"},
	{"1444", "block for change in institutions or regime"}, {"145", "protest violently or riot"},
	{"1451", "riot for leadership change"}, {"1452", "riot for policy change"}, {"1453", "riot for rights"},
	{"1454", "riot for change in institutions or regime"},
	{"15", "exhibit force posture"},
	{"150", "demonstrate military or police power"}, {"151", "increase police alert status"},
	{"152", "increase military alert status"}, {"153", "mobilize or increase police power"},
	{"154", "mobilize or increase armed forces"},
	{"16", "reduce relations"},
	{"160", "reduce relations"}, {"161", "reduce or break diplomatic relations"}, {"162", "reduce or stop material aid"},
	{"1621", "reduce or stop economic assistance"}, {"1622", "reduce or stop military assistance"},
	{"1623", "reduce or stop humanitarian assistance"}, {"163", "impose embargo, boycott or sanctions"},
	{"164", "halt negotiations"}, {"165", "halt mediation"}, {"166", "expel or withdraw"},
	{"1661", "expel or withdraw peacekeepers"}, {"1662", "expel or withdraw inspectors or observers"},
	{"1663", "expel or withdraw aid agencies"},
	{"17", "coerce"},
	{"170", "coerce"}, {"171", "seize or damage property"}, {"1711", "confiscate property"}, {"1712", "destroy property"},
	{"172", "impose administrative sanctions"}, {"1721", "impose restrictions on political freedoms"},
	{"1722", "ban political parties or politicians"}, {"1723", "impose curfew"},
	{"1724", "impose state of emergency or martial law"}, {"173", "arrest, detain or charge with legal action"},
	{"174", "expel or deport individuals"}, {"175", "use tactics of violent repression"},
	{"18", "assault"},
	{"180", "use unconventional violence"}, {"181", "abduct, hijack or take hostage"}, {"182", "physically assault"},
	{"1821", "sexually assault"}, {"1822", "torture"}, {"1823", "kill by physical assault"},
	{"183", "conduct non-military bombing"}, {"1831", "carry out suicide bombing"}, {"1832", "carry out vehicular bombing"},
	{"1833", "carry out roadside bombing"}, {"1834", "carry out location bombing"}, {"184", "use as human shield"},
	{"185", "attempt to assassinate"}, {"186", "assassinate"},
	{"19", "fight"},
	{"190", "use conventional military force"}, {"191", "impose blockade or restrict movement"},
	{"192", "occupy territory"}, {"193", "fight with small arms and light weapons"},
	{"194", "fight with artillery and tanks"}, {"195", "employ aerial weapons"},
	{"1951", "employ precision-guided aerial munitions"}, {"1952", "employ remotely piloted aerial munitions"},
	{"196", "violate ceasefire"},
	{"20", "use unconventional mass violence"},
	{"200", "use unconventional mass violence"}, {"201", "engage in mass expulsion"}, {"202", "engage in mass killings"},
	{"203", "engage in ethnic cleansing"}, {"204", "use weapons of mass destruction"},
	{"2041", "use chemical, biological or radiological weapons"}, {"2042", "detonate nuclear weapons"},
}

var cameoByCode = func() map[string]EventCode {
	m := make(map[string]EventCode, len(cameoEvents))
	for _, c := range cameoEvents {
		m[c.Code] = c
	}
	return m
}()

// LookupCAMEO returns the codebook entry of an event code: a root ("19"),
// a category ("190") or a sub-category ("1951").
func LookupCAMEO(code string) (EventCode, bool) {
	c, ok := cameoByCode[code]
	return c, ok
}

// CAMEOCodes returns every event code of the codebook in code order. The
// slice is a copy.
func CAMEOCodes() []EventCode {
	out := append([]EventCode(nil), cameoEvents...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// CAMEORoot returns a code's cue category: its first two characters ("19"
// for "1951"), or the code itself when shorter.
func CAMEORoot(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// QuadClass returns the quad class of a CAMEO event code, the four-way
// grouping event datasets report: 1 verbal cooperation (01–05), 2 material
// cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict
// (14–20); 0 for a code outside the codebook's roots.
func QuadClass(code string) int {
	switch CAMEORoot(code) {
	case "01", "02", "03", "04", "05":
		return 1
	case "06", "07", "08":
		return 2
	case "09", "10", "11", "12", "13":
		return 3
	case "14", "15", "16", "17", "18", "19", "20":
		return 4
	}
	return 0
}

// FamilyOfCAMEO folds a code's quad class into geokg's three families:
// cooperation (classes 1 and 2), conflict (3 and 4) and neutral (public
// statements, root 01, and codes outside the codebook).
func FamilyOfCAMEO(code string) Family {
	if CAMEORoot(code) == "01" {
		return Neutral
	}
	switch QuadClass(code) {
	case 1, 2:
		return Cooperation
	case 3, 4:
		return Conflict
	}
	return Neutral
}

// ActorRole is a CAMEO role (agent) code.
type ActorRole struct {
	Code string // "GOV"
	Name string
	// International roles name an actor on their own and come first in a
	// code (IGO, NGO, IMG …); the others follow a state's code.
	International bool
}

// cameoRoles lists the role codes geokg reads and writes, from the CAMEO
// actor codebook.
var cameoRoles = []ActorRole{
	{Code: "GOV", Name: "government: the executive, its ministries and officials"},
	{Code: "MIL", Name: "military"},
	{Code: "COP", Name: "police"},
	{Code: "JUD", Name: "judiciary"},
	{Code: "SPY", Name: "state intelligence"},
	{Code: "LEG", Name: "legislature"},
	{Code: "OPP", Name: "political opposition"},
	{Code: "PTY", Name: "political party"},
	{Code: "REB", Name: "rebels"},
	{Code: "INS", Name: "insurgents"},
	{Code: "SEP", Name: "separatists"},
	{Code: "UAF", Name: "unaligned armed forces"},
	{Code: "MED", Name: "media"},
	{Code: "BUS", Name: "business"},
	{Code: "CVL", Name: "civilians"},
	{Code: "CRM", Name: "criminals"},
	{Code: "EDU", Name: "education"},
	{Code: "ELI", Name: "elites, former officials"},
	{Code: "HLH", Name: "health"},
	{Code: "HRI", Name: "human rights groups"},
	{Code: "LAB", Name: "labour"},
	{Code: "REF", Name: "refugees"},
	{Code: "REL", Name: "religious"},
	{Code: "AGR", Name: "agriculture"},
	{Code: "DEV", Name: "development"},
	{Code: "ENV", Name: "environment"},
	{Code: "MOD", Name: "moderates"},
	{Code: "RAD", Name: "radicals"},
	{Code: "IGO", Name: "intergovernmental organisation", International: true},
	{Code: "NGO", Name: "non-governmental organisation", International: true},
	{Code: "NGM", Name: "non-governmental movement", International: true},
	{Code: "IMG", Name: "international militarised group", International: true},
	{Code: "MNC", Name: "multinational corporation", International: true},
}

var roleByCode = func() map[string]ActorRole {
	m := make(map[string]ActorRole, len(cameoRoles))
	for _, r := range cameoRoles {
		m[r.Code] = r
	}
	return m
}()

// CAMEORoles returns the role codes geokg knows, in a stable order. The
// slice is a copy.
func CAMEORoles() []ActorRole { return append([]ActorRole(nil), cameoRoles...) }

// LookupRole returns the role with the code, such as "MIL".
func LookupRole(code string) (ActorRole, bool) {
	r, ok := roleByCode[code]
	return r, ok
}

// KindRole is the role code an entity of the kind carries when it stands
// for its state or acts on its own: a government GOV, an armed group REB,
// a news outlet MED; "" for a state itself and kinds with no role.
func KindRole(k Kind) string {
	switch k {
	case Government, Agency:
		return "GOV"
	case ArmedGroup:
		return "REB"
	case PoliticalGroup:
		return "OPP"
	case Media:
		return "MED"
	}
	return ""
}

// SplitActorCode splits a CAMEO actor code into the actor and its roles:
// "IRNGOV" → "IRN", [GOV]; "USAGOVELI" → "USA", [GOV ELI]; "IGOUNO" →
// "IGOUNO", nil (an international actor keeps its name); "---GOV" → "---",
// [GOV]. The code is split in groups of three after the first; a code
// whose length is not a multiple of three comes back whole.
func SplitActorCode(code string) (string, []string) {
	if len(code) <= 3 || len(code)%3 != 0 {
		return code, nil
	}
	first := code[:3]
	rest := code[3:]
	if r, ok := roleByCode[first]; ok && r.International {
		// IGOUNO, NGOARN: the international prefix and its name are the actor.
		if len(rest) < 3 {
			return code, nil
		}
		first, rest = code[:6], code[6:]
	}
	var roles []string
	for len(rest) >= 3 {
		roles = append(roles, rest[:3])
		rest = rest[3:]
	}
	return first, roles
}

// PredicateOfCAMEO returns the vocabulary's predicate for a CAMEO event
// code: the predicate whose code is the code itself, else its three-digit
// category, else the category's general code (root + "0"). Event
// predicates come before standing relations (designated_terrorist 172,
// fought_alongside 062), and where several share a code (161: severed
// ties, expelled diplomats, recalled an ambassador) the one listed first
// in the vocabulary is returned.
func PredicateOfCAMEO(code string) (Predicate, bool) {
	try := []string{code}
	if len(code) > 3 {
		try = append(try, code[:3])
	}
	if len(code) >= 2 {
		try = append(try, code[:2]+"0")
	}
	for _, c := range try {
		for _, kind := range []PredicateKind{Event, State} {
			for _, p := range vocabulary {
				if p.CAMEO == c && p.Kind == kind {
					return p, true
				}
			}
		}
	}
	return Predicate{}, false
}

// alsoRoot is a second CAMEO root a predicate's events fall under: a
// request pressed as a demand ("demanded that China back off") is coded
// 10 (demand), not 02 (appeal), and is still a request.
var alsoRoot = map[string]string{"requested": "10"}

// CAMEOMatches reports whether an event code agrees with a predicate: the
// code is the predicate's own or lies under it (1123 under accused's 112),
// under its second root (alsoRoot), or the predicate has a general code
// (root + "0") of the code's root.
func CAMEOMatches(code string, p Predicate) bool {
	if p.CAMEO == "" || code == "" {
		return false
	}
	if strings.HasPrefix(code, p.CAMEO) || alsoRoot[p.Name] != "" && CAMEORoot(code) == alsoRoot[p.Name] {
		return true
	}
	return strings.HasSuffix(p.CAMEO, "0") && len(p.CAMEO) == 3 && CAMEORoot(code) == p.CAMEO[:2]
}

// goldstein holds the Goldstein scale value (Goldstein 1992, "A
// conflict-cooperation scale for WEIS events data") of each CAMEO root
// and category, as the CAMEO project assigns them (Schrodt's CAMEO scale
// table, which GDELT and Phoenix report), and of the few sub-categories
// whose value differs from their category's.
var goldstein = map[string]float64{
	"01": 0, "010": 0, "011": -0.1, "012": -0.4, "013": 0.4, "014": 0, "015": 0, "016": 3.4, "017": 0, "018": 3.4, "019": 3.4,
	"02": 3, "020": 3, "021": 3.4, "022": 3.4, "023": 3.4, "024": -0.3, "025": -0.3, "026": 4, "027": 4, "028": 4,
	"03": 4, "030": 4, "031": 5.2, "032": 4.5, "033": 5.2, "0334": 6, "034": 7, "035": 7, "036": 4, "037": 5, "038": 7, "039": 5,
	"04": 1, "040": 1, "041": 1, "042": 1.9, "043": 2.8, "044": 2.5, "045": 5, "046": 7,
	"05": 3.5, "050": 3.5, "051": 3.4, "052": 3.5, "053": 3.8, "054": 6, "055": 7, "056": 7, "057": 8,
	"06": 6, "060": 6, "061": 6.4, "062": 7.4, "063": 7.4, "064": 7,
	"07": 7, "070": 7, "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5, "075": 7,
	"08": 5, "080": 5, "081": 5, "082": 5, "083": 5, "084": 7, "085": 7, "086": 9, "087": 9, "0874": 10,
	"09": -2, "090": -2, "091": -2, "092": -2, "093": -2, "094": -2,
	"10": -5, "100": -5, "101": -5, "102": -5, "103": -5, "104": -5, "105": -5, "106": -5, "107": -5, "108": -5,
	"11": -2, "110": -2, "111": -2, "112": -2, "113": -2, "114": -2, "115": -2, "116": -2,
	"12": -4, "120": -4, "121": -4, "122": -4, "123": -4, "124": -5, "125": -5, "126": -5, "127": -5, "128": -5, "129": -5,
	"13": -6, "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8, "136": -7, "137": -7, "138": -7, "139": -7,
	"14": -6.5, "140": -6.5, "141": -6.5, "142": -6.5, "143": -6.5, "144": -7.5, "145": -7.5,
	"15": -7.2, "150": -7.2, "151": -7.2, "152": -7.2, "153": -7.2, "154": -7.2,
	"16": -4, "160": -4, "161": -4, "162": -5.6, "163": -8, "164": -7, "165": -6.5, "166": -7,
	"17": -7, "170": -7, "171": -9.2, "172": -5, "173": -5, "174": -5, "175": -9,
	"18": -9, "180": -9, "181": -9, "182": -9.5, "1821": -9, "1822": -9, "1823": -10, "183": -10, "184": -8, "185": -8, "186": -10,
	"19": -10, "190": -10, "191": -9.5, "192": -9.5, "193": -10, "194": -10, "195": -10, "196": -9.5,
	"20": -10, "200": -10, "201": -9.5, "202": -10, "203": -10, "204": -10,
}

// Goldstein returns the Goldstein scale value of a CAMEO event code, from
// -10 (most conflictual) to +10 (most cooperative): the code's own, else
// its category's (the first three digits), else its root's. It reports
// false for a code outside the codebook's roots.
func Goldstein(code string) (float64, bool) {
	for _, c := range []string{code, prefix(code, 3), CAMEORoot(code)} {
		if g, ok := goldstein[c]; ok && c != "" {
			return g, true
		}
	}
	return 0, false
}

func prefix(s string, n int) string {
	if len(s) < n {
		return s
	}
	return s[:n]
}
