// oauth2-proxy loads its config file strictly (pkg/apis/options/load.go Load: viper
// UnmarshalExact), so a key that is not a `cfg:` tag of its options stops it at start-up with
// "error unmarshalling config: … has invalid keys: <key>". The keys are not the flag names: lists
// are plural (`cookie_domains`, `whitelist_domains`, `email_domains`, `upstreams`,
// `skip_auth_routes`) and `-` becomes `_`. Known keys come from schemas/oauth2-proxy-config.schema.json.
import type { Rule } from '../../engine/rule';
import { templatedIn } from '../../engine/source';
import { configKey, configTexts, flagInfo } from '../../engine/views/oauth2proxy';
import type { TomlEntry } from '../../engine/views/oauth2proxy-config';

/** The config key a user most likely meant by an unknown key, if there is one. */
export function suggestKey(key: string): string | undefined {
  const k = key.trim();
  const candidates = new Set<string>();
  const lower = k.toLowerCase();
  candidates.add(lower.replace(/^oauth2_proxy_/, ''));
  // Flag style: `cookie-domain`, `--cookie-domain`, `cookie_domain`.
  const flag = lower.replace(/^-+/, '').replace(/_/g, '-');
  const viaFlag = flagInfo(flag)?.cfg;
  if (viaFlag) candidates.add(viaFlag);
  // camelCase (chart-values style): `emailDomains`.
  candidates.add(k.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase());
  for (const c of [...candidates]) {
    candidates.add(`${c}s`);
    if (c.endsWith('s')) candidates.add(c.slice(0, -1));
    const f = flagInfo(c.replace(/_/g, '-'))?.cfg;
    if (f) candidates.add(f);
  }
  for (const c of candidates) {
    if (c === lower) continue;
    const info = configKey(c);
    if (info) return info.cfg;
  }
  return undefined;
}

export const rule: Rule = {
  meta: {
    id: 'schema/oauth2-proxy-config',
    defaultSeverity: 'error',
    summary: 'An unknown key (often a flag name) in oauth2-proxy\'s config file: it refuses to start ("has invalid keys").',
    fixable: true,
  },
  check(ctx) {
    for (const { cfg, where } of configTexts(ctx.file)) {
      const src = cfg.src;
      const report = (e: TomlEntry, what: string) => {
        if (templatedIn(src, e.keyStart, e.keyEnd)) return;
        const start = src.toOuter(e.keyStart);
        const end = src.exact ? src.toOuter(e.keyEnd - 1) + 1 : src.toOuter(e.keyEnd);
        const suggestion = e.value.kind === 'table' ? undefined : suggestKey(e.key);
        const quoted = /^["']/.test(src.masked.slice(e.keyStart, e.keyEnd));
        const canEdit = src.exact && !quoted && !e.key.includes('.');
        ctx.report({
          start,
          end,
          message: `${what} in ${where}: oauth2-proxy reads its config file strictly and exits at start-up with "error unmarshalling config: … has invalid keys: ${e.key.toLowerCase()}"${suggestion ? `; the config-file key is \`${suggestion}\`` : '; config-file keys are the flag names with `_` for `-`, plural for repeatable flags'}.`,
          fixes: suggestion && canEdit ? [{ title: `Rename to ${suggestion}`, edits: [{ start, end, newText: suggestion }], preferred: true }] : undefined,
        });
      };
      for (const e of cfg.entries) {
        if (e.value.kind === 'table') {
          report(e, `\`[${e.key}]\` is a TOML table, which oauth2-proxy's legacy config does not have`);
          continue;
        }
        if (configKey(e.key)) continue;
        report(e, `\`${e.key}\` is not an oauth2-proxy config-file key`);
      }
    }
  },
};
