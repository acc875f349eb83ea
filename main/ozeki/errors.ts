import { statusName } from './status-codes.ts';

/**
 * Every way talking to the PBX can fail. `message` is written for a receptionist; `kind` is for code.
 * - `pbx`: the PBX answered with a `<Code>` other than 200 (see {@link OzekiError}).
 * - `unreachable`: no connection (refused, no route, DNS).
 * - `timeout`: the PBX did not answer before the deadline.
 * - `bad-response`: an answer that is not the PBX's XML, or an HTTP status other than 200.
 * - `bad-notification`: a notification body that cannot be read.
 * - `misconfigured`: the client's own settings cannot work (bad URL, a password over GET).
 */
export type PbxErrorKind = 'pbx' | 'unreachable' | 'timeout' | 'bad-response' | 'bad-notification' | 'misconfigured';

export class PbxError extends Error {
  override readonly name: string = 'PbxError';
  /**
   * Whether the PBX may have received the command although no answer came: true for a timeout once the request was
   * written (not while connecting or in a TLS handshake) and for a connection closed after the request was sent (the PBX may be carrying it out); false when it
   * cannot have (refused, no such host, no route, a connect timeout) or when it answered.
   */
  readonly mayHaveArrived: boolean;
  constructor(
    readonly kind: PbxErrorKind,
    message: string,
    options?: { cause?: unknown; mayHaveArrived?: boolean },
  ) {
    super(message, options);
    this.mayHaveArrived = options?.mayHaveArrived ?? false;
  }
}

/** The PBX refused a command: its code, the code's documented name and the PBX's own message. */
export class OzekiError extends PbxError {
  override readonly name = 'OzekiError';
  readonly codeName: string;
  constructor(
    readonly code: number,
    readonly pbxMessage: string,
  ) {
    const text = pbxMessage.trim() || statusName(code);
    super('pbx', `${text} (Ozeki code ${code})`);
    this.codeName = statusName(code);
  }

  /** 304–307: the PBX does not accept who or where we are. */
  get isAuthentication(): boolean {
    return this.code >= 304 && this.code <= 307;
  }
}

export function isPbxError(error: unknown): error is PbxError {
  return error instanceof PbxError;
}
