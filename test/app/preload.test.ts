import { describe, expect, it } from 'vitest';
import { contextBridge, ipcRenderer } from '../mocks/electron.ts';
import { channelOf, eventChannelOf, RECORDER_METHODS, type WindowRecorder } from '../../preload/contract.ts';

describe('preload', () => {
  it('exposes exactly the contract as window.recorder, each method invoking its channel, and the platform', async () => {
    await import('../../preload/index.ts');
    expect(contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    const [name, api] = contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, WindowRecorder];
    expect(name).toBe('recorder');
    expect(Object.keys(api).sort()).toEqual([...RECORDER_METHODS, 'on', 'platform'].sort());
    expect(api.platform).toBe(process.platform);
    await api.toggle('XzeOK');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(channelOf('toggle'), 'XzeOK');
    await api.setNote('2026/a.mp3', 'call back');
    expect(ipcRenderer.invoke).toHaveBeenLastCalledWith(channelOf('setNote'), '2026/a.mp3', 'call back');
  });

  it('hands event listeners the payload only, never the IPC event, and unsubscribes', async () => {
    await import('../../preload/index.ts');
    const [, api] = contextBridge.exposeInMainWorld.mock.calls[0] as unknown as [string, WindowRecorder];
    const seen: unknown[][] = [];
    const off = api.on('navigate', (...args: unknown[]) => seen.push(args));
    ipcRenderer.emit(eventChannelOf('navigate'), { sender: 'secret ipc event' }, 'settings');
    off();
    ipcRenderer.emit(eventChannelOf('navigate'), { sender: 'x' }, 'calls');
    expect(seen).toEqual([['settings']]);
    expect(() => api.on('nonsense' as 'state', () => undefined)).toThrow('Unknown event');
  });
});
