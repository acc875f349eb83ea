import type { IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { IpcMainMock, WebContentsMock } from '../mocks/electron.ts';
import { channelOf, RECORDER_METHODS } from '../../preload/contract.ts';
import { isTrustedSender, registerIpc } from '../../main/app/ipc.ts';
import type { RecorderHandlers } from '../../main/host/invoke.ts';

const PAGE = 'file:///app/dist/renderer/index.html';

function setup() {
  const ipc = new IpcMainMock();
  const contents = new WebContentsMock();
  const window = { webContents: contents as unknown as WebContents };
  const handlers = Object.fromEntries(RECORDER_METHODS.map((m) => [m, vi.fn(() => Promise.resolve(`${m} done`))])) as unknown as RecorderHandlers;
  registerIpc(ipc, handlers, (event) => isTrustedSender(event, window, PAGE));
  const event = (overrides: Partial<{ sender: unknown; senderFrame: unknown }> = {}) =>
    ({ sender: contents, senderFrame: contents.mainFrame, ...overrides }) as unknown as IpcMainInvokeEvent;
  return { ipc, contents, handlers, event };
}

describe('IPC wrapper', () => {
  it('registers exactly the contract, each through the wrapper', () => {
    const { ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(RECORDER_METHODS.map(channelOf).sort());
  });

  it('runs a handler for our window with valid arguments', async () => {
    const { ipc, handlers, event } = setup();
    await expect(ipc.invoke(channelOf('toggle'), event(), 'XzeOK')).resolves.toBe('toggle done');
    expect(handlers.toggle).toHaveBeenCalledWith('XzeOK');
  });

  it.each([
    ['another web contents', () => ({ sender: new WebContentsMock() })],
    ['an iframe of our window', () => ({ senderFrame: { url: PAGE } })],
    ['no frame', () => ({ senderFrame: null })],
  ])('refuses a call from %s', async (_, overrides) => {
    const { ipc, handlers, event } = setup();
    await expect(ipc.invoke(channelOf('toggle'), event(overrides()), 'XzeOK')).rejects.toThrow('did not come from the Ozeki Recorder window');
    expect(handlers.toggle).not.toHaveBeenCalled();
  });

  it('refuses our window once it navigated elsewhere', async () => {
    const { ipc, contents, handlers, event } = setup();
    contents.mainFrame.url = 'https://evil.example/index.html';
    await expect(ipc.invoke(channelOf('getSettings'), event())).rejects.toThrow('did not come from');
    expect(handlers.getSettings).not.toHaveBeenCalled();
  });

  it.each([
    ['toggle', ['bad id with spaces']],
    ['toggle', []],
    ['toggle', ['a', 'b']],
    ['retry', ['not-a-uuid']],
    ['setNote', ['/etc/passwd', 'x']],
    ['setNote', ['../outside.mp3', 'x']],
    ['setNote', ['C:\\Windows\\x.mp3', 'x']],
    ['setNote', ['ok.mp3', 'x'.repeat(2001)]],
    ['setPinned', ['ok.mp3', 'yes']],
    ['saveSettings', [{ folder: '/tmp/elsewhere' }]],
    ['saveSettings', [{ listenPort: '7781' }]],
    ['saveSettings', [null]],
    ['getState', ['extra']],
    ['exportRecordings', [{ kind: 'recordings', relativePaths: ['/etc/passwd'] }]],
    ['exportRecordings', [{ kind: 'recordings', relativePaths: ['../outside.wav'] }]],
    ['exportRecordings', [{ kind: 'recordings', relativePaths: [] }]],
    ['exportRecordings', [{ kind: 'filter', from: '2026-11-20', target: '/tmp/elsewhere.zip' }]], // the window never says where
    ['exportRecordings', [{ kind: 'filter', from: 20261120 }]],
    ['exportRecordings', [{ kind: 'everything' }]],
    ['exportSummary', ['2026-11-20']],
  ])('refuses %s with arguments %j', async (method, args) => {
    const { ipc, handlers, event } = setup();
    await expect(ipc.invoke(channelOf(method as (typeof RECORDER_METHODS)[number]), event(), ...args)).rejects.toThrow('invalid arguments');
    expect(handlers[method as keyof RecorderHandlers]).not.toHaveBeenCalled();
  });
});
