package spec

import (
	"gopkg.in/yaml.v3"
)

// str is a string from the input with where it came from.
type str struct {
	s    string
	pos  Pos
	path string
}

type providerSpec struct {
	id        str
	name      string
	platform  bool
	authEnv   []str
	authPos   Pos // the auth_env field's key
	injectEnv []str
	injectPos Pos // the inject_env field's key
	goName    str
}

type runtimeSpec struct {
	id          str
	name        string
	governed    bool
	governedPos Pos
	goName      str
}

type servedSpec struct {
	provider str
	runtimes []str
	path     string
	pos      Pos
}

type modelSpec struct {
	id        str
	name      string
	aliases   []str
	legacy    []str
	hasLegacy bool // legacy_ids is present, if empty
	served    []servedSpec
}

// doc is a providers.yaml decoded leniently: whatever is well-formed is
// kept, with positions, so that the semantic rules can report every problem
// even when the schema already found some. A valid doc becomes a Registry.
type doc struct {
	providers []providerSpec
	runtimes  []runtimeSpec
	models    []modelSpec
}

func decode(root *vnode) *doc {
	s := &doc{}
	each(root, "providers", func(v *vnode, path string) {
		p := providerSpec{id: strField(v, "id", path)}
		p.name = nameField(v, p.id.s)
		p.platform = boolField(v, "platform", false)
		p.authEnv = strList(v, "auth_env", path)
		if f := v.get("auth_env"); f != nil {
			p.authPos = f.keyPos
		}
		p.injectEnv = strList(v, "inject_env", path)
		if f := v.get("inject_env"); f != nil {
			p.injectPos = f.keyPos
		}
		p.goName = strField(v, "go_name", path)
		s.providers = append(s.providers, p)
	})
	each(root, "runtimes", func(v *vnode, path string) {
		r := runtimeSpec{id: strField(v, "id", path), governed: boolField(v, "governed", true)}
		r.name = nameField(v, r.id.s)
		if f := v.get("governed"); f != nil {
			r.governedPos = f.keyPos
		}
		r.goName = strField(v, "go_name", path)
		s.runtimes = append(s.runtimes, r)
	})
	each(root, "models", func(v *vnode, path string) {
		m := modelSpec{id: strField(v, "id", path)}
		m.name = nameField(v, m.id.s)
		m.aliases = strList(v, "aliases", path)
		m.legacy = strList(v, "legacy_ids", path)
		m.hasLegacy = v.get("legacy_ids") != nil
		each(v, "served_by", func(e *vnode, epath string) {
			m.served = append(m.served, servedSpec{
				provider: strField(e, "provider", join(path, epath)),
				runtimes: strList(e, "runtimes", join(path, epath)),
				path:     join(path, epath),
				pos:      e.pos,
			})
		})
		s.models = append(s.models, m)
	})
	return s
}

// each calls fn for every mapping in the list field name of v, with its
// path relative to v's (name[i]).
func each(v *vnode, name string, fn func(item *vnode, path string)) {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.SequenceNode {
		return
	}
	for i, item := range f.val.items {
		if item.kind == yaml.MappingNode {
			fn(item, indexPath(name, i))
		}
	}
}

func strField(v *vnode, name, path string) str {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.ScalarNode || f.val.tag != "!!str" {
		return str{pos: v.pos, path: join(path, name)}
	}
	return str{s: f.val.str, pos: f.val.pos, path: join(path, name)}
}

func nameField(v *vnode, def string) string {
	if f := v.get("name"); f != nil && f.val.kind == yaml.ScalarNode && f.val.tag == "!!str" && f.val.str != "" {
		return f.val.str
	}
	return def
}

func boolField(v *vnode, name string, def bool) bool {
	if f := v.get(name); f != nil && f.val.kind == yaml.ScalarNode && f.val.tag == "!!bool" && !f.val.bad {
		return f.val.val.(bool)
	}
	return def
}

func strList(v *vnode, name, path string) []str {
	f := v.get(name)
	if f == nil || f.val.kind != yaml.SequenceNode {
		return nil
	}
	out := make([]str, 0, len(f.val.items))
	lpath := join(path, name)
	for i, item := range f.val.items {
		if item.kind == yaml.ScalarNode && item.tag == "!!str" {
			out = append(out, str{s: item.str, pos: item.pos, path: indexPath(lpath, i)})
		}
	}
	return out
}
