// Package gazetteer is geokg's dictionary of actors and the matcher that
// finds them in text.
//
// The built-in data (Builtin) names every member and observer state of the
// United Nations with its official names, abbreviations, demonyms and
// capital; the named organs that stand for a state (the White House, the
// Kremlin, the IRGC); international organisations and their organs; armed,
// political and media organisations; leaders and officials; and a few
// places. Besides these hand-kept tables, a table generated from the
// Phoenix dictionaries of PETRARCH2 (by the command in gen/) adds some
// 18,000 officials with their tenure (Actor.Holds), organs, IGOs, NGOs and
// groups; the hand-kept tables win. Lookup resolves a name as a user types
// it ("US", "Washington", "ent:united_states") to one Actor; Suggest offers
// the closest actors for a name it does not know. Match finds actors in a
// tokenised sentence; MatchAgent finds the generic organs and offices
// ("foreign ministry", "prime minister", "police chief"; hand-kept and
// generated) that the extractor composes with a state, and MatchMembers the
// people and equipment that extend an organ or group ("jets", "fighters").
//
// # File format
//
// Users extend or override the built-in data with files in the format the
// built-in data uses (data/*.tsv in this package), read by Parse:
//
//   - UTF-8 text, one actor per line, fields separated by a tab;
//   - blank lines and lines starting with # are ignored;
//   - the first other line is the header, naming the columns in any order;
//     name and kind are required; trailing empty fields may be left out;
//   - list fields hold several values separated by |.
//
// The columns:
//
//	name              canonical English name; the entity IRI is its slug
//	                  ("United States" → ent:united_states)
//	kind              Country, Government, Agency, IGO, ArmedGroup,
//	                  PoliticalGroup, Person, Place, Media or Organization
//	iso3              ISO 3166-1 alpha-3 code of a state ("IRN")
//	cameo             CAMEO actor code ("IGOUNO"); for a Country it defaults
//	                  to iso3; for an actor with a role and a parent state,
//	                  to the state's code and the role ("IRNMED")
//	role              CAMEO agent code of an organ, official or medium
//	                  (GOV, MIL, LEG, JUD, COP, SPY, MED, …)
//	parent            canonical name of the actor this one belongs to,
//	                  usually a state
//	parent_predicate  how it belongs: part_of (the default), media_of,
//	                  head_of_state_of, head_of_government_of, minister_of,
//	                  or another standing relation of the schema
//	aliases           list: other names, official names, abbreviations
//	                  ("Islamic Republic of Iran|the Islamic Republic")
//	short             list: short forms that match only standing alone
//	                  (a surname: "Putin")
//	demonyms          list: adjectives and demonyms ("Iranian|Iranians")
//	capitals          list: capitals used for the state ("Tehran")
//	note              free text for readers
//	since, until      tenure with the parent, ISO 8601 (until exclusive)
//
// For example:
//
//	name	kind	iso3	aliases	demonyms	capitals
//	Iran	Country	IRN	Islamic Republic of Iran|the Islamic Republic	Iranian|Iranians	Tehran
//
// Parse skips a malformed line and reports it as "file:line: problem"; the
// other lines still count. Gazetteer.Check reports what one line cannot
// show: a parent that names no actor, or a name given to two actors.
//
// # Matching
//
// Names are compared word by word, ignoring accents, dots and the
// difference between a hyphen and a space, so the one token
// "Mujahedin-e-Khalq" matches the alias "Mujahedin-e Khalq", and "U.S."
// matches "US". Lookup ignores case as well. Match, which reads running
// text, does not: see its documentation for the case rules that keep "us"
// from being the United States and "Western" from being anything.
package gazetteer
