import { Fragment, type ReactNode } from "react";
import type { ChangeAttribution, RowAttributions } from "@/lib/versions/attribute-changes";
import { partsOfSide, type DiffPart, type DiffRow } from "@/lib/versions/compare-texts";
import type { TextBlock } from "@/lib/versions/text-blocks";
import { attributionTitle, ProposerChips } from "./Proposers";
import styles from "./versions.module.css";

/** Unchanged runs longer than this are folded, keeping one paragraph of context at each end. */
const FOLD_AFTER = 4;

type Group = { kind: "rows"; rows: { row: DiffRow; index: number }[] } | { kind: "folded"; rows: { row: DiffRow; index: number }[] };

/** Splits rows into visible runs and folded runs of unchanged paragraphs. */
function groupRows(rows: DiffRow[]): Group[] {
  const groups: Group[] = [];
  let index = 0;
  while (index < rows.length) {
    if (rows[index].change !== "same") {
      const start = index;
      while (index < rows.length && rows[index].change !== "same") index++;
      groups.push({ kind: "rows", rows: rows.slice(start, index).map((row, offset) => ({ row, index: start + offset })) });
      continue;
    }
    const start = index;
    while (index < rows.length && rows[index].change === "same") index++;
    const run = rows.slice(start, index).map((row, offset) => ({ row, index: start + offset }));
    const keepBefore = start === 0 ? 0 : 1;
    const keepAfter = index === rows.length ? 0 : 1;
    if (run.length <= FOLD_AFTER + keepBefore + keepAfter) {
      groups.push({ kind: "rows", rows: run });
      continue;
    }
    if (keepBefore) groups.push({ kind: "rows", rows: run.slice(0, keepBefore) });
    groups.push({ kind: "folded", rows: run.slice(keepBefore, run.length - keepAfter) });
    if (keepAfter) groups.push({ kind: "rows", rows: run.slice(run.length - keepAfter) });
  }
  return groups;
}

function blockClass(block: TextBlock | null, row: DiffRow): string {
  const classes = [styles.block];
  if (block?.kind === "heading") classes.push(styles[`heading${Math.min(block.level ?? 3, 3)}`]);
  if (block?.container === "list") classes.push(styles.inList);
  if (block?.container === "table") classes.push(styles.inTable);
  if (block?.container === "quote") classes.push(styles.inQuote);
  if (row.change === "changed") classes.push(styles.blockChanged);
  if (row.change === "added") classes.push(styles.blockAdded);
  if (row.change === "removed") classes.push(styles.blockRemoved);
  if (row.change === "restyled") classes.push(styles.blockRestyled);
  return classes.join(" ");
}

/** A run of a compared block, with where it came from when it changed (null when not known or not asked). */
type ShownPart = DiffPart & { attribution: ChangeAttribution | null };

function Parts({ parts }: { parts: ShownPart[] }) {
  return (
    <>
      {parts.map((part, index) =>
        part.change === "added" ? (
          <Fragment key={index}>
            <ins className={styles.inserted} title={attributionTitle(part.attribution)}>{part.text}</ins>
            <ProposerChips attribution={part.attribution} />
          </Fragment>
        ) : part.change === "removed" ? (
          <Fragment key={index}>
            <del className={styles.deleted} title={attributionTitle(part.attribution)}>{part.text}</del>
            <ProposerChips attribution={part.attribution} />
          </Fragment>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </>
  );
}

function Block({ block, row, parts, id }: { block: TextBlock | null; row: DiffRow; parts: ShownPart[]; id?: string }) {
  if (block?.kind === "rule") return <hr className={styles.rule} id={id} />;
  const number = block?.number ?? null;
  return (
    <p className={blockClass(block, row)} id={id} data-change={row.change} data-number={number?.kind}>
      {/* Numbered by the editor's rules (lib/editor/numbering.ts): "Article 3" above its title, "2." before a paragraph. */}
      {number && <span className={number.kind === "article" ? styles.articleNumber : styles.paragraphNumber}>{number.label} </span>}
      <Parts parts={parts} />
      {row.change === "restyled" && <span className={styles.note}>Formatting or spacing changed</span>}
    </p>
  );
}

const anchorOf = (row: DiffRow, index: number) => (row.change === "same" ? undefined : `change-${index}`);

function Folded({ count, children }: { count: number; children: ReactNode }) {
  return (
    <details className={styles.collapsed}>
      <summary>{count} unchanged paragraphs</summary>
      {children}
    </details>
  );
}

/**
 * Both texts merged: deletions struck through and insertions underlined, in reading order, each
 * change followed by the economy that proposed it when `attributions` tell.
 */
export function InlineDiff({ rows, attributions = null }: { rows: DiffRow[]; attributions?: RowAttributions | null }) {
  const renderRow = ({ row, index }: { row: DiffRow; index: number }) => (
    <Block
      key={index}
      block={row.after ?? row.before}
      row={row}
      parts={row.parts.map((part, partIndex) => ({ ...part, attribution: attributions?.[index]?.[partIndex] ?? null }))}
      id={anchorOf(row, index)}
    />
  );
  return (
    <div className={styles.diff} data-testid="inline-diff">
      {groupRows(rows).map((group, index) =>
        group.kind === "folded" ? (
          <Folded key={index} count={group.rows.length}>{group.rows.map(renderRow)}</Folded>
        ) : (
          group.rows.map(renderRow)
        ),
      )}
    </div>
  );
}

/** The older text on the left with its deletions, the newer on the right with its insertions, row by row. */
export function SideBySideDiff({ rows, beforeLabel, afterLabel, attributions = null }: {
  rows: DiffRow[];
  beforeLabel: string;
  afterLabel: string;
  attributions?: RowAttributions | null;
}) {
  const sideParts = (row: DiffRow, index: number, side: "before" | "after"): ShownPart[] =>
    partsOfSide(row, side).map(({ partIndex, ...part }) => ({ ...part, attribution: partIndex === null ? null : (attributions?.[index]?.[partIndex] ?? null) }));
  const renderRow = ({ row, index }: { row: DiffRow; index: number }) => (
    <tr key={index} id={anchorOf(row, index)}>
      <td>
        {row.before ? (
          <Block block={row.before} row={row} parts={sideParts(row, index, "before")} />
        ) : (
          <div className={styles.emptySide} aria-label="Not in this text" />
        )}
      </td>
      <td>
        {row.after ? (
          <Block block={row.after} row={row} parts={sideParts(row, index, "after")} />
        ) : (
          <div className={styles.emptySide} aria-label="Not in this text" />
        )}
      </td>
    </tr>
  );
  return (
    <div className={styles.diff}>
      <table className={styles.sideBySide} data-testid="side-by-side-diff">
        <colgroup>
          <col style={{ width: "50%" }} />
          <col style={{ width: "50%" }} />
        </colgroup>
        <thead>
          <tr>
            <th scope="col">{beforeLabel}</th>
            <th scope="col">{afterLabel}</th>
          </tr>
        </thead>
        {groupRows(rows).map((group, index) =>
          group.kind === "folded" ? (
            <tbody key={index}>
              <tr>
                <td colSpan={2}>
                  <Folded count={group.rows.length}>
                    <table className={styles.sideBySide}>
                      <colgroup>
                        <col style={{ width: "50%" }} />
                        <col style={{ width: "50%" }} />
                      </colgroup>
                      <tbody>{group.rows.map(renderRow)}</tbody>
                    </table>
                  </Folded>
                </td>
              </tr>
            </tbody>
          ) : (
            <tbody key={index}>{group.rows.map(renderRow)}</tbody>
          ),
        )}
      </table>
    </div>
  );
}
