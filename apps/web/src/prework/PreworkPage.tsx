import { useEffect, useState } from "react";
import type { BoardInfo } from "@quadrant/protocol";
import { getBoard } from "../api/client";
import { MessagePage } from "../app/MessagePage";
import { loadIdentity, rememberBoard, type Identity } from "../app/localStore";
import { NamePrompt } from "../board/NamePrompt";
import { PreworkForm } from "./PreworkForm";
import "./prework.css";

type Access = { kind: "checking" } | { kind: "ok"; info: BoardInfo } | { kind: "denied"; title: string; message: string };

/**
 * The pre-work page (/b/:id/prework#t=…): a small form, phone first, that talks to the server
 * over REST only (no canvas, no websocket). Everyone does it alone; the server keeps each
 * answer to its author until the facilitator reveals it at the session.
 */
export default function PreworkPage({ boardId, token }: { boardId: string; token: string | null }) {
  const [access, setAccess] = useState<Access>({ kind: "checking" });
  const [identity, setIdentity] = useState<Identity | null>(loadIdentity);

  useEffect(() => {
    if (!token) return;
    let live = true;
    void getBoard(boardId, token).then((result) => {
      if (!live) return;
      if (result.kind === "ok") {
        const info = result.value;
        rememberBoard({ id: info.id, title: info.title, template: info.template, role: info.role, token, openedAt: Date.now() });
        setAccess({ kind: "ok", info });
      } else if (result.kind === "network") {
        setAccess({ kind: "denied", title: "You are offline", message: "The pre-work needs the server. Try again when you are back online." });
      } else {
        setAccess({ kind: "denied", title: "This link is not valid", message: "The link was revoked or is incomplete. Ask the facilitator for a new one." });
      }
    });
    return () => {
      live = false;
    };
  }, [boardId, token]);

  useEffect(() => {
    if (access.kind === "ok") document.title = `Pre-work · ${access.info.title} · Quadrant`;
  }, [access]);

  if (!token) return <MessagePage code="no_token" title="This link is incomplete" message="A pre-work link ends in #t=… Copy the whole link again from whoever sent it." />;
  switch (access.kind) {
    case "checking":
      return <div className="splash">Opening pre-work…</div>;
    case "denied":
      return <MessagePage title={access.title} message={access.message} />;
    case "ok":
      if (!identity) return <NamePrompt boardTitle={access.info.title} onDone={setIdentity} />;
      return <PreworkForm info={access.info} token={token} identity={identity} />;
  }
}
