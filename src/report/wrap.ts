// Word wrap for text reports on a terminal: lines break between words, never inside one, and continuation
// lines hang under the first line's text. A word longer than the room (a URL) is left whole on its own line.

/**
 * `first` is the prefix of the first line (its visible width counts; it may hold colour codes), `hang` the
 * number of spaces every further line starts with. Without a width the text stays on one line.
 */
export function wrapHanging(first: string, text: string, hang: number, width: number | undefined): string[] {
  if (!width) return [`${first}${text}`];
  // A narrow terminal with wide labels leaves no column for the text: hang it under a small indent instead.
  if (width - hang < 24) hang = Math.min(hang, 8);
  const lines: string[] = [];
  let line = first;
  let used = visibleLength(first);
  let empty = true;
  for (const word of text.split(/ +/)) {
    if (word === '') continue;
    if (!empty && used + 1 + word.length > width) {
      lines.push(line);
      line = ' '.repeat(hang);
      used = hang;
      empty = true;
    }
    line += empty ? word : ` ${word}`;
    used += (empty ? 0 : 1) + word.length;
    empty = false;
  }
  lines.push(line);
  return lines;
}

// Colour codes take no room on the screen.
function visibleLength(s: string): number {
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
