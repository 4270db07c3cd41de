package extract

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/geokg/geokg/extract/petrarch"
	"github.com/geokg/geokg/internal/jsonl"
	"github.com/geokg/geokg/schema"
)

// Event is one coded event: a source actor did something, coded as an
// event code, to a target actor. Codes are CAMEO's (or, with loaded
// dictionaries, whatever those dictionaries give); "---" is the null
// actor.
type Event struct {
	Source string `json:"source"` // CAMEO actor code: IRNGOV, USA, IGOUNO
	Target string `json:"target"`
	Code   string `json:"code"` // CAMEO event code: 161, 0871

	SourceName   string `json:"source_name,omitempty"` // the actors as the text or gazetteer names them
	TargetName   string `json:"target_name,omitempty"`
	Predicate    string `json:"predicate,omitempty"`     // the vocabulary predicate, when the built-in lexicon coded it
	Verb         string `json:"verb,omitempty"`          // the verb as written
	Pattern      string `json:"pattern,omitempty"`       // the dictionary pattern that matched, when one did
	Date         string `json:"date,omitempty"`          // ISO 8601, built-in lexicon only
	AttributedTo string `json:"attributed_to,omitempty"` // who reported it, built-in lexicon only
}

// NullActor is the actor code of an event side no actor fills.
const NullActor = petrarch.NullActor

// CodeOptions are the coder's options, named as PETRARCH's configuration
// names them. The comma options apply to dictionary coding only.
type CodeOptions struct {
	// RequireDyad: an event needs a source and a target. Without it, an
	// event with one side missing is coded with "---" there.
	RequireDyad bool `json:"require_dyad"`
	// NewActorLength is accepted for compatibility and not used: geokg
	// never codes unknown noun phrases as actors.
	NewActorLength int `json:"new_actor_length"`
	// Comma-delimited clauses of Min to Max words (punctuation not
	// counted) are set aside before dictionary coding: in the middle of a
	// sentence (CommaMin/CommaMax), at its beginning (CommaBMin/CommaBMax)
	// and at its end (CommaEMin/CommaEMax). A Max of 0 switches that case
	// off. Clauses holding a coordinating conjunction, or that continue a
	// list, are kept.
	CommaMin  int `json:"comma_min"`
	CommaMax  int `json:"comma_max"`
	CommaBMin int `json:"comma_bmin"`
	CommaBMax int `json:"comma_bmax"`
	CommaEMin int `json:"comma_emin"`
	CommaEMax int `json:"comma_emax"`
}

// DefaultCodeOptions returns PETRARCH's defaults: dyads required, middle
// and final comma clauses of 2 to 8 words set aside, initial ones kept.
func DefaultCodeOptions() CodeOptions {
	return CodeOptions{RequireDyad: true, CommaMin: 2, CommaMax: 8, CommaEMin: 2, CommaEMax: 8}
}

// Record is one text to code: the JSONL record `geokg code` reads.
type Record struct {
	ID   string
	Date string // YYYY-MM-DD; date-restricted actor codes are chosen by it
	Text string
	// Options, when the record has an "options" object, are its coder
	// options over the caller's (as the PETRARCH validation records carry
	// them).
	Options json.RawMessage
}

// ErrBadRecord is wrapped by the errors ReadRecords reports for lines that
// are not records.
var ErrBadRecord = errors.New("bad record")

// MaxRecordLine is the longest line ReadRecords reads: 10 MiB, as the
// article readers' default maximum article size.
const MaxRecordLine = 10 << 20

// ReadRecords reads JSONL records {"id", "date", "text", "options"} from r
// (other fields are ignored) and calls fn for each. A line that is not a
// record, or longer than MaxRecordLine, is passed to report as
// "name:line: problem" and skipped; fn's error, a read error or ctx's end
// stops the reading.
func ReadRecords(ctx context.Context, r io.Reader, name string, fn func(Record) error, report func(error)) error {
	lines := jsonl.NewReader(r, MaxRecordLine)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		line, err := lines.Next()
		if err == io.EOF {
			return nil
		}
		var long *jsonl.LineTooLongError
		if errors.As(err, &long) {
			report(fmt.Errorf("%s:%d: %w: %d bytes exceeds the maximum line of %d bytes", name, long.Line, ErrBadRecord, long.Size, long.Max))
			continue
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		line = bytes.TrimSpace(line)
		if len(line) == 0 {
			continue
		}
		rec, perr := parseRecordLine(line)
		if perr != nil {
			report(fmt.Errorf("%s:%d: %w: %v", name, lines.Line(), ErrBadRecord, perr))
		} else if ferr := fn(rec); ferr != nil {
			return ferr
		}
	}
}

