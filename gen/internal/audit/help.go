package audit

// Usage is what gen audit -h says: the synopsis, a blank line, then what
// it does.
const Usage = "gen audit [-in providers.yaml] [-enforce warn|reject] [-format text|json|markdown]\n    [-runtime-key runtime] [-model-key model] [-fix [-fix-retired]] PATH..." + `

Finds every (runtime, model) in a corpus of workspace configurations and says
what the registry makes of each: the CheckRegistered status and suggestion,
the billing decision ResolveBillingMode gives it today (no auth env), and
whether the -enforce level refuses it. Going from warn to reject is one word
for a caller; this measures whether it is safe.

PATH is a file or a directory (walked; hidden entries skipped). Files are read
by extension: .jsonl/.ndjson hold one workspace object per line; .csv/.tsv a
header row naming the columns, then one workspace per row; .yaml/.yml (several
documents allowed) and .json are trees, where every mapping at any depth with
string fields runtime and model is one. A file that cannot be read is reported
at its position and left out whole.

-fix rewrites in place every alias and legacy spelling, and every spelling
that differs from a registered one only in ASCII case where the model is
registered on the workspace's runtime, to the model's canonical id: only
those bytes change, each file is replaced atomically after
its new bytes read back as the same records, and a second -fix changes
nothing. An unknown runtime equal to a registered one but for ASCII case is
suggested, and -fix rewrites it too. Each change is printed as
FILE:LINE:COL: old → new. Unregistered
spellings are listed, never rewritten. -fix never names another model: a
retired model's replacement is listed, and written only with -fix-retired.

Exit status: 0 when nothing would be refused at the -enforce level, 1 when
something would, 2 for bad input or usage (a file left out counts), 3 when
-fix could not write a file (it is left as it was; the others are
written) or the report could not be written to standard output (the files
-fix rewrote stay rewritten).
`
