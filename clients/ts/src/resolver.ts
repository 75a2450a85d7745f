// Reference resolver for the LLM provider registry, over the registry's JSON
// artifact (gen -json; artifacts/registry.schema.json). It gives exactly the
// answers of the Go resolver (github.com/molecule-ai/providers/resolver),
// which the test vectors (gen -vectors; artifacts/vectors.schema.json) prove:
// derivation of the provider from (runtime, model, names of the auth env vars
// present), and the billing decision. It has no dependencies and reads no
// files: pass it the parsed document.

/** The version of the JSON artifact this resolver reads. */
export const FORMAT = 3;

/** A provider of the JSON artifact. */
export interface ProviderDocument {
  id: string;
  name: string;
  /** Whether this is the platform's managed proxy: the platform pays. */
  platform: boolean;
  /** Env var names (never values); any one present selects the provider. */
  auth_env: string[];
  /** Platform providers only: the env var names the platform injects (its proxy). */
  inject_env: string[];
}

/** A runtime of the JSON artifact. */
export interface RuntimeDocument {
  id: string;
  name: string;
  /** false: the registry does not govern the runtime (checks fail open). */
  governed: boolean;
}

/** Rates of the JSON artifact: exact decimal strings of USD per million tokens. */
export interface RatesDocument {
  input: string;
  output: string;
  cache_read: string;
  cache_write: string;
}

/** A served_by entry's price in the JSON artifact, every rate filled in. */
export interface PriceDocument extends RatesDocument {
  /** In strictly increasing order of above. */
  tiers: (RatesDocument & { above: number })[];
}

/** A served_by entry of the JSON artifact. */
export interface ServedByDocument {
  provider: string;
  runtimes: string[];
  /** What the provider charges for the model; null when the registry gives none. */
  price: PriceDocument | null;
}

/** Where a model is in its life cycle. */
export type Lifecycle = "active" | "preview" | "deprecated" | "retired";

/** A model of the JSON artifact. */
export interface ModelDocument {
  id: string;
  name: string;
  aliases: string[];
  legacy_ids: string[];
  status: Lifecycle;
  /** YYYY-MM-DD, or "". */
  deprecated_on: string;
  retires_on: string;
  /** The id of the model to move to, or "". */
  replaced_by: string;
  /** In tokens; 0 when not given. */
  context_window: number;
  max_output: number;
  /** In order of preference. */
  served_by: ServedByDocument[];
}

/** The JSON artifact: artifacts/registry.schema.json. */
export interface RegistryDocument {
  format: number;
  source: string;
  source_sha256: string;
  providers: ProviderDocument[];
  runtimes: RuntimeDocument[];
  models: ModelDocument[];
}

/**
 * Why a derivation failed, as the vectors name it; "" for success. The Go
 * errors are ErrNoModel, ErrUnknownRuntime, ErrUngovernedRuntime,
 * ErrUnregisteredModel, ErrNotOnRuntime and ErrAmbiguous.
 */
export type DeriveError =
  | ""
  | "no_model"
  | "unknown_runtime"
  | "ungoverned_runtime"
  | "unregistered_model"
  | "not_on_runtime"
  | "ambiguous";

/** How a model string named its model; "" until the model is known. */
export type Spelling = "" | "canonical" | "alias" | "legacy";

/** The outcome of derive: Go's Derivation and error together. */
export interface Derivation {
  error: DeriveError;
  /** The derived provider id; "" unless error is "". */
  provider: string;
  /** The canonical model id, once the spelling is known (also on not_on_runtime and ambiguous). */
  model: string;
  spelling: Spelling;
  /** Whether the platform pays for the pair; known on success and on ambiguous. */
  platform: boolean;
  /** The auth env name that chose among several providers, else "". */
  byEnv: string;
  /** With ambiguous: the providers of the pair, in served_by order; else empty. */
  candidates: string[];
}

export type BillingMode = "platform_managed" | "byok";

/**
 * override: the stored override; derived: the registry, from the pair;
 * model: the pair is not served, and every provider of the model agrees on
 * who pays (billing step 3); default: the fleet-safety default.
 */
export type BillingSource = "override" | "derived" | "model" | "default";

