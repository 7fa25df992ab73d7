// Entry points of the MCP authorization probe: `runProbe` for the VS Code command and
// `probeMain` for `cluster-auth-lint probe-mcp <url>`. Exit codes: 0 every step passes (or is
// skipped), 1 a step fails, 2 the probe could not run (bad URL, bad usage).
import { parseArgs } from 'node:util';
import { exitCodeOf, formatProbeJson, formatProbeText, stepUnder, verdictOf, type ProbeReport, type ProbeStep } from './report';
import { SPEC_REVISIONS, judgeStep1, judgeStep6, newContext, observeEndpoint, runStep2, runStep3, runStep3b, runStep4, runStep5, type PerSpec, type SpecRevision, type StepId } from './steps';

export { formatProbeText, formatProbeJson } from './report';
export type { ProbeReport, ProbeStep, Verdict } from './report';
export type { SpecRevision } from './steps';

export interface ProbeOptions {
  /** Default: 2025-06-18, the stricter revision. */
  spec?: SpecRevision | string;
  /** Per request. */
  timeoutMs?: number;
}

export const DEFAULT_SPEC: SpecRevision = '2025-06-18';
export const DEFAULT_TIMEOUT_MS = 10_000;

/** The probe cannot run: the message says why, for the user. */
export class ProbeUsageError extends Error {}

export function parseProbeUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new ProbeUsageError(`not a URL: ${JSON.stringify(raw)} (expected e.g. https://mcp.example.com/mcp)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new ProbeUsageError(`not an http(s) URL: ${u.protocol}`);
  if (u.username || u.password) throw new ProbeUsageError('the URL carries credentials; give the endpoint URL without them');
  u.hash = '';
  return u.href;
}

function isSpec(s: string): s is SpecRevision {
  return (SPEC_REVISIONS as readonly string[]).includes(s);
}

// A bug in one step must not take the report down: it becomes that step's failure.
async function guarded(run: () => PerSpec | Promise<PerSpec>): Promise<PerSpec> {
  try {
    return await run();
  } catch (e) {
    const detail = `the probe itself failed at this step: ${e instanceof Error ? e.message : String(e)}`;
    return { '2025-06-18': { status: 'fail', detail }, '2025-11-25': { status: 'fail', detail } };
  }
}

export async function runProbe(url: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const spec = options.spec ?? DEFAULT_SPEC;
  if (!isSpec(spec)) throw new ProbeUsageError(`unknown spec revision ${JSON.stringify(spec)} (expected ${SPEC_REVISIONS.join(' or ')})`);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new ProbeUsageError('the timeout must be a positive number of milliseconds');
  const target = parseProbeUrl(url);
  const ctx = newContext(target, timeoutMs, spec);
  const judged = new Map<StepId, PerSpec>();
  const observed = await guarded(async () => {
    await observeEndpoint(ctx);
    return judgeStep1(ctx);
  });
  // Step 1 is judged again after step 2: under 2025-11-25 a missing header is fine when the well-known document exists.
  judged.set('2', await guarded(() => runStep2(ctx)));
  judged.set('1', ctx.endpoint ? await guarded(() => judgeStep1(ctx)) : observed);
  judged.set('3', await guarded(() => runStep3(ctx)));
  judged.set('3b', await guarded(() => runStep3b(ctx)));
  judged.set('4', await guarded(() => runStep4(ctx)));
  judged.set('5', await guarded(() => runStep5(ctx)));
  judged.set('6', await guarded(() => judgeStep6(ctx)));
  const order: StepId[] = ['1', '2', '3', '3b', '4', '5', '6'];
  const steps: ProbeStep[] = order.map((id) => stepUnder(id, judged.get(id) as PerSpec, spec));
  return { url: redactQueryValues(target), spec, steps, verdict: verdictOf(steps, ctx.endpoint?.ok === true) };
}

const USAGE = `Usage: cluster-auth-lint probe-mcp <url> [--spec 2025-06-18|2025-11-25] [--format text|json] [--timeout ms]

Walks the MCP authorization discovery chain against a live MCP endpoint, the way MCP clients
do, and reports each step as pass, fail or skip. It registers a test client if the server
offers dynamic client registration; it never signs in and prints no tokens.

Options:
  --spec REV        judge against this MCP spec revision (default: ${DEFAULT_SPEC}, the stricter)
  --format FORMAT   text (default) or json
  --timeout MS      timeout per request in milliseconds (default: ${DEFAULT_TIMEOUT_MS})
  -h, --help        show this help

Exit codes: 0 every step passes, 1 a step fails, 2 the probe could not run.
`;

export async function probeMain(argv: string[], out: (s: string) => void): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        spec: { type: 'string', default: DEFAULT_SPEC },
        format: { type: 'string', default: 'text' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (e) {
    out(`probe-mcp: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(USAGE);
    return 0;
  }
  const fail = (message: string): number => {
    if (values.format === 'json') out(`${JSON.stringify({ error: message })}\n`);
    else out(`probe-mcp: ${message}\n\n${USAGE}`);
    return 2;
  };
  if (values.format !== 'text' && values.format !== 'json') return fail(`unknown format ${JSON.stringify(values.format)} (expected text or json)`);
  if (positionals.length !== 1) return fail(positionals.length === 0 ? 'give the URL of the MCP endpoint' : `one URL expected, got ${positionals.length} arguments`);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!/^\d+$/.test(values.timeout) || timeoutMs <= 0) return fail(`--timeout wants a positive whole number of milliseconds, got ${JSON.stringify(values.timeout)}`);
  }
  let report: ProbeReport;
  try {
    report = await runProbe(positionals[0], { spec: values.spec, timeoutMs });
  } catch (e) {
    if (e instanceof ProbeUsageError) return fail(e.message);
    throw e;
  }
  out(values.format === 'json' ? formatProbeJson(report) : formatProbeText(report));
  return exitCodeOf(report);
}

/** The probed URL as reported: query values may be tokens, so only their names are kept. */
export function redactQueryValues(raw: string): string {
  const u = new URL(raw);
  if (!u.search) return raw;
  const names = [...u.searchParams.keys()];
  u.search = '';
  return `${u.toString()}?${names.map((n) => `${encodeURIComponent(n)}=***`).join('&')}`;
}
