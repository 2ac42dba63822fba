export const oauthProviders = ['google', 'github'] as const;
export type OAuthProvider = (typeof oauthProviders)[number];

/** What the authorization request carried, kept server-side until the callback (at most 10 minutes). */
export interface OAuthStateEntry {
  provider: OAuthProvider;
  /** The PKCE verifier (43+ characters); adapters must not store it readable without the state. */
  codeVerifier: string;
  /** The OIDC nonce (Google); the ID token must echo it. */
  nonce: string;
  /** The value of the cookie set on the browser that started the flow; the callback must bring it back. */
  binding: string;
  /** Where the client is sent back to after the callback; on the allow-list when stored. */
  redirectUri: string;
  expiresAt: Date;
}

/** Pending authorization requests, keyed by their random `state` (stored hashed). */
export interface OAuthStates {
  create: (state: string, entry: OAuthStateEntry) => Promise<void>;
  /** The entry of a state, used or not, expired or not; null when unknown (or not readable). */
  find: (state: string) => Promise<OAuthStateEntry | null>;
  /** Marks the state used: an insert unique on the state's hash; false when it was used before. */
  consume: (state: string) => Promise<boolean>;
}

/** A provider account (`provider`, `subject`) linked to one of our users. */
export interface OAuthIdentity {
  provider: OAuthProvider;
  /** The provider's stable user id (OIDC `sub`, GitHub's numeric id as a string). */
  subject: string;
  userId: string;
  /** The verified e-mail the provider gave when the link was made. */
  email: string;
  createdAt: Date;
}

export interface OAuthIdentities {
  find: (provider: OAuthProvider, subject: string) => Promise<OAuthIdentity | null>;
  /** Inserts the link (unique on provider + subject); false when that provider account is linked already. */
  link: (identity: OAuthIdentity) => Promise<boolean>;
}

/** Who the provider says signed in. */
export interface ProviderProfile {
  subject: string;
  /** Normalised (trimmed, lower-case); null when the provider knows no e-mail. */
  email: string | null;
  /** Whether the provider verified that e-mail; unverified ones are never used for linking. */
  emailVerified: boolean;
  name: string | null;
}

export interface AuthorizationRequest {
  state: string;
  /** base64url(SHA-256(verifier)), method S256. */
  codeChallenge: string;
  nonce: string;
  /** Our callback URL for the provider (registered with it). */
  callbackUrl: string;
}

/** The provider side of the flow: building the authorization URL and redeeming the code. */
export interface OAuthProviderClient {
  /** The provider's authorization URL for this request. May fetch the OIDC discovery document. */
  authorizationUrl: (request: AuthorizationRequest) => Promise<string>;
  /**
   * Exchanges the code (with the PKCE verifier) and returns the verified profile. Throws
   * DomainError OAUTH_CODE_REJECTED (the provider refused the code or verifier),
   * OAUTH_ID_TOKEN_INVALID (signature, issuer, audience, nonce or expiry) or OAUTH_PROVIDER_UNAVAILABLE.
   */
  redeem: (input: { code: string; codeVerifier: string; nonce: string; callbackUrl: string }) => Promise<ProviderProfile>;
}
