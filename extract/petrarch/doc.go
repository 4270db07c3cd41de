// Package petrarch reads the dictionaries of the PETRARCH and TABARI event
// coders, as event-data projects keep them: actors (names and synonyms with
// CAMEO actor codes, some valid only between dates), agents (roles such as
// "minister" or "police" that add to an actor's code), verbs (verb synonym
// blocks with patterns and the event codes they give, and the synonym sets
// the patterns use) and discards (phrases that rule a sentence or a story
// out).
//
// Parsing is lenient, as the coders' own readers are: a malformed entry is
// reported as a *ParseError naming the file and line, and skipped; the rest
// of the file still counts. Codes are kept as the dictionary writes them,
// including the older WEIS codes some dictionaries carry.
//
// The package only reads and looks up; extract compiles the verb patterns
// into its rule frames and does the coding.
package petrarch
