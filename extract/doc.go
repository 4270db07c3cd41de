// Package extract turns a document's text into statements: who did what to
// whom, when, on what evidence.
//
// A Pipeline runs stages in order over a Document: prose's sentence,
// token, tag and entity pass (the model loaded once per Pipeline and shared
// by every document), the gazetteer's actor matching (states composed with
// their organs and officials: "the Sudanese army", "a court in Kenya"; and
// actors the article itself introduces, marked learned: "the Rapid Support
// Forces (RSF)", "Volt Typhoon, a Chinese state-backed hacking group"), the
// relation rules and time resolution. Only extract knows prose.
//
// Code turns a record's text into CAMEO-coded events (source actor, target
// actor, event code): with the built-in lexicon, the events among the
// statements Extract finds; with PETRARCH/TABARI dictionaries
// (WithDictionaries, read by package petrarch), by their verb patterns,
// compiled into the same frame elements and read with the same verb
// groups, coordination and anaphora.
package extract
