import type { Rule } from '../../engine/rule';
import { rule as discoveryUrl } from './discovery-url';
import { rule as issuerUrl } from './issuer-url';

// Rules of this component; each rule file exports `rule`.
export const oidcRules: Rule[] = [discoveryUrl, issuerUrl];
