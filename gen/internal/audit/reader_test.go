package audit

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

var styleNames = map[style]string{
	styleNone: "none", styleJSON: "json", stylePlain: "plain", styleSingle: "single", styleDouble: "double",
	styleBlock: "block", styleAlias: "alias", styleCSV: "csv",
}

// readAll reads data as a file named name and lists its occurrences as
// "LINE:COL runtime "model" style @offset".
func readAll(t *testing.T, name, data string) ([]string, error) {
	t.Helper()
	r := &reader{runtimeKey: "runtime", modelKey: "model", pairs: newPairTable()}
	occ, err := r.read(kindOf(name), strings.NewReader(data))
	var out []string
	for _, o := range occ {
		if o.off < 0 { // a CSV field: found by -fix from its line and column
			o.off = newLineIndex([]byte(data)).lineStart(int(o.line)) + int(o.col) - 1
		}
		k := r.pairs.keys[o.pair]
		out = append(out, fmt.Sprintf("%d:%d %s %q %s @%d", o.line, o.col, k.runtime, k.model, styleNames[o.style], o.off))
	}
	return out, err
}

// TestReadPositions: every file kind finds each (runtime, model) with the
// line and byte column of its model value, and the offset -fix rewrites at.
func TestReadPositions(t *testing.T) {
	for _, tc := range []struct {
		name, data string
		want       []string
	}{{
		name: "records.jsonl",
		data: "\ufeff{\"runtime\":\"claude-code\",\"model\":\"opus\"}\r\n" +
			"\n" +
			`  {"model": null, "id": {"runtime": "x", "model": "nested is not a record"}, "runtime": "hermes"}` + "\n" +
			`{"runtime":"codex"}` + "\n" +
			`{"runtime":"c\u006fdex","model":"gpt\u002d5.5","tags":["]","}"]}`,
		want: []string{
			`1:34 claude-code "opus" json @36`,
			`3:13 hermes "" none @58`,
			`4:1 codex "" none @144`,
			`5:33 codex "gpt-5.5" json @196`,
		},
	}, {
		name: "export.csv",
		data: "\ufeffid,model,notes,runtime\r\n" +
			"1,opus,\"two\r\nlines\",claude-code\r\n" +
			"2,\"gpt-5.5\",,codex\r\n" +
			"3,, ,hermes\r\n",
		want: []string{
			`2:3 claude-code "opus" csv @29`,
			`4:3 codex "gpt-5.5" csv @62`,
			`5:3 hermes "" csv @82`,
		},
	}, {
		name: "export.tsv",
		data: "runtime\tmodel\nclaude-code\t opus\n",
		want: []string{`2:13 claude-code " opus" csv @26`},
	}, {
		name: "templates.yaml",
		data: "# a template\n" +
			"workspaces:\n" +
			"  - runtime: claude-code   # the default\n" +
			"    model: anthropic:claude-opus-4-7\n" +
			"  - {runtime: hermes, model: 'claude-opus-4-7', name: é}\n" +
			"  - runtime: codex\n" +
			"    model: &m !!str gpt5\n" +
			"  - {name: é, runtime: hermes, model: *m}\n" +
			"  - runtime: codex\n" +
			"    model: |\n      gpt5\n" +
			"  - runtime: claude-code\n" +
			"    model:\n" +
			"  - runtime: 7\n    model: opus\n" +
			"---\n" +
			"runtime: codex\n" +
			"model: \"GPT\\x2d5.5\"\n",
		want: []string{
			`4:12 claude-code "anthropic:claude-opus-4-7" plain @77`,
			`5:30 hermes "claude-opus-4-7" single @132`,
			`7:21 codex "gpt5" plain @200`,  // after the anchor and the tag
			`8:40 hermes "gpt5" alias @244`, // columns count bytes: é is two
			`10:12 codex "gpt5\n" block @278`,
			`13:11 claude-code "" none @326`,
			`18:8 codex "GPT-5.5" double @384`,
		},
	}, {
		// A merge key (<<) gives a mapping the fields it does not have, from
		// one alias or a sequence of them, the earlier first, through chains;
		// the position is where the model is written.
		name: "merge.yaml",
		data: "defaults: &base {runtime: claude-code, model: claude-opus-4-7}\n" +
			"other: &other {model: gpt5}\n" +
			"chain: &chain {<<: *base, name: x}\n" +
			"workspaces:\n" +
			"  - <<: *base\n" +
			"    model: gpt-4-turbo-nonexistent\n" +
			"  - <<: *base\n" +
			"  - <<: [*other, *base]\n" +
			"  - {runtime: hermes, <<: *base}\n" +
			"  - <<: *chain\n" +
			"  - <<: {runtime: codex, model: o3}\n",
		want: []string{
			`1:47 claude-code "claude-opus-4-7" plain @46`, // defaults
			`1:47 claude-code "claude-opus-4-7" plain @46`, // chain
			`1:47 claude-code "claude-opus-4-7" plain @46`, // the second workspace
			`1:47 hermes "claude-opus-4-7" plain @46`,
			`1:47 claude-code "claude-opus-4-7" plain @46`, // through chain
			`2:23 claude-code "gpt5" plain @85`,
			`6:12 claude-code "gpt-4-turbo-nonexistent" plain @163`,
			`11:33 codex "o3" plain @305`, // the mapping merged, and the one merging it
			`11:33 codex "o3" plain @305`,
		},
	}, {
		name: "bundle.json",
		data: `{"workspaces": [` + "\n" +
			`  {"runtime": "claude-code", "model": "opus", "env": {"runtime": "x", "model": 5}},` + "\n" +
			`  {"runtime": "hermes", "model": null},` + "\n" +
			`  {"runtime": null, "model": null},` + "\n" +
			`  {"spec": {"runtime": "codex", "model": "gpt5"}}]}`,
		want: []string{
			`2:39 claude-code "opus" json @55`,
			`3:34 hermes "" none @134`,
			`5:42 codex "gpt5" json @218`,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := readAll(t, tc.name, tc.data)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got\n\t%s\nwant\n\t%s", strings.Join(got, "\n\t"), strings.Join(tc.want, "\n\t"))
			}
			// The offset is where the value's token starts.
			for _, o := range got {
				var line, col, off int
				fmt.Sscanf(o, "%d:%d", &line, &col)
				fmt.Sscanf(o[strings.LastIndex(o, "@"):], "@%d", &off)
				if l, c := newLineIndex([]byte(tc.data)).pos(off); l != line || c != col {
					t.Errorf("%s: offset %d is at %d:%d", o, off, l, c)
				}
			}
		})
	}
}

