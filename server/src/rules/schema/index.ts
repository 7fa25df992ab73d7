import type { Rule } from '../../engine/rule';
import { rule as dexConfig } from './dex-config';
import { rule as oauth2ProxyConfig } from './oauth2-proxy-config';

// Rules of this component; each rule file exports `rule`.
export const schemaRules: Rule[] = [
  dexConfig,
  oauth2ProxyConfig,
];
