/**
 * How the app stands with the PBX, in words for the status line. A link that is not connected carries when the PBX
 * last answered a poll (epoch ms), if it ever did since the recorder started: the calls shown are as of then.
 */
export type LinkState = LinkStatus & { lastContactAt?: number };

type LinkStatus =
  | { status: 'connecting'; message: string }
  | { status: 'connected'; message: string }
  | { status: 'unreachable'; message: string }
  | { status: 'auth-failed'; message: string; code: number }
  | { status: 'misconfigured'; message: string }
  | { status: 'paused'; message: string };
