// How a saved recording's call was announced, in words for its row (the sidecar's `announcement`): what was said
// or played and to whom. The failure's words are the live call's too (preload/display.ts `notAnnouncedWords`).
import type { AnnouncementView } from '../../../preload/contract.ts';
import { notAnnouncedWords } from '../../../preload/display.ts';

const PARTY: Record<AnnouncementView['party'], string> = { caller: 'the caller', callee: 'the called party', both: 'both parties' };

/** "Announced to the caller: said “This call is recorded”", "Recorded without announcement", "Not announced: …". */
export function savedAnnouncementWords(a: AnnouncementView): string {
  switch (a.outcome) {
    case 'announced': {
      const how = a.how === 'text' ? `said “${a.what}”` : `played ${a.what}`;
      return `Announced to ${PARTY[a.party]}: ${how}${a.order === 'record-first' ? ' (in the recording)' : ''}`;
    }
    case 'skipped':
      return 'Recorded without announcement';
    case 'failed':
      return notAnnouncedWords(a.problem);
    case 'pending':
      // Saved while still announcing: the call ended before the announcement was over.
      return notAnnouncedWords('the announcement never finished');
  }
}
