import { useCallback, useEffect, useState } from "react";
import { canEdit, CloseCode, type BoardInfo } from "@quadrant/protocol";
import { type ApiResult, getBoard } from "../api/client";
import { MessagePage } from "../app/MessagePage";
import { findBoard, loadIdentity, rememberBoard, type Identity } from "../app/localStore";
import { NamePrompt } from "./NamePrompt";
import { BoardRoom } from "./BoardRoom";
import type { SessionEnd } from "./useBoardSession";

type Access =
  | { kind: "checking" }
  | { kind: "ok"; info: BoardInfo; offline: boolean }
  | { kind: "denied"; title: string; message: string; code: string };

/** Turn a REST failure into the page a person should see. */
function deniedPage(status: number): Access {
  if (status === 404)
    return { kind: "denied", code: "not_found", title: "This board does not exist", message: "It may have been deleted by its facilitator, or the link is mistyped." };
  if (status === 401 || status === 403)
    return { kind: "denied", code: "unauthorized", title: "This link is not valid", message: "The link was revoked or is incomplete. Ask the facilitator for a new one." };
  return { kind: "denied", code: "error", title: "The board could not be opened", message: `The server answered with an error (${status}). Try again in a moment.` };
}

interface Props {
  boardId: string;
  token: string | null;
  /** The access check main.tsx started while this page's code loaded (the first one only). */
  firstAccess?: Promise<ApiResult<BoardInfo>>;
}

export default function BoardPage({ boardId, token, firstAccess }: Props) {
  const [access, setAccess] = useState<Access>({ kind: "checking" });
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);

  useEffect(() => {
    if (!token) return;
    let live = true;
    void (firstAccess ?? getBoard(boardId, token)).then((result) => {
      if (!live) return;
      switch (result.kind) {
        case "ok":
          rememberBoard({ id: result.value.id, title: result.value.title, template: result.value.template, role: result.value.role, token, openedAt: Date.now() });
          setAccess({ kind: "ok", info: result.value, offline: false });
          return;
        case "error":
          setAccess(deniedPage(result.status));
          return;
        case "network": {
          // Offline reload: open what this browser kept, with the role we last had.
          const known = findBoard(boardId);
          setAccess(
            known && known.token === token
              ? { kind: "ok", offline: true, info: { id: known.id, title: known.title, template: known.template, createdAt: "", role: known.role } }
              : { kind: "denied", code: "offline", title: "You are offline", message: "This board has not been opened on this device before, so there is nothing to show until the connection is back." },
          );
          return;
        }
      }
    });
    return () => {
      live = false;
    };
  }, [boardId, token, firstAccess]);

  const checkAccess = useCallback(async (): Promise<SessionEnd | null> => {
    if (!token) return null;
    const result = await getBoard(boardId, token);
    return result.kind === "error" && (result.status === 401 || result.status === 404 || result.status === 403)
      ? { kind: "denied", status: result.status, message: result.message }
      : null;
  }, [boardId, token]);

  const onEnd = useCallback((end: SessionEnd) => {
    switch (end.kind) {
      case "denied":
        setAccess(deniedPage(end.status));
        return;
      case "terminal":
        setAccess(deniedPage(end.code === CloseCode.BoardDeleted ? 404 : 401));
        return;
    }
  }, []);

  useEffect(() => {
    if (access.kind === "ok") document.title = `${access.info.title} · Quadrant`;
  }, [access]);

  if (!token) {
    return <MessagePage code="no_token" title="This link is incomplete" message="A board link ends in #t=… Copy the whole link again from whoever shared it." />;
  }
  switch (access.kind) {
    case "checking":
      return <div className="splash">Opening board…</div>;
    case "denied":
      return <MessagePage code={access.code} title={access.title} message={access.message} />;
    case "ok":
      if (!identity) return <NamePrompt boardTitle={access.info.title} onDone={setIdentity} />;
      return (
        <BoardRoom
          info={access.info}
          token={token}
          identity={identity}
          editable={canEdit(access.info.role)}
          checkAccess={checkAccess}
          onEnd={onEnd}
        />
      );
  }
}
