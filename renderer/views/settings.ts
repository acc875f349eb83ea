import type { SettingsChange, SettingsView } from '../../preload/contract.ts';
import { SETTINGS, type FieldKey, type Meta, type SettingKey, type ValueRule } from '../../preload/settings-schema.ts';
import { el, onClick, recorder } from '../dom.ts';
import type { View } from '../view.ts';
import './settings.css';

type Row = Meta & { value: ValueRule<unknown> };
const rowOf = (key: FieldKey): Row => SETTINGS[key];

/** The input of one setting, as the schema describes it: its kind, bounds and choices. */
function inputFor(key: FieldKey): HTMLInputElement | HTMLSelectElement {
  const id = `setting-${key}`;
  const { value, window } = rowOf(key);
  if (value.kind === 'choice')
    return el('select', { id }, ...(value.options ?? []).map(([option, label]) => el('option', { value: option, textContent: label })));
  if (value.kind === 'switch') return el('input', { id, type: 'checkbox' });
  if (value.kind !== 'integer') return el('input', { id, type: 'text' });
  const shown = (n: number | undefined) => (n === undefined ? '' : (window?.unit?.show(n) ?? String(n)));
  return el('input', { id, type: 'number', min: shown(value.min), max: shown(value.max) });
}

/** The hint under a field; an administrator's setting says so. */
function hintOf(key: FieldKey): string | undefined {
  const row = rowOf(key);
  const hint = row.window?.hint;
  return hint && row.who === 'administrator' ? `For administrators. ${hint}` : hint;
}

/** The value an input shows, and the value it sends back: in the field's unit, a list as comma-separated text. */
function shownValue(key: FieldKey, value: unknown): string {
  const unit = rowOf(key).window?.unit;
  if (unit && typeof value === 'number') return unit.show(value);
  return Array.isArray(value) ? value.join(', ') : String(value);
}

function typedValue(key: FieldKey, input: HTMLInputElement | HTMLSelectElement): unknown {
  const { value, window } = rowOf(key);
  if (input instanceof HTMLInputElement && input.type === 'checkbox') return input.checked;
  if (value.kind === 'integer') return window?.unit ? window.unit.read(input.value) : Number(input.value);
  if (value.kind === 'list')
    return input.value
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean);
  return input.value.trim();
}

/** The settings form: every invalid value is shown next to its field and nothing is saved until all are valid. */
export class SettingsViewPanel implements View {
  readonly element: HTMLElement;
  private readonly form = el('form', { className: 'settings', noValidate: true });
  private readonly inputs = new Map<FieldKey, HTMLInputElement | HTMLSelectElement>();
  private readonly errors = new Map<FieldKey, HTMLElement>();
  private readonly status = el('p', { className: 'note', attrs: { role: 'status' } });
  private readonly folder = el('span', { className: 'folder' });
  private readonly password = el('input', { type: 'password', id: 'setting-password', autocomplete: 'new-password' });
  private readonly passwordState = el('span', { className: 'hint' });
  private passwordSet = false;
  private readonly preview = el('span', { className: 'hint', id: 'template-preview' });

