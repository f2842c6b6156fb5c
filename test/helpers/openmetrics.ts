// A Prometheus textfile as a scraper reads it: parsed by parse-prometheus-text-format (the text-format parser
// Prometheus' own UI used), plus what that parser lets through and Prometheus does not: every value a number,
// no sample timestamps (node_exporter's textfile collector refuses them).
import { createRequire } from 'node:module';

export interface Sample {
  value: number;
  labels: Record<string, string>;
}
export interface Family {
  name: string;
  help: string;
  type: string;
  samples: Sample[];
}

const parse = createRequire(import.meta.url)('parse-prometheus-text-format') as (text: string) => {
  name: string;
  help: string;
  type: string;
  metrics: { value?: string; labels?: Record<string, string>; timestamp_ms?: string }[];
}[];

export function readMetrics(text: string): Map<string, Family> {
  const out = new Map<string, Family>();
  for (const f of parse(text)) {
    // Summaries and histograms (node_exporter's own) carry quantiles or buckets instead of one value.
    const samples = f.metrics.flatMap((m) => {
      if (m.value === undefined) return [];
      if (m.timestamp_ms !== undefined) throw new Error(`${f.name}: a sample carries a timestamp`);
      const value = m.value === '+Inf' ? Infinity : m.value === '-Inf' ? -Infinity : Number(m.value);
      if (m.value.trim() === '' || Number.isNaN(value)) throw new Error(`${f.name}: value "${m.value}" is not a number`);
      return [{ value, labels: m.labels ?? {} }];
    });
    out.set(f.name, { name: f.name, help: f.help, type: f.type, samples });
  }
  return out;
}

/** The samples of `name` whose labels include `match`. */
export function samples(metrics: Map<string, Family>, name: string, match: Record<string, string> = {}): Sample[] {
  return (metrics.get(name)?.samples ?? []).filter((s) => Object.entries(match).every(([k, v]) => s.labels[k] === v));
}
