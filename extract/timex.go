package extract

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// timex is a time expression found in a sentence, resolved to an ISO 8601
// date, partial where the text is ("2012", "2022-07").
type timex struct {
	start, end int    // token range
	value      string // ISO 8601
	since      bool   // "since 2016": the start of a standing relation
	until      bool   // "until 2019"
	// deictic: named from the day of publication ("on Tuesday", "today"),
	// the way news dates the act it reports.
	deictic bool
	// inferred: no time in the text, the date is the publication's (a
	// present perfect); a date the text states for the same relation wins.
	inferred bool
}

var months = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
	"august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
	"sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}

// dayWords are the words that name the publication day itself.
var dayWords = map[string]int{"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}

// isTimeWord reports whether a capitalised word is a month or weekday name,
// which must never be read as an actor.
func isTimeWord(lower string) bool {
	_, m := months[lower]
	_, d := weekdays[lower]
	return (m && len(lower) > 3) || d
}

// namedDays are words that make a weekday part of a name.
var namedDays = map[string]bool{"good": true, "black": true, "bloody": true, "super": true, "ash": true, "holy": true, "cyber": true, "maundy": true, "shrove": true}

// datelineDashes end a dateline: "Thursday, November 23, 2023 – Qatar …".
var datelineDashes = map[string]bool{"-": true, "--": true, "–": true, "—": true}

// dropDateline leaves out a time expression that opens the sentence as the
// page's dateline: it dates the page, not what the sentence says.
func dropDateline(toks []Token, txs []timex) []timex {
	if len(txs) == 0 || txs[0].start > 0 {
		return txs
	}
	end := txs[0].end
	for _, tx := range txs[1:] {
		if tx.start <= end+1 {
			end = max(end, tx.end)
		}
	}
	if end < len(toks) && datelineDashes[toks[end].Text] {
		var out []timex
		for _, tx := range txs {
			if tx.start >= end {
				out = append(out, tx)
			}
		}
		return out
	}
	return txs
}

// sinceComparison before "since X" make X a point of comparison: "the
// first time since 2019", "the worst since 2008".
var sinceComparison = map[string]bool{"time": true, "first": true, "highest": true, "lowest": true, "worst": true, "best": true, "biggest": true, "largest": true, "most": true, "least": true}

// findTimexes finds the adverbial time expressions of a sentence and
// resolves them against the document date (zero when unknown: then only
// absolute dates resolve). A month used as a modifier ("a July cyberattack")
// is not adverbial and is skipped.
func findTimexes(toks []Token, docDate time.Time) []timex {
	var out []timex
	known := !docDate.IsZero()
	for i := 0; i < len(toks); i++ {
		w := toks[i].Lower
		if len(w) > 3 && strings.HasSuffix(w, ".") && months[strings.TrimSuffix(w, ".")] != 0 {
			w = strings.TrimSuffix(w, ".") // "in May." at the end of a sentence is one token
		}
		prep := ""
		if i > 0 {
			prep = toks[i-1].Lower
		}
		adverbial := prep == "in" || prep == "on" || prep == "since" || prep == "during" ||
			prep == "until" || prep == "till" || prep == "by" || prep == "from" || prep == "of" ||
			prep == "," || prep == "" || prep == "early" || prep == "late" || prep == "mid" || prep == "through"
		start := i
		if prep == "in" || prep == "on" || prep == "since" || prep == "until" || prep == "from" || prep == "during" {
			start = i - 1
		}
		mk := func(end int, v string) {
			if prep == "since" && i >= 2 && (sinceComparison[toks[i-2].Lower] || i >= 3 && sinceComparison[toks[i-3].Lower] && toks[i-3].Lower != "time") {
				return // "for the first time since 2019": a comparison, not a start
			}
			out = append(out, timex{start: start, end: end, value: v, since: prep == "since" || prep == "from", until: prep == "until" || prep == "till"})
		}
		switch {
		case isISODate(w):
			mk(i+1, w)
		case dayWords[w] != 0 || w == "today" || w == "tonight":
			if known {
				// "earlier today", "later today" and plain "today" all name the day.
				if i > 0 && (prep == "earlier" || prep == "later") {
					start = i - 1
				}
				mk(i+1, docDate.AddDate(0, 0, dayWords[w]).Format("2006-01-02"))
				out[len(out)-1].deictic = true
			}
		case w == "this" && i+1 < len(toks) && (toks[i+1].Lower == "morning" || toks[i+1].Lower == "afternoon" || toks[i+1].Lower == "evening" || toks[i+1].Lower == "week" || toks[i+1].Lower == "weekend"):
			weekend := docDate.Weekday() == time.Saturday || docDate.Weekday() == time.Sunday
			switch next := toks[i+1].Lower; {
			case !known || next == "week":
			case next == "weekend" && !weekend:
				// a weekend not yet come, or just gone: no one day
			default:
				// "this weekend" in a weekend's paper: that day
				mk(i+2, docDate.Format("2006-01-02"))
				out[len(out)-1].deictic = true
			}
			i++
		case (w == "last" || w == "this" || w == "next") && i+1 < len(toks):
			if !known {
				continue
			}
			next := toks[i+1].Lower
			step := map[string]int{"last": -1, "this": 0, "next": 1}[w]
			if m, ok := months[next]; ok && len(next) > 2 {
				y := docDate.Year()
				switch {
				case w == "last" && m >= docDate.Month():
					y--
				case w == "next" && m <= docDate.Month():
					y++
				}
				out = append(out, timex{start: i, end: i + 2, value: fmt.Sprintf("%04d-%02d", y, m)})
				i++
			} else if d, ok := weekdays[next]; ok {
				out = append(out, timex{start: i, end: i + 2, value: weekdayNear(docDate, d, step).Format("2006-01-02")})
				i++
			} else if next == "year" {
				out = append(out, timex{start: i, end: i + 2, value: strconv.Itoa(docDate.Year() + step)})
				i++
			} else if next == "month" {
				out = append(out, timex{start: i, end: i + 2, value: docDate.AddDate(0, step, 0).Format("2006-01")})
				i++
			} else if next == "week" && step != 0 {
				// A week is too vague for a day and too precise to drop.
				continue
			}
		case weekdays[w] != 0 || w == "sunday":
			// News puts a bare weekday anywhere: "signed an agreement
			// Saturday in Qatar", "withdrew from the accord Tuesday"; not
			// in a name ("Good Friday") or before 's ("Tuesday's attack").
			bare := !namedDays[prep] && (i+1 >= len(toks) || toks[i+1].Lower != "'s")
			if known && (adverbial || bare) && toks[i].Text != w {
				start = i
				if prep == "on" {
					start = i - 1
				}
				out = append(out, timex{start: start, end: i + 1, value: weekdayNear(docDate, weekdays[w], -1).Format("2006-01-02"), deictic: true})
			}
		case months[w] != 0 && len(w) > 2 && !strings.HasPrefix(toks[i].Text, w) && (toks[i].Tag != "MD" || prep == "in" || prep == "since" || prep == "until" || prep == "by"): // capitalised month name
			if i > 0 && isDay(toks[i-1].Text) && (i == 1 || isPrepLike(toks[i-2].Lower)) {
				adverbial = true // "on 22 February 2019"
			}
			if !adverbial {
				continue // "a July cyberattack"
			}
			if prep == "" && !(i+1 < len(toks) && (isDay(toks[i+1].Text) || isYear(toks[i+1].Text) || toks[i+1].Text == ",")) {
				continue // "May the talks succeed"
			}
			m := months[w]
			end := i + 1
			day, year := 0, 0
			if end < len(toks) {
				if d, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(toks[end].Lower, "th"), "st"), "nd"), "rd")); err == nil && d >= 1 && d <= 31 {
					day, end = d, end+1
				}
			}
			if end+1 < len(toks) && toks[end].Text == "," && isYear(toks[end+1].Text) {
				year, _ = strconv.Atoi(toks[end+1].Text)
				end += 2
			} else if end < len(toks) && isYear(toks[end].Text) {
				year, _ = strconv.Atoi(toks[end].Text)
				end++
			} else if end+1 < len(toks) && toks[end].Lower == "last" && toks[end+1].Lower == "year" && known {
				year = docDate.Year() - 1
				end += 2
			} else if end+2 < len(toks) && toks[end].Lower == "of" && toks[end+1].Lower == "last" && toks[end+2].Lower == "year" && known {
				year = docDate.Year() - 1
				end += 3
			} else if end+2 < len(toks) && toks[end].Lower == "of" && toks[end+1].Lower == "this" && toks[end+2].Lower == "year" && known {
				year = docDate.Year()
				end += 3
			}
			// "22 February 2019"
			if day == 0 && i > 0 {
				if d, err := strconv.Atoi(toks[i-1].Text); err == nil && d >= 1 && d <= 31 {
					day = d
					start = i - 1
					if i > 1 && (toks[i-2].Lower == "on" || toks[i-2].Lower == "since") {
						start = i - 2
					}
				}
			}
			if year == 0 {
				if !known {
					continue
				}
				// A month named without a year is the latest one on or
				// before the document date: news reports what happened;
				// but one of the next two months in a sentence that tells
				// what is due is this year's ("ordered to leave by May
				// 21" in April, "talks will resume in June").
				year = docDate.Year()
				if due := tellsDue(toks); m > docDate.Month() && due != future && !(due == deadline && m <= docDate.Month()+2) {
					year--
				}
			}
			v := fmt.Sprintf("%04d-%02d", year, m)
			if day > 0 {
				v = fmt.Sprintf("%s-%02d", v, day)
			}
			mk(end, v)
			i = end - 1
		case isYear(toks[i].Text) && (prep == "in" || prep == "since" || prep == "until" || prep == "from" || prep == "by" || prep == "till" || prep == "of" || prep == "during"):
			if prep == "of" || prep == "by" {
				start = i
			}
			mk(i+1, toks[i].Text)
		}
	}
	return out
}

