package audit

import (
	"cmp"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/molecule-ai/providers/gen/internal/cli"
	"github.com/molecule-ai/providers/gen/internal/inert"
	"github.com/molecule-ai/providers/resolver"
)

// Report is what an audit found. Every count is of occurrences, and each
// breakdown adds up to Summary.Occurrences.
type Report struct {
	Registry       string    `json:"registry"`
	RegistrySHA256 string    `json:"registry_sha256"`
	Enforce        string    `json:"enforce"`
	Summary        Summary   `json:"summary"`
	Pairs          []*Pair   `json:"pairs"`           // most urgent first
	Fixes          []Fix     `json:"fixes,omitempty"` // with -fix, in file order
	Problems       []Problem `json:"problems"`        // files left out or left unchanged

	files  []fileResult
	pairOf []*Pair
}

// Summary counts the occurrences of a corpus.
type Summary struct {
	Occurrences int    `json:"occurrences"`
	Files       int    `json:"files"`         // corpus files found
	Skipped     int    `json:"files_skipped"` // of which unreadable, left out
	ByStatus    Counts `json:"by_status"`     // every status, in the resolver's order
	// ByLifecycle counts by the lifecycle of the model a spelling names,
	// on any runtime; "none" when it names none.
	ByLifecycle Counts         `json:"by_lifecycle"`
	Billing     []BillingCount `json:"billing"` // by mode and source
	// PlatformDefault counts the occurrences that fall to the
	// platform_managed default, flagged or not (an unregistered model, and
	// an unset model, an unknown or an ungoverned runtime, which fail
	// open): each runs on the platform's money though the registry did not
	// decide it. Its breakdown by status is the default's Billing row.
	PlatformDefault int `json:"platform_default"`
	// Fixable counts what -fix rewrites (or, after -fix, left alone), by
	// reason; "retired" counts a retired model with a replacement, which
	// only -fix -fix-retired rewrites, as the per-pair lines say.
	Fixable Counts `json:"fixable"`
	Fixed   int    `json:"fixed"`   // rewritten by this run's -fix
	Flagged int    `json:"flagged"` // logged under warn
	Refused int    `json:"refused"` // refused at the -enforce level

	flaggedBy  Counts
	fixRetired bool // the run's -fix-retired
}

// FlaggedBy returns the flagged occurrences by status.
func (s *Summary) FlaggedBy() Counts { return s.flaggedBy }

// DefaultByStatus returns the occurrences that fall to the platform_managed
// default (PlatformDefault) by status.
func (s *Summary) DefaultByStatus() Counts {
	for _, b := range s.Billing {
		if b.Mode == string(resolver.PlatformManaged) && b.Source == string(resolver.SourceDefault) {
			return b.ByStatus
		}
	}
	return nil
}

// BillingCount is how many occurrences get one billing mode from one
// source, by status.
type BillingCount struct {
	Mode     string `json:"mode"`
	Source   string `json:"source"`
	Count    int    `json:"occurrences"`
	ByStatus Counts `json:"by_status"` // the statuses with any
}

// Count is one named count.
type Count struct {
	Name string
	N    int
}

// Counts are named counts in a meaningful order, which JSON keeps: an
// object whose keys are the names.
type Counts []Count

// MarshalJSON writes the counts as one object, in order.
func (cs Counts) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, c := range cs {
		if i > 0 {
			b = append(b, ',')
		}
		k, _ := json.Marshal(c.Name)
		b = strconv.AppendInt(append(append(b, k...), ':'), int64(c.N), 10)
	}
	return append(b, '}'), nil
}

// Total returns the sum of the counts.
func (cs Counts) Total() int {
	n := 0
	for _, c := range cs {
		n += c.N
	}
	return n
}

func (cs Counts) index(name string) int {
	return slices.IndexFunc(cs, func(c Count) bool { return c.Name == name })
}

func (cs Counts) add(name string, n int) Counts {
	if i := cs.index(name); i >= 0 {
		cs[i].N += n
		return cs
	}
	return append(cs, Count{name, n})
}

