import styles from "./audit.module.css";

/** A SHA-256 hash shortened to 12 characters; the full value is in the tooltip, the data attribute and for screen readers. */
export function HashText({ value }: { value: string }) {
  return (
    <span className={styles.hash} title={value} data-hash={value}>
      <code aria-hidden="true">{value.slice(0, 12)}…</code>
      <span className="visually-hidden">{value}</span>
    </span>
  );
}
