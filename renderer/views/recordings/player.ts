// The one player of the Recordings view, outside the list: a row that updates never touches it, so what plays
// keeps playing. Play/pause, ±5 s, a seek bar with the paused parts marked, and the speed.
import { html, nothing, render } from 'lit-html';
import { live } from 'lit-html/directives/live.js';
import { ref } from 'lit-html/directives/ref.js';
import type { SavedRecording } from '../../../preload/contract.ts';
import { formatDuration } from '../../../preload/display.ts';
import { announce } from '../../announcer.ts';
import { recorder } from '../../dom.ts';
import { icon } from '../../icons.ts';
import { describeMark, pauseMarks } from './pause-marks.ts';
import { recordingTitle } from './titles.ts';

export const SPEEDS = [1, 1.25, 1.5, 2] as const;
/**
 * Why Play does nothing yet. Play stays focusable (aria-disabled, not disabled) so that its tooltip and a screen
 * reader can say so.
 */
const NOTHING_TO_PLAY = 'Choose a recording to play';
/** How far ← and → (and the buttons beside Play) move, in seconds. */
export const SKIP_SECONDS = 5;

export class Player {
  /** The player's own element: the view places it once; the player renders into it by itself. */
  readonly element = Object.assign(document.createElement('section'), { className: 'player' });
  private readonly audio = document.createElement('audio');
  private current: SavedRecording | undefined;
  private problem = '';

  /** `playingChanged`: what plays, or whether it plays, changed (the list marks the row that plays). */
  constructor(private readonly playingChanged: () => void) {
    this.element.setAttribute('aria-label', 'Player');
    this.audio.preload = 'metadata';
    for (const event of ['timeupdate', 'durationchange', 'loadedmetadata', 'ratechange']) this.audio.addEventListener(event, () => this.draw());
    for (const event of ['play', 'pause', 'ended', 'emptied'])
      this.audio.addEventListener(event, () => {
        this.draw();
        this.playingChanged();
      });
    this.audio.addEventListener('error', () => {
      if (!this.current) return;
      this.problem = 'This recording could not be played: its file may have been moved or deleted.';
      this.draw();
    });
    this.draw();
  }

  /** The recording in the player, if any. */
  get relativePath(): string | undefined {
    return this.current?.relativePath;
  }

  get playing(): boolean {
    return !this.audio.paused && !this.audio.ended;
  }

  /** Loads a recording and plays it from the start. */
  async play(item: SavedRecording): Promise<void> {
    if (this.current?.relativePath === item.relativePath) {
      await this.resume();
      return;
    }
    this.current = item;
    this.problem = '';
    this.audio.src = await recorder().playbackUrl(item.relativePath);
    this.draw();
    await this.resume();
  }

  /** The recording's sidecar changed (a note, the pin): the title follows; the sound goes on. */
  refresh(item: SavedRecording | undefined): void {
    if (!this.current || item?.relativePath !== this.current.relativePath) return;
    this.current = item;
    this.draw();
  }

  /** The recording left the library (deleted): the player stops and empties. */
  close(): void {
    if (!this.current) return;
    this.audio.pause();
    this.audio.removeAttribute('src');
    this.audio.load();
    this.current = undefined;
    this.problem = '';
    this.draw();
  }

  async toggle(): Promise<void> {
    if (!this.current) return;
    if (this.playing) this.audio.pause();
    else await this.resume();
  }

  skip(seconds: number): void {
    if (!this.current) return;
    this.seek(this.audio.currentTime + seconds);
  }

  private async resume(): Promise<void> {
    await this.audio.play().catch((error: unknown) => {
      // A newer load or a pause interrupted this play: nothing went wrong.
      if (error instanceof DOMException && error.name === 'AbortError') return;
      this.problem = 'This recording could not be played.';
    });
    this.draw();
  }

  private seek(seconds: number): void {
    this.audio.currentTime = Math.min(Math.max(0, seconds), this.duration() || 0);
    this.draw();
  }

  private duration(): number {
    const known = this.audio.duration;
    return Number.isFinite(known) ? known : (this.current?.sidecar.durationSeconds ?? 0);
  }

  private setSpeed(value: string): void {
    const speed = Number(value);
    this.audio.playbackRate = speed;
    this.audio.defaultPlaybackRate = speed; // kept for the next recording loaded
    announce(`Speed ${value}×`);
  }

