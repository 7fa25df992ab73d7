import type { Rule } from '../../engine/rule';
import { rule as unknownAudiencesKey } from './unknown-audiences-key';
import { rule as oidcIssuerNotDex } from './oidc-issuer-not-dex';
import { rule as oidcDexCliClient } from './oidc-dex-cli-client';
import { rule as dexStaticClientOverride } from './dex-static-client-override';
import { rule as secretRefLabel } from './secret-ref-label';
import { rule as secretRefMissingKey } from './secret-ref-missing-key';
import { rule as url } from './url';
import { rule as cmLabel } from './cm-label';
import { rule as plaintextClientSecret } from './plaintext-client-secret';
import { rule as dexDisabledWithConfig } from './dex-disabled-with-config';

// Rules of this component; each rule file exports `rule`.
export const argocdRules: Rule[] = [
  secretRefLabel,
  secretRefMissingKey,
  url,
  cmLabel,
  plaintextClientSecret,
  dexDisabledWithConfig,
  unknownAudiencesKey,
  oidcIssuerNotDex,
  oidcDexCliClient,
  dexStaticClientOverride,
];
