// The Settings view: a form made from the settings schema. The receptionist's settings come first, the
// administrator's are under Advanced; each row under its section's heading. Nothing is saved until every value is
// valid; an error clears as soon as its field is valid again; a form with unsaved changes asks before it is left.
import { html, nothing, render, type TemplateResult } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { CheckResult, SettingsView, StateView, TrashPreview } from '../../preload/contract.ts';
import { acceleratorText } from '../../preload/display.ts';
import type { DialogKey, FieldKey, SettingKey } from '../../preload/settings-schema.ts';
import { announce } from '../announcer.ts';
import { recorder } from '../dom.ts';
import { icon, type IconName } from '../icons.ts';
import type { View } from '../view.ts';
import { writtenDate } from './recordings/days.ts';
import { recordingTitle } from './recordings/titles.ts';
import {
  changedFields,
  changeOf,
  FORM_ORDER,
  rowMatters,
  rowOf,
  savedInputs,
  sectionsFor,
  typedProblem,
  typedValue,
  type Section,
  type Typed,
} from './settings/form-model.ts';
import { LeaveDialog } from './settings/leave-dialog.ts';
import { readKeyPress, shortcutHint } from './settings/shortcut-keys.ts';
import './settings.css';

/** Each setting chosen with a system dialog, by the contract method that opens it in main. */
const CHOOSERS: { [K in DialogKey]: () => Promise<{ settings: SettingsView } | { problem: string }> } = {
  folder: async () => ({ settings: await recorder().chooseFolder() }),
  announceFile: async () => {
    const result = await recorder().chooseAnnounceFile();
    return result.ok ? { settings: result.settings } : { problem: result.message };
  },
};

/** A section's own test, run on the values typed (not the saved ones): its button and the contract method. */
const SECTION_TESTS: Readonly<Record<string, { id: string; label: string; icon: IconName; method: 'testConnection' | 'testListener' }>> = {
  PBX: { id: 'test-connection', label: 'Test connection', icon: 'plug', method: 'testConnection' },
  Listener: { id: 'test-listener', label: 'Test listener', icon: 'listen', method: 'testListener' },
};

/** How long typing in "Keep recordings for (days)" rests before its dry run is asked for. */
const PREVIEW_DELAY_MS = 400;
/** How many of the recordings a retention dry run would move are listed under its disclosure. */
const PREVIEW_LISTED = 20;

const FIELD_KEYS = FORM_ORDER.filter((key): key is FieldKey => rowOf(key).window?.edit === 'field');
const idOf = (key: SettingKey) => `setting-${key}`;

/** The attributes every input of a setting has: its id, whether it is marked wrong, and what describes it. */
interface InputAttributes {
  id: string;
  invalid: 'true' | 'false';
  described: string | typeof nothing;
}

/** What the footer says of a refused save: the fields marked are above it (the footer stays at the bottom). */
const refusalStatus = (wrong: number): CheckResult => ({
  ok: false,
  message: `Not saved: correct the ${wrong === 1 ? 'field' : `${wrong} fields`} marked above.`,
});

