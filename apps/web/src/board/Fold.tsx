import { type ReactNode, createContext, useContext, useState } from "react";
import { readFolded, setFolded } from "./panelFolds";

/** One shared fold set per page, so every section reads the same remembered state. */
const FoldContext = createContext<{ folded: ReadonlySet<string>; toggle: (id: string) => void } | null>(null);

/** Whether section `id` is folded, and a toggle for it (for a fold that is not a plain section, like the bottom sheet). */
export function useFold(id: string): [folded: boolean, toggle: () => void] {
  const context = useContext(FoldContext);
  return [context?.folded.has(id) ?? false, () => context?.toggle(id)];
}

export function FoldProvider({ children }: { children: ReactNode }) {
  const [folded, setState] = useState<ReadonlySet<string>>(() => readFolded());
  const toggle = (id: string) => setState(setFolded(id, !folded.has(id)));
  return <FoldContext.Provider value={{ folded, toggle }}>{children}</FoldContext.Provider>;
}

interface Props {
  /** Stable slug: the remembered fold state is keyed by it. */
  id: string;
  title: ReactNode;
  /** Heading level of the title (2 for side panels, 3 for groups inside the facilitation dock). */
  level: 2 | 3;
  className: string;
  headingClassName?: string;
  /** Shown beside the title, folded or not (e.g. "3 voted"). */
  extra?: ReactNode;
  label?: string;
  /** data-testid of the whole section (heading and body), for blocks the e2e tests already name. */
  testId?: string;
  children: ReactNode;
}

/**
 * A section whose body folds behind its heading (the disclosure pattern: a button in the heading
 * with aria-expanded). Folded bodies stay mounted but hidden, so drafts survive folding.
 */
export function Fold({ id, title, level, className, headingClassName, extra, label, testId, children }: Props) {
  const [folded, toggle] = useFold(id);
  const open = !folded;
  const Heading = level === 2 ? "h2" : "h3";
  const bodyId = `fold-body-${id}`;
  return (
    <section
      className={className}
      // Panels are named regions (landmarks to jump between); the dock's small groups are not.
      {...(level === 2 ? { "aria-labelledby": `fold-title-${id}` } : {})}
      data-fold={id} data-open={open ? "true" : "false"}
      {...(testId ? { "data-testid": testId } : {})}>
      <Heading className={`fold-heading ${headingClassName ?? ""}`}>
        <button
          type="button"
          className="fold-toggle"
          id={`fold-title-${id}`}
          aria-expanded={open}
          aria-controls={bodyId}
          data-testid={`fold-${id}`}
          {...(label ? { "aria-label": label } : {})}
          onClick={toggle}
        >
          <span className="fold-chevron" aria-hidden>
            ▸
          </span>
          {title}
        </button>
        {extra}
      </Heading>
      <div className="fold-body" id={bodyId} hidden={!open}>
        {children}
      </div>
    </section>
  );
}
