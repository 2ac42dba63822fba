import type { FlowDocument } from '../schema.ts';
import { checkoutTemplate } from './checkout.ts';
import { loginTemplate } from './login.ts';
import { onboardingTemplate } from './onboarding.ts';
import { passwordResetTemplate } from './password-reset.ts';
import { searchFilterTemplate } from './search-filter.ts';
import { settingsTemplate } from './settings.ts';
import { signUpTemplate } from './sign-up.ts';
import { subscriptionUpgradeTemplate } from './subscription-upgrade.ts';
import type { TemplateDefinition } from './template-builder.ts';

/** A template of the built-in library (PRODUCT.md, "Templates"). */
export interface FlowTemplate {
  /** Stable slug prefixed `builtin-`; workspace templates use `tpl_…` ids, so the two never collide. */
  id: string;
  name: string;
  description: string;
  /** e.g. `authentication`, `commerce`, `billing`. */
  category: string;
  /**
   * A valid `.uxflow` 2.0 document (no errors, no warnings on any plan) at version 1.0.0.
   * Every read returns a fresh deep copy, so callers may change it freely without touching the library.
   */
  document: FlowDocument;
}

// The template object is frozen; its `document` getter clones the deep-frozen master copy on every read.
const toFlowTemplate = ({ document, ...info }: TemplateDefinition): FlowTemplate =>
  Object.freeze({
    ...info,
    get document(): FlowDocument {
      return structuredClone(document);
    },
  });

/** The built-in library, in the order shown to users. */
export const builtInTemplates: readonly FlowTemplate[] = Object.freeze(
  [
    loginTemplate,
    signUpTemplate,
    passwordResetTemplate,
    onboardingTemplate,
    checkoutTemplate,
    subscriptionUpgradeTemplate,
    searchFilterTemplate,
    settingsTemplate,
  ].map(toFlowTemplate),
);

/** The built-in template with this id, or `null` (workspace `tpl_…` ids are never found here). */
export const findBuiltInTemplate = (id: string): FlowTemplate | null => builtInTemplates.find((template) => template.id === id) ?? null;
