/*
 * The small journeys no built-in template has, each drawn from an article of the global knowledge
 * base (named by slug): screens in a row, a check after a screen where the step can fail. Matched on
 * the description's words, before the templates (so "security settings" in "turn on two-factor from
 * the security settings" is this journey's, not the settings template's).
 */

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
