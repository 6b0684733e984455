import type { BoardApi } from "../board/boardApi";
import { download } from "./download";

/** The name the server gives the file (Content-Disposition), else ours. */
function serverFileName(disposition: string | null, fallback: string): string {
  const name = disposition?.match(/filename="([^"/\\]+)"/)?.[1];
  return name ?? fallback;
}

/**
 * Downloads an export the server makes (the same bytes a script gets), with this page's
 * link token. Returns an error message for the panel, or null when the file was saved.
 */
export async function downloadExport(api: BoardApi, query: Record<string, string>, fallbackName: string): Promise<string | null> {
  try {
    const r = await fetch(`/api/boards/${api.info.id}/export?${new URLSearchParams(query).toString()}`, {
      headers: { authorization: `Bearer ${api.token}` },
    });
    if (!r.ok) return `Export failed (${r.status})`;
    download(await r.blob(), serverFileName(r.headers.get("content-disposition"), fallbackName));
    return null;
  } catch {
    return "Export failed (offline?)";
  }
}
