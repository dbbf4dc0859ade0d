// Lookup tables that give meaning to the numeric codes in F1 game UDP packets (packetFormat 2018-2026).
export * from "./drivers.ts";
export * from "./ers-deploy-mode.ts";
export * from "./event-codes.ts";
export * from "./formula.ts";
export * from "./infringements.ts";
export * from "./lookup.ts";
export * from "./nationalities.ts";
export * from "./penalties.ts";
export * from "./regulations-2026.ts";
export * from "./result-status.ts";
export * from "./ruleset.ts";
export * from "./safety-car.ts";
export * from "./session-types.ts";
export * from "./teams.ts";
export * from "./tracks.ts";
export * from "./tyres.ts";
export * from "./weather.ts";
