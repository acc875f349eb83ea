import { describe, expect, it } from 'vitest';
import { acceleratorText } from '../../preload/display.ts';

describe('a shortcut as the platform writes it', () => {
  it('is Ctrl+Alt+R on Windows and Linux and ⌘⌥R on macOS for the stored CommandOrControl+Alt+R', () => {
    expect(acceleratorText('CommandOrControl+Alt+R', 'win32')).toBe('Ctrl+Alt+R');
    expect(acceleratorText('CommandOrControl+Alt+R', 'linux')).toBe('Ctrl+Alt+R');
    expect(acceleratorText('CommandOrControl+Alt+R', 'darwin')).toBe('⌘⌥R');
  });

  it('names every modifier an accelerator may hold, in the order it holds them', () => {
    expect(acceleratorText('CmdOrCtrl+Shift+F9', 'win32')).toBe('Ctrl+Shift+F9');
    expect(acceleratorText('Control+Option+Shift+Space', 'darwin')).toBe('⌃⌥⇧Space');
    expect(acceleratorText('Super+Alt+K', 'win32')).toBe('Win+Alt+K');
    expect(acceleratorText('Super+Alt+K', 'linux')).toBe('Super+Alt+K');
    expect(acceleratorText('Command+AltGr+1', 'darwin')).toBe('⌘⌥1');
    expect(acceleratorText('ctrl+alt+r', 'linux')).toBe('Ctrl+Alt+R'); // accelerators are case-insensitive
  });

  it('says nothing for no shortcut', () => {
    expect(acceleratorText('', 'darwin')).toBe('');
  });
});
