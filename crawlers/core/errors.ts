// Errors of the fetching core. A fetch outcome never throws: failures travel as FetchErrorInfo.
// `FetchFailure` carries one inside the core until it is turned into an outcome.
import type { FetchErrorInfo, FetchErrorKind } from './types.ts';

/** One failed attempt or hop, with what the runner should know about it. */
export class FetchFailure extends Error {
  readonly kind: FetchErrorKind;
  readonly httpStatus: number | undefined;
  readonly retryable: boolean;

  constructor(
    kind: FetchErrorKind,
    message: string,
    options: { httpStatus?: number; retryable?: boolean; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'FetchFailure';
    this.kind = kind;
    this.httpStatus = options.httpStatus;
    this.retryable = options.retryable ?? false;
  }

  toInfo(): FetchErrorInfo {
    const info: FetchErrorInfo = { kind: this.kind, message: this.message, retryable: this.retryable };
    if (this.httpStatus !== undefined) info.httpStatus = this.httpStatus;
    return info;
  }
}

/** Bad fetcher options: thrown by `createFetcher` at the door, naming the field and the value. */
export class FetcherOptionsError extends TypeError {
  constructor(field: string, expected: string, actual: unknown, cause?: unknown) {
    super(`Invalid fetcher option ${field}: expected ${expected}, got ${JSON.stringify(actual)}`, { cause });
    this.name = 'FetcherOptionsError';
  }
}

/** Wraps anything thrown by lower layers into a FetchFailure (network by default). */
export function toFetchFailure(error: unknown, url: string): FetchFailure {
  if (error instanceof FetchFailure) return error;
  const err = error as NodeJS.ErrnoException;
  const code = err?.code ? ` (${err.code})` : '';
  return new FetchFailure('network', `Network error fetching ${url}: ${err?.message ?? String(error)}${code}`, {
    retryable: true,
    cause: error,
  });
}
