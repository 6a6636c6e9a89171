// Kept free of next/* imports: the sign-in form (a client component) uses it too.

/**
 * The path to return to after sign-in, or "/" when the value would leave the site. Only a path on
 * this origin is accepted: not `//other-host`, `/\other-host` (browsers read the backslash as a
 * slash), an absolute URL on another origin, or a `javascript:` URL.
 */
export function safeCallbackPath(value: string | null | undefined, origin: string): string {
  if (!value || value.length > 2000) return "/";
  let url: URL;
  try {
    url = new URL(value, origin);
  } catch {
    return "/";
  }
  if (url.origin !== new URL(origin).origin) return "/";
  // A relative value must itself start with a single slash; URL() would otherwise resolve
  // "other-host" against the current path.
  if (!/^https?:\/\//i.test(value) && (!value.startsWith("/") || /^\/[/\\]/.test(value))) return "/";
  return `${url.pathname}${url.search}${url.hash}`;
}
