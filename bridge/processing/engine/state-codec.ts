// Checkpoints of metric state: JSON with Maps and registered classes kept as what they are, so a metric's
// state can be ordinary Maps and small classes and still round-trip through Redis without save/load code.
// A class opts in with `toJSON()` returning `{ $class: name, ... }` and `registerStateClass(name, fromJSON)`.

const revivers = new Map<string, (json: Record<string, unknown>) => unknown>();

export function registerStateClass(name: string, fromJSON: (json: Record<string, unknown>) => unknown): void {
  revivers.set(name, fromJSON);
}

export function encodeState(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, v) {
    // Buffer's toJSON runs before the replacer: look at the value as it was.
    const original = this[key];
    if (original instanceof Uint8Array) return { $bytes: Buffer.from(original).toString("base64") };
    if (v instanceof Map) return { $map: [...v] };
    if (v instanceof Set) return { $set: [...v] };
    // JSON has no infinities or NaN; state uses them as "not yet" marks.
    if (typeof v === "number" && !Number.isFinite(v)) return { $num: String(v) };
    return v;
  });
}

export function decodeState(text: string): unknown {
  return JSON.parse(text, (_key, v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    if ("$map" in v) return new Map(v.$map);
    if ("$set" in v) return new Set(v.$set);
    if ("$bytes" in v) return new Uint8Array(Buffer.from(v.$bytes, "base64"));
    if ("$num" in v) return Number(v.$num);
    if (typeof v.$class === "string") {
      const revive = revivers.get(v.$class);
      if (!revive) throw new Error(`checkpoint holds an unknown state class ${v.$class}`);
      return revive(v);
    }
    return v;
  });
}

/** For fromJSON methods: a nested value may arrive already revived (decodeState) or as plain JSON. */
export function reviveAs<T>(cls: { fromJSON(json: never): T; prototype: T }, value: unknown): T {
  return value instanceof (cls as unknown as new () => T) ? (value as T) : cls.fromJSON(value as never);
}
