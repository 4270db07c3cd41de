// Package extract turns a document's text into statements: who did what to
// whom, when, on what evidence.
//
// A Pipeline runs stages in order over a Document: prose's sentence,
// token, tag and entity pass (the model loaded once per Pipeline and shared
// by every document), the gazetteer's actor matching (states composed with
// their organs and officials: "the Sudanese army", "a court in Kenya"; and
// actors the article itself introduces, marked learned: "the Rapid Support
// Forces (RSF)", "Volt Typhoon, a Chinese state-backed hacking group"), the
// dependency parse (package parse, given the actors' tags), the relation
// readings and time resolution. Only extract knows prose.
//
// Relations are read in two layers over one tree. The verb frames
// (lexicon.go, read.go) hold the verb vocabulary and its CAMEO codes; their
// subjects, modality and dates come from the tree. The tree readings read
// what no frame can state: the actors a phrase names (treeactors.go),
// whether a clause happened (treemood.go), acts named by nouns
// (treenouns.go), office-holding around a name (treeoffices.go) and verbs
// whose arguments only the tree shows (treeverbs.go). docs/reading.md has
// what they find on real news.
//
// Code turns a record's text into CAMEO-coded events (source actor, target
// actor, event code): with the built-in lexicon, the events among the
// statements Extract finds; with PETRARCH/TABARI dictionaries
// (WithDictionaries, read by package petrarch), by their verb patterns,
// compiled into the same frame elements and read with the same verb
// groups, coordination and anaphora.
package extract
