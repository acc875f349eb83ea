import { describe, expect, it } from 'vitest';
import { readKeyPress, type KeyDown } from '../../renderer/views/settings/shortcut-keys.ts';

const press = (code: string, held: Partial<KeyDown> = {}, key = code.replace(/^Key|^Digit/, '')): KeyDown => ({
  key,
  code,
  ctrlKey: false,
  altKey: false,
  shiftKey: false,
  metaKey: false,
  ...held,
});

describe('a key pressed in the shortcut field', () => {
  it('makes the Electron accelerator of the keys held: Ctrl is CommandOrControl on Windows and Linux, ⌘ on a Mac', () => {
    expect(readKeyPress(press('KeyR', { ctrlKey: true, altKey: true }), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+R' });
    expect(readKeyPress(press('KeyR', { metaKey: true, altKey: true }), 'darwin')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+R' });
    expect(readKeyPress(press('KeyK', { ctrlKey: true, altKey: true }), 'darwin')).toEqual({ kind: 'shortcut', accelerator: 'Control+Alt+K' });
    expect(readKeyPress(press('F9', { metaKey: true, shiftKey: true }), 'win32')).toEqual({ kind: 'shortcut', accelerator: 'Super+Shift+F9' });
    expect(readKeyPress(press('ArrowUp', { ctrlKey: true }, 'ArrowUp'), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Up' });
    // The key's place, not the character a layout or Option makes of it.
    expect(readKeyPress(press('KeyR', { altKey: true, metaKey: true }, '®'), 'darwin')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+R' });
  });

  it('clears on Backspace or Delete, puts back on Escape, and leaves Tab, Enter and the modifiers alone', () => {
    expect(readKeyPress(press('Backspace', {}, 'Backspace'), 'linux')).toEqual({ kind: 'clear' });
    expect(readKeyPress(press('Delete', {}, 'Delete'), 'linux')).toEqual({ kind: 'clear' });
    expect(readKeyPress(press('Delete', { ctrlKey: true, altKey: true }, 'Delete'), 'linux')).toEqual({
      kind: 'shortcut',
      accelerator: 'CommandOrControl+Alt+Delete',
    });
    expect(readKeyPress(press('Escape', {}, 'Escape'), 'linux')).toEqual({ kind: 'undo' });
    expect(readKeyPress(press('Tab', {}, 'Tab'), 'linux')).toEqual({ kind: 'pass' });
    expect(readKeyPress(press('Tab', { shiftKey: true }, 'Tab'), 'linux')).toEqual({ kind: 'pass' });
    expect(readKeyPress(press('Enter', {}, 'Enter'), 'linux')).toEqual({ kind: 'pass' });
    expect(readKeyPress(press('ControlLeft', { ctrlKey: true }, 'Control'), 'linux')).toEqual({ kind: 'pass' });
  });

  it('refuses a key alone, with Shift only, or one no shortcut can use, saying which keys to hold as the platform writes them', () => {
    const linux = { kind: 'refused', problem: 'Hold Ctrl or Alt while you press a letter, a digit or F1–F24, like Ctrl+Alt+R.' };
    expect(readKeyPress(press('KeyR'), 'linux')).toEqual(linux);
    expect(readKeyPress(press('KeyR', { shiftKey: true }), 'linux')).toEqual(linux);
    expect(readKeyPress(press('Semicolon', { ctrlKey: true }, ';'), 'linux')).toEqual(linux);
    expect(readKeyPress(press('KeyR'), 'darwin')).toEqual({
      kind: 'refused',
      problem: 'Hold ⌘, ⌥ or ⌃ while you press a letter, a digit or F1–F24, like ⌘⌥R.',
    });
  });
});
