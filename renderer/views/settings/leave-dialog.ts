// The question before unsaved settings are left: Save, Discard or Stay, in a modal dialog. Esc stays.
import { html, render } from 'lit-html';

export type LeaveChoice = 'save' | 'discard' | 'stay';

/** A dialog that asks once per call of `ask`; it is in the page only while it asks. */
export class LeaveDialog {
  readonly element = document.createElement('dialog');
  private answer: ((choice: LeaveChoice) => void) | undefined;

  constructor() {
    this.element.className = 'leave-dialog';
    this.element.setAttribute('aria-labelledby', 'leave-title');
    this.element.setAttribute('aria-describedby', 'leave-text');
    // Esc (cancel) and any other way the dialog closes without a choice keep the user where the changes are. The
    // close event comes as a task of its own, and a key pressed meanwhile may already have asked again: a close
    // event while the dialog is open belongs to the question before, and answers nothing.
    this.element.addEventListener('close', () => {
      if (!this.element.open) this.choose('stay');
    });
    const button = (choice: LeaveChoice, label: string, kind = '') =>
      html`<button type="button" class=${kind} ?autofocus=${choice === 'save'} @click=${() => this.choose(choice)}>${label}</button>`;
    render(
      html`<h2 id="leave-title">Save the changes to the settings?</h2>
        <p id="leave-text">Some settings were changed and not saved yet.</p>
        <div class="dialog-buttons">${button('stay', 'Stay')} ${button('discard', 'Discard changes')} ${button('save', 'Save', 'primary')}</div>`,
      this.element,
    );
  }

  /** Shows the dialog and resolves with the user's choice. */
  ask(): Promise<LeaveChoice> {
    this.choose('stay'); // a question still open is answered first
    return new Promise((resolve) => {
      this.answer = resolve;
      document.body.append(this.element);
      this.element.showModal();
    });
  }

  private choose(choice: LeaveChoice): void {
    const answer = this.answer;
    this.answer = undefined;
    if (this.element.open) this.element.close();
    this.element.remove();
    answer?.(choice);
  }
}
