/*
 * What the offline planner knows about journeys: which built-in template a description asks for
 * (and how templates join), and the small journeys no template has, each drawn from an article of
 * the global knowledge base (named by slug; a unit test keeps every slug and title in step with
 * shared/knowledge/articles). Matching is on the description's words, in the order written.
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

/** A screen of a small journey; `check` puts a decision after it, with a popup back to it when it fails. */
export interface PatternScreen {
  title: string;
  popup?: boolean;
  fields?: string[];
  button?: string;
  check?: { question: string; failure: string };
}

export interface Pattern {
  key: string;
  match: RegExp;
  /** A description that asks for it (documentation, and its test). */
  example: string;
  screens: PatternScreen[];
  end: string;
  article?: string;
  /** Templates this journey stands in for when both match the same words ("security settings"). */
  replaces?: string[];
}

export const patterns: Pattern[] = [
  {
    key: 'magic-link',
    example: 'Passwordless login with a magic link',
    match: /\bpasswordless\b(?:\s+(?:login|log[\s-]?in|sign[\s-]?in))?|\bmagic[\s-]?links?\b/i,
    screens: [
      { title: 'Enter your email', fields: ['Email'], button: 'Send me a link' },
      { title: 'Check your inbox', button: 'Open the link', check: { question: 'Link still valid?', failure: 'This link has expired' } },
    ],
    end: 'Signed in',
    article: 'passwordless-magic-link',
    replaces: ['builtin-login'],
  },
  {
    key: 'cancellation',
    example: 'Cancel the subscription',
    match: /\bcancel(?:s|l?ing|lation)?\b[^.,;:]{0,20}\b(?:subscription|plan|membership)s?\b|\bsubscription cancel(?:l?ing|lation)?\b/i,
    screens: [
      { title: 'Manage subscription', button: 'Cancel' },
      { title: 'Why are you leaving?', fields: ['Reason'] },
      { title: 'Before you go: an offer for you', button: 'No thanks, continue' },
      { title: 'Cancel your subscription?', popup: true, button: 'Confirm cancellation' },
      { title: 'Subscription cancelled', button: 'Done' },
    ],
    end: 'Subscription ends at the end of the period',
    article: 'cancellation-flow',
  },
  {
    key: 'free-trial',
    example: 'Start a free trial',
    match: /\bfree trials?\b|\btrials?\b/i,
    screens: [
      { title: 'Choose a plan' },
      { title: 'Start your free trial', button: 'Start trial' },
      { title: 'Your trial ends soon', button: 'Add a card' },
      { title: 'Add a payment method', fields: ['Card details'], check: { question: 'Card saved?', failure: 'The card was declined' } },
    ],
    end: 'Subscribed',
    article: 'free-trials',
  },
  {
    key: 'authenticator-setup',
    example: 'Turn on two-factor authentication with an authenticator app',
    match:
      /\bauthenticator app\b|\b(?:turn(?:s|ing)? on|enabl(?:e|es|ing)|set(?:s|ting)? up)\b[^.,;:]{0,12}\b(?:two[\s-]?factor|2fa|mfa)\b(?: authentication)?/i,
    screens: [
      { title: 'Security settings', button: 'Turn on two-factor' },
      { title: 'Scan the QR code' },
      { title: 'Enter the 6-digit code', fields: ['Code'], check: { question: 'Code accepted?', failure: 'That code did not work' } },
      { title: 'Save your recovery codes', button: 'Done' },
    ],
    end: 'Two-factor is on',
    article: 'two-factor-step',
    replaces: ['builtin-settings', 'builtin-login'],
  },
  {
    key: 'change-password',
    example: 'Change the password',
    match: /\bchang(?:e|es|ing) (?:the |my |your |their )?passwords?\b/i,
    screens: [
      { title: 'Security settings', button: 'Change password' },
      {
        title: 'Change your password',
        fields: ['Current password', 'New password'],
        button: 'Save',
        check: { question: 'Current password correct?', failure: 'The current password is wrong' },
      },
      { title: 'Password changed', button: 'Done' },
    ],
    end: 'Back to settings',
    article: 'password-rules',
    replaces: ['builtin-settings'],
  },
  {
    key: 'notification-preferences',
    example: 'Change notification preferences',
    match: /\bnotification (?:preferences|settings)\b/i,
    screens: [
      { title: 'Settings', button: 'Notifications' },
      { title: 'Notification preferences', button: 'Save' },
    ],
    end: 'Preferences saved',
    article: 'email-notification-preferences',
    replaces: ['builtin-settings'],
  },
  {
    key: 'invitations',
    example: 'Invite team members',
    match: /\binvit(?:e|es|ing)\b[^.,;:]{0,20}\b(?:team|members?|teammates?|colleagues?|people|users|collaborators?)\b/i,
    screens: [
      {
        title: 'Invite your team',
        fields: ['Email addresses'],
        button: 'Send invitations',
        check: { question: 'All invitations sent?', failure: 'Some invitations failed' },
      },
      { title: 'Invitations sent', button: 'Done' },
    ],
    end: 'Team invited',
    article: 'onboarding-checklists',
  },
  {
    key: 'permission-priming',
    example: 'Ask for push notification permission',
    match:
      /\b(?:push )?notifications? permission\b|\bpermission\b[^.,;:]{0,30}\bnotifications?\b|\ballow(?:s|ing)? (?:push )?notifications\b|\bpush notifications?\b/i,
    screens: [
      { title: 'Why we send notifications', button: 'Turn on notifications' },
      { title: 'Allow notifications?', popup: true, button: 'Allow' },
    ],
    end: 'Notifications decided',
    article: 'permission-priming',
  },
  {
    key: 'downgrade',
    example: 'Downgrade to a cheaper plan',
    match: /\bdowngrad(?:e|es|ing)\b/i,
    screens: [
      { title: 'Compare plans', button: 'Choose the smaller plan' },
      { title: 'What you will lose', button: 'Continue' },
      { title: 'Confirm the downgrade', popup: true, button: 'Confirm' },
      { title: 'Downgrade scheduled', button: 'Done' },
    ],
    end: 'On the smaller plan at renewal',
    article: 'plan-downgrade',
  },
  {
    key: 'unsubscribe',
    example: 'Unsubscribe from the newsletter',
    match: /\bunsubscrib(?:e|es|ing)\b(?:[^.,;:]{0,30}\bnewsletter\b)?/i,
    screens: [
      { title: 'Unsubscribe from the newsletter?', popup: true, button: 'Unsubscribe' },
      { title: 'Email preferences', button: 'Save' },
      { title: 'You are unsubscribed', button: 'Done' },
    ],
    end: 'Unsubscribed',
    article: 'email-notification-preferences',
  },
  {
    key: 'product-details',
    example: 'View a product page',
    match: /\bproduct (?:page|details?)\b|\bview(?:s|ing)? (?:a |the )?product\b/i,
    screens: [{ title: 'Product details', button: 'Add to cart' }],
    end: 'Product chosen',
  },
  {
    key: 'order-tracking',
    example: 'Track the order',
    match: /\btrack(?:s|ing)? (?:the |my |your |their )?(?:order|delivery|parcel)s?\b|\border tracking\b/i,
    screens: [{ title: 'Order tracking', button: 'Done' }],
    end: 'Order delivered',
    article: 'order-confirmation',
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
