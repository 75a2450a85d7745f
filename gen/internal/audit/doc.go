// Package audit measures how far a corpus of workspace configurations is
// from the registry's vocabulary, and moves it closer: the work behind
// `gen audit`, which says whether going from warn to reject (one word for a
// caller of resolver.CheckRegistered) would refuse anything.
//
// Run walks files and directories and reads every (runtime, model) they
// hold, by file kind (walk.go): JSON Lines (.jsonl, .ndjson) and CSV/TSV
// exports (.csv, .tsv) are one workspace per record (json.go, csv.go);
// YAML (.yaml, .yml, several documents allowed) and JSON (.json) files are
// trees, where every mapping or object at any depth with both fields is one
// (json.go, yaml.go), a YAML mapping's fields including those it takes
// through a merge key (yamlmerge.go). Each occurrence keeps its
// file:line:col, the 1-based line and byte column of the model value where
// it is written (of the record when it has no model). A file that cannot
// be read whole is reported at the position of the problem and left out:
// never half-read.
//
// Each distinct pair is then classified once (classify.go): the
// CheckRegistered status and suggestion, the billing decision
// ResolveBillingMode gives it today with no auth env, whether the chosen
// enforcement level would refuse it, and the rewrite that -fix makes. The
// Report (report.go) counts occurrences by status, by billing mode and
// source, and says how many would be refused; it is printed as text for a
// terminal, Markdown for a pull request or a ticket (both from templates)
// or JSON for tools (render.go).
//
// With Options.Fix, Run rewrites in place, in each file, the bytes of every
// alias and legacy spelling, and of every spelling that differs from a
// registered one only in ASCII case where the model is registered on the
// workspace's runtime, to the model's canonical id, and of an unknown
// runtime equal to a registered one but for ASCII case to its id, and
// nothing else (fixplan.go, fix.go): the rewrite never names another model,
// and a file is replaced atomically, only after its new bytes have been
// read back and found to hold the same records with only those values
// changed, and the file found as it was read (another writer's change is
// never lost to the rename). A YAML value that aliases or merge keys share
// is rewritten only when every record reading it is rewritten the same way.
package audit
