export * from "./dom.ts";
export * from "./format.ts";
export * from "./teams.ts";
