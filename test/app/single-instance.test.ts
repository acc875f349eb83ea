import { describe, expect, it } from 'vitest';
import { app } from '../mocks/electron.ts';

describe('single instance', () => {
  it('a second start quits at once and leaves the running app alone', async () => {
    app.requestSingleInstanceLock.mockReturnValueOnce(false);
    app.whenReady.mockClear();
    await import('../../main/app/index.ts');
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
  });
});