export class SettingsViewPanel implements View {
  readonly element = document.createElement('section');
  private readonly leave = new LeaveDialog();
  private saved: SettingsView | undefined;
  /** What each input holds now (text typed, or a switch's state). */
  private inputs = new Map<FieldKey, Typed>();
  private password = '';
  /** The error shown next to a field (from the last save, or from checking it when it was left). */
  private readonly errors = new Map<SettingKey, string>();
  /** What a valid value will do (the next file name, an auto-record rule in words), from main. */
  private readonly explanations = new Map<SettingKey, string>();
  /** Each field's latest check in main: an older answer never overwrites a newer one. */
  private readonly checks = new Map<SettingKey, number>();
  private readonly results = new Map<string, CheckResult>();
  /** What the shortcut field held when the focus came in: Escape puts it back. */
  private keysBefore: Typed = '';
  /**
   * Which keys to hold, said under a shortcut field after a key it cannot take: the value kept is still valid, so
   * this is advice, not an error (the field is not marked invalid). It goes with the next key taken or the focus.
   */
  private readonly keyAdvice = new Map<FieldKey, string>();
  private status: CheckResult | undefined;
  /** The status says a save was refused: it counts the fields still wrong, and goes once none is. */
  private refusal = false;
  private busy = new Set<string>();
  private advancedOpen = false;
  /** The first retention sweep waiting for its confirmation (StateView.retention). */
  private retentionWaits: StateView['retention'];
  /** What the retention days as typed would move now, and the latest ask (an older answer never wins). */
  private retentionPreview: TrashPreview | undefined;
  private previewTurn = 0;
  private previewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    this.element.className = 'settings-view';
    this.draw();
    this.watchFooter();
  }

  /**
   * The sticky footer's height, given to the view's scroller (the frame's main) as --settings-footer-height: its
   * scroll-padding (settings.css) keeps the focused control and a field scrolled to clear of the footer, however
   * many lines the footer takes.
   */
  private watchFooter(): void {
    const footer = this.element.querySelector('.settings-footer');
    if (!footer) return;
    new ResizeObserver(() => {
      const height = footer.getBoundingClientRect().height;
      if (height > 0) this.element.parentElement?.style.setProperty('--settings-footer-height', `${height}px`);
    }).observe(footer);
  }

  /** A field's error just showed: it, then the focused control, are scrolled into sight above the footer. */
  private keepInSight(key: SettingKey): void {
    document.getElementById(`${idOf(key)}-error`)?.scrollIntoView({ block: 'nearest' });
    const focused = document.activeElement;
    if (focused instanceof HTMLElement && this.element.contains(focused)) focused.scrollIntoView({ block: 'nearest' });
  }

  update(state: StateView): void {
    // Of the recorder's state, the settings follow only the first retention sweep waiting to be confirmed.
    if (state.retention === this.retentionWaits) return;
    this.retentionWaits = state.retention;
    this.draw();
  }

  /** Scrolls a setting's row into view and puts the focus on it (the Calls banner's Review… lands on retention). */
  reveal(key: FieldKey): void {
    if (rowOf(key).who === 'administrator' && !this.advancedOpen) {
      this.advancedOpen = true;
      this.draw();
    }
    const field = document.getElementById(idOf(key));
    field?.scrollIntoView({ block: 'center' });
    field?.focus({ preventScroll: true });
  }

  shown(): void {
    void recorder()
      .getSettings()
      .then((settings) => this.load(settings, { keepTyped: true }));
  }

  async mayLeave(): Promise<boolean> {
    if (!this.dirty()) return true;
    const choice = await this.leave.ask();
    if (choice === 'discard') {
      if (this.saved) this.load(this.saved, { keepTyped: false });
      return true;
    }
    return choice === 'save' ? this.save() : false;
  }

  focusSearch(): boolean {
    return false;
  }

  handleKey(): boolean {
    return false;
  }

  private dirty(): boolean {
    return this.saved !== undefined && (this.password !== '' || changedFields(this.inputs, this.saved).length > 0);
  }

  /**
   * Takes the settings main has. `keepTyped`: what the user typed and has not saved stays (the view shown again);
   * otherwise every input shows the saved value (after a save, or Discard).
   */
  private load(settings: SettingsView, { keepTyped }: { keepTyped: boolean }): void {
    const typed = keepTyped && this.dirty() ? this.inputs : undefined;
    this.saved = settings;
    this.inputs = savedInputs(settings, FIELD_KEYS);
    if (typed) for (const [key, value] of typed) this.inputs.set(key, value);
    else {
      this.password = '';
      this.errors.clear();
    }
    // The shortcut was valid but the system refused it: said where it is set.
    if (settings.shortcutProblem) this.errors.set('shortcut', settings.shortcutProblem);
    for (const key of FIELD_KEYS) if (rowOf(key).domainCheck) this.check(key);
    this.previewRetention(0);
    this.draw();
  }

  private typed(key: FieldKey, value: Typed): void {
    this.inputs.set(key, value);
    // An error goes as soon as the value is valid; a new one waits until the field is left or the form saved.
    if (this.errors.has(key) && typedProblem(key, value) === undefined && !rowOf(key).domainCheck) this.errors.delete(key);
    if (rowOf(key).domainCheck) this.check(key);
    if (key === 'keepDays') this.previewRetention(PREVIEW_DELAY_MS);
    this.draw();
  }

  /** Asks main, once typing rests for `delay` ms, what the days as typed would move to the trash now. */
  private previewRetention(delay: number): void {
    clearTimeout(this.previewTimer);
    const turn = ++this.previewTurn;
    const typed = this.inputs.get('keepDays') ?? '';
    if (typedProblem('keepDays', typed) !== undefined || typedValue('keepDays', typed) === 0) {
      this.retentionPreview = undefined;
      return;
    }
    this.previewTimer = setTimeout(() => {
      void recorder()
        .retentionPreview(typedValue('keepDays', typed) as number)
        .then((preview) => {
          if (turn !== this.previewTurn) return;
          this.retentionPreview = preview;
          this.draw();
        });
    }, delay);
  }

  /** The field was left: what is wrong with its value is said now. */
  private left(key: FieldKey): void {
    const problem = typedProblem(key, this.inputs.get(key) ?? '');
    if (problem !== undefined) this.errors.set(key, problem);
    else if (rowOf(key).domainCheck) this.check(key, { showProblem: true });
    this.draw();
    if (problem !== undefined) this.keepInSight(key);
  }

  /** Asks main what it says of the value typed (its domain's checks): clears the error, explains, or says what is wrong. */
  private check(key: FieldKey, { showProblem = false } = {}): void {
    const typed = this.inputs.get(key) ?? '';
    if (typedProblem(key, typed) !== undefined) {
      this.explanations.delete(key);
      return;
    }
    const turn = (this.checks.get(key) ?? 0) + 1;
    this.checks.set(key, turn);
    void recorder()
      .checkSetting(key, typedValue(key, typed))
      .then((result) => {
        if (this.checks.get(key) !== turn) return;
        if (result.ok) {
          this.errors.delete(key);
          this.explanations.set(key, result.message);
        } else {
          this.explanations.delete(key);
          if (showProblem || this.errors.has(key)) this.errors.set(key, result.message);
        }
        this.draw();
        if (!result.ok && showProblem) this.keepInSight(key);
      });
  }

  /** Saves the form; true when it was saved. Nothing is saved, the password neither, while a value is refused. */
  private async save(): Promise<boolean> {
    if (this.busy.has('save')) return false;
    this.busy.add('save');
    this.draw();
    const hadPassword = this.saved?.passwordSet === true;
    try {
      const refused = await this.problems();
      if (refused.size > 0) return this.refused(refused);
      const result = await recorder().saveSettings(changeOf(this.inputs, this.password));
      if (!result.ok) return this.refused(new Map(Object.entries(result.errors) as [SettingKey, string][]));
      this.load(result.settings, { keepTyped: false });
      const forgotten = hadPassword && !result.settings.passwordSet;
      this.say({
        ok: true,
        message: forgotten ? 'Saved. The PBX address or username changed, so the password was forgotten: type it again.' : (result.note ?? 'Saved.'),
      });
      return true;
    } finally {
      this.busy.delete('save');
      this.draw();
    }
  }

  /**
   * Every shown value's problem, all at once: the schema's checks here, then main's domain checks of the values the
   * schema takes (a number that is no number never leaves the window: it would arrive as null). saveSettings checks
   * again. A row hidden for the values typed is not checked: it is not saved either (changeOf).
   */
  private async problems(): Promise<Map<SettingKey, string>> {
    const problems = new Map<SettingKey, string>();
    const domain: Promise<void>[] = [];
    for (const key of FIELD_KEYS.filter((key) => rowMatters(key, this.inputs))) {
      const typed = this.inputs.get(key) ?? '';
      const problem = typedProblem(key, typed);
      if (problem !== undefined) problems.set(key, problem);
      else if (rowOf(key).domainCheck)
        domain.push(
          recorder()
            .checkSetting(key, typedValue(key, typed))
            .then((result) => {
              if (!result.ok) problems.set(key, result.message);
            }),
        );
    }
    await Promise.all(domain);
    return problems;
  }

  /** Shows each refused value next to its field and puts the focus on the first of them. */
  private refused(errors: ReadonlyMap<SettingKey, string>): false {
    this.errors.clear();
    for (const [key, message] of errors) this.errors.set(key, message);
    const first = FORM_ORDER.find((key) => errors.has(key));
    if (first && rowOf(first).who === 'administrator') this.advancedOpen = true;
    this.say(refusalStatus(errors.size));
    this.refusal = true;
    if (first) {
      // The field and its error, with the room the footer takes: focus alone would scroll only the field in.
      document.getElementById(idOf(first))?.focus({ preventScroll: true });
      this.keepInSight(first);
    }
    return false;
  }

  private say(status: CheckResult): void {
    this.status = status;
    this.refusal = false;
    this.draw();
    announce(status.message);
  }

  private async run(id: string, action: () => Promise<CheckResult>, show: (result: CheckResult) => void): Promise<void> {
    if (this.busy.has(id)) return;
    this.busy.add(id);
    this.draw();
    try {
      const result = await action();
      show(result);
      announce(result.message);
    } finally {
      this.busy.delete(id);
      this.draw();
    }
  }

  private choose(key: DialogKey): void {
    void this.run(
      key,
      async () => {
        const chosen = await CHOOSERS[key]();
        if ('problem' in chosen) return { ok: false, message: chosen.problem };
        if (this.saved) this.saved = { ...this.saved, [key]: chosen.settings[key] }; // saved at once; the rest stays as typed
        return { ok: true, message: '' };
      },
      (result) => (result.ok ? this.errors.delete(key) : this.errors.set(key, result.message)),
    );
  }

  private test(id: string, method: 'testConnection' | 'testListener'): void {
    void this.run(
      id,
      () => recorder()[method](changeOf(this.inputs, this.password)),
      (result) => this.results.set(id, result),
    );
  }

  private draw(): void {
    const dirty = this.dirty();
    if (this.refusal) {
      // Only the errors of rows shown count: a row hidden for the values typed is not saved, so it stops nothing.
      const wrong = [...this.errors.keys()].filter((key) => rowMatters(key, this.inputs)).length;
      this.status = wrong > 0 ? refusalStatus(wrong) : undefined;
      this.refusal = wrong > 0;
    }
    render(
      html`<form
        class="settings"
        novalidate
        aria-label="Settings"
        @submit=${(event: Event) => {
          event.preventDefault();
          void this.save();
        }}
      >
        ${sectionsFor('receptionist').map((section) => this.section(section))}
        <details
          class="advanced"
          ?open=${this.advancedOpen}
          @toggle=${(event: Event) => (this.advancedOpen = (event.currentTarget as HTMLDetailsElement).open)}
        >
          <summary>${icon('expand')}<span>Advanced</span><span class="note">for administrators: the PBX, the listener, updates</span></summary>
          ${sectionsFor('administrator').map((section) => this.section(section))}
          <div class="settings-section">
            <h2>Troubleshooting</h2>
            ${this.actionButton('open-log-folder', 'Open log folder', 'folder', () =>
              this.run(
                'open-log-folder',
                () => recorder().openLogFolder(),
                (result) => this.results.set('open-log-folder', result),
              ),
            )}
          </div>
        </details>
        <div class="settings-footer">
          <p class=${`note status ${this.status ? (this.status.ok ? 'ok' : 'error') : ''}`} id="settings-status">
            ${this.status?.message ?? (dirty ? 'Unsaved changes.' : '')}
          </p>
          ${
            dirty
              ? html`<button type="button" class="quiet" @click=${() => this.saved && this.load(this.saved, { keepTyped: false })}>Discard changes</button>`
              : nothing
          }
          <button type="submit" class="primary" aria-busy=${String(this.busy.has('save'))}>Save</button>
        </div>
      </form>`,
      this.element,
    );
  }

  /** A section's heading and the rows that matter for the values typed; nothing at all when none does. */
  private section(section: Section): TemplateResult | typeof nothing {
    const test = SECTION_TESTS[section.heading];
    const shown = section.keys.filter((key) => rowMatters(key, this.inputs));
    if (shown.length === 0 && !test) return nothing;
    return html`<div class="settings-section">
      <h2>${section.heading}</h2>
      ${shown.map((key) => this.row(key))} ${test ? this.actionButton(test.id, test.label, test.icon, () => this.test(test.id, test.method)) : nothing}
    </div>`;
  }

  /** A button that runs a check, with its icon, as every action of the window has, and its answer beside it. */
  private actionButton(id: string, label: string, iconName: IconName, action: () => unknown): TemplateResult {
    const result = this.results.get(id);
    return html`<div class="action">
      <button type="button" id=${id} aria-busy=${String(this.busy.has(id))} aria-describedby=${`${id}-result`} @click=${action}>
        ${icon(iconName)}${label}
      </button>
      <p class=${`note ${result ? (result.ok ? 'ok' : 'error') : ''}`} id=${`${id}-result`}>${result?.message ?? ''}</p>
    </div>`;
  }

  private row(key: SettingKey): TemplateResult {
    const row = rowOf(key);
    const id = idOf(key);
    const error = this.errors.get(key);
    const explanation = this.explanations.get(key);
    const hint = row.window?.keys ? shortcutHint(recorder().platform) : row.window?.hint;
    const advice = this.keyAdvice.get(key as FieldKey);
    const described = [hint && `${id}-hint`, explanation && `${id}-explain`, advice && `${id}-advice`, error && `${id}-error`].filter(Boolean).join(' ');
    const notes = html`${hint ? html`<p class="hint" id=${`${id}-hint`}>${hint}</p>` : nothing}
    ${explanation ? html`<p class="explain" id=${`${id}-explain`}>${explanation}</p>` : nothing}
    ${advice ? html`<p class="explain" id=${`${id}-advice`}>${advice}</p>` : nothing}
    ${error ? html`<p class="field-error" id=${`${id}-error`}>${icon('alert')}<span>${error}</span></p>` : nothing}
    ${key === 'keepDays' ? this.retentionNotes(id) : nothing}`;
    const edit = row.window?.edit;
    if (edit === 'dialog') {
      const value = this.saved?.[key as DialogKey] ?? '';
      return html`<div class="field">
        <span class="label" id=${`${id}-label`}>${row.label}</span>
        <div class="control">
          <div class="chosen">
            <span class="path" id=${id} title=${value}>${value || 'none'}</span>
            <button type="button" aria-describedby=${`${id}-label ${id}`} aria-busy=${String(this.busy.has(key))} @click=${() => this.choose(key as DialogKey)}>
              ${icon('folder')}Choose…
            </button>
          </div>
          ${notes}
        </div>
      </div>`;
    }
    if (edit === 'secret') {
      const note = this.saved?.passwordInMemoryOnly ? 'This computer has no keyring: the password is kept until the app closes, not saved.' : '';
      return html`<div class="field">
        <label for=${id}>${row.label}</label>
        <div class="control">
          <input
            id=${id}
            type="password"
            autocomplete="new-password"
            placeholder=${this.saved?.passwordSet ? '•••••• (set; type to change)' : 'not set'}
            aria-invalid=${error ? 'true' : 'false'}
            aria-describedby=${[note && `${id}-keyring`, error && `${id}-error`].filter(Boolean).join(' ') || nothing}
            .value=${live(this.password)}
            @input=${(event: Event) => {
              this.password = (event.target as HTMLInputElement).value;
              this.errors.delete(key);
              this.draw();
            }}
          />
          ${note ? html`<p class="hint" id=${`${id}-keyring`}>${note}</p>` : nothing}
          ${error ? html`<p class="field-error" id=${`${id}-error`}>${icon('alert')}<span>${error}</span></p>` : nothing}
        </div>
      </div>`;
    }
    const field = key as FieldKey;
    return html`<div class=${`field ${row.value.kind === 'switch' ? 'switch' : ''}`}>
      <label for=${id}>${row.label}</label>
      <div class="control">${this.input(field, id, Boolean(error), described)} ${notes}</div>
    </div>`;
  }

  /**
   * Beside "Keep recordings for (days)": what the days as typed would move to the trash, the first of them under a
   * disclosure, and Confirm while the first sweep waits for it.
   */
  private retentionNotes(id: string): TemplateResult {
    const preview = this.retentionPreview;
    const confirmed = this.results.get('confirm-retention');
    return html`${
      preview
        ? html`<p class="explain" id=${`${id}-preview`}>${preview.message}</p>
            ${
              preview.recordings.length > 0
                ? html`<details class="retention-list">
                    <summary>${icon('expand')}<span>Show ${preview.recordings.length > PREVIEW_LISTED ? `the first ${PREVIEW_LISTED}` : 'them'}</span></summary>
                    <ul>
                      ${preview.recordings
                        .slice(0, PREVIEW_LISTED)
                        .map(({ sidecar }) => html`<li>${recordingTitle(sidecar)}, ${writtenDate(new Date(sidecar.startTime))}</li>`)}
                    </ul>
                  </details>`
                : nothing
            }`
        : nothing
    }
    ${
      this.retentionWaits
        ? html`<p class="hint" id="confirm-retention-waits">${this.retentionWaits.message}</p>
            ${this.actionButton('confirm-retention', 'Confirm', 'check', () =>
              this.run(
                'confirm-retention',
                () => recorder().confirmRetention(),
                (result) => this.results.set('confirm-retention', result),
              ),
            )}`
        : confirmed
          ? html`<p class=${`note ${confirmed.ok ? 'ok' : 'error'}`} role="status">${confirmed.message}</p>`
          : nothing
    }`;
  }

  /**
   * A shortcut's field (shortcut-keys.ts): the keys pressed in it are the shortcut, shown as the platform writes
   * them; typing and pasting put no text in it.
   */
  private keysInput(key: FieldKey, common: InputAttributes): TemplateResult {
    return html`<input
      id=${common.id}
      type="text"
      class="keys"
      spellcheck="false"
      autocomplete="off"
      placeholder="none"
      aria-invalid=${common.invalid}
      aria-describedby=${common.described}
      .value=${live(acceleratorText(String(this.inputs.get(key) ?? ''), recorder().platform))}
      @focus=${() => (this.keysBefore = this.inputs.get(key) ?? '')}
      @blur=${() => this.keyAdvice.delete(key) && this.draw()}
      @beforeinput=${(event: InputEvent) => event.preventDefault()}
      @keydown=${(event: KeyboardEvent) => this.keyPressed(key, event)}
    />`;
  }

  private keyPressed(key: FieldKey, event: KeyboardEvent): void {
    const platform = recorder().platform;
    const press = readKeyPress(event, platform);
    if (press.kind === 'pass') return;
    event.preventDefault(); // the keys are the field's: not text, nor the window's own shortcuts (Alt+1, Ctrl+F)
    if (press.kind === 'refused') {
      this.keyAdvice.set(key, press.problem);
      this.draw();
      announce(press.problem);
      return;
    }
    this.keyAdvice.delete(key);
    const accelerator = press.kind === 'shortcut' ? press.accelerator : press.kind === 'clear' ? '' : this.keysBefore;
    this.typed(key, accelerator);
    if (press.kind !== 'undo') announce(accelerator ? `Shortcut ${acceleratorText(String(accelerator), platform)}.` : 'No shortcut.');
  }

  /** The input of one setting, as the schema describes it: its kind, bounds, choices and unit. */
  private input(key: FieldKey, id: string, invalid: boolean, described: string): TemplateResult {
    const { value: rule, window } = rowOf(key);
    const typed = this.inputs.get(key) ?? '';
    const common: InputAttributes = { id, invalid: invalid ? 'true' : 'false', described: described || nothing };
    const onInput = (event: Event) => {
      const target = event.target as HTMLInputElement | HTMLSelectElement;
      this.typed(key, target instanceof HTMLInputElement && target.type === 'checkbox' ? target.checked : target.value);
    };
    if (window?.keys) return this.keysInput(key, common);
    if (rule.kind === 'switch')
      return html`<input
        id=${common.id}
        type="checkbox"
        aria-invalid=${common.invalid}
        aria-describedby=${common.described}
        .checked=${live(typed === true)}
        @change=${onInput}
      />`;
    if (rule.kind === 'choice')
      // ?selected picks the first choice shown; live .value keeps the select on what is typed or saved after that.
      return html`<select id=${common.id} aria-invalid=${common.invalid} aria-describedby=${common.described} .value=${live(String(typed))} @change=${onInput}>
        ${(rule.options ?? []).map(([value, label]) => html`<option value=${value} ?selected=${typed === value}>${label}</option>`)}
      </select>`;
    const shown = (n: number | undefined) => (n === undefined ? nothing : (window?.unit?.show(n) ?? String(n)));
    return html`<input
      id=${common.id}
      type=${rule.kind === 'integer' ? 'number' : 'text'}
      inputmode=${rule.kind === 'integer' ? 'numeric' : nothing}
      min=${rule.kind === 'integer' ? shown(rule.min) : nothing}
      max=${rule.kind === 'integer' ? shown(rule.max) : nothing}
      spellcheck="false"
      autocomplete="off"
      aria-invalid=${common.invalid}
      aria-describedby=${common.described}
      .value=${live(String(typed))}
      @input=${onInput}
      @change=${() => this.left(key)}
    />`;
  }
}
