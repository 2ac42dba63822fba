/*
 * What the offline planner knows about journeys: which built-in template a description asks for and
 * how templates join, the social sign-in providers, and the knowledge base articles it cites (by slug
 * and title; a unit test keeps them in step with shared/knowledge/articles). The small journeys no
 * template has are in patterns.ts. Matching is on the description's words, in the order written.
 */

export interface TemplateUse {
  /** `builtin-<slug>` of shared/flows/templates. */
  template: string;
  /** Prefix for its ids when another part of the journey already uses them. */
  short: string;
  match: RegExp;
  /** The end node where the journey goes on. */
  success: string;
  /** The form a social sign-in button goes on, and the step its success joins. */
  form?: string;
  session?: string;
  /** Ends that lead into another template when the journey has both (`join`: its success also goes on with the journey). */
  links?: { end: string; to: string; join?: boolean }[];
  /** A link added to the form towards another template the journey has. */
  offers?: { to: string; label: string }[];
  articles: string[];
}

export const templateUses: TemplateUse[] = [
  {
    template: 'builtin-password-reset',
    short: 'reset',
    match: /\b(?:forgot(?:ten)?|reset(?:ting)?|recover(?:y|ing)?|lost)\b[^.,;:]{0,20}\bpasswords?\b|\bpasswords? (?:reset|recovery)\b/i,
    success: 'password_changed',
    links: [{ end: 'back_to_login', to: 'builtin-login' }],
    articles: ['password-reset'],
  },
  {
    template: 'builtin-sign-up',
    short: 'signup',
    match: /\bsign(?:ing)?[\s-]?ups?\b|\bregist(?:er|ers|ering|ration)\b|\bcreat(?:e|es|ing) (?:an |a new |their |your )?account\b/i,
    success: 'account_ready',
    form: 'signup_form',
    session: 'create_session',
    links: [{ end: 'to_login', to: 'builtin-login', join: true }],
    articles: ['sign-up-fields', 'email-verification'],
  },
  {
    template: 'builtin-login',
    short: 'login',
    match: /\b(?:log|sign)(?:ging|ing)?[\s-]?in\b|\blogins?\b/i,
    success: 'signed_in',
    form: 'login',
    session: 'start_session',
    links: [{ end: 'to_reset', to: 'builtin-password-reset' }],
    offers: [{ to: 'builtin-sign-up', label: 'Create an account' }],
    articles: ['login-error-messages', 'two-factor-step', 'account-lockout'],
  },
  {
    template: 'builtin-onboarding',
    short: 'onboarding',
    match: /\bonboarding\b|\bfirst[\s-]run\b/i,
    success: 'dashboard',
    articles: ['progressive-onboarding', 'onboarding-checklists'],
  },
  {
    template: 'builtin-checkout',
    short: 'checkout',
    match:
      /\bcheck(?:s|ing)?[\s-]?out\b|\b(?:shopping )?(?:cart|basket)\b|\bplac(?:e|es|ing) (?:an |the )?orders?\b|\bpurchas(?:e|es|ing)\b/i,
    success: 'done',
    articles: ['checkout-steps', 'guest-checkout', 'payment-errors', 'order-confirmation'],
  },
  {
    template: 'builtin-subscription-upgrade',
    short: 'upgrade',
    match: /\bupgrad(?:e|es|ing)\b/i,
    success: 'on_new_plan',
    articles: ['plan-upgrade', 'pricing-plan-comparison'],
  },
  {
    template: 'builtin-search-filter',
    short: 'search',
    match:
      /\bsearch(?:es|ing)?\b|\bfilters\b|\bfiltering\b|\bbrows(?:e|es|ing) (?:the |our )?(?:products|catalog(?:ue)?|shop|store|items)\b/i,
    success: 'open_result',
    articles: ['faceted-filters', 'search-no-results', 'sorting-results'],
  },
  {
    template: 'builtin-settings',
    short: 'settings',
    match: /\bsettings\b|\bdelet(?:e|es|ing) (?:the |my |their |your )?account\b|\baccount deletion\b/i,
    success: 'back_to_app',
    articles: ['settings-organisation', 'destructive-actions'],
  },
];

/** Social and company sign-in providers ("Google login", "sign in with Apple"; not "Apple Pay"). */
export const socialPattern =
  /\b(google|apple|facebook|github|microsoft|linkedin)\b(?!\s*pay\b)(?:[\s-]+(?:log[\s-]?in|login|sign[\s-]?in|sign[\s-]?up|account|oauth)s?)?|\bsocial (?:log[\s-]?in|login|sign[\s-]?in|sign[\s-]?up)s?\b|\bsso\b|\bsingle sign[\s-]?on\b/gi;

/** The articles the catalog cites, by slug, with their titles (checked against the knowledge base by a unit test). */
export const articleTitles: Record<string, string> = {
  'password-reset': 'The password reset flow',
  'sign-up-fields': 'Which fields a sign-up form needs',
  'email-verification': 'E-mail address verification after sign-up',
  'login-error-messages': 'Error messages on the login form',
  'two-factor-step': 'The two-factor verification step',
  'account-lockout': 'Account lockout and throttling messages',
  'progressive-onboarding': 'Progressive onboarding instead of up-front tours',
  'onboarding-checklists': 'Onboarding checklists',
  'checkout-steps': 'Structuring checkout steps and progress',
  'guest-checkout': 'Guest checkout and optional accounts',
  'payment-errors': 'Handling payment failures in checkout',
  'order-confirmation': 'Order confirmation page and receipt',
  'plan-upgrade': 'Upgrade prompts and the plan upgrade flow',
  'pricing-plan-comparison': 'Pricing pages and plan comparison tables',
  'faceted-filters': 'Filters and facets for result lists',
  'search-no-results': 'Search with no results',
  'sorting-results': 'Sorting lists and search results',
  'settings-organisation': 'Organising a settings area',
  'destructive-actions': 'Designing destructive actions',
  'passwordless-magic-link': 'Passwordless sign-in with magic links and one-time codes',
  'cancellation-flow': 'Subscription cancellation flows',
  'free-trials': 'Free trials that convert honestly',
  'password-rules': 'Password rules and strength feedback',
  'email-notification-preferences': 'E-mail and notification preferences',
  'permission-priming': 'Asking for device permissions (permission priming)',
  'plan-downgrade': 'Downgrading to a smaller plan',
  'social-sign-up': 'Signing up with a social or company account',
  'sso-buttons': 'Single sign-on and social login buttons',
  'file-upload': 'File upload controls',
  'flow-api-error-paths': 'Error paths for API calls in flows',
  'flow-length': 'Flow length and the cost of each step',
  'progress-indicators': 'Spinners and progress bars',
};
