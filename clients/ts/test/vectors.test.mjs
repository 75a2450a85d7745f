// Replays the test vectors through the reference resolver: the shipped
// registry's (artifacts/) and the edge-case fixture's (testdata/). Set
// REGISTRY_JSON and VECTORS_JSON (both: a registry and its own vectors) to
// replay another registry's artifacts instead, e.g. a consumer repository's;
// relative paths are taken from the directory npm was run in.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { Registry, trimSpace, parseBillingMode } from "../dist/resolver.js";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const read = (p) => JSON.parse(readFileSync(p, "utf8"));

const suites = [
  { name: "shipped registry", registry: here("../../../artifacts/registry.json"), vectors: here("../../../artifacts/vectors.json") },
  { name: "fixture registry", registry: here("../testdata/fixture.registry.json"), vectors: here("../testdata/fixture.vectors.json") },
];
const { REGISTRY_JSON, VECTORS_JSON, INIT_CWD } = process.env;
if (REGISTRY_JSON || VECTORS_JSON) {
  if (!REGISTRY_JSON || !VECTORS_JSON) {
    const [set, unset] = REGISTRY_JSON ? ["REGISTRY_JSON", "VECTORS_JSON"] : ["VECTORS_JSON", "REGISTRY_JSON"];
    throw new Error(`${set} is set but ${unset} is not: set both (the registry from gen -json and the vectors ` +
      `gen -vectors made from the same YAML), or neither to replay the shipped artifacts`);
  }
  // npm runs the tests in this package's directory; INIT_CWD is where the
  // user ran npm (npm --prefix path/to/clients/ts test).
  const from = INIT_CWD ?? process.cwd();
  suites.length = 0;
  suites.push({ name: "given registry", registry: resolve(from, REGISTRY_JSON), vectors: resolve(from, VECTORS_JSON) });
}

// answer puts the resolver's answer in the vectors' shape: absent strings
// are empty, an absent platform is false, absent candidates are empty.
function answer(reg, v) {
  const d = reg.derive(v.runtime, v.model, v.env ?? []);
  const b = reg.resolveBillingMode({ override: v.override ?? "", runtime: v.runtime, model: v.model, authEnv: v.env ?? [] });
  const g = reg.checkRegistered(v.runtime, v.model);
  return {
    error: d.error, provider: d.provider, model: d.model, spelling: d.spelling, platform: d.platform,
    by_env: d.byEnv, candidates: d.candidates, billing_mode: b.mode, billing_source: b.source,
    status: g.status, suggestion: g.suggestion,
  };
}

function expected(w) {
  return {
    error: w.error, provider: w.provider ?? "", model: w.model ?? "", spelling: w.spelling ?? "", platform: w.platform ?? false,
    by_env: w.by_env ?? "", candidates: w.candidates ?? [], billing_mode: w.billing_mode, billing_source: w.billing_source,
    status: w.status, suggestion: w.suggestion ?? "",
  };
}

// A plan case names its secrets "NAME" (the workspace's own) or
// "NAME:platform" (platform scope).
const secret = (s) => s.endsWith(":platform") ? { name: s.slice(0, -":platform".length), platformScope: true } : { name: s, platformScope: false };

function planAnswer(reg, c) {
  const p = reg.planCredentials({ override: c.override ?? "", runtime: c.runtime, model: c.model, secrets: c.secrets.map(secret) });
  return {
    billing_mode: p.decision.mode, billing_source: p.decision.source, provider: p.decision.provider,
    strip: p.strip, keep: p.keep.map((s) => s.platformScope ? `${s.name}:platform` : s.name),
    usable: p.usable, want: p.want, inject: p.inject,
  };
}

function planExpected(w) {
  return {
    billing_mode: w.billing_mode, billing_source: w.billing_source, provider: w.provider ?? "",
    strip: w.strip ?? [], keep: w.keep ?? [], usable: w.usable, want: w.want ?? [], inject: w.inject ?? [],
  };
}

