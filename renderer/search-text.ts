// How the window's search and filter boxes compare text: what people type against what the list shows.

/** Lower case, accents off: "Kovács" and "KOVACS" both read "kovacs". */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
