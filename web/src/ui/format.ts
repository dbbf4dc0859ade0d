// Times and numbers as the timing screens show them.

export function lapTime(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms) || ms <= 0) return "—";
  const m = Math.floor(ms / 60_000);
  const s = (ms % 60_000) / 1000;
  return m > 0 ? `${m}:${s.toFixed(3).padStart(6, "0")}` : s.toFixed(3);
}

export function gap(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  return `+${(ms / 1000).toFixed(3)}`;
}

export function delta(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  return `${ms < 0 ? "−" : "+"}${Math.abs(ms / 1000).toFixed(3)}`;
}

export function clock(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return "—";
  const s = Math.max(0, Math.floor(ms / 1000));
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(hh ? 2 : 1, "0");
  const ss = String(s % 60).padStart(2, "0");
  return hh ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

export function num(v: number | undefined, digits = 0, unit = ""): string {
  if (v === undefined || !Number.isFinite(v)) return "—";
  return `${v.toFixed(digits)}${unit}`;
}

export function gear(g: number | undefined): string {
  if (g === undefined) return "—";
  return g < 0 ? "R" : g === 0 ? "N" : String(g);
}

/** First letter of a compound for the tower ("Soft" -> S, "Intermediate" -> I, "C3" -> C3). */
export function tyreLetter(compound: string | undefined): string {
  if (!compound) return "?";
  return /^C\d/.test(compound) ? compound.slice(0, 2) : compound.slice(0, 1).toUpperCase();
}

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s ago` : `${Math.round(s / 60)}m ago`;
}
