/** How the app stands with the PBX, in words for the status line. */
export type LinkState =
  | { status: 'connecting'; message: string }
  | { status: 'connected'; message: string }
  | { status: 'unreachable'; message: string }
  | { status: 'auth-failed'; message: string; code: number }
  | { status: 'misconfigured'; message: string }
  | { status: 'paused'; message: string };