for (const s of suites) {
  const doc = read(s.registry);
  const vec = read(s.vectors);

  test(`${s.name}: artifacts agree`, () => {
    assert.equal(vec.format, 2);
    assert.equal(vec.count, vec.vectors.length);
    assert.equal(vec.source_sha256, doc.source_sha256, "registry and vectors come from the same YAML");
  });

  const reg = Registry.fromJSON(doc);
  // One test per runtime string (the misses and edge cases share theirs),
  // each reporting every disagreeing vector.
  const groups = new Map();
  for (const [i, v] of vec.vectors.entries()) {
    const key = v.note ? "edge cases" : `runtime ${v.runtime}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push([i, v]);
  }
  for (const [key, vs] of groups) {
    test(`${s.name}: ${key}: ${vs.length} vectors`, () => {
      const bad = [];
      for (const [i, v] of vs) {
        const got = answer(reg, v);
        const want = expected(v.want);
        try {
          assert.deepStrictEqual(got, want);
        } catch {
          bad.push(`vector ${i} ${JSON.stringify({ runtime: v.runtime, model: v.model, env: v.env, override: v.override })}${v.note ? ` (${v.note})` : ""}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
        }
      }
      assert.equal(bad.length, 0, `${bad.length} of ${vs.length} vectors disagree:\n${bad.slice(0, 20).join("\n")}`);
    });
  }

  test(`${s.name}: credential plans: ${vec.plans.length} cases`, () => {
    assert.ok(vec.plans.length > 0, "the vectors carry credential plans");
    const bad = [];
    for (const [i, c] of vec.plans.entries()) {
      const got = planAnswer(reg, c);
      const want = planExpected(c.want);
      try {
        assert.deepStrictEqual(got, want);
      } catch {
        bad.push(`plan ${i} ${JSON.stringify({ runtime: c.runtime, model: c.model, override: c.override, secrets: c.secrets })}${c.note ? ` (${c.note})` : ""}:\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
      }
    }
    assert.equal(bad.length, 0, `${bad.length} of ${vec.plans.length} plans disagree:\n${bad.slice(0, 20).join("\n")}`);
  });
}

test("trimSpace is Go's strings.TrimSpace, not String.prototype.trim", () => {
  assert.equal(trimSpace(" \t\n\v\f\r\u0085\u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000x y\u3000 "), "x y");
  assert.equal(trimSpace("\ufeffx\u200b"), "\ufeffx\u200b");
  assert.equal(trimSpace(""), "");
  assert.equal(trimSpace("  "), "");
});

test("parseBillingMode folds ASCII case only, as Go's ParseBillingMode does", () => {
  assert.equal(parseBillingMode(" BYOK "), "byok");
  assert.equal(parseBillingMode("byo\u212a"), undefined);
  assert.equal(parseBillingMode("Platform_Managed"), "platform_managed");
  assert.equal(parseBillingMode("platform-managed"), undefined);
  assert.equal(parseBillingMode("byok\u0131"), undefined);
  assert.equal(parseBillingMode(""), undefined);
});

test("registry queries", () => {
  const reg = Registry.fromJSON(read(here("../testdata/fixture.registry.json")));
  assert.equal(reg.isPlatform("platform"), true);
  assert.equal(reg.isPlatform("alpha"), false);
  assert.equal(reg.isPlatform("nope"), false);
  assert.equal(reg.isLLMCredential("ALPHA_TOKEN"), true);
  assert.equal(reg.isLLMCredential("alpha_token"), false);
  assert.deepEqual(reg.modelsForRuntime(" r01 "), ["m-platform", "m-duo", "m-local", "m-wide"]);
  assert.deepEqual(reg.modelsForRuntime("r03"), ["m-wide"]);
  assert.deepEqual(reg.modelsForRuntime("off"), []);
  assert.deepEqual(reg.modelsForRuntime("nope"), []);
  const b = reg.resolveBillingMode({ override: "free", runtime: "r01", model: "duo" });
  assert.deepEqual(b, { mode: "byok", source: "derived", provider: "", reason: "ambiguous", ignoredOverride: "free" });
});

test("fromJSON refuses what is not a registry document", () => {
  const doc = read(here("../testdata/fixture.registry.json"));
  assert.throws(() => Registry.fromJSON({ ...doc, format: 3 }), /format 3/);
  assert.throws(() => Registry.fromJSON(null), TypeError);
  assert.throws(() => Registry.fromJSON({ ...doc, providers: [{ id: "x" }] }), /providers/);
  const dangling = structuredClone(doc);
  dangling.models[0].served_by[0].provider = "nope";
  assert.throws(() => Registry.fromJSON(dangling), /unknown provider "nope"/);
});
