/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const n = Number.parseInt(hex.replace("#", "").padEnd(6, "0").slice(0, 6), 16);
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel((n >> 16) & 255) + 0.7152 * channel((n >> 8) & 255) + 0.0722 * channel(n & 255);
}

const WHITE = "#ffffff";
const INK = "#1b1f24";

/**
 * The colour for initials on an avatar of `background` (a person's chosen colour): white where
 * it reaches 4.5:1, else the page's ink, whichever contrasts more (a green or orange avatar
 * with white initials fails WCAG AA; axe-core flags it).
 */
export function avatarInk(background: string): string {
  if (!/^#[0-9a-f]{3,8}$/i.test(background)) return WHITE;
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onInk = (l + 0.05) / (luminance(INK) + 0.05);
  return onWhite >= 4.5 || onWhite >= onInk ? WHITE : INK;
}