// Problem is a file left out (unreadable) or left unchanged by -fix.
type Problem struct {
	Pos     Pos    `json:"pos"`
	Message string `json:"message"`
	Write   bool   `json:"write_failed,omitempty"` // -fix could not write the file (permissions, a full disk) or found it changed by another writer
}

// Err returns the error the command exits with once the report is
// printed: cli.ErrUnwritten when -fix could not write a file (or found it
// changed), cli.ErrReported for any other problem, cli.ErrChanged when
// the verdict refuses some occurrence, else nil.
func (r *Report) Err() error {
	switch {
	case slices.ContainsFunc(r.Problems, func(p Problem) bool { return p.Write }):
		return cli.ErrUnwritten
	case len(r.Problems) > 0:
		return cli.ErrReported
	case r.Summary.Refused > 0:
		return cli.ErrChanged
	}
	return nil
}

// String returns the problem as FILE:LINE:COL: message, safe to print.
func (p Problem) String() string {
	return inert.Terminal(p.Pos.String()) + ": " + inert.Terminal(p.Message)
}

// Listed returns the pairs whose occurrences the reports list (Pair.Listed),
// most urgent first.
func (r *Report) Listed() []*Pair {
	return slices.DeleteFunc(slices.Clone(r.Pairs), func(p *Pair) bool { return !p.Listed() })
}

// finding is an occurrence that is not registered.
type finding struct {
	Pos  Pos
	pair *Pair
}

// findings returns every occurrence whose pair is not registered, in file
// order.
func (r *Report) findings() []finding {
	var out []finding
	for _, f := range r.files {
		for _, o := range f.occ {
			if p := r.pairOf[o.pair]; p.Listed() {
				out = append(out, finding{Pos{f.path, int(o.line), int(o.col)}, p})
			}
		}
	}
	return out
}

// statuses lists every Status in the resolver's order.
func statuses() []resolver.Status {
	var out []resolver.Status
	for s := resolver.Status(0); !strings.HasPrefix(s.String(), "Status("); s++ {
		out = append(out, s)
	}
	return out
}

// report counts what the auditor read.
func (a *auditor) report() *Report {
	r := &Report{
		Registry: a.reg.File, RegistrySHA256: a.reg.SHA256, Enforce: a.opts.Enforce.String(),
		Fixes: a.fixes, Problems: a.probs, files: a.files,
	}
	if r.Problems == nil {
		r.Problems = []Problem{}
	}
	s := &r.Summary
	s.fixRetired = a.opts.FixRetired
	for _, f := range a.files {
		s.Files++
		if !f.read {
			s.Skipped++
		}
		for _, o := range f.occ {
			p := a.pair(o.pair)
			p.Count++
			if p.Listed() {
				p.Positions = append(p.Positions, Pos{f.path, int(o.line), int(o.col)})
			}
		}
	}
	r.pairOf = a.pairs
	for _, p := range a.pairs {
		if p != nil && p.Count > 0 {
			r.Pairs = append(r.Pairs, p)
		}
	}
	slices.SortStableFunc(r.Pairs, func(x, y *Pair) int {
		return cmp.Or(cmp.Compare(x.rank(), y.rank()), cmp.Compare(y.Count, x.Count),
			cmp.Compare(x.Runtime, y.Runtime), cmp.Compare(x.Model, y.Model))
	})
	s.count(r.Pairs)
	for _, fx := range a.fixes {
		if fx.Applied {
			s.Fixed++
		}
	}
	return r
}

