/** One x position of the room chart: p99s in ms per series (NaN or missing = not measured). */
export interface ChartPoint {
  n: number;
  series: Record<string, number>;
}

export interface SeriesStyle {
  key: string;
  label: string;
  color: string;
  dashed: boolean;
}

const W = 720;
const H = 420;
const M = { left: 70, right: 200, top: 40, bottom: 50 };

const esc = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Decades spanning every finite positive value, at least one decade. */
export function logBounds(values: readonly number[]): { lo: number; hi: number } {
  const finite = values.filter((v) => Number.isFinite(v) && v > 0);
  if (finite.length === 0) return { lo: 1, hi: 10 };
  const lo = Math.floor(Math.log10(Math.min(...finite)));
  const hi = Math.max(lo + 1, Math.ceil(Math.log10(Math.max(...finite))));
  return { lo, hi };
}

/**
 * A dependency-free SVG line chart: x = clients (linear), y = latency (log10).
 * Hand-written so the benchmark can regenerate it on any machine.
 */
export function renderChart(title: string, points: readonly ChartPoint[], styles: readonly SeriesStyle[]): string {
  const all = points.flatMap((p) => styles.map((s) => p.series[s.key] ?? Number.NaN));
  const { lo, hi } = logBounds(all);
  const ns = points.map((p) => p.n);
  const nMin = Math.min(...ns, 0);
  const nMax = Math.max(...ns, 1);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const x = (n: number): number => M.left + ((n - nMin) / (nMax - nMin || 1)) * pw;
  const y = (v: number): number => M.top + ph - ((Math.log10(v) - lo) / (hi - lo)) * ph;
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="sans-serif" font-size="12">`);
  out.push(`<rect width="${W}" height="${H}" fill="#fff"/>`);
  out.push(`<text x="${M.left}" y="22" font-size="15" font-weight="bold">${esc(title)}</text>`);
  for (let d = lo; d <= hi; d++) {
    const v = 10 ** d;
    const yy = y(v).toFixed(1);
    out.push(`<line x1="${M.left}" x2="${M.left + pw}" y1="${yy}" y2="${yy}" stroke="#ddd"/>`);
    const label = v >= 1000 ? `${v / 1000} s` : `${v} ms`;
    out.push(`<text x="${M.left - 8}" y="${yy}" text-anchor="end" dominant-baseline="middle">${label}</text>`);
  }
  for (const n of ns) {
    const xx = x(n).toFixed(1);
    out.push(`<line x1="${xx}" x2="${xx}" y1="${M.top}" y2="${M.top + ph}" stroke="#eee"/>`);
    out.push(`<text x="${xx}" y="${M.top + ph + 18}" text-anchor="middle">${n}</text>`);
  }
  out.push(`<text x="${M.left + pw / 2}" y="${H - 10}" text-anchor="middle">clients in the room (N)</text>`);
  out.push(`<text transform="translate(16 ${M.top + ph / 2}) rotate(-90)" text-anchor="middle">p99 latency (log scale)</text>`);
  out.push(`<rect x="${M.left}" y="${M.top}" width="${pw}" height="${ph}" fill="none" stroke="#888"/>`);
  styles.forEach((s, i) => {
    const pts = points
      .map((p) => ({ n: p.n, v: p.series[s.key] ?? Number.NaN }))
      .filter((p) => Number.isFinite(p.v) && p.v > 0);
    const dash = s.dashed ? ` stroke-dasharray="6 4"` : "";
    if (pts.length > 1) {
      const d = pts.map((p, k) => `${k === 0 ? "M" : "L"}${x(p.n).toFixed(1)},${y(p.v).toFixed(1)}`).join(" ");
      out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="2"${dash}/>`);
    }
    for (const p of pts) {
      out.push(`<circle cx="${x(p.n).toFixed(1)}" cy="${y(p.v).toFixed(1)}" r="3.5" fill="${s.color}"><title>${esc(s.label)} N=${p.n}: ${p.v.toFixed(1)} ms</title></circle>`);
    }
    const ly = M.top + 10 + i * 22;
    const lx = M.left + pw + 14;
    out.push(`<line x1="${lx}" x2="${lx + 26}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${lx + 32}" y="${ly}" dominant-baseline="middle">${esc(s.label)}</text>`);
  });
  out.push(`</svg>`);
  return `${out.join("\n")}\n`;
}
