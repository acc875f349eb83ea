/**
 * The one IPC contract between main and the window: what `window.recorder` offers.
 * Main and the preload import it; the renderer imports its types only.
 */
export interface RecorderApi {
  /** The app's version, for the window's footer. */
  version(): Promise<string>;
}

export type RecorderMethod = keyof RecorderApi;

/** Every method of the contract; the preload exposes exactly these and main handles exactly these. */
export const RECORDER_METHODS = ['version'] as const satisfies readonly RecorderMethod[];

export const channelOf = (method: RecorderMethod): string => `recorder:${method}`;