  constructor() {
    const button = (label: string, action: () => Promise<void>, type: 'button' | 'submit' = 'button') => {
      const b = el('button', { type, textContent: label });
      if (type === 'button') onClick(b, action);
      return b;
    };
    // The form follows the schema's order: fields, the write-only password, the folder chosen with the dialog.
    for (const key of Object.keys(SETTINGS) as SettingKey[]) {
      const edit = (SETTINGS[key] as Meta).window?.edit;
      if (edit === 'secret')
        this.form.append(
          el('div', { className: 'field' }, el('label', { htmlFor: 'setting-password', textContent: SETTINGS[key].label }), this.password, this.passwordState),
        );
      if (edit === 'dialog')
        this.form.append(
          el(
            'div',
            { className: 'field' },
            el('span', { className: 'label', textContent: SETTINGS[key].label }),
            el(
              'span',
              { className: 'folder-row' },
              this.folder,
              button('Choose…', async () => this.load(await recorder().chooseFolder())),
            ),
          ),
        );
      if (edit === 'field') this.addField(key as FieldKey);
    }
    this.inputs.get('fileNameTemplate')?.addEventListener('input', () => void this.updatePreview());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.save();
    });
    this.form.append(
      el(
        'div',
        { className: 'buttons' },
        button('Save', () => this.save(), 'submit'),
        button('Test connection', async () => this.say(await recorder().testConnection(this.typed()))),
        button('Test listener', async () => this.say(await recorder().testListener(this.typed()))),
        button('Open log folder', async () => this.say(await recorder().openLogFolder())),
      ),
      this.status,
    );
    this.element = el('section', {}, this.form);
  }

  private addField(key: FieldKey): void {
    const id = `setting-${key}`;
    const input = inputFor(key);
    const error = el('span', { className: 'field-error', id: `${id}-error`, attrs: { role: 'alert' } });
    input.setAttribute('aria-describedby', `${id}-error`);
    this.inputs.set(key, input);
    this.errors.set(key, error);
    const hint = hintOf(key);
    const extra = key === 'fileNameTemplate' ? [this.preview] : hint ? [el('span', { className: 'hint', textContent: hint })] : [];
    this.form.append(el('div', { className: 'field' }, el('label', { htmlFor: id, textContent: rowOf(key).label }), input, ...extra, error));
  }

  update(): void {
    // the settings do not follow the recorder's state
  }

  shown(): void {
    void recorder()
      .getSettings()
      .then((settings) => this.load(settings));
  }

  mayLeave(): Promise<boolean> {
    return Promise.resolve(true);
  }

  focusSearch(): boolean {
    return false;
  }

  handleKey(): boolean {
    return false;
  }

  private say(result: { ok: boolean; message: string }): void {
    this.status.textContent = result.message;
    this.status.className = result.ok ? 'note ok' : 'note error';
  }

  private load(settings: SettingsView): void {
    for (const [key, input] of this.inputs) {
      const value = settings[key];
      if (input instanceof HTMLInputElement && input.type === 'checkbox') input.checked = Boolean(value);
      else input.value = shownValue(key, value);
      this.errors.get(key)?.replaceChildren();
    }
    // The shortcut was valid but the system refused it: said where it is set.
    if (settings.shortcutProblem) this.errors.get('shortcut')?.replaceChildren(settings.shortcutProblem);
    this.folder.textContent = settings.folder;
    this.password.value = '';
    this.passwordSet = settings.passwordSet;
    this.password.placeholder = settings.passwordSet ? '•••••• (set; type to change)' : 'not set';
    this.passwordState.textContent = settings.passwordInMemoryOnly ? 'This computer has no keyring: the password is kept until the app closes, not saved.' : '';
    void this.updatePreview();
  }

  /** The next file name as the template is typed; a template that cannot work says why in its error line. */
  private async updatePreview(): Promise<void> {
    const result = await recorder().checkSetting('fileNameTemplate', this.inputs.get('fileNameTemplate')?.value ?? '');
    this.preview.textContent = result.ok ? result.message : '';
    this.errors.get('fileNameTemplate')?.replaceChildren(result.ok ? '' : result.message);
  }

  /** The form as typed: every field, and the password when one is typed. */
  private typed(): SettingsChange {
    const change: Record<string, unknown> = {};
    for (const [key, input] of this.inputs) change[key] = typedValue(key, input);
    if (this.password.value) change['password'] = this.password.value;
    return change;
  }

  private async save(): Promise<void> {
    for (const error of this.errors.values()) error.replaceChildren();
    const hadPassword = this.passwordSet;
    const result = await recorder().saveSettings(this.typed());
    if (result.ok) {
      const settings = result.settings;
      this.load(settings);
      const forgotten = hadPassword && !settings.passwordSet;
      this.say({
        ok: true,
        message: forgotten ? 'Saved. The PBX address or username changed, so the password was forgotten: type it again.' : (result.note ?? 'Saved.'),
      });
      return;
    }
    for (const [key, message] of Object.entries(result.errors)) {
      this.errors.get(key as FieldKey)?.append(message);
      this.inputs.get(key as FieldKey)?.setAttribute('aria-invalid', 'true');
    }
    this.say({ ok: false, message: 'Not saved: correct the fields marked below.' });
  }
}
