import type { Rule } from '../../engine/rule';
import { rule as emailDomainsWildcard } from './email-domains-wildcard';
import { rule as noEmailValidation } from './no-email-validation';
import { rule as cookieSecret } from './cookie-secret';
import { rule as cookieNameClash } from './cookie-name-clash';
import { rule as whitelistDomain } from './whitelist-domain';
import { rule as approvalPrompt } from './approval-prompt';

// Rules of this component; each rule file exports `rule`.
export const oauth2ProxyRules: Rule[] = [
  emailDomainsWildcard,
  noEmailValidation,
  cookieSecret,
  cookieNameClash,
  whitelistDomain,
  approvalPrompt,
];
