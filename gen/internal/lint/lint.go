// Package lint reports what the calendar has made stale in a registry: a
// model whose retires_on date has come but whose status is not retired, a
// model whose deprecated_on date has come but whose status is still active
// or preview, and a deprecated or retired model that the platform still
// serves (and pays for). It is the one part of gen that reads a date:
// generating and gen -check never do, so that generated files depend on
// providers.yaml alone, never on the day they are made. The caller passes
// the day.
package lint

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/molecule-ai/providers/gen/internal/spec"
	"github.com/molecule-ai/providers/resolver"
)

// Kinds of finding.
const (
	PastRetirement  = "past_retirement"        // retires_on has come; status is not retired
	PastDeprecation = "past_deprecation"       // deprecated_on has come; status is active or preview
	OnPlatform      = "deprecated_on_platform" // deprecated or retired, and served by a platform provider
)

// Finding is one stale thing, at the model's id in the input.
type Finding struct {
	Kind    string `json:"kind"`
	Model   string `json:"model"`
	Line    int    `json:"line"`
	Col     int    `json:"col"`
	Message string `json:"message"`
}

// Report is what Check found in one registry on one day.
type Report struct {
	Source   string    `json:"source"`
	Today    string    `json:"today"`
	Findings []Finding `json:"findings"`
}

// ParseDay checks that day is a YYYY-MM-DD calendar date.
func ParseDay(day string) error {
	if _, err := time.Parse(time.DateOnly, day); err != nil || len(day) != len(time.DateOnly) {
		return fmt.Errorf("%q is not a YYYY-MM-DD date", day)
	}
	return nil
}

// Check lints reg as of today, a YYYY-MM-DD date (ParseDay). A date "has
// come" on the day itself: a model retiring on today is retired today.
// Findings are in YAML order.
func Check(reg *spec.Registry, today string) *Report {
	r := &Report{Source: reg.File, Today: today, Findings: []Finding{}}
	for _, m := range reg.Models {
		add := func(kind, format string, args ...any) {
			r.Findings = append(r.Findings, Finding{kind, m.ID, m.Line, m.Col, fmt.Sprintf(format, args...)})
		}
		life := m.Lifecycle
		// A retirement that has come says what to do; the deprecation
		// before it would say something else (set deprecated).
		if m.RetiresOn != "" && m.RetiresOn <= today && life != resolver.LifecycleRetired {
			add(PastRetirement, "retires_on %s has come (today is %s) but its status is %s: set status: retired%s", m.RetiresOn, today, life, replacement(m))
		} else if m.DeprecatedOn != "" && m.DeprecatedOn <= today && (life == resolver.LifecycleActive || life == resolver.LifecyclePreview) {
			add(PastDeprecation, "deprecated_on %s has come (today is %s) but its status is %s: set status: deprecated", m.DeprecatedOn, today, life)
		}
		if on := platformRuntimes(m); len(on) > 0 && (life == resolver.LifecycleDeprecated || life == resolver.LifecycleRetired) {
			add(OnPlatform, "the model is %s and the platform still serves it (and pays for it) on %s: move those workspaces%s, then remove the platform's entry", life, strings.Join(on, ", "), onto(m))
		}
	}
	return r
}

func replacement(m *spec.Model) string {
	if m.ReplacedBy != "" {
		return " (workspaces on it are then flagged, with " + m.ReplacedBy + " suggested)"
	}
	return " and replaced_by, if it has a successor"
}

func onto(m *spec.Model) string {
	if m.ReplacedBy != "" {
		return " to " + m.ReplacedBy
	}
	return ""
}

// platformRuntimes returns the runtimes where a platform provider serves
// m, in served_by order.
func platformRuntimes(m *spec.Model) []string {
	var out []string
	for _, e := range m.Served {
		if e.Provider.Platform {
			for _, r := range e.Runtimes {
				out = append(out, r.ID)
			}
		}
	}
	return out
}

// Text writes the report for a terminal: one FILE:LINE:COL: line per
// finding, then a summary.
func (r *Report) Text(w io.Writer) error {
	var b strings.Builder
	for _, f := range r.Findings {
		fmt.Fprintf(&b, "%s:%d:%d: model %s: %s\n", r.Source, f.Line, f.Col, f.Model, f.Message)
	}
	switch n := len(r.Findings); n {
	case 0:
		fmt.Fprintf(&b, "%s: nothing is stale as of %s\n", r.Source, r.Today)
	case 1:
		fmt.Fprintf(&b, "%s: 1 finding as of %s\n", r.Source, r.Today)
	default:
		fmt.Fprintf(&b, "%s: %d findings as of %s\n", r.Source, n, r.Today)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// JSON writes the report as an indented JSON document.
func (r *Report) JSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}
