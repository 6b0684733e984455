/** The server's clock as this page estimates it: the view's serverNow plus the time since it arrived. */
export interface ServerClock {
  serverNow: number;
  receivedAt: number;
}

export function serverTime(clock: ServerClock, localNow: number): number {
  return clock.serverNow + (localNow - clock.receivedAt);
}

/** "2 d 4 h", "3 h 05 min", "4 min 09 s", "9 s"; "closed" at zero. Coarser when far away, like a departure board. */
export function countdownText(ms: number): string {
  if (ms <= 0) return "closed";
  const s = Math.ceil(ms / 1000);
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  const two = (n: number) => String(n).padStart(2, "0");
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${two(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${two(seconds)} s`;
  return `${seconds} s`;
}

/** A deadline as people read it, in their own time zone: "Thu 14 Jan, 17:00". */
export function deadlineLabel(deadline: number, locale?: string): string {
  return new Date(deadline).toLocaleString(locale, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" });
}
