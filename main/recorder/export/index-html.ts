import { localDay, localTime } from '../local-day.ts';
import { INDEX_COLUMNS, type ExportedRecording } from './index-rows.ts';

/** Text as HTML shows it and never runs it: & < > " ' escaped, so it is safe in an element and in an attribute. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A path inside the ZIP as a relative link: each part percent-encoded, so no part can end the attribute or leave the folder. */
function hrefOf(path: string): string {
  return escapeHtml(path.split('/').map(encodeURIComponent).join('/'));
}

const FILE_COLUMNS = new Set(['Audio file', 'Description file']);

const STYLE = `
  body { font: 14px/1.4 system-ui, sans-serif; margin: 2rem; color: #1b1f24; background: #fff; }
  h1 { font-size: 1.3rem; margin: 0 0 .25rem; }
  p { margin: 0 0 1rem; color: #4a5058; }
  table { border-collapse: collapse; width: 100%; }
  th, td { text-align: left; vertical-align: top; padding: .35rem .6rem; border-bottom: 1px solid #d5d9de; }
  th { background: #f1f3f5; position: sticky; top: 0; }
  td.note { white-space: pre-wrap; max-width: 28rem; }
  @media (prefers-color-scheme: dark) {
    body { color: #e6e8eb; background: #16181b; } p { color: #aab1ba; }
    th { background: #24282d; } th, td { border-color: #3a3f46; } a { color: #8cb8ff; }
  }
`;

/**
 * index.html: one page that needs nothing but itself (no script, no outside style, font or image; its CSP allows
 * none), listing the recordings with their notes and relative links to their files. Every text from the PBX or a
 * note is escaped and isolated (<bdi>), so it can neither add markup nor turn the rest of a line around.
 */
export function htmlIndex(recordings: readonly ExportedRecording[], exportedAt: Date): string {
  const columns = INDEX_COLUMNS.filter((c) => !FILE_COLUMNS.has(c.title));
  const cell = (title: string, text: string) => `<td${title === 'Note' ? ' class="note"' : ''}><bdi>${escapeHtml(text)}</bdi></td>`;
  const row = (r: ExportedRecording) =>
    `<tr>${columns.map((c) => cell(c.title, c.value(r))).join('')}` +
    `<td><a href="${hrefOf(r.audio)}">audio</a> · <a href="${hrefOf(r.description)}">description</a></td></tr>`;
  const count = recordings.length === 1 ? '1 recording' : `${recordings.length} recordings`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Recorded calls</title>
<style>${STYLE}</style>
</head>
<body>
<h1>Recorded calls</h1>
<p>${count}, exported by Ozeki Recorder on ${localDay(exportedAt)} at ${localTime(exportedAt)}. The files are in the folder recordings next to this page.</p>
<table>
<thead><tr>${columns.map((c) => `<th>${c.title}</th>`).join('')}<th>Files</th></tr></thead>
<tbody>
${recordings.map(row).join('\n')}
</tbody>
</table>
</body>
</html>
`;
}
