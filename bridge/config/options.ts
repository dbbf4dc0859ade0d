/**
 * One declaration per setting gives the CLI flag, the environment variable, validation, defaults and the
 * --help text. Configuration is read once at start-up, validated, frozen and passed down: no other module
 * reads process.env.
 */
import { parseArgs } from "node:util";
import { SlipstreamError } from "../errors.ts";

interface Base<T> {
  readonly flag: string;
  readonly env?: string;
  readonly help: string;
  readonly default: T;
}
/** Why a value is refused (read after "<value> "), or undefined when it is fine. */
export type Check = (value: string) => string | undefined;

export type OptionSpec =
  | (Base<string> & { readonly type: "string"; readonly check?: Check })
  | (Base<string | undefined> & { readonly type: "optional-string"; readonly check?: Check })
  | (Base<number> & { readonly type: "integer"; readonly min: number; readonly max: number })
  | (Base<boolean> & { readonly type: "boolean" })
  | (Base<string> & { readonly type: "choice"; readonly choices: readonly string[] })
  | (Base<readonly string[]> & { readonly type: "list"; readonly check?: Check });

export type OptionSpecs = { readonly [key: string]: OptionSpec };

type ValueOf<S extends OptionSpec> = S extends { type: "choice"; choices: readonly (infer C)[] }
  ? C
  : S["type"] extends "integer"
    ? number
    : S["type"] extends "boolean"
      ? boolean
      : S["type"] extends "list"
        ? readonly string[]
        : S["type"] extends "string"
          ? string
          : string | undefined;
export type Config<S extends OptionSpecs> = { readonly [K in keyof S]: ValueOf<S[K]> };

function invalid(spec: OptionSpec, raw: string, why: string): SlipstreamError {
  const where = spec.env ? `--${spec.flag} / ${spec.env}` : `--${spec.flag}`;
  const shown =
    raw.length > 80 ? `${JSON.stringify(raw.slice(0, 40))}... (${raw.length} characters)` : JSON.stringify(raw);
  return new SlipstreamError("invalid-config", `${where}: ${shown} ${why}`);
}

function checked(spec: OptionSpec & { check?: Check }, value: string): string {
  const why = spec.check?.(value);
  if (why !== undefined) throw invalid(spec, value, why);
  return value;
}

function convert(spec: OptionSpec, raw: string): unknown {
  switch (spec.type) {
    case "string":
    case "optional-string":
      return checked(spec, raw);
    case "integer": {
      if (!/^-?\d+$/.test(raw.trim())) throw invalid(spec, raw, "is not a whole number");
      // Every integer has both bounds: unbounded ones overflowed timers (setInterval caps at 2^31-1 ms).
      const n = Number(raw);
      if (n < spec.min) throw invalid(spec, raw, `is below ${spec.min}`);
      if (n > spec.max) throw invalid(spec, raw, `is above ${spec.max}`);
      return n;
    }
    case "boolean":
      if (/^(1|true|yes|on)$/i.test(raw)) return true;
      if (/^(0|false|no|off)$/i.test(raw)) return false;
      throw invalid(spec, raw, "is not true or false");
    case "choice":
      if (!spec.choices.includes(raw)) throw invalid(spec, raw, `is not one of ${spec.choices.join(", ")}`);
      return raw;
    case "list":
      return raw
        .split(",")
        .map((s) => s.trim())
        .filter((s) => s !== "")
        .map((s) => checked(spec, s));
  }
}

export interface Parsed<S extends OptionSpecs> {
  readonly config: Config<S>;
  readonly positionals: readonly string[];
  readonly help: boolean;
}

/** Flags win over environment variables, which win over defaults. Throws SlipstreamError("invalid-config"). */
export function parseOptions<S extends OptionSpecs>(
  specs: S,
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Parsed<S> {
  const flags: Record<string, { type: "string" | "boolean" }> = { help: { type: "boolean" } };
  for (const spec of Object.values(specs)) flags[spec.flag] = { type: spec.type === "boolean" ? "boolean" : "string" };
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    const args = joinNegativeValues(argv, flags);
    ({ values, positionals } = parseArgs({ args, options: flags, allowPositionals: true, strict: true }));
  } catch (error) {
    throw new SlipstreamError("invalid-config", (error as Error).message);
  }
  const config: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const flag = values[spec.flag];
    const raw = flag === undefined ? (spec.env ? env[spec.env] : undefined) : String(flag);
    config[key] = raw === undefined || raw === "" ? spec.default : convert(spec, raw);
  }
  return { config: Object.freeze(config) as Config<S>, positionals, help: values.help === true };
}

/** parseArgs reads `--metrics-port -1` as two options; the help writes it that way, so join it as `--metrics-port=-1`. */
function joinNegativeValues(argv: readonly string[], flags: Record<string, { type: string }>): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--") return [...out, ...argv.slice(i)];
    const next = argv[i + 1];
    if (arg.startsWith("--") && flags[arg.slice(2)]?.type === "string" && next !== undefined && /^-\d+$/.test(next)) {
      out.push(`${arg}=${next}`);
      i++;
    } else out.push(arg);
  }
  return out;
}

/** "0 to 86400" for an integer option, for --help and the README. */
export function rangeOf(spec: OptionSpec): string | undefined {
  if (spec.type !== "integer") return undefined;
  return spec.max === Number.MAX_SAFE_INTEGER ? `${spec.min} or more` : `${spec.min} to ${spec.max}`;
}

/** The --help text: usage line, description, then one block per option. */
export function renderHelp(usage: string, description: string, specs: OptionSpecs): string {
  const lines = [`Usage: ${usage}`, "", description, "", "Options:"];
  for (const spec of Object.values(specs)) {
    const value = spec.type === "boolean" ? "" : spec.type === "choice" ? ` <${spec.choices.join("|")}>` : " <value>";
    const env = spec.env ? `  [env ${spec.env}]` : "";
    const dflt = Array.isArray(spec.default) ? spec.default.join(",") : spec.default;
    const notes = [dflt === undefined || dflt === "" ? "" : `default: ${dflt}`, rangeOf(spec) ?? ""].filter(Boolean);
    lines.push(`  --${spec.flag}${value}${env}`, `      ${spec.help}${notes.length ? ` (${notes.join("; ")})` : ""}`);
  }
  lines.push("  --help", "      Show this help.");
  return lines.join("\n");
}
