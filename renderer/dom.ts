import type { WindowRecorder } from '../preload/contract.ts';

declare global {
  interface Window {
    recorder: WindowRecorder;
  }
}

/** The recorder as the window sees it: the contract the preload (or the preview's bridge) put on `window`. */
export const recorder = (): WindowRecorder => window.recorder;
