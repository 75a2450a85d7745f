package delta

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"github.com/molecule-ai/providers/gen/internal/catalogue"
	"github.com/molecule-ai/providers/gen/internal/inert"
)

//go:embed delta.md.tmpl
var mdSource string

var mdPage = template.Must(template.New("delta").Funcs(template.FuncMap{
	"plural": catalogue.Plural,
	"add":    func(a, b int) int { return a + b },
	"join":   strings.Join,
	"model":  modelCell,
	"env":    envCell,
	"text":   inert.Markdown,
	"price":  priceCell,
}).Parse(mdSource))

var sectionTitle = map[string]string{
	SectionBillingFlip:  "Billing flips",
	SectionProvider:     "Provider changes",
	SectionUnregistered: "Newly unregistered",
	SectionAddition:     "Additions",
	SectionOther:        "Other outcome changes",
}

// table is one titled table of the Markdown page.
type table struct {
	Title string
	Rows  []Change
}

// Sections returns the changes by section, in reading order, leaving out
// empty sections.
func (d *Result) Sections() []table {
	var out []table
	for _, sec := range sectionOrder {
		var rows []Change
		for _, c := range d.Changes {
			if c.Section == sec {
				rows = append(rows, c)
			}
		}
		if len(rows) > 0 {
			out = append(out, table{sectionTitle[sec], rows})
		}
	}
	return out
}

// PlatformPrices returns the price changes of platform providers: what
// the platform pays.
func (d *Result) PlatformPrices() []PriceChange {
	return slices.DeleteFunc(slices.Clone(d.Prices), func(c PriceChange) bool { return !c.PlatformPays })
}

// VendorPrices returns the price changes of byok providers.
func (d *Result) VendorPrices() []PriceChange {
	return slices.DeleteFunc(slices.Clone(d.Prices), func(c PriceChange) bool { return c.PlatformPays })
}

// Markdown returns the delta as a pull-request comment.
func (d *Result) Markdown() ([]byte, error) {
	var b bytes.Buffer
	if err := mdPage.Execute(&b, d); err != nil {
		return nil, fmt.Errorf("delta: %w", err)
	}
	return b.Bytes(), nil
}

// JSON returns the delta as an indented JSON document.
func (d *Result) JSON() ([]byte, error) {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		return nil, err
	}
	return inert.JSON(append(b, '\n')), nil
}

// modelCell names the model of a row and the other spellings that changed
// the same way.
func modelCell(c Change) string {
	model := "`" + c.Model + "`"
	var others []string
	for _, s := range c.Spellings {
		if s != c.Model {
			others = append(others, "`"+s+"`")
		}
	}
	switch {
	case len(others) == 0:
	case slices.Contains(c.Spellings, c.Model):
		model += " and " + strings.Join(others, ", ")
	default:
		model += " as " + strings.Join(others, ", ")
	}
	return model
}

func envCell(env string) string {
	if env == EnvAny || env == EnvNone {
		return env
	}
	return "`" + env + "`"
}