func parseRecordLine(line []byte) (Record, error) {
	var raw struct {
		ID      json.RawMessage `json:"id"`
		Date    *string         `json:"date"`
		Text    *string         `json:"text"`
		Options json.RawMessage `json:"options"`
	}
	if err := json.Unmarshal(line, &raw); err != nil {
		return Record{}, fmt.Errorf("not a JSON object: %v", err)
	}
	var rec Record
	if len(raw.ID) == 0 {
		return rec, errors.New(`no "id"`)
	}
	var s string
	if err := json.Unmarshal(raw.ID, &s); err == nil {
		rec.ID = s
	} else {
		var num json.Number
		if err := json.Unmarshal(raw.ID, &num); err != nil {
			return rec, errors.New(`"id": want a string or a number`)
		}
		rec.ID = num.String()
	}
	if raw.Text == nil {
		return rec, fmt.Errorf("record %s: no \"text\"", rec.ID)
	}
	rec.Text = *raw.Text
	if raw.Date != nil {
		rec.Date = *raw.Date
		if _, err := parseDocDate(rec.Date); err != nil {
			return rec, fmt.Errorf("record %s: %v", rec.ID, err)
		}
	}
	if len(raw.Options) > 0 && string(raw.Options) != "null" {
		var probe map[string]json.RawMessage
		if err := json.Unmarshal(raw.Options, &probe); err != nil {
			return rec, fmt.Errorf("record %s: \"options\": want an object", rec.ID)
		}
		o := DefaultCodeOptions()
		if err := json.Unmarshal(raw.Options, &o); err != nil {
			return rec, fmt.Errorf("record %s: \"options\": %v", rec.ID, err)
		}
		rec.Options = raw.Options
	}
	return rec, nil
}

// WithDictionaries makes Code use PETRARCH/TABARI dictionaries: their verb
// patterns instead of the built-in lexicon, their actors and agents instead
// of the gazetteer where given, and their discards. A nil field keeps the
// built-in equivalent (the gazetteer and its organs and offices for actors
// and agents); without Verbs, Code uses the built-in lexicon and only the
// discards apply. Extract is not affected.
func WithDictionaries(d *petrarch.Dictionaries) Option {
	return func(p *Pipeline) {
		if d != nil {
			p.dict = newDictCoder(d)
		}
	}
}

// Code codes the events of a record: with the built-in lexicon and
// gazetteer (the statements Extract finds that have an event code), or with
// the dictionaries WithDictionaries gave. opts are the coder's options; a
// record's own Options override them. A record whose text holds a discard
// phrase gives no events.
func (p *Pipeline) Code(ctx context.Context, rec Record, opts CodeOptions) ([]Event, error) {
	if len(rec.Options) > 0 {
		if err := json.Unmarshal(rec.Options, &opts); err != nil {
			return nil, fmt.Errorf("record %s: options: %w", rec.ID, err)
		}
	}
	if strings.TrimSpace(rec.Text) == "" {
		return nil, ErrEmptyText
	}
	if p.dict != nil && p.dict.d.Discards != nil {
		if _, ok := p.dict.d.Discards.Find(rec.Text); ok {
			return nil, nil
		}
	}
	if p.dict != nil && p.dict.d.Verbs != nil {
		return p.codeWithDictionaries(ctx, rec, opts, nil)
	}
	stmts, err := p.Extract(ctx, schema.Document{ID: schema.DocumentIRI(rec.ID, rec.Text), Published: rec.Date, Text: rec.Text})
	if err != nil {
		return nil, err
	}
	return EventsOf(stmts, opts.RequireDyad), nil
}

// EventsOf turns statements into events: each statement that is not
// negated and has an event code gives one event between its ends' CAMEO
// actor codes ("---" for an end with none, kept only when requireDyad is
// off); a symmetric predicate (met_with, negotiated_with,
// signed_agreement_with) gives one each way.
func EventsOf(stmts []schema.Statement, requireDyad bool) []Event {
	var out []Event
	seen := map[Event]bool{}
	for _, s := range stmts {
		if s.Negated || s.CAMEO == "" {
			continue
		}
		ev := Event{Source: actorCode(s.Subject), Target: actorCode(s.Object), Code: s.CAMEO,
			SourceName: s.Subject.Name, TargetName: s.Object.Name, Predicate: s.Predicate,
			Date: firstNonEmpty(s.Date, s.Since), AttributedTo: s.AttributedTo}
		if requireDyad && (ev.Source == NullActor || ev.Target == NullActor) {
			continue
		}
		evs := []Event{ev}
		if p, ok := schema.LookupPredicate(s.Predicate); ok && p.Symmetric {
			// Talks, meetings and agreements are coded both ways, as CAMEO
			// coders do for a symmetric act.
			back := ev
			back.Source, back.Target, back.SourceName, back.TargetName = ev.Target, ev.Source, ev.TargetName, ev.SourceName
			evs = append(evs, back)
		}
		for _, e := range evs {
			if !seen[e] {
				seen[e] = true
				out = append(out, e)
			}
		}
	}
	return out
}

func actorCode(e schema.Entity) string {
	if e.CAMEO != "" {
		return e.CAMEO
	}
	return NullActor
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
