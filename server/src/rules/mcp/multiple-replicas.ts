// An MCP server with its own OAuth 2.1 authorization server keeps the PKCE verifier of each
// /authorize and the clients registered through /register in process memory (the common SDKs do
// unless given a shared store). With several pods behind one Service, /authorize, /callback and
// /token land on different pods and the flow fails.
import type { Rule } from '../../engine/rule';
import { autoscalers, chartReplicas, literalCount, mcpWorkloads } from '../../engine/views/mcp';
import { saysMcp } from '../../engine/views/ingress';

const SYMPTOM = 'a login that starts on one pod and comes back to another fails ("invalid_grant", "unknown client_id", "invalid PKCE verifier") and the MCP client keeps asking to reconnect';

export const rule: Rule = {
  meta: {
    id: 'mcp/multiple-replicas',
    defaultSeverity: 'warning',
    summary: 'An MCP server that keeps PKCE state and registered clients in memory must run as one replica: with replicas > 1 or an autoscaler the OAuth flow fails across pods.',
    fixable: false,
    crossFile: true,
  },
  check(ctx) {
    for (const w of mcpWorkloads(ctx.file)) {
      const n = literalCount(w.replicas);
      if (n === undefined || n <= 1 || !w.replicas) continue;
      ctx.report({
        start: w.replicas.start,
        end: w.replicas.end,
        message: `This MCP server (${w.because}) runs ${n} replicas but keeps PKCE verifiers and registered OAuth clients in memory: ${SYMPTOM}; run 1 replica or give it a shared store.`,
      });
    }

    const scalers = autoscalers(ctx.file);
    const known = scalers.length > 0 ? ctx.index.all('mcpWorkloads') : [];
    const here = mcpWorkloads(ctx.file);
    for (const a of scalers) {
      const t = a.targetName;
      if (!t) continue;
      const name = t.known ? t.text : t.pattern;
      const ns = a.manifest.namespace?.known ? a.manifest.namespace.text : undefined;
      const target =
        saysMcp(name) ||
        here.some((w) => w.name?.known && w.name.text === name && w.manifest.kind === (a.targetKind ?? w.manifest.kind)) ||
        (t.known && known.some((f) => f.name === name && f.kind === (a.targetKind ?? f.kind) && (!ns || !f.namespace || f.namespace === ns)));
      if (!target) continue;
      const max = a.max ? literalCount(a.max) : a.kind === 'ScaledObject' ? 100 : undefined;
      if (max === undefined || max <= 1) continue;
      const at = a.max ?? t;
      ctx.report({
        start: at.start,
        end: at.end,
        message: `This ${a.kind} scales the MCP server ${name} up to ${max} pods, but the server keeps PKCE verifiers and registered OAuth clients in memory: ${SYMPTOM}; keep it at 1 replica.`,
      });
    }

    for (const r of chartReplicas(ctx.file)) {
      if (r.kind === 'replicas') {
        const n = literalCount(r.value);
        if (n === undefined || n <= 1) continue;
        ctx.report({
          start: r.value.start,
          end: r.value.end,
          message: `This MCP server (chart ${r.chart.chart}) runs ${n} replicas but keeps PKCE verifiers and registered OAuth clients in memory: ${SYMPTOM}; set it to 1 or give the server a shared store.`,
        });
      } else {
        if (!r.value.known || (r.max !== undefined && r.max <= 1)) continue;
        ctx.report({
          start: r.value.start,
          end: r.value.end,
          message: `Autoscaling is on for this MCP server (chart ${r.chart.chart}), but it keeps PKCE verifiers and registered OAuth clients in memory: ${SYMPTOM}; turn autoscaling off and run 1 replica.`,
        });
      }
    }
  },
};