export interface BillingInput {
  /** The stored per-workspace override column; empty or absent for none. */
  override?: string;
  runtime: string;
  model: string;
  /** Names of the auth env vars that are set. */
  authEnv?: readonly string[];
}

export interface BillingDecision {
  mode: BillingMode;
  source: BillingSource;
  /** The derived provider, when derivation succeeded. */
  provider: string;
  /** The derivation error behind a default decision, or "ambiguous" behind a derived one. */
  reason: DeriveError;
  /** A non-empty override that was not a billing mode and so was ignored, else "". */
  ignoredOverride: string;
}

/** CheckRegistered's status, as Go's Status.String spells it. */
export type Status =
  | "registered"
  | "alias"
  | "legacy"
  | "not-on-runtime"
  | "unregistered"
  | "no-model"
  | "ungoverned-runtime"
  | "unknown-runtime";

/** The outcome of checkRegistered. */
export interface Registration {
  status: Status;
  /** The trimmed runtime. */
  runtime: string;
  /** The canonical id, when the spelling is registered. */
  model: string;
  /** For unregistered: a close spelling served on the runtime; for a retired model: its replacement; else "". */
  suggestion: string;
  /** The model's lifecycle once it is known, else "active". */
  lifecycle: Lifecycle;
  /** The model's replacement once it is known, else "". */
  replacedBy: string;
}

/** flagged reports whether a registration is governed and wrong: a retired model is. */
export function flagged(g: Registration): boolean {
  return g.status === "not-on-runtime" || g.status === "unregistered" || g.lifecycle === "retired";
}

/** A workspace secret: its name (never its value) and whether it is platform-scope. */
export interface Secret {
  name: string;
  platformScope: boolean;
}

export interface CredentialInput {
  override?: string;
  runtime: string;
  model: string;
  secrets: readonly Secret[];
}

/** The outcome of planCredentials: Go's CredentialPlan. */
export interface CredentialPlan {
  decision: BillingDecision;
  /** Platform-scope secrets to drop under byok, by name: the platform's values only. */
  strip: string[];
  /** The secrets kept, in the order given (under platform_managed, none named in inject, and no owner's secret named in a platform provider's inject_env): build the workspace's env from these plus inject. */
  keep: Secret[];
  /** Whether a kept secret authenticates the provider; fail closed when false. */
  usable: boolean;
  /** The env names that would make it usable; empty when the registry does not know the pair. */
  want: string[];
  /** Under platform_managed: the env names the platform injects. */
  inject: string[];
}

/** Go's ModelInfo: what the registry says of a model, whatever runtime asks. */
export interface ModelInfo {
  id: string;
  name: string;
  spelling: Exclude<Spelling, "">;
  lifecycle: Lifecycle;
  deprecatedOn: string;
  retiresOn: string;
  replacedBy: string;
  contextWindow: number;
  maxOutput: number;
}

/**
 * Rates in units of 1e-6 USD per million tokens (1e-12 USD, a pico-dollar,
 * per token), exact: Go's Rate.
 */
export interface Rates {
  input: bigint;
  output: bigint;
  cacheRead: bigint;
  cacheWrite: bigint;
}

/** The rates of a request whose prompt has more than `above` tokens. */
export interface Tier {
  above: bigint;
  rates: Rates;
}

/** Go's Price: base rates and tiers, in increasing order of above. */
export interface Price {
  base: Rates;
  tiers: Tier[];
}

/** Token counts of one request; absent counts are 0. Numbers must be safe integers. */
export interface Usage {
  input?: number | bigint;
  output?: number | bigint;
  cacheRead?: number | bigint;
  cacheWrite?: number | bigint;
}

/** Why cost refused a request, as the vectors name it. */
export type CostErrorKind = "negative_usage" | "overflow";

/** CostError is what cost throws: Go's ErrNegativeUsage or ErrCostOverflow. */
export class CostError extends RangeError {
  readonly kind: CostErrorKind;
  constructor(kind: CostErrorKind) {
    super(kind === "overflow" ? "cost does not fit in 64-bit nano-USD" : "negative token count in usage");
    this.kind = kind;
  }
}

const MAX_INT64 = (1n << 63n) - 1n;

