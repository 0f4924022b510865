/**
 * The HTTP API under load on a national universe of 1,000,000 enterprises (the
 * assessment bench's generated database, bench/.work/assess-universe.duckdb,
 * reused when present): the real server on an ephemeral port, and a load
 * generator — wrk (installed by `npm run bench` from Debian), else autocannon on
 * threads of its own — with 32 connections for 20 s against, one after another,
 *   /api/health          the trivial route: the server's own ceiling
 *   /api/assessments/36  Jiangxi's assessment (its lists cut, their totals given: see ui-views.ts)
 *   /api/chain-map/36    the chain map page's data
 * Each route is asked once before it is measured, so the figures are those of
 * the cached run (the first request of a region computes it; see
 * src/server/assessment-cache.ts). Requests are a signed-in viewer's, as a
 * browser sends them: the session cookie, and gzip accepted. Targets (from the
 * web UI issue): p99 under 100 ms, and throughput at least 25 % of /api/health's.
 * `--rows N` (or `api --quick`: 100,000) makes a smaller universe for development.
 */
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { loadFramework } from '../src/ingest/index.js';
import { Database, findUser, insertUser } from '../src/store/index.js';
import { createServer, hashPassword } from '../src/server/index.js';
import { generate } from './assess-provinces.js';
import { formatCount, formatMs, workDir, type BenchOptions, type Benchmark, type SummaryLine } from './harness.js';

const ENTERPRISES = 1_000_000;
const QUICK = 100_000;
const CONNECTIONS = 32;
// The load generator on threads of its own (two: reading compressed bodies it is slower than the server): sharing
// the server's event loop, it would measure itself.
const CLIENT_THREADS = 2;
const SECONDS = 20;
const MAX_P99_MS = 100;
const MIN_RATIO = 0.25;
const ROUTES = ['/api/health', '/api/assessments/36', '/api/chain-map/36'] as const;

interface Measured {
  readonly route: string;
  readonly p50: number;
  readonly p99: number;
  readonly rps: number;
  readonly bytes: number;
  readonly errors: number;
}

const VIEWER = { username: 'bench-viewer', password: 'bench viewer password' } as const;

