package catalogue

import (
	"strings"
	"testing"

	"github.com/molecule-ai/providers/gen/internal/spec"
)

// TestCatalogue checks the shape of the Markdown page on a registry with
// awkward names: every table row has its table's number of cells, and free
// text cannot break out of its cell.
func TestCatalogue(t *testing.T) {
	const yml = `version: 1
providers:
  - id: platform
    name: "Plat|form <b>*bold*</b> & [link](x)"
    platform: true
  - id: alpha
    name: "Alpha_\\ ` + "`code`" + `"
    auth_env: [ALPHA_KEY, ALPHA_TOKEN]
  - id: beta
    auth_env: [BETA_KEY]
runtimes:
  - id: r1
    name: "Runtime
      one"
  - id: r2
  - id: off
    governed: false
models:
  - id: m1
    name: "M | one"
    aliases: [m-one]
    legacy_ids: ["old:m1"]
    context_window: 1048576
    served_by:
      - provider: alpha
        runtimes: [r1, r2]
        price: {input: 1.25, output: 10, tiers: [{above: 200000, input: 2.5}, {above: 1000000, output: 20}]}
      - provider: beta
        runtimes: [r1]
  - id: m2
    status: retired
    retires_on: 2026-02-19
    replaced_by: m1
    served_by:
      - provider: platform
        runtimes: [r2]
        price: {input: 0.000001}
`
	reg, err := spec.Compile("reg.yaml", []byte(yml), false)
	if err != nil {
		t.Fatal(err)
	}
	md, err := Markdown(reg)
	if err != nil {
		t.Fatal(err)
	}
	page := string(md)
	cells := -1
	for _, line := range strings.Split(page, "\n") {
		if !strings.HasPrefix(line, "|") {
			cells = -1
			continue
		}
		n := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
		if cells < 0 {
			cells = n
		} else if n != cells {
			t.Errorf("row with %d cell borders in a table of %d: %s", n, cells, line)
		}
	}
	for _, want := range []string{
		"| `m1` | `alpha`, `beta` | `alpha` |\n",
		"| `m2` | | **`platform`** |\n",
		"| **`platform`** | Plat\\|form &lt;b&gt;\\*bold\\*&lt;/b&gt; &amp; \\[link\\](x) | **platform_managed** |",
		"| `alpha` | Alpha\\_\\\\ \\`code\\` | byok | `ALPHA_KEY` or `ALPHA_TOKEN` | 1 |",
		"| `beta` | beta | byok | `BETA_KEY` | 1 |",
		"| `r1` | Runtime one | yes | 1 |",
		"| `off` | off | no | any |",
		"| `m1` | M \\| one | `m-one` | `old:m1` |",
		"\nNot governed: `off`.\n",
		"| `m1` | active |  |  |  | 1,048,576 |  |\n",
		"| `m2` | **retired** |  | 2026-02-19 | `m1` |  |  |\n",
		"| `m1` | `alpha` | 1.25 | 10 | 0 | 0 | > 200,000: 2.5 / 10 / 0 / 0; > 1,000,000: 1.25 / 20 / 0 / 0 |\n",
		"| `m2` | **`platform`** | 0.000001 | 0 | 0 | 0 |  |\n",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("catalogue lacks %q:\n%s", want, page)
		}
	}
	if strings.Contains(page, "`off` |\n") || strings.Contains(page, "| `off` |\n|") {
		t.Error("an ungoverned runtime is a column of the matrix")
	}
}
