import type { Rule } from '../../engine/rule';
import { rule as scopeMismatch } from './scope-mismatch';
import { rule as missingNamespace } from './missing-namespace';
import { rule as scopeAnnotationPlacement } from './scope-annotation-placement';
import { rule as placeholderData } from './placeholder-data';
import { rule as existingSecretNotManaged } from './existing-secret-not-managed';

// Rules of this component; each rule file exports `rule`.
export const sealedSecretsRules: Rule[] = [scopeMismatch, missingNamespace, scopeAnnotationPlacement, placeholderData, existingSecretNotManaged];
