// How a saved recording's call was announced, in words for its row (the sidecar's `announcement`).
import type { AnnouncementView } from '../../../preload/contract.ts';

const PARTY: Record<AnnouncementView['party'], string> = { caller: 'the caller', callee: 'the called party', both: 'both parties' };

/** "Announced to the caller: said “This call is recorded”", "Recorded without announcement", "Not announced: …". */
export function announcementWords(a: AnnouncementView): string {
  switch (a.outcome) {
    case 'announced': {
      const how = a.how === 'text' ? `said “${a.what}”` : `played ${a.what}`;
      return `Announced to ${PARTY[a.party]}: ${how}${a.order === 'record-first' ? ' (in the recording)' : ''}`;
    }
    case 'skipped':
      return 'Recorded without announcement';
    case 'failed':
      return `Not announced: ${a.problem ?? 'the PBX did not say why'}`;
    case 'pending':
      return 'Not announced: the announcement never finished';
  }
}
