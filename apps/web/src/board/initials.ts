/**
 * An avatar's letters: the first letter of the first two words of a name, ignoring what is
 * in brackets and any punctuation ("Fran (facilitator)" → "F", "Ana-María López" → "AL").
 */
export function initials(name: string): string {
  const words = name.replace(/\([^)]*\)|\[[^\]]*\]/g, " ").match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
  const letters = words.slice(0, 2).map((w) => [...w][0]?.toLocaleUpperCase() ?? "");
  return letters.join("") || "?";
}
