// Grafana reads only the keys it knows (conf/defaults.ini lists them; unknown keys and GF_* variables
// for keys that do not exist are ignored without a warning). `[auth] disable_signup_form` is a
// widely copied setting that does not exist: it hides nothing and blocks nothing. The real switches
// are `[users] allow_sign_up = false` (registration, the default) and `[auth] disable_login_form`.
import type { Rule } from '../../engine/rule';
import { envNameOf, grafanaConfigs } from '../../engine/views/grafana';

const UNKNOWN: Array<{ section: string; key: string; instead: string }> = [
  { section: 'auth', key: 'disable_signup_form', instead: 'registration is controlled by [users] allow_sign_up (default false); to hide the password login form use [auth] disable_login_form = true' },
];

export const rule: Rule = {
  meta: {
    id: 'grafana/unknown-setting',
    defaultSeverity: 'warning',
    summary: '[auth] disable_signup_form is not a Grafana setting and blocks nothing; use [users] allow_sign_up / [auth] disable_login_form.',
    fixable: true,
  },
  check(ctx) {
    for (const c of grafanaConfigs(ctx.file)) {
      for (const s of c.settings) {
        for (const u of UNKNOWN) {
          const hit = s.form === 'env' ? s.envName === envNameOf(u.section, u.key) : s.section === u.section && s.key === u.key;
          if (!hit) continue;
          const where = s.form === 'env' ? s.envName! : `[${u.section}] ${u.key}`;
          ctx.report({
            start: s.keyStart,
            end: s.form === 'env' ? s.keyEnd : s.keyEnd,
            message: `${where} is not a Grafana setting: Grafana ignores it, so it blocks nothing — ${u.instead}.`,
            fixes: s.remove ? [{ title: `Delete ${where}`, edits: [s.remove], preferred: true }] : [],
          });
        }
      }
    }
  },
};
