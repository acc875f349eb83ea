import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { channelOf, eventChannelOf, RECORDER_METHODS, type RecorderEvents } from '../../preload/contract.ts';
import { invokeChecked, type RecorderHandlers } from '../host/invoke.ts';

/**
 * True only for our window's own page: the right webContents, its main frame (not an iframe), and our page's
 * URL compared exactly (no prefix matching).
 */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  window: { webContents: WebContents } | undefined,
  pageUrl: string,
): boolean {
  if (!window || event.sender !== window.webContents) return false;
  const frame = event.senderFrame;
  if (!frame || frame !== event.sender.mainFrame) return false;
  try {
    const url = new URL(frame.url);
    const page = new URL(pageUrl);
    url.hash = '';
    page.hash = '';
    return url.href === page.href;
  } catch {
    return false;
  }
}

/**
 * Registers every method of the contract, each behind the sender check and its argument check. This is the only
 * place that calls ipcMain.handle: nothing reaches main from the window any other way.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, handlers: RecorderHandlers, isTrusted: (event: IpcMainInvokeEvent) => boolean): void {
  for (const method of RECORDER_METHODS) {
    ipcMain.handle(channelOf(method), (event, ...args: unknown[]) => {
      if (!isTrusted(event)) throw new Error(`Refused ${method}: the request did not come from the Ozeki Recorder window.`);
      return invokeChecked(handlers, method, args);
    });
  }
}

/** Pushes an event to the window, if it is open. */
export function sendToWindow<E extends keyof RecorderEvents>(
  window: { webContents: Pick<WebContents, 'send'>; isDestroyed(): boolean } | undefined,
  event: E,
  payload: RecorderEvents[E],
): void {
  if (window && !window.isDestroyed()) window.webContents.send(eventChannelOf(event), payload);
}
