import { cpus, totalmem } from 'node:os';

/** Command-line flags shared by the benchmarks: `--json`, `--name value` and `--name=value`. */
export interface BenchArgs {
  json: boolean;
  has(flag: string): boolean;
  number(name: string, fallback: number): number;
  /** `--name value` or `--name=value`; undefined when absent. */
  text(name: string): string | undefined;
}

export function parseArgs(argv: readonly string[] = process.argv.slice(2)): BenchArgs {
  const valueOf = (name: string): string | undefined => {
    const inline = argv.find((arg) => arg.startsWith(`--${name}=`));
    if (inline) return inline.slice(name.length + 3);
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    text: valueOf,
    json: argv.includes('--json'),
    has: (flag) => argv.includes(`--${flag}`),
    number: (name, fallback) => {
      const raw = valueOf(name);
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} takes a positive number, got "${raw}"`);
      return value;
    },
  };
}

export interface Machine {
  nproc: number;
  cpu: string;
  memoryGiB: number;
  node: string;
}

/** What the figures were measured on (goes into every --json line and docs). */
export const machine = (): Machine => ({
  nproc: cpus().length,
  cpu: cpus()[0]?.model.trim() ?? 'unknown',
  memoryGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  node: process.version,
});

type Cell = string | number | boolean | null | undefined;

/** Prints rows as a Markdown table (readable in a terminal, pasteable into docs). */
export function printTable(title: string, rows: ReadonlyArray<Record<string, Cell>>): void {
  const first = rows[0];
  if (first === undefined) return;
  const columns = Object.keys(first);
  const show = (cell: Cell) => (cell === undefined || cell === null ? '' : typeof cell === 'number' ? formatNumber(cell) : String(cell));
  console.log(`\n${title}\n`);
  console.log(`| ${columns.join(' | ')} |`);
  console.log(`|${columns.map(() => '---').join('|')}|`);
  for (const row of rows) console.log(`| ${columns.map((column) => show(row[column])).join(' | ')} |`);
}

const formatNumber = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(n < 10 ? 2 : 1));

/** A target check, printed as ✔ / ✘ and listed in the JSON. */
export interface TargetCheck {
  name: string;
  target: string;
  measured: number | string;
  met: boolean;
}

export function printTargets(checks: readonly TargetCheck[]): void {
  console.log('\nTargets\n');
  for (const check of checks) console.log(`${check.met ? '✔' : '✘'} ${check.name}: ${check.measured} (target ${check.target})`);
}

/** The benchmark's one JSON object, always the last line of its output. */
export function printJsonLine(benchmark: string, figures: Record<string, unknown>, checks: readonly TargetCheck[]): void {
  console.log(JSON.stringify({ benchmark, date: new Date().toISOString(), machine: machine(), ...figures, targets: checks, targetsMissed: checks.filter((c) => !c.met).map((c) => c.name) }));
}

/** Percentile (nearest rank) of unsorted samples; 0 for none. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