// TestReadProblems: a file that cannot be read whole is reported at the
// problem, and none of it is read.
func TestReadProblems(t *testing.T) {
	for _, tc := range []struct{ name, data, want string }{
		{"a.jsonl", "{\"runtime\":\"a\",\"model\":\"b\"}\n{\"runtime\":\"a\",\"model\":\"b\"\n", `2:27: unexpected end of JSON: truncated?`},
		{"a.jsonl", "{\"runtime\":\"a\",\"model\":\"b\"}\n{\"runtime\" \"a\"}\n", `2:12: invalid character '"' after object key`},
		{"a.jsonl", "[1]\n", `1:1: want a JSON object on each line`},
		{"a.jsonl", "\n  {\"id\": 1}\n", `2:3: no "runtime" or "model" field: is this a workspace record? (-runtime-key, -model-key)`},
		{"a.jsonl", `{"runtime":"a","model":4}`, `1:24: "model": want a string or null`},
		{"a.jsonl", `{"runtime":"a","model":"b","model":"c"}`, `1:28: duplicate key "model": which one a consumer reads depends on its parser; remove one`},
		{"a.jsonl", "{\"runtime\":\"a\",\"model\":\"\xff\"}", `1:25: invalid UTF-8: save the file as UTF-8`},
		{"a.json", "{\"a\": [\n  {\"runtime\": \"a\", \"model\": \"b\"},\n]}", `3:1: invalid character ']' looking for beginning of value`},
		{"a.json", `[{"runtime":"a","runtime":"b","model":"c"}]`, `1:17: duplicate key "runtime": which one a consumer reads depends on its parser; remove one`},
		{"a.yaml", "runtime: a\nmodel: b\n---\n- x\n  - y: [\n", `5:3: YAML: mapping values are not allowed in this context`},
		{"a.yaml", "w:\n  runtime: a\n  model: b\n  model: c\n", `4:3: duplicate key "model": which one a consumer reads depends on its parser; remove one`},
		{"a.yaml", "x: &x {runtime: codex, model: gpt5, sub: {<<: *x}}\n", `1:43: the alias *x is inside its own anchor: a YAML parser refuses it (the value would contain itself)`},
		{"a.yaml", "x: &x\n  runtime: codex\n  model: gpt5\n  more: [*x]\n", `4:10: the alias *x is inside its own anchor: a YAML parser refuses it (the value would contain itself)`},
		{"a.yaml", "s: &s codex\nw: {<<: *s, model: gpt5}\n", `2:5: the merge key (<<) takes a mapping or a sequence of mappings: a YAML parser refuses anything else`},
		{"a.yaml", "w: {<<: [{runtime: codex}, 5], model: gpt5}\n", `1:5: the merge key (<<) takes a mapping or a sequence of mappings: a YAML parser refuses anything else`},
		{"a.yaml", "a: &a {runtime: codex}\nb: &b {model: gpt5}\nw: {<<: *a, <<: *b}\n", `3:13: a second merge key (<<) in one mapping: a YAML parser refuses it; merge a sequence instead, <<: [*a, *b]`},
		{"a.yaml", "a: &a {runtime: codex, model: gpt5}\nw: {!!merge foo: *a}\n", `2:13: the key "foo" is tagged !!merge but is not <<: a YAML parser reads it as a plain key, not a merge; remove the tag`},
		{"a.csv", "id,runtime\n1,a\n", `1:1: the header has no "model" column (-model-key names it)`},
		{"a.csv", "runtime,model,model\n", `1:15: duplicate column "model"`},
		{"a.csv", "runtime,model\na,b\nc,d,e\n", `3:1: wrong number of fields`},
		{"a.csv", "runtime,model\na,\"b\n", `2:6: extraneous or missing " in quoted-field`},
	} {
		got, err := readAll(t, tc.name, tc.data)
		if err == nil || err.Error() != tc.want || got != nil {
			t.Errorf("%s %q: %v, %q; want %s and nothing read", tc.name, tc.data, err, got, tc.want)
		}
	}
}

// TestReadLongLines: a JSON Lines record longer than the read buffer is
// read whole, and the records after it keep their lines and offsets.
func TestReadLongLines(t *testing.T) {
	pad := strings.Repeat("x", 200<<10)
	data := `{"pad":"` + pad + `","runtime":"codex","model":"gpt5"}` + "\n" +
		`{"runtime":"hermes","model":"opus"}`
	got, err := readAll(t, "long.jsonl", data)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf(`1:%d codex "gpt5" json @%d`, len(pad)+37, len(pad)+36),
		fmt.Sprintf(`2:29 hermes "opus" json @%d`, len(pad)+72),
	}
	if !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
}
