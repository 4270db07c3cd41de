// Package extract turns a document's text into statements: who did what to
// whom, when, on what evidence.
//
// A Pipeline runs stages in order over a Document: prose's sentence,
// token, tag and entity pass (the model loaded once per Pipeline and shared
// by every document), the gazetteer's actor matching, the relation rules and
// time resolution. Only extract knows prose.
package extract
