/** The closed set of error codes, and whether trying again can help. */
export const ERROR_CODES = {
  "invalid-config": { retryable: false },
  "unreadable-file": { retryable: false },
  "unwritable-file": { retryable: false },
  "bus-unavailable": { retryable: true },
  "bus-write-failed": { retryable: true },
  "topic-setup-failed": { retryable: true },
  "socket-failed": { retryable: false },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one base error: a code from a closed set, a cause, and whether a retry can help. */
export class SlipstreamError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "SlipstreamError";
    this.code = code;
    this.retryable = ERROR_CODES[code].retryable;
  }
}