/** A viewer account in the bench database (made once), signed in: the headers a browser sends with each request. */
async function signedIn(db: Database, url: string): Promise<Record<string, string>> {
  if (!(await findUser(db, VIEWER.username))) {
    await insertUser(db, { username: VIEWER.username, displayName: VIEWER.username, role: 'viewer', passwordHash: await hashPassword(VIEWER.password) });
  }
  const login = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(VIEWER) });
  if (!login.ok) throw new Error(`sign-in: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, 'accept-encoding': 'gzip, deflate, br' };
}

/** A wrk duration (`870.00us`, `4.68ms`, `1.20s`) in milliseconds. */
function wrkMs(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) return Number.NaN;
  return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000, m: 60_000 } as Record<string, number>)[m[2] as string]!;
}

/** wrk (a C load generator, one thread) when it is installed: unlike autocannon it reads big bodies faster than the server writes them. */
async function measureWrk(url: string, route: string, seconds: number, headers: Record<string, string>): Promise<Measured> {
  const args = ['-t1', `-c${CONNECTIONS}`, `-d${seconds}s`, '--latency', ...Object.entries(headers).flatMap(([k, v]) => ['-H', `${k}: ${v}`]), `${url}${route}`];
  // Spawned, not run synchronously: the server answering it lives on this thread.
  const child = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`wrk ${args.join(' ')}: exit ${code}\n${out}`);
  const find = (re: RegExp) => re.exec(out)?.[1];
  const requests = Number(find(/(\d+) requests in/) ?? 0);
  const transfer = find(/Transfer\/sec:\s+([\d.]+\w+)/) ?? '0B';
  const unit = /([\d.]+)(\w+)/.exec(transfer);
  const perSecond = unit ? Number(unit[1]) * ({ B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 } as Record<string, number>)[unit[2] as string]! : 0;
  const rps = Number(find(/Requests\/sec:\s+([\d.]+)/) ?? 0);
  const errors = Number(find(/Non-2xx or 3xx responses:\s+(\d+)/) ?? 0) + (/Socket errors/.test(out) ? 1 : 0);
  return {
    route, p50: wrkMs(find(/\s50%\s+(\S+)/) ?? ''), p99: wrkMs(find(/\s99%\s+(\S+)/) ?? ''), rps, bytes: perSecond / Math.max(1, rps),
    errors: requests > 0 ? errors : 1,
  };
}

/** Milliseconds as printed: two decimals below 10 ms (wrk measures microseconds). */
const latency = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(0));

const hasWrk = () => spawnSync('wrk', ['--version'], { stdio: 'ignore' }).error === undefined;

async function measureAutocannon(url: string, route: string, seconds: number, headers: Record<string, string>): Promise<Measured> {
  const result = await autocannon({ url: `${url}${route}`, connections: CONNECTIONS, duration: seconds, headers, workers: CLIENT_THREADS });
  return {
    route, p50: result.latency.p50, p99: result.latency.p99, rps: result.requests.average,
    bytes: result.throughput.average / Math.max(1, result.requests.average), errors: result.errors + result.non2xx,
  };
}

export const apiBench: Benchmark = {
  name: 'api',
  description: `wrk (else autocannon), ${CONNECTIONS} connections × ${SECONDS} s (5 s with --quick), on ${formatCount(ENTERPRISES)} enterprises (--quick: ${formatCount(QUICK)}): health, assessment, chain map`,
  async run(options: BenchOptions): Promise<SummaryLine[]> {
    const quick = process.argv.includes('--quick');
    const enterprises = options.rows ?? (quick ? QUICK : ENTERPRISES);
    const seconds = quick ? 5 : SECONDS;
    const file = join(workDir(), enterprises === ENTERPRISES ? 'assess-universe.duckdb' : `api-universe-${enterprises}.duckdb`);
    const made = await generate(file, enterprises);
    console.log(`  universe: ${formatCount(enterprises)} enterprises, ${made.reused ? 'reused' : `generated in ${formatMs(made.ms)}`}`);
    const { db } = await Database.open(file);
    const app = createServer({ db, framework: loadFramework(), webRoot: false });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const results: Measured[] = [];
    try {
      const headers = await signedIn(db, url);
      const wrk = hasWrk();
      const measure = wrk ? measureWrk : measureAutocannon;
      console.log(`  load generator: ${wrk ? 'wrk, one thread' : `autocannon, ${CLIENT_THREADS} threads (wrk is not installed)`}`);
      for (const route of ROUTES) {
        const started = performance.now();
        const first = await fetch(`${url}${route}`, { headers });
        if (!first.ok) throw new Error(`${route}: ${first.status} ${await first.text()}`);
        const size = (await first.arrayBuffer()).byteLength;
        console.log(`  ${route}: first answer ${formatMs(performance.now() - started)}, ${formatCount(size)} bytes`);
        results.push(await measure(url, route, seconds, headers));
      }
    } finally {
      await app.close();
      db.close();
    }
    const health = results[0] as Measured;
    const lines: SummaryLine[] = [];
    for (const r of results) {
      const ratio = r.rps / health.rps;
      console.log(`  ${r.route.padEnd(22)} p50 ${latency(r.p50)} ms  p99 ${latency(r.p99)} ms  ${formatCount(Math.round(r.rps))} req/s  ${(ratio * 100).toFixed(1)} % of health  errors ${r.errors}`);
      lines.push({ benchmark: 'api', metric: `${r.route} p50 / p99`, value: `${latency(r.p50)} / ${latency(r.p99)} ms`, target: `p99 < ${MAX_P99_MS} ms`, pass: r.p99 < MAX_P99_MS && r.errors === 0 });
      if (r !== health) {
        lines.push({ benchmark: 'api', metric: `${r.route} req/s vs health`, value: `${formatCount(Math.round(r.rps))} (${(ratio * 100).toFixed(1)} %)`, target: `>= ${MIN_RATIO * 100} %`, pass: ratio >= MIN_RATIO });
      }
    }
    return lines;
  },
};