func isDay(s string) bool {
	d, err := strconv.Atoi(s)
	return err == nil && d >= 1 && d <= 31
}

func isPrepLike(w string) bool {
	switch w {
	case "on", "since", "until", "from", "by", "till", ",", "of":
		return true
	}
	return false
}

func isYear(s string) bool {
	if len(s) != 4 {
		return false
	}
	y, err := strconv.Atoi(s)
	return err == nil && y >= 1900 && y <= 2100
}

func isISODate(s string) bool {
	if len(s) != len("2006-01-02") || s[4] != '-' || s[7] != '-' {
		return false // most words: no need to build time.Parse's error
	}
	_, err := time.Parse("2006-01-02", s)
	return err == nil
}

// weekdayNear returns the weekday d nearest the document date in the
// direction dir: -1 the latest on or before it (news reports the past),
// +1 the next after it, 0 within the same week.
func weekdayNear(doc time.Time, d time.Weekday, dir int) time.Time {
	diff := int(doc.Weekday()) - int(d)
	switch {
	case dir < 0:
		if diff < 0 {
			diff += 7
		}
		return doc.AddDate(0, 0, -diff)
	case dir > 0:
		ahead := -diff
		if ahead <= 0 {
			ahead += 7
		}
		return doc.AddDate(0, 0, ahead)
	}
	return doc.AddDate(0, 0, -diff)
}

// parseDocDate reads a publication date, "" giving the zero time.
func parseDocDate(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, fmt.Errorf("publication date %q is not YYYY-MM-DD: %w", s, err)
	}
	return t, nil
}

// The ways a sentence tells of something still to come.
const (
	notDue   = iota
	deadline // "by", "until", "due": a deadline, near at hand
	future   // "will", "shall": anything ahead
)

// tellsDue reports whether and how a sentence tells of something still to
// come.
func tellsDue(toks []Token) int {
	due := notDue
	for _, t := range toks {
		switch t.Lower {
		case "will", "shall", "'ll":
			return future
		case "by", "until", "till", "due", "deadline", "scheduled", "expected":
			due = deadline
		}
	}
	return due
}
