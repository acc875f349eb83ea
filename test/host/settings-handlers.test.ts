import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { VALIDATORS } from '../../main/host/ipc-validation.ts';
import { startDemoPbx } from '../helpers/demo.ts';
import { hostState, startAppHost } from '../helpers/app-host.ts';

const PASSWORD = 'pa55-word-of-the-desk';

/** Resolves with the error code of a TCP connection to `port` on `host` (undefined when something answers). */
function connectError(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

describe('the password, saved with the settings', () => {
  it.each(['basic_text', 'gnome_libsecret'] as const)('a corrected password (%s) reaches the recorder, which logs in with it', async (backend) => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { host, handlers, store } = await startAppHost(pbx.url, backend);
    expect(await handlers.saveSettings({ password: 'wrong' })).toMatchObject({ ok: true, settings: { passwordSet: true } });
    await hostState(host, (state) => state.link.status === 'auth-failed' && state.link.code === 305);
    const service = host.service;

    expect(await handlers.saveSettings({ password: PASSWORD })).toMatchObject({ ok: true });
    expect(host.service).not.toBe(service); // restarted with the new login, even where the keyring keeps nothing
    await hostState(host, (state) => state.link.status === 'connected');
    expect(await handlers.testConnection({})).toMatchObject({ ok: true });
    expect(store.get().passwordCipher).toBe(backend === 'basic_text' ? '' : Buffer.from(`enc:${PASSWORD}`).toString('base64'));
  });

  it('is not saved when another field is refused, and the recorder keeps its login', async () => {
    const pbx = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const { host, handlers, store } = await startAppHost(pbx.url, 'basic_text');
    await hostState(host, (state) => state.link.status === 'auth-failed' && state.link.code === 304);
    const service = host.service;

    const result = await handlers.saveSettings({ password: PASSWORD, listenPort: 80, myExtension: '1001' });
    expect(result).toEqual({ ok: false, errors: { listenPort: 'The port is a number from 1024 to 65535.' } });
    expect(await handlers.getSettings()).toMatchObject({ passwordSet: false, myExtension: '' });
    expect(store.get().passwordCipher).toBe('');
    expect(host.service).toBe(service);
    expect(await handlers.testConnection({})).toEqual({ ok: false, message: 'Authentication required (Ozeki code 304)' });
  });

  it('says what is wrong with a password that cannot be one, next to its field', async () => {
    const pbx = await startDemoPbx();
    const { handlers } = await startAppHost(pbx.url);
    expect(await handlers.saveSettings({ password: 'x'.repeat(501) })).toEqual({ ok: false, errors: { password: 'The password is too long.' } });
  });
});

describe('Test connection with the values typed', () => {
  it('tests the address, username and password typed, not the saved ones', async () => {
    const saved = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const typed = await startDemoPbx({ auth: { username: 'reception', password: 'other-secret' } });
    const { handlers } = await startAppHost(saved.url);
    await handlers.saveSettings({ password: PASSWORD });
    expect(await handlers.testConnection({})).toMatchObject({ ok: true });

    expect(await handlers.testConnection({ pbxUrl: typed.url, username: 'reception', password: 'other-secret' })).toEqual({
      ok: true,
      message: 'Connected: the PBX answered (0 active calls).',
    });
    expect(typed.received.map((r) => r.command)).toEqual(['ListActiveCalls']);
    expect(await handlers.testConnection({ password: 'wrong' })).toEqual({
      ok: false,
      message: 'Authentication failed, bad username or password (Ozeki code 305)',
    });
    expect(await handlers.getSettings()).toMatchObject({ pbxUrl: saved.url, username: 'desk' }); // a test saves nothing
  });

  it('never sends the saved password to an address or a username typed instead', async () => {
    const saved = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } });
    const elsewhere = await startDemoPbx({ auth: { username: 'desk', password: PASSWORD } }); // would accept it
    const { handlers } = await startAppHost(saved.url);
    await handlers.saveSettings({ password: PASSWORD });
    // 304: no password came at all (a wrong one is 305).
    expect(await handlers.testConnection({ pbxUrl: elsewhere.url })).toEqual({ ok: false, message: 'Authentication required (Ozeki code 304)' });
    expect(await handlers.testConnection({ username: 'reception' })).toEqual({ ok: false, message: 'Authentication required (Ozeki code 304)' });
    expect(await handlers.testConnection({ pbxUrl: `${saved.url}/` })).toMatchObject({ ok: true }); // the same PBX, written anew
  });

  it("says what is wrong with an address typed, in the settings' words, before connecting anywhere", async () => {
    const pbx = await startDemoPbx();
    const { handlers } = await startAppHost(pbx.url);
    expect(await handlers.testConnection({ pbxUrl: 'http://desk:secret@192.0.2.1' })).toEqual({
      ok: false,
      message: 'Put the PBX username and password in their own fields, not in the address.',
    });
    expect(await handlers.testConnection({ pbxUrl: '' })).toEqual({ ok: true, message: 'No PBX is set: the demo PBX is in use.' });
  });
});

