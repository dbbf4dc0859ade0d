// Team colours by the team's name (names differ by game year; ids do too), else a stable colour per teamId.

const COLOURS: readonly [RegExp, string][] = [
  [/mercedes/i, "#27f4d2"],
  [/ferrari/i, "#e8002d"],
  [/red ?bull/i, "#3671c6"],
  [/williams/i, "#64c4ff"],
  [/aston/i, "#229971"],
  [/alpine|renault/i, "#ff87bc"],
  [/alpha ?tauri|toro ?rosso|racing bulls|visa|^rb\b/i, "#6692ff"],
  [/haas/i, "#b6babd"],
  [/mclaren/i, "#ff8000"],
  [/sauber|alfa|kick|stake|audi/i, "#52e252"],
  [/racing point|force india/i, "#f596c8"],
  [/cadillac/i, "#c9a227"],
];

export function teamColour(team: string | undefined, teamId: number): string {
  for (const [re, colour] of COLOURS) if (team && re.test(team)) return colour;
  const hue = (teamId * 67) % 360;
  return `hsl(${hue} 70% 55%)`;
}

/** Tyre compound colours (visual compounds). */
export function tyreColour(visual: string | undefined): string {
  const v = (visual ?? "").toLowerCase();
  if (v.startsWith("soft") || v.startsWith("super") || v.startsWith("ultra") || v.startsWith("hyper")) return "#e8002d";
  if (v.startsWith("medium")) return "#ffd12e";
  if (v.startsWith("hard")) return "#f0f0f0";
  if (v.startsWith("inter")) return "#43b047";
  if (v.startsWith("wet")) return "#0067ad";
  return "#999";
}
