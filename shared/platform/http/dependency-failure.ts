/**
 * Recognises an error that means "a dependency did not answer" (a database, cache, vector store,
 * payment provider or mail server that is stopped, unreachable or too slow), wherever in the
 * cause chain it sits. Recognised by name and code, not by class, so the platform imports no
 * driver: every function would otherwise load the MongoDB driver, Stripe and nodemailer.
 */

/** Driver and SDK error names that only ever mean the server was not reached or dropped us. */
const unavailableNames = new Set([
  // MongoDB driver: no server selectable in serverSelectionTimeoutMS, a socket error or timeout, a pool cleared by one.
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'MongoWaitQueueTimeoutError',
  // A client whose connect failed, until it reconnects (shared/infra/mongodb/mongo-resource.ts), or one closing with its instance.
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
  // Chroma's client wraps every fetch failure in this one.
  'ChromaConnectionError',
  // Stripe's SDK, after its own retries.
  'StripeConnectionError',
]);

/** System and undici codes of a connection that failed or broke (fetch puts them on `cause`). */
const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  // nodemailer: the SMTP connection could not be made or broke.
  'ECONNECTION',
  'ESOCKET',
]);

const maxDepth = 8;

/** True when `error` (or one of its causes) is a dependency that did not answer. */
export const isDependencyFailure = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < maxDepth && current !== null && typeof current === 'object'; depth += 1) {
    const { name, code } = current as { name?: unknown; code?: unknown };
    if (typeof name === 'string' && unavailableNames.has(name)) return true;
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    // A request cut by its own deadline (`AbortSignal.timeout`) waited for a dependency.
    if (name === 'TimeoutError') return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

/** Seconds a client should wait before retrying a 503: a restarted dependency or a failed-over replica set is back within seconds. */
export const dependencyRetryAfterSeconds = 5;
