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

describe('a letter pressed in the shortcut field on a keyboard that is not a US one', () => {
  const ctrlAlt = { ctrlKey: true, altKey: true };

  it('is the letter the key types on Windows and Linux, where the shortcut listens for that letter', () => {
    // German or Hungarian QWERTZ: the key that types Z sits where a US keyboard has Y.
    expect(readKeyPress(press('KeyY', ctrlAlt, 'z'), 'win32')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+Z' });
    expect(readKeyPress(press('KeyZ', ctrlAlt, 'y'), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+Y' });
    expect(readKeyPress(press('KeyY', { ctrlKey: true, shiftKey: true }, 'Z'), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Shift+Z' });
    // AZERTY: A where a US keyboard has Q, and M where it has the semicolon (no letter there on a US keyboard).
    expect(readKeyPress(press('KeyQ', ctrlAlt, 'a'), 'win32')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+A' });
    expect(readKeyPress(press('Semicolon', ctrlAlt, 'm'), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+M' });
  });

  it('is the key’s place where the key types no Latin letter: Cyrillic, Greek, or a character typed with AltGr', () => {
    expect(readKeyPress(press('KeyZ', ctrlAlt, 'я'), 'win32')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+Z' });
    expect(readKeyPress(press('KeyV', ctrlAlt, 'ω'), 'linux')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+V' });
    // Ctrl+Alt is AltGr on Windows: on a German keyboard Ctrl+Alt+Q types @.
    expect(readKeyPress(press('KeyQ', ctrlAlt, '@'), 'win32')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+Q' });
  });

  it('takes a digit from the number row’s place, with Shift or without (AZERTY types & there), and not from the number pad', () => {
    expect(readKeyPress(press('Digit1', ctrlAlt, '&'), 'win32')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+1' });
    expect(readKeyPress(press('Digit1', { ctrlKey: true, shiftKey: true }, '1'), 'linux')).toEqual({
      kind: 'shortcut',
      accelerator: 'CommandOrControl+Shift+1',
    });
    expect(readKeyPress(press('Digit2', { ctrlKey: true, shiftKey: true }, '@'), 'linux')).toEqual({
      kind: 'shortcut',
      accelerator: 'CommandOrControl+Shift+2',
    });
    expect(readKeyPress(press('Numpad1', ctrlAlt, '1'), 'linux')).toMatchObject({ kind: 'refused' });
  });

  it('is the key’s place on a Mac, where the shortcut listens for the place a US keyboard gives the letter', () => {
    expect(readKeyPress(press('KeyY', { metaKey: true, altKey: true }, 'z'), 'darwin')).toEqual({ kind: 'shortcut', accelerator: 'CommandOrControl+Alt+Y' });
    expect(readKeyPress(press('KeyQ', { metaKey: true, shiftKey: true }, 'A'), 'darwin')).toEqual({
      kind: 'shortcut',
      accelerator: 'CommandOrControl+Shift+Q',
    });
  });
});
