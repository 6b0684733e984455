/** Notes in text order (code units, locale-independent), then by id: how every list of notes reads. */
export function byText(a: { text: string; id: string }, b: { text: string; id: string }): number {
  if (a.text !== b.text) return a.text < b.text ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
