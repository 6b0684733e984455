/** A full-page message: errors (wrong link, deleted board) must never look like an empty canvas. */
export function MessagePage(props: { title: string; message: string; code?: string }) {
  return (
    <main className="message-page" data-testid="message-page" data-code={props.code}>
      <a className="brand" href="/">
        <span className="brand-mark" aria-hidden>◩</span> Quadrant
      </a>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      <a className="button primary" href="/">
        Go to the start page
      </a>
    </main>
  );
}
