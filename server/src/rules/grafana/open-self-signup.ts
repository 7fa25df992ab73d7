// `[users] allow_sign_up` gates Grafana's own password registration (pkg/api/signup.go: SignUp and
// SignUpStep2 return "User signup is disabled" unless it is true). OAuth user creation does not read
// it: pkg/services/authn/clients/oauth.go passes `AllowSignUp: connector.IsSignupAllowed()`, i.e.
// the provider section's own `allow_sign_up` (default true). Turning it on "for OAuth" opens
// /api/user/signup to anyone who reaches Grafana, even with the login form hidden.
import type { Rule } from '../../engine/rule';
import { effective, grafanaConfigs, iniTrue, oauthProviders } from '../../engine/views/grafana';

export const rule: Rule = {
  meta: {
    id: 'grafana/open-self-signup',
    defaultSeverity: 'warning',
    summary: '[users] allow_sign_up: true beside OAuth opens password self-registration to anyone; OAuth sign-up is governed by the provider\'s own allow_sign_up.',
    fixable: true,
  },
  check(ctx) {
    for (const c of grafanaConfigs(ctx.file)) {
      const s = effective(c, 'users', 'allow_sign_up');
      if (!s || !s.known || !iniTrue(s.value)) continue;
      const oauth = oauthProviders(c);
      if (oauth.enabled.length === 0) continue;
      const provider = oauth.enabled[0].section || oauth.enabled[0].envName || 'an OAuth provider';
      const where = s.form === 'env' ? s.envName : s.form === 'ini' ? '[users] allow_sign_up' : 'users.allow_sign_up';
      ctx.report({
        start: s.start,
        end: s.end,
        message: `${where} = true is not needed for ${provider} logins (those follow the provider's own allow_sign_up) and opens local password self-registration (/api/user/signup, "Sign up" on the login page) to anyone who can reach Grafana, even with the login form disabled.`,
        fixes: s.remove ? [{ title: `Remove ${where} (Grafana's default is false)`, edits: [s.remove], preferred: true }] : [],
      });
    }
  },
};
