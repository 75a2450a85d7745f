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

import { Registry, trimSpace, parseBillingMode, cost, CostError, ratesFor, promptTokens, flagged } from "../dist/resolver.js";

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
    status: g.status, suggestion: g.suggestion, lifecycle: g.lifecycle === "active" ? "" : g.lifecycle, replaced_by: g.replacedBy,
  };
}

function expected(w) {
  return {
    error: w.error, provider: w.provider ?? "", model: w.model ?? "", spelling: w.spelling ?? "", platform: w.platform ?? false,
    by_env: w.by_env ?? "", candidates: w.candidates ?? [], billing_mode: w.billing_mode, billing_source: w.billing_source,
    status: w.status, suggestion: w.suggestion ?? "", lifecycle: w.lifecycle ?? "", replaced_by: w.replaced_by ?? "",
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
    assert.equal(vec.format, 3);
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

// modelAnswer and costAnswer put model, price and cost in the vectors' shape.
function modelAnswer(reg, spelling) {
  const m = reg.model(spelling);
  if (m === undefined) return { found: false };
  const w = {
    found: true, id: m.id, name: m.name, spelling: m.spelling, lifecycle: m.lifecycle, deprecated_on: m.deprecatedOn,
    retires_on: m.retiresOn, replaced_by: m.replacedBy, context_window: m.contextWindow, max_output: m.maxOutput,
  };
  // Absent strings are empty and absent limits 0, as in the vectors.
  return Object.fromEntries(Object.entries(w).filter(([, v]) => v !== "" && v !== 0));
}

function costAnswer(reg, v) {
  const p = reg.price(v.provider, v.model);
  if (p === undefined) return { price: false };
  const u = v.usage;
  try {
    const n = cost(p, { input: u.input, output: u.output, cacheRead: u.cache_read, cacheWrite: u.cache_write });
    return { price: true, nano_usd: n.toString() };
  } catch (e) {
    if (e instanceof CostError) return { price: true, error: e.kind };
    throw e;
  }
}

for (const s of suites) {
  const reg = Registry.fromJSON(read(s.registry));
  const vec = read(s.vectors);
  for (const [kind, list, answer] of [["model", vec.models, modelAnswer], ["cost", vec.costs, costAnswer]]) {
    test(`${s.name}: ${list.length} ${kind} vectors`, () => {
      assert.ok(list.length > 0, `no ${kind} vectors`);
      const bad = [];
      for (const [i, v] of list.entries()) {
        const got = answer(reg, kind === "model" ? v.model : v);
        try {
          assert.deepStrictEqual(got, v.want);
        } catch {
          bad.push(`${kind} vector ${i} ${JSON.stringify(v)}:\n  got  ${JSON.stringify(got)}`);
        }
      }
      assert.equal(bad.length, 0, `${bad.length} of ${list.length} ${kind} vectors disagree:\n${bad.slice(0, 20).join("\n")}`);
    });
  }
}

test("cost: exact BigInt arithmetic, tiers strictly above, half up once", () => {
  const reg = Registry.fromJSON(read(here("../testdata/fixture.registry.json")));
  const tiered = reg.price("platform", " mp ");
  assert.deepEqual(tiered.base, { input: 3_000_000n, output: 15_000_000n, cacheRead: 300_000n, cacheWrite: 3_750_000n });
  assert.equal(cost(tiered, { input: 200_000, output: 1000 }), 615_000_000n);
  assert.equal(cost(tiered, { input: 200_001, output: 1000 }), 1_222_506_000n);
  assert.equal(ratesFor(tiered, 200_000n), tiered.base);
  assert.equal(promptTokens({ input: 1, cacheRead: 2n, cacheWrite: 3 }), 6n);
  const tenths = reg.price("gamma", "m-wide");
  assert.equal(cost(tenths, { input: 1, output: 1 }), 300n, "0.1 + 0.2 is 0.3");
  const edges = reg.price("alpha", "m-duo");
  assert.equal(cost(edges, { input: 499 }), 0n);
  assert.equal(cost(edges, { input: 500 }), 1n);
  assert.equal(cost(edges, { output: 1_000_000_000 }), 1_000_000_000_000_000_000n, "a billion tokens at 1,000,000 USD per million");
  assert.equal(cost(edges, { output: 9_223_372_036n }), 9_223_372_036_000_000_000n);
  assert.throws(() => cost(edges, { output: 9_223_372_037n }), (e) => e instanceof CostError && e.kind === "overflow");
  assert.throws(() => cost(edges, { cacheRead: -1 }), (e) => e instanceof CostError && e.kind === "negative_usage");
  assert.throws(() => cost(edges, { input: 2 ** 53 }), TypeError, "an unsafe number is refused, not rounded");
  assert.equal(reg.price("beta", "m-duo"), undefined);
  assert.equal(reg.price("nope", "m-duo"), undefined);
  // The caller cannot change the registry through what it returns.
  tiered.base.input = 0n;
  assert.equal(reg.price("platform", "mp").base.input, 3_000_000n);
});

test("model: any spelling, no runtime", () => {
  const reg = Registry.fromJSON(read(here("../testdata/fixture.registry.json")));
  assert.deepEqual(reg.model(" old:mp "), {
    id: "m-platform", name: "The platform's model", spelling: "legacy", lifecycle: "deprecated", deprecatedOn: "2026-01-15",
    retiresOn: "2026-07-01", replacedBy: "m-wide", contextWindow: 1000000, maxOutput: 64000,
  });
  assert.equal(reg.model("m-local").lifecycle, "retired");
  assert.equal(reg.model("m-local").replacedBy, "m-duo");
  const g = reg.checkRegistered("r01", "m-local");
  assert.deepEqual(g, { status: "registered", runtime: "r01", model: "m-local", suggestion: "m-duo", lifecycle: "retired", replacedBy: "m-duo" });
  assert.equal(flagged(g), true, "a retired model is flagged");
  assert.equal(flagged(reg.checkRegistered("r01", "mp")), false, "a deprecated one is not");
  assert.equal(reg.model("MP"), undefined);
  assert.equal(reg.model(""), undefined);
});

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
  assert.throws(() => Registry.fromJSON({ ...doc, format: 2 }), /format 2/);
  const float = structuredClone(doc);
  float.models[0].served_by[0].price.input = 3;
  assert.throws(() => Registry.fromJSON(float), /models/);
  const inexact = structuredClone(doc);
  inexact.models[0].served_by[0].price.input = "3.0000001";
  assert.throws(() => Registry.fromJSON(inexact), /rate "3.0000001" is not an exact decimal/);
  assert.throws(() => Registry.fromJSON(null), TypeError);
  assert.throws(() => Registry.fromJSON({ ...doc, providers: [{ id: "x" }] }), /providers/);
  const dangling = structuredClone(doc);
  dangling.models[0].served_by[0].provider = "nope";
  assert.throws(() => Registry.fromJSON(dangling), /unknown provider "nope"/);
});
