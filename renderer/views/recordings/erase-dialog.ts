// Erase every recording of a number (a person asked to be forgotten): the number, the recordings it would move
// to the trash (how many, the first ones), a question, then eraseNumber — main moves them and writes retention.log.
import { html, nothing, render } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import type { TrashPreview } from '../../../preload/contract.ts';
import { announce } from '../../announcer.ts';
import { recorder } from '../../dom.ts';
import { icon } from '../../icons.ts';
import { showToast } from '../../toast.ts';
import { dayKey, rowTime } from './days.ts';
import { recordingTitle } from './titles.ts';

/** How many of the recordings found the dialog names before "and N more". */
const SHOWN = 5;

export class EraseDialog {
  readonly element = document.createElement('dialog');
  private number = '';
  /** The recordings of `found`, the number they were listed for. */
  private preview: { number: string; list: TrashPreview } | undefined;
  private busy = false;
  private problem = '';

  /** `erased`: the recordings are gone from the folder (the view lists it again). */
  constructor(private readonly erased: () => void) {
    this.element.className = 'erase-dialog';
    this.element.setAttribute('aria-labelledby', 'erase-title');
  }

  /** Opens with `number` typed in (a recording's caller) and lists its recordings at once, or empty. */
  open(number = ''): void {
    this.number = number;
    this.preview = undefined;
    this.problem = '';
    this.draw();
    if (!this.element.open) this.element.showModal();
    if (number) void this.find();
    else this.element.querySelector<HTMLInputElement>('input')?.focus();
  }

  private async find(): Promise<void> {
    const number = this.number.trim();
    if (!number) {
      this.problem = 'Type the phone number whose recordings are to be erased.';
      this.draw();
      return;
    }
    this.problem = '';
    const list = await recorder().recordingsOfNumber(number);
    this.preview = { number, list };
    this.draw();
    announce(list.recordings.length === 0 ? `No recording of ${number}.` : list.message);
    this.element.querySelector<HTMLElement>(list.recordings.length > 0 ? '.erase-confirm' : 'input')?.focus();
  }

  private async erase(): Promise<void> {
    const preview = this.preview;
    if (!preview || this.busy) return;
    this.busy = true;
    this.draw();
    const result = await recorder().eraseNumber(preview.number);
    this.busy = false;
    if (result.ok) {
      this.element.close();
      showToast({ text: result.message });
      this.erased();
    } else {
      this.problem = result.message;
      announce(result.message);
    }
    this.draw();
  }

  private draw(): void {
    const preview = this.preview;
    const found = preview?.list.recordings ?? [];
    const submit = (event: Event) => {
      event.preventDefault();
      void this.find();
    };
    render(
      html`<h2 id="erase-title">Erase every recording of a number</h2>
        <p class="hint">
          For a person who asked to be forgotten: every recording where the number is the caller or the callee goes to the trash, pinned ones too.
        </p>
        <form class="erase-find" @submit=${submit}>
          <label class="field"
            ><span>Phone number</span
            ><input
              type="text"
              inputmode="tel"
              autocomplete="off"
              .value=${live(this.number)}
              @input=${(event: Event) => {
                this.number = (event.target as HTMLInputElement).value;
                if (this.preview && this.number.trim() !== this.preview.number) {
                  this.preview = undefined;
                  this.draw();
                }
              }}
          /></label>
          <button type="submit">${icon('search')}<span>Find</span></button>
        </form>
        ${
          preview
            ? html`<p class="erase-summary" role="status">${found.length === 0 ? `No recording of ${preview.number} is saved.` : preview.list.message}</p>
                ${
                  found.length > 0
                    ? html`<ul class="erase-list">
                        ${found.slice(0, SHOWN).map((r) => {
                          const start = new Date(r.sidecar.startTime);
                          return html`<li>${recordingTitle(r.sidecar)}, ${dayKey(start)} ${rowTime(start)}</li>`;
                        })}
                        ${found.length > SHOWN ? html`<li>and ${(found.length - SHOWN).toLocaleString()} more</li>` : nothing}
                      </ul>`
                    : nothing
                }`
            : nothing
        }
        ${this.problem ? html`<p class="error" role="alert">${icon('alert')}<span>${this.problem}</span></p>` : nothing}
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.element.close()}>Cancel</button>
          ${
            found.length > 0
              ? html`<button type="button" class="danger erase-confirm" aria-busy=${this.busy ? 'true' : 'false'} @click=${() => void this.erase()}>
                  ${icon('trash')}<span>Move ${found.length === 1 ? 'it' : `all ${found.length.toLocaleString()}`} to the trash</span>
                </button>`
              : nothing
          }
        </div>`,
      this.element,
    );
  }
}
