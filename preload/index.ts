import { contextBridge, ipcRenderer } from 'electron';
import { channelOf, RECORDER_METHODS, type RecorderApi } from './contract.ts';

const api = Object.fromEntries(
  RECORDER_METHODS.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]),
) as unknown as RecorderApi;

contextBridge.exposeInMainWorld('recorder', api);
