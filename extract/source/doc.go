// Package source reads articles from files, directories and standard input
// and turns each one into a schema.Document for the extraction pipeline.
//
// It knows these formats, chosen by file extension:
//
//   - .txt: plain text, with an optional front matter block at the very
//     start (a "---" line, YAML with the keys title, date, url and id, a
//     title over several lines included, and a closing "---" line) that
//     fills the document's fields;
//   - .md and .markdown: the same, with Markdown syntax that is not prose
//     (heading marks, emphasis, link and image syntax, code blocks, HTML
//     comments) taken out;
//   - .html, .htm and .xhtml: the readable text of the page as Mozilla's
//     Readability algorithm finds it (codeberg.org/readeck/go-readability),
//     without scripts, hidden elements and short page chrome, one
//     paragraph per block; else the <article> or <main> element, else the
//     body; with title, date and URL taken from the page's metadata;
//   - .jsonl and .ndjson: one JSON object per line with the fields id, url,
//     title, date and text, read as a stream.
//
// "-" names standard input, whose format is guessed from its first byte. A
// directory is walked recursively in lexical order, reading the files whose
// extension is known and skipping hidden files and directories; the files
// skipped for their extension are counted and told through Options.Warn,
// or reported as ErrNothingRead when nothing at all was read. A path that
// is a URL is reported as ErrURL: source reads files, not the web. A file
// named on its own is read as text when its extension is unknown, and
// reported as ErrUnsupported when it names a spreadsheet, PDF, image or
// archive.
//
// Bad input never stops a batch: each unreadable, empty, binary, oversized or
// malformed input is reported as an *Error naming the file (and line), whose
// cause can be tested with errors.Is against ErrEmpty, ErrBinary,
// ErrInvalidUTF8, ErrTooLarge, ErrBadJSON or ErrBadDate, and reading goes on
// with the next input.
package source
