// The window's icons: Lucide's static SVGs (ISC licence), bundled as strings, drawn inline so they take the text's
// colour in both themes. No emoji (an empty box without an emoji font) and no icon font.
import { html, unsafeStatic } from 'lit-html/static.js';
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
  Plug,
  RadioReceiver,
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
  plug: Plug,
  listen: RadioReceiver,
} as const;

export type IconName = keyof typeof ICONS;

/**
 * An icon, hidden from screen readers: the control it sits in carries the words (its text or aria-label).
 * The SVG text is the package's own, never data from the PBX or the user.
 */
export function icon(name: IconName) {
  // A static part: lit parses each icon's SVG once and clones it after (a directive would parse it again for every
  // row drawn, which a list of hundreds of rows feels).
  return html`${(STATIC[name] ??= unsafeStatic(ICONS[name].replace('<svg', '<svg aria-hidden="true" focusable="false"')))}`;
}

const STATIC: Partial<Record<IconName, ReturnType<typeof unsafeStatic>>> = {};
