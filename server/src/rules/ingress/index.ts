import type { Rule } from '../../engine/rule';
import { rule as authSigninInternal } from './auth-signin-internal';
import { rule as authUrlExternal } from './auth-url-external';
import { rule as authResponseHeaders } from './auth-response-headers';

// Rules of this component; each rule file exports `rule`.
export const ingressRules: Rule[] = [authSigninInternal, authUrlExternal, authResponseHeaders];