  private draw(): void {
    const item = this.current;
    const duration = this.duration();
    const position = Math.min(this.audio.currentTime, duration || Infinity);
    const marks = item ? pauseMarks(item.sidecar) : [];
    const percent = (ms: number) => `${duration > 0 ? Math.min(100, (ms / 1000 / duration) * 100) : 0}%`;
    const disabled = !item;
    const time = `${formatDuration(position)} / ${formatDuration(duration)}`;
    // On a line of its own that is always there (one line, the rest behind its tooltip and read whole by a screen
    // reader): loading a recording moves nothing under the player.
    const marksText = !item
      ? ''
      : marks.length > 0
        ? `Marked on the bar: ${marks.map((mark) => describeMark(mark, item.sidecar)).join(' ')}`
        : 'Nothing was paused in this recording.';
    render(
      html`<div class="player-title">
          ${
            item
              ? html`<span class="now-playing">${recordingTitle(item.sidecar)}</span>`
              : html`<span class="muted">Nothing playing. Choose a recording (Enter) to play it here.</span>`
          }
        </div>
        <div class="player-controls">
          <button
            type="button"
            class="quiet icon-only"
            aria-label=${`Back ${SKIP_SECONDS} seconds`}
            title=${`Back ${SKIP_SECONDS} s (←)`}
            ?disabled=${disabled}
            @click=${() => this.skip(-SKIP_SECONDS)}
          >
            ${icon('back')}
          </button>
          <button
            type="button"
            class="primary icon-only play"
            aria-label=${this.playing ? 'Pause' : 'Play'}
            aria-disabled=${disabled ? 'true' : nothing}
            title=${disabled ? NOTHING_TO_PLAY : this.playing ? 'Pause (Space)' : 'Play (Space)'}
            @click=${() => (disabled ? announce(`${NOTHING_TO_PLAY}.`) : void this.toggle())}
          >
            ${icon(this.playing ? 'pause' : 'play')}
          </button>
          <button
            type="button"
            class="quiet icon-only"
            aria-label=${`Forward ${SKIP_SECONDS} seconds`}
            title=${`Forward ${SKIP_SECONDS} s (→)`}
            ?disabled=${disabled}
            @click=${() => this.skip(SKIP_SECONDS)}
          >
            ${icon('forward')}
          </button>
          <div class="seek">
            <input
              type="range"
              min="0"
              max=${String(duration || 0)}
              step="0.1"
              aria-label="Position"
              aria-valuetext=${`${formatDuration(position)} of ${formatDuration(duration)}`}
              aria-describedby="player-marks"
              ?disabled=${disabled}
              .value=${live(String(position))}
              @input=${(event: Event) => this.seek(Number((event.target as HTMLInputElement).value))}
            />
            <div class="marks" aria-hidden="true">
              ${
                item
                  ? marks.map((mark) =>
                      mark.kind === 'join'
                        ? html`<span class="mark join" ${placed({ left: percent(mark.atMs) })} title=${describeMark(mark, item.sidecar)}></span>`
                        : html`<span
                            class="mark span"
                            ${placed({ left: percent(mark.fromMs), width: `calc(${percent(mark.toMs)} - ${percent(mark.fromMs)})` })}
                            title=${describeMark(mark, item.sidecar)}
                          ></span>`,
                    )
                  : nothing
              }
            </div>
          </div>
          <span class="time">${time}</span>
          <select aria-label="Speed" title="Speed" ?disabled=${disabled} @change=${(event: Event) => this.setSpeed((event.target as HTMLSelectElement).value)}>
            ${SPEEDS.map((speed) => html`<option value=${String(speed)} ?selected=${this.audio.playbackRate === speed}>${speed}×</option>`)}
          </select>
        </div>
        <p id="player-marks" class=${this.problem ? 'note marks-line problem' : 'note marks-line'} title=${marksText || nothing}>
          ${this.problem || marksText}
        </p>
        ${this.audio}`,
      this.element,
    );
  }
}

/**
 * Places an element through its style object (CSSOM), never a style attribute: the window's Content-Security-Policy
 * (style-src 'self') refuses inline styles, and lit's styleMap writes one on the first render.
 */
function placed(at: { left: string; width?: string }) {
  return ref((element) => {
    if (!(element instanceof HTMLElement)) return;
    element.style.setProperty('left', at.left);
    if (at.width) element.style.setProperty('width', at.width);
  });
}
