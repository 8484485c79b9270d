// Drives Taplo's language server (@taplo/lsp, the one the Even Better TOML
// extension ships) the way an editor does: open a document that names kata's
// schema, ask for completions at a place, print what came back.
//
// stdin: {"schema": "/abs/schema.json", "cases": [{"text": "...", "line": 3, "character": 0}]}
// stdout: [{"labels": ["id", "prompt", ...]} | {"error": "..."}] in case order.
import fs from "node:fs";
import fsPromise from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { TaploLsp } = require("@taplo/lsp");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const pending = new Map();
let nextId = 1;
let lsp;

function request(method, params) {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    lsp.send({ jsonrpc: "2.0", id, method, params });
  });
}
const notify = (method, params) => lsp.send({ jsonrpc: "2.0", method, params });

lsp = await TaploLsp.initialize(
  {
    cwd: () => process.cwd(),
    envVar: (name) => process.env[name],
    envVars: () => Object.entries(process.env),
    findConfigFile: () => undefined,
    glob: () => [],
    isAbsolute: (p) => path.isAbsolute(p),
    isWindows: () => false,
    now: () => new Date(),
    readFile: (p) => fsPromise.readFile(p),
    writeFile: (p, bytes) => fsPromise.writeFile(p, bytes),
    stderr: process.stderr,
    stdErrAtty: () => false,
    stdin: process.stdin,
    stdout: process.stdout,
    urlToFilePath: (url) => decodeURIComponent(url).slice("file://".length),
  },
  {
    onMessage(message) {
      if (message.id !== undefined && message.method) {
        // The server asks the editor something (its settings, a capability):
        // answer as an editor with no settings of its own would.
        // No schema catalogs: the schema is named in the file, and the
        // tests run without the internet.
        const result = message.method === "workspace/configuration"
          ? (message.params.items || []).map(() => ({ schema: { enabled: true, catalogs: [] } }))
          : null;
        lsp.send({ jsonrpc: "2.0", id: message.id, result });
        return;
      }
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(JSON.stringify(message.error)));
        else waiting.resolve(message.result);
      }
    },
  },
);

const root = path.dirname(input.schema);
await request("initialize", {
  processId: process.pid,
  rootUri: `file://${root}`,
  capabilities: { textDocument: { completion: { completionItem: { snippetSupport: false } } } },
  initializationOptions: { configurationSection: "evenBetterToml", schema: { catalogs: [] } },
  workspaceFolders: [{ uri: `file://${root}`, name: "kata" }],
});
notify("initialized", {});

const out = [];
for (const [n, c] of input.cases.entries()) {
  const uri = `file://${root}/case-${n}.toml`;
  const text = `#:schema file://${input.schema}\n${c.text}`;
  notify("textDocument/didOpen", {
    textDocument: { uri, languageId: "toml", version: 1, text },
  });
  try {
    const result = await request("textDocument/completion", {
      textDocument: { uri },
      // +1: the schema line above the case's text.
      position: { line: c.line + 1, character: c.character },
    });
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    out.push({ labels: items.map((i) => i.label) });
  } catch (e) {
    out.push({ error: String(e.message ?? e) });
  }
}
process.stdout.write(JSON.stringify(out));
lsp.dispose();
process.exit(0);
