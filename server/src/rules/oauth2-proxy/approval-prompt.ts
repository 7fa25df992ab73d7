// oauth2-proxy sends `approval_prompt=force` unless told otherwise (legacy_options.go
// LegacyProvider.convert: `prompt` if set, else `approval_prompt`, and an empty approval_prompt
// falls back to "force"); Dex forces its "Grant Access" screen when approval_prompt is exactly
// "force" (server/oauth2.go parseAuthorizationRequest), even with skipApprovalScreen, which Argo CD
// sets for its bundled Dex (issuer `<argocd url>/api/dex`).
import type { Rule } from '../../engine/rule';
import type { TextEdit } from '../../engine/types';
import { columnOf, insertLineAfter } from '../../engine/edits';
import { effective, proxyInstances, type OptionSetting, type ProxyInstance } from '../../engine/views/oauth2proxy';
import { addFlag, replaceValue } from '../../engine/views/oauth2proxy-edits';

const OIDC_PROVIDERS = new Set(['oidc', 'keycloak-oidc']);

function lastValue(inst: ProxyInstance, name: string) {
  const e = effective(inst, name);
  if (!e) return undefined;
  return { e, v: e.values[e.values.length - 1] };
}

/** `approval_prompt = "auto"` on the line after the issuer in the same config file. */
function tomlLineAfter(s: OptionSetting): TextEdit | undefined {
  const cfg = s.config;
  const entry = s.entry;
  if (!cfg || !entry || !cfg.src.exact) return undefined;
  const lineEnd = cfg.src.toOuter(Math.max(entry.lineStart, entry.lineEnd - 1)) + (entry.lineEnd > entry.lineStart ? 1 : 0);
  return insertLineAfter(cfg.src, lineEnd, columnOf(cfg.src, cfg.src.toOuter(entry.keyStart)), 'approval_prompt = "auto"');
}

export const rule: Rule = {
  meta: {
    id: 'oauth2-proxy/approval-prompt',
    defaultSeverity: 'warning',
    summary: 'oauth2-proxy against Dex sends approval_prompt=force by default, so Dex shows "Grant Access" at every login; set --approval-prompt=auto.',
    fixable: true,
  },
  check(ctx) {
    for (const inst of proxyInstances(ctx.file)) {
      const provider = lastValue(inst, 'provider');
      if (!provider?.v?.known || !OIDC_PROVIDERS.has(provider.v.text)) continue;
      const issuer = lastValue(inst, 'oidc-issuer-url');
      if (!issuer || issuer.e.isDefault || !issuer.v) continue;
      if (!/\/api\/dex\/?$/.test(issuer.v.pattern.trim())) continue;
      const prompt = lastValue(inst, 'prompt');
      if (!prompt || !prompt.v?.known || prompt.v.text !== '') continue;
      const approval = lastValue(inst, 'approval-prompt');
      if (!approval || !approval.v?.known) continue;
      const text = approval.v.text;
      if (text !== '' && text !== 'force') continue;
      if (approval.e.isDefault) {
        const is = issuer.e.settings[issuer.e.settings.length - 1];
        const edit = is?.source === 'toml' ? tomlLineAfter(is) : addFlag(inst, 'approval-prompt', 'auto');
        ctx.report({
          start: issuer.v.start,
          end: issuer.v.end,
          message: `oauth2-proxy logs in through Dex here and, with no --approval-prompt, sends approval_prompt=force, so Dex shows its "Grant Access" page at every login (skipApprovalScreen does not help); add --approval-prompt=auto.`,
          fixes: edit ? [{ title: 'Add --approval-prompt=auto', edits: [edit], preferred: true }] : undefined,
        });
        continue;
      }
      const s = approval.e.settings[approval.e.settings.length - 1];
      const edit = replaceValue(inst, approval.v, 'auto', s.pair?.value ?? s.env?.value?.node ?? s.item);
      const at = approval.v.start < approval.v.end ? approval.v : s;
      ctx.report({
        start: at.start,
        end: at.end,
        message: text === ''
          ? 'An empty approval prompt falls back to "force": oauth2-proxy sends approval_prompt=force and Dex shows its "Grant Access" page at every login; set it to auto.'
          : 'approval_prompt=force makes Dex show its "Grant Access" page at every login, even with skipApprovalScreen; set it to auto.',
        fixes: edit ? [{ title: 'Set approval prompt to auto', edits: [edit], preferred: true }] : undefined,
      });
    }
  },
};