/** parseRate reads a rate of the JSON artifact exactly, in 1e-6 USD per million tokens. */
function parseRate(s: string): bigint {
  const m = /^(0|[1-9][0-9]{0,6})(?:\.([0-9]{1,6}))?$/.exec(s);
  if (m === null) throw new TypeError(`registry document: rate ${JSON.stringify(s)} is not an exact decimal`);
  return BigInt(m[1] ?? "0") * 1_000_000n + BigInt((m[2] ?? "").padEnd(6, "0"));
}

function rates(d: RatesDocument): Rates {
  return { input: parseRate(d.input), output: parseRate(d.output), cacheRead: parseRate(d.cache_read), cacheWrite: parseRate(d.cache_write) };
}

function count(v: number | bigint | undefined): bigint {
  if (v === undefined) return 0n;
  if (typeof v === "number" && !Number.isSafeInteger(v)) throw new TypeError(`usage: ${v} is not a safe integer; pass a bigint`);
  return BigInt(v);
}

/** promptTokens is the prompt size that chooses a tier: input + cache read + cache write. */
export function promptTokens(u: Usage): bigint {
  return count(u.input) + count(u.cacheRead) + count(u.cacheWrite);
}

/**
 * ratesFor returns the rates that price a request of prompt tokens: those of
 * the tier with the largest above below prompt (a prompt of exactly above
 * tokens is not in it), else the base rates.
 */
export function ratesFor(price: Price, prompt: bigint): Rates {
  for (let i = price.tiers.length - 1; i >= 0; i--) {
    const t = price.tiers[i];
    if (t !== undefined && t.above < prompt) return t.rates;
  }
  return price.base;
}

/**
 * cost is Go's Price.Cost: what usage costs at price, in nano-USD (1e-9 USD),
 * the exact sum of each count times its rate rounded half up once, in
 * BigInt arithmetic. It throws a CostError for a negative count
 * ("negative_usage") and for a cost over 2^63 - 1 nano-USD ("overflow").
 */
export function cost(price: Price, usage: Usage): bigint {
  const u = [count(usage.input), count(usage.output), count(usage.cacheRead), count(usage.cacheWrite)];
  if (u.some((n) => n < 0n)) throw new CostError("negative_usage");
  const r = ratesFor(price, promptTokens(usage));
  const pico = u[0]! * r.input + u[1]! * r.output + u[2]! * r.cacheRead + u[3]! * r.cacheWrite;
  const nano = (pico + 500n) / 1000n;
  if (nano > MAX_INT64) throw new CostError("overflow");
  return nano;
}

interface Model {
  id: string;
  doc: ModelDocument;
  /** runtime id → providers serving the model there, in served_by order */
  byRuntime: Map<string, ProviderDocument[]>;
  /** Every spelling: id, aliases, legacy ids. */
  spellings: string[];
  /** Whether the platform pays on every runtime that serves it (true), on none (false), or it depends (undefined). */
  platform: boolean | undefined;
  /** provider id → its price, for the served_by entries that have one */
  prices: Map<string, Price>;
}

/**
 * Go's unicode.IsSpace, which strings.TrimSpace trims: it differs from
 * JavaScript's String.prototype.trim, which keeps U+0085 and removes U+FEFF.
 */
function isGoSpace(c: number): boolean {
  switch (c) {
    case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20:
    case 0x85: case 0xa0: case 0x1680: case 0x2028: case 0x2029:
    case 0x202f: case 0x205f: case 0x3000:
      return true;
  }
  return c >= 0x2000 && c <= 0x200a;
}

