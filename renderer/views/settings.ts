import type { SettingsChange, SettingsView } from '../../preload/contract.ts';
import { el, recorder } from '../dom.ts';

type Field = { key: keyof SettingsChange; label: string; kind: 'text' | 'number' | 'checkbox' | 'select'; options?: [string, string][]; hint?: string };

const FIELDS: Field[] = [
  { key: 'pbxUrl', label: 'PBX URL', kind: 'text', hint: 'Like http://192.168.0.10:7780. Empty: the demo PBX.' },
  { key: 'username', label: 'Username', kind: 'text' },
  { key: 'myExtension', label: 'My extension', kind: 'text' },
  { key: 'format', label: 'Format', kind: 'select', options: [['mp3', 'MP3'], ['wav', 'WAV']] },
  { key: 'fileNameTemplate', label: 'File name template', kind: 'text', hint: 'Tokens: {date} {time} {from} {to} {callerName} {callId} {format}; / makes sub-folders.' },
  { key: 'pausedParts', label: 'Paused parts', kind: 'select', options: [['remove', 'Removed from the file'], ['silence', 'Replaced by silence']] },
  { key: 'autoRecord', label: 'Auto-record', kind: 'text', hint: 'none, all, or numbers like +36*, 1003' },
  { key: 'listenHost', label: 'Listener address', kind: 'text', hint: 'Empty: the address that routes to the PBX.' },
  { key: 'listenPort', label: 'Listener port', kind: 'number' },
  { key: 'callbackUrl', label: 'Callback URL', kind: 'text', hint: 'Only behind NAT or a port forward.' },
  { key: 'shortcut', label: 'Shortcut for "Record my call"', kind: 'text' },
  { key: 'startAtLogin', label: 'Start at login', kind: 'checkbox' },
  { key: 'pollIntervalMs', label: 'Poll interval (ms)', kind: 'number' },
  {
    key: 'pbxRecordingsDir',
    label: 'PBX recordings folder',
    kind: 'text',
    hint: 'For administrators. Only if the PBX runs on this computer and gives recordings as file paths: the folder it saves them in. Empty: files are only fetched from the PBX over HTTP.',
  },
  { key: 'recordingsOrigin', label: 'Recordings web address', kind: 'text', hint: 'For administrators. Only if the PBX serves recordings from another address than its own, like https://192.168.0.10:8443.' },
];

/** The settings form: every invalid value is shown next to its field and nothing is saved until all are valid. */
export class SettingsViewPanel {
  readonly element: HTMLElement;
  private readonly form = el('form', { className: 'settings', noValidate: true });
  private readonly inputs = new Map<keyof SettingsChange, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<keyof SettingsChange, HTMLElement>();
  private readonly status = el('p', { className: 'note', attrs: { role: 'status' } });
  private readonly folder = el('span', { className: 'folder' });
  private readonly password = el('input', { type: 'password', id: 'setting-password', autocomplete: 'new-password' });
  private readonly passwordState = el('span', { className: 'hint' });
  private passwordSet = false;
  private readonly preview = el('span', { className: 'hint', id: 'template-preview' });

  constructor() {
    for (const field of FIELDS) {
      const id = `setting-${field.key}`;
      const input =
        field.kind === 'select'
          ? el('select', { id }, ...(field.options ?? []).map(([value, label]) => el('option', { value, textContent: label })))
          : el('input', { id, type: field.kind === 'checkbox' ? 'checkbox' : field.kind === 'number' ? 'number' : 'text' });
      const error = el('span', { className: 'field-error', id: `${id}-error`, attrs: { role: 'alert' } });
      input.setAttribute('aria-describedby', `${id}-error`);
      this.inputs.set(field.key, input);
      this.errors.set(field.key, error);
      const extra = field.key === 'fileNameTemplate' ? [this.preview] : field.hint ? [el('span', { className: 'hint', textContent: field.hint })] : [];
      this.form.append(el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: field.label }), input, ...extra, error));
      if (field.key === 'username') this.form.append(el('div', { className: 'field' }, el('label', { htmlFor: 'setting-password', textContent: 'Password' }), this.password, this.passwordState));
    }
    this.inputs.get('fileNameTemplate')?.addEventListener('input', () => void this.updatePreview());
    const button = (label: string, action: () => Promise<void>, type: 'button' | 'submit' = 'button') => {
      const b = el('button', { type, textContent: label });
      if (type === 'button') b.addEventListener('click', () => void action());
      return b;
    };
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.form.append(
      el('div', { className: 'field' }, el('span', { className: 'label', textContent: 'Recordings folder' }), el('span', { className: 'folder-row' }, this.folder, button('Choose…', async () => this.load(await recorder().chooseFolder())))),
      el(
        'div',
        { className: 'buttons' },
        button('Save', () => this.save(), 'submit'),
        button('Test connection', async () => this.say(await recorder().testConnection())),
        button('Test listener', async () => this.say(await recorder().testListener())),
      ),
      this.status,
    );
    this.element = el('section', { id: 'settings-view', attrs: { 'aria-labelledby': 'settings-tab' } }, this.form);
  }

  async open(): Promise<void> {
    this.load(await recorder().getSettings());
  }

  private say(result: { ok: boolean; message: string }): void {
    this.status.textContent = result.message;
    this.status.className = result.ok ? 'note ok' : 'note error';
  }

  private load(settings: SettingsView): void {
    for (const [key, input] of this.inputs) {
      const value = settings[key];
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(value);
      else input.value = String(value);
      this.errors.get(key)?.replaceChildren();
    }
    this.folder.textContent = settings.folder;
    this.password.value = '';
    this.passwordSet = settings.passwordSet;
    this.password.placeholder = settings.passwordSet ? '•••••• (set; type to change)' : 'not set';
    this.passwordState.textContent = settings.passwordInMemoryOnly ? 'This computer has no keyring: the password is kept until the app closes, not saved.' : '';
    void this.updatePreview();
  }

  /** The next file name as the template is typed; a template that cannot work says why in its error line. */
  private async updatePreview(): Promise<void> {
    const result = await recorder().previewFileName(this.inputs.get('fileNameTemplate')?.value ?? '');
    this.preview.textContent = result.ok ? `Next file: ${result.message}` : '';
    this.errors.get('fileNameTemplate')?.replaceChildren(result.ok ? '' : result.message);
  }

  private async save(): Promise<void> {
    const change: Record<string, string | number | boolean> = {};
    for (const field of FIELDS) {
      const input = this.inputs.get(field.key);
      if (!input) continue;
      change[field.key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? input.checked : field.kind === 'number' ? Number(input.value) : input.value.trim();
    }
    for (const error of this.errors.values()) error.replaceChildren();
    const hadPassword = this.passwordSet;
    const result = await recorder().saveSettings(change as SettingsChange);
    if (result.ok) {
      // The password after the address: a new PBX address or username forgets the old password.
      const typed = this.password.value;
      if (typed) await recorder().setPassword(typed);
      const settings = typed ? await recorder().getSettings() : result.settings;
      this.load(settings);
      const forgotten = hadPassword && !settings.passwordSet;
      this.say({ ok: true, message: forgotten ? 'Saved. The PBX address or username changed, so the password was forgotten: type it again.' : 'Saved.' });
      return;
    }
    for (const [key, message] of Object.entries(result.errors)) {
      this.errors.get(key as keyof SettingsChange)?.append(message ?? '');
      this.inputs.get(key as keyof SettingsChange)?.setAttribute('aria-invalid', 'true');
    }
    this.say({ ok: false, message: 'Not saved: correct the fields marked below.' });
  }
}
