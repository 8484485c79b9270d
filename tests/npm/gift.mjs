// Parses GIFT with gift-pegjs (a GIFT parser kata did not write) and prints
// what it read, so kata's tests can compare it with what kata exported.
//
// stdin: {"gift": "..."}
// stdout: {"questions": [{"type", "title", "stem", "choices": [{"correct", "weight", "text", "feedback"}], "feedback"}]}
//      or {"error": "line:column: message"}
import fs from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { parse } = require("gift-pegjs");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
let parsed;
try {
  parsed = parse(input.gift);
} catch (e) {
  const at = e.location ? `${e.location.start.line}:${e.location.start.column}: ` : "";
  process.stdout.write(JSON.stringify({ error: at + String(e.message ?? e) }));
  process.exit(0);
}
const text = (t) => (t == null ? null : t.text);
const questions = parsed.map((q) => ({
  type: q.type,
  title: q.title ?? null,
  stem: text(q.stem),
  choices: (q.choices ?? []).map((c) => ({
    correct: c.isCorrect,
    weight: c.weight ?? null,
    text: text(c.text),
    feedback: text(c.feedback),
  })),
  isTrue: q.isTrue ?? null,
  trueFeedback: text(q.trueFeedback),
  falseFeedback: text(q.falseFeedback),
  feedback: text(q.globalFeedback),
}));
process.stdout.write(JSON.stringify({ questions }));
