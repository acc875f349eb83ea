// Plain types of a live call, free of any import, so the window can use them too.

/** The documented CallState values; the PBX may send others, which are kept as they are. */
export const CALL_STATES = ['Ringing', 'InCall', 'Hold', 'Error', 'Cancelled', 'Transferred', 'Busy', 'Completed', 'Answered'] as const;
export type KnownCallState = (typeof CALL_STATES)[number];
export type CallState = KnownCallState | (string & {});

/** One call from ListActiveCalls. Phone numbers are strings: a leading `+` or `0` is part of the number. */
export interface LiveCall {
  callId: string;
  state: CallState;
  source: string;
  destination: string;
  callerId: string;
  startTime: Date;
  ringSeconds: number;
  talkSeconds: number;
}
