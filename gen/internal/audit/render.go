package audit

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"text/template"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/inert"
)

var (
	//go:embed audit.txt.tmpl
	textSource string
	//go:embed audit.md.tmpl
	mdSource string
)

var funcs = template.FuncMap{
	"plural":  catalogue.Plural,
	"text":    catalogue.Text,
	"code":    mdCode,
	"show":    show,
	"term":    inert.Terminal,
	"counts":  counts,
	"fixable": fixable,
	"sha":     func(s string) string { return s[:min(12, len(s))] },
	"first":   func(ps []Pos) Pos { return ps[0] },
	"cut":     firstRows[*Pair],
	"cutFix":  firstRows[Fix],
	"sub":     func(a, b int) int { return a - b },
	"maxRows": func() int { return maxRows },
}

var (
	textPage = template.Must(template.New("text").Funcs(funcs).Parse(textSource))
	mdPage   = template.Must(template.New("markdown").Funcs(funcs).Parse(mdSource))
)

// maxRows bounds the pair table and the -fix list of the Markdown report:
// a pull-request comment is read, and JSON has them all.
const maxRows = 100

func firstRows[T any](rows []T) []T { return rows[:min(len(rows), maxRows)] }

// formats are the renderings of a report, by the name -format takes.
var formats = map[string]func(*Report) ([]byte, error){
	"text": (*Report).Text, "json": (*Report).JSON, "markdown": (*Report).Markdown,
}

// IsFormat reports whether Render knows format.
func IsFormat(format string) bool { return formats[format] != nil }

// Render returns the report in format: "text", "json" or "markdown".
func (r *Report) Render(format string) ([]byte, error) {
	if !IsFormat(format) {
		return nil, fmt.Errorf("audit: no format %q", format)
	}
	return formats[format](r)
}

// Text returns the report for a terminal: every -fix change and every
// occurrence that is not registered, one a line as FILE:LINE:COL: ..., then
// the counts and the verdict.
func (r *Report) Text() ([]byte, error) {
	// A corpus can have a million findings: each pair is described once,
	// and each finding is its position and that description.
	type line struct {
		Pos  string // FILE:LINE:COL, inert
		Text string
	}
	v := struct {
		*Report
		Findings []line
	}{Report: r}
	desc := map[*Pair]string{}
	file, shown := "", ""
	for _, f := range r.findings() {
		d, ok := desc[f.pair]
		if !ok {
			var b bytes.Buffer
			if err := textPage.ExecuteTemplate(&b, "pair", f.pair); err != nil {
				return nil, fmt.Errorf("audit: %w", err)
			}
			d = b.String()
			desc[f.pair] = d
		}
		if f.Pos.File != file {
			file, shown = f.Pos.File, inert.Terminal(f.Pos.File)
		}
		v.Findings = append(v.Findings, line{shown + ":" + strconv.Itoa(f.Pos.Line) + ":" + strconv.Itoa(f.Pos.Col), d})
	}
	return execute(textPage, v)
}

// Markdown returns the report for a pull request or a ticket.
func (r *Report) Markdown() ([]byte, error) { return execute(mdPage, r) }

// JSON returns the report as an indented JSON document.
func (r *Report) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(inert.JSON(b), '\n'), nil
}

func execute(t *template.Template, r any) ([]byte, error) {
	var b bytes.Buffer
	if err := t.Execute(&b, r); err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return b.Bytes(), nil
}

// counts writes named counts as "3 registered, 1 alias".
func counts(cs Counts) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, strconv.Itoa(c.N)+" "+c.Name)
	}
	return strings.Join(parts, ", ")
}

// fixable writes the fixable counts, and the command that rewrites them
// when this run did not. A retired model's replacement is another model,
// written only with -fix-retired: the count says so when it was not given.
func fixable(s Summary) string {
	line := counts(s.Fixable)
	retired := 0
	if i := s.Fixable.index(FixRetired); i >= 0 && !s.fixRetired {
		retired = s.Fixable[i].N
	}
	if retired > 0 {
		line += " (with -fix-retired)"
	}
	switch total := s.Fixable.Total(); {
	case s.Fixed > 0 || total == 0:
	case total == retired:
		line += " (gen audit -fix -fix-retired rewrites them)"
	default:
		line += " (gen audit -fix rewrites them)"
	}
	return line
}

// plain reports whether s shows as itself: printable, no space, quote,
// backquote or pipe (which would end a Markdown table cell).
func plain(s string) bool {
	for _, r := range s {
		if !strconv.IsPrint(r) || strings.ContainsRune(" \"`|\\", r) {
			return false
		}
	}
	return s != ""
}

// show returns a value from the corpus for a terminal: as itself when
// plain, else quoted with every invisible or control character escaped.
func show(s string) string {
	if plain(s) {
		return s
	}
	return strconv.Quote(s)
}

// mdCode returns a value from the corpus, or a path, as a Markdown code
// span that nothing in it can end or break.
func mdCode(s string) string {
	if !plain(s) {
		s = strings.NewReplacer("`", `\x60`, "|", `\x7c`).Replace(strconv.Quote(s))
	}
	return "`" + s + "`"
}
