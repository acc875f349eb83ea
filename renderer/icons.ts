// The window's icons: Lucide's static SVGs (ISC licence), bundled as strings, drawn inline so they take the text's
// colour in both themes. No emoji (an empty box without an emoji font) and no icon font.
import { svg } from 'lit-html';
import { unsafeSVG } from 'lit-html/directives/unsafe-svg.js';
import {
  Check,
  ChevronDown,
  Circle,
  CircleAlert,
  CircleQuestionMark,
  Copy,
  Download,
  Ellipsis,
  FastForward,
  FolderOpen,
  Pause,
  Phone,
  PhoneIncoming,
  PhoneOutgoing,
  Pin,
  Play,
  RefreshCw,
  Rewind,
  Search,
  Settings,
  StickyNote,
  Trash,
  Undo2,
  WifiOff,
  X,
} from 'lucide-static';

const ICONS = {
  alert: CircleAlert,
  help: CircleQuestionMark,
  download: Download,
  more: Ellipsis,
  folder: FolderOpen,
  pause: Pause,
  incoming: PhoneIncoming,
  outgoing: PhoneOutgoing,
  internal: Phone,
  pin: Pin,
  play: Play,
  retry: RefreshCw,
  back: Rewind,
  forward: FastForward,
  search: Search,
  settings: Settings,
  trash: Trash,
  undo: Undo2,
  offline: WifiOff,
  close: X,
  record: Circle,
  check: Check,
  expand: ChevronDown,
  copy: Copy,
  note: StickyNote,
} as const;

export type IconName = keyof typeof ICONS;

/**
 * An icon, hidden from screen readers: the control it sits in carries the words (its text or aria-label).
 * The SVG text is the package's own, never data from the PBX or the user.
 */
export function icon(name: IconName) {
  const source = ICONS[name].replace('<svg', '<svg aria-hidden="true" focusable="false"');
  return svg`${unsafeSVG(source)}`;
}
