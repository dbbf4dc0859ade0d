// Replacing one of kafkajs's CommonJS modules: it loads its protocol modules lazily (on the first produce or
// fetch), so one put in the cache before then is the one it uses.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** A fresh instance of one of kafkajs's modules as shipped (the cache may hold a replacement). */
export function originalModule(path: string): unknown {
  const { Module } = require("node:module") as unknown as {
    Module: new (
      id: string,
    ) => {
      filename: string;
      paths: string[];
      exports: unknown;
      _compile(source: string, file: string): void;
    };
    _nodeModulePaths(from: string): string[];
  };
  const file = require.resolve(`kafkajs/src/protocol/${path}`);
  const m = new Module(file);
  m.filename = file;
  m.paths = (require("node:module") as { _nodeModulePaths(from: string): string[] })._nodeModulePaths(file);
  m._compile(readFileSync(file, "utf8"), file);
  return m.exports;
}

/** Puts `exports` in the CommonJS cache as kafkajs's module `path`, unless `loadedBy` (its user) already loaded. */
export function replaceModule(path: string, loadedBy: string, exports: unknown): boolean {
  const file = require.resolve(`kafkajs/src/protocol/${path}`);
  const cached = require.cache[file];
  if (cached) return cached.exports === exports;
  // Too late: the module that uses it already holds the original.
  if (require.cache[require.resolve(`kafkajs/src/protocol/${loadedBy}`)]) return false;
  const { Module } = require("node:module") as typeof import("node:module");
  const module = new Module(file);
  module.filename = file;
  module.loaded = true;
  module.exports = exports;
  require.cache[file] = module;
  return true;
}
