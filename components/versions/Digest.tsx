import styles from "./versions.module.css";

/**
 * A SHA-256 digest: the first 12 characters are shown, the full value is in the tooltip, in the
 * data attribute and, for screen readers, read out in full.
 */
export function Digest({ value, label = "SHA-256" }: { value: string; label?: string }) {
  return (
    <span className={styles.digest} data-digest={value} title={`${label} ${value}`}>
      <span className={styles.digestLabel}>{label}</span>
      <code aria-hidden="true">{value.slice(0, 12)}…</code>
      <span className="visually-hidden">{value}</span>
    </span>
  );
}
