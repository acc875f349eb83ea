// "On their way": recordings not saved yet. Keyed rows that patch in place (a focused Retry survives every
// update), progress while downloading, the reason in plain words with the technical detail behind "Details".
import { html, nothing } from 'lit-html';
import { repeat } from 'lit-html/directives/repeat.js';
import type { FailureView, InFlightView } from '../../../preload/contract.ts';
import { technicalDetails } from '../../details.ts';
import { icon } from '../../icons.ts';
import { recordingParties, recordingTitle } from './titles.ts';

/** Why a recording is not saved, in a receptionist's words; the recorder's own message goes behind "Details". */
const REASONS: Record<FailureView['kind'], (retryable: boolean) => string> = {
  folder: () => 'Waiting for the recordings folder: it is missing, full or not allowed. It is saved as soon as the folder is back.',
  network: (retryable) => (retryable ? 'The PBX could not be reached for the file. Trying again by itself.' : 'The file could not be fetched from the PBX.'),
  refused: () => 'The file was not accepted: the PBX refused it, or it was not where recordings may come from.',
  gone: () => 'The PBX no longer has this recording.',
  damaged: () => 'The file from the PBX is not usable audio, so nothing was saved.',
  missed: () => 'The PBX never sent the finished recording.',
  internal: () => 'Something went wrong inside Ozeki Recorder. The recording is kept.',
};

/** A finished recording the shared folder could not take: it waits on this computer and moves by itself. */
export const QUEUED = 'Kept on this computer — moved to the shared folder when it is back';

/** The call ended while its announcement is awaited (record, then announce): saved or not once it is over. */
const ANNOUNCING = 'Call ended — waiting for the announcement to finish';

/** Where a recording is on its way, when nothing went wrong. */
function progressWords(r: InFlightView): string {
  switch (r.state) {
    case 'requested':
    case 'unconfirmed':
      return 'Starting';
    case 'recording':
      return 'Recording, until the call ends';
    case 'announcing':
      return ANNOUNCING;
    case 'completed':
      return 'Call ended: fetching the file';
    case 'downloading':
      return r.totalBytes ? `Downloading, ${Math.floor(((r.downloadedBytes ?? 0) / r.totalBytes) * 100)} %` : 'Downloading';
    case 'saving':
      return 'Saving into the folder';
    case 'queued':
      return QUEUED;
    case 'missed':
      return REASONS.missed(false);
    default:
      return '';
  }
}

export interface InFlightActions {
  retry(r: InFlightView, button: HTMLElement): void;
  dismiss(r: InFlightView, button: HTMLElement): void;
}

/** The section, or nothing when no recording is on its way (the calm state). */
export function inFlightSection(items: readonly InFlightView[], actions: InFlightActions) {
  if (items.length === 0) return nothing;
  return html`<section class="in-flight" aria-labelledby="in-flight-title">
    <h2 id="in-flight-title">On their way <span class="count">${items.length}</span></h2>
    <ul aria-labelledby="in-flight-title">
      ${repeat(
        items,
        (r) => r.id,
        (r) => inFlightRow(r, actions),
      )}
    </ul>
  </section>`;
}

function inFlightRow(r: InFlightView, actions: InFlightActions) {
  const title = recordingTitle({ callerName: r.callerName, from: r.from, to: r.to });
  const failure = r.failure;
  const words = failure && r.state === 'failed' ? REASONS[failure.kind](failure.retryable) : progressWords(r);
  const downloading = r.state === 'downloading' && r.totalBytes !== undefined && r.totalBytes > 0;
  return html`<li class=${`in-flight-item ${r.state}`} tabindex="-1" data-id=${r.id}>
    <span class="title who">${recordingParties({ callerName: r.callerName, from: r.from, to: r.to })}</span>
    <span class=${failure && r.state === 'failed' ? 'reason error' : 'reason'}>
      ${failure && r.state === 'failed' ? icon('alert') : nothing}<span>${words}</span>
    </span>
    <span class="progress-slot">
      ${downloading ? html`<progress max=${String(r.totalBytes)} .value=${r.downloadedBytes ?? 0} aria-label=${`Download of ${title}`}></progress>` : nothing}
    </span>
    <span class="actions">
      ${
        r.canRetry
          ? html`<button type="button" aria-label=${`Retry the recording of ${title}`} @click=${(e: Event) => actions.retry(r, e.currentTarget as HTMLElement)}>
              ${icon('retry')}<span>Retry</span>
            </button>`
          : nothing
      }
      ${
        r.canDismiss
          ? html`<button
              type="button"
              class="quiet"
              aria-label=${`Dismiss the recording of ${title}`}
              @click=${(e: Event) => actions.dismiss(r, e.currentTarget as HTMLElement)}
            >
              ${icon('close')}<span>Dismiss</span>
            </button>`
          : nothing
      }
    </span>
    ${technicalDetails(failure ? [failure.message] : [])}
  </li>`;
}
