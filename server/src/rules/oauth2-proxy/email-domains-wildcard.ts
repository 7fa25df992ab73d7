// oauth2-proxy admits an address that matches an email domain OR is listed in the authenticated-
// emails file (validator.go newValidatorImpl: `*` sets allowAll, which wins over the file), so `*`
// next to an emails file lets everyone in. The chart ships `*` by default: before 10.4.0 in its
// default `config.configFile`, from 10.4.0 as `config.emailDomains: ["*"]` (rendered into the
// generated config file unless configFile/existingConfig is set).
import type { Rule } from '../../engine/rule';
import type { Fix, TextEdit } from '../../engine/types';
import { versionAtLeast } from '../../engine/model';
import { asMap, get } from '../../engine/yamlnav';
import { effective, proxyInstances, type Effective, type OptionSetting, type ProxyInstance } from '../../engine/views/oauth2proxy';
import { deletePairLines, deleteSeqItemLine } from '../../engine/edits';
import { addToChartConfig, replaceChartValue } from '../../engine/views/oauth2proxy-edits';

const PROVIDERS: Record<string, string> = { github: 'GitHub', google: 'Google', gitlab: 'GitLab', oidc: 'the OIDC provider', 'keycloak-oidc': 'Keycloak', 'entra-id': 'Entra ID', azure: 'Azure AD', bitbucket: 'Bitbucket' };

function emailsFileSet(inst: ProxyInstance): OptionSetting | undefined {
  const e = effective(inst, 'authenticated-emails-file');
  if (!e || e.isDefault) return undefined;
  const v = e.values[e.values.length - 1];
  return v && (!v.known || v.text !== '') ? e.settings[e.settings.length - 1] : undefined;
}

function starIn(e: Effective): OptionSetting | undefined {
  return e.settings.find((s) => s.values.some((v) => v.known && v.text.trim() === '*'));
}

/** The edit that takes `*` out of one setting (undefined when it cannot be made exactly). */
function editFor(inst: ProxyInstance, s: OptionSetting): { title: string; edit: TextEdit } | undefined {
  if (s.chartKey === 'config.configFile' && s.implicit) {
    const edit = addToChartConfig(inst, ['configFile: |-', '  email_domains = []', '  upstreams = [ "file:///dev/null" ]']);
    return edit && { title: 'Override config.configFile with `email_domains = []` (works for every chart version)', edit };
  }
  if (s.chartKey === 'config.emailDomains') {
    const config = asMap(get(inst.values, 'config'));
    const edit = s.pair ? replaceChartValue(inst, config, 'emailDomains', '[]') : addToChartConfig(inst, ['emailDomains: []']);
    return edit && { title: 'Set `config.emailDomains: []` (chart ≥ 10.4.0)', edit };
  }
  if (s.source === 'toml' && s.entry && s.config?.src.exact) {
    const v = s.entry.value;
    if (v.kind === 'table') return undefined;
    const src = s.config.src;
    const start = src.toOuter(v.start);
    const end = src.toOuter(v.end - 1) + 1;
    return { title: 'Set `email_domains = []` in the config file', edit: { start, end, newText: '[]' } };
  }
  if (s.source === 'flag' && s.values.length === 1) {
    if (s.pair) {
      const edit = deletePairLines(s.src, s.pair);
      return edit && { title: `Remove \`${s.where}: "*"\``, edit };
    }
    if (s.item) {
      const edit = deleteSeqItemLine(s.src, s.item);
      return edit && { title: 'Remove `--email-domain=*`', edit };
    }
  }
  return undefined;
}

/** Edits until no `*` remains, following oauth2-proxy's precedence down; undefined if a step cannot be fixed. */
function fixChain(inst: ProxyInstance): Fix | undefined {
  const edits: TextEdit[] = [];
  const titles: string[] = [];
  let cur: ProxyInstance = inst;
  for (let step = 0; step < 4; step++) {
    const e = effective(cur, 'email-domain');
    if (!e) return undefined;
    const s = starIn(e);
    if (!s) break;
    const f = editFor(cur, s);
    if (!f) return undefined;
    edits.push(f.edit);
    titles.push(f.title);
    cur = { ...cur, settings: cur.settings.filter((x) => x !== s) };
    // Removing the chart's own default needs nothing below it.
    if (s.chartKey) break;
  }
  if (edits.length === 0) return undefined;
  return { title: titles.join('; '), edits, preferred: true };
}

export const rule: Rule = {
  meta: {
    id: 'oauth2-proxy/email-domains-wildcard',
    defaultSeverity: 'error',
    summary: 'email_domains contains "*" while an authenticated-emails file is set: "*" admits every address, so the allow-list does nothing.',
    fixable: true,
  },
  check(ctx) {
    for (const inst of proxyInstances(ctx.file)) {
      const emails = emailsFileSet(inst);
      if (!emails) continue;
      const domains = effective(inst, 'email-domain');
      if (!domains) continue;
      const star = starIn(domains);
      if (!star) continue;
      const provider = effective(inst, 'provider');
      const pv = provider?.values[provider.values.length - 1];
      const who = pv?.known && pv.text ? `anyone who can sign in to ${PROVIDERS[pv.text] ?? pv.text}` : 'anyone who can sign in';
      const starValue = star.values.find((v) => v.known && v.text.trim() === '*' && v.exact);
      const at = star.implicit ? emails : starValue ?? star;
      const from = star.implicit ? star.where : `\`${star.where}\``;
      const newChart = versionAtLeast(inst.version, [10, 4, 0]);
      const hint = star.chartKey === 'config.configFile' && newChart === undefined ? ' (chart version unknown: a config.configFile override works for every version)' : '';
      const fix = fixChain(inst);
      ctx.report({
        start: at.start,
        end: at.end,
        message: `email_domains is "*" (${star.implicit ? '' : 'from '}${from}) while an authenticated-emails file is set: oauth2-proxy admits an address that matches a domain OR is in the file, and "*" matches every address, so ${who} gets through and the allow-list does nothing${hint}.`,
        fixes: fix ? [fix] : undefined,
      });
    }
  },
};

