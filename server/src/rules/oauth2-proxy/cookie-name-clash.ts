// Two oauth2-proxy instances with the same cookie name, one of which sets its cookie on a parent
// domain covering a host the other serves: the browser sends both cookies under one name, the
// second proxy reads the shared one first, fails its signature check with its own secret, and
// sends the user round the login loop (pkg/sessions/cookie/session_store.go loads the first cookie
// by name; pkg/apis/options/cookie.go: the name defaults to `_oauth2_proxy`, whatever the chart's
// comment says about the release name). Reported on the instance whose login breaks.
import type { Rule } from '../../engine/rule';
import type { TextEdit } from '../../engine/types';
import { effective, proxyFact, proxyInstances, type ProxyFact, type ProxyInstance } from '../../engine/views/oauth2proxy';
import { addFlag, addToChartConfig, replaceValue } from '../../engine/views/oauth2proxy-edits';
import { pairOf } from '../../engine/yamlnav';

const lower = (s: string) => s.trim().toLowerCase().replace(/\.$/, '');

/** Does a cookie domain (`.d`, `d`) cover a host? Browsers ignore the leading dot. Works on patterns. */
export function domainCovers(domain: string, host: string): boolean {
  const d = lower(domain).replace(/^\./, '');
  const h = lower(host);
  if (d === '') return false;
  return h === d || h.endsWith(`.${d}`);
}

function appName(inst: ProxyInstance, fact: ProxyFact): string {
  const base = inst.kind === 'embedded' ? fact.id.split('/')[1] : inst.kind === 'container' ? inst.workload?.name?.text ?? 'app' : fact.id.split('/').pop() ?? 'app';
  return base.replace(/[^A-Za-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').toLowerCase() || 'app';
}

function fixFor(inst: ProxyInstance, name: string): TextEdit | undefined {
  const e = effective(inst, 'cookie-name');
  const s = e?.settings[e.settings.length - 1];
  const v = e?.values[e.values.length - 1];
  if (s && v && !e?.isDefault) return replaceValue(inst, v, name, s.pair?.value ?? s.env?.value?.node ?? s.item);
  if (inst.kind === 'chart' && !pairOf(inst.values, 'extraArgs')) return addToChartConfig(inst, [`cookieName: ${name}`]);
  return addFlag(inst, 'cookie-name', name);
}

export const rule: Rule = {
  meta: {
    id: 'oauth2-proxy/cookie-name-clash',
    defaultSeverity: 'error',
    summary: 'Two oauth2-proxy instances share a cookie name while one sets its cookie on a domain covering the other\'s host: the second one loops back to login.',
    fixable: true,
    crossFile: true,
  },
  check(ctx) {
    const all = ctx.index.all('oauth2Proxies');
    if (all.length < 2) return;
    for (const inst of proxyInstances(ctx.file)) {
      const me = proxyFact(ctx.file, inst);
      if (!me.cookieName || me.hosts.length === 0) continue;
      for (const other of ctx.index.by('oauth2Proxies', 'cookieName', (p) => p.cookieName).get(me.cookieName) ?? []) {
        if (other.id === me.id || !other.cookieDomains) continue;
        const domain = other.cookieDomains.find((d) => me.hosts.some((h) => domainCovers(d, h)));
        if (!domain) continue;
        const host = me.hosts.find((h) => domainCovers(domain, h))!;
        // Replicas of one instance, or the same proxy serving its own hosts: no clash.
        if (other.hosts.some((h) => lower(h) === lower(host))) continue;
        const e = effective(inst, 'cookie-name');
        const s = e?.settings[e.settings.length - 1];
        const v = e?.values[e.values.length - 1];
        const at = s && v && !e?.isDefault ? (v.start < v.end ? v : s) : inst.anchor;
        const newName = `_oauth2_proxy_${appName(inst, me)}`;
        const edit = fixFor(inst, newName);
        const sameFile = other.file === ctx.file.path;
        ctx.report({
          start: at.start,
          end: at.end,
          message: `This oauth2-proxy's cookie is named \`${me.cookieName}\`${e?.isDefault ? ' (the default)' : ''}, like the cookie ${other.label}${sameFile ? '' : ' in another file'} sets on \`${domain}\`, which covers ${host}: the browser sends that cookie here too, this proxy cannot verify it with its own secret, and users go round the login loop; give this one its own name (--cookie-name=${newName}).`,
          related: [{ file: other.file, span: other.span, message: `${other.label} sets cookie \`${other.cookieName}\` on \`${domain}\`` }],
          fixes: edit ? [{ title: `Name this proxy's cookie ${newName}`, edits: [edit], preferred: true }] : undefined,
        });
        break;
      }
    }
  },
};