/** lowerASCII lower-cases A-Z only, as Go's resolver folds. */
function lowerASCII(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** utf8 returns the UTF-8 bytes of s; a lone surrogate is U+FFFD, as Go converts it. */
function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    let c = ch.codePointAt(0) ?? 0xfffd;
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

/**
 * distanceBytes is the Levenshtein distance of a and b in UTF-8 bytes, as
 * Go's suggest.Distance counts.
 */
function distanceBytes(a: string, b: string): number {
  const x = utf8(a);
  const y = utf8(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[y.length] ?? 0;
}

/** trimSpace is Go's strings.TrimSpace. */
export function trimSpace(s: string): string {
  let i = 0;
  let j = s.length;
  while (i < j && isGoSpace(s.charCodeAt(i))) i++;
  while (j > i && isGoSpace(s.charCodeAt(j - 1))) j--;
  return s.slice(i, j);
}

/**
 * equalFoldASCII reports whether s is the lower-case ASCII word in any ASCII
 * case, as Go's resolver compares overrides: only A-Z fold, so U+212A
 * KELVIN SIGN is not k.
 */
function equalFoldASCII(s: string, word: string): boolean {
  return s.length === word.length && s.replace(/[A-Z]/g, (c) => c.toLowerCase()) === word;
}

/**
 * parseBillingMode parses an override column as Go's ParseBillingMode does:
 * trimmed, any ASCII case. Anything else, including "", is undefined.
 */
export function parseBillingMode(s: string): BillingMode | undefined {
  const v = trimSpace(s);
  if (equalFoldASCII(v, "platform_managed")) return "platform_managed";
  if (equalFoldASCII(v, "byok")) return "byok";
  return undefined;
}

function fail(error: DeriveError, model = "", spelling: Spelling = ""): Derivation {
  return { error, provider: "", model, spelling, platform: false, byEnv: "", candidates: [] };
}

function check(ok: boolean, what: string): asserts ok {
  if (!ok) throw new TypeError(`registry document: ${what}`);
}

const isString = (v: unknown): v is string => typeof v === "string";
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isLifecycle = (v: unknown): v is Lifecycle => v === "active" || v === "preview" || v === "deprecated" || v === "retired";
const isRates = (v: Record<string, unknown>): boolean =>
  ["input", "output", "cache_read", "cache_write"].every((k) => isString(v[k]));
const isPrice = (v: unknown): boolean =>
  isObject(v) && isRates(v) && Array.isArray(v["tiers"]) &&
  v["tiers"].every((t) => isObject(t) && isRates(t) && Number.isSafeInteger(t["above"]));

/**
 * Registry answers derivation and billing questions from the JSON artifact.
 * It is immutable once built.
 */
export class Registry {
  /** The base name of the YAML the document was generated from. */
  readonly source: string;
  /** The hex SHA-256 of that YAML: the Go package's SourceSHA256. */
  readonly sourceSHA256: string;

  readonly #runtimes = new Map<string, RuntimeDocument>();
  readonly #providers = new Map<string, ProviderDocument>();
  readonly #spellings = new Map<string, { model: Model; spelling: Spelling }>();
  readonly #models: Model[] = [];
  readonly #envNames = new Set<string>();
  readonly #platforms: ProviderDocument[] = [];

  private constructor(doc: RegistryDocument) {
    this.source = doc.source;
    this.sourceSHA256 = doc.source_sha256;
    for (const p of doc.providers) {
      const copy = { ...p, auth_env: [...p.auth_env], inject_env: [...p.inject_env] };
      this.#providers.set(p.id, copy);
      if (p.platform) this.#platforms.push(copy);
      for (const e of [...p.auth_env, ...p.inject_env]) this.#envNames.add(e);
    }
    for (const r of doc.runtimes) this.#runtimes.set(r.id, { ...r });
    for (const m of doc.models) {
      const model: Model = { id: m.id, doc: m, byRuntime: new Map(), spellings: [m.id, ...m.aliases, ...m.legacy_ids], platform: undefined, prices: new Map() };
      const pays = new Set<boolean>();
      for (const e of m.served_by) {
        const p = this.#providers.get(e.provider);
        check(p !== undefined, `model ${JSON.stringify(m.id)}: unknown provider ${JSON.stringify(e.provider)}`);
        pays.add(p.platform);
        if (e.price !== null) {
          model.prices.set(e.provider, {
            base: rates(e.price),
            tiers: e.price.tiers.map((t) => ({ above: BigInt(t.above), rates: rates(t) })),
          });
        }
        for (const r of e.runtimes) {
          check(this.#runtimes.has(r), `model ${JSON.stringify(m.id)}: unknown runtime ${JSON.stringify(r)}`);
          const list = model.byRuntime.get(r) ?? [];
          list.push(p);
          model.byRuntime.set(r, list);
        }
      }
      if (pays.size === 1) model.platform = pays.has(true);
      this.#models.push(model);
    }
    // Step 3's order: an exact id, else an alias, else a legacy id. The
    // registry guarantees no spelling names two models; the order makes the
    // precedence hold regardless.
    const kinds: [Spelling, (m: ModelDocument) => string[]][] = [
      ["canonical", (m) => [m.id]],
      ["alias", (m) => m.aliases],
      ["legacy", (m) => m.legacy_ids],
    ];
    for (const [spelling, names] of kinds) {
      doc.models.forEach((m, i) => {
        const model = this.#models[i];
        check(model !== undefined, "models");
        for (const n of names(m)) {
          if (!this.#spellings.has(n)) this.#spellings.set(n, { model, spelling });
        }
      });
    }
  }

  /**
   * fromJSON builds a registry from the parsed JSON artifact. It throws a
   * TypeError when the document is not one (or is of another format).
   */
  static fromJSON(doc: unknown): Registry {
    check(isObject(doc), "not an object");
    check(doc["format"] === FORMAT, `format ${JSON.stringify(doc["format"])}, this resolver reads ${FORMAT}`);
    check(isString(doc["source"]) && isString(doc["source_sha256"]), "source, source_sha256");
    const { providers, runtimes, models } = doc;
    check(Array.isArray(providers) && providers.every((p) =>
      isObject(p) && isString(p["id"]) && isString(p["name"]) && typeof p["platform"] === "boolean" &&
      isStringArray(p["auth_env"]) && isStringArray(p["inject_env"])), "providers");
    check(Array.isArray(runtimes) && runtimes.every((r) =>
      isObject(r) && isString(r["id"]) && isString(r["name"]) && typeof r["governed"] === "boolean"), "runtimes");
    check(Array.isArray(models) && models.every((m) =>
      isObject(m) && isString(m["id"]) && isString(m["name"]) && isStringArray(m["aliases"]) && isStringArray(m["legacy_ids"]) &&
      isLifecycle(m["status"]) && isString(m["deprecated_on"]) && isString(m["retires_on"]) && isString(m["replaced_by"]) &&
      Number.isSafeInteger(m["context_window"]) && Number.isSafeInteger(m["max_output"]) &&
      Array.isArray(m["served_by"]) && m["served_by"].every((e) => isObject(e) && isString(e["provider"]) && isStringArray(e["runtimes"]) &&
        (e["price"] === null || isPrice(e["price"])))), "models");
    return new Registry(doc as unknown as RegistryDocument);
  }

  /** parse builds a registry from the text of the JSON artifact. */
  static parse(text: string): Registry {
    return Registry.fromJSON(JSON.parse(text));
  }

  /**
   * derive derives the provider that serves model on runtime, given the
   * names of the auth env vars that are set (never their values):
   *
   * 1. runtime and model are trimmed (Go's strings.TrimSpace); an empty
   *    model is no_model, before the runtime is looked at;
   * 2. an unknown runtime is unknown_runtime, an ungoverned one
   *    ungoverned_runtime;
   * 3. the model string is looked up exactly: an id, else an alias, else a
   *    legacy id; none is unregistered_model;
   * 4. no provider serving the model on the runtime is not_on_runtime;
   * 5. one provider is the answer, whatever the env;
   * 6. of several, the first in served_by order with any auth_env name in
   *    authEnv; none is ambiguous (model, spelling and platform still set).
   */
  derive(runtime: string, model: string, authEnv: readonly string[] = []): Derivation {
    const m = trimSpace(model);
    if (m === "") return fail("no_model");
    const rt = this.#runtimes.get(trimSpace(runtime));
    if (rt === undefined) return fail("unknown_runtime");
    if (!rt.governed) return fail("ungoverned_runtime");
    const hit = this.#spellings.get(m);
    if (hit === undefined) return fail("unregistered_model");
    const cands = hit.model.byRuntime.get(rt.id) ?? [];
    const [first] = cands;
    if (first === undefined) return fail("not_on_runtime", hit.model.id, hit.spelling);
    const d: Derivation = {
      error: "", provider: "", model: hit.model.id, spelling: hit.spelling,
      platform: first.platform, byEnv: "", candidates: [],
    };
    if (cands.length === 1) return { ...d, provider: first.id };
    for (const c of cands) {
      const env = c.auth_env.find((e) => authEnv.includes(e));
      if (env !== undefined) return { ...d, provider: c.id, byEnv: env };
    }
    return { ...d, error: "ambiguous", candidates: cands.map((c) => c.id) };
  }

  /**
   * resolveBillingMode decides who pays; it never fails. A valid override
   * wins; else a derivation that succeeded or was ambiguous decides from
   * the pair's platform-ness; else platform_managed by default.
   */
  resolveBillingMode(input: BillingInput): BillingDecision {
    const d = this.derive(input.runtime, input.model, input.authEnv ?? []);
    const ov = input.override ?? "";
    const mode = parseBillingMode(ov);
    if (mode !== undefined) {
      return { mode, source: "override", provider: d.provider, reason: "", ignoredOverride: "" };
    }
    const ignoredOverride = trimSpace(ov) === "" ? "" : ov;
    if (d.error === "" || d.error === "ambiguous") {
      return {
        mode: d.platform ? "platform_managed" : "byok", source: "derived",
        provider: d.provider, reason: d.error, ignoredOverride,
      };
    }
    // Step 3: a registered model on a governed runtime that does not serve
    // it, all of whose providers agree on who pays.
    const pays = d.error === "not_on_runtime" ? this.#spellings.get(d.model)?.model.platform : undefined;
    if (pays !== undefined) {
      return { mode: pays ? "platform_managed" : "byok", source: "model", provider: "", reason: d.error, ignoredOverride };
    }
    return { mode: "platform_managed", source: "default", provider: "", reason: d.error, ignoredOverride };
  }

  /**
   * checkRegistered classifies a (runtime, model) pair, as Go's
   * CheckRegistered: for an unregistered model on a governed runtime, the
   * suggestion is a spelling served there equal to it ignoring ASCII case,
   * else the closest within 2 edits ignoring ASCII case (the first in YAML
   * order on a tie); for a retired model, its replacement.
   */
  checkRegistered(runtime: string, model: string): Registration {
    const rt = trimSpace(runtime);
    const d = this.derive(runtime, model);
    const g: Registration = { status: "registered", runtime: rt, model: "", suggestion: "", lifecycle: "active", replacedBy: "" };
    switch (d.error) {
      case "no_model": return { ...g, status: "no-model" };
      case "unknown_runtime": return { ...g, status: "unknown-runtime" };
      case "ungoverned_runtime": return { ...g, status: "ungoverned-runtime" };
      case "unregistered_model": return { ...g, status: "unregistered", suggestion: this.#suggest(rt, trimSpace(model)) };
    }
    const status: Status = d.error === "not_on_runtime" ? "not-on-runtime"
      : d.spelling === "alias" ? "alias" : d.spelling === "legacy" ? "legacy" : "registered";
    // A retired model is flagged, with its replacement suggested.
    const m = this.model(model);
    const lifecycle = m?.lifecycle ?? "active";
    const replacedBy = m?.replacedBy ?? "";
    return { ...g, status, model: d.model, lifecycle, replacedBy, suggestion: lifecycle === "retired" ? replacedBy : "" };
  }

  #suggest(runtime: string, model: string): string {
    const served = this.#models.filter((m) => (m.byRuntime.get(runtime)?.length ?? 0) > 0).flatMap((m) => m.spellings);
    const m = lowerASCII(model);
    const same = served.find((s) => lowerASCII(s) === m);
    if (same !== undefined) return same;
    let best = "";
    let bestD = 3;
    for (const s of served) {
      const d = distanceBytes(m, lowerASCII(s));
      if (d < bestD) [best, bestD] = [s, d];
    }
    return best;
  }

  /**
   * planCredentials decides the billing mode without looking at credentials
   * (override, else the pair, else the model, else the default); under
   * byok it strips every platform-scope LLM credential and derives the
   * vendor from what is kept; under platform_managed it lists what the
   * platform injects. Go's PlanCredentials.
   */
  planCredentials(input: CredentialInput): CredentialPlan {
    const { runtime, model } = input;
    const override = input.override ?? "";
    const d0 = this.derive(runtime, model);
    const mode = this.resolveBillingMode({ override, runtime, model }).mode;
    const strip: string[] = [];
    const keep: Secret[] = [];
    for (const s of input.secrets) {
      if (mode === "byok" && s.platformScope && this.#envNames.has(s.name)) {
        if (!strip.includes(s.name)) strip.push(s.name);
        continue;
      }
      keep.push({ ...s });
    }
    const kept = keep.map((s) => s.name);
    const decision = this.resolveBillingMode({ override, runtime, model, authEnv: kept });
    const plan: CredentialPlan = { decision, strip, keep, usable: false, want: [], inject: [] };
    if (mode !== "byok") {
      const p = d0.error === "" ? this.#providers.get(d0.provider) : undefined;
      const injector = p?.platform ? p : this.#platforms.length === 1 ? this.#platforms[0] : undefined;
      const inject = [...(injector?.inject_env ?? [])];
      // An injected value replaces a secret of its name, whatever its scope; an owner's secret named
      // in any platform provider's inject_env never stays beside the platform's token.
      const injected = (n: string) => this.#platforms.some((p) => p.inject_env.includes(n));
      const replaced = (s: Secret) => inject.includes(s.name) || (!s.platformScope && injected(s.name));
      return { ...plan, usable: true, inject, keep: keep.filter((s) => !replaced(s)) };
    }
    const d = this.derive(runtime, model, kept);
    if (d.error === "") {
      const p = this.#providers.get(d.provider);
      check(p !== undefined, "provider");
      if (p.platform) return plan;
      if (p.auth_env.length === 0) return { ...plan, usable: true };
      return { ...plan, usable: p.auth_env.some((e) => kept.includes(e)), want: [...p.auth_env] };
    }
    if (d.error === "ambiguous") {
      return { ...plan, want: d.candidates.flatMap((c) => this.#providers.get(c)?.auth_env ?? []) };
    }
    return { ...plan, usable: kept.some((n) => this.#envNames.has(n)) };
  }

  /**
   * model is Go's Model: what the registry says of the model that spelling
   * (an id, alias or legacy id, trimmed) names, with no runtime; undefined
   * for a spelling no model has.
   */
  model(spelling: string): ModelInfo | undefined {
    const hit = this.#spellings.get(trimSpace(spelling));
    if (hit === undefined || hit.spelling === "") return undefined;
    const d = hit.model.doc;
    return {
      id: d.id, name: d.name, spelling: hit.spelling, lifecycle: d.status, deprecatedOn: d.deprecated_on,
      retiresOn: d.retires_on, replacedBy: d.replaced_by, contextWindow: d.context_window, maxOutput: d.max_output,
    };
  }

  /**
   * price is Go's Price: the price of provider's served_by entry for the
   * model that model (any spelling, trimmed) names; undefined when the
   * provider does not serve it or the entry has no price.
   */
  price(provider: string, model: string): Price | undefined {
    const p = this.#spellings.get(trimSpace(model))?.model.prices.get(provider);
    return p === undefined ? undefined : { base: { ...p.base }, tiers: p.tiers.map((t) => ({ above: t.above, rates: { ...t.rates } })) };
  }

  /** isPlatform reports whether id is a platform provider; false for unknown ids. */
  isPlatform(id: string): boolean {
    return this.#providers.get(id)?.platform ?? false;
  }

  /** isLLMCredential reports whether name is some provider's auth env name or some platform provider's inject env name. */
  isLLMCredential(name: string): boolean {
    return this.#envNames.has(name);
  }

  /**
   * modelsForRuntime returns the canonical ids of the models served on the
   * (trimmed) runtime, in YAML order; empty for unknown and ungoverned runtimes.
   */
  modelsForRuntime(runtime: string): string[] {
    const rt = this.#runtimes.get(trimSpace(runtime));
    if (rt === undefined || !rt.governed) return [];
    return this.#models.filter((m) => (m.byRuntime.get(rt.id)?.length ?? 0) > 0).map((m) => m.id);
  }
}