describe('Test listener with the values typed', () => {
  it('tries a listener on the address typed for a moment, and the running one for the saved values', async () => {
    const pbx = await startDemoPbx();
    const { host, handlers } = await startAppHost(pbx.url);
    const running = host.service.callbackUrl ?? '';
    expect(await handlers.testListener({})).toEqual({ ok: true, message: `The listener answers at ${running}.` });

    const result = await handlers.testListener({ listenHost: '127.0.0.2', listenPort: 0 });
    const trial = /answers at http:\/\/127\.0\.0\.2:(\d+)\./.exec(result.message);
    expect(result.ok, result.message).toBe(true);
    expect(result.message).toMatch(/^With these settings the listener answers at http:\/\/127\.0\.0\.2:\d+\. Save them to use it\.$/);
    expect(await connectError('127.0.0.2', Number(trial?.[1]))).toBe('ECONNREFUSED'); // gone after the test
    expect(host.service.callbackUrl).toBe(running); // nothing saved, nothing restarted

    expect(await handlers.testListener({ listenHost: '192.0.2.7' })).toEqual({
      ok: false,
      message: 'The listener is not running: 192.0.2.7 is not an address of this computer.',
    });
    expect(await handlers.testListener({ listenHost: 'desk-pc' })).toEqual({
      ok: false,
      message: 'Write an IP address of this computer, like 192.168.0.20, or leave it empty.',
    });
  });
});

describe('one value checked as it is typed', () => {
  it('says what an auto-record rule will do, or what is wrong with it, in the words saveSettings uses', async () => {
    const pbx = await startDemoPbx();
    const { handlers } = await startAppHost(pbx.url);
    expect(await handlers.checkSetting('autoRecord', '+36*, 1003')).toEqual({
      ok: true,
      message: 'Records calls from or to +36…, and 1003, once they are answered.',
    });
    const refused = { ok: false, message: '"sometimes" is not a number: write all, none, or numbers like +36*, 1003 (* stands for any digits).' };
    expect(await handlers.checkSetting('autoRecord', 'sometimes')).toEqual(refused);
    expect(await handlers.saveSettings({ autoRecord: 'sometimes' })).toEqual({ ok: false, errors: { autoRecord: refused.message } });
    expect(await handlers.checkSetting('listenPort', 80)).toEqual({ ok: false, message: 'The port is a number from 1024 to 65535.' });
    expect(await handlers.checkSetting('myExtension', '1001')).toEqual({ ok: true, message: '' });
  });

  it('takes from the window only a field of the form with a value of its type', () => {
    const check = VALIDATORS.checkSetting;
    expect(check(['autoRecord', 'all'])).toBe(true);
    expect(check(['password', 'secret'])).toBe(true);
    expect(check(['listenPort', '80'])).toBe(false);
    expect(check(['folder', '/etc'])).toBe(false); // chosen with the system dialog only
    expect(check(['passwordCipher', ''])).toBe(false);
    expect(check(['autoRecord'])).toBe(false);
    expect(VALIDATORS.testConnection([{ pbxUrl: 'http://pbx', password: 'p' }])).toBe(true);
    expect(VALIDATORS.testConnection([{ folder: '/etc' }])).toBe(false);
    expect(VALIDATORS.testListener([])).toBe(false);
  });
});
