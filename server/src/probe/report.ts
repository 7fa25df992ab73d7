// What a probe run amounts to: the steps under the chosen spec revision, one verdict, an exit
// code, and the two ways of printing it (text for people, JSON for scripts).
import { SPEC_REVISIONS, STEP_TITLES, type PerSpec, type SpecRevision, type StepId, type StepStatus } from './steps';

export type Verdict = 'ok' | 'misconfigured' | 'browser-only-auth' | 'unreachable';

export interface ProbeStep {
  id: StepId;
  title: string;
  status: StepStatus;
  detail: string;
}

export interface ProbeReport {
  url: string;
  spec: SpecRevision;
  steps: ProbeStep[];
  verdict: Verdict;
}

/** One step under `spec`, with a short note when the other revision judges it differently. */
export function stepUnder(id: StepId, judged: PerSpec, spec: SpecRevision): ProbeStep {
  const own = judged[spec];
  const other = SPEC_REVISIONS.find((s) => s !== spec) as SpecRevision;
  const differs = judged[other].status !== own.status ? ` [under ${other}: ${judged[other].status}]` : '';
  return { id, title: STEP_TITLES[id], status: own.status, detail: `${own.detail}${differs}` };
}

/**
 * Unreachable when step 1 could not get an HTTP answer at all; browser-only auth when step 6
 * fails (it explains every other failure); misconfigured on any other failure.
 */
export function verdictOf(steps: ProbeStep[], reached: boolean): Verdict {
  if (!reached) return 'unreachable';
  if (steps.some((s) => s.id === '6' && s.status === 'fail')) return 'browser-only-auth';
  return steps.some((s) => s.status === 'fail') ? 'misconfigured' : 'ok';
}

/** 0 when no step fails, 1 otherwise; 2 (could not run) is decided before a report exists. */
export function exitCodeOf(report: ProbeReport): number {
  return report.steps.some((s) => s.status === 'fail') ? 1 : 0;
}

const VERDICT_TEXT: Record<Verdict, string> = {
  ok: 'ok: MCP clients can discover, register and start authorization',
  misconfigured: 'misconfigured: MCP clients will fail at the steps marked FAIL',
  'browser-only-auth': 'browser-only auth: the endpoint sits behind a login meant for browsers; MCP clients cannot get through',
  unreachable: 'unreachable: no HTTP answer from the endpoint',
};

export function formatProbeText(report: ProbeReport): string {
  const lines = [`MCP authorization probe: ${report.url} (spec ${report.spec})`, ''];
  for (const s of report.steps) {
    lines.push(`${s.status.toUpperCase().padEnd(4)}  ${s.id.padEnd(2)}  ${s.title}`);
    lines.push(`          ${s.detail}`);
  }
  const count = (st: StepStatus): number => report.steps.filter((s) => s.status === st).length;
  lines.push('', `Verdict: ${VERDICT_TEXT[report.verdict]} (${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped)`);
  return `${lines.join('\n')}\n`;
}

/** The public JSON shape: {"url","steps":[{"id","status","detail"}],"verdict"}. */
export function formatProbeJson(report: ProbeReport): string {
  const shape = {
    url: report.url,
    steps: report.steps.map(({ id, status, detail }) => ({ id, status, detail })),
    verdict: report.verdict,
  };
  return `${JSON.stringify(shape, null, 2)}\n`;
}
