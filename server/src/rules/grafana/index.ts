import type { Rule } from '../../engine/rule';
import { rule as openSelfSignup } from './open-self-signup';
import { rule as unknownSetting } from './unknown-setting';

// Rules of this component; each rule file exports `rule`.
export const grafanaRules: Rule[] = [openSelfSignup, unknownSetting];
