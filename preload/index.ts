import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, eventChannelOf, RECORDER_EVENTS, RECORDER_METHODS, type RecorderEvents, type WindowRecorder } from './contract.ts';

const methods = Object.fromEntries(RECORDER_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]));

const recorder = {
  ...methods,
  platform: process.platform,
  on(event: keyof RecorderEvents, listener: (payload: unknown) => void): () => void {
    if (!(RECORDER_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event ${event}`);
    // The IpcRendererEvent never reaches the page: only the payload does.
    const wrapped = (_event: unknown, payload: unknown) => listener(payload);
    ipcRenderer.on(eventChannelOf(event), wrapped);
    return () => void ipcRenderer.off(eventChannelOf(event), wrapped);
  },
} as WindowRecorder;

contextBridge.exposeInMainWorld('recorder', recorder);
