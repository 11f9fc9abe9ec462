/* 范文库 tests/twins: runs the JavaScript twins of Python modules in Node, for tests/twins/node_runner.py.
 *
 * One request per line on standard input, one answer per line on standard output (JSON):
 *   {"load": [script, ...]}            run the scripts (twins as published) in the shared context -> {"ok": true}
 *   {"calls": [[name, args], ...]}     call each global function ("fanwenkuChecker.check") -> {"results": [...]}
 *   {"exports": script}                run a script in a fresh context -> {"exports": names it defined, the
 *                                      constants and installers every twin has left out}
 * A call that throws answers {"error": {"message", "problem", "fix"}} in its place; a name that is not a function
 * answers its value. Arguments {"$bytes": base64} become a Uint8Array, {"$global": name} that global of the
 * context; typed arrays in answers become plain arrays, regular expressions their source.
 *
 * The twins see what a page gives them: globalThis, TextDecoder, fflate (the vendored copy the site ships) and a
 * DOMParser/XMLSerializer (@xmldom/xmldom, pinned in package-lock.json; the browser has its own).
 */
import { createRequire } from "node:module";
import { createInterface } from "node:readline";
import vm from "node:vm";

const require = createRequire(import.meta.url);
const { DOMParser, XMLSerializer } = require("@xmldom/xmldom");
const fflate = require("../../docs/assets/vendor/fflate/fflate.min.js");

function newContext() {
  return vm.createContext({ DOMParser, XMLSerializer, TextDecoder, TextEncoder, fflate });
}

let shared = newContext();

function decode(value) {
  if (Array.isArray(value)) {
    return value.map(decode);
  }
  if (value && typeof value === "object") {
    if (typeof value.$bytes === "string") {
      return new Uint8Array(Buffer.from(value.$bytes, "base64"));
    }
    if (typeof value.$global === "string") {
      return shared[value.$global];
    }
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, decode(item)]));
  }
  return value;
}

function encode(value) {
  if (Object.prototype.toString.call(value) === "[object RegExp]") {
    return value.source;
  }
  if (ArrayBuffer.isView(value)) {
    return Array.from(value);
  }
  if (Array.isArray(value)) {
    return value.map(encode);
  }
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, encode(item)]));
  }
  return value === undefined ? null : value;
}

function call(name, args) {
  const path = name.split(".");
  let owner = shared;
  for (const part of path.slice(0, -1)) {
    owner = owner[part];
  }
  const target = owner[path[path.length - 1]];
  if (typeof target !== "function") {
    return encode(target); // a constant the twin exports
  }
  try {
    return encode(target.apply(owner, decode(args)));
  } catch (error) {
    return { error: { message: String(error?.message ?? error), problem: error?.problem, fix: error?.fix } };
  }
}

/* The globals a script defines, with the members of those that are objects: "fanwenkuChecker.check" */
function exportsOf(script) {
  const context = newContext();
  const before = new Set(Object.keys(context));
  vm.runInContext(script, context);
  const names = [];
  for (const key of Object.keys(context)) {
    if (before.has(key) || key === "fanwenkuPython" || key === "fanwenkuInstall") {
      continue;
    }
    const value = context[key];
    if (value && typeof value === "object") {
      names.push(...Object.keys(value).map((member) => `${key}.${member}`));
    } else {
      names.push(key);
    }
  }
  return names;
}

function answer(request) {
  if (request.load) {
    shared = newContext();
    for (const script of request.load) {
      vm.runInContext(script, shared);
    }
    return { ok: true };
  }
  if (request.calls) {
    return { results: request.calls.map(([name, args]) => call(name, args)) };
  }
  if (request.exports) {
    return { exports: exportsOf(request.exports) };
  }
  throw new Error(`unknown request: ${Object.keys(request)}`);
}

const lines = createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
lines.on("line", (line) => {
  let reply;
  try {
    reply = answer(JSON.parse(line));
  } catch (error) {
    reply = { failed: String(error?.stack ?? error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
});
