package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
)

// Statement is one relation found in a document: who did what to whom, when,
// on what evidence. Its JSON is the statement JSON of DESIGN.md, which
// `geokg extract --format jsonl`, `geokg relations --json` and the REST API
// share.
type Statement struct {
	Subject    Entity  `json:"subject"`
	Predicate  string  `json:"predicate"`
	Object     Entity  `json:"object"`
	Date       string  `json:"date"`  // ISO 8601, partial where the text is
	Since      string  `json:"since"` // start of a standing relation
	Until      string  `json:"until"` // end of a standing relation
	CAMEO      string  `json:"cameo"` // CAMEO event code
	Confidence float64 `json:"confidence"`
	Negated    bool    `json:"negated"`
	// Modality is "" for an act the text states as done or a relation
	// that holds, and ModalityIntended for one its actor has announced it
	// will do ("France will withdraw its troops", "plans to restore ties").
	// Like a negated statement, an intended one makes no direct edge.
	Modality     string `json:"modality,omitempty"`
	Evidence     string `json:"evidence"` // the sentence that says it
	Span         [2]int `json:"span"`     // byte offsets of Evidence in the document text
	Doc          string `json:"doc"`      // document IRI, "doc:…"
	AttributedTo string `json:"attributed_to"`
}

// ModalityIntended marks an announced intention: see Statement.Modality.
const ModalityIntended = "intended"

// Asserted reports whether the statement says the relation holds or the
// act was done: neither negated nor only intended. Only asserted
// statements make the direct subject → object edge.
func (s Statement) Asserted() bool { return !s.Negated && s.Modality == "" }

// ID returns the statement's IRI: a hash of its document, subject,
// predicate, object and span, so the same finding gets the same IRI on every
// run.
func (s Statement) ID() string {
	key := fmt.Sprintf("%s\x00%s\x00%s\x00%s\x00%d\x00%d", s.Doc, s.Subject.IRI, s.Predicate, s.Object.IRI, s.Span[0], s.Span[1])
	return StatementPrefix + shortHash(key)
}

// Document is one source article as the pipeline carries it.
type Document struct {
	ID        string // "doc:…"; see DocumentIRI
	URL       string
	Title     string
	Published string // YYYY-MM-DD, or "" when unknown
	Source    string // where it was read from, for messages: a path (quoted when it holds spaces or unprintable characters), path:line, or "-"
	Text      string
}

// DocumentIRI returns the IRI of a document: "doc:" + the source's own id
// when it has one, else a hash of its normalised text (white space folded),
// so the same article read twice gets the same IRI.
func DocumentIRI(sourceID, text string) string {
	if id := Slug(sourceID); id != "" {
		return DocumentPrefix + id
	}
	return DocumentPrefix + shortHash(strings.Join(strings.Fields(text), " "))
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:8])
}
