// Medians, the printed table and the SVG chart of a benchmark run.

export interface Row {
  workload: string;
  unit: string;
  /** Whether a larger figure is better (throughput) or a smaller one (latency, time). */
  better: "higher" | "lower";
  tenantgres: number[];
  postgres: number[];
  /** The ratio this row should reach (Tenantgres relative to PostgreSQL, >1 is faster). */
  goal?: number;
  note?: string;
}

export function median(xs: number[]): number {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

/** Tenantgres relative to PostgreSQL: above 1 means Tenantgres is faster. */
export function ratio(row: Row): number {
  const t = median(row.tenantgres);
  const p = median(row.postgres);
  return row.better === "higher" ? t / p : p / t;
}

function fmt(x: number): string {
  if (!Number.isFinite(x)) return "–";
  if (Math.abs(x) >= 100) return x.toFixed(0);
  if (Math.abs(x) >= 10) return x.toFixed(1);
  return x.toFixed(2);
}

/** A Markdown table: medians, ratio, goal. */
export function table(rows: Row[]): string {
  const lines = [
    "| workload | unit | Tenantgres | PostgreSQL | ratio | goal |",
    "| --- | --- | ---: | ---: | ---: | --- |",
  ];
  for (const r of rows) {
    const q = ratio(r);
    const goal = r.goal === undefined ? "" : `≥ ${r.goal}x ${q >= r.goal ? "met" : "not met"}`;
    lines.push(
      `| ${r.workload} | ${r.unit} | ${fmt(median(r.tenantgres))} | ${fmt(median(r.postgres))} | ${fmt(q)}x | ${goal} |`,
    );
  }
  return lines.join("\n");
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** A horizontal bar chart of the ratios on a log scale, with 1x marked. */
export function svgChart(rows: Row[], title: string): string {
  const shown = rows.filter((r) => Number.isFinite(ratio(r)));
  // About 6.6 pixels per character of 12-pixel sans-serif.
  const labelW = Math.max(200, 20 + 6.6 * Math.max(...shown.map((r) => r.workload.length)));
  const barW = 420;
  const rowH = 22;
  const top = 40;
  const height = top + shown.length * rowH + 40;
  const width = labelW + barW + 90;
  const ratios = shown.map(ratio);
  const lo = Math.min(0.01, ...ratios);
  const hi = Math.max(10, ...ratios);
  const x = (v: number) =>
    labelW + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * barW;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="20" font-size="14" font-weight="bold">${xml(title)}</text>`,
  ];
  shown.forEach((r, i) => {
    const y = top + i * rowH;
    const q = ratio(r);
    const x0 = x(1);
    const x1 = x(q);
    const color = q >= (r.goal ?? 1) ? "#2a9d8f" : "#e76f51";
    parts.push(`<text x="${labelW - 8}" y="${y + 15}" text-anchor="end">${xml(r.workload)}</text>`);
    parts.push(
      `<rect x="${Math.min(x0, x1).toFixed(1)}" y="${y + 3}" width="${Math.max(1, Math.abs(x1 - x0)).toFixed(1)}" height="${rowH - 6}" fill="${color}"/>`,
    );
    parts.push(`<text x="${(Math.max(x0, x1) + 4).toFixed(1)}" y="${y + 15}">${fmt(q)}x</text>`);
  });
  const axisY = top + shown.length * rowH + 4;
  for (const tick of [0.01, 0.1, 1, 10, 100, 1000].filter((t) => t >= lo && t <= hi)) {
    parts.push(
      `<line x1="${x(tick)}" y1="${top}" x2="${x(tick)}" y2="${axisY}" stroke="${tick === 1 ? "#000" : "#ccc"}"/>`,
    );
    parts.push(`<text x="${x(tick)}" y="${axisY + 14}" text-anchor="middle">${tick}x</text>`);
  }
  parts.push(
    `<text x="${labelW}" y="${axisY + 30}">Tenantgres relative to PostgreSQL (log scale; right of 1x: Tenantgres faster)</text>`,
    "</svg>",
  );
  return `${parts.join("\n")}\n`;
}
