package export

import (
	"bufio"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/geokg/geokg/graph"
	"github.com/geokg/geokg/schema"
)

// Event is one coded event, a row of the event table: a statement with a
// CAMEO event code, in the columns of the event datasets analysts know
// (GDELT, ICEWS, Phoenix), with its evidence and its article. Its JSON
// keys are the table's column names (EventColumns).
type Event struct {
	Date          string  `json:"date"` // the event's date, or a standing relation's since; ISO 8601, partial where the text is; "" when undated
	SourceIRI     string  `json:"source_iri"`
	SourceName    string  `json:"source_name"`
	SourceCode    string  `json:"source_code"`    // CAMEO actor code
	SourceCountry string  `json:"source_country"` // ISO3 of the actor's state
	TargetIRI     string  `json:"target_iri"`
	TargetName    string  `json:"target_name"`
	TargetCode    string  `json:"target_code"`
	TargetCountry string  `json:"target_country"`
	CAMEOCode     string  `json:"cameo_code"`    // "161"
	CAMEORoot     string  `json:"cameo_root"`    // "16"
	QuadClass     int     `json:"quad_class"`    // 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
	Goldstein     float64 `json:"goldstein"`     // -10 … +10
	Predicate     string  `json:"predicate"`     // geokg's predicate, "severed_ties_with"
	Intended      bool    `json:"intended"`      // an act announced, coded with CAMEO's intent (03) or threat (13) code
	Confidence    float64 `json:"confidence"`    // of the extraction, 0 … 1
	Evidence      string  `json:"evidence"`      // the sentence that says it
	AttributedTo  string  `json:"attributed_to"` // who made the claim, when reported
	Headline      string  `json:"headline"`
	Published     string  `json:"published"` // the article's publication date
	URL           string  `json:"url"`
	Doc           string  `json:"doc"`       // the article's IRI, "doc:…"
	Statement     string  `json:"statement"` // the statement's IRI, "stmt:…"
}

// EventColumns returns the event table's column names, in order: the CSV
// and TSV header.
func EventColumns() []string {
	return []string{"date", "source_iri", "source_name", "source_code", "source_country",
		"target_iri", "target_name", "target_code", "target_country",
		"cameo_code", "cameo_root", "quad_class", "goldstein", "predicate", "intended", "confidence",
		"evidence", "attributed_to", "headline", "published", "url", "doc", "statement"}
}

func (e Event) row() []string {
	return []string{e.Date, e.SourceIRI, e.SourceName, e.SourceCode, e.SourceCountry,
		e.TargetIRI, e.TargetName, e.TargetCode, e.TargetCountry,
		e.CAMEOCode, e.CAMEORoot, strconv.Itoa(e.QuadClass), strconv.FormatFloat(e.Goldstein, 'f', -1, 64),
		e.Predicate, strconv.FormatBool(e.Intended), strconv.FormatFloat(e.Confidence, 'f', -1, 64),
		e.Evidence, e.AttributedTo, e.Headline, e.Published, e.URL, e.Doc, e.Statement}
}

// EventOf returns the event a statement records in its article, and
// false when it records none: a negated statement (nothing was done), or
// one with no CAMEO event code (a standing relation such as hosts). An
// intended statement ("will impose sanctions") is coded with its
// predicate's intent code (schema.Predicate.IntentCAMEO): CAMEO's
// "express intent" (03) or "threaten" (13) codes.
func EventOf(s schema.Statement, doc schema.Document) (Event, bool) {
	code := s.CAMEO
	intended := s.Modality == schema.ModalityIntended
	if intended {
		if p, ok := schema.LookupPredicate(s.Predicate); ok {
			code = p.IntentCAMEO()
		}
	}
	if s.Negated || code == "" || s.Subject.IRI == "" || s.Object.IRI == "" {
		return Event{}, false
	}
	date := s.Date
	if date == "" {
		date = s.Since
	}
	g, _ := schema.Goldstein(code)
	return Event{
		Date:          date,
		SourceIRI:     s.Subject.IRI,
		SourceName:    s.Subject.Name,
		SourceCode:    s.Subject.CAMEO,
		SourceCountry: s.Subject.ISO3,
		TargetIRI:     s.Object.IRI,
		TargetName:    s.Object.Name,
		TargetCode:    s.Object.CAMEO,
		TargetCountry: s.Object.ISO3,
		CAMEOCode:     code,
		CAMEORoot:     schema.CAMEORoot(code),
		QuadClass:     schema.QuadClass(code),
		Goldstein:     g,
		Predicate:     s.Predicate,
		Intended:      intended,
		Confidence:    s.Confidence,
		Evidence:      strings.Join(strings.Fields(s.Evidence), " "),
		AttributedTo:  s.AttributedTo,
		Headline:      doc.Title,
		Published:     doc.Published,
		URL:           doc.URL,
		Doc:           s.Doc,
		Statement:     s.ID(),
	}, true
}