// count adds up the occurrences of pairs.
func (s *Summary) count(pairs []*Pair) {
	for _, st := range statuses() {
		s.ByStatus = append(s.ByStatus, Count{st.String(), 0})
	}
	for _, why := range fixReasons {
		s.Fixable = append(s.Fixable, Count{why, 0})
	}
	for l := resolver.Lifecycle(0); !strings.HasPrefix(l.String(), "Lifecycle("); l++ {
		s.ByLifecycle = append(s.ByLifecycle, Count{l.String(), 0})
	}
	s.ByLifecycle = append(s.ByLifecycle, Count{noLifecycle, 0})
	billing := map[[2]string]int{} // index in s.Billing
	for _, p := range pairs {
		s.Occurrences += p.Count
		s.ByStatus = s.ByStatus.add(p.Status, p.Count)
		s.ByLifecycle = s.ByLifecycle.add(cmp.Or(p.Lifecycle, noLifecycle), p.Count)
		k := [2]string{p.Billing.Mode, p.Billing.Source}
		i, ok := billing[k]
		if !ok {
			i, billing[k] = len(s.Billing), len(s.Billing)
			s.Billing = append(s.Billing, BillingCount{Mode: k[0], Source: k[1]})
		}
		s.Billing[i].Count += p.Count
		s.Billing[i].ByStatus = s.Billing[i].ByStatus.add(p.Status, p.Count)
		for _, fx := range []*Rewrite{p.RuntimeFix, p.Fix} {
			if fx != nil {
				s.Fixable = s.Fixable.add(fx.Why, p.Count)
			}
		}
		if p.Fix == nil && p.Lifecycle == resolver.LifecycleRetired.String() && p.ReplacedBy != "" {
			s.Fixable = s.Fixable.add(FixRetired, p.Count) // with -fix-retired
		}
		if p.Billing.Mode == string(resolver.PlatformManaged) && p.Billing.Source == string(resolver.SourceDefault) {
			s.PlatformDefault += p.Count
		}
		if p.Flagged {
			s.Flagged += p.Count
			s.flaggedBy = s.flaggedBy.add(p.flaggedAs(), p.Count)
		}
		if p.Refused {
			s.Refused += p.Count
		}
	}
	slices.SortFunc(s.Billing, func(x, y BillingCount) int {
		return cmp.Or(cmp.Compare(sourceRank(x.Source), sourceRank(y.Source)), cmp.Compare(x.Source, y.Source), cmp.Compare(x.Mode, y.Mode))
	})
	byStatus := func(cs Counts) {
		// A retired model's, flagged whatever its status, last.
		rank := func(c Count) int { return cmp.Or(s.ByStatus.index(c.Name)+1, len(s.ByStatus)+1) }
		slices.SortStableFunc(cs, func(x, y Count) int { return cmp.Compare(rank(x), rank(y)) })
	}
	for _, b := range s.Billing {
		byStatus(b.ByStatus)
	}
	byStatus(s.flaggedBy)
}

// noLifecycle is the lifecycle of a spelling that names no model.
const noLifecycle = "none"

// flaggedAs returns why a flagged pair is: its status, or the retirement
// of its model.
func (p *Pair) flaggedAs() string {
	if (resolver.Registration{Status: p.status}).Flagged() {
		return p.Status
	}
	return resolver.LifecycleRetired.String()
}

// sourceRank orders billing sources from the registry's own answer to the
// fallback.
func sourceRank(s string) int {
	switch s {
	case string(resolver.SourceDerived):
		return 0
	case string(resolver.SourceDefault):
		return 2
	}
	return 1 // the model-wide answer for a pair not served, and any other
}

// rank orders pairs for a reader: what reject would refuse (a retired
// model with a pair not served), then what -fix rewrites, then what fails
// open, then what is fine.
func (p *Pair) rank() int {
	if p.Flagged {
		return min(statusRank(p.status), statusRank(resolver.StatusNotOnRuntime))
	}
	return statusRank(p.status)
}

func statusRank(s resolver.Status) int {
	return slices.Index([]resolver.Status{
		resolver.StatusUnregistered, resolver.StatusNotOnRuntime, resolver.StatusLegacy, resolver.StatusAlias,
		resolver.StatusNoModel, resolver.StatusUnknownRuntime, resolver.StatusUngovernedRuntime, resolver.StatusRegistered,
	}, s)
}
