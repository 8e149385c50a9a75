// Read and write files the way Decap CMS 3.16 does when an entry is saved, so the tests can compare bytes.
// Decap's own code, restated (decap-cms-core/src/formats/yaml.ts, frontmatter.ts, helpers.ts; backend.ts
// entryToRaw): the `yaml` package (1.10, the version decap-cms bundles) parses with Decap's timestamp tag
// and writes yaml.createNode(data) with the top-level keys sorted in the collection's field order; Markdown
// files go through gray-matter with that same YAML engine; a missing final newline is added.
// Usage: node tests/tools/decap_format.mjs < requests.json
//   requests: [{"path": "...", "format": "yml" | "frontmatter", "fields": ["id", "title", ...],
//               "clean": true (run docs/admin/clean.js's prune first, as our editor does on save),
//               "data": {...} (instead of reading the file: an entry as a form would hold it)}, ...]
//   answer (stdout): [{"path": "...", "data": <the entry as Decap holds it>, "raw": "<what Decap writes>"}
//                     or {"path": "...", "error": "..."}, ...]
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const yaml = require("yaml");
const matter = require("gray-matter");
// our editor's preSave listener (docs/admin/clean.js): empty texts and emptied mappings are dropped before writing
const { prune } = require("../../docs/admin/clean.js");

const timestampTag = {
  identify: (value) => value instanceof Date,
  default: true,
  tag: "!timestamp",
  test: RegExp("^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2}(\\.[0-9]+)?)Z$"),
  resolve: (str) => new Date(str),
  stringify: (value) => value.toISOString(),
};

function sortKeys(sortedKeys, selector) {
  return (a, b) => {
    const idxA = sortedKeys.indexOf(selector(a));
    const idxB = sortedKeys.indexOf(selector(b));
    if (idxA === -1 || idxB === -1) return 0;
    if (idxA > idxB) return 1;
    if (idxA < idxB) return -1;
    return 0;
  };
}

const yamlFormatter = {
  fromFile(content) {
    if (content && content.trim().endsWith("---")) {
      content = content.trim().slice(0, -3);
    }
    const doc = yaml.parseDocument(content, { customTags: [timestampTag], prettyErrors: true });
    if (doc.errors.length > 0) {
      throw new Error(`YAML parsing error:\n${doc.errors.map((e) => e.message).join("\n")}`);
    }
    return doc.toJSON();
  },
  toFile(data, sortedKeys = []) {
    const contents = yaml.createNode(data);
    contents.items.sort(sortKeys(sortedKeys, (item) => item.key?.toString()));
    const doc = new yaml.Document();
    doc.contents = contents;
    return doc.toString();
  },
};

const engines = {
  yaml: {
    parse: (input) => yamlFormatter.fromFile(input),
    stringify: (metadata, opts) => yamlFormatter.toFile(metadata, (opts || {}).sortedKeys),
  },
};

const frontmatter = {
  fromFile(content) {
    const result = matter(content, { engines, language: "yaml", delimiters: "---" });
    return { ...result.data, ...(result.content.trim() && { body: result.content }) };
  },
  toFile(data, sortedKeys) {
    const { body = "", ...meta } = data;
    const trimLastLineBreak = body.slice(-1) !== "\n";
    const file = matter.stringify(body, meta, { engines, sortedKeys, language: "yaml", delimiters: "---" });
    return trimLastLineBreak && file.slice(-1) === "\n" ? file.slice(0, -1) : file;
  },
};

function entryToRaw(formatter, data, fields) {
  let content = formatter.toFile(data, fields);
  if (content.slice(-1) !== "\n") content += "\n";
  return content;
}

const requests = JSON.parse(readFileSync(0, "utf8"));
const answers = requests.map(({ path, format, fields, data, clean }) => {
  const formatter = format === "frontmatter" ? frontmatter : yamlFormatter;
  try {
    const parsed = data ?? formatter.fromFile(readFileSync(path, "utf8"));
    const saved = clean ? prune(structuredClone(parsed)) : structuredClone(parsed);
    return { path, data: parsed, raw: entryToRaw(formatter, saved, fields) };
  } catch (e) {
    return { path, error: String(e && e.message ? e.message : e) };
  }
});
process.stdout.write(JSON.stringify(answers));
