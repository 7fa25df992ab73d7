// The "Dex through oidc.config" pattern (oidc.config's issuer is `<url>/api/dex`) hands the CLI
// whatever oidc.config names: without `cliClientID` the CLI logs in as `argo-cd`, a confidential
// client without the CLI's localhost callback; and `allowedAudiences`, once set, replaces the
// default audiences, so the CLI's client must be listed there too.
import { isSeq } from 'yaml';
import type { Rule } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import { appendToSeq, columnOf, contentEnd, insertLineAfter } from '../../engine/edits';
import { pairRange } from '../../engine/source';
import { comparePatterns, dexViews, oidcThroughDex, type DexView, type Pattern } from '../../engine/views/dex';

const CLI = 'argo-cd-cli';

function addCliClientId(v: DexView): TextEdit | undefined {
  const oidc = v.oidc!;
  const src = v.settings.oidcConfig!.src;
  const after = oidc.clientIDPair ?? oidc.issuerPair;
  if (!src.exact || !after || oidc.root.flow) return undefined;
  const keyStart = src.toOuter((after.key as { range: [number, number, number] }).range[0]);
  const end = contentEnd(src, after);
  return end === undefined ? undefined : insertLineAfter(src, end, columnOf(src, keyStart), `cliClientID: ${CLI}`);
}

export const rule: Rule = {
  meta: {
    id: 'argocd/oidc-dex-cli-client',
    defaultSeverity: 'warning',
    summary: 'Dex through oidc.config needs `cliClientID: argo-cd-cli`, and `allowedAudiences` (when set) must list it, or `argocd login --sso` fails.',
    fixable: true,
  },
  check(ctx) {
    for (const v of dexViews(ctx.file)) {
      if (!oidcThroughDex(v)) continue;
      const oidc = v.oidc!;
      const src = v.settings.oidcConfig!.src;
      const missingCli = !oidc.cliClientIDPair && !oidc.templated;
      const cli: Pattern | undefined = oidc.cliClientIDPair ? oidc.cliClientID : { pattern: CLI, known: true };
      const audience = cli ? missingAudience(v, cli) : undefined;
      const client = oidc.clientID?.known ? oidc.clientID.text : 'argo-cd';
      if (missingCli) {
        const at = oidc.clientIDPair ? pairRange(src, oidc.clientIDPair) : { start: oidc.issuer!.start, end: oidc.issuer!.end };
        const cliEdit = addCliClientId(v);
        // Offered only when it does the whole job: both edits, or the one that is needed.
        const complete = !!cliEdit && (!audience || !!audience.edit);
        const edits = [cliEdit, audience?.edit].filter((e): e is TextEdit => !!e);
        const fixes: Fix[] = complete ? [{ title: audience ? `Add cliClientID: ${CLI} and list it in allowedAudiences` : `Add cliClientID: ${CLI}`, edits, preferred: true }] : [];
        ctx.report({
          ...at,
          message: `\`argocd login --sso\` fails: without \`cliClientID: ${CLI}\` the CLI logs in to Dex as \`${client}\`, which has no localhost callback ("Unregistered redirect_uri") and needs a secret the CLI does not have${audience ? `; allowedAudiences must list \`${CLI}\` too` : ''}.`,
          fixes,
        });
        continue;
      }
      if (!audience) continue;
      const key = pairRange(src, oidc.allowedAudiencesPair!);
      ctx.report({
        start: key.start,
        end: key.end,
        message: `allowedAudiences replaces Argo CD's default audiences and does not list \`${audience.name}\`: tokens from \`argocd login --sso\` are refused (invalid audience, "invalid session"); list every client.`,
        fixes: audience.edit ? [{ title: `Add ${audience.name} to allowedAudiences`, edits: [audience.edit], preferred: true }] : [],
      });
    }
  },
};

/** allowedAudiences is set and provably lacks the CLI client (it replaces the default [clientID, cliClientID]). */
function missingAudience(v: DexView, cli: Pattern): { name: string; edit?: TextEdit } | undefined {
  const oidc = v.oidc!;
  const src = v.settings.oidcConfig!.src;
  const seqNode = oidc.allowedAudiencesPair?.value;
  if (!isSeq(seqNode) || oidc.allowedAudiences.length === 0 || oidc.allowedAudiences.length !== seqNode.items.length) return undefined;
  const r = seqNode.range;
  if (!r || src.spans.some((sp) => sp.start < r[2] && sp.end > r[0])) return undefined;
  if (oidc.allowedAudiences.some((a) => comparePatterns(a, cli) !== 'different')) return undefined;
  return { name: cli.pattern, edit: cli.known ? appendToSeq(src, seqNode, cli.pattern) : undefined };
}
