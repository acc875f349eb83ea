import type { RecorderApi } from '../preload/contract.ts';

declare global {
  interface Window {
    recorder: RecorderApi;
  }
}

const root = document.getElementById('app');
void window.recorder.version().then((version) => {
  const footer = document.createElement('p');
  footer.textContent = `Version ${version}`;
  root?.append(footer);
});
