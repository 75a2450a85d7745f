// Checks the package as another Node project gets it: packs it as npm
// publish does (npm pack runs prepare, the build), installs the tarball into
// a fresh temporary project, imports it there (ESM, through the exports
// map), type-checks a TypeScript import of it (the shipped declarations),
// and runs derivations against the shipped JSON artifact. Run with
// `npm run test:pack`; .ci/run does.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const pkgDir = fileURLToPath(new URL("..", import.meta.url));
const registryJSON = fileURLToPath(new URL("../../../artifacts/registry.json", import.meta.url));
const { name } = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });

const tmp = mkdtempSync(join(tmpdir(), "providers-resolver-pack-"));
try {
  const [packed] = JSON.parse(run("npm", ["pack", "--json", "--pack-destination", tmp], pkgDir));
  assert.deepEqual(packed.files.map((f) => f.path).sort(),
    ["README.md", "dist/resolver.d.ts", "dist/resolver.js", "package.json"], "the files of the package");

  const project = join(tmp, "project");
  mkdirSync(project);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "pack-check", private: true, type: "module" }));
  run("npm", ["install", "--no-audit", "--no-fund", join(tmp, packed.filename)], project);

  // A user's program: import the package, parse a registry, derive.
  writeFileSync(join(project, "use.mjs"), `
import { readFileSync } from "node:fs";
import { Registry, FORMAT } from "${name}";
const registry = Registry.parse(readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify({
  format: FORMAT,
  oauth: registry.derive("claude-code", "opus", ["CLAUDE_CODE_OAUTH_TOKEN", "ANTHROPIC_API_KEY"]),
  leak: registry.resolveBillingMode({ runtime: "claude-code", model: "kimi-for-coding", authEnv: ["ANTHROPIC_API_KEY"] }),
}));
`);
  const got = JSON.parse(run("node", ["use.mjs", registryJSON], project));
  assert.deepEqual(got, {
    format: 3,
    oauth: { error: "", provider: "anthropic-oauth", model: "opus", spelling: "canonical", platform: false, byEnv: "CLAUDE_CODE_OAUTH_TOKEN", candidates: [] },
    leak: { mode: "byok", source: "derived", provider: "kimi-coding", reason: "", ignoredOverride: "" },
  });

  // Only the exports map's entry point is public.
  writeFileSync(join(project, "deep.mjs"), `import("${name}/dist/resolver.js").then(() => console.log("imported"), (e) => console.log(e.code));`);
  assert.equal(run("node", ["deep.mjs"], project).trim(), "ERR_PACKAGE_PATH_NOT_EXPORTED");

  // A TypeScript user gets the declarations through the exports map.
  writeFileSync(join(project, "check.ts"), `
import { Registry, type BillingDecision, type Derivation } from "${name}";
export function decide(r: Registry): [Derivation, BillingDecision] {
  return [r.derive("claude-code", "opus", []), r.resolveBillingMode({ runtime: "claude-code", model: "opus" })];
}
`);
  const tsc = join(pkgDir, "node_modules", "typescript", "bin", "tsc");
  run("node", [tsc, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext",
    "--target", "es2022", "check.ts"], project);
  console.log(`${packed.filename}: ${packed.files.length} files, installed, imported, type-checked and derived from ${registryJSON}`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
