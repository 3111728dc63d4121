import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/** One series of a backfill: labels and a value per sample time (undefined: no sample). */
export interface BackfillSeries {
  labels: Record<string, string>;
  /** First and last sample time (epoch ms, inclusive) and the scrape interval. */
  fromMs: number;
  toMs: number;
  intervalMs: number;
  /** Value at sample time `t`; `undefined` leaves the scrape out (a gap). */
  value(t: number): number | undefined;
  /** Sample times (ascending) instead of fromMs..toMs by intervalMs: jittered scrapes. */
  times?: number[];
}

function sampleTimes(series: BackfillSeries): Iterable<number> {
  if (series.times) return series.times;
  return (function* steps() {
    for (let t = series.fromMs; t <= series.toMs; t += series.intervalMs) {
      yield t;
    }
  })();
}

export interface BackfillFamily {
  /** Family name; counters get `_total` appended to their samples. */
  name: string;
  type: 'counter' | 'gauge' | 'unknown';
  help?: string;
  series: BackfillSeries[];
}

function labelText(labels: Record<string, string>): string {
  const entries = Object.entries(labels);
  if (!entries.length) return '';
  return `{${entries
    .map(
      ([key, value]) =>
        `${key}="${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`,
    )
    .join(',')}}`;
}

/**
 * Writes families as OpenMetrics text, the input of
 * `promtool tsdb create-blocks-from openmetrics`: series grouped per family, samples in
 * time order, timestamps in seconds, `# EOF` at the end. Streams, since weeks of
 * 1-minute samples are tens of megabytes. With `slice`, only samples in
 * [slice.fromMs, slice.toMs) are written.
 */
export async function writeOpenMetrics(
  path: string,
  families: BackfillFamily[],
  slice: { fromMs: number; toMs: number } = {
    fromMs: -Infinity,
    toMs: Infinity,
  },
): Promise<number> {
  const out = createWriteStream(path);
  let samples = 0;
  let buffer = '';
  const flush = async () => {
    if (!out.write(buffer)) await once(out, 'drain');
    buffer = '';
  };
  for (const family of families) {
    if (family.help) buffer += `# HELP ${family.name} ${family.help}\n`;
    buffer += `# TYPE ${family.name} ${family.type}\n`;
    const sampleName =
      family.type === 'counter' ? `${family.name}_total` : family.name;
    for (const series of family.series) {
      const prefix = `${sampleName}${labelText(series.labels)} `;
      for (const t of sampleTimes(series)) {
        if (t < slice.fromMs || t >= slice.toMs) continue;
        const value = series.value(t);
        if (value === undefined) continue;
        buffer += `${prefix}${value} ${t / 1000}\n`;
        samples++;
        if (buffer.length > 1 << 20) await flush();
      }
    }
  }
  buffer += '# EOF\n';
  await flush();
  out.end();
  await once(out, 'finish');
  return samples;
}

/** First and last sample time over all series. */
export function sampleSpan(families: BackfillFamily[]): {
  fromMs: number;
  toMs: number;
} {
  const all = families.flatMap(family => family.series);
  return {
    fromMs: Math.min(...all.map(series => series.fromMs)),
    toMs: Math.max(...all.map(series => series.toMs)),
  };
}
