// Reference resolver for the LLM provider registry, over the registry's JSON
// artifact (gen -json; artifacts/registry.schema.json). It gives exactly the
// answers of the Go resolver (github.com/molecule-ai/providers/resolver),
// which the test vectors (gen -vectors; artifacts/vectors.schema.json) prove:
// derivation of the provider from (runtime, model, names of the auth env vars
// present), and the billing decision. It has no dependencies and reads no
// files: pass it the parsed document.

/** The version of the JSON artifact this resolver reads. */
export const FORMAT = 1;

/** A provider of the JSON artifact. */
export interface ProviderDocument {
  id: string;
  name: string;
  /** Whether this is the platform's managed proxy: the platform pays. */
  platform: boolean;
  /** Env var names (never values); any one present selects the provider. */
  auth_env: string[];
}

/** A runtime of the JSON artifact. */
export interface RuntimeDocument {
  id: string;
  name: string;
  /** false: the registry does not govern the runtime (checks fail open). */
  governed: boolean;
}

/** A served_by entry of the JSON artifact. */
export interface ServedByDocument {
  provider: string;
  runtimes: string[];
}

/** A model of the JSON artifact. */
export interface ModelDocument {
  id: string;
  name: string;
  aliases: string[];
  legacy_ids: string[];
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

/** override: the stored override; derived: the registry; default: the fleet-safety default. */
export type BillingSource = "override" | "derived" | "default";

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

interface Model {
  id: string;
  /** runtime id → providers serving the model there, in served_by order */
  byRuntime: Map<string, ProviderDocument[]>;
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

  private constructor(doc: RegistryDocument) {
    this.source = doc.source;
    this.sourceSHA256 = doc.source_sha256;
    for (const p of doc.providers) {
      this.#providers.set(p.id, { ...p, auth_env: [...p.auth_env] });
      for (const e of p.auth_env) this.#envNames.add(e);
    }
    for (const r of doc.runtimes) this.#runtimes.set(r.id, { ...r });
    for (const m of doc.models) {
      const model: Model = { id: m.id, byRuntime: new Map() };
      for (const e of m.served_by) {
        const p = this.#providers.get(e.provider);
        check(p !== undefined, `model ${JSON.stringify(m.id)}: unknown provider ${JSON.stringify(e.provider)}`);
        for (const r of e.runtimes) {
          check(this.#runtimes.has(r), `model ${JSON.stringify(m.id)}: unknown runtime ${JSON.stringify(r)}`);
          const list = model.byRuntime.get(r) ?? [];
          list.push(p);
          model.byRuntime.set(r, list);
        }
      }
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
      isObject(p) && isString(p["id"]) && isString(p["name"]) && typeof p["platform"] === "boolean" && isStringArray(p["auth_env"])), "providers");
    check(Array.isArray(runtimes) && runtimes.every((r) =>
      isObject(r) && isString(r["id"]) && isString(r["name"]) && typeof r["governed"] === "boolean"), "runtimes");
    check(Array.isArray(models) && models.every((m) =>
      isObject(m) && isString(m["id"]) && isString(m["name"]) && isStringArray(m["aliases"]) && isStringArray(m["legacy_ids"]) &&
      Array.isArray(m["served_by"]) && m["served_by"].every((e) => isObject(e) && isString(e["provider"]) && isStringArray(e["runtimes"]))), "models");
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
    return { mode: "platform_managed", source: "default", provider: "", reason: d.error, ignoredOverride };
  }

  /** isPlatform reports whether id is a platform provider; false for unknown ids. */
  isPlatform(id: string): boolean {
    return this.#providers.get(id)?.platform ?? false;
  }

  /** isLLMCredential reports whether name is some provider's auth env name. */
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
