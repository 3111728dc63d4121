/**
 * A real Prometheus (Debian's `prometheus` package, scripts/ensure-prometheus.sh) that
 * scrapes the given targets every 250 ms, on a free loopback port, with its data in a
 * temporary folder it deletes on stop.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { freePort, start, waitForOk } from './processes';

export const PROMETHEUS_BIN =
  process.env.PROMETHEUS_BIN ?? '/usr/bin/prometheus';

export const SCRAPE_INTERVAL_MS = 250;

/** CI and the repo's test command install Prometheus: there, missing is a failure. */
export function prometheusExpected(): boolean {
  return (
    existsSync(PROMETHEUS_BIN) ||
    Boolean(process.env.CI || process.env.PORTAL_REQUIRE_POSTGRES)
  );
}

export interface ScrapingPrometheus {
  baseUrl: string;
  /** Resolves when every target has been scraped at least `count` times. */
  scraped(count: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startScrapingPrometheus(
  targets: Record<string, string>,
): Promise<ScrapingPrometheus> {
  if (!existsSync(PROMETHEUS_BIN)) {
    throw new Error(
      `${PROMETHEUS_BIN} not found: run scripts/ensure-prometheus.sh`,
    );
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'golden-path-prometheus-'));
  const config = {
    global: {
      scrape_interval: `${SCRAPE_INTERVAL_MS}ms`,
      scrape_timeout: `${SCRAPE_INTERVAL_MS}ms`,
    },
    scrape_configs: Object.entries(targets).map(([job, url]) => {
      const { host, pathname } = new URL(url);
      return {
        job_name: job,
        metrics_path: pathname,
        static_configs: [{ targets: [host] }],
      };
    }),
  };
  await writeFile(path.join(dir, 'prometheus.yml'), stringify(config));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = start(
    `${PROMETHEUS_BIN} --config.file=prometheus.yml --storage.tsdb.path=data --web.listen-address=127.0.0.1:${port} --log.level=warn`,
    { cwd: dir },
  );
  const stop = async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForOk(`${baseUrl}/-/ready`, [server]);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    baseUrl,
    async scraped(count) {
      const query = `min(count_over_time(up[1h]))`;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        const answer = await (
          await fetch(
            `${baseUrl}/api/v1/query?query=${encodeURIComponent(query)}`,
          )
        ).json();
        const value = Number(answer.data?.result?.[0]?.value?.[1] ?? 0);
        const series = Number(
          (
            await (
              await fetch(
                `${baseUrl}/api/v1/query?query=${encodeURIComponent(
                  'count(up == 1)',
                )}`,
              )
            ).json()
          ).data?.result?.[0]?.value?.[1] ?? 0,
        );
        if (value >= count && series === Object.keys(targets).length) return;
        await new Promise(resolve => setTimeout(resolve, SCRAPE_INTERVAL_MS));
      }
      throw new Error(`Prometheus did not scrape every target ${count} times`);
    },
    stop,
  };
}