// EventOptions narrow the event table. The zero EventOptions keep every
// event.
type EventOptions struct {
	// Since and Until keep events whose date falls in the interval, as
	// graph.Filter reads them (ISO 8601, partial allowed); with either
	// set, undated events are dropped.
	Since, Until string
	// Entity, an entity IRI ("ent:iran"), keeps events it is the source
	// or the target of.
	Entity string
	// Roots keeps events whose CAMEO root (two digits, "19") is one of
	// these.
	Roots []string
	// Countries keeps events whose source or target belongs to one of
	// these states, by ISO 3166 alpha-3 code ("IRN"; case does not
	// matter).
	Countries []string
	// Predicates keeps events of these predicates ("attacked" or
	// "rel:attacked").
	Predicates []string
}

// Articles is what Events reads: a store's articles with their
// statements, one at a time. *graph.Store has it.
type Articles interface {
	EachArticle(ctx context.Context, f graph.Filter, fn func(schema.Document, []schema.Statement) error) error
}

var _ Articles = (*graph.Store)(nil)

// Check validates the options: a root must be one of CAMEO's twenty
// ("01" … "20"), a country three letters (made upper case). It fails with
// ErrBadOption.
func (o *EventOptions) Check() error {
	for _, r := range o.Roots {
		if _, ok := schema.LookupCAMEO(r); !ok || len(r) != 2 {
			return fmt.Errorf("events: root %q: %w: want a CAMEO root, 01 to 20", r, ErrBadOption)
		}
	}
	for i, c := range o.Countries {
		c = strings.ToUpper(strings.TrimSpace(c))
		if len(c) != 3 || strings.Trim(c, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != "" {
			return fmt.Errorf("events: country %q: %w: want an ISO 3166 alpha-3 code such as IRN", o.Countries[i], ErrBadOption)
		}
		o.Countries[i] = c
	}
	return nil
}

func (o *EventOptions) keep(e Event) bool {
	// The store's filter keeps statements whose time overlaps the
	// interval; an event is kept on its date alone.
	if o.Since != "" && (lastDay(e.Date) == "" || lastDay(e.Date) < firstDay(o.Since)) {
		return false
	}
	if o.Until != "" && (firstDay(e.Date) == "" || firstDay(e.Date) > lastDay(o.Until)) {
		return false
	}
	if o.Entity != "" && e.SourceIRI != o.Entity && e.TargetIRI != o.Entity {
		return false
	}
	if len(o.Roots) > 0 && !oneOf(e.CAMEORoot, o.Roots) {
		return false
	}
	if len(o.Countries) > 0 && !oneOf(e.SourceCountry, o.Countries) && !oneOf(e.TargetCountry, o.Countries) {
		return false
	}
	return true
}

func oneOf(s string, list []string) bool {
	for _, l := range list {
		if s == l {
			return true
		}
	}
	return false
}

// Events calls fn with every event of the store that o keeps (see
// EventOf), article by article in the order of their IRIs, and within an
// article by date (undated last). It holds one article's statements at a
// time, so memory does not grow with the number of events. It fails with
// graph.ErrBadDate for a bad Since or Until, graph.ErrUnknownPredicate for
// a predicate not in the vocabulary and ErrBadOption for a bad root or
// country; an error from fn stops it and is returned as it is.
func Events(ctx context.Context, st Articles, o EventOptions, fn func(Event) error) error {
	o.Roots = append([]string(nil), o.Roots...)
	o.Countries = append([]string(nil), o.Countries...)
	if err := o.Check(); err != nil {
		return err
	}
	f := graph.Filter{Since: o.Since, Until: o.Until, Predicates: o.Predicates}
	return st.EachArticle(ctx, f, func(doc schema.Document, stmts []schema.Statement) error {
		for _, s := range stmts {
			e, ok := EventOf(s, doc)
			if !ok || !o.keep(e) {
				continue
			}
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	})
}

// EventFormat is a format of the event table.
type EventFormat string

// The event table's formats.
const (
	EventCSV   EventFormat = "csv"   // RFC 4180 CSV with a header row
	EventTSV   EventFormat = "tsv"   // tab-separated with a header row, as GDELT's files; tabs and line breaks in a field become spaces
	EventJSONL EventFormat = "jsonl" // one JSON object a line, keyed by the column names
)

// EventFormats lists the event table's formats.
func EventFormats() []EventFormat { return []EventFormat{EventCSV, EventTSV, EventJSONL} }

// ParseEventFormat returns the event format called name (case does not
// matter; "json" and "ndjson" name JSONL). It fails with ErrUnknownFormat.
func ParseEventFormat(name string) (EventFormat, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "json" || n == "ndjson" {
		return EventJSONL, nil
	}
	for _, f := range EventFormats() {
		if string(f) == n {
			return f, nil
		}
	}
	return "", fmt.Errorf("%w %q (choose csv, tsv or jsonl)", ErrUnknownFormat, name)
}

// MediaType returns the MIME type of the event table in the format.
func (f EventFormat) MediaType() string {
	switch f {
	case EventCSV:
		return "text/csv; charset=utf-8"
	case EventTSV:
		return "text/tab-separated-values; charset=utf-8"
	}
	return "application/x-ndjson"
}

// EventWriter writes the event table in one format, row by row, through
// a buffer: CSV and TSV start with the header row, written by the first
// Write or by Flush when there is no row.
type EventWriter struct {
	format EventFormat
	b      *bufio.Writer
	csv    *csv.Writer
	enc    *json.Encoder
	header bool
}

// NewEventWriter returns a writer of the event table to w.
func NewEventWriter(w io.Writer, f EventFormat) *EventWriter {
	ew := &EventWriter{format: f, b: bufio.NewWriterSize(w, 64<<10)}
	switch f {
	case EventCSV:
		ew.csv = csv.NewWriter(ew.b)
	case EventJSONL:
		ew.enc = json.NewEncoder(ew.b)
		ew.enc.SetEscapeHTML(false)
	}
	return ew
}

func (w *EventWriter) writeHeader() error {
	if w.header || w.format == EventJSONL {
		return nil
	}
	w.header = true
	return w.writeRow(EventColumns())
}

func (w *EventWriter) writeRow(row []string) error {
	if w.csv != nil {
		return w.csv.Write(row)
	}
	for i, f := range row {
		if i > 0 {
			w.b.WriteByte('\t')
		}
		w.b.WriteString(tsvField(f))
	}
	return w.b.WriteByte('\n')
}

// tsvField replaces the tabs and line breaks of a TSV field with spaces.
func tsvField(s string) string {
	if !strings.ContainsAny(s, "\t\r\n") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\r' || r == '\n' {
			return ' '
		}
		return r
	}, s)
}

// Write writes one event.
func (w *EventWriter) Write(e Event) error {
	if err := w.writeHeader(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	var err error
	if w.enc != nil {
		err = w.enc.Encode(e)
	} else {
		err = w.writeRow(e.row())
	}
	if err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}

// Flush writes what is buffered (and the header, when no row came).
func (w *EventWriter) Flush() error {
	if err := w.writeHeader(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	if w.csv != nil {
		if w.csv.Flush(); w.csv.Error() != nil {
			return fmt.Errorf("events: %w", w.csv.Error())
		}
	}
	if err := w.b.Flush(); err != nil {
		return fmt.Errorf("events: %w", err)
	}
	return nil
}
