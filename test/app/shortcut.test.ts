import { describe, expect, it, vi } from 'vitest';
import { RecordShortcut } from '../../main/app/shortcut.ts';
import { globalShortcut } from '../mocks/electron.ts';

describe('the global shortcut for "Record my call"', () => {
  it('says in words when another program holds the keys, and registers again when asked', () => {
    const action = vi.fn();
    const shortcut = new RecordShortcut(globalShortcut, action, 'win32');
    globalShortcut.register.mockReturnValueOnce(false);
    shortcut.use('CommandOrControl+Alt+R');
    expect(shortcut.problem).toBe('The shortcut Ctrl+Alt+R is taken by another program, so "Record my call" has no shortcut: choose another one in Settings.');
    shortcut.renew();
    expect(shortcut.problem).toBeUndefined();
    expect(globalShortcut.register).toHaveBeenLastCalledWith('CommandOrControl+Alt+R', action);
    globalShortcut.register.mockImplementationOnce(() => {
      throw new Error('conversion failure');
    });
    shortcut.use('Super+F13');
    expect(shortcut.problem).toMatch(/^The shortcut Win\+F13 is taken/);
    globalShortcut.register.mockClear();
    shortcut.use('');
    expect(shortcut.problem).toBeUndefined();
    expect(globalShortcut.register).not.toHaveBeenCalled();
  });

  it('names the keys as a Mac writes them on a Mac', () => {
    const shortcut = new RecordShortcut(globalShortcut, vi.fn(), 'darwin');
    globalShortcut.register.mockReturnValueOnce(false);
    shortcut.use('CommandOrControl+Alt+R');
    expect(shortcut.problem).toMatch(/^The shortcut ⌘⌥R is taken by another program/);
  });
});
