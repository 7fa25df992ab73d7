// pkg/validation/options.go Validate: with no email domain, no authenticated-emails file and no
// htpasswd file oauth2-proxy refuses to start ("missing setting for email validation:
// email-domain or authenticated-emails-file required"). pflag reads `--email-domain=` as no domain.
import type { Rule } from '../../engine/rule';
import { effective, proxyInstances, type ProxyInstance } from '../../engine/views/oauth2proxy';
import { asMap, get, pairOf } from '../../engine/yamlnav';

/** 'set' / 'unset' / undefined when unknown. */
function fileState(inst: ProxyInstance, name: string): 'set' | 'unset' | undefined {
  const e = effective(inst, name);
  if (!e) return undefined;
  if (e.isDefault) return 'unset';
  const v = e.values[e.values.length - 1];
  if (!v) return 'unset';
  return !v.known || v.text !== '' ? 'set' : 'unset';
}

export const rule: Rule = {
  meta: {
    id: 'oauth2-proxy/no-email-validation',
    defaultSeverity: 'error',
    summary: 'No email domain, no authenticated-emails file and no htpasswd file: oauth2-proxy refuses to start ("missing setting for email validation").',
    fixable: false,
  },
  check(ctx) {
    for (const inst of proxyInstances(ctx.file)) {
      const domains = effective(inst, 'email-domain');
      if (!domains) continue;
      const count = domains.values.filter((v) => !v.known || v.text !== '' || domains.source === 'toml' || domains.source === 'chart').length;
      if (count > 0) continue;
      if (fileState(inst, 'authenticated-emails-file') !== 'unset') continue;
      if (fileState(inst, 'htpasswd-file') !== 'unset') continue;
      let at: { start: number; end: number } = inst.anchor;
      let what = inst.kind === 'container' ? 'no `--email-domain` is given' : 'nothing sets email_domains';
      const s = domains.settings[domains.settings.length - 1];
      if (s) {
        at = s;
        what = `\`${s.where}\` is empty`;
      } else if (inst.kind === 'chart' && inst.configMode === 'none') {
        const p = pairOf(asMap(get(inst.values, 'config')), 'configFile');
        const r = (p?.value as { range?: [number, number, number] } | null | undefined)?.range ?? (p?.key as { range?: [number, number, number] } | null | undefined)?.range;
        if (r) at = { start: inst.src.toOuter(r[0]), end: inst.src.toOuter(r[1]) };
        what = 'an empty `config.configFile` turns off the chart\'s default config file (and its `email_domains`)';
      }
      ctx.report({
        start: at.start,
        end: at.end,
        message: `oauth2-proxy will not start: ${what}, and there is no authenticated-emails file and no htpasswd file, so it exits with "missing setting for email validation: email-domain or authenticated-emails-file required" and the pod crash-loops; set the allowed email domains, or enable authenticatedEmailsFile with the allowed addresses.`,
      });
    }
  },
};
