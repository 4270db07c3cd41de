// Package coref resolves the references of an article that do not name
// their actor: pronouns ("it", "they", "his"), definite descriptions ("the
// kingdom", "the island", "the group's leader"), pairs ("the two sides",
// "both countries") and, inside a quotation, "we", "our" and "I", which
// stand for the speaker. It works on sentences as the extractor reads them
// (tokens with Penn tags and a dependency tree) and on the actors the
// extractor found in them, and returns, for each reference it resolves, the
// earlier actor mentions it stands for.
//
// The resolver is made of rules: agreement of the reference with the
// actor's kind and number (a person for "he", an organisation or place for
// "it", an organisation, a place or several people for "they"; a state or
// place for "the kingdom", a group for "the group"), binding (an object
// pronoun is not its own verb's subject), and salience (the same sentence
// before the reference, nearest first; then earlier sentences, most recent
// first, their subjects before their other actors). ReadGUM reads GUM's
// coreference annotation, against which Evaluate measures it (see the eval
// command).
package coref
