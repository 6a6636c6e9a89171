/**
 * The link to join a meeting online. Its label names the host rather than the whole address, so a
 * long address never breaks across lines in the middle; the full address is the link's target.
 */
export function JoinLink({ url }: { url: string }) {
  return (
    <a href={url} rel="noopener noreferrer" target="_blank" title={url} data-testid="join-link">
      Join online <span className="subtle">({hostOf(url)})</span>
    </a>
  );
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
